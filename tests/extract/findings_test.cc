// Key findings and learning points, from hand-built sections (the forms reviews use: labelled
// findings, headed subsections, bulleted learning, conclusions, headed parts of the analysis)
// and from laid-out pages. Every sentence here is invented.
#include <gtest/gtest.h>

#include "extract/extract.h"
#include "layout/layout.h"
#include "segment/section_kind.h"
#include "segment/segment.h"
#include "testing/raw_builder.h"

namespace scrx::extract {
namespace {

constexpr Paragraph::Kind kText = Paragraph::Kind::kText;

Paragraph Para(std::string text, Paragraph::Kind kind = Paragraph::Kind::kText,
               std::string number = "", int page = 7) {
  Paragraph p;
  p.text = std::move(text);
  p.kind = kind;
  p.number = std::move(number);
  p.page = p.page_end = page;
  p.x0 = 72;
  return p;
}

// A bullet at `x0` (72 is the text margin; nested bullets sit further in).
Paragraph Bullet(std::string text, double x0 = 90, int page = 7) {
  Paragraph p = Para(std::move(text), Paragraph::Kind::kListItem, "•", page);
  p.x0 = x0;
  return p;
}

Paragraph Numbered(std::string number, std::string text, int page = 7) {
  return Para(std::move(text), Paragraph::Kind::kNumbered, std::move(number), page);
}

Section Sec(std::string title, SectionKind kind, std::vector<Paragraph> paras, int level = 1,
            std::string number = "", int page = 7) {
  Section s;
  s.title = std::move(title);
  s.number = std::move(number);
  s.kind = s.title_kind = kind;
  s.level = level;
  s.paragraphs = std::move(paras);
  s.page_start = s.page_end = page;
  return s;
}

// A section whose kind is what segmentation gives its title.
Section Titled(std::string title, std::vector<Paragraph> paras, int level = 1,
               std::string number = "", int page = 7) {
  SectionKind kind = segment::KindFromTitle(title, number, level);
  return Sec(std::move(title), kind, std::move(paras), level, std::move(number), page);
}

std::string Dump(const std::vector<Finding>& f) {
  std::string out;
  for (const Finding& x : f) {
    out += "[" + x.number + "] {" + x.title + "} " + x.text.substr(0, 80) + " (section " +
           std::to_string(x.section_index) + ", page " + std::to_string(x.page) + ")\n";
  }
  return out;
}

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

TEST(Findings, LabelledParagraphsThatRunOn) {
  std::vector<Section> s = {
      Sec("Introduction", SectionKind::kIntroduction,
          {Para("The review looked at the help given to Baby N and her parents.", kText, "", 3)}),
      Sec("Findings", SectionKind::kFindings,
          {Para("The review identified two findings about how agencies worked together."),
           Para("Finding 1: Pre-birth assessment left out the father. Mother's partner was "
                "recorded as a visitor although he stayed most nights, and no agency asked about "
                "his history."),
           Para("The midwife and the health visitor each assumed the other had asked.", kText, "",
                8),
           Para("Finding 2 - Bruising to a non-mobile baby was explained away. The GP accepted "
                "Mother's account that the mark came from a dummy clip and did not refer.",
                kText, "", 8)})};
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 2u) << Dump(f);
  EXPECT_EQ(f[0].number, "1");
  EXPECT_EQ(f[0].title, "Pre-birth assessment left out the father");
  EXPECT_EQ(f[0].text,
            "Pre-birth assessment left out the father. Mother's partner was recorded as a visitor "
            "although he stayed most nights, and no agency asked about his history. The midwife "
            "and the health visitor each assumed the other had asked.");
  EXPECT_EQ(f[0].section_index, 1);
  EXPECT_EQ(f[0].page, 7);
  EXPECT_EQ(f[1].number, "2");
  EXPECT_EQ(f[1].title, "Bruising to a non-mobile baby was explained away");
  EXPECT_TRUE(Contains(f[1].text, "dummy clip")) << f[1].text;
  EXPECT_EQ(f[1].page, 8);
}

TEST(Findings, LabelOnItsOwnParagraphIsTheTitle) {
  // A label paragraph that holds only the title ("Finding 1: Professional curiosity about the men
  // in the household", with or without a full stop) gives the title; the paragraphs after it are
  // the text.
  std::vector<Section> s = {
      Sec("Findings", SectionKind::kFindings,
          {Para("Finding 1: Professional curiosity about the men in the household"),
           Para("Practitioners knew that a man visited the flat but did not ask who he was or "
                "whether he cared for the baby."),
           Para("Finding 2: Escalation when plans stall."),
           Para("No professional used the escalation procedure although the plan had not changed "
                "in nine months.")})};
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 2u) << Dump(f);
  EXPECT_EQ(f[0].number, "1");
  EXPECT_EQ(f[0].title, "Professional curiosity about the men in the household");
  EXPECT_EQ(f[0].text,
            "Practitioners knew that a man visited the flat but did not ask who he was or whether "
            "he cared for the baby.");
  EXPECT_EQ(f[1].number, "2");
  EXPECT_EQ(f[1].title, "Escalation when plans stall");
  EXPECT_EQ(f[1].text,
            "No professional used the escalation procedure although the plan had not changed in "
            "nine months.");
}

