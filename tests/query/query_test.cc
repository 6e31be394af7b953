// The queries on a collection of six corpus reviews made by `scrx analyze`: every number is
// recomputed here from the review JSON files the collection was made from, and must agree. Bad
// filters and statements are refused with the exact message, and nothing can write.
#include "query/query.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <regex>
#include <set>

#include "base/files.h"
#include "query/format.h"
#include "store/collection.h"
#include "testing/collection_fixture.h"

namespace scrx::query {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using scrx::testing::SharedCollection;

Collection Open() {
  Collection c;
  Status s = OpenCollection(SharedCollection().dir, &c);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return c;
}

std::string Meta(const json& review, const char* key) {
  const json& v = review["metadata"][key];
  return v.is_object() && v["value"].is_string() ? v["value"].get<std::string>() : "";
}

// The group key of a review as the JSON says it ("" when unknown).
std::string GroupOf(const json& review, const std::string& by) {
  if (by == "year") {
    std::string p = Meta(review, "published");
    return p.size() >= 4 ? p.substr(0, 4) : "";
  }
  if (by == "type") return Meta(review, "review_type");
  if (by == "board") return Meta(review, "board");
  return "";
}

std::string Key(const Value& v) {
  if (v.type == Value::Type::kInt) return std::to_string(v.i);
  return v.s;
}

struct ThemeCount {
  int reviews = 0;
  long mentions = 0;
  long words = 0;
};

// The themes query recomputed from the JSON: group -> theme -> counts, and reviews per group.
// `section_kind` empty: present/counted_mentions; otherwise counted evidence in that kind.
std::map<std::string, std::map<std::string, ThemeCount>> Expected(
    const std::string& by, const std::string& section_kind, std::map<std::string, int>* group_n,
    const std::function<bool(const json&)>& keep = nullptr) {
  std::map<std::string, std::map<std::string, ThemeCount>> out;
  std::set<std::string> all;
  for (const auto& f : SharedCollection().reviews) {
    for (const auto& t : f.json["themes"]) all.insert(t["id"].get<std::string>());
  }
  for (const auto& f : SharedCollection().reviews) {
    const json& r = f.json;
    if (keep && !keep(r)) continue;
    const std::string g = GroupOf(r, by);
    ++(*group_n)[g];
    auto& themes = out[g];
    for (const std::string& id : all) themes[id];
    for (const auto& t : r["themes"]) {
      long mentions = 0;
      bool present = false;
      if (section_kind.empty()) {
        present = t["present"].get<bool>();
        mentions = t["counted_mentions"].get<long>();
      } else {
        for (const auto& e : t["evidence"]) {
          if (e["counted"].get<bool>() && e["section_kind"] == section_kind) ++mentions;
        }
        present = mentions > 0;
      }
      if (!present) continue;
      ThemeCount& c = themes[t["id"].get<std::string>()];
      ++c.reviews;
      c.mentions += mentions;
      c.words += r["stats"]["words"].get<long>();
    }
  }
  return out;
}

void ExpectThemesAgree(const ThemesOptions& o, const std::function<bool(const json&)>& keep) {
  Collection c = Open();
  Table t;
  Status s = QueryThemes(c.db(), o, &t);
  ASSERT_TRUE(s.ok()) << s.ToString();
  std::map<std::string, int> group_n;
  auto expected = Expected(o.by, o.section_kind, &group_n, keep);
  size_t rows = 0;
  for (const auto& [g, themes] : expected) rows += themes.size();
  ASSERT_EQ(t.rows.size(), rows);
  const size_t k = o.by.empty() ? 0 : 1;
  for (const auto& row : t.rows) {
    const std::string g = o.by.empty() ? "" : Key(row[0]);
    const std::string theme = row[k].s;
    ASSERT_TRUE(expected[g].count(theme)) << g << " " << theme;
    const ThemeCount& e = expected[g][theme];
    SCOPED_TRACE(g + " " + theme);
    EXPECT_EQ(row[k + 1].i, e.reviews);
    EXPECT_NEAR(row[k + 2].r, static_cast<double>(e.reviews) / group_n[g], 1e-12);
    EXPECT_EQ(row[k + 3].i, e.mentions);
    EXPECT_NEAR(row[k + 4].r, e.words > 0 ? e.mentions * 10000.0 / e.words : 0.0, 1e-9);
  }
}

TEST(QueryThemes, AgreeWithTheReviewJson) {
  ASSERT_EQ(SharedCollection().reviews.size(), 6u);
  ExpectThemesAgree({}, nullptr);
}

TEST(QueryThemes, GroupedByYearTypeAndBoardAgreeWithTheReviewJson) {
  for (const char* by : {"year", "type", "board"}) {
    SCOPED_TRACE(by);
    ThemesOptions o;
    o.by = by;
    ExpectThemesAgree(o, nullptr);
  }
}

TEST(QueryThemes, SectionKindCountsOnlyCountedEvidenceThere) {
  for (const char* kind : {"findings", "analysis", "executive_summary"}) {
    SCOPED_TRACE(kind);
    ThemesOptions o;
    o.section_kind = kind;
    ExpectThemesAgree(o, nullptr);
  }
}

TEST(QueryThemes, WhereSelectsReviews) {
  ThemesOptions o;
  o.where = "year >= 2020 AND review_type <> 'dhr'";
  o.by = "type";
  ExpectThemesAgree(o, [](const json& r) {
    return std::stoi(GroupOf(r, "year")) >= 2020 && Meta(r, "review_type") != "dhr";
  });
}

TEST(QueryThemes, OrderedByReviewsThenMentions) {
  Collection c = Open();
  Table t;
  ASSERT_TRUE(QueryThemes(c.db(), {}, &t).ok());
  for (size_t i = 1; i < t.rows.size(); ++i) {
    const auto& a = t.rows[i - 1];
    const auto& b = t.rows[i];
    EXPECT_TRUE(a[1].i > b[1].i || (a[1].i == b[1].i && a[3].i >= b[3].i)) << i;
  }
}

TEST(QueryThemes, JsonHasTheDocumentedKeys) {
  Collection c = Open();
  Table t;
  ThemesOptions o;
  o.by = "year";
  ASSERT_TRUE(QueryThemes(c.db(), o, &t).ok());
  json j = json::parse(Render(t, Format::kJson));
  ASSERT_TRUE(j.is_array());
  ASSERT_FALSE(j.empty());
  std::vector<std::string> keys;
  for (auto it = j[0].begin(); it != j[0].end(); ++it) keys.push_back(it.key());
  std::sort(keys.begin(), keys.end());
  EXPECT_EQ(keys, (std::vector<std::string>{"mentions", "per_10k_words", "reviews", "share",
                                            "theme", "year"}));
  EXPECT_TRUE(j[0]["year"].is_number_integer());
  EXPECT_TRUE(j[0]["share"].is_number());
  ASSERT_TRUE(QueryThemes(c.db(), {}, &t).ok());
  j = json::parse(Render(t, Format::kJson));
  EXPECT_EQ(j[0].size(), 5u);
}

TEST(QueryCooccur, AgreesWithTheReviewJson) {
  std::map<std::string, int> n;
  std::map<std::pair<std::string, std::string>, int> both;
  for (const auto& f : SharedCollection().reviews) {
    std::vector<std::string> present;
    for (const auto& t : f.json["themes"]) {
      if (t["present"].get<bool>()) present.push_back(t["id"].get<std::string>());
    }
    std::sort(present.begin(), present.end());
    for (size_t i = 0; i < present.size(); ++i) {
      ++n[present[i]];
      for (size_t j = i + 1; j < present.size(); ++j) ++both[{present[i], present[j]}];
    }
  }
  Collection c = Open();
  Table t;
  ASSERT_TRUE(QueryCooccur(c.db(), {}, &t).ok());
  ASSERT_EQ(t.rows.size(), both.size());
  for (const auto& row : t.rows) {
    const std::pair<std::string, std::string> key{row[0].s, row[1].s};
    ASSERT_TRUE(both.count(key)) << key.first << " " << key.second;
    const int a = n[key.first], b = n[key.second], ab = both[key];
    EXPECT_EQ(row[2].i, a);
    EXPECT_EQ(row[3].i, b);
    EXPECT_EQ(row[4].i, ab);
    EXPECT_NEAR(row[5].r, static_cast<double>(ab) / (a + b - ab), 1e-12);
  }
  // With --theme: the same numbers for every pair with that theme, the theme first.
  CooccurOptions o;
  o.theme = "unseen_men";
  ASSERT_TRUE(QueryCooccur(c.db(), o, &t).ok());
  int pairs = 0;
  for (const auto& [key, ab] : both) pairs += key.first == o.theme || key.second == o.theme;
  EXPECT_EQ(static_cast<int>(t.rows.size()), pairs);
  for (const auto& row : t.rows) {
    EXPECT_EQ(row[0].s, "unseen_men");
    auto key = std::minmax(row[0].s, row[1].s);
    const std::pair<std::string, std::string> k{key.first, key.second};
    EXPECT_EQ(row[4].i, both[k]);
  }
}

TEST(QueryKwic, ThemeLinesAreTheEvidenceOfTheJson) {
  Collection c = Open();
  for (const char* theme : {"unseen_men", "domestic_abuse", "infant_vulnerability"}) {
    for (bool counted_only : {false, true}) {
      SCOPED_TRACE(std::string(theme) + (counted_only ? " counted" : ""));
      std::multiset<std::string> expected;
      for (const auto& f : SharedCollection().reviews) {
        for (const auto& t : f.json["themes"]) {
          if (t["id"] != theme) continue;
          for (const auto& e : t["evidence"]) {
            if (counted_only && !e["counted"].get<bool>()) continue;
            expected.insert(f.json["source"]["file"].get<std::string>() + "|" +
                            std::to_string(e["page"].get<int>()) + "|" +
                            e["paragraph"].get<std::string>() + "|" +
                            e["matched"].get<std::string>());
          }
        }
      }
      KwicOptions o;
      o.theme = theme;
      o.counted_only = counted_only;
      o.width = 1000;  // no cutting: left + match + right is the quote
      Table t;
      ASSERT_TRUE(QueryKwic(c.db(), o, &t).ok());
      std::multiset<std::string> got;
      for (const auto& row : t.rows) {
        got.insert(row[0].s + "|" + std::to_string(row[1].i) + "|" + row[2].s + "|" + row[6].s);
        if (counted_only) {
          EXPECT_EQ(row[4].i, 1);
        }
      }
      EXPECT_FALSE(expected.empty());
      EXPECT_EQ(got, expected);
    }
  }
}

TEST(QueryKwic, ContextIsCutToTheWidthAroundTheMatch) {
  Collection c = Open();
  KwicOptions o;
  o.theme = "domestic_abuse";
  o.width = 12;
  Table t;
  ASSERT_TRUE(QueryKwic(c.db(), o, &t).ok());
  ASSERT_FALSE(t.rows.empty());
  for (const auto& row : t.rows) {
    const std::string& left = row[5].s;
    const std::string& right = row[7].s;
    EXPECT_LE(DisplayWidth(left), 15u) << left;
    EXPECT_LE(DisplayWidth(right), 15u) << right;
    if (DisplayWidth(left) > 12) {
      EXPECT_EQ(left.substr(0, 3), "...");
    }
    if (DisplayWidth(right) > 12) {
      EXPECT_EQ(right.substr(right.size() - 3), "...");
    }
  }
  EXPECT_TRUE(t.columns[5].align_right);
}

TEST(QueryKwic, TextCountsWholeWordMatchesInAnyCase) {
  Collection c = Open();
  for (const char* phrase : {"health visitor", "Father", "GP", "£"}) {
    SCOPED_TRACE(phrase);
    // Whole words, ASCII case folded: recomputed with std::regex over the JSON paragraphs.
    std::string escaped;
    for (char ch : std::string(phrase)) {
      if (std::string("\\^$.|?*+()[]{}").find(ch) != std::string::npos) escaped += '\\';
      escaped += ch;
    }
    const bool word = std::isalnum(static_cast<unsigned char>(phrase[0]));
    std::regex re(
        word ? "(^|[^A-Za-z0-9_])(" + escaped + ")(?![A-Za-z0-9_])" : "()(" + escaped + ")",
        std::regex::icase);
    size_t expected = 0;
    for (const auto& f : SharedCollection().reviews) {
      for (const auto& s : f.json["sections"]) {
        for (const auto& p : s["paragraphs"]) {
          const std::string text = p["text"];
          expected += static_cast<size_t>(std::distance(
              std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator()));
        }
      }
    }
    KwicOptions o;
    o.text = phrase;
    Table t;
    ASSERT_TRUE(QueryKwic(c.db(), o, &t).ok());
    EXPECT_GT(expected, 0u);
    EXPECT_EQ(t.rows.size(), expected);
    for (const auto& row : t.rows) {
      std::string m = row[4].s, p = phrase;
      for (auto* s : {&m, &p}) {
        for (char& ch : *s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      }
      EXPECT_EQ(m, p);
    }
  }
}

TEST(QueryKwic, NeedsExactlyOneOfThemeAndText) {
  Collection c = Open();
  Table t;
  KwicOptions o;
  EXPECT_EQ(QueryKwic(c.db(), o, &t).message(), "kwic: give either a THEME or --text PHRASE");
  o.theme = "no_such_theme";
  EXPECT_EQ(QueryKwic(c.db(), o, &t).message(),
            "kwic: no theme 'no_such_theme' in this collection ('scrx query themes' lists them)");
  o.text = "father";
  EXPECT_FALSE(QueryKwic(c.db(), o, &t).ok());
}

TEST(Search, FindsEveryParagraphWithTheWordBestFirst) {
  Collection c = Open();
  std::regex re("\\bfather\\b", std::regex::icase);
  size_t expected = 0;
  for (const auto& f : SharedCollection().reviews) {
    for (const auto& s : f.json["sections"]) {
      for (const auto& p : s["paragraphs"]) {
        expected += std::regex_search(p["text"].get<std::string>(), re) ? 1 : 0;
      }
    }
  }
  SearchOptions o;
  o.query = "father";
  o.limit = 0;
  Table t;
  Status s = Search(c.db(), o, &t);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_GT(expected, 0u);
  EXPECT_EQ(t.rows.size(), expected);
  for (size_t i = 0; i < t.rows.size(); ++i) {
    if (i > 0) {
      EXPECT_GE(t.rows[i - 1][4].r, t.rows[i][4].r);
    }
    std::string snippet = t.rows[i][5].s;
    for (char& ch : snippet) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    EXPECT_NE(snippet.find("[father]"), std::string::npos) << snippet;
  }
  o.limit = 3;
  ASSERT_TRUE(Search(c.db(), o, &t).ok());
  EXPECT_EQ(t.rows.size(), 3u);
  // A phrase and a NOT: fewer, and none with the excluded word.
  o.query = "\"health visitor\" NOT father";
  o.limit = 0;
  ASSERT_TRUE(Search(c.db(), o, &t).ok());
  EXPECT_FALSE(t.rows.empty());
}

TEST(Search, BadQueriesNameTheQuery) {
  Collection c = Open();
  Table t;
  SearchOptions o;
  o.query = "father AND";
  Status s = Search(c.db(), o, &t);
  EXPECT_EQ(s.message(), "search: cannot run \"father AND\": fts5: syntax error near \"\"");
  o.query = "  ";
  EXPECT_EQ(Search(c.db(), o, &t).message(), "search: the query is empty");
}

TEST(QueryRecommendations, CountsAgreeWithTheReviewJson) {
  std::map<std::string, int> per_kind;
  std::map<std::string, std::set<std::string>> reviews_per_kind;
  size_t total = 0;
  for (const auto& f : SharedCollection().reviews) {
    for (const auto& r : f.json["recommendations"]) {
      const std::string kind =
          r["addressee_kind"].is_string() ? r["addressee_kind"].get<std::string>() : "none";
      ++per_kind[kind];
      reviews_per_kind[kind].insert(f.json["source"]["file"]);
      ++total;
    }
  }
  Collection c = Open();
  Table t;
  ASSERT_TRUE(QueryRecommendations(c.db(), {}, &t).ok());
  EXPECT_EQ(t.rows.size(), total);
  RecommendationsOptions o;
  o.summary = true;
  ASSERT_TRUE(QueryRecommendations(c.db(), o, &t).ok());
  ASSERT_EQ(t.rows.size(), per_kind.size());
  for (const auto& row : t.rows) {
    EXPECT_EQ(row[1].i, per_kind[row[0].s]) << row[0].s;
    EXPECT_EQ(static_cast<size_t>(row[2].i), reviews_per_kind[row[0].s].size()) << row[0].s;
  }
  for (const auto& [kind, n] : per_kind) {
    RecommendationsOptions f;
    f.addressee_kind = kind;
    ASSERT_TRUE(QueryRecommendations(c.db(), f, &t).ok());
    EXPECT_EQ(static_cast<int>(t.rows.size()), n) << kind;
    for (const auto& row : t.rows) {
      EXPECT_EQ(row[4].is_null() ? "none" : row[4].s, kind);
    }
  }
  RecommendationsOptions bad;
  bad.addressee_kind = "fire_service";
  EXPECT_EQ(QueryRecommendations(c.db(), bad, &t).message(),
            "--addressee: 'fire_service': expected one of partnership_board, "
            "childrens_social_care, police, health_acute, health_community, "
            "health_primary_care, mental_health, education, probation, housing, "
            "national_government, other, none");
}

TEST(QuerySql, ReturnsTypedValues) {
  Collection c = Open();
  Table t;
  Status s = QuerySql(c.db(),
                      "SELECT count(*) AS n, 1.5 AS x, NULL AS empty, 'a,b' AS text, 7 AS n "
                      "FROM reviews;",
                      &t);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(t.columns.size(), 5u);
  EXPECT_EQ(t.columns[0].name, "n");
  EXPECT_EQ(t.columns[4].name, "n");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0][0].type, Value::Type::kInt);
  EXPECT_EQ(t.rows[0][0].i, 6);
  EXPECT_EQ(t.rows[0][1].type, Value::Type::kReal);
  EXPECT_EQ(t.rows[0][2].type, Value::Type::kNull);
  EXPECT_EQ(t.rows[0][3].s, "a,b");
  EXPECT_EQ(t.rows[0][4].i, 7);
  // WITH, ORDER BY and a trailing semicolon with a comment after it.
  ASSERT_TRUE(QuerySql(c.db(),
                       "WITH y AS (SELECT year FROM reviews) SELECT year FROM y ORDER BY year "
                       "DESC; -- newest first",
                       &t)
                  .ok());
  ASSERT_EQ(t.rows.size(), 6u);
  for (size_t i = 1; i < t.rows.size(); ++i) EXPECT_GE(t.rows[i - 1][0].i, t.rows[i][0].i);
}

