// Layout: rebuilds the reading order of a document from its words. Words become rows (words at
// one height), rows are cut into regions with one column, several prose columns, or a table;
// running headers, footers and page numbers are found by their repetition across pages and
// moved to `furniture` together with footnotes; the rest becomes blocks of lines in reading
// order. Line text is normalised (normalize.h) and every line that ends with a hyphen learns
// how it joins the next line (dehyphenate.h).
#ifndef SCRX_LAYOUT_LAYOUT_H_
#define SCRX_LAYOUT_LAYOUT_H_

#include "document.h"
#include "layout/dehyphenate.h"

namespace scrx::layout {

struct LayoutOptions {
  // Dictionary for de-hyphenation; nullptr = the document's own vocabulary only.
  // Defaults to DefaultLexicon() (Hunspell en_GB when installed). Not owned.
  const Lexicon* lexicon = DefaultLexicon();
};

// Lays out every page of `raw`. Never fails: pages it cannot make sense of come out as
// single-column text, and problems are reported in the result's warnings.
LaidOutDocument BuildLayout(const RawDocument& raw, const LayoutOptions& options = {});

}  // namespace scrx::layout

#endif  // SCRX_LAYOUT_LAYOUT_H_
