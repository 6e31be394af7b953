#include "testing/collection_fixture.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/files.h"
#include "output/review_json.h"
#include "store/collection.h"

namespace scrx::testing {
namespace {

namespace fs = std::filesystem;

// Removes this process's temporary folders when it exits.
struct TempRoot {
  fs::path root =
      fs::temp_directory_path() / ("scrx-collection-test-" + std::to_string(::getpid()));
  ~TempRoot() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
};
TempRoot& Root() {
  static TempRoot root;
  return root;
}

std::vector<std::string> Split(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ';')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

// Runs `scrx analyze` on the fixture's PDFs into `dir` (what the CTest fixture step does).
bool Analyze(const fs::path& dir) {
  std::string cmd = std::string(SCRX_BINARY) + " analyze";
  for (const std::string& pdf : Split(SCRX_COLLECTION_PDFS)) cmd += " '" + pdf + "'";
  cmd += " -o '" + dir.string() + "' -j 2 --force > '" + dir.string() + ".log' 2>&1";
  int rc = std::system(cmd.c_str());
  EXPECT_EQ(rc, 0) << cmd << "\nsee " << dir.string() << ".log";
  return rc == 0;
}

CorpusCollection MakeShared() {
  CorpusCollection c;
  const fs::path shared = SCRX_COLLECTION_FIXTURE;
  std::error_code ec;
  if (!fs::exists(shared / "run.json", ec) && !Analyze(shared)) return c;
  const fs::path dir = TempDir("shared");
  fs::copy(shared, dir, fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
  if (ec) {
    ADD_FAILURE() << "cannot copy " << shared << ": " << ec.message();
    return c;
  }
  std::string text;
  Status s = ReadFile((dir / "run.json").string(), &text);
  if (!s.ok()) {
    ADD_FAILURE() << s.ToString();
    return c;
  }
  nlohmann::json run = nlohmann::json::parse(text);
  std::vector<Review> reviews;
  std::vector<std::string> rel;
  for (const auto& r : run["results"]) {
    if (!r["output"].is_string() || r["output"].get<std::string>().empty()) continue;
    ReviewFile f;
    f.json_rel = r["output"].get<std::string>();
    if (s = ReadFile((dir / f.json_rel).string(), &text); !s.ok()) {
      ADD_FAILURE() << s.ToString();
      return c;
    }
    f.json = nlohmann::json::parse(text);
    Review review;
    if (s = ReadReview((dir / f.json_rel).string(), &review); !s.ok()) {
      ADD_FAILURE() << s.ToString();
      return c;
    }
    reviews.push_back(std::move(review));
    rel.push_back(f.json_rel);
    c.reviews.push_back(std::move(f));
  }
  // `scrx analyze` keeps the database itself; a folder from an older scrx gets one here.
  if (!fs::exists(dir / store::kCollectionFile, ec)) {
    if (s = WriteCollection(dir.string(), reviews, rel); !s.ok()) {
      ADD_FAILURE() << s.ToString();
      return c;
    }
  }
  c.dir = dir.string();
  c.db = (dir / store::kCollectionFile).string();
  return c;
}

}  // namespace

std::string TempDir(const std::string& name) {
  const fs::path dir = Root().root / name;
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  return dir.string();
}

const CorpusCollection& SharedCollection() {
  static const CorpusCollection c = MakeShared();
  return c;
}

Status WriteCollection(const std::string& dir, const std::vector<Review>& reviews,
                       const std::vector<std::string>& json_rel) {
  const fs::path db = fs::path(dir) / store::kCollectionFile;
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix, ec);
  Status s;
  auto c = store::Collection::Open(db.string(), store::Database::Mode::kReadWrite, &s);
  if (!c) return s;
  for (size_t i = 0; i < reviews.size(); ++i) {
    s = c->WriteReview(reviews[i], i < json_rel.size() ? json_rel[i] : "", "test", "test-patterns",
                       "2024-01-02T03:04:05Z");
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status ReadReview(const std::string& path, Review* out) {
  return output::ReadReviewFile(path, out);
}

}  // namespace scrx::testing
