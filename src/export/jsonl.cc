// JSONL export: one review per line, the review JSON exactly as `scrx analyze` stored it (read
// from the file the collection's reviews.json column names, relative to the collection folder),
// re-serialised without line breaks and with its key order kept. For DuckDB, pandas, Spark.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "base/files.h"
#include "export/export.h"

namespace scrx::exports {

Status WriteJsonl(const query::Collection& c, const std::string& path, ExportSummary* summary) {
  std::vector<std::vector<query::Value>> rows;
  Status s = query::Select(c.db(), "SELECT file, json FROM reviews ORDER BY file;", {},
                           {query::Value::Type::kText, query::Value::Type::kText}, &rows);
  if (!s.ok()) return s;
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (s = MakeDirs(parent.string()); !s.ok()) return s;
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IOError(path, "cannot write");
  for (const auto& row : rows) {
    const std::string& file = row[0].s;
    if (row[1].is_null()) {
      summary->warnings.push_back({"no_json", 0, file + ": no review JSON is recorded; left out"});
      continue;
    }
    const std::string json_path = (std::filesystem::path(c.dir) / row[1].s).string();
    std::string text;
    if (s = ReadFile(json_path, &text); !s.ok()) {
      summary->warnings.push_back({"json_missing", 0, s.ToString() + "; left out"});
      continue;
    }
    nlohmann::ordered_json j = nlohmann::ordered_json::parse(text, nullptr, false);
    if (j.is_discarded()) {
      summary->warnings.push_back({"json_invalid", 0, json_path + ": not valid JSON; left out"});
      continue;
    }
    out << j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
    ++summary->reviews;
  }
  out.flush();
  if (!out) {
    out.close();
    std::filesystem::remove(tmp);
    return Status::IOError(path, "cannot write (disk full?)");
  }
  out.close();
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return Status::IOError(path, "cannot write: " + ec.message());
  }
  summary->files.push_back(path);
  return Status::Ok();
}

}  // namespace scrx::exports
