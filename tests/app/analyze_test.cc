// The batch runner on a folder that mixes good and bad PDFs: every file ends as a result or a
// failure record with a clear reason, the good ones are analysed, run.json records it all, and
// the exit code of `scrx analyze` says so.
#include "app/analyze.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tag/pattern_set.h"

namespace scrx::app {
namespace {

namespace fs = std::filesystem;

const tag::PatternSet& Patterns() {
  static std::unique_ptr<tag::PatternSet> set = [] {
    Status s;
    auto p = tag::PatternSet::Load({std::string(SCRX_SOURCE_DIR) + "/patterns"}, &s);
    EXPECT_TRUE(p) << s.ToString();
    return p;
  }();
  return *set;
}

class BatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("scrx-batch-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in" / "sub");
    const fs::path data = SCRX_TEST_DATA;
    for (const char* f : {"good.pdf", "encrypted.pdf", "truncated.pdf", "not-a-pdf.pdf",
                          "empty.pdf", "damaged-xref.pdf", "scanned.pdf"}) {
      fs::copy_file(data / f, dir_ / "in" / f);
    }
    // A duplicate under another name, a name with spaces, a name that is not UTF-8, a folder
    // below, an upper-case extension and a file that is not a PDF by name (ignored).
    fs::copy_file(data / "good.pdf", dir_ / "in" / "sub" / "good again.PDF");
    std::ofstream(dir_ / "in" / "notes.txt") << "not a review\n";
    fs::copy_file(data / "good.pdf", dir_ / "in" / "review \xff latin1.pdf");
  }
  void TearDown() override { fs::remove_all(dir_); }

  RunSummary Run(const std::string& password = "") {
    AnalyzeOptions o;
    o.inputs = {(dir_ / "in").string()};
    o.out_dir = (dir_ / "out").string();
    o.jobs = 2;
    o.password = password;
    o.patterns = &Patterns();
    o.scrx_version = "test";
    RunSummary s;
    Status st = RunAnalyze(o, nullptr, &s);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return s;
  }

  const FileResult* Find(const RunSummary& s, const std::string& name) {
    for (const FileResult& r : s.results) {
      if (fs::path(r.file).filename() == name) return &r;
    }
    ADD_FAILURE() << "no result for " << name;
    return nullptr;
  }

  fs::path dir_;
};

TEST_F(BatchTest, EveryFileEndsAsAResultOrAFailureWithItsReason) {
  RunSummary s = Run();
  ASSERT_EQ(s.results.size(), 9u);  // notes.txt is not a PDF by name and is not read

  const FileResult* good = Find(s, "good.pdf");
  ASSERT_NE(good, nullptr);
  EXPECT_EQ(good->state, FileResult::State::kOk);
  EXPECT_EQ(good->pages, 2);
  EXPECT_TRUE(fs::exists(dir_ / "out" / "good.json"));

  struct Bad {
    const char* file;
    const char* code;
    const char* message;
  };
  for (const Bad& b : std::vector<Bad>{
           {"encrypted.pdf", "not_supported",
            "encrypted.pdf: encrypted: a password is required (use --password)"},
           {"truncated.pdf", "corruption",
            "truncated.pdf: damaged PDF: Couldn't find trailer dictionary"},
           {"not-a-pdf.pdf", "corruption",
            "not-a-pdf.pdf: not a PDF: the file does not start with %PDF"},
           {"empty.pdf", "corruption", "empty.pdf: empty file (0 bytes)"},
       }) {
    const FileResult* r = Find(s, b.file);
    ASSERT_NE(r, nullptr);
    EXPECT_EQ(r->state, FileResult::State::kFailed) << b.file;
    EXPECT_EQ(r->error_code, b.code) << b.file;
    EXPECT_NE(r->error.find(b.message), std::string::npos) << r->error;
    EXPECT_FALSE(fs::exists(dir_ / "out" / (fs::path(b.file).stem().string() + ".json"))) << b.file;
  }
  // A damaged cross-reference table is rebuilt by Poppler: the file is analysed, nothing lost.
  const FileResult* xref = Find(s, "damaged-xref.pdf");
  ASSERT_NE(xref, nullptr);
  EXPECT_EQ(xref->state, FileResult::State::kOk) << xref->error;
  EXPECT_EQ(xref->pages, 2);
  EXPECT_FALSE(xref->themes_present.empty());
  // No text layer: analysed, with a warning per page.
  const FileResult* scanned = Find(s, "scanned.pdf");
  ASSERT_NE(scanned, nullptr);
  EXPECT_EQ(scanned->state, FileResult::State::kOk);
  EXPECT_EQ(scanned->warnings, 2);  // no_text_layer (page 1), needs_ocr (the document)

  // The same bytes again (other names) are analysed once and reported.
  int duplicates = 0;
  for (const FileResult& r : s.results) duplicates += r.state == FileResult::State::kDuplicate;
  EXPECT_EQ(duplicates, 2);
  EXPECT_EQ(s.failed, 4);

  // run.json holds the same.
  std::ifstream in(dir_ / "out" / "run.json");
  nlohmann::json run = nlohmann::json::parse(in);
  EXPECT_EQ(run["schema"], "scrx.run/1");
  EXPECT_EQ(run["failed"], 4);
  EXPECT_EQ(run["files"], 9);
  std::map<std::string, std::string> status;
  for (const auto& r : run["results"])
    status[fs::path(r["file"].get<std::string>()).filename().string()] = r["status"];
  EXPECT_EQ(status["encrypted.pdf"], "failed");
  EXPECT_EQ(status["good.pdf"], "ok");
  EXPECT_EQ(status["good again.PDF"], "duplicate");
}

