// The scrx command line: flags -> options -> library call -> exit code. Exit codes: 0 all
// succeeded, 1 some inputs failed (or pattern examples failed), 2 usage or pattern-file error.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "app/analyze.h"
#include "app/pipeline.h"
#include "base/files.h"
#include "eval/eval.h"
#include "export/export.h"
#include "layout/dehyphenate.h"
#include "output/review_json.h"
#include "output/summary.h"
#include "output/text_view.h"
#include "query/format.h"
#include "query/query.h"
#include "report/report.h"
#include "tag/examples.h"
#include "tag/import.h"
#include "tag/pattern_set.h"
#include "tag/tagger.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailures = 1;
constexpr int kExitUsage = 2;
constexpr int kExitInterrupted = 130;  // 128 + SIGINT, as shells report Ctrl-C

// Shipped patterns, then each --patterns folder (later folders override earlier themes).
std::unique_ptr<scrx::tag::PatternSet> LoadPatterns(const std::vector<std::string>& extra,
                                                    bool shipped, scrx::Status* status) {
  std::vector<std::string> dirs;
  if (shipped) dirs.push_back(scrx::tag::DefaultPatternsDir());
  dirs.insert(dirs.end(), extra.begin(), extra.end());
  return scrx::tag::PatternSet::Load(dirs, status);
}

int Fail(const scrx::Status& s, int code) {
  std::fprintf(stderr, "scrx: %s\n", s.ToString().c_str());
  return code;
}

// Problems with the command's arguments (a bad filter, no collection there) are usage errors.
int FailCollection(const scrx::Status& s) {
  using Code = scrx::Status::Code;
  const bool usage = s.code() == Code::kNotFound || s.code() == Code::kInvalidArgument ||
                     s.code() == Code::kNotSupported;
  return Fail(s, usage ? kExitUsage : kExitFailures);
}

// query and search: open the collection read-only, run one query, print it.
int RunQuery(const std::string& db, const std::string& format,
             const std::function<scrx::Status(scrx::store::Database*, scrx::query::Table*)>& run,
             bool full_text = false) {
  scrx::query::Format f;
  scrx::Status s = scrx::query::ParseFormat(format, &f);
  if (!s.ok()) return Fail(s, kExitUsage);
  scrx::query::Collection c;
  if (s = scrx::query::OpenCollection(db, &c); !s.ok()) return FailCollection(s);
  if (std::int64_t n = full_text ? c.collection->ReviewsNotInTextIndex() : 0; n > 0) {
    std::fprintf(stderr,
                 "scrx: note: %lld stored review%s not in the full-text index yet (a run is"
                 " writing, or was stopped); the next 'scrx analyze' of the folder indexes them\n",
                 static_cast<long long>(n), n == 1 ? " is" : "s are");
  }
  scrx::query::Table table;
  if (s = run(c.db(), &table); !s.ok()) return FailCollection(s);
  std::fputs(scrx::query::Render(table, f).c_str(), stdout);
  return kExitOk;
}

int RunExport(const std::string& db, const std::string& format, scrx::exports::ExportOptions eo,
              const std::vector<std::string>& pattern_dirs) {
  scrx::Status s = scrx::exports::ParseFormat(format, &eo.format);
  if (!s.ok()) return Fail(s, kExitUsage);
  std::unique_ptr<scrx::tag::PatternSet> set;
  if (eo.format == scrx::exports::Format::kQdpx) {
    set = LoadPatterns(pattern_dirs, true, &s);
    if (!set) return Fail(s, kExitUsage);
    eo.patterns = set.get();
  }
  eo.scrx_version = SCRX_VERSION;
  scrx::query::Collection c;
  if (s = scrx::query::OpenCollection(db, &c); !s.ok()) return FailCollection(s);
  scrx::exports::ExportSummary summary;
  if (s = scrx::exports::Export(c, eo, &summary); !s.ok()) return FailCollection(s);
  for (const auto& w : summary.warnings) {
    std::fprintf(stderr, "warning: %s\n", w.message.c_str());
  }
  for (const std::string& f : summary.files) std::printf("wrote      %s\n", f.c_str());
  std::printf("reviews    %d\n", summary.reviews);
  return summary.warnings.empty() ? kExitOk : kExitFailures;
}

