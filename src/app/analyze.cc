#include "app/analyze.h"

#include <fcntl.h>
#include <malloc.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#if defined(SCRX_WITH_TCMALLOC)
#include <gperftools/malloc_extension_c.h>
#endif

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <new>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "app/pipeline.h"
#include "base/files.h"
#include "base/sha256.h"
#include "layout/dehyphenate.h"
#include "output/review_json.h"
#include "store/collection.h"

namespace scrx::app {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

bool HasPdfExtension(const fs::path& p) {
  std::string ext = p.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext == ".pdf";
}

// `path` relative to the folder `root` it was found in, as written (symlinks not resolved);
// its file name alone if that would not stay inside (which the walk of `root` never gives).
std::string InsideRelPath(const fs::path& path, const fs::path& root) {
  fs::path rel = path.lexically_relative(root).lexically_normal();
  if (rel.empty() || rel.is_absolute() || *rel.begin() == "..") return path.filename().string();
  return rel.string();
}

std::string OutputRelPath(const std::string& rel) {
  fs::path p(rel);
  if (HasPdfExtension(p))
    p.replace_extension(".json");
  else
    p += ".json";
  return p.string();
}

bool SanitizerBuild() {
#if defined(__SANITIZE_ADDRESS__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return true;
#else
  return false;
#endif
#else
  return false;
#endif
}

// Ctrl-C: the handler only counts; the batch loop reads the count (poll wakes with EINTR).
volatile std::sig_atomic_t g_interrupts = 0;

extern "C" void OnInterrupt(int) { g_interrupts = g_interrupts + 1; }

// Installs the handlers for SIGINT and SIGTERM (and ignores SIGPIPE) for the life of the run,
// then restores the old.
class InterruptScope {
 public:
  InterruptScope() {
    g_interrupts = 0;
    struct sigaction sa {};
    sa.sa_handler = &OnInterrupt;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: poll and waitpid return EINTR
    ::sigaction(SIGINT, &sa, &old_int_);
    ::sigaction(SIGTERM, &sa, &old_term_);
    // A worker that dies makes a write to its pipe fail with EPIPE instead of killing the run.
    struct sigaction ign {};
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    ::sigaction(SIGPIPE, &ign, &old_pipe_);
  }
  ~InterruptScope() {
    ::sigaction(SIGINT, &old_int_, nullptr);
    ::sigaction(SIGTERM, &old_term_, nullptr);
    ::sigaction(SIGPIPE, &old_pipe_, nullptr);
  }
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
  struct sigaction old_pipe_ {};
};

struct Job {
  std::string path, rel;
  size_t index;
  std::uint64_t bytes;
};

// A test hook: SCRX_TEST_FAULT="crash:NAME;hang:NAME;oom:NAME;stall:NAME" makes a worker fail
// that way on any file whose path contains NAME, as a hostile PDF can make a PDF library fail
// (segfault, endless loop, runaway allocation), so that the isolation of workers can be tested
// (tests/app/hostile_inputs_test.cc). "stall" hangs after the review JSON is written and before
// it is reported: the moment a kill must not leave a JSON the collection does not know. Called
// with `written` false before the file is read and true after its JSON is written. Nothing
// happens without the variable.
void InjectFault(const std::string& path, bool written) {
  const char* spec = std::getenv("SCRX_TEST_FAULT");
  if (spec == nullptr) return;
  std::string_view rest(spec);
  while (!rest.empty()) {
    std::string_view item = rest.substr(0, rest.find(';'));
    rest.remove_prefix(std::min(rest.size(), item.size() + 1));
    size_t colon = item.find(':');
    if (colon == std::string_view::npos || colon + 1 == item.size()) continue;
    std::string_view kind = item.substr(0, colon);
    if (path.find(item.substr(colon + 1)) == std::string::npos) continue;
    if (written != (kind == "stall")) continue;
    if (kind == "crash") ::raise(SIGSEGV);
    if (kind == "hang" || kind == "stall") {
      for (;;) ::pause();
    }
    if (kind == "oom") {
      std::vector<std::unique_ptr<char[]>> hog;
      for (;;) {
        hog.emplace_back(new char[64 << 20]);
        std::memset(hog.back().get(), 1, 64 << 20);
      }
    }
  }
}

// One file, analysed in a worker: the review JSON written and synced under its temporary name
// (TempOutputPath), and the report the worker sends back, one JSON object. The parent renames
// the JSON into place when it records the result, so a worker killed at any moment (timeout,
// second Ctrl-C, crash) never leaves a review JSON that the run and the collection do not
// count.
nlohmann::json AnalyzeJob(const Job& job, const AnalyzeOptions& options) {
  nlohmann::json report;
  try {
    InjectFault(job.path, /*written=*/false);
    PipelineOptions po;
    po.password = options.password;
    po.patterns = options.patterns;
    Review review;
    Status s = AnalyzeFile(job.path, job.path, po, &review);
    if (s.ok()) {
      output::JsonOptions jo;
      jo.scrx_version = options.scrx_version;
      jo.patterns_hash = options.patterns->hash();
      std::string text = output::ReviewJsonText(review, jo) + "\n";
      std::string rel_out = OutputRelPath(job.rel);
      std::string tmp;
      s = WriteFileTemp((fs::path(options.out_dir) / rel_out).string(), text, &tmp);
      if (s.ok()) InjectFault(job.path, /*written=*/true);
      if (!s.ok()) {
        s = Status::IOError(job.path,
                            "analysed, but the JSON could not be written: " + s.ToString());
      }
      if (s.ok()) {
        report["ok"] = true;
        report["output"] = rel_out;
        report["pages"] = review.source.pdf.pages;
        report["warnings"] = review.warnings.size();
        std::vector<std::string> present;
        for (const ThemeResult& t : review.themes) {
          if (t.present) present.push_back(t.id);
        }
        report["themes"] = present;
      }
    }
    if (!s.ok()) {
      report["ok"] = false;
      report["code"] = std::string(s.CodeName());
      report["message"] = s.ToString();
    }
  } catch (const std::bad_alloc&) {
    report = {{"ok", false},
              {"code", "memory"},
              {"message", job.path + ": out of memory (limit " +
                              std::to_string(options.memory_limit_mb) + " MiB)"}};
  } catch (const std::exception& e) {
    report = {{"ok", false},
              {"code", "internal"},
              {"message", job.path + ": internal error: " + e.what()}};
  }
  return report;
}

// Writes all of `data`; false when the other end is gone.
bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// After running out of memory or an exception from deep inside a library, a worker's state is
// not to be trusted with another file: it exits after its report, and the parent, knowing
// that, gives it no other.
bool EndsWorker(const std::string& error_code) {
  return error_code == "memory" || error_code == "internal";
}

// A worker gives its free heap back to the system (ReleaseFreeHeap) after a file that left it
// with more than this much resident memory above what it had before its first file.
constexpr long long kTrimAboveBytes = 64LL << 20;

// Returns the free memory the allocator holds to the system: tcmalloc's free pages, or the free
// top and holes of glibc's heap (malloc_trim), whichever allocator the program links.
void ReleaseFreeHeap() {
#if defined(SCRX_WITH_TCMALLOC)
  MallocExtension_ReleaseFreeMemory();
#else
  ::malloc_trim(0);
#endif
}

// The resident memory of this process in bytes (/proc/self/statm), or -1 if unknown.
long long ResidentBytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (f == nullptr) return -1;
  long long size = 0, resident = -1;
  if (std::fscanf(f, "%lld %lld", &size, &resident) != 2) resident = -1;
  std::fclose(f);
  return resident < 0 ? -1 : resident * ::sysconf(_SC_PAGESIZE);
}

