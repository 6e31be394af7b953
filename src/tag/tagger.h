// Tagging: runs a compiled PatternSet over the paragraphs of a review, sentence by sentence,
// and turns every match into evidence (page, section, paragraph, quoted sentence, span, cues),
// then into a verdict per theme by the rule documented in patterns/README.md.
#ifndef SCRX_TAG_TAGGER_H_
#define SCRX_TAG_TAGGER_H_

#include <string>
#include <string_view>
#include <vector>

#include "document.h"
#include "tag/pattern_set.h"

namespace scrx::tag {

// What the tagger is told about the review as a whole.
struct TagContext {
  // The review is about an adult (SAR, DHR, adult practice review): themes marked "about: child"
  // count only in sentences that name a child.
  bool adult_review = false;
};

class Tagger {
 public:
  // `patterns` must outlive the Tagger. A Tagger is immutable and may be shared by threads.
  explicit Tagger(const PatternSet* patterns) : patterns_(patterns) {}

  // Tags `sections` (Section::kind decides the zone of each match). Returns one result per
  // theme, in the pattern set's order. *body_words receives the number of words of body text
  // (every section except cover, contents, references and glossary).
  std::vector<ThemeResult> Tag(const std::vector<Section>& sections, int* body_words,
                               const TagContext& context = {}) const;

  // Whether `sentence`, read alone as analysis text, makes theme `theme` present (for the
  // pattern files' examples). `why` receives the matched text or the reason it did not count.
  bool SentencePresent(std::string_view sentence, int theme, std::string* why = nullptr) const;

 private:
  const PatternSet* patterns_;
};

// Why evidence in a section of `kind` does not count for a theme of `group`, or "" when it
// counts as far as its place goes.
std::string ZoneReason(SectionKind kind, ThemeGroup group);

std::string_view ThemeGroupName(ThemeGroup group);

}  // namespace scrx::tag

#endif  // SCRX_TAG_TAGGER_H_
