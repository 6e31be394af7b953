#include "report/svg.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace scrx::report {
namespace {

// Sans-serif text at 12px is about this wide per character on average; used to leave room for
// labels (SVG text cannot be measured without a browser).
constexpr double kCharWidth12 = 6.6;

std::string Num(double v) {
  char buf[32];
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.6g", v);
  }
  return buf;
}

// A coordinate: at most one decimal.
std::string Px(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

void AppendData(std::string* out, const DataAttrs& data) {
  for (const auto& [name, value] : data) {
    *out += " data-" + name + "=\"" + Escape(value) + "\"";
  }
}

// The colour stops of the scale, t = 0, 0.25, 0.5, 0.75, 1.
constexpr std::array<std::array<int, 3>, 5> kStops = {{
    {243, 246, 250},
    {198, 219, 239},
    {107, 174, 214},
    {33, 113, 181},
    {8, 48, 107},
}};

// The <svg> start tag and its accessible title and description.
std::string SvgOpen(const std::string& id, const std::string& cls, double width, double height,
                    const std::string& title, const std::string& description) {
  const std::string eid = Escape(id);
  std::string out = "<svg class=\"" + cls + "\" id=\"" + eid + "\" width=\"" + Px(width) +
                    "\" height=\"" + Px(height) + "\" viewBox=\"0 0 " + Px(width) + " " +
                    Px(height) + "\" role=\"group\" aria-labelledby=\"" + eid + "-title\"";
  if (!description.empty()) out += " aria-describedby=\"" + eid + "-desc\"";
  out += ">\n<title id=\"" + eid + "-title\">" + Escape(title) + "</title>\n";
  if (!description.empty()) {
    out += "<desc id=\"" + eid + "-desc\">" + Escape(description) + "</desc>\n";
  }
  return out;
}

// A step of 1, 2 or 5 times a power of ten that divides [0, max] into at most `ticks` parts.
double NiceStep(double max, int ticks) {
  if (max <= 0) return 1;
  double raw = max / ticks;
  double p = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * p >= raw) return m * p;
  }
  return 10 * p;
}

}  // namespace

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        if (c == 0x7F) break;
        out += c;
    }
  }
  return out;
}

std::string ScaleColour(double t) {
  if (!(t > 0)) t = 0;  // also NaN
  if (t > 1) t = 1;
  double pos = t * (kStops.size() - 1);
  size_t i = std::min(static_cast<size_t>(pos), kStops.size() - 2);
  double f = pos - static_cast<double>(i);
  char buf[8];
  int rgb[3];
  for (int k = 0; k < 3; ++k) {
    rgb[k] = static_cast<int>(std::lround(kStops[i][k] + f * (kStops[i + 1][k] - kStops[i][k])));
  }
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
  return buf;
}

bool DarkBackground(double t) { return t > 0.55; }

std::string Ellipsize(std::string_view text, size_t max_chars) {
  if (max_chars == 0 || CodePoints(text) <= max_chars) return std::string(text);
  // Keep max_chars - 1 code points, then the ellipsis.
  size_t kept = 0, i = 0;
  for (; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (kept == max_chars - 1) break;
      ++kept;
    }
  }
  std::string out(text.substr(0, i));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "\xE2\x80\xA6";
}

