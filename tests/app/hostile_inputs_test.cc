// Bad input the batch must survive with a clear message and nothing lost: text layers that need
// OCR, a PDF without pages, symbolic link loops, dangling links, a FIFO named *.pdf, a file the
// user cannot read, an output folder the user cannot write, a full disk, and Ctrl-C (once:
// finish what is in flight; twice: stop now), each followed by a re-run that resumes; and a
// reader that crashes, hangs or runs out of memory.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/analyze.h"
#include "tag/pattern_set.h"

namespace scrx::app {
namespace {

namespace fs = std::filesystem;
using State = FileResult::State;

const tag::PatternSet& Patterns() {
  static std::unique_ptr<tag::PatternSet> set = [] {
    Status s;
    auto p = tag::PatternSet::Load({std::string(SCRX_SOURCE_DIR) + "/patterns"}, &s);
    EXPECT_TRUE(p) << s.ToString();
    return p;
  }();
  return *set;
}

// Five small corpus reviews.
const char* const kReviews[] = {"lr-family-toxic-trio-2021.pdf", "briefing-baby-r-2020.pdf",
                                "dhr-mrs-p-older-2021.pdf", "scr-child-n-ehe-2018.pdf",
                                "cpr-wales-baby-m-2018.pdf"};

class HostileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("scrx-hostile-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
  }
  void TearDown() override {
    std::error_code ec;
    fs::permissions(dir_, fs::perms::owner_all, ec);
    fs::remove_all(dir_, ec);
  }

  void CopyReviews() {
    for (const char* f : kReviews) {
      fs::copy_file(fs::path(SCRX_SOURCE_DIR) / "corpus" / f, dir_ / "in" / f);
    }
  }

  AnalyzeOptions Options(int jobs = 2) {
    AnalyzeOptions o;
    o.inputs = {(dir_ / "in").string()};
    o.out_dir = (dir_ / "out").string();
    o.jobs = jobs;
    o.timeout_seconds = 60;
    o.patterns = &Patterns();
    o.scrx_version = "test";
    return o;
  }

  static const FileResult* Find(const RunSummary& s, const std::string& name) {
    for (const FileResult& r : s.results) {
      if (fs::path(r.file).filename() == name) return &r;
    }
    return nullptr;
  }

  // Files in out/ that are not a complete output: temporaries of WriteFileAtomic.
  std::vector<std::string> Leftovers() {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir_ / "out")) {
      if (e.path().filename().string().find(".tmp.") != std::string::npos) {
        out.push_back(e.path().string());
      }
    }
    return out;
  }

  // Every review JSON in out/ parses and is a review; returns how many there are.
  int CompleteJsons() {
    int n = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir_ / "out")) {
      if (e.path().extension() != ".json" || e.path().filename() == "run.json") continue;
      std::ifstream in(e.path());
      nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
      EXPECT_FALSE(j.is_discarded()) << e.path();
      EXPECT_EQ(j.value("schema", ""), "scrx.review/1") << e.path();
      ++n;
    }
    return n;
  }

  // PRAGMA integrity_check of the collection and its number of reviews.
  std::pair<std::string, int> CheckDatabase() {
    sqlite3* db = nullptr;
    std::string integrity = "cannot open";
    int reviews = -1;
    if (sqlite3_open_v2((dir_ / "out" / "scrx.sqlite").c_str(), &db, SQLITE_OPEN_READONLY,
                        nullptr) == SQLITE_OK) {
      sqlite3_stmt* st = nullptr;
      if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK &&
          sqlite3_step(st) == SQLITE_ROW) {
        integrity = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
      }
      sqlite3_finalize(st);
      if (sqlite3_prepare_v2(db, "SELECT count(*) FROM reviews", -1, &st, nullptr) == SQLITE_OK &&
          sqlite3_step(st) == SQLITE_ROW) {
        reviews = sqlite3_column_int(st, 0);
      }
      sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return {integrity, reviews};
  }

  // Runs `body` as an ordinary user (nobody) in a child process when the tests run as root, so
  // that permissions mean something; returns what `body` returned (0: all its checks held).
  static int AsOrdinaryUser(const std::function<int()>& body) {
    if (::geteuid() != 0) return body();
    pid_t pid = ::fork();
    if (pid == 0) {
      if (::setgid(65534) != 0 || ::setuid(65534) != 0) std::_Exit(100);
      std::_Exit(body());
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 200;
  }

  fs::path dir_;
};

