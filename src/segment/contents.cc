// The contents page: a "Contents" (or "Table of Contents", "Index", "List of Contents") title
// near the front, followed by entries with page numbers after dotted leaders, on the same line,
// on a line of their own or as "Page 4", or with no page numbers at all.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "segment/internal.h"
#include "segment/numbering.h"

namespace scrx::segment::internal {
namespace {

bool IsContentsTitle(std::string_view text) {
  static const RE2 kTitle(
      R"((?i)^\s*(table of contents|contents|contents page|list of contents|index|content)\s*(page)?\s*:?\s*$)");
  return RE2::FullMatch(re2::StringPiece(text.data(), text.size()), kTitle);
}

struct ParsedEntry {
  bool ok = false;
  bool page_only = false;  // a line holding just a page number (the "own line" form)
  std::string text;        // without leaders and page number
  int page = 0;
};

int RomanValue(std::string_view s) {
  int total = 0, prev = 0;
  for (auto it = s.rbegin(); it != s.rend(); ++it) {
    int v = 0;
    switch (std::tolower(static_cast<unsigned char>(*it))) {
      case 'i':
        v = 1;
        break;
      case 'v':
        v = 5;
        break;
      case 'x':
        v = 10;
        break;
      case 'l':
        v = 50;
        break;
      case 'c':
        v = 100;
        break;
      default:
        return 0;
    }
    total += v < prev ? -v : v;
    prev = std::max(prev, v);
  }
  return total;
}

ParsedEntry ParseEntry(std::string_view line) {
  static const RE2 kLeaders(R"((\s*[.·_…]\s*){3,})");
  static const RE2 kTrailingPage(R"((?i)^(.*?)\s*(?:page\s*|p\.?\s*)?(\d{1,3}|[ivxlc]{1,6})$)");
  static const RE2 kPagePrefix(R"((?i)^page\s*(\d{1,3})\s+(.*)$)");
  static const RE2 kPageOnly(R"((?i)^(?:page\s*)?(\d{1,3}|[ivxlc]{1,6})$)");
  ParsedEntry e;
  std::string t(line);
  RE2::GlobalReplace(&t, kLeaders, " ");
  while (!t.empty() && t.back() == ' ') t.pop_back();
  std::string head, num;
  if (RE2::FullMatch(t, kPageOnly, &num)) {
    e.ok = true;
    e.page_only = true;
    e.page = std::isdigit(static_cast<unsigned char>(num[0])) ? std::stoi(num) : RomanValue(num);
    return e;
  }
  if (RE2::FullMatch(t, kPagePrefix, &num, &head)) {
    e.page = std::stoi(num);
    e.text = head;
  } else if (RE2::FullMatch(t, kTrailingPage, &head, &num) && !head.empty()) {
    // "1. Introduction 4" -> page 4; but a title that is itself a section number with nothing
    // else ("Appendix 1") keeps its number.
    bool digit = std::isdigit(static_cast<unsigned char>(num[0])) != 0;
    bool title_has_words = std::any_of(head.begin(), head.end(), [](char c) {
      return std::isalpha(static_cast<unsigned char>(c));
    });
    static const RE2 kNumberedWord(R"((?i)^.*\b(appendix|annexe?|part|section|chapter)$)");
    if (title_has_words && !RE2::FullMatch(head, kNumberedWord)) {
      // A trailing roman numeral needs a separating gap in the source; accept only digits
      // unless the line had leaders.
      if (digit || line.find("..") != std::string_view::npos) {
        e.page = digit ? std::stoi(num) : RomanValue(num);
        e.text = head;
      } else {
        e.text = t;
      }
    } else {
      e.text = t;
    }
  } else {
    e.text = t;
  }
  // An entry is a title: letters, not too long, not a sentence.
  int words = 1 + static_cast<int>(std::count(e.text.begin(), e.text.end(), ' '));
  bool letters = std::any_of(e.text.begin(), e.text.end(),
                             [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
  e.ok = letters && words <= 18 && e.text.size() <= 160;
  return e;
}

// The contents read as physical lines: text lines as they are, and tables (a contents page set
// as a table, or with its page numbers far to the right) as rows of cell lines at one height.
struct PhysLine {
  std::string text;
  double x0 = 0;
  int page = 0;
  size_t item = 0;
};

std::vector<PhysLine> PhysicalLines(const std::vector<Item>& items, size_t from, int last_page) {
  std::vector<PhysLine> out;
  for (size_t i = from; i < items.size() && items[i].page <= last_page; ++i) {
    const Item& it = items[i];
    if (!it.is_table()) {
      out.push_back({it.text(), it.line->box.x0, it.page, i});
      continue;
    }
    std::vector<const Line*> lines;
    for (const TableRow& r : it.block->rows) {
      for (const TableCell& c : r.cells) {
        for (const Line& l : c.lines) lines.push_back(&l);
      }
    }
    std::sort(lines.begin(), lines.end(), [](const Line* a, const Line* b) {
      double ca = (a->box.y0 + a->box.y1) / 2, cb = (b->box.y0 + b->box.y1) / 2;
      return std::fabs(ca - cb) > 2 ? ca < cb : a->box.x0 < b->box.x0;
    });
    for (size_t k = 0; k < lines.size();) {
      PhysLine pl{lines[k]->text, lines[k]->box.x0, it.page, i};
      double c0 = (lines[k]->box.y0 + lines[k]->box.y1) / 2;
      size_t m = k + 1;
      while (m < lines.size() && std::fabs((lines[m]->box.y0 + lines[m]->box.y1) / 2 - c0) <= 2) {
        pl.text += " " + lines[m]->text;
        ++m;
      }
      out.push_back(std::move(pl));
      k = m;
    }
  }
  return out;
}

}  // namespace

ContentsResult FindContents(const std::vector<Item>& items, int npages) {
  ContentsResult r;
  const int last_page = std::min(npages, std::max(4, npages / 4 + 1));
  std::vector<PhysLine> phys = PhysicalLines(items, 0, last_page + 3);
  size_t title = phys.size();
  for (size_t i = 0; i < phys.size() && phys[i].page <= last_page; ++i) {
    if (IsContentsTitle(phys[i].text)) {
      title = i;
      break;
    }
  }
  if (title == phys.size()) return r;
  // A table whose first row is the title: the rest of its rows are entries.

  struct Raw {
    ParsedEntry e;
    double x0;
    int page;
  };
  std::vector<Raw> raws;
  size_t i = title + 1;
  int page = phys[title].page;
  bool numbers_seen = false;
  for (; i < phys.size(); ++i) {
    const PhysLine& pl = phys[i];
    if (pl.page != page) {
      // The contents run on to the next page when its first lines are entries with page numbers
      // (or the page numbers on lines of their own).
      if (pl.page != page + 1 || !numbers_seen) break;
      int numbered = 0, looked = 0;
      for (size_t k = i; k < phys.size() && phys[k].page == pl.page && looked < 4; ++k, ++looked) {
        ParsedEntry e = ParseEntry(phys[k].text);
        numbered += e.ok && (e.page > 0 || e.page_only);
      }
      if (numbered < 2 && !(looked == 1 && numbered == 1)) break;
      page = pl.page;
    }
    ParsedEntry e = ParseEntry(pl.text);
    if (e.page_only && !raws.empty()) {
      if (raws.back().e.page == 0) raws.back().e.page = e.page;
      numbers_seen = true;
      continue;
    }
    if (!e.ok) break;
    // The body has begun when an entry repeats the first entry's title (short documents where
    // the contents and the first section share a page).
    if (raws.size() >= 2 && e.page == 0 && TitleKey(e.text) == TitleKey(raws.front().e.text)) break;
    if (e.page > 0) numbers_seen = true;
    raws.push_back({e, pl.x0, pl.page});
  }
  // Items up to the last contents line belong to the contents; an item (table) that holds both
  // contents lines and more is taken whole.
  size_t end_item = i < phys.size() ? phys[i].item : items.size();
  if (i < phys.size() && i > 0 && phys[i - 1].item == phys[i].item) end_item = phys[i].item + 1;
  // A lone "Contents" line with fewer than two entries is not a contents page.
  if (raws.size() < 2) return r;
  // When most entries have page numbers, the entries without are wrapped title lines: join
  // them to the entry that follows ("3. Brief family background and" / "synopsis 5").
  int with_pages = 0;
  for (const Raw& rw : raws) with_pages += rw.e.page > 0;
  std::vector<Raw> merged;
  if (with_pages * 2 > static_cast<int>(raws.size())) {
    std::string carry;
    double carry_x = 0;
    for (Raw& rw : raws) {
      if (rw.e.page == 0) {
        if (carry.empty()) carry_x = rw.x0;
        carry += (carry.empty() ? "" : " ") + rw.e.text;
        continue;
      }
      if (!carry.empty()) {
        rw.e.text = carry + " " + rw.e.text;
        rw.x0 = carry_x;
        carry.clear();
      }
      merged.push_back(rw);
    }
  } else {
    merged = raws;
  }

  // Levels: from the number's depth when numbered, otherwise from the indentation.
  std::vector<double> xs;
  for (const Raw& rw : merged) xs.push_back(rw.x0);
  std::sort(xs.begin(), xs.end());
  std::vector<double> indents;
  for (double x : xs) {
    if (indents.empty() || x - indents.back() > 6) indents.push_back(x);
  }
  for (const Raw& rw : merged) {
    ContentsEntry ce;
    SectionNumber sn = ParseSectionNumber(rw.e.text);
    if (sn.found) {
      ce.number = sn.number;
      ce.title = sn.title.empty() ? sn.number : sn.title;
      ce.level = sn.numeric ? sn.depth : 1;
    } else {
      ce.title = rw.e.text;
    }
    int indent_level = 1;
    for (size_t k = 0; k < indents.size(); ++k) {
      if (rw.x0 >= indents[k] - 1) indent_level = static_cast<int>(k) + 1;
    }
    if (!sn.found || !sn.numeric) ce.level = std::min(indent_level, 3);
    ce.page = rw.e.page;
    r.entries.push_back(std::move(ce));
  }
  r.title_item = phys[title].item;
  r.begin = phys[title].item;
  r.end = std::max(end_item, r.begin + 1);
  r.title = phys[title].text;
  r.page = phys[title].page;
  return r;
}

}  // namespace scrx::segment::internal
