// Rendering query results: the aligned table (exact text), RFC 4180 CSV and typed JSON.
#include "query/format.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace scrx::query {
namespace {

Table Sample() {
  Table t;
  Column theme{"theme"};
  Column share{"share", 3};
  Column reviews{"reviews"};
  Column note{"note", -1, 12};
  Column hidden{"hidden"};
  hidden.in_table = false;
  t.columns = {theme, reviews, share, note, hidden};
  t.rows = {
      {Value::Text("unseen_men"), Value::Int(12), Value::Real(0.5), Value::Text("a, \"quoted\""),
       Value::Text("x")},
      {Value::Text("neglect"), Value::Int(7), Value::Real(1.0 / 3), Value::Text("two\nlines"),
       Value::Null()},
      {Value::Text("café"), Value::Null(), Value::Real(0.25), Value::Text("a long note here"),
       Value::Int(3)},
  };
  return t;
}

TEST(Format, TableIsAlignedAndLeavesWideColumnsOut) {
  EXPECT_EQ(Render(Sample(), Format::kTable),
            "theme       reviews  share  note\n"
            "----------  -------  -----  ------------\n"
            "unseen_men       12  0.500  a, \"quoted\"\n"
            "neglect           7  0.333  two lines\n"
            "café                 0.250  a long no...\n");
  Table empty;
  empty.columns = {Column{"theme"}};
  EXPECT_EQ(Render(empty, Format::kTable), "theme\n-----\n(no rows)\n");
}

TEST(Format, CsvFollowsRfc4180) {
  EXPECT_EQ(Render(Sample(), Format::kCsv),
            "theme,reviews,share,note,hidden\r\n"
            "unseen_men,12,0.5,\"a, \"\"quoted\"\"\",x\r\n"
            "neglect,7,0.3333333333333333,\"two\nlines\",\r\n"
            "café,,0.25,a long note here,3\r\n");
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("cr\rhere"), "\"cr\rhere\"");
}

TEST(Format, JsonKeepsTypesAndColumnOrder) {
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(Render(Sample(), Format::kJson));
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(
      j[0].dump(),
      R"({"theme":"unseen_men","reviews":12,"share":0.5,"note":"a, \"quoted\"","hidden":"x"})");
  EXPECT_TRUE(j[2]["reviews"].is_null());
  EXPECT_DOUBLE_EQ(j[1]["share"].get<double>(), 1.0 / 3);
}

TEST(Format, ParseFormatNamesTheFlag) {
  Format f;
  EXPECT_TRUE(ParseFormat("csv", &f).ok());
  EXPECT_EQ(f, Format::kCsv);
  EXPECT_EQ(ParseFormat("xml", &f).message(), "--format: 'xml': expected table, csv or json");
}

TEST(Format, ShortestRealReadsBack) {
  for (double v : {0.1, 1.0 / 3, 12.0, 2.5e-7, 26.499999999}) {
    EXPECT_EQ(std::stod(ShortestReal(v)), v);
  }
  EXPECT_EQ(ShortestReal(12.0), "12");
}

}  // namespace
}  // namespace scrx::query
