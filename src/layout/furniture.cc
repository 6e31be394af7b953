// Furniture: running headers, running footers and page numbers, found by their repetition at
// the same height across pages (the text compared with digits masked, so "Page 3 of 12" and
// "Page 4 of 12" are one line); and footnotes at the foot of a page.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "layout/internal.h"

namespace scrx::layout::internal {
namespace {

constexpr int kEdgeRows = 3;  // rows at the top and at the bottom of a page that may be furniture

// Lower-cased text with digit runs and lone roman numerals replaced by '#', letters and '#'
// kept, everything else dropped; words separated by single spaces.
std::string FurnitureKey(const std::string& text) {
  std::string out;
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    static const std::set<std::string> kRoman = {"i",   "ii",   "iii", "iv", "v",  "vi",
                                                 "vii", "viii", "ix",  "x",  "xi", "xii"};
    if (kRoman.count(word)) word = "#";
    if (!out.empty()) out.push_back(' ');
    out += word;
    word.clear();
  };
  bool in_digits = false;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isdigit(c)) {
      if (!in_digits) word.push_back('#');
      in_digits = true;
      continue;
    }
    in_digits = false;
    if (std::isalpha(c) || c >= 0x80) {
      word.push_back(static_cast<char>(std::tolower(c)));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

// "#", "page #", "page # of #", "# of #", "p #", "# page" and the like.
bool IsPageNumberKey(const std::string& key) {
  static const std::set<std::string> kForms = {"#",         "page #", "page # of #", "# of #",
                                               "p #",       "pg #",   "# page",      "# p a g e",
                                               "p a g e #", "pages #"};
  return kForms.count(key) > 0;
}

std::vector<long> Numbers(const std::string& text) {
  std::vector<long> out;
  long cur = -1;
  for (char ch : text) {
    if (std::isdigit(static_cast<unsigned char>(ch))) {
      cur = (cur < 0 ? 0 : cur * 10) + (ch - '0');
      if (cur > 100000) cur = 100000;
    } else if (cur >= 0) {
      out.push_back(cur);
      cur = -1;
    }
  }
  if (cur >= 0) out.push_back(cur);
  return out;
}

struct Candidate {
  int page_index;
  int row;
  bool top;
  double y;  // centre, relative to page height
  double size;
  std::string key;
  std::string text;
};

}  // namespace

std::vector<std::vector<int>> FindFurniture(const std::vector<RawPage>& pages,
                                            const std::vector<std::vector<Row>>& rows,
                                            std::vector<FurnitureItem>* furniture) {
  const int npages = static_cast<int>(pages.size());
  std::vector<std::vector<int>> result(pages.size());
  std::vector<Candidate> cands;
  for (int p = 0; p < npages; ++p) {
    const auto& pr = rows[static_cast<size_t>(p)];
    int n = static_cast<int>(pr.size());
    double h =
        pages[static_cast<size_t>(p)].height > 0 ? pages[static_cast<size_t>(p)].height : 842;
    for (int r = 0; r < n; ++r) {
      bool top = r < kEdgeRows;
      bool bottom = r >= n - kEdgeRows;
      if (!top && !bottom) continue;
      const Row& row = pr[static_cast<size_t>(r)];
      double yc = (row.box.y0 + row.box.y1) / 2 / h;
      // A row in the middle of the page is never furniture, however short the page.
      if (yc > 0.22 && yc < 0.78) continue;
      std::string text = WordsText(pages[static_cast<size_t>(p)], row.words);
      std::string key = FurnitureKey(text);
      if (key.empty()) continue;
      cands.push_back({p, r, yc < 0.5, yc, row.size, key, text});
    }
  }

  // Rows whose masked text repeats at one height on enough pages.
  const int need = npages <= 3 ? 2 : std::max(3, static_cast<int>(std::ceil(0.2 * npages)));
  std::map<std::pair<std::string, bool>, std::vector<size_t>> groups;
  for (size_t i = 0; i < cands.size(); ++i) groups[{cands[i].key, cands[i].top}].push_back(i);
  std::vector<bool> is_furniture(cands.size(), false);
  for (auto& [k, members] : groups) {
    std::vector<double> ys;
    for (size_t i : members) ys.push_back(cands[i].y);
    std::nth_element(ys.begin(), ys.begin() + static_cast<long>(ys.size() / 2), ys.end());
    double median = ys[ys.size() / 2];
    std::set<int> pages_seen;
    std::vector<size_t> keep;
    for (size_t i : members) {
      if (std::fabs(cands[i].y - median) <= 0.02) {
        keep.push_back(i);
        pages_seen.insert(cands[i].page_index);
      }
    }
    if (static_cast<int>(pages_seen.size()) >= need) {
      for (size_t i : keep) is_furniture[i] = true;
    }
  }

  // Page numbers alone on a row at the edge of the page: furniture when their value follows
  // the page sequence (value - page index constant on at least two pages, or a one-page file).
  std::map<long, int> offsets;
  for (const Candidate& c : cands) {
    if (!IsPageNumberKey(c.key)) continue;
    std::vector<long> nums = Numbers(c.text);
    if (!nums.empty()) ++offsets[nums.front() - c.page_index];
  }
  for (size_t i = 0; i < cands.size(); ++i) {
    const Candidate& c = cands[i];
    if (is_furniture[i] || !IsPageNumberKey(c.key)) continue;
    const auto& pr = rows[static_cast<size_t>(c.page_index)];
    bool extreme = c.row == 0 || c.row == static_cast<int>(pr.size()) - 1;
    if (!extreme) continue;
    std::vector<long> nums = Numbers(c.text);
    if (nums.empty()) continue;  // a roman numeral: accept on repetition only
    long off = nums.front() - c.page_index;
    if (offsets[off] >= 2 || npages == 1) is_furniture[i] = true;
  }

  // Bands: once furniture is known at some height, the first (last) row of another page at
  // that height, no larger than the furniture, is furniture too (running headers that change
  // with the chapter).
  std::vector<std::pair<double, double>> top_bands, bottom_bands;  // (y, size)
  for (size_t i = 0; i < cands.size(); ++i) {
    if (!is_furniture[i]) continue;
    (cands[i].top ? top_bands : bottom_bands).push_back({cands[i].y, cands[i].size});
  }
  for (size_t i = 0; i < cands.size(); ++i) {
    if (is_furniture[i]) continue;
    const Candidate& c = cands[i];
    const auto& pr = rows[static_cast<size_t>(c.page_index)];
    bool extreme = c.top ? c.row == 0 : c.row == static_cast<int>(pr.size()) - 1;
    if (!extreme) continue;
    for (const auto& [y, size] : c.top ? top_bands : bottom_bands) {
      if (std::fabs(y - c.y) <= 0.008 && c.size <= size + 0.5) {
        is_furniture[i] = true;
        break;
      }
    }
  }

  for (size_t i = 0; i < cands.size(); ++i) {
    if (!is_furniture[i]) continue;
    const Candidate& c = cands[i];
    result[static_cast<size_t>(c.page_index)].push_back(c.row);
    FurnitureItem item;
    item.kind = IsPageNumberKey(c.key)
                    ? FurnitureItem::Kind::kPageNumber
                    : (c.top ? FurnitureItem::Kind::kHeader : FurnitureItem::Kind::kFooter);
    item.page = pages[static_cast<size_t>(c.page_index)].number;
    item.text = c.text;
    item.box = rows[static_cast<size_t>(c.page_index)][static_cast<size_t>(c.row)].box;
    furniture->push_back(std::move(item));
  }
  for (auto& r : result) std::sort(r.begin(), r.end());
  return result;
}

std::vector<int> FindFootnotes(const RawPage& page, const std::vector<Row>& rows,
                               double body_size) {
  std::vector<int> notes;
  if (rows.size() < 2 || body_size <= 0) return notes;
  // Walk up from the last row while the rows are small.
  int r = static_cast<int>(rows.size()) - 1;
  int top = -1;
  while (r >= 1 && rows[static_cast<size_t>(r)].size > 0 &&
         rows[static_cast<size_t>(r)].size <= 0.88 * body_size) {
    top = r;
    --r;
  }
  if (top < 1) return notes;
  const Row& first = rows[static_cast<size_t>(top)];
  const Row& above = rows[static_cast<size_t>(top - 1)];
  if (first.box.y0 < page.height * 0.5) return notes;  // footnotes sit in the lower half
  if (above.size <= 0.88 * body_size) return notes;
  // The block must start with a note marker: a raised marker, or a number/symbol first word.
  bool marker =
      !first.markers.empty() && page.words[static_cast<size_t>(first.markers.front())].box.x0 <=
                                    page.words[static_cast<size_t>(first.words.front())].box.x0;
  if (!marker) {
    const std::string& w = page.words[static_cast<size_t>(first.words.front())].text;
    marker = !w.empty() && (std::isdigit(static_cast<unsigned char>(w[0])) || w[0] == '*' ||
                            w.rfind("\xE2\x80\xA0", 0) == 0);  // dagger
    if (marker && w.size() > 4 && std::all_of(w.begin(), w.end(), [](char c) {
          return std::isdigit(static_cast<unsigned char>(c));
        })) {
      marker = false;  // a year or a long number is not a marker
    }
  }
  if (!marker) return notes;
  for (int i = top; i < static_cast<int>(rows.size()); ++i) notes.push_back(i);
  return notes;
}

}  // namespace scrx::layout::internal
