// tag::Tagger on hand-built sections with a small inline pattern set: evidence, cues, zones and
// the verdict rule of patterns/README.md.
#include "tag/tagger.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "segment/section_kind.h"

namespace scrx::tag {
namespace {

// Line numbers matter: evidence names the "file:line" of the pattern that matched.
const char kDomesticAbuse[] =
    "id: domestic_abuse\n"                                  // 1
    "label: Domestic abuse\n"                               // 2
    "group: factor\n"                                       // 3
    "definition: Abuse between adults in the household.\n"  // 4
    "match:\n"                                              // 5
    "  - terms:\n"                                          // 6
    "      - domestic abuse\n"                              // 7
    "      - coercive control\n"                            // 8
    "  - term: abuse\n"                                     // 9
    "    weight: 0.5\n";                                    // 10

const char kMentalHealth[] =
    "id: parental_mental_health\n"
    "label: Parental mental health\n"
    "group: factor\n"
    "definition: A parent's mental ill health and its impact on the child.\n"
    "match:\n"
    "  - terms: [postnatal depression, mental health crisis]\n";

const char kUnseenMen[] =
    "id: unseen_men\n"
    "label: Unseen men\n"
    "group: practice\n"
    "definition: Fathers and male partners were not seen, assessed or engaged.\n"
    "match:\n"
    "  - term: father inclusive practice\n"
    "  - near:\n"
    "      a: ['\\bfathers?\\b']\n"
    "      b: ['not (?:been )?(?:assessed|seen|engaged)']\n"
    "      within: 4\n";

const char kToxicTrio[] =
    "id: toxic_trio\n"
    "label: Toxic trio\n"
    "group: factor\n"
    "definition: Domestic abuse and parental mental ill health together.\n"
    "match:\n"
    "  - term: toxic trio\n"
    "derive:\n"
    "  all_of: [domestic_abuse, parental_mental_health]\n";

const char kContext[] =
    "kind: context\n"
    "negation:\n"
    "  pre: [no evidence of, 'not', never]\n"
    "  post: [was ruled out]\n"
    "  pseudo: [not only]\n"
    "  terminate: [but, however]\n"
    "  window: 6\n"
    "hedge: [may have, possibly]\n"
    "counterfactual: [could have]\n"
    "boilerplate:\n"
    "  - {regex: 'criteria for a (?:serious case|child safeguarding practice) review'}\n";

class TaggerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Status status;
    patterns_ = PatternSet::FromStrings({{"domestic_abuse.yaml", kDomesticAbuse},
                                         {"parental_mental_health.yaml", kMentalHealth},
                                         {"unseen_men.yaml", kUnseenMen},
                                         {"toxic_trio.yaml", kToxicTrio},
                                         {"context.yaml", kContext}},
                                        &status);
    ASSERT_TRUE(status.ok()) << status.ToString();
  }

  // Tags `sections` and returns the result for theme `id`.
  ThemeResult Tag(const std::vector<Section>& sections, const std::string& id,
                  int* body_words = nullptr) {
    Tagger tagger(patterns_.get());
    int words = 0;
    std::vector<ThemeResult> results = tagger.Tag(sections, &words);
    if (body_words != nullptr) *body_words = words;
    int index = patterns_->Find(id);
    EXPECT_GE(index, 0) << id;
    return index < 0 ? ThemeResult{} : results[static_cast<size_t>(index)];
  }

  std::unique_ptr<PatternSet> patterns_;
};

Section MakeSection(SectionKind kind, const std::string& title,
                    const std::vector<std::string>& paragraphs, int page = 5) {
  Section s;
  s.kind = s.title_kind = kind;
  s.title = title;
  s.page_start = s.page_end = page;
  int n = 0;
  for (const std::string& text : paragraphs) {
    Paragraph p;
    p.kind = Paragraph::Kind::kText;
    p.id = "p" + std::to_string(++n);
    p.page = p.page_end = page;
    p.text = text;
    s.paragraphs.push_back(p);
  }
  return s;
}

Section Analysis(const std::vector<std::string>& paragraphs) {
  return MakeSection(SectionKind::kAnalysis, "Analysis", paragraphs);
}

TEST_F(TaggerTest, CountedMentionMakesThemePresent) {
  ThemeResult r = Tag({Analysis({"Police attended four domestic abuse incidents at the home."})},
                      "domestic_abuse");
  EXPECT_TRUE(r.present);
  EXPECT_EQ(r.mentions, 1);
  EXPECT_EQ(r.counted_mentions, 1);
  EXPECT_EQ(r.score, 1.0);
  EXPECT_EQ(r.sections, (std::vector<std::string>{"Analysis"}));
}