TEST_F(HostileTest, PagesThatNeedOcrAreReportedAndAPdfWithoutPagesFails) {
  const fs::path data = SCRX_TEST_DATA;
  fs::copy_file(data / "garbage-text.pdf", dir_ / "in" / "garbage-text.pdf");
  fs::copy_file(data / "scanned.pdf", dir_ / "in" / "scanned.pdf");
  fs::copy_file(data / "zero-pages.pdf", dir_ / "in" / "zero-pages.pdf");
  RunSummary s;
  ASSERT_TRUE(RunAnalyze(Options(), nullptr, &s).ok());

  const FileResult* garbage = Find(s, "garbage-text.pdf");
  ASSERT_NE(garbage, nullptr);
  EXPECT_EQ(garbage->state, State::kOk) << garbage->error;
  std::ifstream in(dir_ / "out" / "garbage-text.json");
  nlohmann::json j = nlohmann::json::parse(in);
  EXPECT_EQ(j["source"]["needs_ocr"], nlohmann::json::parse("[2, 3]"));
  ASSERT_EQ(j["source"]["page_text"].size(), 3u);
  EXPECT_GE(j["source"]["page_text"][0]["quality"].get<double>(), 0.9);
  EXPECT_LT(j["source"]["page_text"][1]["quality"].get<double>(), 0.5);
  std::map<std::string, int> codes;
  for (const auto& w : j["warnings"]) ++codes[w["code"].get<std::string>()];
  EXPECT_EQ(codes["garbage_text"], 2);
  EXPECT_EQ(codes["needs_ocr"], 1);  // 2 of 3 pages

  std::ifstream in2(dir_ / "out" / "scanned.json");
  nlohmann::json scanned = nlohmann::json::parse(in2);
  EXPECT_EQ(scanned["source"]["needs_ocr"], nlohmann::json::parse("[1]"));

  const FileResult* zero = Find(s, "zero-pages.pdf");
  ASSERT_NE(zero, nullptr);
  EXPECT_EQ(zero->state, State::kFailed);
  EXPECT_NE(zero->error.find("zero-pages.pdf: the PDF has no pages"), std::string::npos)
      << zero->error;
}

TEST_F(HostileTest, SymlinkLoopsDanglingLinksAndAFifoEndAsFailuresNotHangs) {
  fs::copy_file(fs::path(SCRX_TEST_DATA) / "good.pdf", dir_ / "in" / "good.pdf");
  fs::create_directories(dir_ / "in" / "sub");
  fs::create_symlink("b.pdf", dir_ / "in" / "a.pdf");  // a.pdf -> b.pdf -> a.pdf
  fs::create_symlink("a.pdf", dir_ / "in" / "b.pdf");
  fs::create_symlink("nowhere.pdf", dir_ / "in" / "gone.pdf");
  fs::create_directory_symlink("..", dir_ / "in" / "sub" / "up");  // a folder loop
  ASSERT_EQ(::mkfifo((dir_ / "in" / "pipe.pdf").c_str(), 0644), 0);
  // A link to a PDF kept elsewhere: its JSON goes under out/ by the link's name, never beside
  // the target.
  fs::create_directories(dir_ / "elsewhere");
  fs::copy_file(fs::path(SCRX_SOURCE_DIR) / "corpus" / "lr-baby-h-sudi-2023.pdf",
                dir_ / "elsewhere" / "target.pdf");
  fs::create_symlink(dir_ / "elsewhere" / "target.pdf", dir_ / "in" / "sub" / "linked.pdf");
  RunSummary s;
  ASSERT_TRUE(RunAnalyze(Options(), nullptr, &s).ok());

  ASSERT_EQ(s.results.size(), 6u);  // good.pdf once, through the loop or not
  EXPECT_EQ(Find(s, "good.pdf")->state, State::kOk);
  const FileResult* linked = Find(s, "linked.pdf");
  ASSERT_NE(linked, nullptr);
  EXPECT_EQ(linked->state, State::kOk) << linked->error;
  EXPECT_EQ(linked->output, "sub/linked.json");
  EXPECT_TRUE(fs::is_regular_file(dir_ / "out" / "sub" / "linked.json"));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_ / "elsewhere"), fs::directory_iterator()), 1);
  for (const char* name : {"a.pdf", "b.pdf"}) {
    const FileResult* r = Find(s, name);
    ASSERT_NE(r, nullptr) << name;
    EXPECT_EQ(r->state, State::kFailed);
    EXPECT_NE(r->error.find("Too many levels of symbolic links"), std::string::npos) << r->error;
  }
  EXPECT_NE(Find(s, "gone.pdf")->error.find("No such file"), std::string::npos);
  const FileResult* fifo = Find(s, "pipe.pdf");
  ASSERT_NE(fifo, nullptr);
  EXPECT_EQ(fifo->error_code, "not_supported");
  EXPECT_NE(fifo->error.find("pipe.pdf: not a regular file"), std::string::npos) << fifo->error;

  // A loop given directly on the command line is reported, not followed.
  AnalyzeOptions o = Options();
  o.inputs = {(dir_ / "in" / "a.pdf").string(), (dir_ / "in" / "good.pdf").string()};
  o.out_dir = (dir_ / "out2").string();
  RunSummary s2;
  ASSERT_TRUE(RunAnalyze(o, nullptr, &s2).ok());
  ASSERT_EQ(s2.results.size(), 2u);
  EXPECT_EQ(s2.results[0].state, State::kFailed);
  EXPECT_EQ(s2.results[1].state, State::kOk);
}