// show: a review JSON is summarised as it is; a PDF is analysed first (nothing is written).
int RunShow(const std::string& file, const std::string& password, bool brief, int width) {
  scrx::output::SummaryOptions so;
  so.brief = brief;
  so.color = ::isatty(STDOUT_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr;
  so.width = width;
  if (so.width == 0) {
    const char* cols = std::getenv("COLUMNS");
    so.width = cols != nullptr && std::atoi(cols) >= 40 ? std::atoi(cols) : 100;
  }
  std::string head;
  scrx::Status s = scrx::ReadFile(file, &head);
  if (!s.ok()) return Fail(s, kExitFailures);
  nlohmann::json j;
  if (head.rfind("%PDF-", 0) == 0 || head.find("%PDF-") < 1024) {
    scrx::Status ps;
    auto set = LoadPatterns({}, true, &ps);
    if (!set) return Fail(ps, kExitUsage);
    scrx::app::PipelineOptions po;
    po.patterns = set.get();
    po.password = password;
    scrx::Review review;
    s = scrx::app::AnalyzeFile(file, file, po, &review);
    if (!s.ok()) return Fail(s, kExitFailures);
    scrx::output::JsonOptions jo;
    jo.scrx_version = SCRX_VERSION;
    jo.patterns_hash = set->hash();
    jo.include_furniture = false;
    j = nlohmann::json(scrx::output::ReviewToJson(review, jo));
  } else {
    j = nlohmann::json::parse(head, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      std::fprintf(stderr, "scrx: %s: neither a PDF nor JSON\n", file.c_str());
      return kExitFailures;
    }
    if (std::string why = scrx::output::NotAReview(j); !why.empty()) {
      std::fprintf(stderr, "scrx: %s: %s\n", file.c_str(), why.c_str());
      return kExitFailures;
    }
  }
  std::fputs(scrx::output::Summary(j, so).c_str(), stdout);
  return kExitOk;
}

std::string Pad(std::string s, size_t n) {
  if (s.size() < n) s.append(n - s.size(), ' ');
  return s;
}

// Progress on stderr: a bar when it is a terminal, otherwise one line per file.
class Progress {
 public:
  Progress() : tty_(::isatty(STDERR_FILENO) != 0) {}
  void operator()(const scrx::app::FileResult& r, int done, int total) {
    using State = scrx::app::FileResult::State;
    if (tty_) {
      const int width = 30;
      int filled = total > 0 ? done * width / total : width;
      std::string name = std::filesystem::path(r.file).filename().string();
      if (name.size() > 40) name = name.substr(0, 37) + "...";
      std::fprintf(
          stderr, "\r[%s%s] %d/%d %s\033[K", std::string(static_cast<size_t>(filled), '#').c_str(),
          std::string(static_cast<size_t>(width - filled), ' ').c_str(), done, total, name.c_str());
      if (r.state == State::kFailed) std::fprintf(stderr, "\n  FAILED %s\n", r.error.c_str());
      if (done == total) std::fprintf(stderr, "\n");
      return;
    }
    switch (r.state) {
      case State::kOk:
        std::fprintf(stderr, "ok       %s  (%d pages, %.2f s, %zu themes)\n", r.file.c_str(),
                     r.pages, r.seconds, r.themes_present.size());
        break;
      case State::kDuplicate:
        std::fprintf(stderr, "skipped  %s  (same content as %s)\n", r.file.c_str(),
                     r.duplicate_of.c_str());
        break;
      case State::kSkipped:
        std::fprintf(stderr, "skipped  %s  (%s)\n", r.file.c_str(), r.skip_reason.c_str());
        break;
      case State::kFailed:
        std::fprintf(stderr, "FAILED   %s\n", r.error.c_str());
        break;
      case State::kNotStarted:
        break;  // counted in the summary
    }
  }

 private:
  bool tty_;
};

void PrintSummary(const scrx::app::RunSummary& s, const std::string& out_dir) {
  std::printf("\nfiles      %zu  (succeeded %d, failed %d, duplicates %d, skipped %d)\n",
              s.results.size(), s.succeeded, s.failed, s.duplicates, s.skipped);
  if (s.skipped > 0) {
    std::printf(
        "skipped    %d already in the collection, unchanged (--force analyses them again)\n",
        s.skipped);
  }
  if (s.interrupted) {
    std::printf("interrupted  %d file(s) not read; run the same command again to resume\n",
                s.not_started);
  }
  std::printf("pages      %d\n", s.pages);
  std::printf("time       %.1f s  (%.1f pages/s with %d jobs)\n", s.seconds,
              s.seconds > 0 ? s.pages / s.seconds : 0.0, s.jobs);
  if (s.failed > 0) {
    std::printf("failures\n");
    for (const auto& r : s.results) {
      if (r.state == scrx::app::FileResult::State::kFailed) std::printf("  %s\n", r.error.c_str());
    }
  }
  std::map<std::string, int> counts;
  for (const auto& r : s.results) {
    if (r.state != scrx::app::FileResult::State::kOk &&
        r.state != scrx::app::FileResult::State::kSkipped) {
      continue;  // e.g. analysed but not stored
    }
    for (const std::string& t : r.themes_present) ++counts[t];
  }
  std::vector<std::pair<std::string, int>> top(counts.begin(), counts.end());
  std::stable_sort(top.begin(), top.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (!top.empty()) {
    std::printf("most frequent themes (reviews where present, of %d)\n", s.succeeded + s.skipped);
    for (size_t i = 0; i < top.size() && i < 10; ++i) {
      std::printf("  %s %d\n", Pad(top[i].first, 36).c_str(), top[i].second);
    }
  }
  std::printf("output     %s (one JSON per review, run.json, scrx.sqlite)\n", out_dir.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "scrx: structured data from safeguarding review reports (SCR, CSPR, SAR, DHR).\n"
      "Reads review PDFs and writes their sections, numbered paragraphs, themes with quoted\n"
      "evidence, findings and recommendations as JSON.",
      "scrx"};
  app.set_version_flag("--version", std::string("scrx ") + SCRX_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 success, 1 some files (or examples) failed, 2 usage or pattern error.\n"
      "Run 'scrx COMMAND --help' for the options of a command.");

  // analyze
  scrx::app::AnalyzeOptions aopt;
  std::vector<std::string> pattern_dirs;
  auto* analyze = app.add_subcommand(
      "analyze",
      "Analyse PDFs and folders of PDFs into one JSON per review and the collection database");
  analyze->footer(
      "Besides OUTDIR/NAME.json and OUTDIR/run.json, the run keeps OUTDIR/scrx.sqlite, the\n"
      "collection database that 'query', 'search', 'export' and 'report' read (--db OUTDIR).\n"
      "Each review is stored in one transaction, so a killed run leaves it consistent. A PDF\n"
      "already stored with the same content, scrx version and pattern set is skipped: run\n"
      "again to resume an interrupted run. Nothing stored is removed for a missing or failed PDF.");
  analyze->add_option("paths", aopt.inputs, "PDF files or folders (searched recursively for *.pdf)")
      ->required();
  analyze->add_option("-o,--out", aopt.out_dir, "Output folder (created if missing)")->required();
  analyze->add_option("-j,--jobs", aopt.jobs, "Files analysed in parallel (default: all cores)")
      ->check(CLI::NonNegativeNumber);
  analyze->add_option("--patterns", pattern_dirs,
                      "Extra theme folder(s); same ids replace shipped themes");
  analyze->add_option("--password", aopt.password, "Password for encrypted PDFs");
  analyze->add_option("--timeout", aopt.timeout_seconds, "Seconds allowed per file (default 120)")
      ->check(CLI::NonNegativeNumber);
  analyze->add_option("--memory-limit", aopt.memory_limit_mb,
                      "MiB of memory allowed per worker process (default 2048)");
  analyze->add_flag("--force", aopt.force,
                    "Analyse again the PDFs the collection already holds unchanged");

  // text
  std::string text_file, text_password;
  auto* text = app.add_subcommand(
      "text", "Print the cleaned text of one PDF with section and paragraph markers");
  text->add_option("file", text_file, "A review PDF")->required();
  text->add_option("--password", text_password, "Password for an encrypted PDF");

  // patterns
  auto* patterns = app.add_subcommand("patterns", "List, test or import theme pattern packs");
  patterns->require_subcommand(1);
  std::vector<std::string> list_dirs, test_dirs;
  auto* plist = patterns->add_subcommand("list", "List the themes (shipped, plus DIR when given)");
  plist->add_option("dirs", list_dirs, "Pattern folder(s) to add");
  auto* ptest = patterns->add_subcommand(
      "test", "Run the example sentences of a pack (the shipped pack by default)");
  ptest->add_option("dirs", test_dirs, "Pattern folder(s) to test");
  std::string import_file, import_out, import_format;
  bool import_force = false;
  scrx::tag::ImportOptions import_opt;
  auto* pimport = patterns->add_subcommand(
      "import", "Turn a quanteda YAML dictionary or a LIWC .dic file into a theme pack");
  pimport->add_option("file", import_file, "The dictionary (.yml/.yaml quanteda, .dic LIWC)")
      ->required();
  pimport->add_option("--out", import_out, "Folder for the theme files (use it with --patterns)")
      ->required();
  pimport->add_option("--format", import_format, "quanteda or liwc (default: by extension)")
      ->check(CLI::IsMember({"quanteda", "liwc"}));
  pimport
      ->add_option("--group", import_opt.group,
                   "Group of the imported themes: factor (default), incident, practice, system")
      ->check(CLI::IsMember({"factor", "incident", "practice", "system"}));
  pimport->add_option("--prefix", import_opt.id_prefix,
                      "Prefix for every theme id (keeps them apart from shipped ids)");
  pimport->add_flag("--force", import_force, "Overwrite theme files already in --out");

  // show
  std::string show_file, show_password;
  bool show_brief = false;
  int show_width = 0;
  auto* showc = app.add_subcommand(
      "show", "Print a one-page summary of one review (its JSON, or a PDF analysed now)");
  showc->add_option("file", show_file, "A review JSON written by 'analyze', or a PDF")->required();
  showc->add_option("--password", show_password, "Password for an encrypted PDF");
  showc->add_flag("--brief", show_brief, "Shorter: first 20 sections, stated metadata only");
  showc->add_option("--width", show_width, "Wrap at this many columns (default: terminal or 100)")
      ->check(CLI::Range(40, 400));

  // eval
  std::string gold_dir;
  std::vector<std::string> eval_only, eval_patterns;
  double min_macro_f1 = 0;
  bool eval_verbose = false;
  auto* evalc = app.add_subcommand(
      "eval", "Measure scrx against gold files (NAME.gold.json beside NAME.pdf)");
  evalc->add_option("--gold", gold_dir, "Folder of gold files and PDFs (e.g. corpus/)")->required();
  evalc->add_option("--only", eval_only, "Only these review names");
  evalc->add_option("--patterns", eval_patterns, "Extra theme folder(s)");
  evalc->add_option("--min-macro-f1", min_macro_f1, "Exit 1 when the theme macro F1 is below this");
  evalc->add_flag("-v,--verbose", eval_verbose, "List every section, text and theme difference");

  // report
  scrx::report::ReportOptions ropt;
  auto* reportc = app.add_subcommand(
      "report", "Write the collection's visual report: one self-contained HTML file");
  reportc->add_option("-o,--out", ropt.out, "The HTML file to write")->required();
  reportc->add_option("--db", ropt.db,
                      "The collection: the -o folder of 'scrx analyze', or its scrx.sqlite "
                      "(default: the current folder)");
  reportc
      ->add_option("--quotes", ropt.quotes_per_theme,
                   "Evidence quotes per theme and review (default 5; 0 = all)")
      ->check(CLI::NonNegativeNumber);
  reportc
      ->add_option("--matrix-themes", ropt.matrix_themes,
                   "Themes in the co-occurrence matrix, most frequent first (default 30; 0 = all)")
      ->check(CLI::NonNegativeNumber);
  reportc->add_option("--pdf-root", ropt.pdf_root,
                      "Folder the PDF paths of the collection are relative to (for page links; "
                      "default: the current folder)");
  reportc->add_option("--title", ropt.title, "The report's heading");

  // query, search, export: read the collection database (docs/collection.md)
  const std::string db_help =
      "The collection: the -o folder of 'scrx analyze', or its scrx.sqlite (default: the "
      "current folder)";
  std::string qdb = ".", qformat = "table";
  auto add_query_flags = [&](CLI::App* c) {
    c->add_option("--db", qdb, db_help);
    c->add_option("--format", qformat, "table (aligned, the default), csv (RFC 4180) or json");
  };
  auto* query = app.add_subcommand(
      "query", "Ask across the collection: themes, co-occurrence, keyword in context, SQL");
  query->require_subcommand(1);
  scrx::query::ThemesOptions qthemes;
  auto* qthemesc = query->add_subcommand(
      "themes",
      "For each theme: reviews where present, share of reviews, counted mentions, mentions per "
      "10,000 words");
  qthemesc->add_option("--by", qthemes.by, "Group by year, type (review type) or board")
      ->check(CLI::IsMember({"year", "type", "board"}));
  qthemesc->add_option("--section-kind", qthemes.section_kind,
                       "Count only evidence in sections of this kind (findings, analysis, ...)");
  qthemesc->add_option("--where", qthemes.where,
                       "Only reviews matching this SQL expression over reviews columns, e.g. "
                       "\"year >= 2020 AND review_type = 'cspr'\"");
  add_query_flags(qthemesc);
  scrx::query::CooccurOptions qco;
  auto* qcoc = query->add_subcommand(
      "cooccur", "Pairs of themes present in the same reviews, with the c-coefficient");
  qcoc->add_option("--theme", qco.theme, "Only the pairs with this theme");
  qcoc->add_option("--where", qco.where, "Only reviews matching this SQL expression");
  add_query_flags(qcoc);
  scrx::query::KwicOptions qkw;
  auto* qkwc = query->add_subcommand(
      "kwic", "Keyword in context: a theme's evidence quotes, or a phrase in the paragraphs");
  qkwc->add_option("theme", qkw.theme, "A theme id (see 'scrx query themes')");
  qkwc->add_option("--text", qkw.text, "A phrase instead (whole words, any case)");
  qkwc->add_flag("--counted", qkw.counted_only, "Only evidence that counts towards the verdict");
  qkwc->add_option("--width", qkw.width, "Characters of context on each side (default 40)");
  add_query_flags(qkwc);
  scrx::query::RecommendationsOptions qrec;
  auto* qrecc = query->add_subcommand("recommendations", "The reviews' recommendations");
  qrecc->add_option("--addressee", qrec.addressee_kind,
                    "Only those to this kind of addressee (police, health_acute, "
                    "partnership_board, ..., or none)");
  qrecc->add_flag("--summary", qrec.summary, "Count them by addressee kind instead");
  add_query_flags(qrecc);
  std::string qsql;
  auto* qsqlc = query->add_subcommand(
      "sql", "Run one read-only SELECT on the collection (schema: docs/collection.md)");
  qsqlc->add_option("statement", qsql, "A SELECT statement")->required();
  add_query_flags(qsqlc);
  scrx::query::SearchOptions qsearch;
  auto* searchc = app.add_subcommand(
      "search", "Full-text search of all paragraphs, best matches first, with snippets");
  searchc
      ->add_option("query", qsearch.query, "FTS5 query: words, \"a phrase\", AND/OR/NOT, prefix*")
      ->required();
  searchc->add_option("--limit", qsearch.limit, "Most results shown (default 20; 0 = all)")
      ->check(CLI::NonNegativeNumber);
  add_query_flags(searchc);
  scrx::exports::ExportOptions eopt;
  std::string edb = ".", eformat;
  std::vector<std::string> export_patterns;
  auto* exportc = app.add_subcommand(
      "export", "Export the collection: xlsx workbook, CSV files, JSONL or a REFI-QDA project");
  exportc
      ->add_option("--format", eformat,
                   "xlsx (sheets Reviews, Themes, Evidence, Findings, Recommendations), csv "
                   "(one file per sheet), jsonl (one review JSON per line) or qdpx (REFI-QDA "
                   "project for NVivo, ATLAS.ti, MAXQDA)")
      ->required();
  exportc->add_option("-o,--out", eopt.out, "The file to write (csv: the folder)")->required();
  exportc->add_option("--db", edb, db_help);
  exportc->add_flag("--bom", eopt.bom, "csv: start each file with a UTF-8 byte-order mark (Excel)");
  exportc->add_option("--patterns", export_patterns,
                      "qdpx: extra theme folder(s) whose definitions describe the codes");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  if (*analyze) {
    scrx::Status s;
    // The dictionary, which the workers share as they share the patterns, loads while the
    // pattern files are read (one thread) and compiled; without a thread to spare, RunAnalyze
    // loads it after them.
    std::thread dictionary;
    try {
      dictionary = std::thread([] { scrx::layout::DefaultLexicon(); });
    } catch (const std::system_error&) {
    }
    auto set = LoadPatterns(pattern_dirs, true, &s);
    if (dictionary.joinable()) dictionary.join();
    if (!set) return Fail(s, kExitUsage);
    aopt.patterns = set.get();
    aopt.scrx_version = SCRX_VERSION;
    aopt.on_interrupt = [](int count, int in_progress) {
      if (count == 1) {
        std::fprintf(stderr,
                     "\ninterrupted: finishing the %d file(s) in progress, starting no more "
                     "(Ctrl-C again to stop now); run the same command again to resume\n",
                     in_progress);
      } else if (count == 2) {
        std::fprintf(stderr, "\ninterrupted again: stopping the files in progress\n");
      }
    };
    scrx::app::RunSummary summary;
    Progress progress;
    s = scrx::app::RunAnalyze(aopt, std::ref(progress), &summary);
    if (!s.ok()) return Fail(s, kExitUsage);
    PrintSummary(summary, aopt.out_dir);
    if (!summary.text_index_error.empty()) {
      std::fprintf(stderr,
                   "scrx: warning: the full-text index is not complete (%s); the next run of"
                   " the same command completes it\n",
                   summary.text_index_error.c_str());
    }
    if (summary.interrupted) return kExitInterrupted;
    return summary.failed > 0 ? kExitFailures : kExitOk;
  }
  if (*text) {
    scrx::Status s;
    auto set = LoadPatterns({}, true, &s);
    if (!set) return Fail(s, kExitUsage);
    scrx::app::PipelineOptions po;
    po.patterns = set.get();
    po.password = text_password;
    scrx::Review review;
    s = scrx::app::AnalyzeFile(text_file, text_file, po, &review);
    if (!s.ok()) return Fail(s, kExitFailures);
    std::fputs(scrx::output::RenderText(review).c_str(), stdout);
    for (const auto& w : review.warnings) {
      std::fprintf(stderr, "warning: %s%s: %s\n", text_file.c_str(),
                   w.page > 0 ? (" page " + std::to_string(w.page)).c_str() : "",
                   w.message.c_str());
    }
    return kExitOk;
  }
  if (*evalc) {
    scrx::Status s;
    auto set = LoadPatterns(eval_patterns, true, &s);
    if (!set) return Fail(s, kExitUsage);
    scrx::eval::EvalOptions eo;
    eo.gold_dir = gold_dir;
    eo.patterns = set.get();
    eo.only = eval_only;
    scrx::eval::EvalReport report;
    s = scrx::eval::RunEval(eo, &report);
    if (!s.ok()) return Fail(s, kExitUsage);
    std::fputs(scrx::eval::FormatReport(report, eval_verbose).c_str(), stdout);
    if (report.macro_f1 + 1e-9 < min_macro_f1) {
      std::printf("macro F1 %.3f is below the required %.3f\n", report.macro_f1, min_macro_f1);
      return kExitFailures;
    }
    return kExitOk;
  }
  if (*plist) {
    scrx::Status s;
    auto set = LoadPatterns(list_dirs, true, &s);
    if (!set) return Fail(s, kExitUsage);
    std::printf("%s %s %s %s\n", Pad("id", 36).c_str(), Pad("group", 9).c_str(),
                Pad("rules", 6).c_str(), "label");
    for (const auto& t : set->themes()) {
      std::printf("%s %s %s %s\n", Pad(t.id, 36).c_str(),
                  Pad(std::string(scrx::tag::ThemeGroupName(t.group)), 9).c_str(),
                  Pad(std::to_string(t.rules.size()), 6).c_str(), t.label.c_str());
    }
    std::printf("%zu themes; pattern set %s\n", set->themes().size(),
                set->hash().substr(0, 12).c_str());
    return kExitOk;
  }
  if (*ptest) {
    scrx::Status s;
    // A user pack is tested with the shipped cue lexicons (negation, hedges) in place.
    auto set = LoadPatterns(test_dirs, true, &s);
    if (!set) return Fail(s, kExitUsage);
    int total = 0;
    std::vector<scrx::tag::ExampleFailure> failures = scrx::tag::RunExamples(*set, &total);
    int shown = 0;
    for (const auto& f : failures) {
      bool in_scope = test_dirs.empty();
      for (const std::string& d : test_dirs) in_scope |= f.where.rfind(d, 0) == 0;
      if (!in_scope) continue;
      std::printf("%s\n", scrx::tag::FormatFailure(f).c_str());
      ++shown;
    }
    std::printf("%d examples in %zu themes, %d failures\n", total, set->themes().size(), shown);
    return shown > 0 ? kExitFailures : kExitOk;
  }
  if (*pimport) {
    std::vector<std::string> written, warnings;
    scrx::Status s = scrx::tag::ImportDictionary(import_file, import_format, import_out,
                                                 import_force, &written, &warnings, import_opt);
    for (const std::string& w : warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
    if (!s.ok()) return Fail(s, kExitUsage);
    for (const std::string& f : written) std::printf("wrote      %s\n", f.c_str());
    std::printf("%zu themes; use them with --patterns %s\n", written.size(), import_out.c_str());
    return kExitOk;
  }
  if (*showc) return RunShow(show_file, show_password, show_brief, show_width);
  if (*reportc) {
    scrx::report::ReportResult result;
    scrx::Status s = scrx::report::WriteReport(ropt, &result);
    if (!s.ok()) {
      using Code = scrx::Status::Code;
      const bool bad_db = s.code() == Code::kNotFound || s.code() == Code::kInvalidArgument ||
                          s.code() == Code::kNotSupported;
      return Fail(s, bad_db ? kExitUsage : kExitFailures);
    }
    std::printf("report     %s  (%d reviews from %s, %zu KB)\n", ropt.out.c_str(), result.reviews,
                result.db_path.c_str(), (result.bytes + 1023) / 1024);
    return kExitOk;
  }
  if (*qthemesc) {
    return RunQuery(qdb, qformat,
                    [&](auto* db, auto* t) { return scrx::query::QueryThemes(db, qthemes, t); });
  }
  if (*qcoc) {
    return RunQuery(qdb, qformat,
                    [&](auto* db, auto* t) { return scrx::query::QueryCooccur(db, qco, t); });
  }
  if (*qkwc) {
    return RunQuery(qdb, qformat,
                    [&](auto* db, auto* t) { return scrx::query::QueryKwic(db, qkw, t); });
  }
  if (*qrecc) {
    return RunQuery(qdb, qformat, [&](auto* db, auto* t) {
      return scrx::query::QueryRecommendations(db, qrec, t);
    });
  }
  if (*qsqlc) {
    return RunQuery(qdb, qformat,
                    [&](auto* db, auto* t) { return scrx::query::QuerySql(db, qsql, t); });
  }
  if (*searchc) {
    return RunQuery(
        qdb, qformat, [&](auto* db, auto* t) { return scrx::query::Search(db, qsearch, t); },
        /*full_text=*/true);
  }
  if (*exportc) return RunExport(edb, eformat, eopt, export_patterns);
  return kExitUsage;
}