TEST(Findings, LabelOnItsOwnParagraphStillCollectsTheText) {
  // What the code does today for the case above: one finding per label, its number kept and the
  // following paragraphs joined to it.
  std::vector<Section> s = {
      Sec("Findings", SectionKind::kFindings,
          {Para("Finding 1: Professional curiosity about the men in the household"),
           Para("Practitioners knew that a man visited the flat but did not ask who he was."),
           Para("Finding 2: Escalation when plans stall"),
           Para("No professional used the escalation procedure.")})};
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 2u) << Dump(f);
  EXPECT_EQ(f[0].number, "1");
  EXPECT_EQ(f[1].number, "2");
  EXPECT_TRUE(Contains(f[0].text, "did not ask who he was")) << f[0].text;
  EXPECT_FALSE(Contains(f[0].text, "escalation procedure")) << f[0].text;
  EXPECT_TRUE(Contains(f[1].text, "escalation procedure")) << f[1].text;
}

TEST(Findings, HeadedFindingSubsections) {
  std::vector<Section> s = {
      Sec("Introduction", SectionKind::kIntroduction, {Para("The review concerns Kayla.")}),
      Titled("Findings", {Para("This section sets out the review's findings.")}, 1, "6"),
      Titled("Finding 1: Thresholds were applied to single incidents",
             {Para("Each referral was judged on its own and none met the threshold for an "
                   "assessment."),
              Para("The history of earlier referrals was not read.")},
             2, "", 8),
      Titled("Finding 2: Kayla's voice was not heard",
             {Para("Kayla told her teacher that she was hungry at weekends.")}, 2, "", 9),
      Sec("Kayla's experience at school", SectionKind::kFindings,
          {Para("Her attendance fell to sixty per cent in Year 5.")}, 3, "", 9),
      Titled("Good practice", {Para("The school nurse made a timely referral.")}, 2, "", 10),
      Sec("Summary", SectionKind::kFindings, {Para("In short, the signs were there.")}, 2, "", 10),
      Titled("Recommendations", {Numbered("1", "The Partnership should audit referrals.")}, 1, "7",
             11)};
  ASSERT_EQ(s[2].title_kind, SectionKind::kFindings);
  ASSERT_EQ(s[5].title_kind, SectionKind::kGoodPractice);
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 2u) << Dump(f);
  EXPECT_EQ(f[0].number, "1");
  EXPECT_EQ(f[0].title, "Thresholds were applied to single incidents");
  EXPECT_EQ(f[0].text,
            "Each referral was judged on its own and none met the threshold for an assessment. "
            "The history of earlier referrals was not read.");
  EXPECT_EQ(f[0].section_index, 2);
  EXPECT_EQ(f[0].page, 8);
  EXPECT_EQ(f[1].number, "2");
  EXPECT_EQ(f[1].title, "Kayla's voice was not heard");
  EXPECT_EQ(f[1].text,
            "Kayla told her teacher that she was hungry at weekends. Her attendance fell to sixty "
            "per cent in Year 5.");
  EXPECT_EQ(f[1].section_index, 3);
  EXPECT_EQ(f[1].page, 9);
}

