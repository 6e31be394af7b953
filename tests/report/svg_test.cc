// The SVG charts of the report: escaping, the colour scale, and that every mark carries its
// number (data-value and a text label) and an accessible <title>.
#include "report/svg.h"

#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <string>

namespace scrx::report {
namespace {

int Count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

TEST(Escape, HtmlAndAttributeContexts) {
  const struct {
    std::string in, out;
  } cases[] = {
      {"plain text", "plain text"},
      {"a < b > c", "a &lt; b &gt; c"},
      {"Tom & Jerry", "Tom &amp; Jerry"},
      {"\"double\" and 'single'", "&quot;double&quot; and &#39;single&#39;"},
      {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
      {"&amp; stays literal", "&amp;amp; stays literal"},
      {"tab\tnewline\nreturn\r", "tab\tnewline\nreturn\r"},
      {std::string("nul\0bell\x07"
                   "del\x7F",
                   12),
       "nulbelldel"},
      {"Children\xE2\x80\x99s caf\xC3\xA9", "Children\xE2\x80\x99s caf\xC3\xA9"},
  };
  for (const auto& c : cases) EXPECT_EQ(Escape(c.in), c.out) << c.in;
}

TEST(Ellipsize, CutsAtCodePoints) {
  const struct {
    std::string in;
    size_t max;
    std::string out;
  } cases[] = {
      {"abcdef", 6, "abcdef"},
      {"abcdef", 4, "abc\xE2\x80\xA6"},
      {"ab cdef", 4, "ab\xE2\x80\xA6"},  // no space before the ellipsis
      {"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9", 3, "\xC3\xA9\xC3\xA9\xE2\x80\xA6"},
      {"anything", 0, "anything"},
      {"", 3, ""},
  };
  for (const auto& c : cases) EXPECT_EQ(Ellipsize(c.in, c.max), c.out) << c.in;
}

TEST(ScaleColour, EndsMiddleAndClamping) {
  EXPECT_EQ(ScaleColour(0), "#f3f6fa");
  EXPECT_EQ(ScaleColour(0.5), "#6baed6");
  EXPECT_EQ(ScaleColour(1), "#08306b");
  EXPECT_EQ(ScaleColour(-3), ScaleColour(0));
  EXPECT_EQ(ScaleColour(7), ScaleColour(1));
  EXPECT_EQ(ScaleColour(std::nan("")), ScaleColour(0));
  EXPECT_FALSE(DarkBackground(0.2));
  EXPECT_TRUE(DarkBackground(0.9));
}

BarChart TwoBars() {
  BarChart c;
  c.id = "freq";
  c.title = "Theme frequency";
  c.description = "Two themes";
  c.max_value = 20;
  Bar a;
  a.label = "Unseen men <fathers & partners>";
  a.value = 20;
  a.value_text = "20 (100%)";
  a.data = {{"theme", "unseen_men"}};
  Bar b;
  b.label = "Neglect";
  b.value = 5;
  b.data = {{"theme", "neglect\"><script>"}};
  c.bars = {a, b};
  return c;
}

TEST(BarChart, EveryBarCarriesItsNumberAndTitle) {
  const std::string svg = RenderBarChart(TwoBars());
  EXPECT_EQ(svg.rfind("<svg class=\"chart bar-chart\" id=\"freq\"", 0), 0u) << svg;
  EXPECT_NE(svg.find("<title id=\"freq-title\">Theme frequency</title>"), std::string::npos);
  EXPECT_NE(svg.find("<desc id=\"freq-desc\">Two themes</desc>"), std::string::npos);
  EXPECT_EQ(Count(svg, "<g class=\"bar\""), 2);
  EXPECT_NE(svg.find("<g class=\"bar\" data-value=\"20\" data-theme=\"unseen_men\"><title>"
                     "Unseen men &lt;fathers &amp; partners&gt;: 20 (100%)</title>"),
            std::string::npos)
      << svg;
  EXPECT_NE(svg.find("class=\"value\">20 (100%)</text>"), std::string::npos);
  // Without value_text the value itself is the label.
  EXPECT_NE(svg.find("class=\"value\">5</text>"), std::string::npos);
  // Data from outside never closes the attribute or opens an element.
  EXPECT_NE(svg.find("data-theme=\"neglect&quot;&gt;&lt;script&gt;\""), std::string::npos);
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(Count(svg, "<title"), 3);  // the chart's and one per bar
}

TEST(BarChart, BarLengthsAreProportional) {
  const std::string svg = RenderBarChart(TwoBars());
  std::regex rect("<rect x=\"([0-9.]+)\" y=\"[0-9.]+\" width=\"([0-9.]+)\" height=\"14\"");
  std::vector<double> widths;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), rect); it != std::sregex_iterator();
       ++it) {
    widths.push_back(std::stod((*it)[2]));
  }
  ASSERT_EQ(widths.size(), 2u) << svg;
  EXPECT_NEAR(widths[1] / widths[0], 5.0 / 20.0, 0.01);
}

