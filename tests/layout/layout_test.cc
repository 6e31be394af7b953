// layout::BuildLayout from words placed as Poppler reports them: furniture removed by
// repetition, columns read in order, tables, footnotes, bullets and line-end hyphens.
#include "layout/layout.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "testing/raw_builder.h"

namespace scrx::layout {
namespace {

using scrx::testing::RawBuilder;
using scrx::testing::Style;

// Distinct sentences of body text (distinct letters, not only digits, so that no two pages
// share a line).
const char* const kProse[] = {
    "The family had been known to children's social care since the birth of the eldest child.",
    "Health visitors saw the baby at home on four occasions during the first six months.",
    "The mother described feeling isolated after the family moved to the area in the spring.",
    "Police attended the address following a report of an argument between the parents.",
    "The school raised concerns about attendance and the condition of the child's clothing.",
    "A strategy discussion was held but the father was not invited to contribute to it.",
    "The general practitioner prescribed medication for low mood after the second pregnancy.",
    "Housing officers noted that the flat was overcrowded and in a poor state of repair.",
    "The case was closed to early help when the family did not engage with the worker.",
    "Practitioners relied on the mother's account and did not check it with other agencies.",
    "The nursery reported bruising to the child's arm which was explained as a fall.",
    "A referral to the drug and alcohol service was made but the appointment was missed.",
};

std::string Prose(int n) { return kProse[n % std::size(kProse)]; }

// Greedy word wrap of `text` into lines of at most `width` characters.
std::vector<std::string> Wrap(std::string_view text, size_t width) {
  std::vector<std::string> lines;
  std::string cur;
  size_t i = 0;
  while (i < text.size()) {
    size_t j = text.find(' ', i);
    if (j == std::string_view::npos) j = text.size();
    std::string_view word = text.substr(i, j - i);
    if (!cur.empty() && cur.size() + 1 + word.size() > width) {
      lines.push_back(cur);
      cur.clear();
    }
    if (!cur.empty()) cur += ' ';
    cur += word;
    i = j + 1;
  }
  if (!cur.empty()) lines.push_back(cur);
  return lines;
}

// The text of every line of every text block of `page`, in reading order.
std::vector<std::string> LineTexts(const LaidOutPage& page) {
  std::vector<std::string> out;
  for (const Block& b : page.blocks) {
    for (const Line& l : b.lines) out.push_back(l.text);
  }
  return out;
}

bool PageHasText(const LaidOutPage& page, std::string_view needle) {
  for (const std::string& t : LineTexts(page)) {
    if (t.find(needle) != std::string::npos) return true;
  }
  return false;
}

LayoutOptions NoDictionary() { return LayoutOptions{.lexicon = nullptr}; }

TEST(BuildLayout, RunningHeaderAndPageFooterBecomeFurniture) {
  RawBuilder b;
  for (int p = 1; p <= 4; ++p) {
    b.Page();
    b.Line(72, 30, "Child Safeguarding Practice Review: Child A", Style{.size = 9});
    for (int i = 0; i < 10; ++i) b.Line(72, 100 + 14 * i, Prose(p * 10 + i));
    b.Line(270, 800, "Page " + std::to_string(p) + " of 4", Style{.size = 9});
  }
  LaidOutDocument doc = BuildLayout(b.Build(), NoDictionary());

  ASSERT_EQ(doc.pages.size(), 4u);
  for (const LaidOutPage& page : doc.pages) {
    EXPECT_EQ(LineTexts(page).size(), 10u) << "page " << page.number;
    EXPECT_FALSE(PageHasText(page, "Child Safeguarding Practice Review")) << "page " << page.number;
    EXPECT_FALSE(PageHasText(page, "of 4")) << "page " << page.number;
  }
  std::vector<int> header_pages, number_pages;
  for (const FurnitureItem& f : doc.furniture) {
    if (f.kind == FurnitureItem::Kind::kHeader) {
      EXPECT_EQ(f.text, "Child Safeguarding Practice Review: Child A");
      header_pages.push_back(f.page);
    } else if (f.kind == FurnitureItem::Kind::kPageNumber) {
      EXPECT_EQ(f.text, "Page " + std::to_string(f.page) + " of 4");
      number_pages.push_back(f.page);
    } else {
      ADD_FAILURE() << "unexpected furniture on page " << f.page << ": " << f.text;
    }
  }
  EXPECT_EQ(header_pages, (std::vector<int>{1, 2, 3, 4}));
  EXPECT_EQ(number_pages, (std::vector<int>{1, 2, 3, 4}));
}

TEST(BuildLayout, HeaderOnOnePageOnlyIsKept) {
  RawBuilder b;
  for (int p = 1; p <= 4; ++p) {
    b.Page();
    if (p == 1) b.Line(72, 30, "Serious Case Review: Child B", Style{.size = 9});
    for (int i = 0; i < 10; ++i) b.Line(72, 100 + 14 * i, Prose(p * 10 + i));
  }
  LaidOutDocument doc = BuildLayout(b.Build(), NoDictionary());

  ASSERT_EQ(doc.pages.size(), 4u);
  std::vector<std::string> first = LineTexts(doc.pages[0]);
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(first.front(), "Serious Case Review: Child B");
  EXPECT_TRUE(doc.furniture.empty());
}

// Twelve lines of prose, at most 38 characters each (209pt at 11pt), with ragged ends.
std::vector<std::string> ColumnLines(int first_sentence, size_t n) {
  std::string text;
  for (int s = first_sentence; text.size() < 60 * n; ++s) text += Prose(s) + " ";
  std::vector<std::string> lines = Wrap(text, 38);
  lines.resize(n);
  return lines;
}

TEST(BuildLayout, TwoColumnsReadLeftColumnFirst) {
  std::vector<std::string> left = ColumnLines(0, 12), right = ColumnLines(6, 12);
  RawBuilder b;
  b.Page();
  // Left column x 72..281 at most, right column from 301: a 20pt gutter.
  for (size_t i = 0; i < 12; ++i) {
    b.Line(72, 100 + 14 * static_cast<double>(i), left[i]);
    b.Line(301, 100 + 14 * static_cast<double>(i), right[i]);
  }
  LaidOutDocument doc = BuildLayout(b.Build(), NoDictionary());

  ASSERT_EQ(doc.pages.size(), 1u);
  std::vector<std::string> expected = left;
  expected.insert(expected.end(), right.begin(), right.end());
  EXPECT_EQ(LineTexts(doc.pages[0]), expected);
  EXPECT_EQ(doc.pages[0].columns, 2);
}

// Two two-column sections of six lines per column with `heading` (bold, 13pt, at the left
// margin) between them.
void ExpectHeadingSplitsColumns(const std::string& heading) {
  std::vector<std::string> a_left = ColumnLines(0, 6), a_right = ColumnLines(3, 6);
  std::vector<std::string> b_left = ColumnLines(6, 6), b_right = ColumnLines(9, 6);
  RawBuilder b;
  b.Page();
  for (size_t i = 0; i < 6; ++i) {
    b.Line(72, 100 + 14 * static_cast<double>(i), a_left[i]);
    b.Line(301, 100 + 14 * static_cast<double>(i), a_right[i]);
  }
  b.Line(72, 210, heading, Style{.size = 13, .bold = true});
  for (size_t i = 0; i < 6; ++i) {
    b.Line(72, 250 + 14 * static_cast<double>(i), b_left[i]);
    b.Line(301, 250 + 14 * static_cast<double>(i), b_right[i]);
  }
  LaidOutDocument doc = BuildLayout(b.Build(), NoDictionary());

  ASSERT_EQ(doc.pages.size(), 1u);
  std::vector<std::string> expected;
  for (const auto* part : {&a_left, &a_right})
    expected.insert(expected.end(), part->begin(), part->end());
  expected.push_back(heading);
  for (const auto* part : {&b_left, &b_right})
    expected.insert(expected.end(), part->begin(), part->end());
  EXPECT_EQ(LineTexts(doc.pages[0]), expected) << "heading: " << heading;
}

TEST(BuildLayout, ShortHeadingBetweenColumnSectionsSplitsThem) {
  ExpectHeadingSplitsColumns("3. Analysis of practice");
}

TEST(BuildLayout, FullWidthHeadingBetweenColumnSectionsSplitsThem) {
  ExpectHeadingSplitsColumns("3. Analysis of practice and of the multi-agency response");
}

TEST(BuildLayout, TableWithBoldHeaderRow) {
  const std::vector<std::vector<std::string>> cells = {
      {"Agency", "Date of contact", "Outcome"},
      {"Police", "12 March 2019", "Referral made"},
      {"Health visitor", "3 April 2019", "Home visit"},
      {"School", "9 May 2019", "No further action"},
  };
  RawBuilder b;
  b.Page();
  b.Line(72, 100, "The agencies in contact with the family during the period under review were:");
  for (size_t r = 0; r < cells.size(); ++r) {
    double y = 130 + 20 * static_cast<double>(r);
    Style style{.size = 11, .bold = r == 0};
    b.Line(72, y, cells[r][0], style);
    b.Line(230, y, cells[r][1], style);
    b.Line(390, y, cells[r][2], style);
  }
  LaidOutDocument doc = BuildLayout(b.Build(), NoDictionary());

  ASSERT_EQ(doc.pages.size(), 1u);
  const Block* table = nullptr;
  for (const Block& block : doc.pages[0].blocks) {
    if (block.kind == Block::Kind::kTable) table = &block;
  }
  ASSERT_NE(table, nullptr) << "no table block";
  std::vector<std::vector<std::string>> got;
  for (const TableRow& row : table->rows) {
    std::vector<std::string> texts;
    for (const TableCell& c : row.cells) texts.push_back(c.text);
    got.push_back(texts);
  }
  EXPECT_EQ(got, cells);
  ASSERT_FALSE(table->rows.empty());
  EXPECT_TRUE(table->rows[0].header);
  for (size_t r = 1; r < table->rows.size(); ++r) EXPECT_FALSE(table->rows[r].header) << r;
}

TEST(BuildLayout, SmallNoteAtFootOfPageIsFootnote) {
  RawBuilder b;
  b.Page();
  for (int i = 0; i < 10; ++i) b.Line(72, 100 + 14 * i, Prose(i));
  b.Line(72, 770, "1 Working Together to Safeguard Children, HM Government, 2018.",
         Style{.size = 8});
  b.Page();
  for (int i = 0; i < 10; ++i) b.Line(72, 100 + 14 * i, Prose(i + 5));
  LaidOutDocument doc = BuildLayout(b.Build(), NoDictionary());

  ASSERT_EQ(doc.pages.size(), 2u);
  EXPECT_FALSE(PageHasText(doc.pages[0], "Working Together"));
  EXPECT_EQ(LineTexts(doc.pages[0]).size(), 10u);
  ASSERT_EQ(doc.furniture.size(), 1u);
  EXPECT_EQ(doc.furniture[0].kind, FurnitureItem::Kind::kFootnote);
  EXPECT_EQ(doc.furniture[0].page, 1);
  EXPECT_EQ(doc.furniture[0].text,
            "1 Working Together to Safeguard Children, HM Government, 2018.");
}

TEST(BuildLayout, BulletItemsKeepOneLineEach) {
  RawBuilder b;
  b.Page();
  b.Line(72, 100, "The plan agreed at the child protection conference included:");
  // Symbol-font bullets with a hanging indent, as word processors set them.
  const char* items[] = {"weekly visits by the health visitor;", "a referral to the housing team;",
                         "a parenting assessment."};
  for (int i = 0; i < 3; ++i) {
    b.Line(72, 114 + 14 * i, "\uF0B7");
    b.Line(90, 114 + 14 * i, items[i]);
  }
  LaidOutDocument doc = BuildLayout(b.Build(), NoDictionary());

  ASSERT_EQ(doc.pages.size(), 1u);
  EXPECT_EQ(LineTexts(doc.pages[0]),
            (std::vector<std::string>{
                "The plan agreed at the child protection conference included:",
                "\u2022 weekly visits by the health visitor;",
                "\u2022 a referral to the housing team;", "\u2022 a parenting assessment."}));
}

TEST(BuildLayout, WordBrokenAtLineEndJoins) {
  WordListLexicon lexicon({"safeguarding", "agency"});
  RawBuilder b;
  b.Page();
  b.Lines(72, 100,
          {"The review considered how well the safe-",
           "guarding arrangements for Child A worked and whether the multi-",
           "agency response to the referral was timely."});
  LaidOutDocument doc = BuildLayout(b.Build(), LayoutOptions{.lexicon = &lexicon});

  ASSERT_EQ(doc.pages.size(), 1u);
  std::vector<const Line*> lines;
  for (const Block& block : doc.pages[0].blocks) {
    for (const Line& l : block.lines) lines.push_back(&l);
  }
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0]->text, "The review considered how well the safe-");
  EXPECT_EQ(lines[0]->end, Line::End::kJoinWord);
  EXPECT_EQ(lines[1]->end, Line::End::kKeepHyphen);
  EXPECT_EQ(lines[2]->end, Line::End::kSpace);
  EXPECT_EQ(JoinLines(lines),
            "The review considered how well the safeguarding arrangements for Child A worked and "
            "whether the multi-agency response to the referral was timely.");
}

}  // namespace
}  // namespace scrx::layout
