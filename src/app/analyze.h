// `scrx analyze`: a batch of PDFs (files and folders) in, one review JSON per PDF and a run.json
// out. PDFs are read in worker processes (one per job, each reading up to 256 files in turn) with
// a wall-clock limit per file and a memory limit per worker, so one hostile file costs one
// failure record (its worker is replaced), never the batch. The parent alone writes run.json and
// the collection database OUT/scrx.sqlite (src/store/collection.h), one transaction per review as
// each file finishes; a review already stored for the same PDF, scrx version and pattern set is
// skipped, so a killed run resumes where it stopped.
#ifndef SCRX_APP_ANALYZE_H_
#define SCRX_APP_ANALYZE_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "tag/pattern_set.h"

namespace scrx::app {

struct AnalyzeOptions {
  std::vector<std::string> inputs;            // PDF files and folders (searched recursively)
  std::string out_dir;                        // required
  int jobs = 0;                               // parallel files; 0 = one per core
  std::string password;                       // tried on encrypted PDFs
  int timeout_seconds = 120;                  // per file, wall clock
  std::size_t memory_limit_mb = 2048;         // per worker process (its address space)
  const tag::PatternSet* patterns = nullptr;  // required; not owned
  std::string scrx_version;
  bool force = false;  // analyse again the reviews the collection already holds unchanged
  // Called in the parent on each Ctrl-C (SIGINT/SIGTERM) with the count so far and the number of
  // files in progress, to tell the user what happens next.
  std::function<void(int interrupts, int in_progress)> on_interrupt;
};

// The outcome for one input file.
struct FileResult {
  std::string file;    // as found (input path joined with the relative path)
  std::string output;  // the review JSON written, relative to out_dir; empty on failure
  // kSkipped: stored in the collection already, unchanged (`output` is the stored JSON).
  // kNotStarted: the run was interrupted (Ctrl-C) before this file was read; a re-run reads it.
  enum class State { kOk, kFailed, kDuplicate, kSkipped, kNotStarted } state = State::kFailed;
  std::string error_code;  // "corruption", "not_supported", "timeout", "crash", "memory", ...
  std::string error;       // "x.pdf: encrypted: a password is required"
  std::string duplicate_of;
  std::string skip_reason;  // kSkipped: why
  std::string sha256;
  int pages = 0;
  int warnings = 0;
  double seconds = 0;
  std::vector<std::string> themes_present;
};

struct RunSummary {
  std::vector<FileResult> results;  // in input order
  int succeeded = 0, failed = 0, duplicates = 0, skipped = 0, not_started = 0, pages = 0;
  bool interrupted = false;  // SIGINT or SIGTERM stopped the run early
  // Set when the stored reviews could not all be added to the full-text index at the end (the
  // rows are stored; the next run indexes them).
  std::string text_index_error;
  double seconds = 0;
  int jobs = 1;
};

// Called in the parent as files finish (done of total); for progress display.
using ProgressFn = std::function<void(const FileResult& result, int done, int total)>;

// Runs the batch. A non-ok Status means the run itself could not proceed (no inputs found,
// output folder not writable, the collection database cannot be opened); failures of single
// files are in the summary instead, including a review that was analysed but could not be
// stored in the database (its JSON is kept; error_code "database").
//
// SIGINT and SIGTERM (Ctrl-C) are handled while it runs: the first stops starting files, lets
// the files in progress finish and be stored (the children ignore SIGINT), and writes run.json
// with the rest as kNotStarted; a second one kills the files in progress (recorded as failed,
// code "interrupted") and finishes the same way. Every output is written atomically, so a re-run
// of the same command resumes. The previous signal handlers are restored on return.
Status RunAnalyze(const AnalyzeOptions& options, const ProgressFn& progress, RunSummary* summary);

// An input that cannot be analysed, found before any file is read.
struct InputProblem {
  std::string path;
  std::string code;     // "not_found", "not_supported" (not a regular file), "io_error"
  std::string message;  // names the path and the reason
};

// The PDFs under `inputs`: files as given, folders searched recursively for *.pdf in any case,
// each real folder entered once (symlink loops end there). Pairs of (path, path relative to its
// input). A missing input, an unreadable folder, or a *.pdf that is not a regular file (a FIFO,
// which would block a reader for ever, a socket, a device) is a problem instead.
std::vector<std::pair<std::string, std::string>> DiscoverInputs(
    const std::vector<std::string>& inputs, std::vector<InputProblem>* problems);

}  // namespace scrx::app

#endif  // SCRX_APP_ANALYZE_H_
