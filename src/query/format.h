// Query results as text: an aligned table for a terminal, CSV (RFC 4180) or JSON (a list of
// objects keyed by column name, values with their types).
#ifndef SCRX_QUERY_FORMAT_H_
#define SCRX_QUERY_FORMAT_H_

#include <string>
#include <string_view>

#include "base/status.h"
#include "query/query.h"

namespace scrx::query {

enum class Format { kTable, kCsv, kJson };

// "table", "csv" or "json"; errors name "--format".
Status ParseFormat(std::string_view name, Format* out);

// The whole table in `format`, ending with a newline.
// kTable: a header, a rule and one line per row; columns two spaces apart, padded to the widest
//   cell (UTF-8 aware), numbers right-aligned; NULL blank; line breaks inside cells become
//   spaces; columns with `in_table` false are left out and long texts cut at `max_width`.
// kCsv: RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted, quotes
//   doubled; NULL is an empty field; reals in their shortest exact form.
// kJson: [{"column": value, ...}, ...], indented; NULL is null, non-finite reals null.
std::string Render(const Table& table, Format format);

// One CSV field, quoted when RFC 4180 requires it.
std::string CsvField(std::string_view text);

// A real in its shortest form that reads back to the same double ("0.1", "12", "2.5e-07").
std::string ShortestReal(double v);

// The number of code points of UTF-8 text (its width in a terminal, near enough).
size_t DisplayWidth(std::string_view text);

}  // namespace scrx::query

#endif  // SCRX_QUERY_FORMAT_H_
