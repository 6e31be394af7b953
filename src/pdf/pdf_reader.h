// Ingest: the Poppler adapter. Reads a PDF file into a RawDocument (the words of every page
// with their boxes, fonts and sizes, plus the document information dictionary). This is the
// only part of scrx that includes Poppler headers.
#ifndef SCRX_PDF_PDF_READER_H_
#define SCRX_PDF_PDF_READER_H_

#include <cstddef>
#include <string>

#include "base/status.h"
#include "document.h"

namespace scrx::pdf {

struct ReadOptions {
  std::string password;  // tried as both owner and user password when the PDF is encrypted
  int max_pages = 0;     // read at most this many pages; 0 = all
};

// Reads the PDF at `path` into `*out` (cleared first). On failure returns a Status whose
// message names `path` and the reason ("x.pdf: not a PDF: the file does not start with %PDF",
// "x.pdf: encrypted: a password is required"). Messages that Poppler prints while reading are
// captured and appended to out->warnings with code "poppler" instead of reaching stderr.
// Pages without any text get a warning with code "no_text_layer".
Status ReadPdf(const std::string& path, const ReadOptions& options, RawDocument* out);

// Strips a subset prefix ("ABCDEF+") from a font name.
std::string BaseFontName(const std::string& font);
// Whether a font name says bold / italic ("Arial-BoldMT", "LiberationSerif-Italic").
bool FontIsBold(const std::string& font);
bool FontIsItalic(const std::string& font);

// UTF-16 (Poppler's ustring) to UTF-8: surrogate pairs joined, a lone surrogate becomes U+FFFD.
// Poppler's own ustring::to_utf8() goes through iconv, which cost as much as all of layout.
std::string Utf16ToUtf8(const unsigned short* units, size_t n);

}  // namespace scrx::pdf

#endif  // SCRX_PDF_PDF_READER_H_
