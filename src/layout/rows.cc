// Words -> rows: words whose vertical extents overlap, at one height on the page.
#include <algorithm>
#include <cmath>
#include <map>

#include "layout/internal.h"
#include "layout/normalize.h"

namespace scrx::layout::internal {
namespace {

struct RowBuild {
  std::vector<int> words;
  double core_y0 = 0, core_y1 = 0;  // vertical extent of the row's largest word
  double core_size = 0;
};

double Overlap(double a0, double a1, double b0, double b1) {
  return std::min(a1, b1) - std::max(a0, b0);
}

bool IsMarkerText(const std::string& t) {
  if (t.empty() || t.size() > 4) return false;
  return std::all_of(t.begin(), t.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '*' || (static_cast<unsigned char>(c) & 0x80);
  });
}

}  // namespace

void ComputeRowStyle(const RawPage& page, Row* row) {
  std::map<double, size_t> size_chars;
  size_t chars = 0, bold_chars = 0, italic_chars = 0;
  bool first = true;
  for (int i : row->words) {
    const Word& w = page.words[static_cast<size_t>(i)];
    size_t n = w.text.size();
    chars += n;
    if (w.bold) bold_chars += n;
    if (w.italic) italic_chars += n;
    size_chars[std::round(w.font_size * 10) / 10] += n;
    if (first) {
      row->box = w.box;
      first = false;
    } else {
      row->box.x0 = std::min(row->box.x0, w.box.x0);
      row->box.y0 = std::min(row->box.y0, w.box.y0);
      row->box.x1 = std::max(row->box.x1, w.box.x1);
      row->box.y1 = std::max(row->box.y1, w.box.y1);
    }
  }
  size_t best = 0;
  for (const auto& [size, n] : size_chars) {
    if (n >= best) {
      best = n;
      row->size = size;
    }
  }
  // Bold means the whole line (headings, header rows); a bold lead-in ("Recommendation 1:"
  // followed by regular text) leaves the line regular, part of its paragraph.
  row->bold = chars > 0 && bold_chars * 10 >= chars * 9;
  row->italic = chars > 0 && italic_chars * 2 > chars;
}

std::vector<Row> BuildRows(const RawPage& page, int* rotated) {
  *rotated = 0;
  std::vector<int> order;
  order.reserve(page.words.size());
  for (size_t i = 0; i < page.words.size(); ++i) {
    const Word& w = page.words[i];
    if (w.rotation != 0) {
      ++*rotated;
      continue;
    }
    if (w.box.height() <= 0 || w.box.width() < 0) continue;
    bool blank = std::all_of(w.text.begin(), w.text.end(), [](char c) { return c == ' '; });
    if (!blank) order.push_back(static_cast<int>(i));
  }
  auto center = [&](int i) {
    const Box& b = page.words[static_cast<size_t>(i)].box;
    return (b.y0 + b.y1) / 2;
  };
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    double ca = center(a), cb = center(b);
    if (std::fabs(ca - cb) > 0.01) return ca < cb;
    return page.words[static_cast<size_t>(a)].box.x0 < page.words[static_cast<size_t>(b)].box.x0;
  });

  std::vector<RowBuild> rows;
  for (int wi : order) {
    const Word& w = page.words[static_cast<size_t>(wi)];
    double h = w.box.height();
    int best = -1;
    double best_ratio = 0;
    bool duplicate = false;
    // Only recent rows can overlap: rows are created in order of their centre.
    for (int r = static_cast<int>(rows.size()) - 1;
         r >= 0 && r >= static_cast<int>(rows.size()) - 6; --r) {
      RowBuild& row = rows[static_cast<size_t>(r)];
      double ov = Overlap(w.box.y0, w.box.y1, row.core_y0, row.core_y1);
      if (ov <= 0) continue;
      double ratio = ov / std::min(h, row.core_y1 - row.core_y0);
      if (ratio < 0.5) continue;
      // Words of one row do not overlap horizontally, except a word printed twice (fake bold).
      bool collide = false;
      for (int other : row.words) {
        const Word& o = page.words[static_cast<size_t>(other)];
        double xo = Overlap(w.box.x0, w.box.x1, o.box.x0, o.box.x1);
        double narrow = std::min(w.box.width(), o.box.width());
        if (narrow > 0 && xo > 0.5 * narrow) {
          if (o.text == w.text) duplicate = true;
          collide = true;
          break;
        }
      }
      if (duplicate) break;
      if (collide) continue;
      if (ratio > best_ratio) {
        best_ratio = ratio;
        best = r;
      }
    }
    if (duplicate) continue;
    if (best < 0) {
      rows.push_back({{wi}, w.box.y0, w.box.y1, w.font_size});
      continue;
    }
    RowBuild& row = rows[static_cast<size_t>(best)];
    row.words.push_back(wi);
    if (w.font_size > row.core_size + 0.5) {
      row.core_size = w.font_size;
      row.core_y0 = w.box.y0;
      row.core_y1 = w.box.y1;
    }
  }

  std::vector<Row> out;
  out.reserve(rows.size());
  for (RowBuild& rb : rows) {
    std::sort(rb.words.begin(), rb.words.end(), [&](int a, int b) {
      return page.words[static_cast<size_t>(a)].box.x0 < page.words[static_cast<size_t>(b)].box.x0;
    });
    Row row;
    double base_size = rb.core_size;
    for (int wi : rb.words) {
      const Word& w = page.words[static_cast<size_t>(wi)];
      // A note marker is small, raised above the row's baseline, and digits or a symbol.
      bool raised = w.box.y1 < rb.core_y1 - 0.2 * base_size;
      if (w.font_size < 0.9 * base_size && raised && IsMarkerText(w.text)) {
        row.markers.push_back(wi);
      } else {
        row.words.push_back(wi);
      }
    }
    if (row.words.empty()) {  // a row of markers only is text after all
      row.words.swap(row.markers);
    }
    ComputeRowStyle(page, &row);
    out.push_back(std::move(row));
  }
  std::stable_sort(out.begin(), out.end(), [](const Row& a, const Row& b) {
    double ca = (a.box.y0 + a.box.y1) / 2, cb = (b.box.y0 + b.box.y1) / 2;
    return ca < cb;
  });
  return out;
}

std::string WordsText(const RawPage& page, const std::vector<int>& words) {
  std::string raw;
  const Word* prev = nullptr;
  for (size_t k = 0; k < words.size(); ++k) {
    const Word& w = page.words[static_cast<size_t>(words[k])];
    if (prev != nullptr) {
      double gap = w.box.x0 - prev->box.x1;
      double size = std::max(1.0, w.font_size);
      // A line-end hyphen set apart from its word (another font, a ligature's advance) still
      // belongs to the word.
      bool trailing_hyphen =
          k + 1 == words.size() && (w.text == "-" || w.text == "\xC2\xAD") && gap < 0.35 * size;
      if (!trailing_hyphen && (prev->space_after || gap > 0.12 * size)) raw.push_back(' ');
    }
    raw += w.text;
    prev = &w;
  }
  return NormalizeText(raw);
}

}  // namespace scrx::layout::internal