// The worker process: reads jobs ("path\0rel\0": file names may hold any byte but NUL) from
// `job_fd` until the parent closes it, and answers each with one line of JSON on `result_fd`.
// A worker lives for several files so that what each file needs and no file changes (Poppler's
// global state, the dictionary, the regex automata RE2 builds as it meets text) is built once
// per worker, not once per file; the parent retires it after kFilesPerWorker files.
[[noreturn]] void WorkerMain(int job_fd, int result_fd, const AnalyzeOptions& options) {
  if (!SanitizerBuild() && options.memory_limit_mb > 0) {
    rlimit lim{};
    lim.rlim_cur = lim.rlim_max = static_cast<rlim_t>(options.memory_limit_mb) << 20;
    setrlimit(RLIMIT_AS, &lim);
  }
  const long long resident_at_start = ResidentBytes();
  std::string in;
  char buf[4096];
  for (;;) {
    // One job: two NUL-terminated strings.
    size_t first = in.find('\0');
    size_t second = first == std::string::npos ? first : in.find('\0', first + 1);
    if (second == std::string::npos) {
      ssize_t n = ::read(job_fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) std::_Exit(0);  // the parent is done with this worker
      in.append(buf, static_cast<size_t>(n));
      continue;
    }
    Job job{in.substr(0, first), in.substr(first + 1, second - first - 1), 0};
    in.erase(0, second + 1);
    nlohmann::json report = AnalyzeJob(job, options);
    std::string line = report.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    if (!WriteAll(result_fd, line)) std::_Exit(0);
    // Memory a file freed goes back to the system before the next when the worker holds much
    // more than it started with, so that its footprint is that of the largest file it read,
    // not the sum. Not after every file: both allocators give memory back on their own over
    // time, what a typical review leaves free is a few megabytes (4 to 12 on the benchmark
    // collection, under glibc) that the next one reuses, and giving them back cost page faults
    // (1.0 s of system time against 0.8 over that collection at -j1). Resident memory, read
    // from /proc, is the test: glibc's own count of free memory (mallinfo2) walks every free
    // chunk, and cost 2% of a run.
    if (long long rss = ResidentBytes();
        rss < 0 || resident_at_start < 0 || rss - resident_at_start > kTrimAboveBytes) {
      ReleaseFreeHeap();
    }
    if (EndsWorker(report.value("code", ""))) std::_Exit(0);
  }
}