TEST(QuerySql, AnythingButOneSelectIsRefused) {
  struct Case {
    const char* sql;
    const char* message;
  };
  const Case cases[] = {
      {"DELETE FROM reviews",
       "sql: only a SELECT statement may be run (the collection is read-only), not DELETE"},
      {"  update reviews set title = 'x'",
       "sql: only a SELECT statement may be run (the collection is read-only), not UPDATE"},
      {"WITH x AS (SELECT 1) DELETE FROM reviews",
       "sql: only a SELECT statement may be run (the collection is read-only), not DELETE"},
      {"SELECT 1; DROP TABLE reviews",
       "sql: only one statement may be run (found more after the first ';')"},
      {"SELECT 1;;", nullptr},
      {"SELECT ';' AS semicolon", nullptr},
      {"PRAGMA user_version = 7",
       "sql: only a SELECT statement may be run (the collection is read-only), not PRAGMA"},
      {"ATTACH 'x.db' AS x",
       "sql: only a SELECT statement may be run (the collection is read-only), not ATTACH"},
      {"-- nothing", "sql: no statement given"},
      {"SELECT 'open", "sql: a quote or comment is not closed"},
      {"SELECT * FROM nope", "sql: no such table: nope"},
  };
  Collection c = Open();
  for (const Case& k : cases) {
    Table t;
    Status s = QuerySql(c.db(), k.sql, &t);
    if (k.message == nullptr) {
      EXPECT_TRUE(s.ok()) << k.sql << ": " << s.ToString();
    } else {
      EXPECT_EQ(s.message(), k.message) << k.sql;
    }
  }
  Table t;
  ASSERT_TRUE(QuerySql(c.db(), "SELECT count(*) FROM reviews", &t).ok());
  EXPECT_EQ(t.rows[0][0].i, 6);
}

