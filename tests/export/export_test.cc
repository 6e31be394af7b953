// The exports of a collection of six corpus reviews: the xlsx opens in openpyxl with the
// database's values (tests/export/check_xlsx.py), the CSV files parse back with a strict RFC 4180
// reader into exactly the database's values, each JSONL line is its review file, and the QDPX
// project validates against the published REFI-QDA schema with every evidence quote coded at the
// right character positions (tests/export/check_qdpx.py).
#include "export/export.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include "base/files.h"
#include "query/format.h"
#include "testing/collection_fixture.h"

namespace scrx::exports {
namespace {

namespace fs = std::filesystem;
using query::Value;
using scrx::testing::SharedCollection;
using scrx::testing::TempDir;

query::Collection Open(const std::string& dir) {
  query::Collection c;
  Status s = query::OpenCollection(dir, &c);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return c;
}

// Runs a command; returns its exit code and puts its output (stdout and stderr) in *out.
int RunCommand(const std::string& cmd, std::string* out) {
  const std::string log = TempDir("run") + "/out.txt";
  const int status = std::system((cmd + " > '" + log + "' 2>&1").c_str());
  ReadFile(log, out);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A strict RFC 4180 reader: records end with CRLF (the last one too), fields are separated by
// commas, a quoted field doubles its quotes and may hold commas and line breaks, an unquoted
// field holds no quote, CR or LF, and every record has as many fields as the first.
Status ParseCsv(const std::string& text, std::vector<std::vector<std::string>>* rows) {
  rows->clear();
  size_t i = 0;
  const size_t n = text.size();
  std::vector<std::string> record;
  std::string field;
  auto where = [&](const std::string& msg) {
    return Status::Corruption("csv", "record " + std::to_string(rows->size() + 1) + ": " + msg);
  };
  while (i < n) {
    field.clear();
    if (text[i] == '"') {
      ++i;
      while (true) {
        if (i >= n) return where("a quoted field is not closed");
        if (text[i] == '"') {
          if (i + 1 < n && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < n && text[i] != ',' && text[i] != '\r') {
        if (text[i] == '"' || text[i] == '\n') return where("a quote or LF in an unquoted field");
        field += text[i++];
      }
    }
    record.push_back(field);
    if (i < n && text[i] == ',') {
      ++i;
      if (i == n) return where("the file ends after a comma");
      continue;
    }
    if (i + 1 < n && text[i] == '\r' && text[i + 1] == '\n') {
      i += 2;
      if (!rows->empty() && record.size() != rows->front().size()) {
        return where(std::to_string(record.size()) + " fields, the header has " +
                     std::to_string(rows->front().size()));
      }
      rows->push_back(std::move(record));
      record.clear();
      continue;
    }
    return where("a field is not followed by a comma or CRLF");
  }
  if (!record.empty()) return where("the last record does not end with CRLF");
  return Status::Ok();
}

// The CSV text of a value as the database holds it (reals compared as numbers by the caller).
std::string AsCsvText(const Value& v) {
  switch (v.type) {
    case Value::Type::kNull:
      return "";
    case Value::Type::kInt:
      return std::to_string(v.i);
    case Value::Type::kReal:
      return query::ShortestReal(v.r);
    case Value::Type::kText:
      return v.s;
  }
  return "";
}

void ExpectCsvMatchesSheets(const std::string& dir, const std::vector<Sheet>& sheets, bool bom) {
  for (const Sheet& sheet : sheets) {
    SCOPED_TRACE(sheet.csv_file);
    std::string text;
    ASSERT_TRUE(ReadFile(dir + "/" + sheet.csv_file, &text).ok());
    ASSERT_GE(text.size(), 3u);
    EXPECT_EQ(text.compare(0, 3, "\xEF\xBB\xBF") == 0, bom);
    if (bom) text = text.substr(3);
    std::vector<std::vector<std::string>> rows;
    Status s = ParseCsv(text, &rows);
    ASSERT_TRUE(s.ok()) << s.ToString();
    ASSERT_EQ(rows.size(), sheet.rows.size() + 1);
    for (size_t c = 0; c < sheet.columns.size(); ++c) EXPECT_EQ(rows[0][c], sheet.columns[c].name);
    for (size_t r = 0; r < sheet.rows.size(); ++r) {
      for (size_t c = 0; c < sheet.columns.size(); ++c) {
        const Value& v = sheet.rows[r][c];
        if (v.type == Value::Type::kReal) {
          EXPECT_EQ(std::stod(rows[r + 1][c]), v.r);
        } else {
          EXPECT_EQ(rows[r + 1][c], AsCsvText(v)) << "row " << r + 1 << " " << rows[0][c];
        }
      }
    }
  }
}

std::int64_t Count(store::Database* db, const std::string& sql) {
  std::vector<std::vector<Value>> rows;
  EXPECT_TRUE(query::Select(db, sql, {}, {Value::Type::kInt}, &rows).ok());
  return rows.empty() ? -1 : rows[0][0].i;
}

TEST(ExportSheets, HoldEveryRowOfTheDatabase) {
  query::Collection c = Open(SharedCollection().dir);
  std::vector<Sheet> sheets;
  ASSERT_TRUE(ReadSheets(c.db(), &sheets).ok());
  ASSERT_EQ(sheets.size(), 5u);
  EXPECT_EQ(sheets[0].rows.size(), 6u);
  EXPECT_EQ(static_cast<std::int64_t>(sheets[1].rows.size()),
            Count(c.db(), "SELECT count(*) FROM themes"));
  EXPECT_EQ(static_cast<std::int64_t>(sheets[2].rows.size()),
            Count(c.db(), "SELECT count(*) FROM evidence"));
  EXPECT_EQ(static_cast<std::int64_t>(sheets[3].rows.size()),
            Count(c.db(), "SELECT count(*) FROM findings"));
  EXPECT_EQ(static_cast<std::int64_t>(sheets[4].rows.size()),
            Count(c.db(), "SELECT count(*) FROM recommendations"));
  // The Reviews sheet's theme columns are the JSON's verdicts.
  const Sheet& reviews = sheets[0];
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < reviews.columns.size(); ++i) col[reviews.columns[i].name] = i;
  for (const auto& f : SharedCollection().reviews) {
    const std::string file = f.json["source"]["file"];
    const std::vector<Value>* row = nullptr;
    for (const auto& r : reviews.rows) {
      if (r[col["file"]].s == file) row = &r;
    }
    ASSERT_NE(row, nullptr) << file;
    EXPECT_EQ((*row)[col["json"]].s, f.json_rel);
    EXPECT_EQ((*row)[col["words"]].i, f.json["stats"]["words"].get<int>());
    for (const auto& t : f.json["themes"]) {
      ASSERT_TRUE(col.count(t["id"])) << t["id"];
      EXPECT_EQ((*row)[col[t["id"]]].i, t["present"].get<bool>() ? 1 : 0) << file << t["id"];
    }
  }
}

TEST(ExportCsv, RoundTripsEveryValue) {
  query::Collection c = Open(SharedCollection().dir);
  std::vector<Sheet> sheets;
  ASSERT_TRUE(ReadSheets(c.db(), &sheets).ok());
  for (bool bom : {false, true}) {
    SCOPED_TRACE(bom ? "bom" : "no bom");
    const std::string out = TempDir(bom ? "csv-bom" : "csv") + "/sheets";
    ExportOptions o;
    o.format = Format::kCsv;
    o.out = out;
    o.bom = bom;
    ExportSummary summary;
    Status s = Export(c, o, &summary);
    ASSERT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(summary.files.size(), 5u);
    EXPECT_EQ(summary.reviews, 6);
    ExpectCsvMatchesSheets(out, sheets, bom);
  }
}

TEST(ExportCsv, RoundTripsCommasQuotesLineBreaksAndNonAscii) {
  const auto& shared = SharedCollection();
  ASSERT_FALSE(shared.reviews.empty());
  Review review;
  ASSERT_TRUE(
      scrx::testing::ReadReview(shared.dir + "/" + shared.reviews[0].json_rel, &review).ok());
  review.metadata.title.value = " A \"quoted\", title\r\nover two lines; café – £5 ";
  review.metadata.board.value = "\"";
  review.metadata.published.value = "2020";  // not a month: stays text, year 2020
  ASSERT_FALSE(review.recommendations.empty());
  review.recommendations[0].text = "Line one\nline two, with \"quotes\"\n";
  const std::string dir = TempDir("csv-tricky");
  ASSERT_TRUE(scrx::testing::WriteCollection(dir, {review}, {"r.json"}).ok());
  query::Collection c = Open(dir);
  std::vector<Sheet> sheets;
  ASSERT_TRUE(ReadSheets(c.db(), &sheets).ok());
  ExportOptions o;
  o.format = Format::kCsv;
  o.out = dir + "/csv";
  ExportSummary summary;
  ASSERT_TRUE(Export(c, o, &summary).ok());
  ExpectCsvMatchesSheets(o.out, sheets, false);
  std::string text;
  ASSERT_TRUE(ReadFile(o.out + "/reviews.csv", &text).ok());
  std::vector<std::vector<std::string>> rows;
  ASSERT_TRUE(ParseCsv(text, &rows).ok());
  EXPECT_EQ(rows[1][3], review.metadata.title.value);
  EXPECT_EQ(rows[1][5], "\"");
  // The xlsx of the same collection still opens (a year-only date is written as text).
  o.format = Format::kXlsx;
  o.out = dir + "/c.xlsx";
  ASSERT_TRUE(Export(c, o, &summary).ok());
}

TEST(ExportCsv, OutputMustBeAFolder) {
  const std::string file = TempDir("csv-file") + "/x.csv";
  ASSERT_TRUE(WriteFileAtomic(file, "x").ok());
  query::Collection c = Open(SharedCollection().dir);
  ExportOptions o;
  o.format = Format::kCsv;
  o.out = file;
  ExportSummary summary;
  EXPECT_EQ(Export(c, o, &summary).message(),
            file + ": not a folder (CSV export writes one file per sheet)");
}

TEST(ExportXlsx, OpensInOpenpyxlWithTheDatabaseValues) {
  query::Collection c = Open(SharedCollection().dir);
  const std::string out = TempDir("xlsx") + "/collection.xlsx";
  ExportOptions o;
  o.format = Format::kXlsx;
  o.out = out;
  ExportSummary summary;
  Status s = Export(c, o, &summary);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(summary.files, std::vector<std::string>{out});
  EXPECT_FALSE(fs::exists(out + ".tmp." + std::to_string(::getpid())));
  std::string log;
  const int rc =
      RunCommand(std::string(SCRX_PYTHON) + " " + SCRX_SOURCE_DIR +
                     "/tests/export/check_xlsx.py '" + out + "' '" + SharedCollection().db + "'",
                 &log);
  EXPECT_EQ(rc, 0) << log;
}

TEST(ExportJsonl, EachLineIsItsReviewFile) {
  query::Collection c = Open(SharedCollection().dir);
  const std::string out = TempDir("jsonl") + "/reviews.jsonl";
  ExportOptions o;
  o.format = Format::kJsonl;
  o.out = out;
  ExportSummary summary;
  ASSERT_TRUE(Export(c, o, &summary).ok());
  EXPECT_TRUE(summary.warnings.empty());
  EXPECT_EQ(summary.reviews, 6);
  std::ifstream in(out);
  std::map<std::string, std::string> lines;  // file -> line
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::ordered_json j = nlohmann::ordered_json::parse(line);
    lines[j["source"]["file"].get<std::string>()] = line;
  }
  ASSERT_EQ(lines.size(), 6u);
  for (const auto& f : SharedCollection().reviews) {
    std::string text;
    ASSERT_TRUE(ReadFile(SharedCollection().dir + "/" + f.json_rel, &text).ok());
    const std::string file = f.json["source"]["file"];
    ASSERT_TRUE(lines.count(file)) << file;
    // Same document, same key order.
    EXPECT_EQ(lines[file], nlohmann::ordered_json::parse(text).dump()) << file;
    EXPECT_EQ(nlohmann::json::parse(lines[file]), f.json);
  }
}

TEST(ExportJsonl, AMissingReviewFileIsAWarning) {
  const auto& shared = SharedCollection();
  const std::string dir = TempDir("jsonl-missing");
  fs::copy(shared.dir, dir, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  const std::string gone = shared.reviews[0].json_rel;
  fs::remove(dir + "/" + gone);
  query::Collection c = Open(dir);
  ExportOptions o;
  o.format = Format::kJsonl;
  o.out = dir + "/out.jsonl";
  ExportSummary summary;
  ASSERT_TRUE(Export(c, o, &summary).ok());
  EXPECT_EQ(summary.reviews, 5);
  ASSERT_EQ(summary.warnings.size(), 1u);
  EXPECT_EQ(summary.warnings[0].message,
            dir + "/" + gone + ": cannot open: No such file or directory; left out");
}

TEST(ExportQdpx, ValidatesAgainstTheSchemaAndCodesEveryQuote) {
  query::Collection c = Open(SharedCollection().dir);
  const std::string out = TempDir("qdpx") + "/collection.qdpx";
  ExportOptions o;
  o.format = Format::kQdpx;
  o.out = out;
  o.scrx_version = "test";
  ExportSummary summary;
  Status s = Export(c, o, &summary);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(summary.warnings.empty()) << summary.warnings[0].message;
  EXPECT_EQ(summary.reviews, 6);
  std::string log;
  const int rc =
      RunCommand(std::string(SCRX_PYTHON) + " " + SCRX_SOURCE_DIR +
                     "/tests/export/check_qdpx.py '" + out + "' '" + SharedCollection().db + "' " +
                     SCRX_SOURCE_DIR + "/tests/export/Project-mrt2019.xsd",
                 &log);
  EXPECT_EQ(rc, 0) << log;
  // The positions are tested where they differ from byte offsets.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(log, m, std::regex(R"(\((\d+) after non-ASCII text\))"))) << log;
  EXPECT_GT(std::stoi(m[1]), 0);
}

TEST(ExportQdpx, CutQuotesAreFoundAndLostOnesReported) {
  const auto& shared = SharedCollection();
  Review review;
  ASSERT_TRUE(
      scrx::testing::ReadReview(shared.dir + "/" + shared.reviews[0].json_rel, &review).ok());
  Evidence* cut = nullptr;
  Evidence* lost = nullptr;
  for (auto& t : review.themes) {
    for (auto& e : t.evidence) {
      if (e.sentence.size() > 60 && cut == nullptr) {
        cut = &e;
      } else if (cut != nullptr && lost == nullptr && &e != cut) {
        lost = &e;
      }
    }
  }
  ASSERT_TRUE(cut != nullptr && lost != nullptr);
  const std::string middle = cut->sentence.substr(10, 40);
  cut->sentence = "..." + middle + "...";
  lost->sentence = "A sentence that the review does not contain.";
  const std::string dir = TempDir("qdpx-cut");
  ASSERT_TRUE(scrx::testing::WriteCollection(dir, {review}, {"r.json"}).ok());
  query::Collection c = Open(dir);
  ExportOptions o;
  o.format = Format::kQdpx;
  o.out = dir + "/p.qdpx";
  ExportSummary summary;
  ASSERT_TRUE(Export(c, o, &summary).ok());
  ASSERT_EQ(summary.warnings.size(), 1u);
  EXPECT_EQ(summary.warnings[0].message, review.source.file + ": paragraph " + lost->paragraph_id +
                                             ": a " + lost->theme +
                                             " quote is not in the review's text; not coded");
  // The cut quote's middle is where the source text has it.
  SourceText text;
  ASSERT_TRUE(BuildSourceText(c.db(), 1, &text).ok());
  EXPECT_NE(text.text.find(middle), std::string::npos);
}

TEST(ExportQdpx, SourceTextHoldsEveryParagraphAtItsSpan) {
  query::Collection c = Open(SharedCollection().dir);
  std::vector<std::vector<Value>> rows;
  ASSERT_TRUE(query::Select(c.db(), "SELECT id FROM reviews ORDER BY file LIMIT 1;", {},
                            {Value::Type::kInt}, &rows)
                  .ok());
  SourceText text;
  ASSERT_TRUE(BuildSourceText(c.db(), rows[0][0].i, &text).ok());
  std::vector<std::vector<Value>> paragraphs;
  ASSERT_TRUE(query::Select(c.db(), "SELECT text FROM paragraphs WHERE review_id = ?1 ORDER BY id;",
                            {rows[0][0]}, {Value::Type::kText}, &paragraphs)
                  .ok());
  ASSERT_EQ(text.paragraphs.size(), paragraphs.size());
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    const auto& span = text.paragraphs[i];
    EXPECT_EQ(text.text.substr(span.byte_begin, span.byte_end - span.byte_begin),
              paragraphs[i][0].s);
    if (i > 0) {
      EXPECT_GT(span.byte_begin, text.paragraphs[i - 1].byte_end);
    }
  }
}

TEST(ExportDates, ParseIsoDates) {
  struct Case {
    const char* text;
    bool ok;
    int y, m, d, h, min;
  };
  const Case cases[] = {
      {"2017-11", true, 2017, 11, 1, 0, 0},
      {"2017-11-30", true, 2017, 11, 30, 0, 0},
      {"2026-01-02T03:04:05Z", true, 2026, 1, 2, 3, 4},
      {"2017", false, 0, 0, 0, 0, 0},
      {"2017-13", false, 0, 0, 0, 0, 0},
      {"November 2017", false, 0, 0, 0, 0, 0},
      {"2017-11-3", false, 0, 0, 0, 0, 0},
  };
  for (const Case& k : cases) {
    DateTime d;
    EXPECT_EQ(ParseIsoDate(k.text, &d), k.ok) << k.text;
    if (!k.ok) continue;
    EXPECT_EQ(d.year, k.y) << k.text;
    EXPECT_EQ(d.month, k.m) << k.text;
    EXPECT_EQ(d.day, k.d) << k.text;
    EXPECT_EQ(d.hour, k.h) << k.text;
    EXPECT_EQ(d.minute, k.min) << k.text;
  }
}

TEST(ExportQdpx, GuidsAreStableAndWellFormed) {
  const std::string g = StableGuid("scrx:code:unseen_men");
  EXPECT_EQ(g, StableGuid("scrx:code:unseen_men"));
  EXPECT_NE(g, StableGuid("scrx:code:neglect"));
  EXPECT_TRUE(std::regex_match(
      g, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
      << g;
}

TEST(ExportCli, WritesAndExitCodes) {
  const std::string dir = TempDir("cli");
  std::string out;
  int rc = RunCommand(std::string(SCRX_BINARY) + " export --format jsonl -o '" + dir +
                          "/r.jsonl' --db '" + SharedCollection().dir + "'",
                      &out);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(out, "wrote      " + dir + "/r.jsonl\nreviews    6\n");
  rc = RunCommand(
      std::string(SCRX_BINARY) + " export --format pdf -o x --db '" + SharedCollection().dir + "'",
      &out);
  EXPECT_EQ(rc, 2);
  EXPECT_EQ(out, "scrx: --format: 'pdf': expected xlsx, csv, jsonl or qdpx\n");
  rc = RunCommand(
      std::string(SCRX_BINARY) + " export --format csv -o '" + dir + "/csv' --db '" + dir + "'",
      &out);
  EXPECT_EQ(rc, 2);
}

}  // namespace
}  // namespace scrx::exports
