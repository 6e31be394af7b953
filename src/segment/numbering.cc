#include "segment/numbering.h"

#include <re2/re2.h>

#include <cctype>

namespace scrx::segment {
namespace {

std::vector<int> SplitParts(std::string_view num) {
  std::vector<int> parts;
  int cur = -1;
  for (char c : num) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      cur = (cur < 0 ? 0 : cur * 10) + (c - '0');
    } else if (c == '.') {
      if (cur >= 0) parts.push_back(cur);
      cur = -1;
    }
  }
  if (cur >= 0) parts.push_back(cur);
  return parts;
}

bool StartsLikeSentence(std::string_view rest) {
  if (rest.empty()) return false;
  auto c = static_cast<unsigned char>(rest[0]);
  return std::isupper(c) || std::isdigit(c) || c == '"' || c == '\'' || c == '(' || c == '[' ||
         c >= 0x80;
}

// Whether `text` starts with a byte in `firsts` (ASCII letters without case). Every line of a
// document is asked whether it is numbered; a regex search costs far more than this test, which
// every match of the regexes below passes.
bool StartsWithOneOf(std::string_view text, std::string_view firsts) {
  if (text.empty()) return false;
  auto c = static_cast<unsigned char>(text[0]);
  if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
  return firsts.find(static_cast<char>(c)) != std::string_view::npos;
}

}  // namespace

SectionNumber ParseSectionNumber(std::string_view text) {
  static const RE2 kNumeric(R"(^((?:\d{1,2}\.){0,3}\d{1,2})\.?\)?\s+(\S.*)$)");
  static const RE2 kWord(
      R"((?i)^(section|chapter|part|appendix|annexe?|appendices)\s*([0-9]{1,2}|[A-Z]\b|[IVX]{1,4}\b)?\s*[:.\-]?\s*(.*)$)");
  static const RE2 kLetter(R"(^([A-H])[.)]\s+([A-Z].*)$)");
  SectionNumber out;
  // kNumeric starts with a digit, kWord with s, c, p or a, kLetter with A-H.
  if (!StartsWithOneOf(text, "0123456789scpabdefgh")) return out;
  std::string num, rest, word;
  re2::StringPiece in(text.data(), text.size());
  if (RE2::FullMatch(in, kNumeric, &num, &rest)) {
    std::vector<int> parts = SplitParts(num);
    if (parts.empty() || parts.front() == 0 || parts.front() > 40) return out;
    // "10 to 13 June 2014" or "12 weeks later" is not section 10: a title starts like one.
    auto c = static_cast<unsigned char>(rest[0]);
    if (!(std::isupper(c) || std::isdigit(c) || c == '"' || c == '\'' || c >= 0x80)) return out;
    // "12 May 2021: the disclosure" is a date, not section 12.
    static const RE2 kMonth(
        R"((?i)^(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b)");
    if (parts.size() == 1 && RE2::PartialMatch(rest, kMonth)) return out;
    // "2019 Review" is a year, not section 2019 (the regex caps parts at two digits).
    out.found = true;
    out.numeric = true;
    out.number = num;
    out.title = rest;
    out.depth = static_cast<int>(parts.size());
    return out;
  }
  if (RE2::FullMatch(in, kWord, &word, &num, &rest)) {
    std::string lower;
    for (char c : word)
      lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    bool bare_word = num.empty();
    if (bare_word && lower != "appendix" && lower != "appendices" && lower != "annex" &&
        lower != "annexe") {
      return out;  // "Section" alone, or "Part of the ..." prose
    }
    if (bare_word && !rest.empty()) return out;  // "Appendix material ..." is not numbered
    out.found = true;
    out.depth = 1;
    out.title = rest;
    if (lower == "section" || lower == "chapter") {
      out.number = num;
      out.numeric = !num.empty() && std::isdigit(static_cast<unsigned char>(num[0]));
    } else {
      std::string w = word;
      w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
      for (size_t i = 1; i < w.size(); ++i) {
        w[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(w[i])));
      }
      out.number = num.empty() ? w : w + " " + num;
    }
    return out;
  }
  if (RE2::FullMatch(in, kLetter, &num, &rest)) {
    out.found = true;
    out.number = num;
    out.title = rest;
    return out;
  }
  return out;
}

