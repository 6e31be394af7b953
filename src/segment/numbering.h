// Numbering as reviews print it: section numbers of headings ("4", "2.3", "Section 4",
// "Part B", "Appendix 1"), paragraph numbers ("4.1", "4.1.2", "12.", "para 12") and list
// markers ("•", "-", "o", "(a)", "iv.", "1)"), and the rule that says whether a paragraph
// number continues the sequence so far (so a wrapped line that begins "2004." is not taken for
// paragraph 2004).
#ifndef SCRX_SEGMENT_NUMBERING_H_
#define SCRX_SEGMENT_NUMBERING_H_

#include <string>
#include <string_view>
#include <vector>

namespace scrx::segment {

struct SectionNumber {
  bool found = false;
  std::string number;  // "4", "2.3", "Part B", "Appendix 1", "A"; see FORMAT of the JSON
  std::string title;   // the rest of the heading ("" for a bare "Appendix 1")
  int depth = 1;       // 2.3 -> 2; Section/Part/Appendix -> 1
  bool numeric = false;
};
// Parses a heading's leading number. `found` is false when the text has none.
SectionNumber ParseSectionNumber(std::string_view text);

struct ParaNumber {
  bool found = false;
  std::string number;      // "4.1", "12"
  std::vector<int> parts;  // {4, 1}
  std::string rest;        // text after the number
};
// Parses a leading paragraph number: "4.1 ", "4.1. ", "12. ", "para 12 ". The text after it
// must begin like a sentence (a capital, a digit, a quote or a bracket).
ParaNumber ParseParagraphNumber(std::string_view text);

struct ListMarker {
  bool found = false;
  std::string marker;  // "•", "-", "o", "(a)", "a)", "iv.", "1)"
  std::string rest;
};
// Parses a leading list marker. Bullets must already be normalised to "•" (normalize.h).
ListMarker ParseListMarker(std::string_view text);

// True when paragraph number `next` may follow `last` (empty = none yet) in a review whose
// current section is numbered `section` (0 = unnumbered): 1.2 -> 1.3, 1.2 -> 1.2.1,
// 1.2.3 -> 1.3, 3.4 -> 4.1, 12 -> 13, and x.1 or 1 to start a section.
bool ContinuesSequence(const std::vector<int>& last, const std::vector<int>& next, int section);

}  // namespace scrx::segment

#endif  // SCRX_SEGMENT_NUMBERING_H_
