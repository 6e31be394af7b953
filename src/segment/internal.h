// Internal to src/segment: the flat list of lines and tables that segmentation walks, and the
// steps segment.cc runs over it. Not part of the library's interface.
#ifndef SCRX_SEGMENT_INTERNAL_H_
#define SCRX_SEGMENT_INTERNAL_H_

#include <string>
#include <vector>

#include "document.h"

namespace scrx::segment::internal {

// One line of a text block, or one whole table block, in reading order.
struct Item {
  const Block* block = nullptr;
  const Line* line = nullptr;  // nullptr for a table
  int page = 0;
  int block_id = 0;  // running number of the block in the document
  bool block_start = false;
  bool block_end = false;
  bool page_start = false;  // first item of its page
  const std::string& text() const { return line->text; }
  bool is_table() const { return line == nullptr; }
};

std::vector<Item> Flatten(const LaidOutDocument& doc);

// Text of a table row: its cells joined with " | " (empty cells skipped).
std::string RowText(const TableRow& row);

// Lower-case letters and digits only, single spaces: the form in which titles are compared.
std::string TitleKey(std::string_view text);

struct ContentsResult {
  size_t title_item = 0;      // the "Contents" line
  size_t begin = 0, end = 0;  // items [begin, end) are the contents, title included; empty: none
  std::string title;
  std::vector<ContentsEntry> entries;
  int page = 0;
};
ContentsResult FindContents(const std::vector<Item>& items, int npages);

struct Heading {
  size_t begin = 0, end = 0;  // items [begin, end) hold the heading's text
  std::string number, title;
  int level = 1;
  bool in_contents = false;
  bool numbered = false;
  double size = 0;
  bool bold = false, caps = false;
};
// Finds headings among items [from, items.size()) outside the contents range.
std::vector<Heading> FindHeadings(const std::vector<Item>& items, size_t from,
                                  const ContentsResult& contents, double body_size,
                                  std::vector<Warning>* warnings);

// Paragraph numbering state carried through the document.
struct ParagraphState {
  std::vector<int> last_number;
  int text_count = 0;
  std::vector<std::string> used_ids;
};
// Builds the paragraphs of `section` from items [begin, end).
void BuildParagraphs(const std::vector<Item>& items, size_t begin, size_t end, int section_index,
                     Section* section, ParagraphState* state);

}  // namespace scrx::segment::internal

#endif  // SCRX_SEGMENT_INTERNAL_H_
