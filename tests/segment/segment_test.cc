// segment::Segment on laid-out documents built from words (RawBuilder -> BuildLayout): cover,
// contents page, headings, sections with kinds and pages, numbered paragraphs and list items.
#include "segment/segment.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "layout/layout.h"
#include "segment/section_kind.h"
#include "testing/raw_builder.h"

namespace scrx::segment {
namespace {

using scrx::testing::RawBuilder;
using scrx::testing::Style;

const Style kBody{.size = 11};
const Style kHeading{.size = 13, .bold = true};

// Sentences of body text for paragraphs whose wording does not matter.
const char* const kSentences[] = {
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

// One line of prose: a sentence of thirteen words.
const char kOneLine[] = "The partnership commissioned this review after the baby was hurt in 2020.";

// A paragraph of `n` sentences starting with sentence `first` of the pool.
std::string Filler(int first, int n = 3) {
  std::string text;
  for (int i = 0; i < n; ++i) {
    if (!text.empty()) text += ' ';
    text += kSentences[(first + i) % std::size(kSentences)];
  }
  return text;
}

std::vector<std::string> Ids(const Section& s) {
  std::vector<std::string> ids;
  for (const Paragraph& p : s.paragraphs) ids.push_back(p.id);
  return ids;
}

// Writes a document top to bottom: headings and wrapped paragraphs at the left margin of A4
// pages, 11pt body text with 14pt leading and a blank line's worth of space between paragraphs.
class Writer {
 public:
  void NewPage() {
    b_.Page();
    y_ = 72;
  }
  void Heading(std::string_view text, Style style = kHeading) {
    y_ += 8;
    b_.Line(72, y_, text, style);
    y_ += style.size + 10;
  }
  void Para(std::string_view text, double x = 72, size_t width = 80) {
    for (const std::string& line : Wrap(text, width)) Line(line, x);
    y_ += 8;
  }
  void Line(std::string_view text, double x = 72, Style style = kBody) {
    b_.Line(x, y_, text, style);
    y_ += 14;
  }
  void At(double y) { y_ = y; }
  double y() const { return y_; }
  // A line with a second piece of text at `right_x` on the same baseline.
  void LineAndRight(std::string_view text, double x, std::string_view right, double right_x) {
    b_.Line(x, y_, text, kBody);
    b_.Line(right_x, y_, right, kBody);
    y_ += 14;
  }
  RawBuilder& builder() { return b_; }

  SegmentedDocument Segment() const {
    LaidOutDocument laid =
        layout::BuildLayout(b_.Build(), layout::LayoutOptions{.lexicon = nullptr});
    return segment::Segment(laid);
  }

  // Greedy word wrap of `text` into lines of at most `width` characters.
  static std::vector<std::string> Wrap(std::string_view text, size_t width) {
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

 private:
  RawBuilder b_;
  double y_ = 72;
};

void Cover(Writer* w) {
  w->NewPage();
  RawBuilder& b = w->builder();
  b.Line(72, 200, "Child Safeguarding Practice Review", Style{.size = 20, .bold = true});
  b.Line(72, 240, "Child A", Style{.size = 16, .bold = true});
  b.Line(72, 300, "Anytown Safeguarding Children Partnership", Style{.size = 12});
  b.Line(72, 320, "Published March 2021", Style{.size = 12});
}

// Pages 3 to 5 of the review: numbered bold headings, numbered paragraphs in section 1, a
// level-2 heading, and section 3 running over two pages.
void Body(Writer* w) {
  w->NewPage();
  w->Heading("1. Introduction");
  w->Para("1.1 This review was commissioned by the Anytown Safeguarding Children Partnership.");
  w->Para(
      "1.2 The review considered the period from January 2018 to the death of Child A in "
      "March 2020, and the work of all agencies in contact with the family.");
  w->Heading("2. Background");
  w->Para(
      "Child A lived with her mother and two older brothers in a privately rented flat. The "
      "family moved to Anytown from another area when Child A was a baby.");
  w->Heading("2.1 Family composition", Style{.size = 11, .bold = true});
  w->Para(
      "The mother's partner was not living at the address but visited most days. Agencies did "
      "not know his name until after the incident.");
  w->NewPage();
  w->Heading("3. Analysis");
  w->Para(
      "Practitioners relied on the mother's account of her circumstances and did not check it "
      "with other agencies. The school, the health visitor and the police each held a part of "
      "the picture.");
  w->Para(
      "No agency asked who else was living in or visiting the household. The mother's partner "
      "was not seen by any practitioner during the period under review.");
  w->NewPage();
  w->Para(
      "Supervision did not provide the challenge that was needed to reconsider the plan when "
      "the family did not engage.");
  w->Heading("4. Recommendations");
  w->Para(
      "4.1 The partnership should seek assurance that practitioners identify all adults in the "
      "household.");
}

// "1. Introduction ........" (dotted leaders to a fixed width).
std::string Dots(std::string_view title) {
  return std::string(title) + " " + std::string(50 - title.size(), '.');
}
std::string Leaders(std::string_view title, int page) {
  return Dots(title) + " " + std::to_string(page);
}

struct Entry {
  const char* number;
  const char* title;
  int page;
  double indent;
};
const Entry kEntries[] = {
    {"1.", "Introduction", 3, 0},         {"2.", "Background", 3, 0},
    {"2.1", "Family composition", 3, 18}, {"3.", "Analysis", 4, 0},
    {"4.", "Recommendations", 5, 0},
};

// Cover, a dotted contents page, then the body.
SegmentedDocument SegmentReview() {
  Writer w;
  Cover(&w);
  w.NewPage();
  w.Heading("Contents", Style{.size = 14, .bold = true});
  for (const Entry& e : kEntries) {
    w.Line(Leaders(std::string(e.number) + " " + e.title, e.page), 72 + e.indent);
  }
  Body(&w);
  return w.Segment();
}

TEST(Segment, CoverContentsAndNumberedHeadings) {
  SegmentedDocument doc = SegmentReview();

  const struct {
    const char* number;
    const char* title;
    SectionKind kind;
    int level, page_start, page_end;
  } expected[] = {
      {"", "Child Safeguarding Practice Review", SectionKind::kCover, 1, 1, 1},
      {"", "Contents", SectionKind::kContents, 1, 2, 2},
      {"1", "Introduction", SectionKind::kIntroduction, 1, 3, 3},
      {"2", "Background", SectionKind::kBackground, 1, 3, 3},
      {"2.1", "Family composition", SectionKind::kBackground, 2, 3, 3},
      {"3", "Analysis", SectionKind::kAnalysis, 1, 4, 5},
      {"4", "Recommendations", SectionKind::kRecommendations, 1, 5, 5},
  };
  ASSERT_EQ(doc.sections.size(), std::size(expected));
  for (size_t i = 0; i < std::size(expected); ++i) {
    const Section& s = doc.sections[i];
    SCOPED_TRACE("section " + std::to_string(i) + " \"" + s.title + "\"");
    EXPECT_EQ(s.number, expected[i].number);
    EXPECT_EQ(s.title, expected[i].title);
    EXPECT_EQ(SectionKindName(s.kind), SectionKindName(expected[i].kind));
    EXPECT_EQ(s.level, expected[i].level);
    EXPECT_EQ(s.page_start, expected[i].page_start);
    EXPECT_EQ(s.page_end, expected[i].page_end);
    EXPECT_EQ(s.in_contents, i >= 2);
  }
  EXPECT_EQ(doc.contents_page, 2);
}

TEST(Segment, NumberedParagraphsKeepTheirNumbers) {
  SegmentedDocument doc = SegmentReview();

  ASSERT_GE(doc.sections.size(), 3u);
  const Section& intro = doc.sections[2];
  ASSERT_EQ(intro.paragraphs.size(), 2u);
  EXPECT_EQ(intro.paragraphs[0].id, "1.1");
  EXPECT_EQ(intro.paragraphs[0].number, "1.1");
  EXPECT_EQ(intro.paragraphs[0].kind, Paragraph::Kind::kNumbered);
  EXPECT_EQ(intro.paragraphs[0].text,
            "This review was commissioned by the Anytown Safeguarding Children Partnership.");
  EXPECT_EQ(intro.paragraphs[1].id, "1.2");
  EXPECT_EQ(intro.paragraphs[1].page, 3);
}

// The contents page in the forms reviews print it. Each form lists the same five entries.
struct ContentsForm {
  const char* name;
  const char* title;
  bool pages;  // entries carry page numbers
  void (*write)(Writer* w, const Entry& e);
};

std::string EntryText(const Entry& e) { return std::string(e.number) + " " + e.title; }

const ContentsForm kForms[] = {
    {"dotted leaders", "Contents", true,
     [](Writer* w, const Entry& e) { w->Line(Leaders(EntryText(e), e.page), 72 + e.indent); }},
    {"page number at the right margin", "Contents", true,
     [](Writer* w, const Entry& e) {
       w->LineAndRight(EntryText(e), 72 + e.indent, std::to_string(e.page), 500);
     }},
    {"page number on its own line", "Contents", true,
     [](Writer* w, const Entry& e) {
       w->Line(EntryText(e), 72 + e.indent);
       w->Line(std::to_string(e.page), 500);
     }},
    {"Page before the number", "Contents", true,
     [](Writer* w, const Entry& e) {
       w->Line(Dots(EntryText(e)) + " Page " + std::to_string(e.page), 72 + e.indent);
     }},
    {"no page numbers", "Contents", false,
     [](Writer* w, const Entry& e) { w->Line(EntryText(e), 72 + e.indent); }},
    {"titled Index", "Index", true,
     [](Writer* w, const Entry& e) { w->Line(Leaders(EntryText(e), e.page), 72 + e.indent); }},
};

TEST(Segment, ContentsPageForms) {
  for (const ContentsForm& form : kForms) {
    SCOPED_TRACE(form.name);
    Writer w;
    Cover(&w);
    w.NewPage();
    w.Heading(form.title, Style{.size = 14, .bold = true});
    for (const Entry& e : kEntries) form.write(&w, e);
    Body(&w);
    SegmentedDocument doc = w.Segment();

    ASSERT_EQ(doc.contents.size(), std::size(kEntries));
    for (size_t i = 0; i < std::size(kEntries); ++i) {
      const Entry& e = kEntries[i];
      const ContentsEntry& got = doc.contents[i];
      std::string number = e.number;
      if (number.back() == '.') number.pop_back();
      EXPECT_EQ(got.number, number) << e.title;
      EXPECT_EQ(got.title, e.title);
      EXPECT_EQ(got.page, form.pages ? e.page : 0) << e.title;
      EXPECT_EQ(got.level, std::string(e.number) == "2.1" ? 2 : 1) << e.title;
    }
    EXPECT_EQ(doc.contents_page, 2);
    ASSERT_GE(doc.sections.size(), 2u);
    EXPECT_EQ(doc.sections[1].kind, SectionKind::kContents);
    EXPECT_EQ(doc.sections[1].title, form.title);
    // The contents never come out as paragraphs.
    for (const Section& s : doc.sections) {
      for (const Paragraph& p : s.paragraphs) {
        EXPECT_NE(p.page, 2) << "paragraph on the contents page: " << p.text;
      }
    }
    // The headings are found and confirmed by the contents.
    ASSERT_EQ(doc.sections.size(), 7u);
    EXPECT_EQ(doc.sections[6].title, "Recommendations");
    EXPECT_TRUE(doc.sections[6].in_contents);
  }
}

TEST(Segment, HeadingsByFontOnly) {
  Writer w;
  w.NewPage();
  Style h1{.size = 16, .bold = true}, h2{.size = 13, .bold = true};
  w.Heading("Introduction", h1);
  w.Para(kOneLine);
  w.Para(Filler(3));
  w.Heading("Background", h1);
  w.Para(Filler(6));
  w.Heading("The family", h2);
  w.Para(Filler(9));
  w.NewPage();
  w.Heading("Analysis", h1);
  w.Para(Filler(1));
  w.Para(Filler(4));
  w.Heading("Conclusion", h1);
  w.Para(Filler(7));
  SegmentedDocument doc = w.Segment();

  const struct {
    const char* title;
    SectionKind kind;
    int level, page, paragraphs;
  } expected[] = {
      {"Introduction", SectionKind::kIntroduction, 1, 1, 2},
      {"Background", SectionKind::kBackground, 1, 1, 1},
      {"The family", SectionKind::kBackground, 2, 1, 1},
      {"Analysis", SectionKind::kAnalysis, 1, 2, 2},
      {"Conclusion", SectionKind::kConclusion, 1, 2, 1},
  };
  ASSERT_EQ(doc.sections.size(), std::size(expected));
  for (size_t i = 0; i < std::size(expected); ++i) {
    const Section& s = doc.sections[i];
    SCOPED_TRACE("section " + std::to_string(i) + " \"" + s.title + "\"");
    EXPECT_EQ(s.number, "");
    EXPECT_EQ(s.title, expected[i].title);
    EXPECT_EQ(SectionKindName(s.kind), SectionKindName(expected[i].kind));
    EXPECT_EQ(s.level, expected[i].level);
    EXPECT_EQ(s.page_start, expected[i].page);
    EXPECT_EQ(s.paragraphs.size(), static_cast<size_t>(expected[i].paragraphs));
  }
}

// A first page that opens with a numbered heading and holds paragraphs of prose is the body,
// not a cover.
TEST(Segment, FirstPageOfProseIsNotACover) {
  Writer w;
  w.NewPage();
  w.Heading("1. Introduction");
  w.Para("1.1 " + Filler(6));
  w.Para("1.2 " + Filler(9));
  w.NewPage();
  w.Heading("2. Analysis");
  w.Para("2.1 " + Filler(0));
  w.Para("2.2 " + Filler(3));
  SegmentedDocument doc = w.Segment();

  ASSERT_EQ(doc.sections.size(), 2u);
  EXPECT_EQ(SectionKindName(doc.sections[0].kind), SectionKindName(SectionKind::kIntroduction));
  EXPECT_EQ(doc.sections[0].number, "1");
  EXPECT_EQ(doc.sections[0].title, "Introduction");
  EXPECT_EQ(Ids(doc.sections[0]), (std::vector<std::string>{"1.1", "1.2"}));
  EXPECT_EQ(doc.sections[1].number, "2");
}

TEST(Segment, YearAtTheStartOfAWrappedLineIsNotAParagraphNumber) {
  Writer w;
  w.NewPage();
  w.Heading("3. Analysis");
  w.Para("3.1 Practitioners relied on the mother's account of her circumstances.");
  w.Line("3.2 The family had been known to children's social care since");
  w.Line("2004. The first referral was made by the school when the eldest child was three.");
  SegmentedDocument doc = w.Segment();

  ASSERT_EQ(doc.sections.size(), 1u);
  const Section& s = doc.sections[0];
  EXPECT_EQ(Ids(s), (std::vector<std::string>{"3.1", "3.2"}));
  ASSERT_EQ(s.paragraphs.size(), 2u);
  EXPECT_EQ(s.paragraphs[1].text,
            "The family had been known to children's social care since 2004. The first referral "
            "was made by the school when the eldest child was three.");
}

TEST(Segment, ParagraphContinuedOnTheNextPage) {
  Writer w;
  w.NewPage();
  w.Heading("1. Introduction");
  w.Para(std::string("1.1 ") + kOneLine);
  w.Para("1.2 " + Filler(3));
  w.At(730);
  w.Line("1.3 The health visitor saw the baby at home on four occasions and recorded that the");
  w.Line("baby was feeding well, that the home was clean and warm and that the");
  w.NewPage();
  w.Para("mother appeared tired but coping on each visit.");
  w.Para("1.4 " + Filler(6));
  SegmentedDocument doc = w.Segment();

  ASSERT_EQ(doc.sections.size(), 1u);
  const Section& s = doc.sections[0];
  EXPECT_EQ(Ids(s), (std::vector<std::string>{"1.1", "1.2", "1.3", "1.4"}));
  ASSERT_EQ(s.paragraphs.size(), 4u);
  const Paragraph& p = s.paragraphs[2];
  EXPECT_EQ(p.page, 1);
  EXPECT_EQ(p.page_end, 2);
  EXPECT_EQ(p.text,
            "The health visitor saw the baby at home on four occasions and recorded that the baby "
            "was feeding well, that the home was clean and warm and that the mother appeared tired "
            "but coping on each visit.");
  EXPECT_EQ(s.paragraphs[3].page, 2);
  EXPECT_EQ(s.page_end, 2);
}

TEST(Segment, ListItemsUnderANumberedParagraph) {
  Writer w;
  w.NewPage();
  w.Heading("4. Recommendations");
  w.Line("4.1 The partnership should seek assurance that:");
  w.Line("\u2022 practitioners record the details of all adults in the household;", 90);
  w.Line("\u2022 fathers are invited to child protection conferences.", 90);
  w.At(w.y() + 8);
  w.Para("4.2 The partnership should review its guidance on unseen men.");
  SegmentedDocument doc = w.Segment();

  ASSERT_EQ(doc.sections.size(), 1u);
  const Section& s = doc.sections[0];
  EXPECT_EQ(Ids(s), (std::vector<std::string>{"4.1", "4.1/1", "4.1/2", "4.2"}));
  ASSERT_EQ(s.paragraphs.size(), 4u);
  EXPECT_EQ(s.paragraphs[1].kind, Paragraph::Kind::kListItem);
  EXPECT_EQ(s.paragraphs[1].number, "\u2022");
  EXPECT_EQ(s.paragraphs[1].text,
            "practitioners record the details of all adults in the household;");
  EXPECT_EQ(s.paragraphs[2].text, "fathers are invited to child protection conferences.");
}

TEST(Segment, DocumentWithoutHeadingsIsOneSection) {
  Writer w;
  std::vector<std::string> paras = {kOneLine};
  for (int i = 0; i < 5; ++i) paras.push_back(Filler(3 * i));
  w.NewPage();
  for (size_t i = 0; i < 3; ++i) w.Para(paras[i]);
  w.NewPage();
  for (size_t i = 3; i < 6; ++i) w.Para(paras[i]);
  SegmentedDocument doc = w.Segment();

  ASSERT_EQ(doc.sections.size(), 1u);
  const Section& s = doc.sections[0];
  EXPECT_EQ(SectionKindName(s.kind), SectionKindName(SectionKind::kOther));
  EXPECT_EQ(s.title, "");
  EXPECT_EQ(s.page_start, 1);
  EXPECT_EQ(s.page_end, 2);
  ASSERT_EQ(s.paragraphs.size(), paras.size());
  for (size_t i = 0; i < paras.size(); ++i) EXPECT_EQ(s.paragraphs[i].text, paras[i]);
}

}  // namespace
}  // namespace scrx::segment
