// The main process's share of `scrx analyze`: reading each review JSON back and storing it in
// the collection database, timed apart from the workers.
//
//   scrx-bench-store OUTDIR_OF_A_RUN [--repeat N]
//
// Reads every *.json review of OUTDIR (a folder `scrx analyze` wrote; run.json is skipped)
// into memory, then N times (default 3) creates a new collection in a temporary folder and
// stores them all, one transaction per review as `scrx analyze` does. Prints the CPU seconds
// of the read-back (JSON text to Review) and of the stores, the median of the repeats, on one
// line each.
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "base/files.h"
#include "document.h"
#include "output/review_json.h"
#include "store/collection.h"

namespace {

double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s OUTDIR [--repeat N]\n", argv[0]);
    return 2;
  }
  int repeat = 3;
  if (argc >= 4 && std::string(argv[2]) == "--repeat") repeat = std::max(1, std::atoi(argv[3]));
  std::vector<std::pair<std::string, std::string>> texts;  // relative path, JSON text
  for (const auto& e : fs::recursive_directory_iterator(argv[1])) {
    if (!e.is_regular_file() || e.path().extension() != ".json") continue;
    if (e.path().filename() == "run.json") continue;
    std::string text;
    if (scrx::Status s = scrx::ReadFile(e.path().string(), &text); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      return 1;
    }
    texts.emplace_back(fs::relative(e.path(), argv[1]).string(), std::move(text));
  }
  std::sort(texts.begin(), texts.end());

  std::vector<double> read_s, store_s;
  fs::path dir = fs::temp_directory_path() / ("scrx-bench-store-" + std::to_string(::getpid()));
  for (int r = 0; r < repeat; ++r) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    scrx::Status s;
    auto c = scrx::store::Collection::Open((dir / scrx::store::kCollectionFile).string(),
                                           scrx::store::Database::Mode::kReadWrite, &s);
    if (!c) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      return 1;
    }
    double read = 0, store = 0;
    for (const auto& [rel, text] : texts) {
      double t0 = CpuSeconds();
      scrx::Review review;
      s = scrx::output::ReviewFromJsonText(text, rel, &review);
      double t1 = CpuSeconds();
      if (!s.ok()) {
        std::fprintf(stderr, "%s\n", s.ToString().c_str());
        return 1;
      }
      s = c->WriteReview(review, rel, "bench", "bench", "2026-01-01T00:00:00Z");
      store += CpuSeconds() - t1;
      read += t1 - t0;
      if (!s.ok()) {
        std::fprintf(stderr, "%s\n", s.ToString().c_str());
        return 1;
      }
    }
    double t = CpuSeconds();
    c.reset();  // closing indexes what waits for the full-text index
    store += CpuSeconds() - t;
    read_s.push_back(read);
    store_s.push_back(store);
  }
  fs::remove_all(dir);
  std::printf("reviews %zu repeats %d read_back_cpu_s %.3f store_cpu_s %.3f\n", texts.size(),
              repeat, Median(read_s), Median(store_s));
  return 0;
}
