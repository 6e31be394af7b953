// The visual report of a collection (`scrx report -o report.html [--db PATH]`): ONE
// self-contained HTML file (inline CSS and SVG; no scripts, fonts, images or network) with an
// overview of the collection, a theme frequency bar chart, a theme-by-year heat map, a theme
// co-occurrence matrix (c-coefficient), and a section per review (metadata, sections, findings,
// recommendations by addressee kind, evidence quotes per theme linked to their pages).
//
// The numbers follow docs/collection.md "Query semantics": a theme's `reviews` are the reviews
// where it is present (themes.present = 1), `mentions` the counted mentions summed over those
// reviews, and the c-coefficient of two themes is both / (a + b - both). They are computed here
// with SQL over the documented schema, read-only.
#ifndef SCRX_REPORT_REPORT_H_
#define SCRX_REPORT_REPORT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "store/sqlite.h"

namespace scrx::report {

struct ReportOptions {
  // The collection: a database file, or the folder holding scrx.sqlite (store::ResolveDb).
  std::string db = ".";
  // The HTML file to write (atomically; parent folders are created).
  std::string out;
  // Evidence quotes shown per theme and review (counted quotes, strongest first); 0 = all.
  int quotes_per_theme = 5;
  // The co-occurrence matrix shows at most this many themes (the most frequent); 0 = all.
  int matrix_themes = 30;
  // The folder the reviews' PDF paths (reviews.file, as given to `scrx analyze`) are relative
  // to, for the links to their pages; the current folder and the collection's folder are also
  // tried. A review whose PDF is not found gets page numbers without links.
  std::string pdf_root;
  // The page's heading.
  std::string title = "Safeguarding review collection";
};

// A theme across the collection.
struct ThemeFrequency {
  std::string id, label, group;
  int reviews = 0;            // reviews where present
  std::int64_t mentions = 0;  // counted mentions summed over those reviews
};

// The collection-wide numbers the charts draw.
struct CollectionSummary {
  int reviews = 0;
  std::int64_t pages = 0, words = 0;
  std::vector<std::pair<std::string, int>> types;  // review_type ("" = unknown) -> reviews
  std::vector<std::pair<int, int>> years;          // year (0 = unknown) -> reviews, ascending
  // Every theme of the collection, most frequent first (then by label).
  std::vector<ThemeFrequency> themes;
  // by_year[t][y]: reviews of years[y] where themes[t] is present.
  std::vector<std::vector<int>> by_year;
  // both[a][b]: reviews where themes[a] and themes[b] are both present (both[a][a] = reviews).
  std::vector<std::vector<int>> both;
  std::vector<std::string> patterns_hashes;  // distinct theme packs the reviews were tagged with
  std::vector<std::pair<std::string, std::string>> failures;  // (file, message) of failed files
};

// The c-coefficient both / (a + b - both); 0 when no review has either theme.
double CCoefficient(int a, int b, int both);

// Reads the summary of the collection open in `db` (read-only queries). Errors name the
// database file.
Status LoadSummary(store::Database* db, CollectionSummary* out);

// The report's HTML for the collection open in `db`. `options.out` is used to make the links to
// the reviews' PDFs relative to the report (see pdf_root); `options.db` is not used.
Status RenderReport(store::Database* db, const ReportOptions& options, std::string* html);

struct ReportResult {
  std::string db_path;  // the database file read
  int reviews = 0;
  size_t bytes = 0;  // size of the HTML written
};

// Resolves and opens options.db read-only, renders the report and writes it to options.out.
// Errors: a missing or foreign database (NotFound/InvalidArgument naming it), SQL errors, and
// write errors naming options.out.
Status WriteReport(const ReportOptions& options, ReportResult* result);

}  // namespace scrx::report

#endif  // SCRX_REPORT_REPORT_H_
