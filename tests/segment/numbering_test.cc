// Numbering as reviews print it: section numbers of headings, paragraph numbers, list markers,
// and whether a paragraph number continues the sequence.
#include "segment/numbering.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace scrx::segment {
namespace {

TEST(ParseSectionNumber, Headings) {
  const struct {
    const char* text;
    const char* number;
    const char* title;
    int depth;
    bool numeric;
  } cases[] = {
      {"4 Analysis", "4", "Analysis", 1, true},
      {"4. Analysis", "4", "Analysis", 1, true},
      {"2.3 Practice", "2.3", "Practice", 2, true},
      {"1.2.3 Voice of the child", "1.2.3", "Voice of the child", 3, true},
      {"Section 4: Findings", "4", "Findings", 1, true},
      {"Part B The case", "Part B", "The case", 1, false},
      {"Appendix 1: Terms of Reference", "Appendix 1", "Terms of Reference", 1, false},
      {"Appendix A - Glossary", "Appendix A", "Glossary", 1, false},
      {"Appendix", "Appendix", "", 1, false},
      {"appendix 2 Chronology", "Appendix 2", "Chronology", 1, false},
      {"CHAPTER 3 Findings", "3", "Findings", 1, true},
      {"Annex C: Glossary", "Annex C", "Glossary", 1, false},
      {"H. Recommendations", "H", "Recommendations", 1, false},
  };
  for (const auto& c : cases) {
    SectionNumber n = ParseSectionNumber(c.text);
    EXPECT_TRUE(n.found) << c.text;
    EXPECT_EQ(n.number, c.number) << c.text;
    EXPECT_EQ(n.title, c.title) << c.text;
    EXPECT_EQ(n.depth, c.depth) << c.text;
    EXPECT_EQ(n.numeric, c.numeric) << c.text;
  }
}

TEST(ParseSectionNumber, NotHeadingNumbers) {
  const char* cases[] = {
      "2019 was a difficult year for the family",  // a year, not section 2019
      "Part of the work was done by the school",   // "Part" in prose
      "Partnership working",
      "Appendix material is held by the partnership",
      "Introduction",
  };
  for (const char* text : cases) {
    SectionNumber n = ParseSectionNumber(text);
    EXPECT_FALSE(n.found) << text << " -> number \"" << n.number << "\"";
  }
}

TEST(ParseParagraphNumber, Numbers) {
  const struct {
    const char* text;
    const char* number;
    std::vector<int> parts;
    const char* rest;
  } cases[] = {
      {"4.1 The family moved", "4.1", {4, 1}, "The family moved"},
      {"4.1. The family moved", "4.1", {4, 1}, "The family moved"},
      {"12. The family moved", "12", {12}, "The family moved"},
      {"para 12 The family moved", "12", {12}, "The family moved"},
      {"Paragraph 6.3: The family moved", "6.3", {6, 3}, "The family moved"},
      {"PARA. 7 The family moved", "7", {7}, "The family moved"},
      {"3.2.1 \"I didn't know\", she said", "3.2.1", {3, 2, 1}, "\"I didn't know\", she said"},
  };
  for (const auto& c : cases) {
    ParaNumber n = ParseParagraphNumber(c.text);
    EXPECT_TRUE(n.found) << c.text;
    EXPECT_EQ(n.number, c.number) << c.text;
    EXPECT_EQ(n.parts, c.parts) << c.text;
    EXPECT_EQ(n.rest, c.rest) << c.text;
  }
}

TEST(ParseParagraphNumber, RejectsNumbersInProse) {
  const char* cases[] = {
      "4.5 million pounds was spent on the service",
      "12 weeks later the family moved",
      "The family moved in 2019",
      "12.",
  };
  for (const char* text : cases) {
    ParaNumber n = ParseParagraphNumber(text);
    EXPECT_FALSE(n.found) << text << " -> number \"" << n.number << "\"";
  }
}

TEST(ParseListMarker, Markers) {
  const struct {
    const char* text;
    const char* marker;
    const char* rest;
  } cases[] = {
      {"\u2022 weekly home visits", "\u2022", "weekly home visits"},
      {"- weekly home visits", "-", "weekly home visits"},
      {"o weekly home visits", "o", "weekly home visits"},
      {"(a) weekly home visits", "(a)", "weekly home visits"},
      {"iv. weekly home visits", "iv.", "weekly home visits"},
      {"b) weekly home visits", "b)", "weekly home visits"},
      {"1) weekly home visits", "1)", "weekly home visits"},
      // The longest markers close at the fifth byte.
      {"viii) weekly home visits", "viii)", "weekly home visits"},
      {"viii. weekly home visits", "viii.", "weekly home visits"},
      {"(xii) weekly home visits", "(xii)", "weekly home visits"},
      {"12) weekly home visits", "12)", "weekly home visits"},
      {"* weekly home visits", "*", "weekly home visits"},
      {"> weekly home visits", ">", "weekly home visits"},
      {"\u2022weekly home visits", "\u2022", "weekly home visits"},
  };
  for (const auto& c : cases) {
    ListMarker m = ParseListMarker(c.text);
    EXPECT_TRUE(m.found) << c.text;
    EXPECT_EQ(m.marker, c.marker) << c.text;
    EXPECT_EQ(m.rest, c.rest) << c.text;
  }
}

TEST(ParseListMarker, RejectsOrdinaryText) {
  const char* cases[] = {
      "other agencies were not invited",
      "In 2019 the family moved",
      "4.1 The family moved",
      "viiii) is not a marker",
      "12. The family moved",  // a paragraph number: "." closes letters only
      "Mr. Smith was seen",
      "Overview of the family",
      "",
  };
  for (const char* text : cases) {
    ListMarker m = ParseListMarker(text);
    EXPECT_FALSE(m.found) << text << " -> marker \"" << m.marker << "\"";
  }
}

TEST(ContinuesSequence, Rules) {
  const struct {
    std::vector<int> last, next;
    int section;
    bool continues;
  } cases[] = {
      {{1, 2}, {1, 3}, 0, true},      // next at the same depth
      {{1, 2}, {1, 2, 1}, 0, true},   // one level deeper
      {{1, 2, 3}, {1, 3}, 0, true},   // back up a level
      {{3, 4}, {4, 1}, 0, true},      // a new section restarts
      {{12}, {13}, 0, true},          // plain numbers
      {{}, {1}, 0, true},             // the first paragraph
      {{}, {4, 1}, 4, true},          // the first paragraph of section 4
      {{12}, {2004}, 0, false},       // a year at the start of a wrapped line
      {{4, 1}, {4, 3}, 0, false},     // a gap
      {{1, 2}, {1, 2, 2}, 0, false},  // deeper must start at 1
      {{}, {7, 3}, 4, false},         // not this section's numbering
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ContinuesSequence(c.last, c.next, c.section), c.continues)
        << ::testing::PrintToString(c.last) << " -> " << ::testing::PrintToString(c.next)
        << " in section " << c.section;
  }
}

}  // namespace
}  // namespace scrx::segment