TEST(Findings, HeadedParagraphsUnderFindings) {
  std::vector<Section> s = {
      Titled("Findings and learning", {}, 1, "5"),
      Sec("Working with fathers", SectionKind::kFindings,
          {Numbered("5.1.1", "Father was seen at two visits but was never assessed."),
           Numbered("5.1.2", "His own experience of care was not known to the health visitor.")},
          2, "5.1"),
      Sec("Neglect that builds slowly", SectionKind::kFindings,
          {Para("Each visit found the home a little worse, and no one compared the visits.")}, 2,
          "5.2", 8),
      Titled("Recommendations",
             {Para("The Partnership should relaunch its neglect strategy.", kText, "", 9)}, 2,
             "5.3", 9)};
  ASSERT_EQ(s[3].title_kind, SectionKind::kRecommendations);
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 2u) << Dump(f);
  EXPECT_EQ(f[0].number, "5.1");
  EXPECT_EQ(f[0].title, "Working with fathers");
  EXPECT_EQ(f[0].text,
            "Father was seen at two visits but was never assessed. His own experience of care was "
            "not known to the health visitor.");
  EXPECT_EQ(f[1].number, "5.2");
  EXPECT_EQ(f[1].title, "Neglect that builds slowly");
  EXPECT_EQ(f[1].page, 8);
  EXPECT_FALSE(Contains(f[1].text, "neglect strategy"));
}

TEST(Findings, BulletedLearningPoints) {
  std::vector<Section> s = {
      Titled("Learning",
             {Para("The review identified the following learning for the partnership:"),
              Bullet("Injuries to babies who are not yet mobile must always lead to a referral."),
              Bullet("A father's history matters as much as a mother's when a baby is expected."),
              Bullet("Plans that do not change for months need to be escalated.", 90, 8),
              Para("These points are reflected in the recommendations below.", kText, "", 8)},
             1, "7")};
  ASSERT_EQ(s[0].title_kind, SectionKind::kFindings);
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 3u) << Dump(f);
  EXPECT_EQ(f[0].number, "");
  EXPECT_EQ(f[0].title, "");
  EXPECT_EQ(f[0].text, "Injuries to babies who are not yet mobile must always lead to a referral.");
  EXPECT_EQ(f[2].text, "Plans that do not change for months need to be escalated.");
  EXPECT_EQ(f[2].page, 8);
  EXPECT_EQ(f[2].section_index, 0);
}

TEST(Findings, SubBulletsStayOneFinding) {
  std::vector<Section> s = {Titled(
      "Key learning",
      {Para("The learning from this review is:"),
       Bullet("Information about Mr Y was held by three agencies but never brought together."),
       Bullet("The police knew of his previous partner's injuries.", 108),
       Bullet("Probation knew that his licence had ended early.", 108),
       Bullet("The GP knew that he had stopped his medication.", 108),
       Bullet("Mother's own fear of Mr Y was not explored in any assessment.")})};
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 2u) << Dump(f);
  EXPECT_TRUE(Contains(f[0].text, "never brought together")) << f[0].text;
  EXPECT_EQ(f[1].text, "Mother's own fear of Mr Y was not explored in any assessment.");
}

