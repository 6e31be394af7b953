// tag::FindIn: the direct scan for plain-word patterns finds exactly what RE2 finds, on any text.
#include "tag/regex_search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "tag/pattern_set.h"

namespace scrx::tag {
namespace {

// A Regex compiled as PatternSet::Compile compiles it.
Regex Compile(const std::string& pattern) {
  RE2::Options options;
  options.set_case_sensitive(false);
  options.set_log_errors(false);
  Regex r;
  r.pattern = pattern;
  r.re = std::make_unique<RE2>(pattern, options);
  r.words = PlainWords(pattern);
  r.literal = PlainLiteral(pattern);
  return r;
}

using Spans = std::vector<std::pair<int, int>>;

// Every match from `from` on, the way the tagger walks them, with FindIn or with RE2 alone.
Spans WithFindIn(const Regex& r, const std::string& text, size_t from) {
  Spans out;
  int b = 0, e = 0;
  for (size_t pos = from; pos <= text.size() && FindIn(r, text, pos, &b, &e);) {
    out.emplace_back(b, e);
    pos = e == b ? static_cast<size_t>(e) + 1 : static_cast<size_t>(e);
  }
  return out;
}
Spans WithRe2(const Regex& r, const std::string& text, size_t from) {
  Spans out;
  re2::StringPiece in(text), m;
  for (size_t pos = from;
       pos <= in.size() && r.re->Match(in, pos, in.size(), RE2::UNANCHORED, &m, 1);) {
    int b = static_cast<int>(m.data() - in.data());
    int e = b + static_cast<int>(m.size());
    out.emplace_back(b, e);
    pos = e == b ? static_cast<size_t>(e) + 1 : static_cast<size_t>(e);
  }
  return out;
}

TEST(PlainLiteralTest, TakesOnlyLiteralsWithoutLettersOrMetacharacters) {
  EXPECT_EQ(PlainLiteral(":"), ":");
  EXPECT_EQ(PlainLiteral("; "), "; ");
  EXPECT_EQ(PlainLiteral("& 2"), "& 2");
  EXPECT_EQ(PlainLiteral("no"), "");  // a letter: case folds
  EXPECT_EQ(PlainLiteral("\\."), "");
  EXPECT_EQ(PlainLiteral("."), "");
  EXPECT_EQ(PlainLiteral(":|;"), "");
  EXPECT_EQ(PlainLiteral("(:)"), "");
  EXPECT_EQ(PlainLiteral("\xe2\x80\xa2"), "");
  EXPECT_EQ(PlainLiteral("\t"), "");
}

TEST(PlainWordsTest, TakesOnlyWordsJoinedBySpaceOrHyphen) {
  EXPECT_EQ(PlainWords(TermToRegex("no")), (std::vector<std::string>{"no"}));
  EXPECT_EQ(PlainWords(TermToRegex("In care")), (std::vector<std::string>{"in", "care"}));
  EXPECT_EQ(PlainWords(TermToRegex("re-assessment")),
            (std::vector<std::string>{"re", "assessment"}));
  EXPECT_EQ(PlainWords(TermToRegex("section 47")), (std::vector<std::string>{"section", "47"}));
  EXPECT_EQ(PlainWords("\\bNo\\b"), (std::vector<std::string>{"no"}));
  // Anything else is RE2's.
  EXPECT_TRUE(PlainWords(TermToRegex("child's")).empty());  // '?
  EXPECT_TRUE(PlainWords(TermToRegex("assess*")).empty());  // \w*
  EXPECT_TRUE(PlainWords(TermToRegex("A&E")).empty());
  EXPECT_TRUE(PlainWords("(?i)\\bno\\b").empty());
  EXPECT_TRUE(PlainWords("(?-i:\\bDA\\b)").empty());
  EXPECT_TRUE(PlainWords("\\bno").empty());
  EXPECT_TRUE(PlainWords("no\\b").empty());
  EXPECT_TRUE(PlainWords("\\b\\b").empty());
  EXPECT_TRUE(PlainWords("\\bno[\\s\\-]+\\b").empty());
  EXPECT_TRUE(PlainWords("\\bno[\\s\\-]+[\\s\\-]+one\\b").empty());
  EXPECT_TRUE(PlainWords("\\bno\\s+one\\b").empty());
  EXPECT_TRUE(PlainWords("\\bno_one\\b").empty());
  EXPECT_TRUE(PlainWords("\\bcaf\xc3\xa9\\b").empty());
}

TEST(FindInTest, FindsWhatRe2FindsOnRandomText) {
  const std::vector<std::string> patterns = {
      TermToRegex("no"),
      TermToRegex("no one"),
      TermToRegex("was not"),
      TermToRegex("in care"),
      TermToRegex("skip"),
      TermToRegex("ok"),
      TermToRegex("no-no"),
      TermToRegex("section 47"),
      TermToRegex("a b c"),
      TermToRegex("so"),
      TermToRegex("child's"),
      "\\bno\\b|\\bone\\b",
      ":",
      ";",
      ", ",
  };
  // Words and near-misses, every separator RE2's [\s\-] takes and some it does not, word
  // characters that block a boundary (_ and digits), and bytes outside ASCII, among them the
  // two that RE2 folds onto ASCII letters: U+212A KELVIN SIGN (k) and U+017F LONG S (s).
  const std::vector<std::string> pieces = {"no",       "No",
                                           "NO",       "one",
                                           "noone",    "was",
                                           "not",      "in",
                                           "care",     "Care",
                                           "skip",     "SKIP",
                                           "ok",       "k",
                                           "s",        "so",
                                           "a",        "b",
                                           "c",        "47",
                                           "4",        "section",
                                           "child's",  "x",
                                           "_",        " ",
                                           " ",        " ",
                                           "  ",       "-",
                                           "--",       "\t",
                                           "\n",       "\r",
                                           "\f",       "\v",
                                           ".",        ",",
                                           "'",        "(",
                                           "\xc3\xa9", "\xe2\x84\xaa",
                                           "\xc5\xbf", "\xe2\x80\xa2",
                                           ":",        ";",
                                           ", "};
  std::mt19937 rng(20261127);
  std::uniform_int_distribution<size_t> piece(0, pieces.size() - 1), length(0, 14);
  std::vector<Regex> regexes;
  for (const std::string& p : patterns) regexes.push_back(Compile(p));
  int fast = 0;
  for (const Regex& r : regexes) fast += !r.words.empty() || !r.literal.empty();
  EXPECT_EQ(fast, 13);  // all but child's and the alternation
  // Matches found by the direct scan (a plain-word pattern, ASCII text), and by RE2 in text
  // outside ASCII: the comparison is only worth something if there are many of both.
  int scanned = 0, fell_back = 0;
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (size_t n = length(rng); n > 0; --n) text += pieces[piece(rng)];
    const bool ascii = std::all_of(text.begin(), text.end(), [](char c) {
      return (static_cast<unsigned char>(c) & 0x80) == 0;
    });
    for (const Regex& r : regexes) {
      for (size_t from : {size_t{0}, text.size() / 2, text.size()}) {
        Spans want = WithRe2(r, text, from);
        ASSERT_EQ(WithFindIn(r, text, from), want)
            << "pattern " << r.pattern << " text [" << text << "] from " << from;
        if (want.empty() || (r.words.empty() && r.literal.empty())) continue;
        (ascii || !r.literal.empty() ? scanned : fell_back) += 1;
      }
    }
  }
  EXPECT_GT(scanned, 2000);
  EXPECT_GT(fell_back, 500);
}

TEST(FindInTest, HandlesTheEdgesOfTheText) {
  Regex no = Compile(TermToRegex("no one"));
  int b = -1, e = -1;
  EXPECT_TRUE(FindIn(no, "No one", 0, &b, &e));
  EXPECT_EQ(std::make_pair(b, e), std::make_pair(0, 6));
  EXPECT_TRUE(FindIn(no, "said: no -\tone.", 0, &b, &e));
  EXPECT_EQ(std::make_pair(b, e), std::make_pair(6, 14));
  // The text before `from` decides the boundary, as for RE2::Match.
  EXPECT_FALSE(FindIn(no, "xno one", 1, &b, &e));
  EXPECT_FALSE(FindIn(no, "no ones", 0, &b, &e));
  EXPECT_FALSE(FindIn(no, "no_one", 0, &b, &e));
  EXPECT_FALSE(FindIn(no, "no one", 7, &b, &e));
  EXPECT_FALSE(FindIn(no, "", 0, &b, &e));
  // Outside ASCII, RE2 decides: U+212A matches k in a case-insensitive pattern.
  Regex skip = Compile(TermToRegex("skip"));
  ASSERT_FALSE(skip.words.empty());
  EXPECT_TRUE(FindIn(skip, "to s\xe2\x84\xaaip it", 0, &b, &e));
  EXPECT_EQ(std::make_pair(b, e), std::make_pair(3, 9));
}

}  // namespace
}  // namespace scrx::tag
