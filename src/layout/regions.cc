// Rows -> regions -> blocks. A region is a run of rows with one column, several prose columns,
// or a table. Columns are found from gutters: vertical bands that no row crosses over a run of
// rows, with real text (not just list markers or page numbers) on both sides. Prose columns
// are read one after the other; a table is read row by row, cell by cell.
#include <algorithm>
#include <cmath>
#include <set>

#include "layout/internal.h"

namespace scrx::layout::internal {
namespace {

struct Seg {
  std::vector<int> words;
  Box box;
  int letters = 0;
};

struct RowSegs {
  const Row* row = nullptr;
  std::vector<Seg> segs;
};

// Gutters are searched in 1 pt bins across the text. A text wider than this (a hostile page
// box: PDF allows 14,400 units, Poppler does not enforce it) is read as one column rather than
// allocate bins without bound.
constexpr double kMaxGutterSpan = 20000;

struct Gutter {
  double x0 = 0, x1 = 0;
  bool operator<(const Gutter& o) const { return x0 < o.x0; }
};

int CountLetters(const std::string& s) {
  int n = 0;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalpha(u) || (u >= 0xC0)) ++n;  // ASCII letters and UTF-8 lead bytes
  }
  return n;
}

// The split threshold for one row. A justified line in a narrow column spreads its words with
// wide but equal spaces ("Organisational   abuse   Neglect   and"): when three or more gaps
// wider than `gmin` are equal to within 0.75pt, they are word spaces, and only a wider gap
// separates segments.
double RowSplitGap(const RawPage& page, const Row& row, double gmin) {
  std::vector<double> gaps;
  for (size_t i = 1; i < row.words.size(); ++i) {
    double g = page.words[static_cast<size_t>(row.words[i])].box.x0 -
               page.words[static_cast<size_t>(row.words[i - 1])].box.x1;
    if (g >= gmin) gaps.push_back(g);
  }
  if (gaps.size() < 3) return gmin;
  std::sort(gaps.begin(), gaps.end());
  double best = gmin;
  size_t best_n = 0;
  for (size_t i = 0; i < gaps.size(); ++i) {
    size_t j = i;
    while (j < gaps.size() && gaps[j] - gaps[i] <= 0.75) ++j;
    if (j - i > best_n) {
      best_n = j - i;
      best = gaps[j - 1];
    }
  }
  return best_n >= 3 ? best + 1.5 : gmin;
}

std::vector<Seg> SplitRow(const RawPage& page, const Row& row, double gmin) {
  std::vector<Seg> segs;
  double split = RowSplitGap(page, row, gmin);
  for (int wi : row.words) {
    const Word& w = page.words[static_cast<size_t>(wi)];
    if (segs.empty() || w.box.x0 - segs.back().box.x1 >= split) {
      segs.push_back({{wi}, w.box, 0});
    } else {
      Seg& s = segs.back();
      s.words.push_back(wi);
      s.box.x0 = std::min(s.box.x0, w.box.x0);
      s.box.y0 = std::min(s.box.y0, w.box.y0);
      s.box.x1 = std::max(s.box.x1, w.box.x1);
      s.box.y1 = std::max(s.box.y1, w.box.y1);
    }
    segs.back().letters += CountLetters(w.text);
  }
  return segs;
}