TEST_F(HostileTest, UnreadableFileAndUnwritableFolderAsAnOrdinaryUser) {
  fs::copy_file(fs::path(SCRX_TEST_DATA) / "good.pdf", dir_ / "in" / "good.pdf");
  fs::copy_file(fs::path(SCRX_TEST_DATA) / "garbage-text.pdf", dir_ / "in" / "locked.pdf");
  fs::permissions(dir_ / "in" / "locked.pdf", fs::perms::none);
  fs::create_directories(dir_ / "out");
  fs::create_directories(dir_ / "ro");
  fs::permissions(dir_, fs::perms::all);
  fs::permissions(dir_ / "out", fs::perms::all);
  fs::permissions(dir_ / "ro", fs::perms::owner_read | fs::perms::owner_exec |
                                   fs::perms::group_read | fs::perms::others_read |
                                   fs::perms::group_exec | fs::perms::others_exec);
  const AnalyzeOptions o = Options();
  int code = AsOrdinaryUser([&] {
    RunSummary s;
    if (!RunAnalyze(o, nullptr, &s).ok()) return 1;
    const FileResult* locked = Find(s, "locked.pdf");
    if (locked == nullptr || locked->state != State::kFailed) return 2;
    if (locked->error.find("locked.pdf") == std::string::npos ||
        locked->error.find("Permission denied") == std::string::npos) {
      return 3;
    }
    const FileResult* good = Find(s, "good.pdf");
    if (good == nullptr || good->state != State::kOk) return 4;
    // An output folder that cannot be written is refused before any work, naming it.
    AnalyzeOptions ro = o;
    ro.out_dir = (dir_ / "ro").string();
    RunSummary s2;
    Status st = RunAnalyze(ro, nullptr, &s2);
    if (st.ok() || st.ToString().find("ro: output folder is not writable") == std::string::npos ||
        !s2.results.empty()) {
      return 5;
    }
    return 0;
  });
  EXPECT_EQ(code, 0) << "1 run failed, 2 locked not failed, 3 message, 4 good, 5 unwritable";
}

TEST_F(HostileTest, CtrlCFinishesTheFileInFlightAndARerunResumes) {
  CopyReviews();
  RunSummary s;
  int raised = 0;
  ProgressFn interrupt_after_first = [&](const FileResult&, int, int) {
    if (raised++ == 0) ::raise(SIGINT);
  };
  std::vector<std::pair<int, int>> notices;
  AnalyzeOptions o = Options(/*jobs=*/1);
  o.on_interrupt = [&](int count, int in_progress) { notices.emplace_back(count, in_progress); };
  ASSERT_TRUE(RunAnalyze(o, interrupt_after_first, &s).ok());
  EXPECT_TRUE(s.interrupted);
  // The first file is reported once its worker has the second (the parent stores and reports
  // while the worker reads on): that one is in progress when Ctrl-C comes, and finishes.
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0], std::make_pair(1, 1));
  EXPECT_EQ(s.succeeded, 2);
  EXPECT_EQ(s.not_started, 3);
  EXPECT_EQ(s.failed, 0);
  // The default disposition is back: the handler was scoped to the run.
  struct sigaction now {};
  ::sigaction(SIGINT, nullptr, &now);
  EXPECT_EQ(now.sa_handler, SIG_DFL);

  std::ifstream in(dir_ / "out" / "run.json");
  nlohmann::json run = nlohmann::json::parse(in);
  EXPECT_EQ(run["interrupted"], true);
  EXPECT_EQ(run["not_started"], 3);
  int not_started = 0;
  for (const auto& r : run["results"]) not_started += r["status"] == "not_started";
  EXPECT_EQ(not_started, 3);
  EXPECT_TRUE(Leftovers().empty());
  EXPECT_EQ(CompleteJsons(), 2);
  EXPECT_EQ(CheckDatabase(), std::make_pair(std::string("ok"), 2));

  // The same command again reads the other three and skips the stored two.
  RunSummary again;
  ASSERT_TRUE(RunAnalyze(Options(), nullptr, &again).ok());
  EXPECT_FALSE(again.interrupted);
  EXPECT_EQ(again.skipped, 2);
  EXPECT_EQ(again.succeeded, 3);
  EXPECT_EQ(CompleteJsons(), 5);
  EXPECT_EQ(CheckDatabase(), std::make_pair(std::string("ok"), 5));
}

