// Runs the example sentences of a pattern set: every `match` example must make its theme
// present on its own, every `no_match` example must not (`scrx patterns test`, and the test
// suite over the shipped patterns).
#ifndef SCRX_TAG_EXAMPLES_H_
#define SCRX_TAG_EXAMPLES_H_

#include <string>
#include <vector>

#include "tag/pattern_set.h"

namespace scrx::tag {

struct ExampleFailure {
  std::string where;  // "patterns/unseen_men.yaml:40"
  std::string theme;
  std::string sentence;
  bool expected_match = true;
  std::string detail;  // what matched, or "nothing matched"
};

// Runs every example; returns the failures. *total receives the number of examples run.
std::vector<ExampleFailure> RunExamples(const PatternSet& set, int* total);

// "FILE:LINE: theme: expected match: \"sentence\" (nothing matched)".
std::string FormatFailure(const ExampleFailure& f);

}  // namespace scrx::tag

#endif  // SCRX_TAG_EXAMPLES_H_