TEST(QueryWhere, CannotLeaveItsExpression) {
  struct Case {
    const char* where;
    const char* message;
  };
  const Case cases[] = {
      {"year > 2016; DROP TABLE reviews",
       "--where: ';' is not allowed: give one expression over reviews columns"},
      {"1) UNION SELECT id FROM reviews WHERE (1", "--where: unbalanced parentheses"},
      {"(year > 2016", "--where: unbalanced parentheses"},
      {"1 -- ignore the rest", "--where: comments are not allowed"},
      {"1 /* x */", "--where: comments are not allowed"},
      {"title = 'open", "--where: a quote or comment is not closed"},
      {"yr > 2016", "--where: no such column: yr"},
      {"   ", "--where: the filter is empty"},
      {"title LIKE '%;%' OR board = 'x -- y'", nullptr},
      {"id IN (SELECT review_id FROM themes WHERE theme = 'unseen_men' AND present = 1)", nullptr},
  };
  Collection c = Open();
  for (const Case& k : cases) {
    Status s = ValidateWhere(c.db(), k.where);
    if (k.message == nullptr) {
      EXPECT_TRUE(s.ok()) << k.where << ": " << s.ToString();
    } else {
      EXPECT_EQ(s.message(), k.message) << k.where;
    }
  }
  // The same checks guard every query that takes --where.
  Table t;
  ThemesOptions o;
  o.where = "1); DELETE FROM reviews; SELECT (1";
  EXPECT_FALSE(QueryThemes(c.db(), o, &t).ok());
  CooccurOptions co;
  co.where = o.where;
  EXPECT_FALSE(QueryCooccur(c.db(), co, &t).ok());
}

