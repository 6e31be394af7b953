#include "tag/examples.h"

#include "tag/tagger.h"

namespace scrx::tag {

std::vector<ExampleFailure> RunExamples(const PatternSet& set, int* total) {
  Tagger tagger(&set);
  std::vector<ExampleFailure> out;
  *total = 0;
  for (size_t t = 0; t < set.themes().size(); ++t) {
    const Theme& theme = set.themes()[t];
    for (bool want : {true, false}) {
      for (const Example& ex : want ? theme.match_examples : theme.no_match_examples) {
        ++*total;
        std::string why;
        bool got = tagger.SentencePresent(ex.sentence, static_cast<int>(t), &why);
        if (got != want) {
          out.push_back(
              {ex.where, theme.id, ex.sentence, want, why.empty() ? "nothing matched" : why});
        }
      }
    }
  }
  return out;
}

std::string FormatFailure(const ExampleFailure& f) {
  return f.where + ": " + f.theme + ": expected " + (f.expected_match ? "match" : "no match") +
         ": \"" + f.sentence + "\" (" + f.detail + ")";
}

}  // namespace scrx::tag
