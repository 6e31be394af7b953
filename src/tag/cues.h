// Cues around a match inside its sentence, NegEx/ConText style: negation (pre-triggers whose
// scope runs forward, post-triggers whose scope runs backward, pseudo-triggers that only look
// like cues, terminators that end a scope), hedging, and counterfactual or missed-opportunity
// language. The lexicons come from context.yaml (see patterns/README.md).
#ifndef SCRX_TAG_CUES_H_
#define SCRX_TAG_CUES_H_

#include <string>
#include <string_view>
#include <vector>

#include "tag/pattern_set.h"

namespace scrx::tag {

struct CueResult {
  bool negated = false;
  std::string negation_cue;
  bool hedged = false;
  std::string hedge_cue;
  bool counterfactual = false;
  std::string counterfactual_cue;
};

// The cue triggers found in one sentence; build once, then ask about each match in it.
class SentenceCues {
 public:
  // `candidates`, when given, are those of the pattern set for this sentence: cue regexes
  // ruled out there are not searched.
  SentenceCues(std::string_view sentence, const Cues& cues,
               const PatternSet::Candidates* candidates = nullptr);
  // Cues that govern the match at bytes [begin, end) of the sentence.
  CueResult For(int begin, int end) const;
  // Whether the sentence matches a boilerplate pattern (statutory criteria and the like).
  bool boilerplate() const { return boilerplate_; }

 private:
  struct Span {
    int begin, end;
    std::string text;
    int window;  // scope in words
  };
  bool InScope(const Span& trigger, int begin, int end, bool forward) const;
  std::string_view sentence_;
  int window_;
  std::vector<Span> pre_, post_, terminate_, hedge_, counterfactual_;
  bool boilerplate_ = false;
};

}  // namespace scrx::tag

#endif  // SCRX_TAG_CUES_H_