TEST(BarChart, EmptyChartIsValid) {
  BarChart c;
  c.id = "none";
  c.title = "Nothing";
  const std::string svg = RenderBarChart(c);
  EXPECT_EQ(Count(svg, "<g class=\"bar\""), 0);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
}

HeatMap ThreeByThree(bool triangle) {
  HeatMap m;
  m.id = "m";
  m.title = "Matrix";
  m.lower_triangle = triangle;
  m.row_labels = {"A", "B", "C"};
  m.col_labels = {"1", "2", "3"};
  for (int r = 0; r < 3; ++r) {
    std::vector<HeatCell> row;
    for (int c = 0; c < 3; ++c) {
      HeatCell cell;
      cell.shade = r == 2 && c == 0 ? 1.0 : 0.25;
      cell.text = std::to_string(r * 3 + c);
      cell.title = "cell " + std::to_string(r) + "," + std::to_string(c);
      cell.data = {{"value", std::to_string(r * 3 + c)}};
      row.push_back(cell);
    }
    m.cells.push_back(row);
  }
  m.legend_low = "0";
  m.legend_high = "1";
  m.legend_caption = "c-coefficient";
  return m;
}

TEST(HeatMap, FullGridAndLowerTriangle) {
  const std::string full = RenderHeatMap(ThreeByThree(false));
  EXPECT_EQ(Count(full, "<g class=\"cell\""), 9);
  const std::string tri = RenderHeatMap(ThreeByThree(true));
  EXPECT_EQ(Count(tri, "<g class=\"cell\""), 6);
  EXPECT_EQ(tri.find("data-value=\"1\""), std::string::npos);  // row 0, column 1: above
  EXPECT_NE(tri.find("data-value=\"3\""), std::string::npos);  // row 1, column 0
  EXPECT_NE(tri.find("class=\"chart heat-map matrix\""), std::string::npos);
}

TEST(HeatMap, CellsCarryNumberTitleAndScaleColour) {
  const std::string svg = RenderHeatMap(ThreeByThree(false));
  // The darkest cell (row 2, column 0) has white text on the end colour of the scale.
  EXPECT_NE(svg.find("<g class=\"cell\" data-value=\"6\"><title>cell 2,0</title><rect"),
            std::string::npos)
      << svg;
  const size_t at = svg.find("data-value=\"6\"");
  const std::string cell = svg.substr(at, svg.find("</g>", at) - at);
  EXPECT_NE(cell.find("fill=\"#08306b\""), std::string::npos) << cell;
  EXPECT_NE(cell.find("fill=\"#ffffff\">6</text>"), std::string::npos) << cell;
  // The legend: a gradient of the scale with its end labels and caption.
  EXPECT_NE(svg.find("<linearGradient id=\"m-scale\">"), std::string::npos);
  EXPECT_NE(svg.find("fill=\"url(#m-scale)\""), std::string::npos);
  EXPECT_NE(svg.find(">c-coefficient</text>"), std::string::npos);
}

}  // namespace
}  // namespace scrx::report
