// A readable one-page summary of one review (`scrx show`), for a safeguarding analyst: the
// metadata with the page each value was read from, the source, the section outline, the
// findings, the recommendations by addressee and the themes present with one quote each.
//
// It works from the review JSON (docs/json-schema.md) rather than from a Review, so that it reads
// a saved file and a freshly analysed PDF (turned into the same JSON) alike, and it tolerates
// older or partial documents: a missing key leaves its line or block out, it never throws.
#ifndef SCRX_OUTPUT_SUMMARY_H_
#define SCRX_OUTPUT_SUMMARY_H_

#include <nlohmann/json.hpp>
#include <string>

namespace scrx::output {

struct SummaryOptions {
  // Lines are wrapped at this many columns (characters, not bytes); values below 40 count as 40.
  int width = 100;
  // ANSI bold for the title, the headings, the theme labels and the matched words of quotes.
  // Escape sequences do not count towards the width.
  bool color = false;
  // A shorter summary: the section outline stops after `brief_sections` lines ("... N more"),
  // and metadata fields the report does not state are left out instead of "not stated".
  bool brief = false;
  int brief_sections = 20;
  // Agencies named in the header; the rest are counted ("and 4 more").
  int max_agencies = 4;
  // Lines for one theme quote with its place, and for one finding; longer text is cut with
  // "..." (a quote around its matched words).
  int quote_lines = 2;
  // Words of a recommendation shown after its addressee.
  int recommendation_words = 15;
};

// Empty when `j` is a review document (its "schema" is "scrx.review/<n>", or it has no "schema"
// but review keys such as "metadata", "source" or "error": an older or partial document); else
// why not, e.g. "not a scrx review: this is a run record (scrx.run/1) ...".
std::string NotAReview(const nlohmann::json& j);

// The summary as plain text lines ending in '\n'. For JSON that is not a review, the text is
// "error: " + NotAReview(j) + "\n" (callers that need an exit status check NotAReview first).
// The JSON from ReviewToJson is an ordered_json; nlohmann::json converts from it
// (`nlohmann::json(ordered)`).
std::string Summary(const nlohmann::json& review, const SummaryOptions& opt = {});

}  // namespace scrx::output

#endif  // SCRX_OUTPUT_SUMMARY_H_
