// Text quality per page: a readable text layer, a scanned page without one, and a text layer
// that is not text (what a font without a Unicode map gives), told apart page by page.
#include "layout/text_quality.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "testing/raw_builder.h"

namespace scrx::layout {
namespace {

std::vector<std::string> Tokens(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string t; in >> t;) out.push_back(t);
  return out;
}

// What a font without a Unicode map gives: each letter shifted by a fixed code distance.
std::string Shift(const std::string& s, int k) {
  std::string out = s;
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>('a' + (c - 'a' + k) % 26);
    if (c >= 'A' && c <= 'Z') c = static_cast<char>('A' + (c - 'A' + k) % 26);
  }
  return out;
}

const char* const kProse[] = {
    "The health visitor saw the mother and the baby at home in March.",
    "Domestic abuse had been reported to the police on three occasions.",
    "No agency spoke to the father or asked who else lived in the household.",
    "The school raised concerns about the older child's attendance and weight.",
    "A strategy discussion was not held, and the referral was closed after a week.",
};

const Lexicon& Dictionary() {
  static const WordListLexicon lexicon(
      Tokens("the health visitor saw mother and baby at home in march domestic abuse had been "
             "reported to police on three occasions no agency spoke father or asked who else "
             "lived household school raised concerns about older child attendance weight "
             "strategy discussion was not held referral closed after week multi"));
  return lexicon;
}

TEST(TextQuality, ProseScoresHighAndShiftedLettersLow) {
  std::string prose;
  for (const char* s : kProse) prose += std::string(s) + " ";
  int candidates = 0;
  EXPECT_GE(TokenQuality(Tokens(prose), &Dictionary(), &candidates), 0.95);
  EXPECT_GE(candidates, 40);
  EXPECT_LT(TokenQuality(Tokens(Shift(prose, 3)), &Dictionary(), &candidates), 0.2);
  // Without a dictionary, the shape test still tells symbol soup from words.
  EXPECT_GE(TokenQuality(Tokens(prose), nullptr, &candidates), 0.9);
  EXPECT_LT(TokenQuality(Tokens("#$%& ()*+ !\"#$ ,-./0 ;<=> @ABC %&'( #$%&"), nullptr, &candidates),
            0.3);
}

TEST(TextQuality, NumbersPunctuationAndNamesAreNotHeldAgainstAPage) {
  int candidates = 0;
  // Dates, paragraph numbers and single letters are not candidates; hyphenated words count by
  // their parts; a possessive is the word.
  double q = TokenQuality(Tokens("4.2 On 12/03/2019 (the health visitor) \u201cmother\u201d "
                                 "multi-agency child's B 2019. Kai"),
                          &Dictionary(), &candidates);
  // On, the, health, visitor, mother, multi-agency, child's (all known), Kai (a name: unknown).
  EXPECT_EQ(candidates, 8);
  EXPECT_NEAR(q, 7.0 / 8, 1e-9);
}

TEST(TextQuality, ReplacementAndPrivateUseCharactersCountAgainstThePage) {
  int candidates = 0;
  double q = TokenQuality(Tokens("the \xEF\xBF\xBD\xEF\xBF\xBD mother \xEE\x80\x81\xEE\x80\x82 "
                                 "baby \xEF\xBF\xBDx home"),
                          &Dictionary(), &candidates);
  EXPECT_EQ(candidates, 7);
  EXPECT_NEAR(q, 4.0 / 7, 1e-9);
}

TEST(TextQuality, EachPageIsJudgedAndWarnedAbout) {
  testing::RawBuilder b;
  b.Page();  // 1: readable
  double y = 72;
  for (int rep = 0; rep < 4; ++rep) {
    for (const char* s : kProse) {
      b.Line(72, y, s);
      y += 14;
    }
  }
  b.Page();  // 2: no text layer (a scanned page)
  b.Page();  // 3: a text layer that is not text
  y = 72;
  for (int rep = 0; rep < 4; ++rep) {
    for (const char* s : kProse) {
      b.Line(72, y, Shift(s, 5));
      y += 14;
    }
  }
  b.Page();  // 4: a short page of real words (a title page): too few words to judge
  b.Line(72, 72, "Mxqh 2021");
  RawDocument raw = b.Build();
  std::vector<Warning> warnings;
  std::vector<PageText> pages = MeasureTextQuality(raw, &Dictionary(), &warnings);
  ASSERT_EQ(pages.size(), 4u);
  EXPECT_FALSE(pages[0].needs_ocr);
  EXPECT_GE(pages[0].quality, 0.95);
  EXPECT_EQ(pages[0].words, static_cast<int>(raw.pages[0].words.size()));
  EXPECT_TRUE(pages[1].needs_ocr);
  EXPECT_EQ(pages[1].words, 0);
  EXPECT_TRUE(pages[2].needs_ocr);
  EXPECT_LT(pages[2].quality, 0.2);
  EXPECT_FALSE(pages[3].needs_ocr);
  // One warning, for the garbage page (the PDF reader warns about a page without words); none
  // for the document: it warns only when more than half of the pages need OCR.
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].code, "garbage_text");
  EXPECT_EQ(warnings[0].page, 3);
  EXPECT_NE(warnings[0].message.find("needs OCR"), std::string::npos) << warnings[0].message;
}

TEST(TextQuality, MostPagesUnreadableGivesADocumentWarning) {
  testing::RawBuilder b;
  for (int p = 0; p < 3; ++p) b.Page();
  std::vector<Warning> warnings;
  std::vector<PageText> pages = MeasureTextQuality(b.Build(), &Dictionary(), &warnings);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].code, "needs_ocr");
  EXPECT_EQ(warnings[0].page, 0);
  EXPECT_NE(warnings[0].message.find("3 of 3 pages"), std::string::npos);
}

}  // namespace
}  // namespace scrx::layout
