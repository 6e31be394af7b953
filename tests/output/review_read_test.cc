// output::ReviewFromJsonText / ReadReviewFile: the review JSON read back (the parent of `scrx
// analyze` stores every review from it). Every corpus review is also read back and written
// again byte for byte in tests/e2e/corpus_test.cc; these cases are about what a hand-edited or
// damaged file can hold.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "output/review_json.h"

namespace scrx::output {
namespace {

using ojson = nlohmann::ordered_json;

Review SmallReview() {
  Review r;
  r.source.file = "reviews/child-a.pdf";
  r.source.sha256 = std::string(64, 'a');
  r.source.bytes = 123456;
  r.source.pdf.pages = 12;
  r.source.pdf.title = "Child A";
  r.metadata.title = {"Child Safeguarding Practice Review: Child A", 1};
  r.metadata.agencies = {{"Police", 3}, {"Health visiting", 4}};
  r.word_count = 4200;
  Section s;
  s.number = "3";
  s.title = "Findings";
  s.kind = s.title_kind = SectionKind::kFindings;
  s.page_start = 5;
  s.page_end = 7;
  Paragraph p;
  p.id = "p3.1";
  p.number = "3.1";
  p.kind = Paragraph::Kind::kNumbered;
  p.page = p.page_end = 5;
  p.text = "The father was not assessed.";
  s.paragraphs.push_back(p);
  r.sections.push_back(s);
  ThemeResult t;
  t.id = "unseen_men";
  t.label = "Unseen men";
  t.group = ThemeGroup::kPractice;
  t.present = true;
  t.mentions = t.counted_mentions = 1;
  t.score = 1;
  Evidence e;
  e.theme = t.id;
  e.page = 5;
  e.section_index = 0;
  e.section_title = "Findings";
  e.section_kind = SectionKind::kFindings;
  e.paragraph_id = "p3.1";
  e.sentence = p.text;
  e.span_begin = 4;
  e.span_end = 27;
  e.matched = "father was not assessed";
  e.pattern = "patterns/unseen_men.yaml:9";
  e.counted = true;
  e.negated = true;
  e.negation_cue = "not";
  t.evidence.push_back(e);
  r.themes.push_back(t);
  Recommendation rec;
  rec.number = "1";
  rec.text = "The partnership should make sure that fathers are seen and assessed.";
  rec.page_start = rec.page_end = 7;
  rec.addressee = "The partnership";
  rec.section_index = 0;
  r.recommendations.push_back(rec);
  return r;
}

std::string Text(const Review& r) { return DumpJson(ReviewToJson(r, {})); }

TEST(ReviewRead, ReadsWhatIsWrittenAndWritesItAgainTheSame) {
  const std::string text = Text(SmallReview());
  Review back;
  ASSERT_TRUE(ReviewFromJsonText(text, "r.json", &back).ok());
  EXPECT_EQ(back.source.file, "reviews/child-a.pdf");
  EXPECT_EQ(back.source.bytes, 123456u);
  ASSERT_EQ(back.metadata.agencies.size(), 2u);
  EXPECT_EQ(back.metadata.agencies[1].page, 4);
  ASSERT_EQ(back.themes.size(), 1u);
  ASSERT_EQ(back.themes[0].evidence.size(), 1u);
  EXPECT_EQ(back.themes[0].evidence[0].theme, "unseen_men");
  EXPECT_EQ(back.themes[0].evidence[0].negation_cue, "not");
  EXPECT_EQ(Text(back), text);
}

// Keys in another order (an edited or re-serialised file): the same review. A theme's id after
// its evidence still names the evidence's theme.
TEST(ReviewRead, KeyOrderDoesNotMatter) {
  const std::string text = Text(SmallReview());
  ojson j = ojson::parse(text);
  auto reversed = [](const ojson& o) {
    ojson r = ojson::object();
    std::vector<std::pair<std::string, ojson>> items;
    for (const auto& item : o.items()) items.emplace_back(item.key(), item.value());
    for (auto it = items.rbegin(); it != items.rend(); ++it) r[it->first] = it->second;
    return r;
  };
  ojson theme = reversed(j["themes"][0]);
  theme["evidence"][0] = reversed(theme["evidence"][0]);
  j["themes"][0] = theme;
  ojson shuffled = reversed(j);
  ASSERT_EQ(shuffled.begin().key(), "warnings");
  Review back;
  ASSERT_TRUE(ReviewFromJsonText(shuffled.dump(), "r.json", &back).ok());
  EXPECT_EQ(Text(back), text);
}

TEST(ReviewRead, UnknownKeysAndMistypedOptionalValuesAreTolerated) {
  ojson j = ojson::parse(Text(SmallReview()));
  j["added_by_hand"] = {{"x", 1}};
  j["themes"][0]["evidence"][0]["page"] = "five";
  j["themes"][0]["evidence"][0]["matched"] = nullptr;
  j["metadata"]["board"] = "a string, not a value object";
  Review back;
  ASSERT_TRUE(ReviewFromJsonText(j.dump(), "r.json", &back).ok());
  EXPECT_EQ(back.themes[0].evidence[0].page, 0);
  EXPECT_EQ(back.themes[0].evidence[0].matched, "");
  EXPECT_FALSE(back.metadata.board.known());
  EXPECT_EQ(back.themes[0].evidence[0].sentence, "The father was not assessed.");
}

TEST(ReviewRead, ErrorsNameTheFileAndTheReason) {
  const std::string text = Text(SmallReview());
  Review back;
  back.word_count = 99;

  Status s = ReviewFromJsonText(text.substr(0, text.size() / 2), "out/child-a.json", &back);
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.ToString().find("out/child-a.json"), std::string::npos) << s.ToString();
  EXPECT_NE(s.ToString().find("not valid JSON"), std::string::npos) << s.ToString();
  EXPECT_EQ(back.word_count, 0);  // nothing half read is left

  s = ReviewFromJsonText(R"({"schema": "scrx.run/1", "files": []})", "out/run.json", &back);
  EXPECT_NE(s.ToString().find("not a review document"), std::string::npos) << s.ToString();
  s = ReviewFromJsonText("[1, 2, 3]", "out/list.json", &back);
  EXPECT_NE(s.ToString().find("not a review document"), std::string::npos) << s.ToString();

  ojson j = ojson::parse(text);
  j.erase("themes");
  s = ReviewFromJsonText(j.dump(), "out/child-a.json", &back);
  EXPECT_EQ(s.code(), Status::Code::kCorruption);
  EXPECT_NE(s.ToString().find("no 'themes'"), std::string::npos) << s.ToString();

  s = ReadReviewFile("/nonexistent/child-a.json", &back);
  EXPECT_NE(s.ToString().find("/nonexistent/child-a.json"), std::string::npos) << s.ToString();
}

}  // namespace
}  // namespace scrx::output
