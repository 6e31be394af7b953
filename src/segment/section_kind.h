// Section kinds: the fixed vocabulary a section title maps to (introduction, findings,
// recommendations, ...), and the names used in the JSON.
#ifndef SCRX_SEGMENT_SECTION_KIND_H_
#define SCRX_SEGMENT_SECTION_KIND_H_

#include <optional>
#include <string_view>

#include "document.h"

namespace scrx {

// "executive_summary", "terms_of_reference", ...
std::string_view SectionKindName(SectionKind kind);
std::optional<SectionKind> SectionKindFromName(std::string_view name);

namespace segment {

// The kind a section title says, or kOther when it says none. Specific phrases are checked
// first ("background to the review" is an introduction, "discussion of key findings" are
// findings); otherwise the earliest kind word in the title wins ("Conclusions and
// recommendations" -> conclusion). `number` is the heading's number ("Appendix 2" makes an
// appendix unless the title says more). `level` is the heading's level: a title that only names
// the review's subjects ("Toby and his family") is background at level 1 and says nothing
// (kOther, so the section takes its parent's kind) below.
SectionKind KindFromTitle(std::string_view title, std::string_view number = {}, int level = 1);

// Whether a title only names the review's subjects ("Baby S and her family", "The boys").
bool IsSubjectTitle(std::string_view title);

}  // namespace segment
}  // namespace scrx

#endif  // SCRX_SEGMENT_SECTION_KIND_H_