TEST(OpenCollection, IsReadOnly) {
  Collection c = Open();
  Status s = c.db()->Exec("DELETE FROM reviews;");
  EXPECT_FALSE(s.ok());
  Table t;
  ASSERT_TRUE(QuerySql(c.db(), "SELECT count(*) FROM reviews", &t).ok());
  EXPECT_EQ(t.rows[0][0].i, 6);
  // Folder and file both name the collection.
  Collection by_file;
  ASSERT_TRUE(OpenCollection(SharedCollection().db, &by_file).ok());
  EXPECT_EQ(by_file.dir, SharedCollection().dir);
}

TEST(OpenCollection, ErrorsNameThePath) {
  const std::string dir = scrx::testing::TempDir("open-errors");
  Collection c;
  EXPECT_EQ(OpenCollection(dir + "/missing", &c).message(),
            dir + "/missing: no such file or folder");
  EXPECT_EQ(OpenCollection(dir, &c).message(),
            dir +
                ": no collection database in this folder (scrx.sqlite is missing; 'scrx "
                "analyze ... -o " +
                dir + "' creates it)");
  // A SQLite file that is not a collection.
  const std::string other = dir + "/other.sqlite";
  {
    Status s;
    auto db = store::Database::Open(other, store::Database::Mode::kReadWrite, &s);
    ASSERT_TRUE(db) << s.ToString();
    ASSERT_TRUE(db->Exec("CREATE TABLE t(x);").ok());
  }
  EXPECT_EQ(OpenCollection(other, &c).message(),
            other + ": not a scrx collection database (no schema version)");
}