TEST_F(HostileTest, SecondCtrlCStopsTheFilesInProgressAndLeavesNothingHalfWritten) {
  CopyReviews();
  RunSummary s;
  int raised = 0;
  ProgressFn interrupt_twice = [&](const FileResult&, int, int) {
    if (raised++ == 0) {
      ::raise(SIGINT);
      ::raise(SIGINT);
    }
  };
  ASSERT_TRUE(RunAnalyze(Options(/*jobs=*/2), interrupt_twice, &s).ok());
  EXPECT_TRUE(s.interrupted);
  // The first file finished; the files in flight at Ctrl-C (the other worker's, and the next
  // one given to the first worker) finished too or were stopped; the rest were not started.
  EXPECT_GE(s.succeeded, 1);
  EXPECT_GE(s.not_started, 1);
  EXPECT_EQ(s.succeeded + s.failed + s.not_started, 5);
  for (const FileResult& r : s.results) {
    if (r.state == State::kFailed) {
      EXPECT_EQ(r.error_code, "interrupted");
      EXPECT_NE(r.error.find("interrupted (Ctrl-C)"), std::string::npos) << r.error;
    }
  }
  EXPECT_TRUE(Leftovers().empty());
  EXPECT_EQ(CompleteJsons(), s.succeeded);
  EXPECT_EQ(CheckDatabase(), std::make_pair(std::string("ok"), s.succeeded));

  RunSummary again;
  ASSERT_TRUE(RunAnalyze(Options(), nullptr, &again).ok());
  EXPECT_EQ(again.succeeded + again.skipped, 5);
  EXPECT_EQ(again.failed, 0);
  EXPECT_EQ(CheckDatabase(), std::make_pair(std::string("ok"), 5));
}