std::string RenderBarChart(const BarChart& chart) {
  double max = chart.max_value;
  for (const Bar& b : chart.bars) max = std::max(max, b.value);
  size_t label_chars = 0;
  for (const Bar& b : chart.bars) {
    label_chars = std::max(label_chars, std::min(CodePoints(b.label), chart.max_label_chars));
  }
  const double row_h = 20, bar_h = 14;
  const double left = std::ceil(label_chars * kCharWidth12) + 12;
  const double value_room = 96;
  const double bar_w = std::max(240.0, 1100 - left - value_room);
  const double width = left + bar_w + value_room;
  const double legend_h = chart.legend.empty() ? 0 : 24;
  const double top = legend_h + 20;  // tick labels above the bars
  const double height = top + row_h * static_cast<double>(chart.bars.size()) + 6;
  auto x_of = [&](double v) { return left + (max > 0 ? bar_w * v / max : 0); };

  std::string out =
      SvgOpen(chart.id, "chart bar-chart", width, height, chart.title, chart.description);
  // Legend.
  double lx = left;
  for (const auto& [colour, text] : chart.legend) {
    out += "<rect x=\"" + Px(lx) + "\" y=\"4\" width=\"12\" height=\"12\" fill=\"" +
           Escape(colour) + "\"/><text x=\"" + Px(lx + 16) + "\" y=\"14\" class=\"legend\">" +
           Escape(text) + "</text>\n";
    lx += 16 + CodePoints(text) * kCharWidth12 + 18;
  }
  // Grid lines with tick values.
  if (max > 0) {
    double step = NiceStep(max, 8);
    out += "<g class=\"grid\" aria-hidden=\"true\">";
    for (double v = 0; v <= max + step * 1e-9; v += step) {
      double x = x_of(v);
      out += "<line x1=\"" + Px(x) + "\" y1=\"" + Px(top - 4) + "\" x2=\"" + Px(x) + "\" y2=\"" +
             Px(height - 4) + "\" stroke=\"#dde1e6\"/><text x=\"" + Px(x) + "\" y=\"" +
             Px(top - 8) + "\" text-anchor=\"middle\" class=\"tick\">" + Num(v) + "</text>";
    }
    out += "</g>\n";
  }
  for (size_t i = 0; i < chart.bars.size(); ++i) {
    const Bar& b = chart.bars[i];
    const double y = top + row_h * static_cast<double>(i);
    const std::string value_text = b.value_text.empty() ? Num(b.value) : b.value_text;
    const std::string title = b.title.empty() ? b.label + ": " + value_text : b.title;
    out += "<g class=\"bar\" data-value=\"" + Num(b.value) + "\"";
    AppendData(&out, b.data);
    out += "><title>" + Escape(title) + "</title>";
    out += "<text x=\"" + Px(left - 8) + "\" y=\"" + Px(y + row_h / 2 + 4) +
           "\" text-anchor=\"end\" class=\"label\">" +
           Escape(Ellipsize(b.label, chart.max_label_chars)) + "</text>";
    const double w = std::max(0.0, x_of(b.value) - left);
    out += "<rect x=\"" + Px(left) + "\" y=\"" + Px(y + (row_h - bar_h) / 2) + "\" width=\"" +
           Px(w) + "\" height=\"" + Px(bar_h) + "\" fill=\"" +
           Escape(b.colour.empty() ? "#4e79a7" : b.colour) + "\"/>";
    out += "<text x=\"" + Px(left + w + 6) + "\" y=\"" + Px(y + row_h / 2 + 4) +
           "\" class=\"value\">" + Escape(value_text) + "</text></g>\n";
  }
  out += "</svg>";
  return out;
}

