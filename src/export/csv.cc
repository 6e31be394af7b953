// CSV export: one RFC 4180 file per sheet (CRLF line ends, fields quoted when they hold a comma,
// a quote or a line break), UTF-8, optionally with the byte-order mark Excel looks for. Values
// are written as the database holds them: dates stay ISO text, NULL is an empty field.
#include <filesystem>

#include "base/files.h"
#include "export/export.h"
#include "query/format.h"

namespace scrx::exports {

Status WriteCsv(const std::vector<Sheet>& sheets, const std::string& dir, bool bom,
                std::vector<std::string>* files) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec) && !std::filesystem::is_directory(dir, ec)) {
    return Status::InvalidArgument(dir, "not a folder (CSV export writes one file per sheet)");
  }
  if (Status s = MakeDirs(dir); !s.ok()) return s;
  for (const Sheet& sheet : sheets) {
    std::string out = bom ? "\xEF\xBB\xBF" : "";
    for (size_t c = 0; c < sheet.columns.size(); ++c) {
      if (c > 0) out += ',';
      out += query::CsvField(sheet.columns[c].name);
    }
    out += "\r\n";
    for (const auto& row : sheet.rows) {
      for (size_t c = 0; c < row.size(); ++c) {
        if (c > 0) out += ',';
        const query::Value& v = row[c];
        switch (v.type) {
          case query::Value::Type::kNull:
            break;
          case query::Value::Type::kInt:
            out += std::to_string(v.i);
            break;
          case query::Value::Type::kReal:
            out += query::ShortestReal(v.r);
            break;
          case query::Value::Type::kText:
            out += query::CsvField(v.s);
            break;
        }
      }
      out += "\r\n";
    }
    const std::string path = (std::filesystem::path(dir) / sheet.csv_file).string();
    if (Status s = WriteFileAtomic(path, out); !s.ok()) return s;
    files->push_back(path);
  }
  return Status::Ok();
}

}  // namespace scrx::exports
