// Searching a compiled pattern. Most of a theme pack's regexes are RE2's to search, but the
// plainest, those that are only words joined by spaces or hyphens, as TermToRegex writes a plain
// term (\bno\b, \bin[\s\-]+care\b), and literals without letters (the cue ":"), are found by a
// direct scan with exactly RE2's result: RE2's cost per search is mostly fixed, and they are a
// quarter of the searches a review needs.
#ifndef SCRX_TAG_REGEX_SEARCH_H_
#define SCRX_TAG_REGEX_SEARCH_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tag/pattern_set.h"

namespace scrx::tag {

// The words of a pattern of the form \bW1[\s\-]+W2 ... [\s\-]+Wn\b, each W one or more ASCII
// letters or digits, in lower case; empty for any other pattern. Such a pattern, compiled case-
// insensitively (as PatternSet compiles every pattern), matches Wi in any case, separated by one
// or more spaces, tabs, line ends or hyphens, with a word boundary at both ends.
std::vector<std::string> PlainWords(std::string_view pattern);

// The pattern itself when it is a literal without letters or metacharacters (":", ";", "& "),
// in printable ASCII: it matches itself, with no case to fold; empty for any other pattern.
std::string PlainLiteral(std::string_view pattern);

// The leftmost match of `re` in `text` that starts at or after `from`, the text before `from`
// counting for word boundaries, as RE2::Match(text, from, size, UNANCHORED) finds it: true and
// its byte span [*begin, *end), or false. A regex with a `literal` is looked for as a string; one
// with `words` is scanned for directly in ASCII text; other regexes, and any text with a byte
// outside ASCII (where RE2's case folding reaches beyond ASCII letters: "K" for k, "ſ" for s), go
// to RE2.
bool FindIn(const Regex& re, std::string_view text, size_t from, int* begin, int* end);

// Every match of `re` in `text` from `from` on, each search starting where the last match ended
// (one byte further after an empty match), appended to *out as [begin, end) spans.
void FindAllIn(const Regex& re, std::string_view text, size_t from,
               std::vector<std::pair<int, int>>* out);

// Whether `re` matches anywhere in `text`.
inline bool FoundIn(const Regex& re, std::string_view text) {
  int b = 0, e = 0;
  return FindIn(re, text, 0, &b, &e);
}

}  // namespace scrx::tag

#endif  // SCRX_TAG_REGEX_SEARCH_H_
