#include "layout/text_quality.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

#include "layout/normalize.h"

namespace scrx::layout {
namespace {

// Decodes one UTF-8 code point at s[*i] and advances *i; invalid bytes give U+FFFD.
char32_t NextCodePoint(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || *i + static_cast<size_t>(len) > s.size()) {
    ++*i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? c : c & (0x3F >> (len - 1));
  for (int k = 1; k < len; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[*i + static_cast<size_t>(k)]);
    if ((cc & 0xC0) != 0x80) {
      ++*i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  *i += static_cast<size_t>(len);
  return cp;
}

bool NeverText(char32_t cp) {
  return cp == 0xFFFD || (cp < 0x20 && cp != '\t') || cp == 0x7F ||
         (cp >= 0xE000 && cp <= 0xF8FF) || cp >= 0xF0000;
}

bool IsAsciiPunct(char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; }

// Strips ASCII punctuation and typographic quotes/dashes from both ends.
std::string_view StripPunct(std::string_view w) {
  auto strip_front = [&] {
    if (!w.empty() && IsAsciiPunct(w.front())) {
      w.remove_prefix(1);
      return true;
    }
    for (std::string_view q : {"\u2018", "\u2019", "\u201C", "\u201D", "\u2013", "\u2014"}) {
      if (w.substr(0, q.size()) == q) {
        w.remove_prefix(q.size());
        return true;
      }
    }
    return false;
  };
  auto strip_back = [&] {
    if (!w.empty() && IsAsciiPunct(w.back())) {
      w.remove_suffix(1);
      return true;
    }
    for (std::string_view q : {"\u2018", "\u2019", "\u201C", "\u201D", "\u2013", "\u2014"}) {
      if (w.size() >= q.size() && w.substr(w.size() - q.size()) == q) {
        w.remove_suffix(q.size());
        return true;
      }
    }
    return false;
  };
  while (strip_front()) {
  }
  while (strip_back()) {
  }
  return w;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool PlausibleShape(std::string_view w) {
  int run = 0;
  bool vowel = false;
  for (char c : w) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80) return true;  // accented words: give the benefit of the doubt
    if (!std::isalpha(u) && c != '\'') return false;
    char l = static_cast<char>(std::tolower(u));
    bool v = std::string_view("aeiouy").find(l) != std::string_view::npos;
    vowel |= v;
    run = v || c == '\'' ? 0 : run + 1;
    if (run >= 5) return false;
  }
  return vowel;
}

bool KnownPart(std::string_view w, const Lexicon* lexicon) {
  if (w.empty()) return true;
  if (lexicon == nullptr) return PlausibleShape(w);
  if (lexicon->IsWord(w)) return true;
  std::string lower = AsciiLower(w);
  if (lower != w && lexicon->IsWord(lower)) return true;
  // Possessives and plurals of names: "Child's", "agencies'".
  if (lower.size() > 2 && lower.substr(lower.size() - 2) == "'s") {
    return lexicon->IsWord(w.substr(0, w.size() - 2)) ||
           lexicon->IsWord(lower.substr(0, lower.size() - 2));
  }
  return false;
}

bool Known(std::string_view w, const Lexicon* lexicon) {
  // Each part of a hyphenated or slashed word: "multi-agency", "he/she".
  size_t start = 0;
  while (start <= w.size()) {
    size_t end = w.find_first_of("-/", start);
    if (end == std::string_view::npos) end = w.size();
    std::string_view part = w.substr(start, end - start);
    if (!part.empty() && !KnownPart(part, lexicon)) return false;
    start = end + 1;
  }
  return true;
}

}  // namespace

double TokenQuality(const std::vector<std::string>& tokens, const Lexicon* lexicon,
                    int* candidates) {
  int n = 0, known = 0;
  for (const std::string& raw : tokens) {
    std::string norm = NormalizeText(raw);
    // Characters that are never text make the token a failed candidate outright.
    bool never = false;
    for (size_t i = 0; i < raw.size();) never |= NeverText(NextCodePoint(raw, &i));
    if (never) {
      ++n;
      continue;
    }
    std::string_view w = StripPunct(norm);
    if (w.empty()) {
      // A token of punctuation only ("!\"#$"): text never has many of these.
      if (StripPunct(std::string_view(norm)).empty() && norm.size() >= 3) ++n;
      continue;
    }
    if (std::any_of(w.begin(), w.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      continue;
    if (w.size() == 1 && std::isalpha(static_cast<unsigned char>(w[0]))) continue;  // "a", "I", "B"
    ++n;
    if (Known(w, lexicon)) ++known;
  }
  if (candidates != nullptr) *candidates = n;
  return n == 0 ? 1.0 : static_cast<double>(known) / n;
}

std::vector<PageText> MeasureTextQuality(const RawDocument& raw, const Lexicon* lexicon,
                                         std::vector<Warning>* warnings) {
  std::vector<PageText> out;
  out.reserve(raw.pages.size());
  int needs_ocr = 0;
  for (const RawPage& page : raw.pages) {
    PageText pt;
    pt.page = page.number;
    pt.words = static_cast<int>(page.words.size());
    if (page.words.empty()) {
      pt.needs_ocr = true;  // the reader already warned: no_text_layer
      pt.quality = 0;
    } else {
      std::vector<std::string> sample;
      const size_t n = page.words.size();
      const size_t take = std::min<size_t>(n, kSampleWords);
      sample.reserve(take);
      for (size_t k = 0; k < take; ++k) sample.push_back(page.words[k * n / take].text);
      int candidates = 0;
      pt.quality = TokenQuality(sample, lexicon, &candidates);
      if (candidates >= kMinCandidates && pt.quality < kGarbageQuality) {
        pt.needs_ocr = true;
        warnings->push_back(
            {"garbage_text", page.number,
             "only " + std::to_string(static_cast<int>(pt.quality * 100 + 0.5)) +
                 "% of the sampled words are words: the text layer is not readable text (a font "
                 "without a Unicode map?); the page needs OCR and its themes may be missed"});
      }
    }
    needs_ocr += pt.needs_ocr;
    out.push_back(pt);
  }
  if (!raw.pages.empty() && needs_ocr * 2 > static_cast<int>(raw.pages.size())) {
    warnings->push_back({"needs_ocr", 0,
                         std::to_string(needs_ocr) + " of " + std::to_string(raw.pages.size()) +
                             " pages have no readable text: run OCR on this PDF (e.g. ocrmypdf) "
                             "and analyse it again"});
  }
  return out;
}

}  // namespace scrx::layout