Line MakeLine(const RawPage& page, const std::vector<int>& words) {
  Row tmp;
  tmp.words = words;
  ComputeRowStyle(page, &tmp);
  Line line;
  line.text = WordsText(page, words);
  line.box = tmp.box;
  line.font_size = tmp.size;
  line.bold = tmp.bold;
  line.italic = tmp.italic;
  line.page = page.number;
  if (!words.empty()) line.font = page.words[static_cast<size_t>(words.front())].font;
  return line;
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

// Lines of one column (top to bottom) -> blocks separated by vertical space or a change of
// style (size, weight).
void LinesToBlocks(std::vector<Line> lines, int page, int column, std::vector<Block>* out) {
  if (lines.empty()) return;
  std::vector<double> gaps;
  for (size_t i = 1; i < lines.size(); ++i) {
    if (std::fabs(lines[i].font_size - lines[i - 1].font_size) < 0.6) {
      gaps.push_back(lines[i].box.y0 - lines[i - 1].box.y1);
    }
  }
  double typical = gaps.empty() ? 0 : Median(gaps);
  Block cur;
  auto flush = [&] {
    if (cur.lines.empty()) return;
    cur.kind = Block::Kind::kText;
    cur.page = page;
    cur.column = column;
    cur.box = cur.lines.front().box;
    for (const Line& l : cur.lines) {
      cur.box.x0 = std::min(cur.box.x0, l.box.x0);
      cur.box.y0 = std::min(cur.box.y0, l.box.y0);
      cur.box.x1 = std::max(cur.box.x1, l.box.x1);
      cur.box.y1 = std::max(cur.box.y1, l.box.y1);
    }
    out->push_back(std::move(cur));
    cur = Block{};
  };
  for (Line& line : lines) {
    if (!cur.lines.empty()) {
      const Line& prev = cur.lines.back();
      double gap = line.box.y0 - prev.box.y1;
      double size = std::max(line.font_size, prev.font_size);
      bool new_block = gap > std::max(typical, 0.0) + 0.35 * size ||
                       std::fabs(line.font_size - prev.font_size) > 0.9 || line.bold != prev.bold ||
                       line.italic != prev.italic;
      if (new_block) flush();
    }
    cur.lines.push_back(std::move(line));
  }
  flush();
}

// Candidate gutters: bands with no narrow segment in them, with narrow segments on both
// sides. Wide segments (full-width lines) are ignored here; they end regions later.
std::vector<Gutter> CandidateGutters(const std::vector<RowSegs>& rows, double left, double right,
                                     double gmin) {
  std::vector<Gutter> out;
  double width = right - left;
  if (!(width > 0 && width <= kMaxGutterSpan)) return out;
  auto nbins = static_cast<size_t>(std::ceil(width)) + 1;
  std::vector<int> cov(nbins, 0);
  bool any = false;
  for (const RowSegs& r : rows) {
    for (const Seg& s : r.segs) {
      if (s.box.width() >= 0.6 * width) continue;
      any = true;
      auto b0 = static_cast<size_t>(std::max(0.0, std::floor(s.box.x0 - left)));
      auto b1 = static_cast<size_t>(
          std::min<double>(static_cast<double>(nbins - 1), std::ceil(s.box.x1 - left)));
      for (size_t b = b0; b <= b1; ++b) ++cov[b];
    }
  }
  if (!any) return out;
  // A gutter bin is covered by no segment, or by a few rows only (a heading that runs over the
  // gutter must not hide it: such rows end the column regions later).
  std::vector<double> nonzero;
  for (int c : cov) {
    if (c > 0) nonzero.push_back(c);
  }
  double typical = Median(nonzero);
  int low = static_cast<int>(std::min(3.0, std::floor(0.15 * typical)));
  size_t b = 0;
  while (b < nbins) {
    if (cov[b] > low) {
      ++b;
      continue;
    }
    size_t e = b;
    while (e < nbins && cov[e] <= low) ++e;
    if (b > 0 && e < nbins && static_cast<double>(e - b) >= gmin) {
      out.push_back({left + static_cast<double>(b), left + static_cast<double>(e)});
    }
    b = e;
  }
  return out;
}

// A row crosses a gutter when one of its segments covers the gutter's middle (a line that only
// reaches into the band, as the longest lines of a ragged column do, does not).
// More candidates, from the rows themselves: x bands that lie in the gap between two segments of
// at least three rows (the column gaps of a table that covers only part of a page, which the
// page-wide coverage above cannot see past the text around the table).
std::vector<Gutter> RowGapGutters(const std::vector<RowSegs>& rows, double left, double right,
                                  double gmin) {
  std::vector<Gutter> out;
  double width = right - left;
  if (!(width > 0 && width <= kMaxGutterSpan)) return out;
  auto nbins = static_cast<size_t>(std::ceil(width)) + 1;
  std::vector<int> count(nbins, 0);
  for (const RowSegs& r : rows) {
    for (size_t i = 1; i < r.segs.size(); ++i) {
      double g0 = r.segs[i - 1].box.x1, g1 = r.segs[i].box.x0;
      if (g1 - g0 < gmin) continue;
      auto b0 = static_cast<size_t>(std::max(0.0, std::ceil(g0 - left)));
      auto b1 = static_cast<size_t>(
          std::min<double>(static_cast<double>(nbins - 1), std::floor(g1 - left)));
      for (size_t b = b0; b <= b1 && b0 <= b1; ++b) ++count[b];
    }
  }
  size_t b = 0;
  while (b < nbins) {
    if (count[b] < 3) {
      ++b;
      continue;
    }
    size_t e = b;
    int peak = 0;
    while (e < nbins && count[e] >= 3) peak = std::max(peak, count[e++]);
    // The gutter is where most rows agree: the bins at (nearly) the peak count.
    size_t pb = b, pe = e;
    while (pb < pe && count[pb] < 0.8 * peak) ++pb;
    while (pe > pb && count[pe - 1] < 0.8 * peak) --pe;
    if (static_cast<double>(pe - pb) >= 0.8 * gmin) {
      out.push_back({left + static_cast<double>(pb), left + static_cast<double>(pe)});
    }
    b = e;
  }
  return out;
}

// A row crosses a gutter when its words leave no clear strip through the gutter band: a line
// that reaches into the band (the longest lines of a ragged column, a table cell that nearly
// touches the next) still leaves a strip; a line running across the gutter does not.
bool Crosses(const RawPage& page, const RowSegs& r, const Gutter& g, double min_strip) {
  std::vector<std::pair<double, double>> spans;
  for (int wi : r.row->words) {
    const Box& b = page.words[static_cast<size_t>(wi)].box;
    if (b.x1 > g.x0 && b.x0 < g.x1) spans.emplace_back(std::max(b.x0, g.x0), std::min(b.x1, g.x1));
  }
  if (spans.empty()) return false;
  std::sort(spans.begin(), spans.end());
  double free_from = g.x0;
  for (const auto& [a, b] : spans) {
    if (a - free_from >= min_strip) return false;
    free_from = std::max(free_from, b);
  }
  return g.x1 - free_from < min_strip;
}

// For each row, the gutters whose valid run contains it.
std::vector<std::set<int>> AssignGutters(const RawPage& page, const std::vector<RowSegs>& rows,
                                         const std::vector<Gutter>& gutters, double min_strip) {
  std::vector<std::set<int>> out(rows.size());
  for (size_t gi = 0; gi < gutters.size(); ++gi) {
    const Gutter& g = gutters[gi];
    size_t start = 0;
    auto close = [&](size_t end) {  // rows [start, end)
      int left_sub = 0, right_sub = 0;
      for (size_t i = start; i < end; ++i) {
        bool l = false, r = false;
        for (const Seg& s : rows[i].segs) {
          if (s.letters < 3) continue;
          if (s.box.x1 <= g.x0 + 0.5) l = true;
          if (s.box.x0 >= g.x1 - 0.5) r = true;
        }
        left_sub += l;
        right_sub += r;
      }
      // The text right of a real gutter starts at one x (a column, a table column); words that
      // happen to follow a wide justified space in a few lines do not.
      std::vector<double> starts;
      for (size_t i = start; i < end; ++i) {
        for (const Seg& s : rows[i].segs) {
          if (s.box.x0 >= g.x1 - 0.5) {
            starts.push_back(s.box.x0);
            break;
          }
        }
      }
      // Clusters of start positions (2pt apart), largest first. A column with indented
      // paragraphs or bullets has a few clusters; coincidences have none.
      std::sort(starts.begin(), starts.end());
      std::vector<size_t> clusters;
      for (size_t i = 0; i < starts.size(); ++i) {
        if (i == 0 || starts[i] - starts[i - 1] > 2.0) clusters.push_back(0);
        ++clusters.back();
      }
      std::sort(clusters.rbegin(), clusters.rend());
      size_t top1 = clusters.empty() ? 0 : clusters[0];
      size_t top3 = 0;
      for (size_t i = 0; i < clusters.size() && i < 3; ++i) top3 += clusters[i];
      size_t n = starts.size();
      bool left_aligned = top1 >= 2 && (top1 * 10 >= n * 6 || (n >= 6 && top3 * 4 >= n * 3));
      if (end - start >= 3 && left_sub >= 2 && right_sub >= 2 && left_aligned) {
        for (size_t i = start; i < end; ++i) out[i].insert(static_cast<int>(gi));
      }
    };
    for (size_t i = 0; i < rows.size(); ++i) {
      if (Crosses(page, rows[i], g, min_strip)) {
        close(i);
        start = i + 1;
      }
    }
    close(rows.size());
  }
  return out;
}

int ColumnOf(const Box& b, const std::vector<Gutter>& gutters) {
  double c = (b.x0 + b.x1) / 2;
  int col = 0;
  for (const Gutter& g : gutters) {
    if (c > (g.x0 + g.x1) / 2) ++col;
  }
  return col;
}

struct Region {
  size_t begin = 0, end = 0;  // rows [begin, end)
  std::vector<Gutter> gutters;
};

// Prose columns (read one after the other) or a table (read across)?
bool LooksLikeProseColumns(const std::vector<RowSegs>& rows, const Region& reg, double width,
                           double body_size, int min_rows = 3) {
  size_t k = reg.gutters.size() + 1;
  if (k < 2 || k > 3) return false;
  std::vector<double> x0(k, 1e9), x1(k, -1e9);
  std::vector<int> nrows(k, 0);
  std::vector<std::vector<double>> starts(k);
  std::vector<double> last_bottom(k, -1);
  for (size_t i = reg.begin; i < reg.end; ++i) {
    std::vector<bool> has(k, false);
    std::vector<double> top(k, 1e9), bottom(k, -1e9);
    for (const Seg& s : rows[i].segs) {
      auto c = static_cast<size_t>(ColumnOf(s.box, reg.gutters));
      x0[c] = std::min(x0[c], s.box.x0);
      x1[c] = std::max(x1[c], s.box.x1);
      has[c] = true;
      top[c] = std::min(top[c], s.box.y0);
      bottom[c] = std::max(bottom[c], s.box.y1);
    }
    for (size_t c = 0; c < k; ++c) {
      if (!has[c]) continue;
      ++nrows[c];
      if (last_bottom[c] >= 0 && top[c] - last_bottom[c] > 0.45 * body_size) {
        starts[c].push_back(top[c]);
      }
      last_bottom[c] = bottom[c];
    }
  }
  double wmin = 1e9, wmax = 0;
  for (size_t c = 0; c < k; ++c) {
    if (nrows[c] < min_rows) return false;
    double w = x1[c] - x0[c];
    wmin = std::min(wmin, w);
    wmax = std::max(wmax, w);
  }
  double min_share = k == 2 ? 0.28 : 0.2;
  if (wmin < min_share * width || wmax > 1.6 * wmin) return false;
  // Table rows start at one height in every column; prose paragraphs do not line up.
  if (starts[0].size() >= 2 && starts[1].size() >= 2) {
    size_t matches = 0;
    for (double s : starts[0]) {
      for (double t : starts[1]) {
        if (std::fabs(s - t) <= 2.0) {
          ++matches;
          break;
        }
      }
    }
    if (static_cast<double>(matches) >=
        0.7 * static_cast<double>(std::min(starts[0].size(), starts[1].size()))) {
      return false;
    }
  }
  return true;
}

// Splits `reg` where a full-width line (a heading) sits between two column sections.
std::vector<Region> SplitAtSeparators(const std::vector<RowSegs>& rows, const Region& reg,
                                      double body_size, const std::vector<Word>& page_words) {
  // A heading-like row with text in the first column only, where the other columns are empty
  // well above and below it and the first column has no text between the others' last line and
  // it, is a full-width line between two column sections: split the region there.
  auto only_first = [&](size_t i) {
    if (rows[i].segs.empty()) return false;
    for (const Seg& s : rows[i].segs) {
      if (ColumnOf(s.box, reg.gutters) != 0) return false;
    }
    return true;
  };
  auto heading_like = [&](size_t i) {
    const Row& r = *rows[i].row;
    return r.bold || r.size >= body_size + 0.9;
  };
  std::vector<size_t> cuts;
  for (size_t i = reg.begin; i < reg.end; ++i) {
    if (!only_first(i) || !heading_like(i)) continue;
    double above = -1, below = -1;
    for (size_t j = i; j-- > reg.begin;) {
      if (!only_first(j)) {
        above = rows[j].row->box.y1;
        break;
      }
    }
    for (size_t j = i + 1; j < reg.end; ++j) {
      if (!only_first(j)) {
        below = rows[j].row->box.y0;
        break;
      }
    }
    if (above >= 0 && below < 0) {
      // A heading at the foot of the first column after the other columns have ended: it
      // follows them when the first column's text runs on into the second (the last line before
      // the heading does not end a sentence and the second column starts in lower case).
      const Row* last_text = nullptr;
      for (size_t j = i; j-- > reg.begin;) {
        if (only_first(j) && !heading_like(j)) {
          last_text = rows[j].row;
          break;
        }
        if (!only_first(j)) break;
      }
      const RowSegs* first_other = nullptr;
      size_t sec_begin = cuts.empty() ? reg.begin : cuts.back() + 1;
      for (size_t j = sec_begin; j < i && first_other == nullptr; ++j) {
        for (const Seg& sg : rows[j].segs) {
          if (ColumnOf(sg.box, reg.gutters) != 0) {
            first_other = &rows[j];
            break;
          }
        }
      }
      if (last_text != nullptr && first_other != nullptr) {
        const Word& end_word = page_words[static_cast<size_t>(last_text->words.back())];
        char e = end_word.text.empty() ? '.' : end_word.text.back();
        int start_word = -1;
        for (const Seg& sg : first_other->segs) {
          if (ColumnOf(sg.box, reg.gutters) != 0) {
            start_word = sg.words.front();
            break;
          }
        }
        const std::string& st = page_words[static_cast<size_t>(start_word)].text;
        bool runs_on = std::string_view(".!?:;").find(e) == std::string_view::npos && !st.empty() &&
                       std::islower(static_cast<unsigned char>(st[0]));
        if (runs_on) {
          cuts.push_back(i);
          continue;
        }
      }
    }
    if (above < 0 || below < 0 || below - above <= 2.4 * body_size) {
      // In a table, a heading-like line alone after a gap wider than any row gap above it ends
      // the table ("Glossary" after a recommendations table).
      double gap_above = i > reg.begin ? rows[i].row->box.y0 - rows[i - 1].row->box.y1 : 0;
      double widest = 0;
      for (size_t j = reg.begin + 1; j < i; ++j) {
        widest = std::max(widest, rows[j].row->box.y0 - rows[j - 1].row->box.y1);
      }
      bool larger = rows[i].row->size >= body_size + 0.9;
      if (i > reg.begin + 1 && gap_above > widest + 0.5 * body_size &&
          (larger || rows[i].row->bold)) {
        cuts.push_back(i);
      }
      continue;
    }
    cuts.push_back(i);
  }
  std::vector<Region> out;
  size_t b = reg.begin;
  for (size_t cut : cuts) {
    if (cut > b) out.push_back({b, cut, reg.gutters});
    out.push_back({cut, cut + 1, {}});
    b = cut + 1;
  }
  if (reg.end > b) out.push_back({b, reg.end, reg.gutters});
  return out;
}

void EmitSingle(const RawPage& page, const std::vector<RowSegs>& rows, size_t begin, size_t end,
                std::vector<Block>* out) {
  std::vector<Line> lines;
  for (size_t i = begin; i < end; ++i) lines.push_back(MakeLine(page, rows[i].row->words));
  LinesToBlocks(std::move(lines), page.number, 0, out);
}

void EmitProse(const RawPage& page, const std::vector<RowSegs>& rows, const Region& reg,
               std::vector<Block>* out) {
  size_t k = reg.gutters.size() + 1;
  size_t b = reg.begin;
  auto emit_cols = [&](size_t e) {
    if (e <= b) return;
    for (size_t c = 0; c < k; ++c) {
      std::vector<Line> lines;
      for (size_t i = b; i < e; ++i) {
        std::vector<int> words;
        for (const Seg& s : rows[i].segs) {
          if (static_cast<size_t>(ColumnOf(s.box, reg.gutters)) == c) {
            words.insert(words.end(), s.words.begin(), s.words.end());
          }
        }
        if (!words.empty()) lines.push_back(MakeLine(page, words));
      }
      LinesToBlocks(std::move(lines), page.number, static_cast<int>(c), out);
    }
  };
  emit_cols(reg.end);
}

void EmitTable(const RawPage& page, const std::vector<RowSegs>& rows, const Region& reg,
               double body_size, std::vector<Block>* out) {
  size_t k = reg.gutters.size() + 1;
  // Table rows: physical rows are grouped into table rows at the larger gaps (cell padding)
  // when the gaps fall into two clear groups; otherwise every physical row that starts text in
  // the first column starts a table row, unless that text continues in lower case.
  std::vector<double> gaps;
  for (size_t i = reg.begin + 1; i < reg.end; ++i) {
    gaps.push_back(rows[i].row->box.y0 - rows[i - 1].row->box.y1);
  }
  std::vector<double> sorted = gaps;
  std::sort(sorted.begin(), sorted.end());
  double threshold = -1;
  for (size_t i = 1; i < sorted.size(); ++i) {
    if (sorted[i] - sorted[i - 1] >= 0.25 * body_size) {
      size_t large = sorted.size() - i;
      if (large >= 2) threshold = (sorted[i] + sorted[i - 1]) / 2;
      break;
    }
  }
  bool uniform = threshold < 0;
  double row_gap = threshold;
  // The first column's extent, to tell a wrapped cell line from a short one.
  double col0_left = 1e9, col0_right = -1e9;
  for (size_t i = reg.begin; i < reg.end; ++i) {
    for (const Seg& s : rows[i].segs) {
      if (ColumnOf(s.box, reg.gutters) != 0) continue;
      col0_left = std::min(col0_left, s.box.x0);
      col0_right = std::max(col0_right, s.box.x1);
    }
  }
  double col0_width = std::max(1.0, col0_right - col0_left);
  // A first column of short labels (its longest line has three words or fewer) does not wrap:
  // each capitalised line in it starts a row.
  size_t col0_max_words = 0;
  for (size_t i = reg.begin; i < reg.end; ++i) {
    size_t words = 0;
    for (const Seg& s : rows[i].segs) {
      if (ColumnOf(s.box, reg.gutters) == 0) words += s.words.size();
    }
    col0_max_words = std::max(col0_max_words, words);
  }
  bool label_column = col0_max_words <= 3;
  Block block;
  block.kind = Block::Kind::kTable;
  block.page = page.number;
  block.box = rows[reg.begin].row->box;
  for (size_t i = reg.begin; i < reg.end; ++i) {
    std::vector<std::vector<int>> cells(k);
    for (const Seg& s : rows[i].segs) {
      auto c = static_cast<size_t>(ColumnOf(s.box, reg.gutters));
      cells[c].insert(cells[c].end(), s.words.begin(), s.words.end());
    }
    bool new_row = block.rows.empty();
    bool header_above = block.rows.size() == 1 && block.rows.front().header_candidate;
    bool row_bold = true, row_any = false;
    for (int wi : rows[i].row->words) {
      row_any = true;
      row_bold &= page.words[static_cast<size_t>(wi)].bold;
    }
    if (!new_row && header_above && row_any && !row_bold) new_row = true;
    if (!new_row) {
      double gap = rows[i].row->box.y0 - rows[i - 1].row->box.y1;
      if (uniform) {
        // Without a gap to go by: a first-column cell line starts a row unless it carries on
        // the sentence of the line above it in that column.
        bool continues = false;
        if (!cells[0].empty()) {
          const std::string& t = page.words[static_cast<size_t>(cells[0].front())].text;
          bool lower_start = !t.empty() && std::islower(static_cast<unsigned char>(t[0]));
          bool numbered = !t.empty() && std::isdigit(static_cast<unsigned char>(t[0]));
          const TableRow& last = block.rows.back();
          const std::string* prev = nullptr;
          if (!last.cells.empty() && !last.cells[0].lines.empty())
            prev = &last.cells[0].lines.back().text;
          // A line that stopped well short of the column's right edge ended its cell.
          bool prev_full = !last.cells[0].lines.empty() &&
                           last.cells[0].lines.back().box.x1 >= col0_right - 0.25 * col0_width;
          bool prev_open = prev != nullptr && !prev->empty() && prev_full && !label_column &&
                           std::string_view(".!?:;").find(prev->back()) == std::string_view::npos;
          continues = lower_start || (prev_open && !numbered);
        }
        new_row = !cells[0].empty() && !continues;
      } else {
        new_row = gap > row_gap;
      }
    }
    if (new_row) {
      TableRow tr;
      tr.header_candidate = block.rows.empty() && row_any && row_bold;
      tr.page = page.number;
      tr.cells.resize(k);
      for (TableCell& c : tr.cells) c.page = page.number;
      block.rows.push_back(std::move(tr));
    }
    TableRow& tr = block.rows.back();
    for (size_t c = 0; c < k; ++c) {
      if (!cells[c].empty()) tr.cells[c].lines.push_back(MakeLine(page, cells[c]));
    }
    const Box& rb = rows[i].row->box;
    block.box.x0 = std::min(block.box.x0, rb.x0);
    block.box.y0 = std::min(block.box.y0, rb.y0);
    block.box.x1 = std::max(block.box.x1, rb.x1);
    block.box.y1 = std::max(block.box.y1, rb.y1);
  }
  if (!block.rows.empty()) {
    bool all_bold = true, any = false;
    for (const TableCell& c : block.rows.front().cells) {
      for (const Line& l : c.lines) {
        any = true;
        all_bold &= l.bold;
      }
    }
    block.rows.front().header = any && all_bold;
  }
  out->push_back(std::move(block));
}

}  // namespace

