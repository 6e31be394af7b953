// Internal to src/layout: the intermediate "row" representation shared by rows.cc,
// furniture.cc, regions.cc and layout.cc. Not part of the library's interface.
#ifndef SCRX_LAYOUT_INTERNAL_H_
#define SCRX_LAYOUT_INTERNAL_H_

#include <string>
#include <vector>

#include "document.h"

namespace scrx::layout::internal {

// Words at one height on a page, left to right. Indices point into RawPage::words.
struct Row {
  std::vector<int> words;
  std::vector<int> markers;  // raised small words (footnote markers): not part of the text
  Box box;
  double size = 0;    // dominant font size
  bool bold = false;  // most characters bold
  bool italic = false;
};

// Groups the upright words of `page` into rows sorted top to bottom, words left to right.
// Duplicate words (fake bold printed twice) are dropped; superscript note markers go to
// Row::markers.
// `*rotated` counts words that were skipped because they are not upright.
std::vector<Row> BuildRows(const RawPage& page, int* rotated);

// Text of `words` (indices into page.words) in order, with spaces where the PDF has them,
// normalised.
std::string WordsText(const RawPage& page, const std::vector<int>& words);

// Fills size/bold/italic/box of a row from its words.
void ComputeRowStyle(const RawPage& page, Row* row);

// Finds running headers, footers and page numbers across all pages. For each page returns the
// indices of rows that are furniture, and appends the items to `*furniture`.
std::vector<std::vector<int>> FindFurniture(const std::vector<RawPage>& pages,
                                            const std::vector<std::vector<Row>>& rows,
                                            std::vector<FurnitureItem>* furniture);

// Finds footnotes at the foot of a page: rows below the body in a smaller font that begin with
// a note marker. Returns their row indices (within `rows`).
std::vector<int> FindFootnotes(const RawPage& page, const std::vector<Row>& rows, double body_size);

// Cuts the body rows of one page into regions and returns the page's blocks in reading order.
// `*columns` receives the widest prose column count found.
std::vector<Block> BuildBlocks(const RawPage& page, const std::vector<Row>& rows, double body_size,
                               int* columns);

}  // namespace scrx::layout::internal

#endif  // SCRX_LAYOUT_INTERNAL_H_
