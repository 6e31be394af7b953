// The tagger's first pass: the literal automaton finds atoms without case and with their
// places, a regex is admitted only when each clause of its condition has an atom, a part of a
// text counts only the atoms inside it, and, the property everything rests on, no regex of the
// shipped pack that matches an example sentence is ever ruled out for it.
#include "tag/literal_filter.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "tag/pattern_set.h"

namespace scrx::tag {
namespace {

struct Filter {
  LiteralFilter filter;
  std::vector<std::unique_ptr<RE2>> regexes;
  int Add(const std::string& pattern) {
    RE2::Options o;
    o.set_case_sensitive(false);
    regexes.push_back(std::make_unique<RE2>(pattern, o));
    int index = -1;
    EXPECT_TRUE(filter.Add(*regexes.back(), "test", &index).ok()) << pattern;
    return index;
  }
  std::vector<int> Select(std::string_view text, int from = 0, int to = -1) {
    std::vector<LiteralFilter::Hit> hits;
    filter.Scan(text, &hits);
    LiteralFilter::Scratch scratch;
    std::vector<char> may;
    std::vector<int> list;
    filter.Select(hits, from, to < 0 ? static_cast<int>(text.size()) : to, &scratch, &may, &list);
    for (int i : list) EXPECT_EQ(may[static_cast<size_t>(i)], 1);
    return list;
  }
};

TEST(LiteralFilter, ScanFindsAtomsWithoutCaseAndWithTheirPlaces) {
  Filter f;
  f.Add(R"(\bmother\b)");
  f.Add(R"(\bher\b)");
  f.filter.Compile();
  std::vector<LiteralFilter::Hit> hits;
  const std::string text = "Her MOTHER";
  f.filter.Scan(text, &hits);
  // "her" at 0, and "her" again inside "MOTHER" (an atom is a substring), and "mother".
  std::vector<std::string> found;
  for (const auto& h : hits) found.push_back(text.substr(h.begin, h.end - h.begin));
  EXPECT_EQ(found, (std::vector<std::string>{"Her", "MOTHER", "HER"}));
}

TEST(LiteralFilter, EachClauseNeedsOneOfItsAtoms) {
  Filter f;
  int both = f.Add(R"(\b(?:father|stepfather)\b (?:\w+ ){0,3}(?:never|not) (?:seen|assessed)\b)");
  int any = f.Add(R"(\b(?:neglect|neglected)\b)");
  int none = f.Add(R"(\b\d+\b)");  // no literal: always searched
  f.filter.Compile();
  EXPECT_EQ(f.Select("The father was not seen."), (std::vector<int>{both, none}));
  // One clause short: "seen" and "father" but no "not"/"never".
  EXPECT_EQ(f.Select("The father was seen."), (std::vector<int>{none}));
  EXPECT_EQ(f.Select("The stepfather was never assessed; neglect."),
            (std::vector<int>{both, any, none}));
  EXPECT_EQ(f.Select("Nothing here."), (std::vector<int>{none}));
}

TEST(LiteralFilter, APartCountsOnlyTheAtomsInsideIt) {
  Filter f;
  int r = f.Add(R"(\bdomestic abuse\b)");
  f.filter.Compile();
  const std::string text = "There was domestic abuse. The baby was well.";
  EXPECT_EQ(f.Select(text, 0, 25), (std::vector<int>{r}));
  EXPECT_TRUE(f.Select(text, 26, static_cast<int>(text.size())).empty());
  // An atom cut by the edge of the part is not in it.
  EXPECT_TRUE(f.Select(text, 0, 15).empty());
}

// An abbreviation or a section number has no literal of three bytes; its two-byte literals are
// used rather than searching it everywhere.
TEST(LiteralFilter, TwoByteLiteralsWhenThereIsNothingLonger) {
  Filter f;
  int cp = f.Add(R"((?-i:\bCP\b))");
  int s47 = f.Add(R"(\bs\.?\s?47\b)");
  int digits = f.Add(R"(\b\d+\b)");  // still nothing at all: always searched
  f.filter.Compile();
  EXPECT_EQ(f.Select("She was made subject to a CP plan."), (std::vector<int>{cp, digits}));
  EXPECT_EQ(f.Select("No s.47 enquiry followed."), (std::vector<int>{s47, digits}));
  EXPECT_EQ(f.Select("The health visitor called."), (std::vector<int>{digits}));
}

// The candidates of one part do not leak into the next when the working memory is reused, as
// the tagger reuses it from sentence to sentence.
TEST(LiteralFilter, ReusedWorkingMemoryStartsClean) {
  Filter f;
  int neglect = f.Add(R"(\bneglect\b)");
  int abuse = f.Add(R"(\bdomestic abuse\b)");
  f.filter.Compile();
  const std::string text = "There was neglect. Then domestic abuse.";
  std::vector<LiteralFilter::Hit> hits;
  f.filter.Scan(text, &hits);
  LiteralFilter::Scratch scratch;
  std::vector<char> may;
  std::vector<int> list;
  f.filter.Select(hits, 0, 18, &scratch, &may, &list);
  EXPECT_EQ(list, (std::vector<int>{neglect}));
  f.filter.Select(hits, 19, static_cast<int>(text.size()), &scratch, &may, &list);
  EXPECT_EQ(list, (std::vector<int>{abuse}));
  EXPECT_EQ(may, (std::vector<char>{0, 1}));
  f.filter.Select(hits, 5, 9, &scratch, &may, &list);
  EXPECT_TRUE(list.empty());
  EXPECT_EQ(may, (std::vector<char>{0, 0}));
}

// Every regex of the shipped pack, every example sentence of every theme: a regex that matches
// the sentence must be a candidate for it, whole or as the part of a longer text.
TEST(LiteralFilter, NeverRulesOutARegexThatMatches) {
  Status s;
  auto set = PatternSet::Load({std::string(SCRX_SOURCE_DIR) + "/patterns"}, &s);
  ASSERT_TRUE(set) << s.ToString();
  std::vector<const Regex*> all;
  for (const Theme& t : set->themes()) {
    for (const MatchRule& r : t.rules) {
      if (r.kind == MatchRule::Kind::kRegex) all.push_back(&r.regex);
      for (const Regex& a : r.near_a) all.push_back(&a);
      for (const Regex& b : r.near_b) all.push_back(&b);
    }
    for (const Regex& x : t.excludes) all.push_back(&x);
  }
  const Cues& c = set->cues();
  for (const auto* list : {&c.negation_pre, &c.negation_post, &c.pseudo, &c.terminate, &c.hedge,
                           &c.counterfactual, &c.boilerplate, &c.child_words}) {
    for (const Regex& r : *list) all.push_back(&r);
  }
  std::vector<std::string> sentences;
  for (const Theme& t : set->themes()) {
    for (const auto* list : {&t.match_examples, &t.no_match_examples}) {
      for (const Example& e : *list) sentences.push_back(e.sentence);
    }
  }
  ASSERT_GT(sentences.size(), 900u);
  int matches = 0, checked = 0;
  PatternSet::Candidates whole, part;
  std::vector<PatternSet::RuleRef> refs;
  for (size_t i = 0; i < sentences.size(); ++i) {
    const std::string& sentence = sentences[i];
    set->MatchRules(sentence, &refs, &whole);
    // The same sentence inside a paragraph, after another sentence.
    const std::string& before = sentences[(i + 1) % sentences.size()];
    const std::string paragraph = before + " " + sentence + " " + before;
    const int from = static_cast<int>(before.size() + 1);
    set->Scan(paragraph, &part);
    set->Narrow(from, from + static_cast<int>(sentence.size()), &part);
    for (const Regex* r : all) {
      if (!RE2::PartialMatch(sentence, *r->re)) continue;
      ++matches;
      EXPECT_TRUE(whole.May(*r)) << r->where << " ruled out for: " << sentence;
      EXPECT_TRUE(part.May(*r)) << r->where << " ruled out in a paragraph for: " << sentence;
      ++checked;
    }
  }
  EXPECT_GT(matches, 2000);
  EXPECT_EQ(checked, matches);
}

}  // namespace
}  // namespace scrx::tag
