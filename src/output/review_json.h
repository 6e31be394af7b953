// The review JSON document ("schema": "scrx.review/1", documented in docs/json-schema.md and
// docs/review.schema.json): Review -> JSON with a stable key order and number format, so
// outputs diff cleanly between runs, and JSON -> Review for the commands that read outputs back
// (show, eval, the collection database).
#ifndef SCRX_OUTPUT_REVIEW_JSON_H_
#define SCRX_OUTPUT_REVIEW_JSON_H_

#include <nlohmann/json.hpp>
#include <string>

#include "base/status.h"
#include "document.h"

namespace scrx::output {

inline constexpr const char* kReviewSchema = "scrx.review/1";

struct JsonOptions {
  std::string scrx_version;
  std::string patterns_hash;
  bool include_furniture = true;
};

// The document's text, as DumpJson prints it (written directly, without a DOM: what `scrx
// analyze` writes).
std::string ReviewJsonText(const Review& review, const JsonOptions& options);
// The document itself (parsed from that text).
nlohmann::ordered_json ReviewToJson(const Review& review, const JsonOptions& options);

// The text of a document as scrx writes it: one space of indent per level, and bytes that are
// not UTF-8 (a file name in another encoding) replaced by U+FFFD instead of failing.
std::string DumpJson(const nlohmann::ordered_json& j);

// Parses the text of a document written by ReviewToJson (review_read.cc). Errors name `where`
// (the file): not valid JSON, not a review document, or a required part missing.
Status ReviewFromJsonText(std::string text, const std::string& where, Review* out);
// The same for a document already parsed.
Status ReviewFromJson(const nlohmann::json& j, const std::string& where, Review* out);

// Reads and parses a review JSON file.
Status ReadReviewFile(const std::string& path, Review* out);

}  // namespace scrx::output

#endif  // SCRX_OUTPUT_REVIEW_JSON_H_