TEST(Findings, PointThatIntroducesSubBulletsIsKept) {
  // A learning point that introduces its own sub-bullets ("... never brought together:") is one
  // finding, its sub-bullets in its text; the opening sentence is not a finding.
  std::vector<Section> s = {Titled(
      "Key learning",
      {Para("The learning from this review is:"),
       Bullet("Information about Mr Y was held by three agencies but never brought together:"),
       Bullet("the police knew of his previous partner's injuries;", 108),
       Bullet("probation knew that his licence had ended early;", 108),
       Bullet("the GP knew that he had stopped his medication.", 108),
       Bullet("Mother's own fear of Mr Y was not explored in any assessment.")})};
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 2u) << Dump(f);
  EXPECT_EQ(f[0].text,
            "Information about Mr Y was held by three agencies but never brought together: the "
            "police knew of his previous partner's injuries; probation knew that his licence had "
            "ended early; the GP knew that he had stopped his medication.");
  EXPECT_EQ(f[1].text, "Mother's own fear of Mr Y was not explored in any assessment.");
}

TEST(Findings, SubBulletsAreKeptInTheirPointsText) {
  // Nested bullets belong to the point above them: they are joined to its text, in one line.
  std::vector<Section> s = {Titled(
      "Key learning",
      {Bullet("Information about Mr Y was held by three agencies but never brought together."),
       Bullet("The police knew of his previous partner's injuries.", 108),
       Bullet("Probation knew that his licence had ended early.", 108),
       Bullet("Mother's own fear of Mr Y was not explored in any assessment.")})};
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 2u) << Dump(f);
  EXPECT_EQ(f[0].text,
            "Information about Mr Y was held by three agencies but never brought together. The "
            "police knew of his previous partner's injuries. Probation knew that his licence had "
            "ended early.");
  EXPECT_EQ(f[1].text, "Mother's own fear of Mr Y was not explored in any assessment.");
}

TEST(Findings, NumberedParagraphsAndListIntroductions) {
  std::vector<Section> s = {
      Titled("Findings",
             {Numbered("6.1",
                       "The review found that the family's frequent moves hid the pattern of "
                       "neglect from every agency."),
              Numbered("6.2", "Two further themes emerged:"),
              Bullet("records did not follow the children between areas;"),
              Bullet("the children were not seen alone.")},
             1, "6")};
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 3u) << Dump(f);
  EXPECT_EQ(f[0].number, "6.1");
  EXPECT_EQ(f[1].number, "");
  EXPECT_EQ(f[1].text, "records did not follow the children between areas;");
  EXPECT_EQ(f[2].text, "the children were not seen alone.");
}

TEST(Findings, NumberedPointThatIntroducesItsSubPoints) {
  // A numbered paragraph ending with ":" that makes a point of its own ("Three things stood out
  // in particular:") is one finding with its sub-points; only a paragraph that announces the
  // findings ("Two further themes emerged:") gives way to the points after it.
  std::vector<Section> s = {
      Titled("Findings",
             {Numbered("7.1", "Agencies did not see the family's moves as a risk."),
              Numbered("7.2", "The children were not seen alone at any visit."),
              Numbered("7.3", "Three things stood out in particular:"),
              Bullet("records did not follow the children between areas;"),
              Bullet("no agency held a full chronology;"),
              Bullet("the school's concerns were not shared.", 108),
              Numbered("7.4", "Plans were closed on the parents' word.", 8)},
             1, "7")};
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 4u) << Dump(f);
  EXPECT_EQ(f[2].number, "7.3");
  EXPECT_EQ(f[2].text,
            "Three things stood out in particular: records did not follow the children between "
            "areas; no agency held a full chronology; the school's concerns were not shared.");
  EXPECT_EQ(f[3].number, "7.4");
  EXPECT_EQ(f[3].text, "Plans were closed on the parents' word.");
  EXPECT_EQ(f[3].page, 8);
}