TEST_F(TaggerTest, NegatedFactorIsEvidenceButDoesNotCount) {
  ThemeResult r = Tag({Analysis({"There was no evidence of domestic abuse in the household."})},
                      "domestic_abuse");
  ASSERT_EQ(r.evidence.size(), 1u);
  const Evidence& e = r.evidence[0];
  EXPECT_TRUE(e.negated);
  EXPECT_EQ(e.negation_cue, "no evidence of");
  EXPECT_FALSE(e.counted);
  EXPECT_EQ(e.not_counted, "negated");
  EXPECT_EQ(r.negated_mentions, 1);
  EXPECT_EQ(r.counted_mentions, 0);
  EXPECT_FALSE(r.present);
}

TEST_F(TaggerTest, NegatedPracticeIsAGapAndCounts) {
  ThemeResult r =
      Tag({Analysis({"There was no evidence of father inclusive practice."})}, "unseen_men");
  ASSERT_EQ(r.evidence.size(), 1u);
  EXPECT_TRUE(r.evidence[0].negated);
  EXPECT_EQ(r.evidence[0].negation_cue, "no evidence of");
  EXPECT_TRUE(r.evidence[0].counted);
  EXPECT_TRUE(r.present);

  r = Tag({Analysis({"Fathers were not assessed."})}, "unseen_men");
  ASSERT_EQ(r.evidence.size(), 1u);
  EXPECT_EQ(r.evidence[0].matched, "Fathers were not assessed");
  EXPECT_TRUE(r.evidence[0].counted);
  EXPECT_TRUE(r.present);
}

TEST_F(TaggerTest, BoilerplateZonesDoNotCount) {
  const SectionKind kinds[] = {SectionKind::kContents, SectionKind::kReferences,
                               SectionKind::kGlossary, SectionKind::kTermsOfReference,
                               SectionKind::kMethodology};
  for (SectionKind kind : kinds) {
    std::string name(SectionKindName(kind));
    ThemeResult r =
        Tag({MakeSection(kind, "Zone", {"Domestic abuse and father inclusive practice."})},
            "domestic_abuse");
    ASSERT_EQ(r.evidence.size(), 1u) << name;
    EXPECT_FALSE(r.evidence[0].counted) << name;
    EXPECT_EQ(r.evidence[0].not_counted, "zone:" + name);
    EXPECT_FALSE(r.present) << name;

    r = Tag({MakeSection(kind, "Zone", {"Domestic abuse and father inclusive practice."})},
            "unseen_men");
    ASSERT_EQ(r.evidence.size(), 1u) << name;
    EXPECT_EQ(r.evidence[0].not_counted, "zone:" + name);
    EXPECT_FALSE(r.present) << name;
  }
}

TEST_F(TaggerTest, RecommendationsAreLearningPointsForFactorsOnly) {
  Section recs = MakeSection(SectionKind::kRecommendations, "Recommendations",
                             {"Practitioners should be trained to recognise coercive control.",
                              "The partnership should promote father inclusive practice."});
  ThemeResult factor = Tag({recs}, "domestic_abuse");
  ASSERT_EQ(factor.evidence.size(), 1u);
  EXPECT_FALSE(factor.evidence[0].counted);
  EXPECT_EQ(factor.evidence[0].not_counted, "learning_point");
  EXPECT_FALSE(factor.present);

  ThemeResult practice = Tag({recs}, "unseen_men");
  ASSERT_EQ(practice.evidence.size(), 1u);
  EXPECT_TRUE(practice.evidence[0].counted);
  EXPECT_EQ(practice.evidence[0].not_counted, "");
  EXPECT_TRUE(practice.present);
}

TEST_F(TaggerTest, BoilerplateSentenceDoesNotCount) {
  ThemeResult r = Tag({MakeSection(SectionKind::kIntroduction, "Introduction",
                                   {"The case met the criteria for a serious case review because "
                                    "domestic abuse was a factor."})},
                      "domestic_abuse");
  ASSERT_EQ(r.evidence.size(), 1u);
  EXPECT_FALSE(r.evidence[0].counted);
  EXPECT_EQ(r.evidence[0].not_counted, "boilerplate");
  EXPECT_FALSE(r.present);
}

