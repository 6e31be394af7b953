// layout::BuildLayout on word boxes no well-made PDF has, as the layout fuzzer produced them
// (fuzz/regressions/layout): layout never fails and never allocates without bound.
#include <gtest/gtest.h>

#include <string>

#include "layout/layout.h"
#include "testing/raw_builder.h"

namespace scrx::layout {
namespace {

using scrx::testing::RawBuilder;

// Two words 10^15 pt apart on one row (a page box far beyond PDF's 14,400-unit limit, which
// Poppler does not enforce). The gutter search used one bin per point across the text: it
// asked for petabytes and failed the file. Now such a text is read as one column.
TEST(LayoutHostile, TextSpanningAHugePageIsOneColumn) {
  RawBuilder b;
  b.Page(2e15, 842);
  b.Line(72, 100, "Left words on a very wide page.");
  b.Line(1e15, 100, "Right words.");
  b.Line(72, 114, "More text at the left of the page.");
  RawDocument raw = b.Build();
  LaidOutDocument laid = BuildLayout(raw, {nullptr});
  ASSERT_EQ(laid.pages.size(), 1u);
  std::string text;
  for (const Block& block : laid.pages[0].blocks) {
    for (const Line& l : block.lines) text += l.text + "\n";
  }
  EXPECT_NE(text.find("Left words on a very wide page."), std::string::npos) << text;
  EXPECT_NE(text.find("Right words."), std::string::npos) << text;
  EXPECT_EQ(laid.pages[0].columns, 1);
}

}  // namespace
}  // namespace scrx::layout