// A full disk, simulated by a file size limit (RLIMIT_FSIZE: writes past it fail with EFBIG,
// as they fail with ENOSPC on a full disk) in a child process running the batch.
TEST_F(HostileTest, FullDiskLeavesNoHalfWrittenJsonAndADatabaseThatChecks) {
  CopyReviews();
  // An earlier run stored one review; then the disk fills up.
  AnalyzeOptions first = Options();
  first.inputs = {(dir_ / "in" / kReviews[1]).string()};
  RunSummary s1;
  ASSERT_TRUE(RunAnalyze(first, nullptr, &s1).ok());
  ASSERT_EQ(s1.succeeded, 1);
  const AnalyzeOptions o = Options();
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::signal(SIGXFSZ, SIG_IGN);
    rlimit lim{};
    // Some review JSONs (126 to 173 KB) fit, some do not; the database (180 KB) cannot grow.
    lim.rlim_cur = lim.rlim_max = 150 * 1024;
    ::setrlimit(RLIMIT_FSIZE, &lim);
    RunSummary s;
    Status st = RunAnalyze(o, nullptr, &s);
    // 0: ran and some files failed for lack of space; 1: ran, nothing failed; 2: refused.
    if (!st.ok()) std::fprintf(stderr, "%s\n", st.ToString().c_str());
    std::_Exit(!st.ok() ? 2 : s.failed > 0 ? 0 : 1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "the batch died from a signal";
  EXPECT_EQ(WEXITSTATUS(status), 0) << "1: nothing failed (limit too high); 2: refused";
  EXPECT_TRUE(Leftovers().empty());
  int jsons = CompleteJsons();
  auto [integrity, reviews] = CheckDatabase();
  EXPECT_EQ(integrity, "ok");
  EXPECT_LE(reviews, jsons);  // a review is stored only after its JSON is complete
  EXPECT_LT(jsons, 5);

  // With space again, the same command completes the collection.
  RunSummary again;
  ASSERT_TRUE(RunAnalyze(Options(), nullptr, &again).ok());
  EXPECT_EQ(again.failed, 0);
  EXPECT_EQ(again.succeeded + again.skipped, 5);
  EXPECT_EQ(CompleteJsons(), 5);
  EXPECT_EQ(CheckDatabase(), std::make_pair(std::string("ok"), 5));
}

// A PDF that crashes, hangs or eats memory in the reader (provoked here through the workers'
// test hook, SCRX_TEST_FAULT, in front of the real signal, timeout and memory limit) costs that
// file alone: it becomes a failure with its reason, the worker is replaced, and every other
// file is analysed, with one worker and with two.
class IsolationTest : public HostileTest, public ::testing::WithParamInterface<int> {};

TEST_P(IsolationTest, ACrashAHangAndRunawayMemoryCostOneFileEach) {
  CopyReviews();
  const fs::path corpus = fs::path(SCRX_SOURCE_DIR) / "corpus";
  fs::copy_file(corpus / "lr-baby-h-sudi-2023.pdf", dir_ / "in" / "a-crash.pdf");
  fs::copy_file(corpus / "sar-mr-k-homeless-2023.pdf", dir_ / "in" / "b-hang.pdf");
  // Hangs after its JSON is written, before reporting it: killed there, it must leave no JSON.
  fs::copy_file(corpus / "cspr-child-d-sudi-2021.pdf", dir_ / "in" / "d-stall.pdf");
#if defined(__SANITIZE_ADDRESS__)
  const bool oom = false;  // no address-space limit under ASan: the hog would take the machine
#else
  const bool oom = true;
  fs::copy_file(corpus / "dhr-ms-l-2022.pdf", dir_ / "in" / "c-oom.pdf");
#endif
  ::setenv("SCRX_TEST_FAULT", "crash:a-crash;hang:b-hang;oom:c-oom;stall:d-stall", 1);
  AnalyzeOptions o = Options(GetParam());
  o.timeout_seconds = 3;
  o.memory_limit_mb = 1024;
  RunSummary s;
  Status st = RunAnalyze(o, nullptr, &s);
  ::unsetenv("SCRX_TEST_FAULT");
  ASSERT_TRUE(st.ok()) << st.ToString();

  const FileResult* crash = Find(s, "a-crash.pdf");
  ASSERT_NE(crash, nullptr);
  EXPECT_EQ(crash->state, State::kFailed);
  EXPECT_EQ(crash->error_code, "crash");
  EXPECT_NE(crash->error.find("a-crash.pdf"), std::string::npos) << crash->error;
  const FileResult* hang = Find(s, "b-hang.pdf");
  ASSERT_NE(hang, nullptr);
  EXPECT_EQ(hang->error_code, "timeout");
  EXPECT_NE(hang->error.find("longer than 3 s"), std::string::npos) << hang->error;
  const FileResult* stall = Find(s, "d-stall.pdf");
  ASSERT_NE(stall, nullptr);
  EXPECT_EQ(stall->error_code, "timeout");
  if (oom) {
    const FileResult* hog = Find(s, "c-oom.pdf");
    ASSERT_NE(hog, nullptr);
    EXPECT_EQ(hog->error_code, "memory");
    EXPECT_NE(hog->error.find("out of memory (limit 1024 MiB)"), std::string::npos) << hog->error;
  }
  EXPECT_EQ(s.failed, oom ? 4 : 3);
  EXPECT_EQ(s.succeeded, 5);
  for (const char* f : kReviews) {
    const FileResult* r = Find(s, f);
    ASSERT_NE(r, nullptr) << f;
    EXPECT_EQ(r->state, State::kOk) << f << ": " << r->error;
  }
  EXPECT_EQ(CompleteJsons(), 5);
  EXPECT_TRUE(Leftovers().empty());
  EXPECT_EQ(CheckDatabase(), std::make_pair(std::string("ok"), 5));
}

INSTANTIATE_TEST_SUITE_P(Jobs, IsolationTest, ::testing::Values(1, 2));

}  // namespace
}  // namespace scrx::app
