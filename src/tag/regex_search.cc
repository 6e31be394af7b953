#include "tag/regex_search.h"

namespace scrx::tag {
namespace {

constexpr std::string_view kBoundary = "\\b";
constexpr std::string_view kSeparator = "[\\s\\-]+";

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
// RE2's \b: between a word character ([0-9A-Za-z_], ASCII only) and anything else.
bool IsWordChar(char c) { return IsAsciiAlnum(c) || c == '_'; }
// RE2's [\s\-]: \s is [\t\n\f\r ].
bool IsSeparator(char c) {
  return c == ' ' || c == '-' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) & 0x80) return false;
  }
  return true;
}

// Whether word `w` (lower case) is at `text[at...]`, in any case.
bool WordAt(std::string_view text, size_t at, const std::string& w) {
  if (at + w.size() > text.size()) return false;
  for (size_t j = 0; j < w.size(); ++j) {
    if (Lower(text[at + j]) != w[j]) return false;
  }
  return true;
}

// FindIn for a regex that is `words` (PlainWords), in ASCII text. At a given start at most one
// match is possible (a separator run is taken whole, as the next word cannot begin with a
// separator), so the leftmost start gives RE2's match.
bool FindWords(const std::vector<std::string>& words, std::string_view text, size_t from,
               int* begin, int* end) {
  const std::string& first = words.front();
  for (size_t p = from; p + first.size() <= text.size(); ++p) {
    if (Lower(text[p]) != first[0] || (p > 0 && IsWordChar(text[p - 1]))) continue;
    if (!WordAt(text, p, first)) continue;
    size_t q = p + first.size();
    bool ok = true;
    for (size_t k = 1; k < words.size() && ok; ++k) {
      const size_t gap = q;
      while (q < text.size() && IsSeparator(text[q])) ++q;
      ok = q > gap && WordAt(text, q, words[k]);
      q += words[k].size();
    }
    if (!ok || (q < text.size() && IsWordChar(text[q]))) continue;
    *begin = static_cast<int>(p);
    *end = static_cast<int>(q);
    return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> PlainWords(std::string_view pattern) {
  if (!pattern.starts_with(kBoundary) || !pattern.ends_with(kBoundary) ||
      pattern.size() <= 2 * kBoundary.size()) {
    return {};
  }
  std::string_view rest = pattern.substr(kBoundary.size());
  rest.remove_suffix(kBoundary.size());
  std::vector<std::string> words;
  for (;;) {
    size_t sep = rest.find(kSeparator);
    std::string_view w = rest.substr(0, sep);
    if (w.empty()) return {};
    std::string lower;
    for (char c : w) {
      if (!IsAsciiAlnum(c)) return {};
      lower.push_back(Lower(c));
    }
    words.push_back(std::move(lower));
    if (sep == std::string_view::npos) break;
    rest.remove_prefix(sep + kSeparator.size());
  }
  return words;
}

std::string PlainLiteral(std::string_view pattern) {
  constexpr std::string_view kMeta = "\\.^$|?*+()[]{}";
  for (char c : pattern) {
    if (c < ' ' || c > '~' || (Lower(c) >= 'a' && Lower(c) <= 'z') ||
        kMeta.find(c) != std::string_view::npos) {
      return {};
    }
  }
  return std::string(pattern);
}

namespace {

// FindIn, with whether `text` is ASCII worked out by the caller (once for many searches).
bool FindFrom(const Regex& re, std::string_view text, bool ascii, size_t from, int* begin,
              int* end) {
  if (from > text.size()) return false;
  if (!re.literal.empty()) {
    size_t at = text.find(re.literal, from);
    if (at == std::string_view::npos) return false;
    *begin = static_cast<int>(at);
    *end = static_cast<int>(at + re.literal.size());
    return true;
  }
  if (!re.words.empty() && ascii) return FindWords(re.words, text, from, begin, end);
  re2::StringPiece in(text.data(), text.size());
  re2::StringPiece m;
  if (!re.re->Match(in, from, in.size(), RE2::UNANCHORED, &m, 1)) return false;
  *begin = static_cast<int>(m.data() - in.data());
  *end = *begin + static_cast<int>(m.size());
  return true;
}

}  // namespace

bool FindIn(const Regex& re, std::string_view text, size_t from, int* begin, int* end) {
  return FindFrom(re, text, !re.words.empty() && IsAscii(text), from, begin, end);
}

void FindAllIn(const Regex& re, std::string_view text, size_t from,
               std::vector<std::pair<int, int>>* out) {
  const bool ascii = !re.words.empty() && IsAscii(text);
  int b = 0, e = 0;
  for (size_t pos = from; pos <= text.size() && FindFrom(re, text, ascii, pos, &b, &e);) {
    out->emplace_back(b, e);
    pos = e == b ? static_cast<size_t>(e) + 1 : static_cast<size_t>(e);
  }
}

}  // namespace scrx::tag
