// Test helper: small collections for the query and export tests. The shared one is six corpus
// reviews analysed by the real `scrx analyze` (once per ctest run, by the CTest fixture
// collection_fixture_analyze; on demand when a test binary runs alone), copied into a folder of
// the test process so tests never share a writable file. Tests that need unusual data build a
// collection of their own from review JSON files with store::Collection::WriteReview, the
// writer `scrx analyze` uses.
#ifndef SCRX_TESTS_TESTING_COLLECTION_FIXTURE_H_
#define SCRX_TESTS_TESTING_COLLECTION_FIXTURE_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/status.h"
#include "document.h"

namespace scrx::testing {

struct ReviewFile {
  std::string json_rel;  // relative to the collection folder
  nlohmann::json json;   // the review JSON as analyze wrote it
};

struct CorpusCollection {
  std::string dir;  // the collection folder (holds scrx.sqlite and the review JSON files)
  std::string db;   // dir/scrx.sqlite
  std::vector<ReviewFile> reviews;  // in run.json order
};

// The shared collection of this process (made on first use). Fails the test (ADD_FAILURE)
// and returns an empty collection when it cannot be made.
const CorpusCollection& SharedCollection();

// A fresh, empty folder for this test (removed at the end of the process).
std::string TempDir(const std::string& name);

// Creates `dir`/scrx.sqlite (replacing one that is there) and writes each review into it with
// store::Collection::WriteReview; `json_rel` entries name the JSON files relative to `dir`.
Status WriteCollection(const std::string& dir, const std::vector<Review>& reviews,
                       const std::vector<std::string>& json_rel);

// Reads a review JSON file into a Review (output::ReadReviewFile).
Status ReadReview(const std::string& path, Review* out);

}  // namespace scrx::testing

#endif  // SCRX_TESTS_TESTING_COLLECTION_FIXTURE_H_
