// Plain-text views of a review for people: the cleaned text with section and paragraph
// markers (`scrx text`), so users can check what scrx read.
#ifndef SCRX_OUTPUT_TEXT_VIEW_H_
#define SCRX_OUTPUT_TEXT_VIEW_H_

#include <string>

#include "document.h"

namespace scrx::output {

// Sections as "## <number> <title>  [kind, pages a-b]" lines, paragraphs as "[id] text",
// tables as rows of cells separated by " | ", then the furniture removed.
std::string RenderText(const Review& review);

}  // namespace scrx::output

#endif  // SCRX_OUTPUT_TEXT_VIEW_H_
