// Tagging time alone. Reads, lays out and segments each PDF once (with the shipped patterns, as
// `scrx analyze` does), then times tag::Tagger::Tag over the sections of every document with
// the pattern set loaded from the folders given (only those folders: the shipped pack is not
// added, so a pack of 45 or 450 themes is measured as it is).
//
//   scrx-bench-tag --patterns DIR [--patterns DIR...] [--repeat N] [--cold] [--warm]
//                  FILE.pdf|DIR...
//
// --warm calls PatternSet::Warm() after loading the pack (before the children are forked), as
// `scrx analyze` could; warm_seconds is its cost.
//
// Three figures, all CPU seconds of the tagging alone, summed over the documents:
//   cold   (--cold) each document tagged in a child forked after the pack was compiled, as a
//          worker of `scrx analyze` does: RE2 builds DFA states lazily, so every document starts
//          from none. This is what `scrx analyze` pays.
//   first  one pass over the documents in this process: DFA states built for one document are
//          reused by the next (what a long-lived worker would pay).
//   best   the best of --repeat further passes over the same documents (fully warm).
// Prints one line of "key value" pairs.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/pipeline.h"
#include "tag/pattern_set.h"
#include "tag/tagger.h"

namespace {

double CpuNow() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double WallNow() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

bool IsPdf(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".pdf";
}

int Usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s --patterns DIR [--patterns DIR...] [--repeat N] [--cold] [--warm] "
               "FILE.pdf|DIR...\n",
               argv0);
  return 2;
}

struct Doc {
  scrx::Review review;
  scrx::tag::TagContext context;
};

// One pass over `docs`; returns CPU seconds, counts evidence and present themes.
double Pass(const scrx::tag::Tagger& tagger, const std::vector<Doc>& docs, long* evidence,
            int* present) {
  double t = CpuNow();
  *evidence = 0;
  *present = 0;
  for (const Doc& d : docs) {
    int words = 0;
    std::vector<scrx::ThemeResult> themes = tagger.Tag(d.review.sections, &words, d.context);
    for (const scrx::ThemeResult& th : themes) {
      *evidence += static_cast<long>(th.evidence.size());
      *present += th.present ? 1 : 0;
    }
  }
  return CpuNow() - t;
}

// Tags `doc` in a forked child and returns the child's CPU seconds for it (-1 on failure).
double ColdInChild(const scrx::tag::Tagger& tagger, const Doc& doc) {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    close(fds[0]);
    double t = CpuNow();
    int words = 0;
    std::vector<scrx::ThemeResult> themes = tagger.Tag(doc.review.sections, &words, doc.context);
    double sec = CpuNow() - t;
    ssize_t n = write(fds[1], &sec, sizeof sec);
    _exit(n == sizeof sec ? 0 : 1);
  }
  close(fds[1]);
  double sec = -1;
  if (read(fds[0], &sec, sizeof sec) != sizeof sec) sec = -1;
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return sec;
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  std::vector<std::string> pattern_dirs, inputs;
  int repeat = 3;
  bool cold = false, warm = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--patterns" && i + 1 < argc) {
      pattern_dirs.push_back(argv[++i]);
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--cold") {
      cold = true;
    } else if (a == "--warm") {
      warm = true;
    } else if (a.starts_with("-")) {
      return Usage(argv[0]);
    } else {
      inputs.push_back(a);
    }
  }
  if (pattern_dirs.empty() || inputs.empty()) return Usage(argv[0]);

  std::vector<std::string> files;
  for (const std::string& in : inputs) {
    if (fs::is_directory(in)) {
      for (const auto& e : fs::recursive_directory_iterator(in)) {
        if (e.is_regular_file() && IsPdf(e.path())) files.push_back(e.path().string());
      }
    } else {
      files.push_back(in);
    }
  }
  std::sort(files.begin(), files.end());

  scrx::Status status;
  std::unique_ptr<scrx::tag::PatternSet> shipped =
      scrx::tag::PatternSet::Load({scrx::tag::DefaultPatternsDir()}, &status);
  if (!shipped) {
    std::fprintf(stderr, "%s\n", status.ToString().c_str());
    return 2;
  }
  double compile_start = WallNow();
  std::unique_ptr<scrx::tag::PatternSet> pack = scrx::tag::PatternSet::Load(pattern_dirs, &status);
  double compile_seconds = WallNow() - compile_start;
  if (!pack) {
    std::fprintf(stderr, "%s\n", status.ToString().c_str());
    return 2;
  }

  // Read, lay out and segment once.
  std::vector<Doc> docs;
  long pages = 0;
  double read_start = WallNow();
  for (const std::string& f : files) {
    scrx::app::PipelineOptions po;
    po.patterns = shipped.get();
    Doc d;
    if (scrx::Status s = scrx::app::AnalyzeFile(f, f, po, &d.review); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      continue;
    }
    pages += d.review.source.pdf.pages;
    const std::string& type = d.review.metadata.review_type.value;
    d.context.adult_review =
        type == "sar" || type == "dhr" || type == "adult_practice_review_wales";
    d.review.themes.clear();
    d.review.findings.clear();
    d.review.recommendations.clear();
    docs.push_back(std::move(d));
  }
  double read_seconds = WallNow() - read_start;

  double warm_seconds = 0;
  if (warm) {
    double t = CpuNow();
    pack->Warm();
    warm_seconds = CpuNow() - t;
  }

  scrx::tag::Tagger tagger(pack.get());
  // Cold first: the pack has not tagged anything yet in this process.
  double cold_seconds = -1;
  if (cold) {
    cold_seconds = 0;
    for (const Doc& d : docs) {
      double s = ColdInChild(tagger, d);
      if (s < 0) {
        std::fprintf(stderr, "scrx-bench-tag: a child failed\n");
        return 1;
      }
      cold_seconds += s;
    }
  }
  long evidence = 0;
  int present = 0;
  double first = Pass(tagger, docs, &evidence, &present);
  double best = 0;
  for (int r = 0; r < repeat; ++r) {
    double s = Pass(tagger, docs, &evidence, &present);
    best = r == 0 ? s : std::min(best, s);
  }
  std::printf(
      "themes %zu documents %zu pages %ld evidence %ld present %d compile_seconds %.3f "
      "read_seconds %.3f warm_seconds %.3f tag_seconds_cold %.4f tag_seconds_first %.4f "
      "tag_seconds_best %.4f "
      "repeat %d\n",
      pack->themes().size(), docs.size(), pages, evidence, present, compile_seconds, read_seconds,
      warm_seconds, cold_seconds, first, best, repeat);
  return 0;
}