std::string RenderHeatMap(const HeatMap& map) {
  const size_t rows = map.row_labels.size();
  const size_t cols = map.col_labels.size();
  size_t label_chars = 0;
  for (const std::string& l : map.row_labels) {
    label_chars = std::max(label_chars, std::min(CodePoints(l), map.max_label_chars));
  }
  const bool sub = !map.col_sublabels.empty();
  const double cw = map.cell_width, ch = map.cell_height;
  const double left = std::ceil(label_chars * kCharWidth12) + 12;
  const double header = 20 + (sub ? 13 : 0);
  const double grid_bottom = header + ch * static_cast<double>(rows);
  const bool legend = !map.legend_caption.empty() || !map.legend_low.empty();
  const double legend_w = 160;
  const double height = grid_bottom + (legend ? 44 : 6);
  double width = left + cw * static_cast<double>(cols) + 8;
  if (legend) {
    width =
        std::max(width, left + legend_w + 16 + std::max(CodePoints(map.legend_high) * 6.0, 0.0) +
                            CodePoints(map.legend_caption) * 6.2 + 24);
  }
  const std::string eid = Escape(map.id);

  std::string out =
      SvgOpen(map.id, std::string("chart heat-map") + (map.lower_triangle ? " matrix" : ""), width,
              height, map.title, map.description);
  // Column headers.
  for (size_t c = 0; c < cols; ++c) {
    const double x = left + cw * (static_cast<double>(c) + 0.5);
    out += "<g class=\"col-head\">";
    if (c < map.col_titles.size() && !map.col_titles[c].empty()) {
      out += "<title>" + Escape(map.col_titles[c]) + "</title>";
    }
    out += "<text x=\"" + Px(x) + "\" y=\"14\" text-anchor=\"middle\" class=\"col-label\">" +
           Escape(map.col_labels[c]) + "</text>";
    if (sub && c < map.col_sublabels.size()) {
      out += "<text x=\"" + Px(x) + "\" y=\"27\" text-anchor=\"middle\" class=\"col-sub\">" +
             Escape(map.col_sublabels[c]) + "</text>";
    }
    out += "</g>";
  }
  out += "\n";
  const double font = std::min(11.0, ch - 7);
  for (size_t r = 0; r < rows; ++r) {
    const double y = header + ch * static_cast<double>(r);
    out += "<text x=\"" + Px(left - 8) + "\" y=\"" + Px(y + ch / 2 + 4) +
           "\" text-anchor=\"end\" class=\"label\">" +
           Escape(Ellipsize(map.row_labels[r], map.max_label_chars)) + "</text>";
    const std::vector<HeatCell> empty;
    const std::vector<HeatCell>& row = r < map.cells.size() ? map.cells[r] : empty;
    for (size_t c = 0; c < cols && c < row.size(); ++c) {
      if (map.lower_triangle && c > r) break;
      const HeatCell& cell = row[c];
      const double x = left + cw * static_cast<double>(c);
      out += "<g class=\"cell\"";
      AppendData(&out, cell.data);
      out += ">";
      if (!cell.title.empty()) out += "<title>" + Escape(cell.title) + "</title>";
      out += "<rect x=\"" + Px(x) + "\" y=\"" + Px(y) + "\" width=\"" + Px(cw) + "\" height=\"" +
             Px(ch) + "\" fill=\"" +
             (cell.fill.empty() ? ScaleColour(cell.shade) : Escape(cell.fill)) +
             "\" stroke=\"#ffffff\"/>";
      if (!cell.text.empty()) {
        const bool dark = cell.fill.empty() && DarkBackground(cell.shade);
        out += "<text x=\"" + Px(x + cw / 2) + "\" y=\"" + Px(y + ch / 2 + font * 0.36) +
               "\" text-anchor=\"middle\" font-size=\"" + Px(font) + "\" fill=\"" +
               (dark ? "#ffffff" : "#1f2933") + "\">" + Escape(cell.text) + "</text>";
      }
      out += "</g>";
    }
    out += "\n";
  }
  if (legend) {
    const double ly = grid_bottom + 14;
    out += "<defs><linearGradient id=\"" + eid + "-scale\">";
    for (int i = 0; i <= 4; ++i) {
      out += "<stop offset=\"" + Num(i * 25) + "%\" stop-color=\"" + ScaleColour(i / 4.0) + "\"/>";
    }
    out += "</linearGradient></defs>";
    out += "<g class=\"legend\"><rect x=\"" + Px(left) + "\" y=\"" + Px(ly) + "\" width=\"" +
           Px(legend_w) + "\" height=\"10\" fill=\"url(#" + eid + "-scale)\" stroke=\"#c4c9d0\"/>";
    out += "<text x=\"" + Px(left) + "\" y=\"" + Px(ly + 24) + "\" class=\"tick\">" +
           Escape(map.legend_low) + "</text>";
    out += "<text x=\"" + Px(left + legend_w) + "\" y=\"" + Px(ly + 24) +
           "\" text-anchor=\"end\" class=\"tick\">" + Escape(map.legend_high) + "</text>";
    out += "<text x=\"" + Px(left + legend_w + 12) + "\" y=\"" + Px(ly + 9) +
           "\" class=\"legend\">" + Escape(map.legend_caption) + "</text></g>\n";
  }
  out += "</svg>";
  return out;
}

}  // namespace scrx::report