TEST(Findings, LetteredSubPointsKeepTheirLettersAndGetSeparators) {
  // Sub-points keep a letter or number marker; one that ends without punctuation is separated
  // from the next by "; ".
  Paragraph a = Bullet("the police", 108), b = Bullet("probation", 108);
  a.number = "(a)";
  b.number = "(b)";
  std::vector<Section> s = {
      Titled("Learning points",
             {Bullet("Information about Mr Y was held by:"), a, b, Bullet("Plans drifted.")})};
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 2u) << Dump(f);
  EXPECT_EQ(f[0].text, "Information about Mr Y was held by: (a) the police; (b) probation");
  EXPECT_EQ(f[1].text, "Plans drifted.");
}

TEST(Findings, ConclusionWhenThereIsNoFindingsSection) {
  std::vector<Section> s = {
      Titled("Introduction", {Para("This review concerns Baby R.", kText, "", 3)}),
      Titled("Conclusions",
             {Para("The review reached the following conclusions:"),
              Para("Baby R's injuries could not have been predicted, but the pressures on the "
                   "household were known to several agencies."),
              Para("Practitioners worked hard for the family and were let down by systems that "
                   "did not share information.",
                   kText, "", 8)},
             1, "8")};
  ASSERT_EQ(s[1].title_kind, SectionKind::kConclusion);
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 2u) << Dump(f);
  EXPECT_TRUE(Contains(f[0].text, "could not have been predicted"));
  EXPECT_EQ(f[1].page, 8);
  EXPECT_EQ(f[1].section_index, 1);

  // With a findings section, the conclusion is not read.
  s.push_back(
      Titled("Key findings", {Bullet("Agencies did not share information about the household.")}));
  f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 1u) << Dump(f);
  EXPECT_EQ(f[0].section_index, 2);
}

TEST(Findings, HeadedPartsOfTheAnalysisWhenThereIsNoFindingsSection) {
  std::vector<Section> s = {
      Titled("Introduction", {Para("This review concerns Leo and his sisters.", kText, "", 3)}),
      Titled("Analysis", {Para("The analysis is set out under two headings.")}, 1, "4"),
      Sec("Recognising neglect", SectionKind::kAnalysis,
          {Para("The school saw that Leo was often hungry but treated each occasion alone.")}, 2,
          "4.1", 8),
      Sec("Working with Mother's partner", SectionKind::kAnalysis,
          {Para("Mother's partner was never spoken to by any professional.")}, 2, "4.2", 9),
      Titled("Recommendations", {Numbered("1", "The Partnership should audit neglect cases.")}, 1,
             "5", 10)};
  ASSERT_EQ(s[1].title_kind, SectionKind::kAnalysis);
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 2u) << Dump(f);
  EXPECT_EQ(f[0].number, "4.1");
  EXPECT_EQ(f[0].title, "Recognising neglect");
  EXPECT_EQ(f[0].section_index, 2);
  EXPECT_EQ(f[1].title, "Working with Mother's partner");
  EXPECT_EQ(f[1].page, 9);

  // An analysis without headed parts gives no findings: its paragraphs are not findings.
  std::vector<Section> flat = {
      Titled("Analysis", {Para("The school saw that Leo was often hungry."),
                          Para("Mother's partner was never spoken to.")})};
  EXPECT_TRUE(ExtractFindings(flat).empty());
}