// The command line: exit codes and output of the query and search subcommands.
std::string RunScrx(const std::string& args, int* rc) {
  const std::string out = scrx::testing::TempDir("cli") + "/out.txt";
  const std::string cmd = std::string(SCRX_BINARY) + " " + args + " > '" + out + "' 2>&1";
  const int status = std::system(cmd.c_str());
  *rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::string text;
  EXPECT_TRUE(ReadFile(out, &text).ok());
  return text;
}

TEST(QueryCli, PrintsTheLibraryResultAndExitCodes) {
  const std::string db = "--db '" + SharedCollection().dir + "'";
  int rc = 0;
  std::string out = RunScrx("query themes --by type --format json " + db, &rc);
  EXPECT_EQ(rc, 0) << out;
  Collection c = Open();
  Table t;
  ThemesOptions o;
  o.by = "type";
  ASSERT_TRUE(QueryThemes(c.db(), o, &t).ok());
  EXPECT_EQ(out, Render(t, Format::kJson));

  out = RunScrx("query themes " + db, &rc);
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(out.rfind("theme ", 0), 0u) << out;

  out = RunScrx("query sql 'DELETE FROM reviews' " + db, &rc);
  EXPECT_EQ(rc, 2);
  EXPECT_EQ(out,
            "scrx: sql: only a SELECT statement may be run (the collection is read-only), not "
            "DELETE\n");
  out = RunScrx("query themes --where 'year > 2016; DROP TABLE reviews' " + db, &rc);
  EXPECT_EQ(rc, 2);
  out = RunScrx("search 'unseen men' --format csv " + db, &rc);
  EXPECT_EQ(rc, 0);
  EXPECT_EQ(out.rfind("review,page,paragraph,section,score,snippet\r\n", 0), 0u) << out;
  out = RunScrx("query kwic --db /nonexistent/folder unseen_men", &rc);
  EXPECT_EQ(rc, 2);
  EXPECT_EQ(out, "scrx: /nonexistent/folder: no such file or folder\n");
}

