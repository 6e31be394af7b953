// Section kinds from titles, over the headings real reviews use: SCRs, child safeguarding
// practice reviews (CSPR), safeguarding adults reviews (SAR), domestic homicide reviews (Home
// Office template), Welsh child practice reviews and the Panel's national reviews (see the
// taxonomy's "Standard section headings and variants").
#include "segment/section_kind.h"

#include <gtest/gtest.h>

#include <string>

namespace scrx {
namespace {

using K = SectionKind;

struct Case {
  const char* title;   // as printed, without the number
  const char* number;  // the heading's number ("" when none)
  K kind;
};

const Case kCases[] = {
    // Front matter.
    {"Executive summary", "", K::kExecutiveSummary},
    {"EXECUTIVE SUMMARY", "", K::kExecutiveSummary},
    {"Summary", "", K::kExecutiveSummary},
    {"Foreword", "", K::kForeword},
    {"Chair's foreword", "", K::kForeword},
    {"Preface", "1", K::kForeword},  // DHR template
    {"Contents", "", K::kContents},
    {"Table of contents", "", K::kContents},
    // Introduction.
    {"Introduction", "1", K::kIntroduction},
    {"Introduction and background", "1", K::kIntroduction},
    {"Background to the review", "", K::kIntroduction},
    {"Reason for the review", "", K::kIntroduction},
    {"Decision to undertake the review", "", K::kIntroduction},
    {"Circumstances resulting in the review", "", K::kIntroduction},  // Wales
    {"Rapid review", "", K::kIntroduction},
    {"Legal context", "", K::kIntroduction},
    // Scope.
    {"Terms of Reference", "2", K::kTermsOfReference},
    {"Terms of reference and scope", "", K::kTermsOfReference},
    {"Scope of the review", "", K::kTermsOfReference},
    {"Period under review", "", K::kTermsOfReference},
    {"Key lines of enquiry", "", K::kTermsOfReference},
    {"Review question", "", K::kTermsOfReference},  // Panel
    // Method.
    {"Methodology", "3", K::kMethodology},
    {"The review process", "", K::kMethodology},
    {"Scope and methodology", "", K::kMethodology},
    {"Involvement of family", "", K::kMethodology},  // DHR template
    {"Parallel reviews", "", K::kMethodology},
    // The Home Office DHR template opens with Preface, Timescales and Confidentiality.
    {"Confidentiality", "", K::kIntroduction},
    {"Timescales", "", K::kIntroduction},
    {"Review panel membership", "", K::kMethodology},
    {"Individual Management Reviews", "", K::kMethodology},
    {"Individual agency summaries", "", K::kMethodology},
    {"Practitioner learning event", "", K::kMethodology},  // SILP
    // Case narrative.
    {"Family background", "4", K::kBackground},
    {"Family structure", "", K::kBackground},
    {"Pen picture of the child", "", K::kBackground},
    {"Background information (the facts)", "", K::kBackground},  // DHR template
    {"Chronology of key events", "5", K::kChronology},
    {"Chronology", "", K::kChronology},
    {"Key practice episodes", "", K::kChronology},
    {"Narrative of key events", "", K::kChronology},
    {"Summary of events", "", K::kChronology},
    {"Summary of agency involvement", "", K::kChronology},
    {"Timeline", "", K::kChronology},
    // Analysis.
    {"Analysis", "6", K::kAnalysis},
    {"Analysis by theme", "", K::kAnalysis},  // SILP; listed under Analysis in the taxonomy
    {"Evaluation of how agencies worked together", "", K::kAnalysis},
    {"Analysis and implications", "", K::kAnalysis},  // Panel
    {"Voice of the child", "", K::kAnalysis},
    {"Voice of the children", "", K::kAnalysis},
    {"Analysis of key practice episodes", "", K::kAnalysis},
    {"The child's lived experience", "", K::kAnalysis},
    {"Equality and diversity", "", K::kAnalysis},  // DHR template: protected characteristics
    {"Good practice", "", K::kGoodPractice},
    {"What went well", "", K::kGoodPractice},
    // Outcomes.
    {"Findings", "7", K::kFindings},
    {"Key findings", "", K::kFindings},
    {"Discussion of key findings", "", K::kFindings},
    {"Analysis and findings", "", K::kFindings},
    {"Lessons learned", "", K::kFindings},
    {"Lessons to be learnt", "", K::kFindings},  // DHR template
    {"Learning points", "", K::kFindings},
    {"Local learning points", "", K::kFindings},                 // Panel
    {"Practice and organisational learning", "", K::kFindings},  // Wales
    {"What this means for practice", "", K::kFindings},          // Panel
    {"Implications for practice", "", K::kFindings},
    {"Conclusions", "8", K::kConclusion},
    {"Conclusions and recommendations", "", K::kConclusion},
    {"Conclusions and lessons learned", "", K::kConclusion},  // SILP
    {"Could the death have been prevented?", "", K::kConclusion},
    {"Was the death preventable?", "", K::kConclusion},
    {"Recommendations", "9", K::kRecommendations},
    {"National recommendations", "", K::kRecommendations},
    {"Single agency recommendations", "", K::kRecommendations},
    {"Summary of recommendations", "", K::kRecommendations},
    {"Improving Systems and Practice", "", K::kRecommendations},  // Wales
    {"Action plan", "", K::kActionPlan},
    // Back matter.
    {"Bibliography", "", K::kReferences},
    {"References", "", K::kReferences},
    {"Further reading", "", K::kReferences},
    {"Glossary of Abbreviations", "", K::kGlossary},
    {"Abbreviations", "", K::kGlossary},
    {"Glossary", "Appendix 2", K::kGlossary},  // "Appendix 2: Glossary"
    {"Terms of Reference", "Appendix 1", K::kTermsOfReference},
    {"Appendix 3", "Appendix 3", K::kAppendix},  // a bare "Appendix 3" heading
    {"Appendices", "", K::kAppendix},
};

TEST(KindFromTitle, RealTitles) {
  for (const Case& c : kCases) {
    SectionKind got = segment::KindFromTitle(c.title, c.number);
    EXPECT_EQ(SectionKindName(got), SectionKindName(c.kind))
        << "title \"" << c.title << "\" number \"" << c.number << "\"";
  }
}

TEST(KindFromTitle, UnknownTitleIsOther) {
  EXPECT_EQ(segment::KindFromTitle("Mr and Mrs Smith"), K::kOther);
  EXPECT_EQ(segment::KindFromTitle("The role of the school"), K::kOther);
}

TEST(KindFromTitle, SubjectTitleIsBackgroundAtTopLevelOnly) {
  // A top-level section named after the review's subject is their background; inside another
  // section it says nothing of its own (the section takes its parent's kind).
  EXPECT_EQ(segment::KindFromTitle("Child B", "", 1), K::kBackground);
  EXPECT_EQ(segment::KindFromTitle("Child B", "", 2), K::kOther);
  EXPECT_EQ(segment::KindFromTitle("Toby and his family", "", 1), K::kBackground);
  EXPECT_EQ(segment::KindFromTitle("Mrs J and Beechcroft House", "", 1), K::kBackground);
  EXPECT_EQ(segment::KindFromTitle("Child D's death", "", 1), K::kOther);
}

TEST(KindFromTitle, DatedTitlesAreChronology) {
  EXPECT_EQ(segment::KindFromTitle("June 2020: overdose and admission", "", 2), K::kChronology);
  EXPECT_EQ(segment::KindFromTitle("Autumn 2019: early signs at school", "", 2), K::kChronology);
  EXPECT_EQ(segment::KindFromTitle("January to March 2020: first referral", "", 2), K::kChronology);
  EXPECT_EQ(segment::KindFromTitle("Action taken since 2015"), K::kOther);
}

TEST(SectionKindName, RoundTrip) {
  for (int i = static_cast<int>(K::kCover); i <= static_cast<int>(K::kOther); ++i) {
    auto kind = static_cast<K>(i);
    std::string_view name = SectionKindName(kind);
    std::optional<K> back = SectionKindFromName(name);
    ASSERT_TRUE(back.has_value()) << name;
    EXPECT_EQ(*back, kind) << name;
  }
}

TEST(SectionKindName, JsonNames) {
  EXPECT_EQ(SectionKindName(K::kExecutiveSummary), "executive_summary");
  EXPECT_EQ(SectionKindName(K::kTermsOfReference), "terms_of_reference");
  EXPECT_EQ(SectionKindName(K::kGoodPractice), "good_practice");
  EXPECT_EQ(SectionKindName(K::kActionPlan), "action_plan");
  EXPECT_EQ(SectionKindFromName("Findings"), std::nullopt);
  EXPECT_EQ(SectionKindFromName("lessons"), std::nullopt);
}

}  // namespace
}  // namespace scrx
