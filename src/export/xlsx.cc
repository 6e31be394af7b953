// The xlsx export (libxlsxwriter): one worksheet per Sheet, the header row bold and frozen, an
// autofilter over the whole table, column widths from the content (capped per column), dates as
// Excel dates with a date format. Written in libxlsxwriter's constant-memory mode, row by row, so
// a large collection does not need the whole workbook in memory.
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "export/export.h"
#include "query/format.h"

namespace scrx::exports {
namespace {

constexpr size_t kMaxCellBytes = 32767;  // Excel's limit on a cell's text

// `s` cut to Excel's cell limit at a UTF-8 character boundary.
std::string CellText(const std::string& s) {
  if (s.size() <= kMaxCellBytes) return s;
  size_t n = kMaxCellBytes;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

double ColumnWidth(const Sheet& sheet, size_t c) {
  const SheetColumn& col = sheet.columns[c];
  if (col.kind == SheetColumn::Kind::kDate) return 11;
  if (col.kind == SheetColumn::Kind::kDateTime) return 17;
  // Room for the autofilter's drop-down arrow beside the header.
  size_t w = query::DisplayWidth(col.name) + 3;
  const size_t limit = std::min<size_t>(sheet.rows.size(), 2000);
  for (size_t r = 0; r < limit; ++r) {
    const query::Value& v = sheet.rows[r][c];
    size_t n = 0;
    if (v.type == query::Value::Type::kText) {
      n = query::DisplayWidth(v.s);
    } else if (v.type == query::Value::Type::kInt) {
      n = std::to_string(v.i).size();
    } else if (v.type == query::Value::Type::kReal) {
      n = 8;
    }
    w = std::max(w, n + 1);
  }
  return static_cast<double>(std::clamp<size_t>(w, 6, static_cast<size_t>(col.max_width)));
}

}  // namespace

Status WriteXlsx(const std::vector<Sheet>& sheets, const std::string& path) {
  std::error_code ec;
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  lxw_workbook_options opts = {};
  opts.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(tmp.c_str(), &opts);
  if (wb == nullptr) return Status::IOError(path, "cannot create the workbook");
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xD9E1F2);
  format_set_bottom(header, LXW_BORDER_THIN);
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_format* datetime = workbook_add_format(wb);
  format_set_num_format(datetime, "yyyy-mm-dd hh:mm:ss");

  lxw_error err = LXW_NO_ERROR;
  for (const Sheet& sheet : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.name.c_str());
    if (ws == nullptr) {
      err = LXW_ERROR_MEMORY_MALLOC_FAILED;
      break;
    }
    const auto ncols = static_cast<lxw_col_t>(sheet.columns.size());
    for (lxw_col_t c = 0; c < ncols; ++c) {
      worksheet_set_column(ws, c, c, ColumnWidth(sheet, c), nullptr);
    }
    worksheet_freeze_panes(ws, 1, 0);
    worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(sheet.rows.size()),
                         ncols > 0 ? ncols - 1 : 0);
    for (lxw_col_t c = 0; c < ncols; ++c) {
      worksheet_write_string(ws, 0, c, sheet.columns[c].name.c_str(), header);
    }
    for (size_t r = 0; r < sheet.rows.size() && err == LXW_NO_ERROR; ++r) {
      const auto row = static_cast<lxw_row_t>(r + 1);
      for (lxw_col_t c = 0; c < ncols && err == LXW_NO_ERROR; ++c) {
        const query::Value& v = sheet.rows[r][c];
        const SheetColumn::Kind kind = sheet.columns[c].kind;
        switch (v.type) {
          case query::Value::Type::kNull:
            break;
          case query::Value::Type::kInt:
            err = worksheet_write_number(ws, row, c, static_cast<double>(v.i), nullptr);
            break;
          case query::Value::Type::kReal:
            err = worksheet_write_number(ws, row, c, v.r, nullptr);
            break;
          case query::Value::Type::kText: {
            DateTime d;
            const bool is_date =
                kind == SheetColumn::Kind::kDate || kind == SheetColumn::Kind::kDateTime;
            if (is_date && ParseIsoDate(v.s, &d)) {
              lxw_datetime dt = {d.year, d.month, d.day, d.hour, d.minute, d.second};
              err = worksheet_write_datetime(
                  ws, row, c, &dt,
                  kind == SheetColumn::Kind::kDate || v.s.size() <= 10 ? date : datetime);
            } else {
              err = worksheet_write_string(ws, row, c, CellText(v.s).c_str(), nullptr);
            }
            break;
          }
        }
      }
    }
    if (err != LXW_NO_ERROR) break;
  }
  lxw_error closed = workbook_close(wb);
  if (err == LXW_NO_ERROR) err = closed;
  if (err != LXW_NO_ERROR) {
    std::filesystem::remove(tmp, ec);
    return Status::IOError(path, std::string("cannot write the workbook: ") + lxw_strerror(err));
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return Status::IOError(path, "cannot write: " + ec.message());
  }
  return Status::Ok();
}

}  // namespace scrx::exports