TEST_F(BatchTest, TheBiggestFilesAreStartedFirstAndResultsKeepTheInputOrder) {
  // Three readable PDFs of different sizes, alone in a folder.
  const fs::path in = dir_ / "sized";
  fs::create_directories(in);
  const fs::path data = SCRX_TEST_DATA;
  fs::copy_file(data / "scanned.pdf", in / "a-small.pdf");
  fs::copy_file(data / "garbage-text.pdf", in / "b-big.pdf");
  fs::copy_file(data / "good.pdf", in / "c-middle.pdf");
  ASSERT_LT(fs::file_size(in / "a-small.pdf"), fs::file_size(in / "c-middle.pdf"));
  ASSERT_LT(fs::file_size(in / "c-middle.pdf"), fs::file_size(in / "b-big.pdf"));
  AnalyzeOptions o;
  o.inputs = {in.string()};
  o.out_dir = (dir_ / "out").string();
  o.jobs = 1;  // one worker: files end in the order they are started
  o.patterns = &Patterns();
  o.scrx_version = "test";
  std::vector<std::string> ended;
  RunSummary s;
  ASSERT_TRUE(RunAnalyze(
                  o,
                  [&](const FileResult& r, int, int) {
                    ended.push_back(fs::path(r.file).filename().string());
                  },
                  &s)
                  .ok());
  EXPECT_EQ(ended, (std::vector<std::string>{"b-big.pdf", "c-middle.pdf", "a-small.pdf"}));
  ASSERT_EQ(s.results.size(), 3u);
  EXPECT_EQ(fs::path(s.results[0].file).filename(), "a-small.pdf");
  EXPECT_EQ(fs::path(s.results[2].file).filename(), "c-middle.pdf");
  EXPECT_EQ(s.succeeded, 3);
}

TEST_F(BatchTest, PasswordOpensTheEncryptedFile) {
  RunSummary s = Run("secret");
  const FileResult* r = Find(s, "encrypted.pdf");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->state, FileResult::State::kOk) << r->error;
}

int RunBinary(const std::string& args) {
  int rc = std::system((std::string(SCRX_BINARY) + " " + args + " >/dev/null 2>&1").c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

TEST_F(BatchTest, ExitCodeSaysWhetherEverythingSucceeded) {
  EXPECT_EQ(RunBinary("analyze '" + (dir_ / "in").string() + "' -o '" + (dir_ / "out1").string() +
                      "' -j 2"),
            1);
  EXPECT_EQ(RunBinary("analyze '" + (dir_ / "in" / "good.pdf").string() + "' -o '" +
                      (dir_ / "out2").string() + "'"),
            0);
  EXPECT_EQ(RunBinary("analyze"), 2);                                   // usage: no paths, no -o
  EXPECT_EQ(RunBinary("analyze '" + (dir_ / "in").string() + "'"), 2);  // usage: no -o
  EXPECT_EQ(RunBinary("--version"), 0);
}

TEST_F(BatchTest, APatternErrorIsAUsageErrorNamingFileAndLine) {
  fs::create_directories(dir_ / "pack");
  std::ofstream(dir_ / "pack" / "bad.yaml")
      << "id: bad\nlabel: Bad\ngroup: factor\ndefinition: x\nmatch:\n  - regex: '(unclosed'\n";
  std::string cmd = std::string(SCRX_BINARY) + " analyze '" + (dir_ / "in" / "good.pdf").string() +
                    "' -o '" + (dir_ / "out3").string() + "' --patterns '" +
                    (dir_ / "pack").string() + "' 2>&1";
  FILE* p = ::popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[512];
  while (std::fgets(buf, sizeof buf, p) != nullptr) out += buf;
  int rc = ::pclose(p);
  EXPECT_EQ(WEXITSTATUS(rc), 2);
  EXPECT_NE(out.find("bad.yaml:6: bad regex: missing ): (unclosed"), std::string::npos) << out;
}

TEST_F(BatchTest, OutputFolderThatCannotBeCreatedIsRefusedBeforeAnyWork) {
  std::ofstream(dir_ / "a-file") << "x";
  AnalyzeOptions o;
  o.inputs = {(dir_ / "in" / "good.pdf").string()};
  o.out_dir = (dir_ / "a-file" / "out").string();
  o.patterns = &Patterns();
  RunSummary s;
  Status st = RunAnalyze(o, nullptr, &s);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.ToString().find("a-file/out: cannot create folder"), std::string::npos)
      << st.ToString();
  EXPECT_TRUE(s.results.empty());
}

// An unwritable output folder: hostile_inputs_test.cc (run as an ordinary user when root).

}  // namespace
}  // namespace scrx::app
