// Test helper: builds a RawDocument from lines of text placed on pages, as Poppler would report
// them (one Word per space-separated token with a box, font and size), so that layout and
// segmentation can be tested without PDFs. Glyphs are 0.5 x size wide; a space 0.25 x size.
#ifndef SCRX_TESTS_TESTING_RAW_BUILDER_H_
#define SCRX_TESTS_TESTING_RAW_BUILDER_H_

#include <string>
#include <string_view>

#include "document.h"

namespace scrx::testing {

struct Style {
  double size = 11;
  bool bold = false;
  bool italic = false;
};

class RawBuilder {
 public:
  // Starts a new page (A4 by default).
  RawBuilder& Page(double width = 595, double height = 842);
  // Places one line of text with its top-left corner at (x, y) on the current page.
  RawBuilder& Line(double x, double y, std::string_view text, Style style = {});
  // Places lines top to bottom from (x, y), `leading` apart; returns the y after the last line.
  double Lines(double x, double y, std::initializer_list<std::string_view> lines, Style style = {},
               double leading = 14);
  RawDocument Build() const { return doc_; }

  // Width of `text` in this font model.
  static double Width(std::string_view text, double size);

 private:
  RawDocument doc_;
};

}  // namespace scrx::testing

#endif  // SCRX_TESTS_TESTING_RAW_BUILDER_H_
