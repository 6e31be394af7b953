// Text quality per page: whether a page's text layer is usable text. A scanned page has no
// words at all; a page set in a font without a Unicode map has words that are not words
// ("Wkh fklog", "!\"#$%"). Both need OCR before scrx can read them, and the user must be told,
// page by page, instead of getting a review with silently missing themes.
//
// The measure: a sample of up to kSampleWords word tokens, evenly spread over the page, is
// normalised (ligatures, quotes), stripped of surrounding punctuation, and tokens with digits
// are dropped. The rest are candidates; quality is the share of candidates that the lexicon
// (Hunspell en_GB) knows, trying the word as printed and in lower case, and each part of a
// hyphenated word. Names and jargon are unknown, so real prose scores about 0.8 to 0.95; text
// from a font without a Unicode map scores below 0.3. Characters that are never text (U+FFFD,
// C0 controls, private-use code points) count against the page too. Without a lexicon, a word
// counts as known when its shape is plausible (letters only, a vowel, no run of 5 consonants).
#ifndef SCRX_LAYOUT_TEXT_QUALITY_H_
#define SCRX_LAYOUT_TEXT_QUALITY_H_

#include <vector>

#include "document.h"
#include "layout/dehyphenate.h"

namespace scrx::layout {

inline constexpr int kSampleWords = 80;
// Below this quality, a page with at least kMinCandidates candidates is garbage text.
inline constexpr double kGarbageQuality = 0.5;
inline constexpr int kMinCandidates = 12;

// One entry per page of `raw`, in order. Appends a warning per page that needs OCR: code
// "garbage_text" for a text layer that is not text (a page without any words already has the
// reader's "no_text_layer" warning), plus one document warning when most pages need OCR.
std::vector<PageText> MeasureTextQuality(const RawDocument& raw, const Lexicon* lexicon,
                                         std::vector<Warning>* warnings);

// The quality of one list of tokens (exposed for tests): known candidates / candidates, and
// the number of candidates; 1.0 when there are none.
double TokenQuality(const std::vector<std::string>& tokens, const Lexicon* lexicon,
                    int* candidates);

}  // namespace scrx::layout

#endif  // SCRX_LAYOUT_TEXT_QUALITY_H_