TEST(Findings, LabelledFindingsUnderAnAnalysisHeading) {
  // "Finding 1: ..." subsections under a level-1 "Analysis" heading: each is one labelled
  // finding (number and title from its heading, text from its paragraphs), not one per paragraph.
  std::vector<Section> s = {
      Titled("Analysis", {Para("The findings of the review are set out below.")}, 1, "5"),
      Titled("Finding 1: Agencies did not see the risk posed by Mr Y",
             {Para("Mr Y's history of violence was known to the police but not to the health "
                   "visitor."),
              Para("The risk assessment relied on what Mother said.")},
             2, "", 8),
      Titled("Finding 2: Plans drifted without challenge",
             {Para("The child in need plan was unchanged for eleven months.")}, 2, "", 9)};
  ASSERT_EQ(s[1].title_kind, SectionKind::kFindings);
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 2u) << Dump(f);
  EXPECT_EQ(f[0].number, "1");
  EXPECT_EQ(f[0].title, "Agencies did not see the risk posed by Mr Y");
  EXPECT_EQ(f[0].text,
            "Mr Y's history of violence was known to the police but not to the health visitor. "
            "The risk assessment relied on what Mother said.");
  EXPECT_EQ(f[0].section_index, 1);
  EXPECT_EQ(f[0].page, 8);
  EXPECT_EQ(f[1].number, "2");
  EXPECT_EQ(f[1].title, "Plans drifted without challenge");
  EXPECT_EQ(f[1].text, "The child in need plan was unchanged for eleven months.");
  EXPECT_EQ(f[1].page, 9);
}

TEST(Findings, NotFromRecommendationsOrTheActionPlan) {
  Paragraph table;
  table.kind = Paragraph::Kind::kTable;
  table.page = table.page_end = 12;
  table.table = {
      {"Finding", "Recommendation", "Lead"},
      {"Finding 1: Fathers were not assessed", "Audit pre-birth assessments", "Partnership"}};
  table.text =
      "Finding | Recommendation | Lead | Finding 1: Fathers were not assessed | Audit "
      "pre-birth assessments | Partnership";
  Section recs = Titled(
      "Recommendations",
      {Para("Finding 3: Agencies did not escalate concerns. Recommendation 3: The Partnership "
            "should relaunch its escalation policy.",
            kText, "", 11),
       Numbered("4", "The CCG should remind GPs to record who lives in the household.", 11)},
      1, "8", 11);
  Section plan = Titled("Action plan", {table}, 1, "Appendix 1", 12);
  ASSERT_EQ(recs.title_kind, SectionKind::kRecommendations);
  ASSERT_EQ(plan.title_kind, SectionKind::kActionPlan);
  EXPECT_TRUE(ExtractFindings({recs, plan}).empty()) << Dump(ExtractFindings({recs, plan}));

  std::vector<Section> s = {
      Titled("Findings",
             {Para("Finding 1: Fathers were not assessed. Neither the midwife nor the "
                   "social worker met Baby N's father.")},
             1, "6"),
      recs, plan};
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 1u) << Dump(f);
  EXPECT_EQ(f[0].number, "1");
  EXPECT_EQ(f[0].section_index, 0);
}

TEST(Findings, NumberedFindingsOutrankUnlabelledPointsElsewhere) {
  std::vector<Section> s = {
      Titled("Findings",
             {Para("Finding 1: Fathers were not assessed. Neither the midwife nor the social "
                   "worker met Baby N's father."),
              Para("Finding 2: Bruising was explained away. The GP accepted the account given.")},
             1, "6"),
      Titled("What this means for practice",
             {Bullet("Ask who else lives in the home."), Bullet("See every bruise on a baby as a "
                                                                "possible sign of abuse.")},
             1, "7")};
  ASSERT_EQ(s[1].title_kind, SectionKind::kFindings);
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 2u) << Dump(f);
  EXPECT_EQ(f[0].number, "1");
  EXPECT_EQ(f[1].number, "2");
}

TEST(Findings, SectionNumbersAreNotFindingLabels) {
  // Headed subsections numbered "5.1", "5.2" are findings with a number and a title, but not
  // labelled findings: a bulleted learning section elsewhere is kept beside them.
  std::vector<Section> s = {
      Titled("Findings and learning", {}, 1, "5"),
      Sec("Working with fathers", SectionKind::kFindings,
          {Para("Father was seen at two visits but was never assessed.")}, 2, "5.1"),
      Sec("Neglect that builds slowly", SectionKind::kFindings,
          {Para("Each visit found the home a little worse.")}, 2, "5.2", 8),
      Titled("Recommendations", {Numbered("1", "The Partnership should audit neglect cases.")}, 1,
             "6", 9),
      Titled("Learning",
             {Bullet("Ask who else lives in the home."),
              Bullet("Compare each visit with the last one.")},
             1, "7", 10)};
  ASSERT_EQ(s[4].title_kind, SectionKind::kFindings);
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 4u) << Dump(f);
  EXPECT_EQ(f[0].number, "5.1");
  EXPECT_EQ(f[0].title, "Working with fathers");
  EXPECT_EQ(f[2].number, "");
  EXPECT_EQ(f[2].text, "Ask who else lives in the home.");
  EXPECT_EQ(f[3].section_index, 4);
}

