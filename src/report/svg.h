// Inline SVG charts for the HTML report (src/report/report.h): a horizontal bar chart and a heat
// map (a full grid such as theme by year, or the lower triangle of a symmetric matrix such as
// theme co-occurrence), drawn as markup strings to be pasted into an HTML page. Every mark
// carries its number as a visible text label and as data-* attributes (so tests and scripts can
// read the numbers back), and a <title> that says what it is (read by screen readers, shown as a
// tooltip). Also the escaping every piece of report markup goes through.
#ifndef SCRX_REPORT_SVG_H_
#define SCRX_REPORT_SVG_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scrx::report {

// Escapes text for HTML and SVG markup: & < > " ' become character references, so the result
// is safe both as element content and inside a quoted attribute value. C0 control characters
// other than tab, newline and carriage return (not allowed in HTML) are dropped. Bytes are
// otherwise kept: the input is expected to be UTF-8.
std::string Escape(std::string_view text);

// The colour of the sequential scale (near white -> dark blue) at t in [0, 1] (clamped), as
// "#rrggbb".
std::string ScaleColour(double t);

// True when text drawn over ScaleColour(t) should be white rather than dark.
bool DarkBackground(double t);

// `text` cut to at most `max_chars` code points (UTF-8), ending with "…" when it was cut.
std::string Ellipsize(std::string_view text, size_t max_chars);

// Extra attributes of a mark: {"theme", "unseen_men"} is written data-theme="unseen_men". Names
// are lower-case ASCII letters, digits and '-' (chosen by the caller's code, not from data);
// values are escaped.
using DataAttrs = std::vector<std::pair<std::string, std::string>>;

struct Bar {
  std::string label;       // shown left of the bar (cut to BarChart::max_label_chars)
  double value = 0;        // the bar's length; written as data-value
  std::string value_text;  // shown right of the bar ("12 (43%)"); the value when empty
  std::string title;       // the accessible name/tooltip; "label: value_text" when empty
  std::string colour;      // fill ("#rrggbb"); a default blue when empty
  DataAttrs data;          // more data-* attributes of the bar's group
};

struct BarChart {
  std::string id;           // unique in the page; prefixes element ids
  std::string title;        // the chart's <title>
  std::string description;  // its <desc>
  double max_value = 0;     // the value of a full-length bar; the largest value when 0
  size_t max_label_chars = 48;
  std::vector<Bar> bars;                                    // drawn top to bottom in this order
  std::vector<std::pair<std::string, std::string>> legend;  // (colour, text), drawn on top
};

// The chart as an <svg> element: one <g class="bar" data-value=...> per bar with its <title>,
// the label, the bar and its value text; light grid lines with tick values on top.
std::string RenderBarChart(const BarChart& chart);

struct HeatCell {
  double shade = 0;   // position on the colour scale, 0..1
  std::string text;   // the number shown in the cell; empty draws no text
  std::string title;  // the accessible name/tooltip
  std::string fill;   // overrides the scale colour when set (e.g. a matrix diagonal)
  DataAttrs data;     // data-* attributes of the cell's group (data-value and more)
};

struct HeatMap {
  std::string id, title, description;
  std::vector<std::string> row_labels;       // left of the rows (cut to max_label_chars)
  std::vector<std::string> col_labels;       // above the columns; keep them short
  std::vector<std::string> col_sublabels;    // a second, smaller header line (may be empty)
  std::vector<std::string> col_titles;       // tooltips of the column headers (may be empty)
  std::vector<std::vector<HeatCell>> cells;  // [row][column]; rows may be shorter than columns
  bool lower_triangle = false;  // draw only cells with column <= row (a symmetric matrix)
  int cell_width = 40, cell_height = 20;
  size_t max_label_chars = 44;
  std::string legend_low, legend_high;  // text at the ends of the colour-scale legend
  std::string legend_caption;           // what the shade means
};

// The heat map as an <svg> element: one <g class="cell" ...> per drawn cell with its <title>, a
// rectangle shaded by the colour scale and the number as text; a colour-scale legend below.
std::string RenderHeatMap(const HeatMap& map);

}  // namespace scrx::report

#endif  // SCRX_REPORT_SVG_H_
