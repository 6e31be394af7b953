#include "fuzz_entry.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <memory>
#include <utility>
#include <vector>

#include "app/pipeline.h"
#include "layout/layout.h"
#include "segment/segment.h"
#include "tag/pattern_set.h"
#include "tag/tagger.h"
#include "testing/raw_builder.h"

namespace scrx::fuzz {
namespace {

// Limits that keep one input fast; a real document is larger, but the code paths are the same.
constexpr int kMaxPages = 40;
constexpr int kMaxWords = 6000;
constexpr std::size_t kMaxTextBytes = 64 * 1024;

// Reads little-endian integers from the fuzz bytes; past the end everything reads as 0.
class Reader {
 public:
  Reader(const std::uint8_t* data, std::size_t size) : p_(data), end_(data + size) {}
  bool empty() const { return p_ >= end_; }
  std::uint8_t U8() { return p_ < end_ ? *p_++ : 0; }
  std::uint16_t U16() {
    std::uint16_t lo = U8();
    return static_cast<std::uint16_t>(lo | (U8() << 8));
  }
  std::string Bytes(std::size_t n) {
    n = std::min<std::size_t>(n, static_cast<std::size_t>(end_ - p_));
    std::string s(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return s;
  }

 private:
  const std::uint8_t* p_;
  const std::uint8_t* end_;
};

// Coordinates are sixteenths of a point, offset so that a little of the page's outside is
// reachable; sizes are quarters of a point.
double Coord(std::uint16_t v) { return v / 16.0 - 100.0; }
std::uint16_t EncodeCoord(double c) {
  return static_cast<std::uint16_t>(std::clamp(std::lround((c + 100.0) * 16.0), 0L, 65535L));
}
std::uint16_t EncodeLength(double c) {
  return static_cast<std::uint16_t>(std::clamp(std::lround(c * 16.0), 0L, 65535L));
}
std::uint8_t EncodeQuarter(double c) {
  return static_cast<std::uint8_t>(std::clamp(std::lround(c * 4.0), 0L, 255L));
}

// Values a hostile PDF can give Poppler's text boxes: zero, tiny, negative and huge numbers.
// (Not-a-number and infinity are left out: see fuzz/README.md.)
constexpr double kExtremes[8] = {0.0, -0.25, 1e-9, -1e4, 1e5, 1e9, -1e9, 1e15};

const char* const kFonts[4] = {"TestSerif", "TestSans-Bold", "TestSans-Italic", "Symbol"};

const tag::PatternSet& ShippedPatterns() {
  static const tag::PatternSet* set = [] {
    Status s;
    std::unique_ptr<tag::PatternSet> p = tag::PatternSet::Load({tag::DefaultPatternsDir()}, &s);
    if (!p) {
      std::fprintf(stderr, "fuzz: cannot load the shipped patterns: %s\n", s.ToString().c_str());
      std::abort();
    }
    return p.release();
  }();
  return *set;
}

// Splits `text` into lines at '\n'.
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

}  // namespace

// ---------------------------------------------------------------------------------------------
// (a) Word boxes.
//
// A stream of records. Each starts with an op byte; op % 8 == 0 starts a page (u16 width,
// u16 height in 1/16 pt), anything else is a word on the current page:
//   u16 x0, u16 y0 (1/16 pt, minus 100 pt), u16 width (1/16 pt), u8 height, u8 font size
//   (1/4 pt), u8 flags (bit 0 bold, 1 italic, 2 space after, 3-4 rotation / 90, 5 an extreme
//   value follows, 6-7 font name), [u8 extreme: field e % 6 (x0, y0, x1, y1, size, page
//   width) gets kExtremes[(e / 6) % 8]], u8 length % 64, then the text bytes.

RawDocument DecodeWords(const std::uint8_t* data, std::size_t size) {
  Reader r(data, size);
  RawDocument doc;
  int words = 0;
  auto new_page = [&doc](double w, double h) {
    RawPage p;
    p.number = static_cast<int>(doc.pages.size()) + 1;
    p.width = w;
    p.height = h;
    doc.pages.push_back(std::move(p));
  };
  while (!r.empty() && words < kMaxWords) {
    std::uint8_t op = r.U8();
    if (op % 8 == 0) {
      double w = r.U16() / 16.0, h = r.U16() / 16.0;
      if (static_cast<int>(doc.pages.size()) >= kMaxPages) break;
      new_page(w, h);
      continue;
    }
    if (doc.pages.empty()) new_page(595, 842);
    RawPage& page = doc.pages.back();
    Word w;
    double x0 = Coord(r.U16()), y0 = Coord(r.U16());
    double width = r.U16() / 16.0;
    double height = r.U8() / 4.0;
    w.font_size = r.U8() / 4.0;
    std::uint8_t flags = r.U8();
    w.bold = flags & 1;
    w.italic = (flags >> 1) & 1;
    w.space_after = (flags >> 2) & 1;
    w.rotation = ((flags >> 3) & 3) * 90;
    w.font = kFonts[(flags >> 6) & 3];
    w.box = {x0, y0, x0 + width, y0 + height};
    if (flags & 0x20) {
      std::uint8_t e = r.U8();
      double v = kExtremes[(e / 6) % 8];
      double* fields[] = {&w.box.x0, &w.box.y0, &w.box.x1, &w.box.y1, &w.font_size, &page.width};
      *fields[e % 6] = v;
    }
    w.text = r.Bytes(r.U8() % 64);
    if (w.text.empty()) continue;  // the reader drops empty words
    page.words.push_back(std::move(w));
    ++words;
  }
  doc.info.pages = static_cast<int>(doc.pages.size());
  return doc;
}

std::string EncodeWords(const RawDocument& raw, int max_pages) {
  std::string out;
  auto u8 = [&out](unsigned v) { out.push_back(static_cast<char>(v & 0xFF)); };
  auto u16 = [&u8](unsigned v) {
    u8(v);
    u8(v >> 8);
  };
  for (const RawPage& page : raw.pages) {
    if (page.number > max_pages) break;
    u8(0);
    u16(EncodeLength(page.width));
    u16(EncodeLength(page.height));
    for (const Word& w : page.words) {
      u8(1);
      u16(EncodeCoord(w.box.x0));
      u16(EncodeCoord(w.box.y0));
      u16(EncodeLength(w.box.width()));
      u8(EncodeQuarter(w.box.height()));
      u8(EncodeQuarter(w.font_size));
      unsigned font = w.bold ? 1 : w.italic ? 2 : 0;
      u8((w.bold ? 1 : 0) | (w.italic ? 2 : 0) | (w.space_after ? 4 : 0) |
         (((w.rotation / 90) & 3) << 3) | (font << 6));
      std::string text = w.text.substr(0, 63);
      u8(static_cast<unsigned>(text.size()));
      out += text;
    }
  }
  return out;
}

void FuzzLayout(const std::uint8_t* data, std::size_t size) {
  RawDocument raw = DecodeWords(data, size);
  layout::LayoutOptions options;  // the default lexicon (Hunspell en_GB when installed)
  LaidOutDocument laid = layout::BuildLayout(raw, options);
  SegmentedDocument seg = segment::Segment(laid);
  (void)seg;
}

// ---------------------------------------------------------------------------------------------
// (b) Marked-up text, set on A4 pages as Poppler would report it (tests/testing/raw_builder.h).
//
// One line per '\n'; a '\f' starts a page. Directives: "@T title", "@A author" (PDF info),
// "@H text" (a running header on every later page), "@F text" (a running footer; '#' is the
// page number). A line starting with "# ", "## ", "### " is a heading (18, 14, 12 pt bold),
// "**" bold, "_" italic, "^" a small footnote line at the foot of the page. Leading spaces
// indent; '|' separates table cells; a '\t' sets what follows at the right margin (contents
// pages). Long lines wrap at the right margin.

RawDocument DecodeText(std::string_view text) {
  using testing::RawBuilder;
  using testing::Style;
  if (text.size() > kMaxTextBytes) text = text.substr(0, kMaxTextBytes);
  RawBuilder b;
  RawDocument doc;
  std::string header, footer, title, author;
  constexpr double kLeft = 72, kRight = 523, kTop = 72, kBottom = 760;
  double y = kTop, foot_y = kBottom + 10;
  int pages = 0;
  auto new_page = [&]() {
    b.Page();
    ++pages;
    y = kTop;
    foot_y = kBottom + 10;
    if (!header.empty()) b.Line(kLeft, 36, header, Style{9, false, false});
    if (!footer.empty()) {
      std::string f = footer;
      for (std::size_t i = f.find('#'); i != std::string::npos; i = f.find('#', i + 1)) {
        std::string n = std::to_string(pages);
        f.replace(i, 1, n);
        i += n.size() - 1;
      }
      b.Line(kLeft, 806, f, Style{9, false, false});
    }
  };
  new_page();
  for (std::string_view line : SplitLines(text)) {
    if (pages >= kMaxPages) break;
    // Form feeds: every one starts a page.
    while (true) {
      std::size_t ff = line.find('\f');
      if (ff == std::string_view::npos) break;
      line = line.substr(ff + 1);
      if (pages >= kMaxPages) break;
      new_page();
    }
    if (StartsWith(line, "@T ")) {
      title = std::string(line.substr(3));
      continue;
    }
    if (StartsWith(line, "@A ")) {
      author = std::string(line.substr(3));
      continue;
    }
    if (StartsWith(line, "@H ")) {
      header = std::string(line.substr(3));
      continue;
    }
    if (StartsWith(line, "@F ")) {
      footer = std::string(line.substr(3));
      continue;
    }
    Style style;
    bool footnote = false;
    if (StartsWith(line, "### ")) {
      style = {12, true, false};
      line.remove_prefix(4);
    } else if (StartsWith(line, "## ")) {
      style = {14, true, false};
      line.remove_prefix(3);
    } else if (StartsWith(line, "# ")) {
      style = {18, true, false};
      line.remove_prefix(2);
    } else if (StartsWith(line, "**")) {
      style.bold = true;
      line.remove_prefix(2);
    } else if (StartsWith(line, "_")) {
      style.italic = true;
      line.remove_prefix(1);
    } else if (StartsWith(line, "^")) {
      style.size = 7;
      footnote = true;
      line.remove_prefix(1);
    }
    double x = kLeft;
    while (!line.empty() && line.front() == ' ') {
      x += 9;
      line.remove_prefix(1);
    }
    if (x > kRight - 50) x = kRight - 50;
    double leading = style.size * 1.35;
    if (footnote) {
      b.Line(kLeft, foot_y, line, style);
      foot_y += leading;
      continue;
    }
    if (y + leading > kBottom) new_page();
    if (line.find('|') != std::string_view::npos) {
      std::vector<std::string_view> cells;
      std::size_t start = 0;
      while (true) {
        std::size_t bar = line.find('|', start);
        cells.push_back(line.substr(start, bar == std::string_view::npos ? bar : bar - start));
        if (bar == std::string_view::npos) break;
        start = bar + 1;
      }
      double cell_w = (kRight - x) / static_cast<double>(cells.size());
      for (std::size_t i = 0; i < cells.size(); ++i) {
        b.Line(x + static_cast<double>(i) * cell_w, y, cells[i], style);
      }
      y += leading;
      continue;
    }
    std::string_view right;
    if (std::size_t tab = line.find('\t'); tab != std::string_view::npos) {
      right = line.substr(tab + 1);
      line = line.substr(0, tab);
      b.Line(kRight - RawBuilder::Width(right, style.size), y, right, style);
    }
    // Greedy wrap at the right margin.
    double room = kRight - x;
    while (true) {
      std::size_t cut = line.size();
      if (RawBuilder::Width(line, style.size) > room) {
        std::size_t last_space = std::string_view::npos;
        for (std::size_t i = 0; i < line.size(); ++i) {
          if (line[i] == ' ') {
            if (RawBuilder::Width(line.substr(0, i), style.size) > room) break;
            last_space = i;
          }
        }
        if (last_space != std::string_view::npos && last_space > 0) cut = last_space;
      }
      b.Line(x, y, line.substr(0, cut), style);
      y += leading;
      if (cut >= line.size()) break;
      line = line.substr(cut + 1);
      if (y + leading > kBottom) {
        if (pages >= kMaxPages) break;
        new_page();
      }
    }
  }
  doc = b.Build();
  doc.info.title = title;
  doc.info.author = author;
  doc.info.pdf_version = "1.7";
  return doc;
}

void FuzzAnalyze(const std::uint8_t* data, std::size_t size) {
  RawDocument raw = DecodeText(std::string_view(reinterpret_cast<const char*>(data), size));
  app::PipelineOptions options;
  options.patterns = &ShippedPatterns();
  Review review;
  app::AnalyzeDocument(std::move(raw), options, &review);
}

// ---------------------------------------------------------------------------------------------
// (c) Sections for the tagger. The first byte: bit 0 the review is about an adult. Then text:
// a line "# K title" starts a section whose kind is K - 'a' (mod the number of kinds); other
// lines are paragraphs ("4.2 text" is numbered), a blank line ends one; a '\f' moves to the
// next page.

void FuzzTag(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return;
  tag::TagContext context;
  context.adult_review = data[0] & 1;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  if (text.size() > kMaxTextBytes) text = text.substr(0, kMaxTextBytes);
  constexpr int kKinds = static_cast<int>(SectionKind::kOther) + 1;
  std::vector<Section> sections;
  int page = 1, paragraphs = 0;
  std::string current;
  auto flush = [&]() {
    if (current.empty()) return;
    if (sections.empty()) sections.emplace_back();
    Paragraph p;
    std::size_t sp = current.find(' ');
    if (sp != std::string::npos && sp > 0 && std::isdigit(static_cast<unsigned char>(current[0]))) {
      p.kind = Paragraph::Kind::kNumbered;
      p.number = current.substr(0, sp);
      p.id = p.number;
      current = current.substr(sp + 1);
    } else {
      p.id = "p" + std::to_string(++paragraphs);
    }
    p.page = p.page_end = page;
    p.text = std::move(current);
    current.clear();
    sections.back().paragraphs.push_back(std::move(p));
    sections.back().page_end = page;
  };
  for (std::string_view line : SplitLines(text)) {
    for (std::size_t ff = line.find('\f'); ff != std::string_view::npos; ff = line.find('\f')) {
      line = line.substr(ff + 1);
      ++page;
    }
    if (StartsWith(line, "# ") && line.size() >= 3) {
      flush();
      Section s;
      s.kind = static_cast<SectionKind>(((line[2] - 'a') % kKinds + kKinds) % kKinds);
      s.title_kind = s.kind;
      s.title = std::string(line.substr(std::min<std::size_t>(4, line.size())));
      s.number = std::to_string(sections.size() + 1);
      s.page_start = s.page_end = page;
      sections.push_back(std::move(s));
      continue;
    }
    if (line.empty()) {
      flush();
      continue;
    }
    if (!current.empty()) current += ' ';
    current += line;
  }
  flush();
  const tag::PatternSet& set = ShippedPatterns();
  tag::Tagger tagger(&set);
  int words = 0;
  std::vector<ThemeResult> results = tagger.Tag(sections, &words, context);
  (void)results;
  // Each paragraph alone, for one theme picked by its length.
  int checked = 0;
  for (const Section& s : sections) {
    for (const Paragraph& p : s.paragraphs) {
      if (++checked > 16) return;
      int theme = static_cast<int>(p.text.size() % set.themes().size());
      std::string why;
      tagger.SentencePresent(p.text, theme, &why);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// (d) Pattern files. A line "#@file NAME" starts a new file called NAME (a YAML comment, so a
// seed stays a valid pattern file); text before the first such line is "fuzz.yaml". A set
// that loads is used: every example sentence is tested (as `scrx patterns test` does) and the
// examples, as one section of analysis, are tagged.

void FuzzPatterns(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  if (text.size() > kMaxTextBytes) text = text.substr(0, kMaxTextBytes);
  std::vector<std::pair<std::string, std::string>> files;
  for (std::string_view line : SplitLines(text)) {
    if (StartsWith(line, "#@file ")) {
      if (files.size() >= 16) break;
      files.emplace_back(std::string(line.substr(7)), "");
      continue;
    }
    if (files.empty()) files.emplace_back("fuzz.yaml", "");
    files.back().second.append(line);
    files.back().second.push_back('\n');
  }
  Status status;
  std::unique_ptr<tag::PatternSet> set = tag::PatternSet::FromStrings(files, &status);
  if (!set) return;
  (void)set->hash();
  tag::Tagger tagger(set.get());
  Section section;
  section.kind = SectionKind::kAnalysis;
  section.title = "Analysis";
  section.page_start = section.page_end = 1;
  int examples = 0;
  for (std::size_t t = 0; t < set->themes().size(); ++t) {
    const tag::Theme& theme = set->themes()[t];
    for (const auto* list : {&theme.match_examples, &theme.no_match_examples}) {
      for (const tag::Example& e : *list) {
        if (++examples > 64) break;
        std::string why;
        tagger.SentencePresent(e.sentence, static_cast<int>(t), &why);
        Paragraph p;
        p.id = "p" + std::to_string(examples);
        p.page = p.page_end = 1;
        p.text = e.sentence;
        section.paragraphs.push_back(std::move(p));
      }
    }
  }
  int words = 0;
  for (bool adult : {false, true}) {
    tag::TagContext context;
    context.adult_review = adult;
    tagger.Tag({section}, &words, context);
  }
}

EntryFn FindEntry(std::string_view name) {
  if (name == "layout") return &FuzzLayout;
  if (name == "analyze") return &FuzzAnalyze;
  if (name == "tag") return &FuzzTag;
  if (name == "patterns") return &FuzzPatterns;
  return nullptr;
}

}  // namespace scrx::fuzz