TEST(Findings, LabelledFindingsOutrankOnlyTheirOwnSectionAndItsSummaries) {
  // Labelled findings are the key findings of their own top-level section and of the parts that
  // restate them (the executive summary, "Implications for practice"); a separate section of
  // learning points elsewhere is kept.
  std::vector<Section> s = {
      Titled("Executive summary", {Para("Baby N was injured at nine weeks old.", kText, "", 2)}, 1,
             "", 2),
      Titled("Key findings", {Bullet("Fathers were not assessed.", 90, 2)}, 2, "", 2),
      Titled("Analysis", {Para("The findings are set out below.")}, 1, "5"),
      Titled("Finding 1: Fathers were not assessed",
             {Para("Neither the midwife nor the social worker met Baby N's father.")}, 2, "", 8),
      Titled("Finding 2: Bruising was explained away", {Para("The GP accepted the account given.")},
             2, "", 9),
      Titled("Key learning", {Bullet("Ask about fathers.", 90, 9)}, 2, "", 9),
      Titled("Implications for practice", {Bullet("See every bruise as a sign of harm.", 90, 10)},
             1, "6", 10),
      Titled("Lessons learned",
             {Bullet("Supervision did not test the plan.", 90, 11),
              Bullet("Escalation was not used.", 90, 11)},
             1, "7", 11)};
  ASSERT_EQ(s[0].title_kind, SectionKind::kExecutiveSummary);
  ASSERT_EQ(s[1].title_kind, SectionKind::kFindings);
  ASSERT_EQ(s[6].title_kind, SectionKind::kFindings);
  ASSERT_EQ(s[7].title_kind, SectionKind::kFindings);
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 4u) << Dump(f);
  EXPECT_EQ(f[0].number, "1");
  EXPECT_EQ(f[0].section_index, 3);
  EXPECT_EQ(f[1].number, "2");
  EXPECT_EQ(f[2].text, "Supervision did not test the plan.");
  EXPECT_EQ(f[3].text, "Escalation was not used.");
  EXPECT_EQ(f[3].section_index, 7);
}

TEST(Findings, SingleSentenceLabelsAreTitleAndText) {
  // A one-sentence labelled paragraph with nothing after it is both the title and the text; one
  // that runs on keeps its whole remainder as text.
  std::vector<Section> s = {Titled(
      "Lessons to be learnt",
      {Numbered("17.1", "Lesson 1. Partners must not interpret for a victim."),
       Numbered("17.2",
                "Lesson 2. A high-risk DASH must lead to a MARAC referral. Strangulation is a "
                "marker of serious risk.")},
      1, "17")};
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 2u) << Dump(f);
  EXPECT_EQ(f[0].number, "1");
  EXPECT_EQ(f[0].title, "Partners must not interpret for a victim");
  EXPECT_EQ(f[0].text, "Partners must not interpret for a victim.");
  EXPECT_EQ(f[1].title, "A high-risk DASH must lead to a MARAC referral");
  EXPECT_EQ(f[1].text,
            "A high-risk DASH must lead to a MARAC referral. Strangulation is a marker of serious "
            "risk.");
}

