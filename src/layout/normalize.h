// Text normalisation with ICU, applied once to every line of text in layout. After it, later
// stages see: ligatures expanded (NFKC), ASCII quotes and apostrophes, every dash as '-',
// ordinary single spaces (no-break, thin and other spaces folded, zero-width characters and
// soft hyphens removed, except a soft hyphen that ends the text: it becomes '-'), and one bullet
// glyph ('•') for all bullet symbols, including the private-use code points of symbol fonts (Symbol
// U+F0B7, Wingdings U+F0A7, ...).
#ifndef SCRX_LAYOUT_NORMALIZE_H_
#define SCRX_LAYOUT_NORMALIZE_H_

#include <string>
#include <string_view>

namespace scrx::layout {

// Returns the normalised form of UTF-8 `text`. Invalid UTF-8 sequences become U+FFFD.
// Leading and trailing spaces are trimmed and runs of spaces collapse to one.
std::string NormalizeText(std::string_view text);

// True when `token` (already normalised) is a bullet glyph on its own: "•", or a lone
// private-use symbol-font character before normalisation.
bool IsBulletToken(std::string_view token);

}  // namespace scrx::layout

#endif  // SCRX_LAYOUT_NORMALIZE_H_
