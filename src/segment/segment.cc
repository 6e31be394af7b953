#include "segment/segment.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "layout/dehyphenate.h"
#include "segment/internal.h"
#include "segment/numbering.h"
#include "segment/section_kind.h"

namespace scrx::segment {
namespace internal {

std::vector<Item> Flatten(const LaidOutDocument& doc) {
  std::vector<Item> items;
  int block_id = 0;
  for (const LaidOutPage& page : doc.pages) {
    bool first_on_page = true;
    for (const Block& block : page.blocks) {
      ++block_id;
      if (block.kind == Block::Kind::kTable) {
        Item it;
        it.block = &block;
        it.page = page.number;
        it.block_id = block_id;
        it.block_start = it.block_end = true;
        it.page_start = first_on_page;
        first_on_page = false;
        items.push_back(it);
        continue;
      }
      for (size_t i = 0; i < block.lines.size(); ++i) {
        if (block.lines[i].text.empty()) continue;
        Item it;
        it.block = &block;
        it.line = &block.lines[i];
        it.page = page.number;
        it.block_id = block_id;
        it.block_start = i == 0;
        it.block_end = i + 1 == block.lines.size();
        it.page_start = first_on_page;
        first_on_page = false;
        items.push_back(it);
      }
    }
  }
  // Blocks whose first line was empty: make sure every block has a start.
  for (size_t i = 0; i < items.size(); ++i) {
    if (i == 0 || items[i].block_id != items[i - 1].block_id) items[i].block_start = true;
  }
  return items;
}

std::string RowText(const TableRow& row) {
  std::string out;
  for (const TableCell& c : row.cells) {
    if (c.text.empty()) continue;
    if (!out.empty()) out += " | ";
    out += c.text;
  }
  return out;
}

std::string TitleKey(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    // ASCII letters and digits (what std::isalnum takes in the C locale), lower-cased.
    const bool lower = c >= 'a' && c <= 'z', upper = c >= 'A' && c <= 'Z';
    if (lower || upper || (c >= '0' && c <= '9')) {
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.push_back(static_cast<char>(upper ? c + ('a' - 'A') : c));
    } else if (c == '\'') {
      // "Children's" and "Childrens" compare equal.
    } else {
      space = true;
    }
  }
  return out;
}

}  // namespace internal

namespace {

using internal::Item;

int CountWords(const LaidOutPage& page) {
  int n = 0;
  for (const Block& b : page.blocks) {
    for (const Line& l : b.lines)
      n += 1 + static_cast<int>(std::count(l.text.begin(), l.text.end(), ' '));
    for (const TableRow& r : b.rows) {
      for (const TableCell& c : r.cells)
        n += 1 + static_cast<int>(std::count(c.text.begin(), c.text.end(), ' '));
    }
  }
  return n;
}

// Page 1 is a cover when the contents follow on page 2, or when it holds little text and no
// prose (a title, a name, a board, a date).
bool HasCover(const LaidOutDocument& doc, const internal::ContentsResult& contents) {
  if (doc.pages.size() < 2) return false;
  if (contents.page == 2) return true;
  const LaidOutPage& p1 = doc.pages.front();
  if (CountWords(p1) >= 200) return false;
  for (const Block& b : p1.blocks) {
    int block_words = 0;
    for (const Line& l : b.lines) {
      int words = 1 + static_cast<int>(std::count(l.text.begin(), l.text.end(), ' '));
      block_words += words;
      if (words >= 12 && !l.text.empty() && l.text.back() == '.') return false;
    }
    if (block_words >= 40) return false;  // a paragraph of prose: the report has begun
  }
  return !p1.blocks.empty();
}

// The cover's title: the lines in the largest type on page 1, in order.
std::string CoverTitle(const LaidOutPage& p1) {
  double largest = 0;
  for (const Block& b : p1.blocks) {
    for (const Line& l : b.lines) largest = std::max(largest, l.font_size);
  }
  std::string title;
  bool started = false;
  for (const Block& b : p1.blocks) {
    for (const Line& l : b.lines) {
      if (std::fabs(l.font_size - largest) < 0.6) {
        if (!title.empty()) title.push_back(' ');
        title += l.text;
        started = true;
      } else if (started) {
        return title;
      }
    }
  }
  return title;
}

void AddBlocksAsParagraphs(const std::vector<Item>& items, size_t begin, size_t end,
                           int section_index, Section* section, internal::ParagraphState* state) {
  internal::BuildParagraphs(items, begin, end, section_index, section, state);
}

// A cover is a stack of separate statements (title, board, "Independent reviewer: ...",
// "Published: June 2021") that layout may have grouped into one block: each line is its own
// paragraph, unless it carries on the sentence of the line above (starts in lower case).
void AddCoverLines(const std::vector<Item>& items, size_t begin, size_t end, int section_index,
                   Section* section, internal::ParagraphState* state) {
  size_t run = begin;
  for (size_t i = begin; i < end; ++i) {
    bool continues = false;
    if (i > run && !items[i].is_table() && !items[i - 1].is_table()) {
      const std::string& t = items[i].text();
      continues = !t.empty() && std::islower(static_cast<unsigned char>(t[0]));
    }
    if (i > run && !continues) {
      internal::BuildParagraphs(items, run, i, section_index, section, state);
      run = i;
    }
  }
  if (run < end) internal::BuildParagraphs(items, run, end, section_index, section, state);
}

}  // namespace

