// Segmentation: turns the laid-out blocks of a review into its contents entries and its ordered
// sections (number, title, level, kind, pages), each holding its numbered paragraphs, list
// items, tables and plain paragraphs. Works with or without a contents page, with numbered or
// unnumbered headings, and with headings set apart by font alone.
#ifndef SCRX_SEGMENT_SEGMENT_H_
#define SCRX_SEGMENT_SEGMENT_H_

#include "document.h"

namespace scrx::segment {

// Segments `doc`. Never fails; a document without recognisable headings comes out as one
// section. Non-fatal problems (contents entries with no matching heading, ...) are warnings.
SegmentedDocument Segment(const LaidOutDocument& doc);

}  // namespace scrx::segment

#endif  // SCRX_SEGMENT_SEGMENT_H_
