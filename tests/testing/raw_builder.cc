#include "testing/raw_builder.h"

namespace scrx::testing {

double RawBuilder::Width(std::string_view text, double size) {
  // Count code points, not bytes.
  double n = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) n += 1;
  }
  return n * 0.5 * size;
}

RawBuilder& RawBuilder::Page(double width, double height) {
  RawPage p;
  p.number = static_cast<int>(doc_.pages.size()) + 1;
  p.width = width;
  p.height = height;
  doc_.pages.push_back(std::move(p));
  doc_.info.pages = static_cast<int>(doc_.pages.size());
  return *this;
}

RawBuilder& RawBuilder::Line(double x, double y, std::string_view text, Style style) {
  if (doc_.pages.empty()) Page();
  RawPage& page = doc_.pages.back();
  double cx = x;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') {
      cx += 0.25 * style.size;
      ++i;
    }
    size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    if (j > i) {
      std::string_view w = text.substr(i, j - i);
      Word word;
      word.text = std::string(w);
      double width = Width(w, style.size);
      word.box = {cx, y, cx + width, y + style.size};
      word.font = style.bold ? "TestSans-Bold" : style.italic ? "TestSans-Italic" : "TestSans";
      word.font_size = style.size;
      word.bold = style.bold;
      word.italic = style.italic;
      word.space_after = j < text.size();
      page.words.push_back(std::move(word));
      cx += width;
    }
    i = j;
  }
  return *this;
}

double RawBuilder::Lines(double x, double y, std::initializer_list<std::string_view> lines,
                         Style style, double leading) {
  for (std::string_view l : lines) {
    Line(x, y, l, style);
    y += leading;
  }
  return y;
}

}  // namespace scrx::testing
