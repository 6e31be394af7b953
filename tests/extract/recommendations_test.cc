// Recommendations as records, from hand-built sections (the forms reviews use) and from laid-out
// pages (a table that runs over a page break).
#include <gtest/gtest.h>

#include "extract/extract.h"
#include "layout/layout.h"
#include "segment/segment.h"
#include "testing/raw_builder.h"

namespace scrx::extract {
namespace {

Paragraph Para(std::string text, Paragraph::Kind kind = Paragraph::Kind::kText,
               std::string number = "", int page = 5) {
  Paragraph p;
  p.text = std::move(text);
  p.kind = kind;
  p.number = std::move(number);
  p.page = p.page_end = page;
  return p;
}

Section Sec(std::string title, SectionKind kind, std::vector<Paragraph> paras, int level = 1) {
  Section s;
  s.title = std::move(title);
  s.kind = s.title_kind = kind;
  s.level = level;
  s.paragraphs = std::move(paras);
  return s;
}

TEST(Recommendations, LabelledWithResponses) {
  Paragraph response =
      Para("The Board has received assurance that the protocol was relaunched in March.");
  Paragraph italic_response =
      Para("Accepted. Training was delivered to all health visitors in 2019.");
  italic_response.italic = true;
  std::vector<Section> s = {Sec("Recommendations", SectionKind::kRecommendations,
                                {Para("The review makes two recommendations to the Board."),
                                 Para("Recommendation 1: The LSCB should seek assurance that the "
                                      "bruising protocol is known to GPs."),
                                 response,
                                 Para("Recommendation 2: Children's Services should allocate every "
                                      "pre-birth referral within ten days."),
                                 italic_response})};
  std::vector<Recommendation> r = ExtractRecommendations(s);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].number, "1");
  EXPECT_EQ(r[0].text,
            "The LSCB should seek assurance that the bruising protocol is known to GPs.");
  EXPECT_EQ(r[0].addressee, "The LSCB");
  EXPECT_EQ(r[0].addressee_kind, "partnership_board");
  EXPECT_EQ(r[0].response,
            "The Board has received assurance that the protocol was relaunched in March.");
  EXPECT_EQ(r[1].number, "2");
  EXPECT_EQ(r[1].addressee, "Children's Services");
  EXPECT_EQ(r[1].addressee_kind, "childrens_social_care");
  EXPECT_EQ(r[1].response, "Accepted. Training was delivered to all health visitors in 2019.");
}

TEST(Recommendations, SeparateListsPerAgencyRestartNumbering) {
  std::vector<Section> s = {
      Sec("Recommendations", SectionKind::kRecommendations,
          {Para("Recommendations are made to each agency.")}),
      Sec("Police recommendations", SectionKind::kRecommendations,
          {Para("R1 Northvale Police should ensure that officers check the police national "
                "computer.",
                Paragraph::Kind::kText),
           Para("R2 Northvale Police should review how licence conditions are shared.",
                Paragraph::Kind::kText)},
          2),
      Sec("Health recommendations", SectionKind::kRecommendations,
          {Para("R1 The Clinical Commissioning Group should remind GPs to record who lives in the "
                "household.")},
          2),
  };
  std::vector<Recommendation> r = ExtractRecommendations(s);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].list, "Police recommendations");
  EXPECT_EQ(r[0].number, "R1");
  EXPECT_EQ(r[1].number, "R2");
  EXPECT_EQ(r[2].list, "Health recommendations");
  EXPECT_EQ(r[2].number, "R1");
  EXPECT_EQ(r[0].addressee_kind, "police");
  EXPECT_EQ(r[2].addressee_kind, "health_primary_care");
}

TEST(Recommendations, NumberedParagraphsAndNationalSubItems) {
  std::vector<Section> s = {
      Sec("National recommendations", SectionKind::kRecommendations,
          {Para("The Panel makes the following recommendations to government."),
           Para("Recommendation 1: Education"),
           Para("1a The Department for Education should strengthen statutory guidance on "
                "exclusions."),
           Para("1b The Department for Education should collect data on part-time timetables."),
           Para("The Home Office, with the National Police Chiefs' Council, should issue guidance.",
                Paragraph::Kind::kNumbered, "2")}),
  };
  std::vector<Recommendation> r = ExtractRecommendations(s);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].number, "1a");
  EXPECT_EQ(r[1].number, "1b");
  EXPECT_EQ(r[0].addressee_kind, "national_government");
  EXPECT_EQ(r[2].number, "2");
  EXPECT_EQ(r[2].addressee, "The Home Office");
  EXPECT_EQ(r[2].addressee_kind, "national_government");
}

TEST(Recommendations, FindingAndRecommendationPairsOutsideARecommendationsSection) {
  std::vector<Section> s = {
      Sec("Findings", SectionKind::kFindings,
          {Para("Finding 1: A place on a waiting list is treated as a plan."),
           Para("Recommendation 1: Northfen Healthcare NHS Foundation Trust should monitor young "
                "people on its CAMHS waiting list."),
           Para("Finding 2: Fathers are left outside the circle."),
           Para("Recommendation 2: The Partnership should seek assurance that records identify "
                "both parents.")}),
  };
  std::vector<Recommendation> r = ExtractRecommendations(s);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].addressee_kind, "mental_health");
  EXPECT_EQ(r[1].addressee_kind, "partnership_board");
}

