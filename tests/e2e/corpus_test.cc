// End-to-end tests on corpus/: every review PDF is analysed in-process and compared with its
// gold file (written by the corpus authors, see tools/corpus/FORMAT.md): sections, furniture,
// hyphenation, the themes of the first pipeline, the JSON schema, stable output.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "eval/eval.h"
#include "output/review_json.h"
#include "tag/pattern_set.h"

namespace scrx {
namespace {

namespace fs = std::filesystem;

const tag::PatternSet& Patterns() {
  static std::unique_ptr<tag::PatternSet> set = [] {
    Status s;
    auto p = tag::PatternSet::Load({std::string(SCRX_SOURCE_DIR) + "/patterns"}, &s);
    if (!p) ADD_FAILURE() << s.ToString();
    return p;
  }();
  return *set;
}

// The evaluation of the whole corpus, computed once.
const eval::EvalReport& Report() {
  static eval::EvalReport report = [] {
    eval::EvalOptions o;
    o.gold_dir = std::string(SCRX_SOURCE_DIR) + "/corpus";
    o.patterns = &Patterns();
    eval::EvalReport r;
    Status s = eval::RunEval(o, &r);
    if (!s.ok()) ADD_FAILURE() << s.ToString();
    return r;
  }();
  return report;
}

std::vector<std::string> CorpusNames() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(std::string(SCRX_SOURCE_DIR) + "/corpus")) {
    std::string n = e.path().filename().string();
    if (n.ends_with(".gold.json")) names.push_back(n.substr(0, n.size() - 10));
  }
  std::sort(names.begin(), names.end());
  return names;
}

const eval::FileEval& File(const std::string& name) {
  for (const eval::FileEval& f : Report().files) {
    if (f.name == name) return f;
  }
  static eval::FileEval missing;
  ADD_FAILURE() << "no evaluation for " << name;
  return missing;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += "\n  " + s;
  return out;
}

class CorpusReview : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusReview, Analyses) { EXPECT_EQ(File(GetParam()).error, ""); }

TEST_P(CorpusReview, SectionsMatchGold) {
  const eval::FileEval& f = File(GetParam());
  EXPECT_TRUE(f.missed.empty()) << "missed headings:" << Join(f.missed);
  EXPECT_TRUE(f.invented.empty()) << "invented headings:" << Join(f.invented);
  EXPECT_TRUE(f.kind_mismatch.empty()) << "wrong kinds:" << Join(f.kind_mismatch);
}

TEST_P(CorpusReview, NoRunningTextInParagraphs) {
  const eval::FileEval& f = File(GetParam());
  EXPECT_TRUE(f.furniture_leaks.empty()) << Join(f.furniture_leaks);
}

TEST_P(CorpusReview, LineEndHyphensJoinedRight) {
  // Every word of the output is a word of the source: a word broken at a line end and not
  // joined ("safe-guarding"), or joined wrongly ("multiagency"), is not.
  const eval::FileEval& f = File(GetParam());
  EXPECT_TRUE(f.hyphenation_errors.empty()) << Join(f.hyphenation_errors);
}

// The themes of the first pipeline (issue "scrx analyze"), named by the reference review's own
// findings: present where the gold says, absent where the gold lists a tempting negative.
const std::set<std::string> kCoreThemes = {"multi_agency_processes",
                                           "physical_abuse_nai",
                                           "pre_birth_concealed_pregnancy",
                                           "unseen_men",
                                           "domestic_abuse",
                                           "parental_substance_misuse",
                                           "non_engagement_wnb",
                                           "disguised_compliance",
                                           "information_sharing",
                                           "neglect"};

TEST_P(CorpusReview, CoreThemesAsGold) {
  const eval::FileEval& f = File(GetParam());
  for (const std::string& id : kCoreThemes) {
    if (f.gold_present.count(id)) {
      EXPECT_TRUE(f.our_present.count(id))
          << id << " missed; strongest evidence: " << f.quote.at(id);
    }
    if (f.gold_negative.count(id)) {
      EXPECT_FALSE(f.our_present.count(id))
          << id << " tagged on a tempting negative: " << f.quote.at(id);
    }
  }
}

