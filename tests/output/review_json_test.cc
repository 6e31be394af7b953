// output::ReviewJsonText: the review document written without a DOM must be exactly the text
// nlohmann prints for the same document (DumpJson), whatever the strings and numbers hold.
// Every corpus review is also written, read back and written again in tests/e2e/corpus_test.cc.
#include "output/review_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace scrx::output {
namespace {

using ojson = nlohmann::ordered_json;

Review Awkward() {
  Review r;
  r.source.file = "boards/caf\xc3\xa9 \xff\xfe review.pdf";  // one name not in UTF-8
  r.source.bytes = 9007199254740993ull;
  r.source.pdf.title = "Child \"D\": a review \\ 2021";
  r.source.page_text = {{1, 0, 0.0, true}, {2, 412, 0.987654, false}};
  r.metadata.subjects = {{"Child D", 1}, {"", 0}};
  Section s;
  s.title = "Tab\there, line\nbreak, bell\x07, \xe2\x80\x99quotes\xe2\x80\x99 and \xf0\x9f\x98\x80";
  Paragraph table;
  table.id = "t1";
  table.kind = Paragraph::Kind::kTable;
  table.table = {{"Agency", "Role"}, {}, {"Police", "\x01"}};
  s.paragraphs.push_back(table);
  r.sections.push_back(s);
  r.sections.push_back(Section{});  // no paragraphs: "paragraphs": []
  ThemeResult t;
  t.id = "neglect";
  t.per_10k_words = 12.345;
  t.score = 1e-7;
  t.threshold = 1e21;
  for (const char* reason : {"negated", "zone:methodology", "negated", ""}) {
    Evidence e;
    e.counted = *reason == '\0';
    e.not_counted = reason;
    e.weight = 0.1;
    t.evidence.push_back(e);
  }
  r.themes.push_back(t);
  r.themes.push_back(ThemeResult{});
  r.warnings.push_back({"garbage_text", 0, "page 3: \"fonts\" without a Unicode map"});
  return r;
}

TEST(ReviewJson, TextIsWhatNlohmannPrintsForTheSameDocument) {
  for (bool furniture : {true, false}) {
    const std::string text = ReviewJsonText(Awkward(), {"0.1.0", "hash", furniture});
    const ojson doc = ojson::parse(text);  // valid JSON, and valid UTF-8
    EXPECT_EQ(DumpJson(doc), text);
    EXPECT_EQ(doc.contains("furniture"), furniture);
    EXPECT_EQ(ReviewToJson(Awkward(), {"0.1.0", "hash", furniture}), doc);
  }
}

TEST(ReviewJson, ValuesAreWrittenAsTheSchemaSays) {
  const ojson doc = ReviewToJson(Awkward(), {});
  EXPECT_EQ(doc["source"]["file"], "boards/caf\xc3\xa9 \xef\xbf\xbd\xef\xbf\xbd review.pdf");
  EXPECT_EQ(doc["source"]["bytes"], 9007199254740993ull);
  EXPECT_EQ(doc["source"]["needs_ocr"], ojson::array({1}));
  EXPECT_EQ(doc["source"]["page_text"][1]["quality"], 0.99);
  EXPECT_EQ(doc["source"]["pdf"]["author"], nullptr);
  EXPECT_EQ(doc["metadata"]["subjects"],
            ojson::parse(R"([{"value": "Child D", "page": 1}, null])"));
  EXPECT_EQ(doc["sections"][0]["paragraphs"][0]["table"][1], ojson::array());
  EXPECT_EQ(doc["sections"][1]["paragraphs"], ojson::array());
  EXPECT_EQ(doc["themes"][0]["rule"]["not_counted"].dump(),
            R"({"negated":2,"zone:methodology":1})");
  EXPECT_EQ(doc["themes"][1]["rule"]["not_counted"], ojson::object());
  EXPECT_EQ(doc["warnings"][0]["page"], nullptr);
  EXPECT_EQ(doc["stats"]["sections"], 2);
}

}  // namespace
}  // namespace scrx::output
