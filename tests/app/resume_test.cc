// Resuming `scrx analyze` (the binary): a run killed with SIGKILL after a few reviews, then run
// again to completion, gives the same collection database as an uninterrupted run; the second
// run skips what the first stored; a run over a complete folder skips everything; --force
// re-does everything.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "store/collection.h"
#include "store/sqlite.h"

namespace scrx {
namespace {

namespace fs = std::filesystem;
using store::Database;

const std::vector<std::string>& Pdfs() {
  static const std::vector<std::string> pdfs = [] {
    std::vector<std::string> v;
    for (const char* name :
         {"briefing-baby-r-2020", "cpr-wales-baby-m-2018", "cspr-baby-s-unseen-father-2024",
          "dhr-adult-a-2019", "sar-mr-k-homeless-2023", "scr-child-f-fii-2019"}) {
      v.push_back(std::string(SCRX_SOURCE_DIR) + "/corpus/" + name + ".pdf");
    }
    return v;
  }();
  return pdfs;
}

// Starts `scrx analyze PDFS -o out -j1 [extra]` in its own process group; output to files.
pid_t Start(const fs::path& out, const fs::path& log, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {SCRX_BINARY, "analyze"};
  args.insert(args.end(), Pdfs().begin(), Pdfs().end());
  for (const char* a : {"-o", "", "-j", "1"}) args.emplace_back(a);
  args[args.size() - 3] = out.string();
  args.insert(args.end(), extra.begin(), extra.end());
  pid_t pid = ::fork();
  if (pid == 0) {
    ::setpgid(0, 0);
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    std::_Exit(127);
  }
  ::setpgid(pid, pid);  // also here, so the group exists before the parent may kill it
  return pid;
}

int Wait(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

int RunToEnd(const fs::path& out, const fs::path& log, const std::vector<std::string>& extra = {}) {
  int status = Wait(Start(out, log, extra));
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int ReviewJsons(const fs::path& dir) {
  int n = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    n += e.path().extension() == ".json" && e.path().filename() != "run.json";
  }
  return n;
}

std::string ReadAll(const fs::path& file) {
  std::ifstream in(file);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

nlohmann::json RunJson(const fs::path& dir) {
  std::ifstream in(dir / "run.json");
  return nlohmann::json::parse(in);
}

std::unique_ptr<Database> OpenDb(const fs::path& dir) {
  Status s;
  auto db = Database::Open((dir / "scrx.sqlite").string(), Database::Mode::kReadOnly, &s);
  EXPECT_TRUE(db) << s.ToString();
  return db;
}

std::vector<std::string> Column(Database* db, const std::string& sql) {
  Status s;
  auto st = db->Prepare(sql, &s);
  EXPECT_TRUE(st) << s.ToString();
  std::vector<std::string> out;
  if (!st) return out;
  while (st->Step()) out.push_back(st->AsString(0));
  EXPECT_TRUE(st->status().ok()) << st->status().ToString();
  return out;
}

// Every table's rows, sorted, with the review's file in place of its row id and without the
// columns that legitimately differ between runs (times, surrogate row ids).
std::map<std::string, std::vector<std::string>> Dump(Database* db) {
  std::map<std::string, std::vector<std::string>> dump;
  for (const std::string& table :
       Column(db,
              "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
              "'paragraphs_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
    std::vector<std::string> cols;
    for (const std::string& c : Column(db, "SELECT name FROM pragma_table_info('" + table + "')")) {
      if (c == "analysed_at" || c == "at" || c == "id") continue;
      cols.push_back(c == "review_id" ? "(SELECT file FROM reviews r WHERE r.id = t.review_id)"
                                      : "quote(t." + c + ")");
    }
    std::string select;
    for (const std::string& c : cols) select += (select.empty() ? "" : " || char(31) || ") + c;
    std::vector<std::string> rows = Column(db, "SELECT " + select + " FROM " + table + " t");
    std::sort(rows.begin(), rows.end());
    dump[table] = std::move(rows);
  }
  // The full-text index: what a few searches find.
  for (const char* q : {"father", "health visitor", "neglect", "police", "school"}) {
    dump[std::string("fts:") + q] = Column(
        db, std::string("SELECT r.file || char(31) || p.pid FROM paragraphs_fts f JOIN paragraphs "
                        "p ON p.id = f.rowid JOIN reviews r ON r.id = p.review_id WHERE "
                        "paragraphs_fts MATCH '\"") +
                q + "\"' ORDER BY 1");
  }
  return dump;
}

void ExpectSameDump(const std::map<std::string, std::vector<std::string>>& a,
                    const std::map<std::string, std::vector<std::string>>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [table, rows] : a) {
    auto it = b.find(table);
    ASSERT_NE(it, b.end()) << table;
    EXPECT_EQ(rows.size(), it->second.size()) << table;
    EXPECT_TRUE(rows == it->second) << table << " differs";
  }
}

void ExpectConsistent(Database* db) {
  EXPECT_EQ(Column(db, "PRAGMA integrity_check"), std::vector<std::string>{"ok"});
  EXPECT_TRUE(Column(db, "PRAGMA foreign_key_check").empty());
}

class ResumeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("scrx-resume-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(ResumeTest, KilledRunResumedEqualsAnUninterruptedRun) {
  // The reference: one uninterrupted run.
  ASSERT_EQ(RunToEnd(dir_ / "ref", dir_ / "ref.log"), 0);
  ASSERT_EQ(RunJson(dir_ / "ref")["succeeded"], 6);

  // Killed (the whole process group, SIGKILL) once two or three reviews are out.
  pid_t pid = Start(dir_ / "cut", dir_ / "cut.log", {});
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (ReviewJsons(dir_ / "cut") < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ::kill(-pid, SIGKILL);
  int status = Wait(pid);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the run ended before it could be killed";
  int outputs = ReviewJsons(dir_ / "cut");
  EXPECT_GE(outputs, 2);
  EXPECT_LT(outputs, 6);
  EXPECT_FALSE(fs::exists(dir_ / "cut" / "run.json"));
  std::vector<std::string> stored;
  {
    auto db = OpenDb(dir_ / "cut");
    ASSERT_TRUE(db);
    ExpectConsistent(db.get());
    stored = Column(db.get(), "SELECT file FROM reviews ORDER BY file");
  }
  EXPECT_GE(stored.size(), 1u);
  EXPECT_LE(static_cast<int>(stored.size()), outputs);

  // Run again to completion: what was stored is skipped, the rest analysed.
  ASSERT_EQ(RunToEnd(dir_ / "cut", dir_ / "cut2.log"), 0);
  nlohmann::json run = RunJson(dir_ / "cut");
  EXPECT_EQ(run["skipped"], stored.size());
  EXPECT_EQ(run["succeeded"], 6 - stored.size());
  std::vector<std::string> skipped;
  for (const auto& r : run["results"]) {
    if (r["status"] == "skipped") {
      skipped.push_back(r["file"]);
      EXPECT_NE(r["reason"].get<std::string>().find("same PDF, scrx version and pattern set"),
                std::string::npos);
      EXPECT_FALSE(r["output"].is_null());
    }
  }
  std::sort(skipped.begin(), skipped.end());
  EXPECT_EQ(skipped, stored);
  std::string log = ReadAll(dir_ / "cut2.log");
  for (const std::string& f : stored) {
    EXPECT_NE(log.find("skipped  " + f + "  (stored "), std::string::npos) << log;
  }

  auto ref = OpenDb(dir_ / "ref");
  auto cut = OpenDb(dir_ / "cut");
  ASSERT_TRUE(ref && cut);
  ExpectConsistent(ref.get());
  ExpectConsistent(cut.get());
  auto ref_dump = Dump(ref.get());
  ASSERT_EQ(ref_dump["reviews"].size(), 6u);
  ASSERT_GT(ref_dump["paragraphs"].size(), 100u);
  ASSERT_GT(ref_dump["fts:father"].size(), 0u);
  ExpectSameDump(ref_dump, Dump(cut.get()));
}

TEST_F(ResumeTest, CompleteFolderIsSkippedAndForceRedoesIt) {
  ASSERT_EQ(RunToEnd(dir_ / "out", dir_ / "1.log"), 0);
  std::map<std::string, std::vector<std::string>> first;
  std::vector<std::string> times;
  {
    auto db = OpenDb(dir_ / "out");
    ASSERT_TRUE(db);
    first = Dump(db.get());
    times = Column(db.get(), "SELECT analysed_at FROM reviews ORDER BY file");
  }

  // Again: nothing to do, nothing rewritten.
  ASSERT_EQ(RunToEnd(dir_ / "out", dir_ / "2.log"), 0);
  nlohmann::json run = RunJson(dir_ / "out");
  EXPECT_EQ(run["skipped"], 6);
  EXPECT_EQ(run["succeeded"], 0);
  std::string text = ReadAll(dir_ / "2.log");
  EXPECT_NE(text.find("skipped    6 already in the collection"), std::string::npos) << text;
  {
    auto db = OpenDb(dir_ / "out");
    ASSERT_TRUE(db);
    ExpectSameDump(first, Dump(db.get()));
    EXPECT_EQ(Column(db.get(), "SELECT analysed_at FROM reviews ORDER BY file"), times);
  }

  // A review JSON deleted by hand is re-created (and only that one).
  fs::remove(dir_ / "out" / "dhr-adult-a-2019.json");
  ASSERT_EQ(RunToEnd(dir_ / "out", dir_ / "3.log"), 0);
  run = RunJson(dir_ / "out");
  EXPECT_EQ(run["skipped"], 5);
  EXPECT_EQ(run["succeeded"], 1);
  EXPECT_TRUE(fs::exists(dir_ / "out" / "dhr-adult-a-2019.json"));

  // --force: everything analysed again, the same content.
  ASSERT_EQ(RunToEnd(dir_ / "out", dir_ / "4.log", {"--force"}), 0);
  run = RunJson(dir_ / "out");
  EXPECT_EQ(run["skipped"], 0);
  EXPECT_EQ(run["succeeded"], 6);
  auto db = OpenDb(dir_ / "out");
  ASSERT_TRUE(db);
  ExpectConsistent(db.get());
  ExpectSameDump(first, Dump(db.get()));
}

TEST_F(ResumeTest, DatabaseErrorFailsThatFileOnly) {
  // A collection whose writes of one review fail (as a full disk would), and a damaged PDF.
  fs::create_directories(dir_ / "out");
  {
    Status s;
    auto c = store::Collection::Open((dir_ / "out" / "scrx.sqlite").string(),
                                     Database::Mode::kReadWrite, &s);
    ASSERT_TRUE(c) << s.ToString();
    ASSERT_TRUE(c->db()
                    ->Exec("CREATE TRIGGER boom BEFORE INSERT ON reviews WHEN new.file LIKE "
                           "'%dhr-adult-a%' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;")
                    .ok());
  }
  const std::string damaged = std::string(SCRX_TEST_DATA) + "/truncated.pdf";
  EXPECT_EQ(RunToEnd(dir_ / "out", dir_ / "1.log", {damaged}), 1);
  nlohmann::json run = RunJson(dir_ / "out");
  EXPECT_EQ(run["succeeded"], 5);
  EXPECT_EQ(run["failed"], 2);
  const std::string dhr = Pdfs()[3];
  for (const auto& r : run["results"]) {
    if (r["file"] != dhr) continue;
    EXPECT_EQ(r["status"], "failed");
    EXPECT_EQ(r["error"]["code"], "database");
    EXPECT_EQ(r["error"]["message"],
              dhr +
                  ": analysed, but not stored in the collection (the JSON dhr-adult-a-2019.json "
                  "is kept): " +
                  (dir_ / "out" / "scrx.sqlite").string() + ": SQL error: disk on fire");
  }
  EXPECT_TRUE(fs::exists(dir_ / "out" / "dhr-adult-a-2019.json"));
  auto db = OpenDb(dir_ / "out");
  ASSERT_TRUE(db);
  ExpectConsistent(db.get());
  EXPECT_EQ(Column(db.get(), "SELECT count(*) FROM reviews"), std::vector<std::string>{"5"});
  EXPECT_EQ(Column(db.get(), "SELECT file || ' ' || code FROM failures ORDER BY file"),
            (std::vector<std::string>{dhr + " database", damaged + " corruption"}));
}

}  // namespace
}  // namespace scrx
