// tag::PatternSet: pattern files -> one compiled set. Errors name "file:line"; terms become
// regexes by documented rules; later files replace themes; the hash identifies the content.
#include "tag/pattern_set.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace scrx::tag {
namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

// Returns the error of loading `files`, or "OK".
std::string LoadError(const Files& files) {
  Status status;
  std::unique_ptr<PatternSet> set = PatternSet::FromStrings(files, &status);
  EXPECT_EQ(set == nullptr, !status.ok());
  return status.ToString();
}

const char kDomesticAbuse[] =
    "id: domestic_abuse\n"
    "label: Domestic abuse\n"
    "group: factor\n"
    "definition: Abuse between adults in the household.\n"
    "match:\n"
    "  - terms: [domestic abuse, coercive control]\n";

TEST(PatternSet, LoadsAValidTheme) {
  Status status;
  auto set = PatternSet::FromStrings({{"domestic_abuse.yaml", kDomesticAbuse}}, &status);
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(set->themes().size(), 1u);
  const Theme& t = set->themes()[0];
  EXPECT_EQ(t.id, "domestic_abuse");
  EXPECT_EQ(t.label, "Domestic abuse");
  EXPECT_EQ(t.group, ThemeGroup::kFactor);
  EXPECT_EQ(t.threshold, 1.0);
  ASSERT_EQ(t.rules.size(), 2u);
  EXPECT_EQ(t.rules[0].where, "domestic_abuse.yaml:6");
  EXPECT_EQ(set->Find("domestic_abuse"), 0);
  EXPECT_EQ(set->Find("neglect"), -1);
}

