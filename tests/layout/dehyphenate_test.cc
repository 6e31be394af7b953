// De-hyphenation: whether a hyphen at a line end only broke a word ("safe-" / "guarding") or is
// a real hyphen ("multi-" / "agency"), and how line texts are joined accordingly.
#include "layout/dehyphenate.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace scrx::layout {
namespace {

using End = Line::End;

// A small dictionary: enough English for the cases below, without Hunspell.
const WordListLexicon& TestLexicon() {
  static const WordListLexicon lexicon({"safe", "guarding", "safeguarding", "multi", "agency",
                                        "birth", "well", "being", "operation", "cooperation",
                                        "harm", "self", "practitioners", "assessment"});
  return lexicon;
}

struct Case {
  const char* line;                    // the line ending with a hyphen
  const char* next;                    // the next line in reading order
  std::vector<std::string> elsewhere;  // other lines of the document (its own spelling)
  End expected;
};

TEST(DecideLineEnd, Rules) {
  const Case cases[] = {
      // A hyphen that only broke a word.
      {"to review the safe-", "guarding arrangements for Child A", {}, End::kJoinWord},
      // Prefixes English writes with a hyphen.
      {"the need for multi-", "agency working was clear", {}, End::kKeepHyphen},
      {"the health visitor completed a pre-", "birth assessment", {}, End::kKeepHyphen},
      // The document's own spelling wins over the dictionary, both ways.
      {"their co-",
       "operation with services",
       {"The co-operation of the family was limited."},
       End::kKeepHyphen},
      {"their co-", "operation with services", {}, End::kJoinWord},
      {"the child's well-",
       "being was not considered",
       {"The wellbeing of the children was discussed at each visit."},
       End::kJoinWord},
      {"the child's well-", "being was not considered", {}, End::kKeepHyphen},
      // A capital or a digit after the hyphen keeps it.
      {"the family moved in mid-", "2019 to a new address", {}, End::kKeepHyphen},
      {"during the post-", "Covid period", {}, End::kKeepHyphen},
      // The hyphen repeated at the start of the next line ("self-" / "-harm").
      {"a history of self-", "-harm since the age of 13", {}, End::kKeepHyphen},
      // A dash between spaces is punctuation, and a line without a hyphen is an ordinary break.
      {"the mother's partner -", "who was not known to services", {}, End::kSpace},
      {"the mother's partner", "was not known to services", {}, End::kSpace},
  };
  for (const Case& c : cases) {
    Vocabulary vocab;
    for (const std::string& l : c.elsewhere) vocab.AddLineText(l);
    vocab.AddLineText(c.line);
    vocab.AddLineText(c.next);
    EXPECT_EQ(DecideLineEnd(c.line, c.next, vocab, &TestLexicon()), c.expected)
        << "\"" << c.line << "\" + \"" << c.next << "\"";
  }
}

TEST(DecideLineEnd, WithoutDictionaryPrefixesKeepAndOtherWordsJoin) {
  Vocabulary vocab;
  EXPECT_EQ(DecideLineEnd("to review the safe-", "guarding arrangements", vocab, nullptr),
            End::kJoinWord);
  EXPECT_EQ(DecideLineEnd("the need for multi-", "agency working", vocab, nullptr),
            End::kKeepHyphen);
}

TEST(DecideLineEnd, HunspellEnGb) {
  const Lexicon* lexicon = DefaultLexicon();
  if (lexicon == nullptr) GTEST_SKIP() << "Hunspell en_GB dictionary not installed";
  Vocabulary vocab;
  EXPECT_EQ(DecideLineEnd("the views of practi-", "tioners were sought", vocab, lexicon),
            End::kJoinWord);
  EXPECT_EQ(DecideLineEnd("there was no inter-", "agency strategy meeting", vocab, lexicon),
            End::kKeepHyphen);
}

// Hunspell's answers are remembered; asked again, in any order and past the memo's size, the
// answers are the same, case as given ("London" is a word, "london" is not).
TEST(HunspellLexicon, AnswersStayTheSameWhenRemembered) {
  Status status;
  auto lexicon = HunspellLexicon::Open("/usr/share/hunspell/en_GB", &status);
  if (!lexicon) GTEST_SKIP() << status.ToString();
  const struct {
    const char* word;
    bool known;
  } cases[] = {{"safeguarding", true},  {"London", true},  {"london", false},
               {"practitioners", true}, {"practi", false}, {"xqzvbn", false},
               {"health", true},        {"Health", true}};
  for (int round = 0; round < 3; ++round) {
    for (const auto& c : cases) EXPECT_EQ(lexicon->IsWord(c.word), c.known) << c.word;
    if (round == 1) {  // fill the memo past its size, so that it is emptied
      for (int i = 0; i < (1 << 17) + 10; ++i) lexicon->IsWord("w" + std::to_string(i));
    }
  }
}

TEST(AppendLine, AppliesTheLineEnd) {
  const struct {
    const char* text;
    const char* next;
    End end;
    const char* expected;
  } cases[] = {
      {"to review the safe-", "guarding arrangements", End::kJoinWord,
       "to review the safeguarding arrangements"},
      {"the need for multi-", "agency working", End::kKeepHyphen,
       "the need for multi-agency working"},
      {"a history of self-", "-harm", End::kKeepHyphen, "a history of self-harm"},
      {"the mother's partner -", "who was", End::kSpace, "the mother's partner - who was"},
      {"", "First line", End::kSpace, "First line"},
  };
  for (const auto& c : cases) {
    std::string text = c.text;
    AppendLine(&text, c.next, c.end);
    EXPECT_EQ(text, c.expected);
  }
}

TEST(JoinLines, JoinsAParagraph) {
  std::vector<Line> lines(4);
  lines[0].text = "The review considered the safe-";
  lines[0].end = End::kJoinWord;
  lines[1].text = "guarding arrangements and the multi-";
  lines[1].end = End::kKeepHyphen;
  lines[2].text = "agency response to the mother's self-";
  lines[2].end = End::kKeepHyphen;
  lines[3].text = "-harm.";
  std::vector<const Line*> ptrs;
  for (const Line& l : lines) ptrs.push_back(&l);
  EXPECT_EQ(JoinLines(ptrs),
            "The review considered the safeguarding arrangements and the multi-agency response "
            "to the mother's self-harm.");
}

TEST(Vocabulary, CountsWordFormsButNotTheBrokenLastWord) {
  Vocabulary vocab;
  vocab.AddLineText("The Pre-birth assessment (2019) noted the family's safe-");
  vocab.AddLineText("guarding needs; the pre-birth plan was agreed.");
  EXPECT_EQ(vocab.Count("pre-birth"), 2);
  EXPECT_EQ(vocab.Count("assessment"), 1);
  EXPECT_EQ(vocab.Count("2019"), 1);
  EXPECT_EQ(vocab.Count("agreed"), 1);
  EXPECT_EQ(vocab.Count("safe"), 0);
  EXPECT_EQ(vocab.Count("safe-"), 0);
}

}  // namespace
}  // namespace scrx::layout