// Files a worker reads before it is replaced by a fresh one: what it built for earlier files is
// reused (the point of keeping it), while anything a library keeps and never frees cannot
// accumulate for a whole batch.
constexpr int kFilesPerWorker = 256;

// A worker process and the file it is reading, if any.
struct Worker {
  pid_t pid = -1;
  int job_fd = -1;     // the parent writes jobs here
  int result_fd = -1;  // and reads the reports here
  int files = 0;       // files given to it
  bool busy = false;
  Job job;  // while busy
  Clock::time_point start;
  std::string buffer;  // what the worker wrote and the parent has not handled
  bool timed_out = false;
  bool interrupted = false;  // killed by a second Ctrl-C
};

// The workers of one run; whatever way the run ends, none outlives it.
class WorkerPool {
 public:
  WorkerPool() = default;
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  ~WorkerPool() {
    for (Worker& w : workers_) Stop(&w);
  }

  std::vector<Worker>& workers() { return workers_; }

  // Starts a worker (forked: it shares the compiled patterns and the dictionary loaded before).
  Status Start(const AnalyzeOptions& options, pid_t parent) {
    int jobs[2], results[2];
    if (::pipe2(jobs, O_CLOEXEC) != 0) {
      return Status::IOError("analyze",
                             std::string("cannot create a pipe: ") + std::strerror(errno));
    }
    if (::pipe2(results, O_CLOEXEC) != 0) {
      int e = errno;
      ::close(jobs[0]);
      ::close(jobs[1]);
      return Status::IOError("analyze", std::string("cannot create a pipe: ") + std::strerror(e));
    }
    pid_t pid = ::fork();
    if (pid < 0) {
      int e = errno;
      for (int fd : {jobs[0], jobs[1], results[0], results[1]}) ::close(fd);
      return Status::IOError("analyze", std::string("cannot start a worker: ") + std::strerror(e));
    }
    if (pid == 0) {
      // A killed parent takes its workers with it: no orphan keeps writing into out_dir while a
      // re-run starts.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) std::_Exit(1);
      // Ctrl-C reaches the whole process group: the parent decides whether a worker stops.
      ::signal(SIGINT, SIG_IGN);
      ::signal(SIGTERM, SIG_DFL);
      ::close(jobs[1]);
      ::close(results[0]);
      // The other workers' pipes: held here, they would hide those workers' ends from the parent.
      for (const Worker& o : workers_) {
        if (o.pid <= 0) continue;  // ended: its descriptors are closed (and may be reused)
        ::close(o.job_fd);
        ::close(o.result_fd);
      }
      WorkerMain(jobs[0], results[1], options);
    }
    ::close(jobs[0]);
    ::close(results[1]);
    Worker w;
    w.pid = pid;
    w.job_fd = jobs[1];
    w.result_fd = results[0];
    workers_.push_back(std::move(w));
    return Status::Ok();
  }