TEST_F(TaggerTest, OverlappingMatchesInOneSentenceCountOnce) {
  // "domestic abuse" (weight 1) and "abuse" (weight 0.5) overlap: one item, the heavier.
  ThemeResult r = Tag({Analysis({"The children witnessed domestic abuse."})}, "domestic_abuse");
  ASSERT_EQ(r.evidence.size(), 1u);
  EXPECT_EQ(r.evidence[0].matched, "domestic abuse");
  EXPECT_EQ(r.evidence[0].weight, 1.0);
  EXPECT_EQ(r.mentions, 1);
  EXPECT_EQ(r.score, 1.0);
}

TEST_F(TaggerTest, HedgedMentionCountsHalf) {
  ThemeResult r =
      Tag({Analysis({"The mother may have experienced coercive control."})}, "domestic_abuse");
  ASSERT_EQ(r.evidence.size(), 1u);
  EXPECT_TRUE(r.evidence[0].hedged);
  EXPECT_EQ(r.evidence[0].hedge_cue, "may have");
  EXPECT_TRUE(r.evidence[0].counted);
  EXPECT_EQ(r.score, 0.5);
  EXPECT_FALSE(r.present);

  r = Tag({Analysis({"The mother may have experienced coercive control.",
                     "Possibly there was domestic abuse as well."})},
          "domestic_abuse");
  EXPECT_EQ(r.score, 1.0);
  EXPECT_TRUE(r.present);
}

TEST_F(TaggerTest, DerivedThemeIsPresentWhenAllComponentsAre) {
  Section s = Analysis({"Police attended domestic abuse incidents at the home.",
                        "The mother had postnatal depression after the birth."});
  ThemeResult trio = Tag({s}, "toxic_trio");
  EXPECT_TRUE(trio.present);
  EXPECT_TRUE(trio.derived);
  EXPECT_EQ(trio.derived_from, "all of domestic_abuse, parental_mental_health are present");
  EXPECT_EQ(trio.counted_mentions, 0);

  ThemeResult partial =
      Tag({Analysis({"Police attended domestic abuse incidents."})}, "toxic_trio");
  EXPECT_FALSE(partial.present);
  EXPECT_FALSE(partial.derived);
}

TEST_F(TaggerTest, EvidenceSaysWhereItWasFound) {
  Section intro =
      MakeSection(SectionKind::kIntroduction, "Introduction", {"This review concerns Child A."}, 3);
  Section findings = MakeSection(SectionKind::kFindings, "Findings",
                                 {"Agencies knew of the violence. The health visitor was told "
                                  "about coercive control in 2019. No referral was made."},
                                 7);
  findings.number = "5";
  findings.paragraphs[0].id = "5.2";
  ThemeResult r = Tag({intro, findings}, "domestic_abuse");

  ASSERT_EQ(r.evidence.size(), 1u);
  const Evidence& e = r.evidence[0];
  EXPECT_EQ(e.theme, "domestic_abuse");
  EXPECT_EQ(e.page, 7);
  EXPECT_EQ(e.section_index, 1);
  EXPECT_EQ(e.section_number, "5");
  EXPECT_EQ(e.section_title, "Findings");
  EXPECT_EQ(e.section_kind, SectionKind::kFindings);
  EXPECT_EQ(e.paragraph_id, "5.2");
  EXPECT_EQ(e.sentence, "The health visitor was told about coercive control in 2019.");
  EXPECT_EQ(e.matched, "coercive control");
  EXPECT_EQ(e.sentence.substr(static_cast<size_t>(e.span_begin),
                              static_cast<size_t>(e.span_end - e.span_begin)),
            e.matched);
  EXPECT_EQ(e.pattern, "domestic_abuse.yaml:8");
  EXPECT_TRUE(e.counted);
}

TEST_F(TaggerTest, RatePerTenThousandBodyWords) {
  // 40 words of analysis with two counted mentions; the glossary and contents are not body text.
  Section analysis =
      Analysis({"Police attended domestic abuse incidents at the home on four "
                "occasions in 2019 and 2020.",  // 15 words
                "The school knew about the domestic abuse but did not know why "
                "the children were often late, tired or hungry in the morning "
                "before school."});  // 25 words
  Section glossary = MakeSection(SectionKind::kGlossary, "Glossary",
                                 {"DA means domestic abuse. CP means child protection."});
  Section contents = MakeSection(SectionKind::kContents, "Contents", {"Analysis 4 Glossary 9"});
  int body_words = 0;
  ThemeResult r = Tag({contents, analysis, glossary}, "domestic_abuse", &body_words);
  EXPECT_EQ(body_words, 40);
  EXPECT_EQ(r.counted_mentions, 2);
  EXPECT_EQ(r.mentions, 3);
  EXPECT_DOUBLE_EQ(r.per_10k_words, 500.0);
}

}  // namespace
}  // namespace scrx::tag