SegmentedDocument Segment(const LaidOutDocument& doc) {
  SegmentedDocument out;
  std::vector<Item> items = internal::Flatten(doc);
  if (items.empty()) return out;
  const int npages = static_cast<int>(doc.pages.size());
  internal::ContentsResult contents = internal::FindContents(items, npages);
  out.contents = contents.entries;
  out.contents_page = contents.page;
  bool has_contents = contents.end > contents.begin;

  bool cover = HasCover(doc, contents);
  size_t from = 0;
  if (cover) {
    while (from < items.size() && items[from].page == 1) ++from;
  }
  std::vector<internal::Heading> headings =
      internal::FindHeadings(items, from, contents, doc.body_font_size, &out.warnings);

  // Section boundaries in item order: cover [0, from), contents [begin, end), headings.
  struct Mark {
    size_t begin, body;  // section starts at `begin`; its body starts at `body`
    int heading = -1;    // index into headings, -1 for cover/contents/front matter
    SectionKind kind = SectionKind::kOther;
  };
  std::vector<Mark> marks;
  if (cover) marks.push_back({0, 0, -1, SectionKind::kCover});
  if (has_contents) marks.push_back({contents.begin, contents.end, -1, SectionKind::kContents});
  for (size_t h = 0; h < headings.size(); ++h) {
    marks.push_back({headings[h].begin, headings[h].end, static_cast<int>(h), SectionKind::kOther});
  }
  std::sort(marks.begin(), marks.end(),
            [](const Mark& a, const Mark& b) { return a.begin < b.begin; });
  // Text before the first mark: front matter. On the pages up to the contents it belongs to the
  // cover; otherwise it is an untitled section.
  if (marks.empty() || marks.front().begin > 0) {
    size_t first = marks.empty() ? items.size() : marks.front().begin;
    // Front matter between a cover and the contents (a document-control page) goes with the
    // cover; anything else before the first heading is an untitled section.
    bool front_is_cover = cover && has_contents &&
                          items[first == items.size() ? first - 1 : first].page <= contents.page;
    marks.insert(marks.begin(),
                 {0, 0, -1, front_is_cover ? SectionKind::kCover : SectionKind::kOther});
  }

  internal::ParagraphState state;
  for (size_t m = 0; m < marks.size(); ++m) {
    const Mark& mark = marks[m];
    size_t next = m + 1 < marks.size() ? marks[m + 1].begin : items.size();
    // Cover material after the contents page is not cover: the contents mark ends it.
    Section s;
    if (mark.heading >= 0) {
      const internal::Heading& h = headings[static_cast<size_t>(mark.heading)];
      s.number = h.number;
      s.title = h.title;
      s.level = h.level;
      s.in_contents = h.in_contents;
      s.title_kind = KindFromTitle(h.title, h.number, h.level);
      s.kind = s.title_kind;
      if (s.kind == SectionKind::kOther) {
        // Inherit the kind of the enclosing section. A subsection that names the review's
        // subjects ("Baby S and her family") is their background in the narrative parts of a
        // report, and part of the analysis (or method) elsewhere.
        for (size_t k = out.sections.size(); k-- > 0;) {
          if (out.sections[k].level < s.level) {
            SectionKind parent = out.sections[k].kind;
            bool narrative = parent == SectionKind::kIntroduction ||
                             parent == SectionKind::kChronology ||
                             parent == SectionKind::kBackground || parent == SectionKind::kOther;
            s.kind = narrative && IsSubjectTitle(h.title) ? SectionKind::kBackground : parent;
            break;
          }
        }
      }
    } else if (mark.kind == SectionKind::kContents) {
      s.title = contents.title;
      s.kind = s.title_kind = SectionKind::kContents;
      s.in_contents = false;
    } else if (mark.kind == SectionKind::kCover) {
      s.title = cover ? CoverTitle(doc.pages.front()) : "";
      s.kind = s.title_kind = SectionKind::kCover;
    } else {
      s.kind = s.title_kind = SectionKind::kOther;
    }
    s.page_start = items[std::min(mark.begin, items.size() - 1)].page;
    s.page_end = s.page_start;
    if (mark.kind != SectionKind::kContents) {
      size_t body = mark.body;
      if (mark.kind == SectionKind::kCover) body = mark.begin;
      // A cover section holds the cover page only; the rest up to the next mark is front matter.
      if (mark.kind == SectionKind::kCover) {
        AddCoverLines(items, body, next, static_cast<int>(out.sections.size()), &s, &state);
      } else {
        AddBlocksAsParagraphs(items, body, next, static_cast<int>(out.sections.size()), &s, &state);
      }
    }
    for (const Paragraph& p : s.paragraphs) s.page_end = std::max(s.page_end, p.page_end);
    if (mark.kind == SectionKind::kContents && contents.end > contents.begin) {
      s.page_end = items[contents.end - 1].page;
    }
    out.sections.push_back(std::move(s));
  }
  return out;
}

}  // namespace scrx::segment