  // Ends a worker that is idle (or whose file has failed) and reaps it.
  static void Stop(Worker* w) {
    if (w->pid <= 0) return;
    ::kill(w->pid, SIGKILL);
    Reap(w);
  }

  // Reaps a worker that has closed its end (exited or died): its exit status.
  static int Reap(Worker* w) {
    int status = 0;
    while (::waitpid(w->pid, &status, 0) < 0 && errno == EINTR) {
    }
    ::close(w->job_fd);
    ::close(w->result_fd);
    w->pid = -1;
    w->job_fd = w->result_fd = -1;
    return status;
  }

  // Drops the workers that have ended.
  void Prune() {
    workers_.erase(std::remove_if(workers_.begin(), workers_.end(),
                                  [](const Worker& w) { return w.pid <= 0; }),
                   workers_.end());
  }

 private:
  std::vector<Worker> workers_;
};

void Finish(const Worker& r, int wstatus, const AnalyzeOptions& options, FileResult* res) {
  res->seconds = std::chrono::duration<double>(Clock::now() - r.start).count();
  nlohmann::json report;
  bool parsed = false;
  if (!r.buffer.empty()) {
    try {
      report = nlohmann::json::parse(r.buffer);
      parsed = report.is_object();
    } catch (const nlohmann::json::exception&) {
      parsed = false;
    }
  }
  // A complete report counts even if the worker was killed after sending it: the file is done.
  if (parsed && report.value("ok", false)) {
    res->state = FileResult::State::kOk;
    res->output = report.value("output", "");
    res->pages = report.value("pages", 0);
    res->warnings = report.value("warnings", 0);
    res->themes_present = report.value("themes", std::vector<std::string>{});
    return;
  }
  if (r.interrupted) {
    res->state = FileResult::State::kFailed;
    res->error_code = "interrupted";
    res->error = r.job.path + ": interrupted (Ctrl-C) while it was read; run again to resume";
    return;
  }
  if (r.timed_out) {
    res->state = FileResult::State::kFailed;
    res->error_code = "timeout";
    res->error = r.job.path + ": timeout: reading took longer than " +
                 std::to_string(options.timeout_seconds) + " s (the file was skipped)";
    return;
  }
  res->state = FileResult::State::kFailed;
  if (parsed) {
    res->error_code = report.value("code", "error");
    res->error = report.value("message", r.job.path + ": failed");
    return;
  }
  if (WIFSIGNALED(wstatus)) {
    int sig = WTERMSIG(wstatus);
    bool memory = sig == SIGKILL || sig == SIGSEGV || sig == SIGABRT;
    res->error_code = "crash";
    res->error = r.job.path + ": crashed while reading (signal " + std::to_string(sig) + ", " +
                 strsignal(sig) + ")" +
                 (memory ? "; the file may need more than the memory limit of " +
                               std::to_string(options.memory_limit_mb) + " MiB"
                         : "");
    return;
  }
  res->error_code = "crash";
  res->error = r.job.path + ": the reader exited without a result (status " +
               std::to_string(WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1) + ")";
}

std::string NowIso();

// Records a failed file in the collection (its stored rows, if any, stay).
void RecordInCollection(store::Collection* collection, FileResult* res) {
  Status s =
      collection->RecordFailure(res->file, res->sha256, res->error_code, res->error, NowIso());
  if (!s.ok()) res->error += " (not recorded in the collection: " + s.ToString() + ")";
}