std::vector<Block> BuildBlocks(const RawPage& page, const std::vector<Row>& body_rows,
                               double body_size, int* columns) {
  *columns = 1;
  std::vector<Block> out;
  if (body_rows.empty()) return out;
  if (body_size <= 0) body_size = 10;
  double gmin = std::max(0.8 * body_size, 6.0);

  std::vector<RowSegs> rows;
  rows.reserve(body_rows.size());
  double left = 1e9, right = -1e9;
  for (const Row& r : body_rows) {
    rows.push_back({&r, SplitRow(page, r, gmin)});
    left = std::min(left, r.box.x0);
    right = std::max(right, r.box.x1);
  }
  std::vector<Gutter> gutters = CandidateGutters(rows, left, right, gmin);
  for (const Gutter& g : RowGapGutters(rows, left, right, gmin)) {
    bool known = false;
    for (const Gutter& k : gutters) known |= g.x0 < k.x1 && k.x0 < g.x1;
    if (!known) gutters.push_back(g);
  }
  std::vector<std::set<int>> assigned = AssignGutters(page, rows, gutters, 0.6 * gmin);

  // Regions: maximal runs of rows with the same set of gutters.
  std::vector<Region> regions;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!regions.empty() && regions.back().end == i) {
      std::set<int> prev;
      for (const Gutter& g : regions.back().gutters) {
        for (size_t gi = 0; gi < gutters.size(); ++gi) {
          if (gutters[gi].x0 == g.x0 && gutters[gi].x1 == g.x1) prev.insert(static_cast<int>(gi));
        }
      }
      if (prev == assigned[i]) {
        regions.back().end = i + 1;
        continue;
      }
    }
    Region reg;
    reg.begin = i;
    reg.end = i + 1;
    for (int gi : assigned[i]) reg.gutters.push_back(gutters[static_cast<size_t>(gi)]);
    std::sort(reg.gutters.begin(), reg.gutters.end());
    regions.push_back(std::move(reg));
  }

  // Inside a region with gutters, a row's segments are its words grouped by column: two cells
  // set closer than a word gap are still two cells.
  for (const Region& reg : regions) {
    if (reg.gutters.empty()) continue;
    for (size_t i = reg.begin; i < reg.end; ++i) {
      std::vector<Seg> segs;
      int col = -1;
      for (int wi : rows[i].row->words) {
        const Word& w = page.words[static_cast<size_t>(wi)];
        int c = ColumnOf(w.box, reg.gutters);
        if (segs.empty() || c != col || w.box.x0 - segs.back().box.x1 >= gmin) {
          segs.push_back({{wi}, w.box, 0});
          col = c;
        } else {
          Seg& sg = segs.back();
          sg.words.push_back(wi);
          sg.box.x0 = std::min(sg.box.x0, w.box.x0);
          sg.box.y0 = std::min(sg.box.y0, w.box.y0);
          sg.box.x1 = std::max(sg.box.x1, w.box.x1);
          sg.box.y1 = std::max(sg.box.y1, w.box.y1);
        }
        segs.back().letters += CountLetters(w.text);
      }
      rows[i].segs = std::move(segs);
    }
  }

  // A column with no real text in it (bullets, numbers, page numbers) is not a column: bullets
  // and numbers belong to the text on their right, page numbers to the text on their left.
  for (Region& reg : regions) {
    while (!reg.gutters.empty()) {
      size_t k = reg.gutters.size() + 1;
      std::vector<int> letters(k, 0);
      for (size_t i = reg.begin; i < reg.end; ++i) {
        for (const Seg& s : rows[i].segs) {
          auto c = static_cast<size_t>(ColumnOf(s.box, reg.gutters));
          letters[c] = std::max(letters[c], s.letters);
        }
      }
      size_t empty = k;
      for (size_t c = 0; c < k; ++c) {
        if (letters[c] < 3) {
          empty = c;
          break;
        }
      }
      if (empty == k) break;
      reg.gutters.erase(reg.gutters.begin() + static_cast<long>(empty + 1 < k ? empty : empty - 1));
    }
  }

  std::vector<Region> split;
  for (Region reg : regions) {
    if (reg.gutters.empty()) {
      split.push_back(reg);
      continue;
    }
    // Rows before the first row with text on both sides of a gutter are not part of the columns
    // or table (the end of the paragraph above, a heading): they are read first anyway.
    size_t first_two_sided = reg.begin;
    while (first_two_sided < reg.end) {
      std::set<int> cols;
      for (const Seg& sg : rows[first_two_sided].segs) cols.insert(ColumnOf(sg.box, reg.gutters));
      if (cols.size() >= 2) break;
      ++first_two_sided;
    }
    if (first_two_sided > reg.begin && first_two_sided < reg.end) {
      split.push_back({reg.begin, first_two_sided, {}});
      reg.begin = first_two_sided;
    }
    for (Region& r : SplitAtSeparators(rows, reg, body_size, page.words))
      split.push_back(std::move(r));
  }
  regions.swap(split);

  double width = right - left;
  std::vector<bool> prose(regions.size(), false);
  for (size_t r = 0; r < regions.size(); ++r) {
    prose[r] =
        !regions[r].gutters.empty() && LooksLikeProseColumns(rows, regions[r], width, body_size);
  }
  // A few lines of two columns at the top or bottom of a page (the end of a column section, cut
  // off by a heading) are too short to judge alone: they are prose when a prose region of the
  // page has the same gutter.
  for (size_t r = 0; r < regions.size(); ++r) {
    if (prose[r] || regions[r].gutters.size() != 1) continue;
    const Gutter& g = regions[r].gutters[0];
    for (size_t o = 0; o < regions.size(); ++o) {
      if (!prose[o] || regions[o].gutters.size() != 1) continue;
      const Gutter& h = regions[o].gutters[0];
      if (g.x0 < h.x1 && h.x0 < g.x1 &&
          LooksLikeProseColumns(rows, regions[r], width, body_size, 1)) {
        prose[r] = true;
        break;
      }
    }
  }
  for (size_t r = 0; r < regions.size(); ++r) {
    const Region& reg = regions[r];
    if (reg.gutters.empty()) {
      EmitSingle(page, rows, reg.begin, reg.end, &out);
    } else if (prose[r]) {
      *columns = std::max(*columns, static_cast<int>(reg.gutters.size()) + 1);
      EmitProse(page, rows, reg, &out);
    } else {
      EmitTable(page, rows, reg, body_size, &out);
    }
  }
  return out;
}

}  // namespace scrx::layout::internal
