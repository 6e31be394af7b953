// The Poppler adapter's helpers, and a word read from a small PDF.
#include "pdf/pdf_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace scrx::pdf {
namespace {

std::string Convert(const std::vector<unsigned short>& units) {
  return Utf16ToUtf8(units.data(), units.size());
}

TEST(Utf16ToUtf8, EncodesOneToFourBytes) {
  EXPECT_EQ(Convert({'a', 'B', '1'}), "aB1");
  EXPECT_EQ(Convert({0x00E9}), "\xC3\xA9");                          // é
  EXPECT_EQ(Convert({0x2019, 0x20AC}), "\xE2\x80\x99\xE2\x82\xAC");  // ’€
  EXPECT_EQ(Convert({0xD835, 0xDC9C}), "\xF0\x9D\x92\x9C");          // U+1D49C, a surrogate pair
  EXPECT_EQ(Convert({}), "");
}

TEST(Utf16ToUtf8, LoneSurrogatesBecomeTheReplacementCharacter) {
  EXPECT_EQ(Convert({'a', 0xD800, 'b'}),
            "a\xEF\xBF\xBD"
            "b");  // high without low
  EXPECT_EQ(Convert({0xDC00, 'x'}),
            "\xEF\xBF\xBD"
            "x");                                      // low first
  EXPECT_EQ(Convert({'x', 0xDBFF}), "x\xEF\xBF\xBD");  // high at the end
}

TEST(FontNames, SubsetPrefixAndStyle) {
  EXPECT_EQ(BaseFontName("ABCDEF+Arial-BoldMT"), "Arial-BoldMT");
  EXPECT_TRUE(FontIsBold("Arial-BoldMT"));
  EXPECT_FALSE(FontIsBold("LiberationSerif-Italic"));
  EXPECT_TRUE(FontIsItalic("LiberationSerif-Italic"));
}

TEST(ReadPdf, WordsOfASmallPdfAreUtf8) {
  RawDocument doc;
  Status s = ReadPdf(std::string(SCRX_TEST_DATA) + "/good.pdf", {}, &doc);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_FALSE(doc.pages.empty());
  int words = 0;
  for (const RawPage& p : doc.pages) {
    for (const Word& w : p.words) {
      EXPECT_FALSE(w.text.empty());
      ++words;
    }
  }
  EXPECT_GT(words, 20);
}

}  // namespace
}  // namespace scrx::pdf