std::string NowIso() {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The parent stores a finished review: the child's JSON, read back, in one transaction. A
// database error makes the file a failure (its JSON stays) and never stops the batch.
void StoreInCollection(store::Collection* collection, const AnalyzeOptions& options,
                       const std::string& temp, FileResult* res) {
  const std::string path = (fs::path(options.out_dir) / res->output).string();
  if (Status c = CommitFile(temp, path); !c.ok()) {
    res->state = FileResult::State::kFailed;
    res->error_code = std::string(c.CodeName());
    res->error = res->file + ": analysed, but the JSON could not be written: " + c.ToString();
    RecordInCollection(collection, res);
    return;
  }
  Review review;
  Status s = output::ReadReviewFile(path, &review);
  if (s.ok()) {
    // The file as this run found it, whatever the JSON says.
    review.source.file = res->file;
    review.source.sha256 = res->sha256;
    s = collection->WriteReview(review, res->output, options.scrx_version, options.patterns->hash(),
                                NowIso());
  }
  if (s.ok()) return;
  res->state = FileResult::State::kFailed;
  res->error_code = "database";
  res->error = res->file + ": analysed, but not stored in the collection (the JSON " + res->output +
               " is kept): " + s.ToString();
  RecordInCollection(collection, res);
}

}  // namespace

std::vector<std::pair<std::string, std::string>> DiscoverInputs(
    const std::vector<std::string>& inputs, std::vector<InputProblem>* problems) {
  std::vector<std::pair<std::string, std::string>> out;
  // A *.pdf that is not a regular file once symlinks are followed: never opened.
  auto special = [&](const fs::path& p) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec) return false;  // a dangling or looping symlink: reading it reports why
    if (fs::is_regular_file(st) || fs::is_directory(st)) return false;
    problems->push_back({p.string(), "not_supported",
                         p.string() + ": not a regular file (a FIFO, socket or device): skipped"});
    return true;
  };
  for (const std::string& input : inputs) {
    std::error_code ec;
    fs::file_status st = fs::status(input, ec);
    if (ec || !fs::exists(st)) {
      fs::file_status lst = fs::symlink_status(input, ec);
      problems->push_back({input, "not_found",
                           input + (fs::is_symlink(lst) ? ": broken or looping symbolic link"
                                                        : ": no such file or folder")});
      continue;
    }
    if (!fs::is_directory(st)) {
      if (!special(input)) out.emplace_back(input, fs::path(input).filename().string());
      continue;
    }
    std::vector<std::pair<std::string, std::string>> found;
    std::set<std::string> visited;
    fs::recursive_directory_iterator it(input,
                                        fs::directory_options::follow_directory_symlink |
                                            fs::directory_options::skip_permission_denied,
                                        ec);
    if (ec) {
      problems->push_back({input, "io_error", input + ": cannot read folder: " + ec.message()});
      continue;
    }
    visited.insert(fs::canonical(input, ec).string());
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        problems->push_back(
            {it->path().string(), "io_error", it->path().string() + ": " + ec.message()});
        ec.clear();
        continue;
      }
      const fs::directory_entry& e = *it;
      std::error_code ec2;
      if (e.is_directory(ec2)) {
        // A symlink back up the tree would loop for ever: enter each real folder once.
        std::string canon = fs::canonical(e.path(), ec2).string();
        if (ec2 || !visited.insert(canon).second) it.disable_recursion_pending();
        continue;
      }
      if (!HasPdfExtension(e.path())) continue;
      if (special(e.path())) continue;
      // Lexically: fs::relative would resolve a symlinked PDF to its target and name an output
      // outside out_dir ("../elsewhere/x.json").
      found.emplace_back(e.path().string(), InsideRelPath(e.path(), input));
    }
    std::sort(found.begin(), found.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
    out.insert(out.end(), found.begin(), found.end());
  }
  return out;
}