// Reviews a killed run stored but did not add to the full-text index: search says how many
// (on stderr) and finds only what is indexed; the next open to write indexes them.
TEST(QueryCli, SearchNotesReviewsNotInTheTextIndexYet) {
  const scrx::testing::CorpusCollection& shared = SharedCollection();
  ASSERT_GE(shared.reviews.size(), 2u);
  Review review;
  ASSERT_TRUE(
      scrx::testing::ReadReview(shared.dir + "/" + shared.reviews[0].json_rel, &review).ok());
  const std::string dir = scrx::testing::TempDir("pending");
  const std::string db = dir + "/" + store::kCollectionFile;
  {
    Status s;
    ASSERT_NE(store::Collection::Open(db, store::Database::Mode::kReadWrite, &s), nullptr);
  }
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {  // stores the review and dies before indexing it
    Status s;
    auto c = store::Collection::Open(db, store::Database::Mode::kReadWrite, &s);
    bool ok = c && c->WriteReview(review, "a.json", "0.1.0", "h", "2024-01-01T00:00:00Z").ok();
    ::_exit(ok ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  int rc = 0;
  std::string out = RunScrx("search review --format csv --db '" + dir + "'", &rc);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(out,
            "scrx: note: 1 stored review is not in the full-text index yet (a run is writing, or"
            " was stopped); the next 'scrx analyze' of the folder indexes them\n"
            "review,page,paragraph,section,score,snippet\r\n")
      << out;
  {
    Status s;
    ASSERT_NE(store::Collection::Open(db, store::Database::Mode::kReadWrite, &s), nullptr);
  }
  out = RunScrx("search review --format csv --db '" + dir + "'", &rc);
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(out.rfind("review,page,paragraph,section,score,snippet\r\n" + review.source.file, 0),
            0u)
      << out;
}

}  // namespace
}  // namespace scrx::query
