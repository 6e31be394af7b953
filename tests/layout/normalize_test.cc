// layout::NormalizeText and IsBulletToken: the clean text every later stage relies on (ASCII
// quotes and hyphens, single spaces, one bullet glyph).
#include "layout/normalize.h"

#include <gtest/gtest.h>

#include <iterator>
#include <string>

namespace scrx::layout {
namespace {

struct Case {
  const char* input;
  const char* expected;
};

void ExpectNormalized(const Case* cases, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    EXPECT_EQ(NormalizeText(cases[i].input), cases[i].expected) << "input: " << cases[i].input;
  }
}

TEST(NormalizeText, ExpandsLigatures) {
  const Case cases[] = {
      {"\uFB01nal report", "final report"},               // fi
      {"work\uFB02ow", "workflow"},                       // fl
      {"sta\uFB00 were", "staff were"},                   // ff
      {"e\uFB03cient", "efficient"},                      // ffi
      {"ba\uFB04ed by the case", "baffled by the case"},  // ffl
      {"o\uFB03cer and \uFB01le", "officer and file"},
  };
  ExpectNormalized(cases, std::size(cases));
}

TEST(NormalizeText, CurlyQuotesBecomeAscii) {
  const Case cases[] = {
      {"the mother\u2019s partner", "the mother's partner"},
      {"\u2018was not brought\u2019", "'was not brought'"},
      {"\u201Chidden men\u201D", "\"hidden men\""},
      {"she said \u201CI\u2019m fine\u201D", "she said \"I'm fine\""},
  };
  ExpectNormalized(cases, std::size(cases));
}

TEST(NormalizeText, DashesBecomeHyphenMinus) {
  const Case cases[] = {
      {"2019\u20132020", "2019-2020"},                // en dash
      {"the father \u2014 who", "the father - who"},  // em dash
      {"multi\u2010agency", "multi-agency"},          // U+2010 hyphen
      {"non\u2011mobile", "non-mobile"},              // U+2011 non-breaking hyphen
      {"\u22122 degrees", "-2 degrees"},              // U+2212 minus sign
  };
  ExpectNormalized(cases, std::size(cases));
}

TEST(NormalizeText, SpacesFoldAndCollapse) {
  const Case cases[] = {
      {"Child\u00A0A", "Child A"},                     // no-break space
      {"10\u2009March", "10 March"},                   // thin space
      {"Child\u202FB", "Child B"},                     // narrow no-break space
      {"the  \u00A0\u2009 family", "the family"},      // a run of mixed spaces
      {"\u00A0 Introduction \u2009", "Introduction"},  // trimmed
      {"health   visitor", "health visitor"},
  };
  ExpectNormalized(cases, std::size(cases));
}

TEST(NormalizeText, InvisibleCharactersDisappear) {
  const Case cases[] = {
      {"safe\u200Bguarding", "safeguarding"},  // zero-width space
      {"safe\u200Cguarding", "safeguarding"},  // zero-width non-joiner
      {"safe\u200Dguarding", "safeguarding"},  // zero-width joiner
      {"\uFEFFIntroduction", "Introduction"},  // byte order mark
      {"safe\u00ADguarding", "safeguarding"},  // soft hyphen inside a word
  };
  ExpectNormalized(cases, std::size(cases));
}

TEST(NormalizeText, SoftHyphenEndingTheTextIsTheLineBreakHyphen) {
  EXPECT_EQ(NormalizeText("the safe\u00AD"), "the safe-");
}

TEST(NormalizeText, BulletsBecomeOneGlyph) {
  const Case cases[] = {
      {"\u2022 item", "\u2022 item"}, {"\u25AA item", "\u2022 item"},  // black small square
      {"\u25E6 item", "\u2022 item"},                                  // white bullet
      {"\u25CF item", "\u2022 item"},                                  // black circle
      {"\u25A0 item", "\u2022 item"},                                  // black square
      {"\uF0B7 item", "\u2022 item"},  // Symbol font bullet (private use)
      {"\uF0A7 item", "\u2022 item"},  // Wingdings square (private use)
  };
  ExpectNormalized(cases, std::size(cases));
}

TEST(NormalizeText, PlainAsciiIsUnchanged) {
  EXPECT_EQ(NormalizeText("4.1 The review (2019) found: \"no\" - see p. 12."),
            "4.1 The review (2019) found: \"no\" - see p. 12.");
}

TEST(IsBulletToken, RecognisesBulletGlyphs) {
  const struct {
    const char* token;
    bool bullet;
  } cases[] = {
      {"\u2022", true},  // the normalised bullet
      {"\uF0B7", true},  // Symbol bullet before normalisation
      {"\uF0A7", true},  // Wingdings bullet before normalisation
      {"\u25AA", true},
      {"\u25CF", true},
      {"-", false},
      {"o", false},
      {"1.", false},
      {"\u2022item", false},  // a bullet glued to its word is not a token on its
                              // own
      {"", false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(IsBulletToken(c.token), c.bullet) << "token: " << c.token;
  }
}

}  // namespace
}  // namespace scrx::layout

namespace scrx::layout {
namespace {

// Plain ASCII takes a shorter road than the rest; both give the same clean text.
TEST(NormalizeText, PlainAsciiAndTheRestAgree) {
  EXPECT_EQ(NormalizeText("  The   child's  voice  "), "The child's voice");
  EXPECT_EQ(NormalizeText("  The \xE2\x80\x99"
                          "child's\xE2\x80\x99  voice  "),
            "The 'child's' voice");
  EXPECT_EQ(NormalizeText("`quoted'"), "'quoted'");
  EXPECT_EQ(NormalizeText("tab\there\r\n"), "tab here");
  EXPECT_EQ(NormalizeText(""), "");
  EXPECT_EQ(NormalizeText("   "), "");
  for (std::string_view s :
       {"Section 4.2: Findings (1) - \"disguised compliance\"", "a  b", "~!@#$%^&*()_+{}|:<>?"}) {
    // The same line with one character that sends it the long way (a zero-width space).
    std::string long_way = std::string(s) + "\xE2\x80\x8B";
    EXPECT_EQ(NormalizeText(s), NormalizeText(long_way)) << s;
  }
}

}  // namespace
}  // namespace scrx::layout