Status RunAnalyze(const AnalyzeOptions& options, const ProgressFn& progress, RunSummary* summary) {
  *summary = RunSummary{};
  if (options.patterns == nullptr) return Status::InvalidArgument("analyze", "no pattern set");
  if (options.out_dir.empty()) return Status::InvalidArgument("analyze", "no output folder (-o)");
  if (Status s = MakeDirs(options.out_dir); !s.ok()) return s;
  // Refuse early when the output folder cannot be written, before any work is done.
  if (::access(options.out_dir.c_str(), W_OK) != 0) {
    return Status::IOError(options.out_dir,
                           std::string("output folder is not writable: ") + std::strerror(errno));
  }
  // From here on Ctrl-C is handled: whatever has been done is kept and run.json written.
  InterruptScope interrupt_scope;
  const std::string db_path = (fs::path(options.out_dir) / store::kCollectionFile).string();
  Status db_status;
  std::unique_ptr<store::Collection> collection =
      store::Collection::Open(db_path, store::Database::Mode::kReadWrite, &db_status);
  if (!collection) return db_status;
  const std::string& patterns_hash = options.patterns->hash();
  auto started = Clock::now();
  std::string started_iso = NowIso();
  std::vector<InputProblem> problems;
  std::vector<std::pair<std::string, std::string>> files =
      DiscoverInputs(options.inputs, &problems);
  if (files.empty() && problems.empty()) {
    return Status::NotFound("analyze", "no PDF files found in the inputs given");
  }

  // Results: discovery problems first, then every file in order.
  for (InputProblem& p : problems) {
    FileResult r;
    r.file = std::move(p.path);
    r.error_code = std::move(p.code);
    r.error = std::move(p.message);
    summary->results.push_back(std::move(r));
  }
  std::map<std::string, size_t> by_hash;
  std::vector<Job> jobs;
  std::map<std::string, int> out_names;
  for (const auto& [path, rel] : files) {
    FileResult r;
    r.file = path;
    std::uint64_t bytes = 0;
    Status hs = Sha256File(path, &r.sha256, &bytes);
    size_t index = summary->results.size();
    if (!hs.ok()) {
      r.error_code = std::string(hs.CodeName());
      r.error = hs.ToString();
    } else if (auto it = by_hash.find(r.sha256); it != by_hash.end()) {
      r.state = FileResult::State::kDuplicate;
      r.duplicate_of = summary->results[it->second].file;
    } else {
      by_hash[r.sha256] = index;
      // Two inputs with the same relative path (from two folders) must not overwrite each other.
      // Skipped files take their names too, so a re-run names every output as the first did.
      std::string out_rel = rel;
      int n = ++out_names[OutputRelPath(rel)];
      if (n > 1) out_rel = rel + "~" + std::to_string(n);
      store::Collection::Stored stored;
      std::error_code ec;
      if (!options.force &&
          collection->IsCurrent(path, r.sha256, options.scrx_version, patterns_hash, &stored) &&
          stored.json == OutputRelPath(out_rel) &&
          fs::is_regular_file(fs::path(options.out_dir) / stored.json, ec)) {
        r.state = FileResult::State::kSkipped;
        r.output = stored.json;
        r.pages = stored.pages;
        r.themes_present = std::move(stored.themes_present);
        r.skip_reason =
            "stored " + stored.analysed_at + " from the same PDF, scrx version and pattern set";
      } else {
        jobs.push_back({path, out_rel, index, bytes});
      }
    }
    summary->results.push_back(std::move(r));
  }

  // The biggest files first: with several workers, a 300-page review started last would leave
  // the others idle while it runs. (Results keep the order of the inputs.)
  std::stable_sort(jobs.begin(), jobs.end(),
                   [](const Job& a, const Job& b) { return a.bytes > b.bytes; });

  int max_jobs = options.jobs > 0
                     ? options.jobs
                     : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  summary->jobs = max_jobs;
  const int total = static_cast<int>(summary->results.size());
  int done = 0;
  // Report the files that were settled without a child (missing, unreadable, duplicates,
  // already stored).
  for (FileResult& r : summary->results) {
    bool settled = r.state == FileResult::State::kDuplicate ||
                   r.state == FileResult::State::kSkipped || !r.error_code.empty();
    if (r.state == FileResult::State::kFailed && !r.error_code.empty()) {
      RecordInCollection(collection.get(), &r);
    }
    if (settled && progress) progress(r, ++done, total);
  }

  // Loaded once, before the workers are forked, so that they share it (each would otherwise
  // read the dictionary again).
  layout::DefaultLexicon();
  WorkerPool pool;
  std::vector<Worker>& workers = pool.workers();
  const pid_t parent = ::getpid();
  size_t next = 0;
  int interrupts_seen = 0;
  auto busy = [&] {
    return static_cast<int>(
        std::count_if(workers.begin(), workers.end(), [](const Worker& w) { return w.busy; }));
  };
  // A file is done: its result is recorded at once, and stored in the collection and reported
  // by `store_settled` after the workers have their next files (a worker waiting while the
  // parent writes the database would make the two take turns instead of overlapping).
  // Each with the temporary name of its JSON.
  std::vector<std::pair<size_t, std::string>> settled;
  auto store_settled = [&] {
    for (const auto& [index, temp] : settled) {
      FileResult& res = summary->results[index];
      if (res.state == FileResult::State::kOk) {
        StoreInCollection(collection.get(), options, temp, &res);
      } else if (res.error_code != "interrupted") {
        RecordInCollection(collection.get(), &res);
      }
      if (progress) progress(res, ++done, total);
    }
    settled.clear();
  };
  auto finish = [&](const Worker& w, int wstatus) {
    // The worker's JSON, until the parent renames it into place (WriteFileTemp's name).
    std::string temp =
        (fs::path(options.out_dir) / (OutputRelPath(w.job.rel) + ".tmp." + std::to_string(w.pid)))
            .string();
    FileResult& res = summary->results[w.job.index];
    Finish(w, wstatus, options, &res);
    if (res.state != FileResult::State::kOk) {
      // Killed, crashed or failed after writing: the JSON was never the file's result.
      std::error_code ec;
      fs::remove(temp, ec);
    }
    settled.emplace_back(w.job.index, std::move(temp));
  };
  // Ctrl-C: the first stops new files, the second also kills the files in progress.
  auto check_interrupts = [&] {
    if (g_interrupts != interrupts_seen) {
      interrupts_seen = g_interrupts;
      summary->interrupted = true;
      if (interrupts_seen >= 2) {
        // Stop now: the files in progress are killed and recorded as interrupted.
        for (Worker& w : workers) {
          if (!w.busy) continue;
          w.interrupted = true;
          ::kill(w.pid, SIGKILL);
        }
      }
      if (options.on_interrupt) options.on_interrupt(interrupts_seen, busy());
    }
  };
  while ((!summary->interrupted && next < jobs.size()) || busy() > 0) {
    check_interrupts();
    // Give each idle worker a file, starting workers up to the number of jobs.
    while (!summary->interrupted && next < jobs.size()) {
      auto idle = std::find_if(workers.begin(), workers.end(),
                               [](const Worker& w) { return w.pid > 0 && !w.busy; });
      if (idle == workers.end()) {
        if (static_cast<int>(workers.size()) >= max_jobs) break;
        if (Status s = pool.Start(options, parent); !s.ok()) {
          store_settled();
          return s;
        }
        idle = workers.end() - 1;
      }
      const Job& job = jobs[next];
      std::string message = job.path + '\0' + job.rel + '\0';
      if (!WriteAll(idle->job_fd, message)) {
        // It died while idle (nothing of a file is lost): another takes the file.
        WorkerPool::Reap(&*idle);
        pool.Prune();
        continue;
      }
      ++next;
      idle->busy = true;
      idle->job = job;
      idle->start = Clock::now();
      idle->buffer.clear();
      idle->timed_out = false;
      ++idle->files;
    }
    store_settled();
    check_interrupts();  // one raised while storing is seen before waiting
    std::vector<pollfd> pfds;
    for (const Worker& w : workers) pfds.push_back({w.result_fd, POLLIN, 0});
    int rc = ::poll(pfds.data(), pfds.size(), 200);
    if (rc < 0 && errno != EINTR) {
      return Status::IOError("analyze", std::string("poll: ") + std::strerror(errno));
    }
    for (size_t i = 0; i < workers.size(); ++i) {
      Worker& w = workers[i];
      bool closed = false;
      if (rc > 0 && (pfds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
        char buf[4096];
        ssize_t n = ::read(w.result_fd, buf, sizeof buf);
        if (n > 0) {
          w.buffer.append(buf, static_cast<size_t>(n));
        } else if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
          closed = true;
        }
      }
      // A complete report: the file is done and the worker free for the next.
      if (size_t eol = w.buffer.find('\n'); w.busy && eol != std::string::npos) {
        std::string rest = w.buffer.substr(eol + 1);
        w.buffer.resize(eol);
        finish(w, 0);
        w.busy = false;
        w.buffer = std::move(rest);
        if (!closed &&
            (w.files >= kFilesPerWorker || EndsWorker(summary->results[w.job.index].error_code))) {
          WorkerPool::Stop(&w);
        }
      }
      if (w.busy && !closed && !w.timed_out && options.timeout_seconds > 0 &&
          std::chrono::duration<double>(Clock::now() - w.start).count() > options.timeout_seconds) {
        w.timed_out = true;
        ::kill(w.pid, SIGKILL);
      }
      if (!closed || w.pid <= 0) continue;
      // The worker has ended: after its last report (it stops itself after some failures), or
      // killed or crashed in the middle of a file, which is then a failure.
      pid_t pid = w.pid;
      int wstatus = WorkerPool::Reap(&w);
      if (w.busy) {
        w.pid = pid;  // names its temporary file
        finish(w, wstatus);
        w.pid = -1;
        w.busy = false;
      }
    }
    pool.Prune();
  }
  store_settled();
  // The reviews stored since the last batch join the full-text index.
  if (Status s = collection->FlushTextIndex(); !s.ok()) summary->text_index_error = s.ToString();

  // Files never started because of Ctrl-C.
  for (size_t k = next; k < jobs.size(); ++k) {
    FileResult& res = summary->results[jobs[k].index];
    res.state = FileResult::State::kNotStarted;
    res.error = jobs[k].path + ": not read: the run was interrupted; run again to resume";
  }
  for (const FileResult& r : summary->results) {
    switch (r.state) {
      case FileResult::State::kOk:
        ++summary->succeeded;
        summary->pages += r.pages;
        break;
      case FileResult::State::kDuplicate:
        ++summary->duplicates;
        break;
      case FileResult::State::kFailed:
        ++summary->failed;
        break;
      case FileResult::State::kSkipped:
        ++summary->skipped;
        break;
      case FileResult::State::kNotStarted:
        ++summary->not_started;
        break;
    }
  }
  summary->seconds = std::chrono::duration<double>(Clock::now() - started).count();

  nlohmann::ordered_json run;
  run["schema"] = "scrx.run/1";
  run["scrx_version"] = options.scrx_version;
  run["patterns_hash"] = options.patterns->hash();
  run["started"] = started_iso;
  run["finished"] = NowIso();
  run["seconds"] = std::round(summary->seconds * 100) / 100;
  run["jobs"] = summary->jobs;
  run["files"] = summary->results.size();
  run["succeeded"] = summary->succeeded;
  run["failed"] = summary->failed;
  run["duplicates"] = summary->duplicates;
  run["skipped"] = summary->skipped;
  run["not_started"] = summary->not_started;
  run["interrupted"] = summary->interrupted;
  run["pages"] = summary->pages;
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const FileResult& r : summary->results) {
    nlohmann::ordered_json j;
    j["file"] = r.file;
    j["status"] = r.state == FileResult::State::kOk           ? "ok"
                  : r.state == FileResult::State::kDuplicate  ? "duplicate"
                  : r.state == FileResult::State::kSkipped    ? "skipped"
                  : r.state == FileResult::State::kNotStarted ? "not_started"
                                                              : "failed";
    j["output"] =
        r.output.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.output);
    j["sha256"] =
        r.sha256.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.sha256);
    j["pages"] = r.pages;
    j["seconds"] = std::round(r.seconds * 1000) / 1000;
    j["warnings"] = r.warnings;
    j["themes_present"] = r.themes_present;
    if (r.state == FileResult::State::kDuplicate) j["duplicate_of"] = r.duplicate_of;
    if (r.state == FileResult::State::kSkipped) j["reason"] = r.skip_reason;
    if (r.state == FileResult::State::kFailed)
      j["error"] = {{"code", r.error_code}, {"message", r.error}};
    results.push_back(std::move(j));
  }
  run["results"] = std::move(results);
  return WriteFileAtomic((fs::path(options.out_dir) / "run.json").string(),
                         output::DumpJson(run) + "\n");
}

}  // namespace scrx::app