ParaNumber ParseParagraphNumber(std::string_view text) {
  static const RE2 kNum(R"(^(\d{1,4}(?:\.\d{1,3}){0,3})(\.?)\s+(.+)$)");
  static const RE2 kPara(R"((?i)^para(?:graph)?\.?\s*(\d{1,4}(?:\.\d{1,3}){0,3})[:.]?\s+(.+)$)");
  ParaNumber out;
  if (!StartsWithOneOf(text, "0123456789p")) return out;
  std::string num, dot, rest;
  re2::StringPiece in(text.data(), text.size());
  if (RE2::FullMatch(in, kNum, &num, &dot, &rest) || RE2::FullMatch(in, kPara, &num, &rest)) {
    if (!StartsLikeSentence(rest)) return out;
    out.parts = SplitParts(num);
    if (out.parts.empty() || out.parts.front() == 0) return {};
    out.found = true;
    out.number = num;
    out.rest = rest;
  }
  return out;
}

ListMarker ParseListMarker(std::string_view text) {
  static const RE2 kBullet(R"(^(•|-|\*|o|>)\s+(\S.*)$)");
  static const RE2 kParen(R"(^(\((?:[a-z]|[ivx]{1,4}|\d{1,2})\))\s+(\S.*)$)");
  static const RE2 kClose(R"(^((?:[a-z]|[ivx]{1,4}|\d{1,2})\))\s+(\S.*)$)");
  static const RE2 kDot(R"(^((?:[a-h]|[ivx]{1,4})\.)\s+(\S.*)$)");
  static const RE2 kBulletGlued(R"(^(•)(\S.*)$)");
  ListMarker out;
  // A bullet ("•" starts with 0xE2), "(", or up to four lower-case letters closed by ")" or
  // "." ("b)", "iv.") or up to two digits closed by ")" ("12)"): the only starts the regexes
  // below can match. A numbered paragraph ("4.1 The ...") is not asked.
  if (text.empty()) return out;
  const auto c0 = static_cast<unsigned char>(text[0]);
  size_t letters = 0, digits = 0;
  while (letters < text.size() && letters < 4 && text[letters] >= 'a' && text[letters] <= 'z') {
    ++letters;
  }
  while (digits < text.size() && digits < 2 && text[digits] >= '0' && text[digits] <= '9') {
    ++digits;
  }
  const bool letters_closed =
      letters > 0 && letters < text.size() && (text[letters] == ')' || text[letters] == '.');
  const bool digits_closed = digits > 0 && digits < text.size() && text[digits] == ')';
  if (c0 != 0xE2 && c0 != '(' &&
      std::string_view("-*o>").find(static_cast<char>(c0)) == std::string_view::npos &&
      !letters_closed && !digits_closed) {
    return out;
  }
  re2::StringPiece in(text.data(), text.size());
  if (RE2::FullMatch(in, kBullet, &out.marker, &out.rest) ||
      RE2::FullMatch(in, kParen, &out.marker, &out.rest) ||
      RE2::FullMatch(in, kClose, &out.marker, &out.rest) ||
      RE2::FullMatch(in, kDot, &out.marker, &out.rest) ||
      RE2::FullMatch(in, kBulletGlued, &out.marker, &out.rest)) {
    out.found = true;
  }
  return out;
}

bool ContinuesSequence(const std::vector<int>& last, const std::vector<int>& next, int section) {
  if (next.empty()) return false;
  if (last.empty()) {
    return next.back() == 1 || (section > 0 && next.front() == section);
  }
  // Same depth, next number.
  if (next.size() == last.size()) {
    bool prefix = std::equal(last.begin(), last.end() - 1, next.begin());
    if (prefix && next.back() == last.back() + 1) return true;
  }
  // One level deeper: 1.2 -> 1.2.1.
  if (next.size() == last.size() + 1 && std::equal(last.begin(), last.end(), next.begin()) &&
      next.back() == 1) {
    return true;
  }
  // Back up one or more levels: 1.2.3 -> 1.3, 1.2.3 -> 2.
  for (size_t d = 1; d < last.size(); ++d) {
    if (next.size() == d &&
        std::equal(last.begin(), last.begin() + static_cast<long>(d) - 1, next.begin()) &&
        next.back() == last[d - 1] + 1) {
      return true;
    }
  }
  // A new section restarts numbering: 3.4 -> 4.1, or x.1 under section x, or 1 after a heading.
  if (next.size() >= 2 && next[1] == 1 &&
      (next.front() == last.front() + 1 || (section > 0 && next.front() == section))) {
    return true;
  }
  return next.size() == 1 && next.front() == 1;
}

}  // namespace scrx::segment
