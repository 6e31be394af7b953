#include "query/format.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace scrx::query {
namespace {

bool IsNumeric(const Value& v) {
  return v.type == Value::Type::kInt || v.type == Value::Type::kReal;
}

std::string Plain(const Value& v, int decimals) {
  switch (v.type) {
    case Value::Type::kNull:
      return "";
    case Value::Type::kInt:
      return std::to_string(v.i);
    case Value::Type::kReal:
      if (decimals >= 0 && std::isfinite(v.r)) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.*f", decimals, v.r);
        return buf;
      }
      return ShortestReal(v.r);
    case Value::Type::kText:
      return v.s;
  }
  return "";
}

// Cuts `s` to `width` code points, the last three being "...".
std::string Cut(const std::string& s, int width) {
  if (width <= 0 || DisplayWidth(s) <= static_cast<size_t>(width)) return s;
  const size_t keep = width > 3 ? static_cast<size_t>(width - 3) : 0;
  size_t i = 0, n = 0;
  while (i < s.size()) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == keep) break;
      ++n;
    }
    ++i;
  }
  return s.substr(0, i) + "...";
}

std::string RenderTable(const Table& t) {
  std::vector<size_t> shown;
  for (size_t c = 0; c < t.columns.size(); ++c) {
    if (t.columns[c].in_table) shown.push_back(c);
  }
  std::vector<std::vector<std::string>> cells(t.rows.size());
  std::vector<size_t> width(t.columns.size(), 0);
  std::vector<bool> right(t.columns.size(), false);
  for (size_t c : shown) {
    width[c] = DisplayWidth(t.columns[c].name);
    right[c] = t.columns[c].align_right;
  }
  for (size_t r = 0; r < t.rows.size(); ++r) {
    for (size_t c : shown) {
      const Value& v = t.rows[r][c];
      std::string s = Plain(v, t.columns[c].decimals);
      for (char& ch : s) {
        if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
      }
      s = Cut(s, t.columns[c].max_width);
      if (IsNumeric(v)) right[c] = true;
      width[c] = std::max(width[c], DisplayWidth(s));
      cells[r].push_back(std::move(s));
    }
  }
  auto line = [&](auto cell_of) {
    std::string out;
    for (size_t k = 0; k < shown.size(); ++k) {
      const size_t c = shown[k];
      std::string s = cell_of(k, c);
      const size_t pad = width[c] - std::min(width[c], DisplayWidth(s));
      const bool last = k + 1 == shown.size();
      if (k > 0) out += "  ";
      if (right[c]) {
        out.append(pad, ' ');
        out += s;
      } else {
        out += s;
        if (!last) out.append(pad, ' ');
      }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line([&](size_t, size_t c) { return t.columns[c].name; });
  out += line([&](size_t, size_t c) { return std::string(width[c], '-'); });
  for (size_t r = 0; r < t.rows.size(); ++r) {
    out += line([&](size_t k, size_t) { return cells[r][k]; });
  }
  if (t.rows.empty()) out += "(no rows)\n";
  return out;
}

std::string RenderCsv(const Table& t) {
  std::string out;
  for (size_t c = 0; c < t.columns.size(); ++c) {
    if (c > 0) out += ',';
    out += CsvField(t.columns[c].name);
  }
  out += "\r\n";
  for (const auto& row : t.rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c > 0) out += ',';
      out += CsvField(Plain(row[c], -1));
    }
    out += "\r\n";
  }
  return out;
}

std::string RenderJson(const Table& t) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& row : t.rows) {
    nlohmann::ordered_json o = nlohmann::ordered_json::object();
    for (size_t c = 0; c < row.size() && c < t.columns.size(); ++c) {
      const Value& v = row[c];
      auto& slot = o[t.columns[c].name];
      switch (v.type) {
        case Value::Type::kNull:
          slot = nullptr;
          break;
        case Value::Type::kInt:
          slot = v.i;
          break;
        case Value::Type::kReal:
          if (std::isfinite(v.r)) {
            slot = v.r;
          } else {
            slot = nullptr;
          }
          break;
        case Value::Type::kText:
          slot = v.s;
          break;
      }
    }
    list.push_back(std::move(o));
  }
  // Invalid UTF-8 (it should not reach the database) is replaced rather than thrown on.
  return list.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace

Status ParseFormat(std::string_view name, Format* out) {
  if (name == "table") {
    *out = Format::kTable;
  } else if (name == "csv") {
    *out = Format::kCsv;
  } else if (name == "json") {
    *out = Format::kJson;
  } else {
    return Status::InvalidArgument("--format",
                                   "'" + std::string(name) + "': expected table, csv or json");
  }
  return Status::Ok();
}

std::string Render(const Table& table, Format format) {
  switch (format) {
    case Format::kCsv:
      return RenderCsv(table);
    case Format::kJson:
      return RenderJson(table);
    case Format::kTable:
      break;
  }
  return RenderTable(table);
}

std::string CsvField(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string ShortestReal(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

size_t DisplayWidth(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) == 0x80 ? 0 : 1;
  return n;
}

}  // namespace scrx::query