// Every recommendation found, with its printed number and its complete text (it starts and
// ends with the words the gold file gives), and the findings counted as the gold counts them.
TEST_P(CorpusReview, RecommendationsCompleteAsGold) {
  const eval::FileEval& f = File(GetParam());
  if (f.gold_recs < 0) GTEST_SKIP() << "no recommendations in the gold file";
  EXPECT_EQ(f.our_recs, f.gold_recs) << Join(f.rec_errors);
  EXPECT_EQ(f.recs_matched, f.gold_recs) << Join(f.rec_errors);
  EXPECT_EQ(f.rec_number_ok, f.recs_matched) << Join(f.rec_errors);
  EXPECT_EQ(f.rec_complete, f.rec_ends_known) << Join(f.rec_incomplete);
}

TEST_P(CorpusReview, FindingsCountAsGold) {
  const eval::FileEval& f = File(GetParam());
  if (f.gold_findings < 0) GTEST_SKIP() << "no findings count in the gold file";
  EXPECT_EQ(f.our_findings, f.gold_findings);
}

TEST_P(CorpusReview, EvidenceQuotesItsParagraph) {
  const Review& r = File(GetParam()).review;
  for (const ThemeResult& t : r.themes) {
    for (const Evidence& e : t.evidence) {
      ASSERT_GE(e.section_index, 0);
      ASSERT_LT(static_cast<size_t>(e.section_index), r.sections.size());
      const Section& s = r.sections[static_cast<size_t>(e.section_index)];
      auto p = std::find_if(s.paragraphs.begin(), s.paragraphs.end(),
                            [&](const Paragraph& x) { return x.id == e.paragraph_id; });
      ASSERT_NE(p, s.paragraphs.end()) << t.id << ": paragraph " << e.paragraph_id;
      EXPECT_EQ(e.sentence.substr(static_cast<size_t>(e.span_begin),
                                  static_cast<size_t>(e.span_end - e.span_begin)),
                e.matched);
      if (e.sentence.rfind("... ", 0) != 0) {
        EXPECT_NE(p->text.find(e.sentence), std::string::npos) << t.id << ": " << e.sentence;
      }
      EXPECT_EQ(e.page >= p->page && e.page <= p->page_end, true);
    }
  }
}

const valijson::Schema& ReviewSchema() {
  static const valijson::Schema* schema = [] {
    std::ifstream in(std::string(SCRX_SOURCE_DIR) + "/docs/review.schema.json");
    nlohmann::json doc = nlohmann::json::parse(in);
    auto* s = new valijson::Schema;
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    parser.populateSchema(adapter, *s);
    return s;
  }();
  return *schema;
}

TEST_P(CorpusReview, JsonValidatesAgainstSchemaAndRoundTrips) {
  const Review& r = File(GetParam()).review;
  output::JsonOptions o{"test", Patterns().hash(), true};
  std::string text = output::ReviewToJson(r, o).dump();
  nlohmann::json doc = nlohmann::json::parse(text);
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter target(doc);
  bool ok = validator.validate(ReviewSchema(), target, &results);
  std::string errors;
  valijson::ValidationResults::Error err;
  while (results.popError(err)) {
    std::string path;
    for (const std::string& c : err.context) path += c;
    errors += "\n  " + path + ": " + err.description;
  }
  EXPECT_TRUE(ok) << errors;
  Review back;
  ASSERT_TRUE(output::ReviewFromJson(doc, "x", &back).ok());
  EXPECT_EQ(output::ReviewToJson(back, o).dump(), text);
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusReview, ::testing::ValuesIn(CorpusNames()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string n = info.param;
                           for (char& c : n) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return n;
                         });

TEST(Corpus, HasTheReviewsTheIssuesAskFor) {
  // At least 20 reviews; SCRs, CSPRs, at least 2 SARs and 2 DHRs.
  std::map<std::string, int> types;
  for (const std::string& name : CorpusNames()) {
    std::ifstream in(std::string(SCRX_SOURCE_DIR) + "/corpus/" + name + ".gold.json");
    nlohmann::json g = nlohmann::json::parse(in);
    ++types[g.value("review_type", "")];
  }
  EXPECT_GE(CorpusNames().size(), 20u);
  EXPECT_GE(types["sar"], 2);
  EXPECT_GE(types["dhr"], 2);
  EXPECT_GE(types["scr"], 1);
  EXPECT_GE(types["cspr"] + types["lcspr"], 1);
}

}  // namespace
}  // namespace scrx