TEST(PatternSet, ErrorsNameFileAndLine) {
  const struct {
    const char* what;
    Files files;
    const char* error;
  } cases[] = {
      {"bad regex",
       {{"fathers.yaml",
         "id: unseen_men\n"
         "label: Unseen men\n"
         "group: practice\n"
         "definition: Men in the household were not assessed.\n"
         "match:\n"
         "  - term: hidden men\n"
         "  - regex: '(absent'\n"}},
       "fathers.yaml:7: bad regex: missing ): (absent"},
      {"unknown key at the top level",
       {{"t.yaml",
         "id: unseen_men\n"
         "label: Unseen men\n"
         "group: practice\n"
         "definiton: Men in the household were not assessed.\n"
         "match:\n"
         "  - term: hidden men\n"}},
       "t.yaml:4: unknown key 'definiton'"},
      {"unknown key in a match entry",
       {{"t.yaml",
         "id: unseen_men\n"
         "label: Unseen men\n"
         "group: practice\n"
         "definition: Men in the household were not assessed.\n"
         "match:\n"
         "  - term: hidden men\n"
         "    wieght: 0.5\n"}},
       "t.yaml:7: unknown key 'wieght'"},
      {"missing id",
       {{"t.yaml",
         "label: Unseen men\n"
         "group: practice\n"
         "definition: Men in the household were not assessed.\n"
         "match:\n"
         "  - term: hidden men\n"}},
       "t.yaml:1: missing 'id'"},
      {"bad group",
       {{"t.yaml",
         "id: unseen_men\n"
         "label: Unseen men\n"
         "group: risk\n"
         "definition: Men in the household were not assessed.\n"
         "match:\n"
         "  - term: hidden men\n"}},
       "t.yaml:3: group must be factor, incident, practice or system"},
      {"near without b",
       {{"t.yaml",
         "id: unseen_men\n"
         "label: Unseen men\n"
         "group: practice\n"
         "definition: Men in the household were not assessed.\n"
         "match:\n"
         "  - near:\n"
         "      a: ['fathers?']\n"
         "      within: 4\n"}},
       "t.yaml:7: near needs a non-empty list 'b'"},
      {"derive names an unknown theme",
       {{"domestic_abuse.yaml", kDomesticAbuse},
        {"trio.yaml",
         "id: toxic_trio\n"
         "label: Toxic trio\n"
         "group: factor\n"
         "definition: Domestic abuse, parental mental ill health and substance misuse together.\n"
         "match:\n"
         "  - term: toxic trio\n"
         "derive:\n"
         "  all_of: [domestic_abuse, parental_substance_misuse]\n"}},
       "trio.yaml:8: theme toxic_trio: derive names an unknown theme 'parental_substance_misuse'"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(LoadError(c.files), c.error) << c.what;
  }
}

TEST(TermToRegex, MatchesAsDocumented) {
  const struct {
    const char* term;
    const char* text;
    bool matches;
  } cases[] = {
      // A space matches spaces or a hyphen.
      {"pre birth", "a pre-birth assessment", true},
      {"pre birth", "a pre birth assessment", true},
      {"pre birth", "a prebirth assessment", false},
      {"self-harm", "a history of self harm", true},
      {"multi agency", "the multi - agency meeting", true},
      // An apostrophe is optional.
      {"mother's partner", "the mother's partner", true},
      {"mother's partner", "the mothers partner", true},
      // A trailing '*' matches the rest of the word.
      {"neglect*", "neglected", true},
      {"neglect*", "neglectful parenting", true},
      {"neglect*", "chronic neglect", true},
      // Whole words only, case-insensitive.
      {"abuse", "the mother was disabused of the idea", false},
      {"neglect", "neglected", false},
      {"domestic abuse", "Domestic Abuse", true},
      // Punctuation is literal.
      {"A&E", "she attended A&E twice", true},
      {"Dr. Smith", "Dr Smith", false},
  };
  RE2::Options opt;
  opt.set_case_sensitive(false);
  for (const auto& c : cases) {
    std::string pattern = TermToRegex(c.term);
    RE2 re(pattern, opt);
    ASSERT_TRUE(re.ok()) << c.term << " -> " << pattern << ": " << re.error();
    EXPECT_EQ(RE2::PartialMatch(c.text, re), c.matches)
        << "term \"" << c.term << "\" (" << pattern << ") on \"" << c.text << "\"";
  }
}

TEST(PatternSet, LaterFileReplacesThemeWithSameId) {
  const char local[] =
      "id: domestic_abuse\n"
      "label: Domestic abuse (local)\n"
      "group: factor\n"
      "definition: Our own definition.\n"
      "match:\n"
      "  - term: honour based abuse\n";
  Status status;
  auto set = PatternSet::FromStrings(
      {{"patterns/domestic_abuse.yaml", kDomesticAbuse}, {"local/domestic_abuse.yaml", local}},
      &status);
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(set->themes().size(), 1u);
  EXPECT_EQ(set->themes()[0].label, "Domestic abuse (local)");
  EXPECT_EQ(set->themes()[0].file, "local/domestic_abuse.yaml");

  std::vector<PatternSet::RuleRef> refs;
  set->MatchRules("She disclosed honour based abuse.", &refs);
  EXPECT_EQ(refs.size(), 1u);
  set->MatchRules("There was coercive control and domestic abuse.", &refs);
  EXPECT_TRUE(refs.empty());
}

// A proximity rule's first half is reported (and searched) only where its second half can
// match too: "father" alone is no candidate for "father ... not assessed".
TEST(PatternSet, ProximityRuleNeedsBothHalves) {
  const char unseen[] =
      "id: unseen_men\n"
      "label: Unseen men\n"
      "group: practice\n"
      "definition: Men in the household were not assessed.\n"
      "match:\n"
      "  - near:\n"
      "      a: ['\\bfathers?\\b']\n"
      "      b: ['\\bnot assessed\\b', '\\bnever seen\\b']\n"
      "      within: 6\n";
  Status status;
  auto set = PatternSet::FromStrings({{"unseen_men.yaml", unseen}}, &status);
  ASSERT_TRUE(status.ok()) << status.ToString();
  std::vector<PatternSet::RuleRef> refs;
  set->MatchRules("The father was at every appointment.", &refs);
  EXPECT_TRUE(refs.empty());
  set->MatchRules("The father was never seen by the health visitor.", &refs);
  ASSERT_EQ(refs.size(), 1u);
  EXPECT_EQ(refs[0].theme, 0);
  set->MatchRules("His father was not assessed.", &refs);
  EXPECT_EQ(refs.size(), 1u);
}

TEST(PatternSet, HashFollowsContentNotFileOrder) {
  const char neglect[] =
      "id: neglect\n"
      "label: Neglect\n"
      "group: factor\n"
      "definition: Persistent failure to meet the child's basic needs.\n"
      "match:\n"
      "  - term: neglect*\n";
  const char neglect_changed[] =
      "id: neglect\n"
      "label: Neglect\n"
      "group: factor\n"
      "definition: Persistent failure to meet the child's basic needs.\n"
      "match:\n"
      "  - term: neglectful\n";
  auto hash = [](const Files& files) {
    Status status;
    auto set = PatternSet::FromStrings(files, &status);
    EXPECT_TRUE(status.ok()) << status.ToString();
    return set ? set->hash() : std::string();
  };
  std::string ab = hash({{"domestic_abuse.yaml", kDomesticAbuse}, {"neglect.yaml", neglect}});
  std::string ba = hash({{"neglect.yaml", neglect}, {"domestic_abuse.yaml", kDomesticAbuse}});
  std::string changed =
      hash({{"domestic_abuse.yaml", kDomesticAbuse}, {"neglect.yaml", neglect_changed}});
  EXPECT_EQ(ab.size(), 64u);
  EXPECT_EQ(ab, ba);
  EXPECT_NE(ab, changed);
}

}  // namespace
}  // namespace scrx::tag