TEST(Recommendations, ActionPlanOnlyWhenThereIsNoOtherList) {
  Paragraph table;
  table.kind = Paragraph::Kind::kTable;
  table.page = table.page_end = 9;
  table.table = {{"Recommendation", "Action", "Lead agency", "Target date"},
                 {"The Partnership should relaunch the neglect strategy.", "Launch event",
                  "Partnership", "June 2020"}};
  std::vector<Section> with_list = {
      Sec("Recommendations", SectionKind::kRecommendations,
          {Para("1. The Partnership should relaunch the neglect strategy.",
                Paragraph::Kind::kNumbered, "1")}),
      Sec("Action plan", SectionKind::kActionPlan, {table})};
  EXPECT_EQ(ExtractRecommendations(with_list).size(), 1u);
  std::vector<Section> plan_only = {Sec("Action plan", SectionKind::kActionPlan, {table})};
  std::vector<Recommendation> r = ExtractRecommendations(plan_only);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].addressee, "Partnership");
}

// A recommendations table whose second row runs over a page break, with the header row repeated
// on the next page: each recommendation once, its text whole, its lead from the Lead column.
TEST(Recommendations, TableContinuedOverAPageBreak) {
  testing::RawBuilder b;
  testing::Style bold{11, true};
  b.Page();
  b.Line(72, 72, "7. Conclusions", {14, true});
  b.Lines(72, 100,
          {"The review found that the children lived with chronic neglect for six years and that",
           "each agency saw part of the picture. The recommendations below are addressed to the",
           "safeguarding partners and to individual agencies, who have accepted them all."});
  b.Line(72, 190, "8. Recommendations", {14, true});
  auto row = [&](double y, const char* no, const char* rec, const char* lead,
                 testing::Style st = {}) {
    if (*no) b.Line(72, y, no, st);
    b.Line(100, y, rec, st);
    if (*lead) b.Line(400, y, lead, st);
  };
  row(230, "No.", "Recommendation", "Lead", bold);
  row(250, "1", "The Partnership should relaunch the neglect", "Partnership");
  row(264, "", "strategy within six months.", "");
  row(292, "2", "Children's Services should ensure that each", "Children's");
  row(306, "", "assessment includes a chronology of the", "Services");
  b.Line(280, 800, "Page 1", {9});
  b.Page();
  row(110, "No.", "Recommendation", "Lead", bold);
  row(130, "", "family's history and what it shows.", "");
  row(158, "3", "The CCG should ensure that GP practices follow", "CCG");
  row(172, "", "up children who are not brought to appointments.", "");
  row(200, "4", "The Partnership should audit the use of the", "Partnership");
  row(214, "", "escalation procedure within twelve months.", "");
  b.Line(280, 800, "Page 2", {9});
  LaidOutDocument laid = layout::BuildLayout(b.Build(), {nullptr});
  SegmentedDocument seg = segment::Segment(laid);
  std::vector<Recommendation> r = ExtractRecommendations(seg.sections);
  std::string dump;
  for (const Section& sec : seg.sections) {
    dump += "## " + sec.title + "\n";
    for (const Paragraph& p : sec.paragraphs) dump += "  [" + p.id + "] " + p.text + "\n";
  }
  ASSERT_EQ(r.size(), 4u) << dump;
  EXPECT_EQ(r[0].number, "1");
  EXPECT_EQ(r[1].number, "2");
  EXPECT_EQ(r[1].text,
            "Children's Services should ensure that each assessment includes a chronology of the "
            "family's "
            "history and what it shows.");
  EXPECT_EQ(r[1].page_start, 1);
  EXPECT_EQ(r[1].page_end, 2);
  EXPECT_EQ(r[1].addressee, "Children's Services");
  EXPECT_EQ(r[1].addressee_kind, "childrens_social_care");
  EXPECT_EQ(r[2].number, "3");
  EXPECT_EQ(r[2].addressee_kind, "health_primary_care");
}

TEST(Addressee, FoundBeforeTheVerbOrNot) {
  struct Case {
    const char* text;
    const char* addressee;
    const char* kind;
  };
  const Case cases[] = {
      {"The LSCB must reassure itself that all agencies investigate injuries.", "The LSCB",
       "partnership_board"},
      {"Westmarch Police, with the MARAC Steering Group, should ensure that victims are asked.",
       "Westmarch Police", "police"},
      {"Bro Hafren Children's Services to ensure that assessments are adapted.",
       "Bro Hafren Children's Services", "childrens_social_care"},
      {"It is recommended that the Safeguarding Adults Board reviews its self-neglect policy.",
       "the Safeguarding Adults Board", "partnership_board"},
      {"Dene Valley Hospitals NHS Foundation Trust should ensure maternity referrals are timely.",
       "Dene Valley Hospitals NHS Foundation Trust", "health_acute"},
      {"Fellside Partnership NHS Foundation Trust should ensure that its community mental health "
       "teams ask about children.",
       "Fellside Partnership NHS Foundation Trust", "mental_health"},
      {"Millbrook County Council should ensure that elective home education visits see the child.",
       "Millbrook County Council", "education"},
      {"The Department for Education should strengthen guidance on exclusions.",
       "The Department for Education", "national_government"},
      {"Ensure that fathers are recorded at booking.", "", ""},
      {"This recommendation is addressed to all agencies.", "", ""},
  };
  for (const Case& c : cases) {
    std::string a = FindAddressee(c.text);
    EXPECT_EQ(a, c.addressee) << c.text;
    EXPECT_EQ(AddresseeKind(a, c.text), c.kind) << c.text;
  }
}

}  // namespace
}  // namespace scrx::extract
