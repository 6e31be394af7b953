// `scrx export`: a collection out to the tools analysts use. Spreadsheets (an xlsx workbook, or
// one CSV file per sheet) hold the same five sheets; JSONL holds each review's JSON document on
// one line; QDPX is a REFI-QDA project (the exchange format of NVivo, ATLAS.ti and MAXQDA) with
// each review's text as a source, each theme as a code and each evidence sentence as a coded
// selection. All read the collection only; every output is written to a temporary file and
// renamed into place, so a failed export leaves no half-written file.
#ifndef SCRX_EXPORT_EXPORT_H_
#define SCRX_EXPORT_EXPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "document.h"
#include "query/query.h"
#include "tag/pattern_set.h"

namespace scrx::exports {

enum class Format { kXlsx, kCsv, kJsonl, kQdpx };

// "xlsx", "csv", "jsonl" or "qdpx"; errors name "--format".
Status ParseFormat(std::string_view name, Format* out);

struct ExportOptions {
  Format format = Format::kXlsx;
  std::string out;   // xlsx, jsonl, qdpx: the file; csv: the folder (created when missing)
  bool bom = false;  // csv: start each file with the UTF-8 byte-order mark (for Excel)
  // qdpx: the theme definitions become the codes' descriptions. Optional (not owned); without
  // it, or for a theme it does not hold, the description is the theme's label.
  const tag::PatternSet* patterns = nullptr;
  std::string scrx_version;  // qdpx: the project's origin ("scrx 0.1.0")
};

struct ExportSummary {
  int reviews = 0;                 // reviews written
  std::vector<std::string> files;  // files written
  std::vector<Warning> warnings;   // non-fatal: a review JSON missing, a quote not in its text
};

// Exports the collection `c` (opened with query::OpenCollection) as options.format.
Status Export(const query::Collection& c, const ExportOptions& options, ExportSummary* summary);

// ---------------------------------------------------------------------------------------------
// The pieces, for tests and for other outputs.

// A sheet of the spreadsheet exports. Column kinds decide the cell type in xlsx (dates as real
// dates); CSV writes every value as the database holds it.
struct SheetColumn {
  enum class Kind { kText, kInt, kReal, kDate, kDateTime };
  std::string name;
  Kind kind = Kind::kText;
  int max_width = 50;  // xlsx: the widest the column is made (characters)
};
struct Sheet {
  std::string name;      // "Reviews"
  std::string csv_file;  // "reviews.csv"
  std::vector<SheetColumn> columns;
  std::vector<std::vector<query::Value>> rows;
};

// The five sheets, in order: Reviews (one row per review: metadata, counts and a 0/1 column per
// theme, named by theme id), Themes (one row per review and theme), Evidence (every evidence
// item with its quote, page and paragraph), Findings and Recommendations. Rows are ordered by
// review file, then position.
Status ReadSheets(store::Database* db, std::vector<Sheet>* out);

// An ISO 8601 date or time as stored ("2017-11", "2017-11-30", "2017-11-30T10:00:00Z"); the day
// of a month-only date is the 1st. False when `text` is not one.
struct DateTime {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0;
  double second = 0;
};
bool ParseIsoDate(std::string_view text, DateTime* out);

Status WriteXlsx(const std::vector<Sheet>& sheets, const std::string& path);
// One file per sheet in `dir` (created when missing); appends the paths to `files`.
Status WriteCsv(const std::vector<Sheet>& sheets, const std::string& dir, bool bom,
                std::vector<std::string>* files);
Status WriteJsonl(const query::Collection& c, const std::string& path, ExportSummary* summary);
Status WriteQdpx(const query::Collection& c, const ExportOptions& options, const std::string& path,
                 ExportSummary* summary);

// The plain text of a review as the QDPX source holds it, and where each paragraph's text
// starts in it (in code points, as REFI-QDA positions count). Headings and paragraphs are
// separated by blank lines; a numbered paragraph starts with its number.
struct SourceText {
  std::string text;
  struct Span {
    int section_idx = 0;
    std::string pid;
    size_t byte_begin = 0;  // where the paragraph's text starts in `text`
    size_t byte_end = 0;
  };
  std::vector<Span> paragraphs;
};
Status BuildSourceText(store::Database* db, std::int64_t review_id, SourceText* out);

// A stable GUID (8-4-4-4-12 hex) derived from `name`, so exports of the same collection are the
// same file.
std::string StableGuid(std::string_view name);

}  // namespace scrx::exports

#endif  // SCRX_EXPORT_EXPORT_H_
