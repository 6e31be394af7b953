// tag::PatternSet on pattern files of an unexpected shape, as the patterns fuzzer produced them
// (fuzz/regressions/patterns): every one is a "file:line: message" error, never an exception
// that ends the program (`scrx analyze --patterns` and `scrx patterns test` aborted).
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "tag/pattern_set.h"

namespace scrx::tag {
namespace {

std::string LoadError(const std::string& text) {
  Status status;
  std::unique_ptr<PatternSet> set = PatternSet::FromStrings({{"t.yaml", text}}, &status);
  EXPECT_EQ(set == nullptr, !status.ok());
  return status.ToString();
}

const char kHead[] =
    "id: t\n"
    "label: T\n"
    "group: factor\n"
    "definition: d\n";

TEST(PatternSetHostile, ExamplesGivenAsAListAreAnError) {
  EXPECT_EQ(LoadError(std::string(kHead) + "match:\n"
                                           "  - term: x\n"
                                           "examples:\n"
                                           "  - a sentence in a list, not under match:\n"),
            "t.yaml:8: expected a mapping (key: value)");
}

TEST(PatternSetHostile, NearGivenAsAWordIsAnError) {
  EXPECT_EQ(LoadError(std::string(kHead) + "match:\n"
                                           "- near: h\n"),
            "t.yaml:6: expected a mapping (key: value)");
}

TEST(PatternSetHostile, OtherShapesAreErrorsToo) {
  const struct {
    const char* text;
    const char* error;
  } cases[] = {
      {"match:\n  - term: x\nderive: [a, b]\n", "t.yaml:7: expected a mapping (key: value)"},
      {"match:\n  - term: x\n    near: [a]\n", "t.yaml:7: expected a mapping (key: value)"},
      {"match:\n  - {[a, b]: x}\n", "t.yaml:6: a key must be a plain name"},
      {"match:\n  - term: x\n? [a]\n: b\n", "t.yaml:7: a key must be a plain name"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(LoadError(std::string(kHead) + c.text), c.error) << c.text;
  }
  Status status;
  auto set = PatternSet::FromStrings({{"context.yaml", "kind: context\nnegation: [no evidence]\n"},
                                      {"t.yaml", std::string(kHead) + "match:\n  - term: x\n"}},
                                     &status);
  EXPECT_EQ(set, nullptr);
  EXPECT_EQ(status.ToString(), "context.yaml:2: expected a mapping (key: value)");
}

// Keys with nothing under them stay valid, as before.
TEST(PatternSetHostile, EmptyMappingsStillLoad) {
  Status status;
  auto set =
      PatternSet::FromStrings({{"context.yaml", "kind: context\nnegation:\nhedge: [may have]\n"},
                               {"t.yaml", std::string(kHead) + "match:\n  - term: x\nexamples:\n"}},
                              &status);
  ASSERT_NE(set, nullptr) << status.ToString();
  EXPECT_EQ(set->themes().size(), 1u);
}

}  // namespace
}  // namespace scrx::tag
