// `scrx eval`: measures scrx against gold files (corpus/NAME.gold.json beside NAME.pdf):
// sections (titles, kinds, levels), furniture left in the text, line-end hyphenation, and theme
// verdicts at review level (precision, recall, F1 per theme, macro F1), with the quotes behind
// every false positive and the best evidence near every false negative.
#ifndef SCRX_EVAL_EVAL_H_
#define SCRX_EVAL_EVAL_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"
#include "document.h"
#include "tag/pattern_set.h"

namespace scrx::eval {

struct EvalOptions {
  std::string gold_dir;                       // folder of NAME.gold.json + NAME.pdf
  const tag::PatternSet* patterns = nullptr;  // required
  std::vector<std::string> only;              // restrict to these names (empty: all)
};

struct FileEval {
  std::string name;
  std::string error;  // non-empty when the PDF could not be analysed
  int gold_sections = 0, our_sections = 0, matched = 0, kind_ok = 0, level_ok = 0;
  std::vector<std::string> missed, invented, kind_mismatch, level_mismatch;
  std::vector<std::string> furniture_leaks;
  std::vector<std::string> hyphenation_errors;
  std::set<std::string> gold_present, gold_negative, our_present;
  std::map<std::string, std::string> quote;  // theme -> strongest quote (counted or not)
  // Recommendations against gold (number, first words, addressee kind), in order.
  int gold_recs = -1, our_recs = 0, recs_matched = 0, rec_number_ok = 0, rec_kind_ok = 0,
      rec_kind_known = 0;
  std::vector<std::string> rec_errors;
  // Completeness: a matched recommendation whose gold has `ends` (its last words as written)
  // must end with them; rec_incomplete names the others ("NUMBER: ours ..., gold ends ...").
  int rec_ends_known = 0, rec_complete = 0;
  std::vector<std::string> rec_incomplete;
  int gold_findings = -1, our_findings = 0;
  // Metadata fields: right, null (not stated by us), wrong (ours differs from gold).
  std::map<std::string, std::string> meta_result;  // field -> "right" | "null" | "wrong" | "extra"
  std::vector<std::string> meta_errors;
  Review review;
};

struct ThemeEval {
  std::string id;
  int tp = 0, fp = 0, fn = 0;
  int negatives_hit = 0;  // tempting negatives tagged present
  double precision = 0, recall = 0, f1 = 0;
  bool defined = false;  // at least one gold or predicted positive
};

struct EvalReport {
  std::vector<FileEval> files;
  std::vector<ThemeEval> themes;
  double macro_f1 = 0;
  int themes_defined = 0;
  int sections_gold = 0, sections_matched = 0, sections_kind_ok = 0;
  int recs_gold = 0, recs_ours = 0, recs_matched = 0, recs_number_ok = 0, recs_kind_ok = 0,
      recs_kind_known = 0, rec_files_exact = 0, rec_files = 0, recs_ends_known = 0,
      recs_complete = 0;
  int findings_files = 0, findings_exact = 0;
  std::map<std::string, std::map<std::string, int>> meta;  // field -> result -> count
};

// Runs the pipeline on every gold file's PDF and compares. Errors: no gold files, unreadable
// or malformed gold file (named).
Status RunEval(const EvalOptions& options, EvalReport* report);

// The report as text: per-file section and text checks, per-theme table, macro F1, and the
// false positives and negatives with their quotes.
std::string FormatReport(const EvalReport& report, bool verbose);

}  // namespace scrx::eval

#endif  // SCRX_EVAL_EVAL_H_