TEST(Findings, LongTextIsClipped) {
  std::string text = "Records were not shared.";
  for (int i = 0; i < 80; ++i) text += " The health visitor did not see the earlier record.";
  std::vector<Section> s = {Titled("Learning", {Bullet(text), Bullet("Plans drifted.")})};
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 2u) << Dump(f);
  EXPECT_LE(f[0].text.size(), 2004u);
  EXPECT_EQ(f[0].text.substr(f[0].text.size() - 4), " ...");
  EXPECT_EQ(f[0].text.substr(0, 24), "Records were not shared.");
  EXPECT_EQ(f[1].text, "Plans drifted.");
}

TEST(Findings, LongLabelledParagraphIsClipped) {
  // The 2,000-byte limit holds for a labelled finding's single long paragraph too.
  std::string text = "Finding 1: Records were not shared.";
  for (int i = 0; i < 80; ++i) text += " The health visitor did not see the earlier record.";
  std::vector<Section> s = {Titled("Findings", {Para(text)})};
  std::vector<Finding> f = ExtractFindings(s);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].title, "Records were not shared");
  EXPECT_LE(f[0].text.size(), 2004u);
  EXPECT_EQ(f[0].text.substr(f[0].text.size() - 4), " ...");
}

TEST(Findings, NoneWithoutAZone) {
  std::vector<Section> s = {
      Titled("Introduction", {Para("This review concerns Baby R.")}),
      Titled("Chronology", {Para("On 3 March the health visitor saw a bruise on Baby R's ear.")})};
  EXPECT_TRUE(ExtractFindings(s).empty());
}

// Laid-out pages: a findings section whose findings are bold "Finding N: ..." lines, each
// followed by a paragraph, then the recommendations.
TEST(Findings, FromLaidOutPages) {
  testing::RawBuilder b;
  testing::Style heading{14, true}, bold{11, true};
  b.Page();
  b.Line(72, 72, "1. Introduction", heading);
  b.Lines(72, 100,
          {"This review considers the help given to Baby N, who was injured at nine weeks old,",
           "and to her parents in the months before her birth."});
  b.Line(72, 160, "2. Findings", heading);
  b.Line(72, 190, "Finding 1: Pre-birth assessment left out the father", bold);
  b.Lines(72, 210,
          {"The midwife recorded Mother's partner as a visitor although he stayed most nights,",
           "and no agency asked about his history or his care of the baby."});
  b.Line(72, 260, "Finding 2: Bruising was explained away", bold);
  b.Lines(72, 280,
          {"The GP accepted the account that a mark on the baby's cheek came from a dummy clip",
           "and did not refer the baby for a child protection medical."});
  b.Line(72, 340, "3. Recommendations", heading);
  b.Lines(72, 370,
          {"1. The Partnership should seek assurance that pre-birth assessments include both",
           "parents."});
  LaidOutDocument laid = layout::BuildLayout(b.Build(), {nullptr});
  SegmentedDocument seg = segment::Segment(laid);
  std::string dump;
  for (const Section& sec : seg.sections) {
    dump += "## " + sec.number + " " + sec.title + " (level " + std::to_string(sec.level) + ")\n";
    for (const Paragraph& p : sec.paragraphs) dump += "  [" + p.id + "] " + p.text + "\n";
  }
  std::vector<Finding> f = ExtractFindings(seg.sections);
  ASSERT_EQ(f.size(), 2u) << dump << Dump(f);
  EXPECT_EQ(f[0].number, "1");
  EXPECT_EQ(f[0].title, "Pre-birth assessment left out the father") << dump;
  EXPECT_TRUE(Contains(f[0].text, "asked about his history")) << f[0].text;
  EXPECT_EQ(f[1].number, "2");
  EXPECT_EQ(f[1].title, "Bruising was explained away");
  EXPECT_TRUE(Contains(f[1].text, "child protection medical")) << f[1].text;
  EXPECT_FALSE(Contains(f[1].text, "seek assurance")) << f[1].text;
  EXPECT_EQ(f[0].page, 1);
}

}  // namespace
}  // namespace scrx::extract
