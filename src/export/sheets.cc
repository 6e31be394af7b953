// The sheets shared by the xlsx and CSV exports, the format switch, and ISO date parsing.
#include <cctype>
#include <map>

#include "base/sha256.h"
#include "export/export.h"

namespace scrx::exports {
namespace {

using Kind = SheetColumn::Kind;
using query::Value;

struct Spec {
  const char* name;
  Kind kind;
  int max_width;
};

Value::Type TypeOf(Kind k) {
  switch (k) {
    case Kind::kInt:
      return Value::Type::kInt;
    case Kind::kReal:
      return Value::Type::kReal;
    default:
      return Value::Type::kText;
  }
}

// A sheet whose columns are `specs`, filled by `sql` (one result column per spec).
Status FillSheet(store::Database* db, const char* name, const char* csv_file,
                 const std::vector<Spec>& specs, const std::string& sql, Sheet* out) {
  out->name = name;
  out->csv_file = csv_file;
  std::vector<Value::Type> types;
  for (const Spec& s : specs) {
    out->columns.push_back({s.name, s.kind, s.max_width});
    types.push_back(TypeOf(s.kind));
  }
  return query::Select(db, sql, {}, types, &out->rows);
}

// Subjects, authors, agencies of a review joined by "; ", in the order they were stored.
std::string Joined(const char* table) {
  return std::string("(SELECT group_concat(name, '; ') FROM (SELECT name FROM ") + table +
         " WHERE review_id = r.id ORDER BY rowid))";
}

Status ReviewsSheet(store::Database* db, Sheet* out) {
  const std::vector<Spec> specs = {
      {"review_id", Kind::kInt, 10},
      {"file", Kind::kText, 45},
      {"json", Kind::kText, 30},
      {"title", Kind::kText, 50},
      {"review_type", Kind::kText, 14},
      {"board", Kind::kText, 40},
      {"published", Kind::kDate, 12},
      {"year", Kind::kInt, 8},
      {"commissioned", Kind::kDate, 12},
      {"period_from", Kind::kDate, 12},
      {"period_to", Kind::kDate, 12},
      {"child_age", Kind::kText, 14},
      {"outcome", Kind::kText, 14},
      {"subjects", Kind::kText, 30},
      {"authors", Kind::kText, 30},
      {"agencies", Kind::kText, 50},
      {"pages", Kind::kInt, 8},
      {"words", Kind::kInt, 8},
      {"bytes", Kind::kInt, 10},
      {"sha256", Kind::kText, 20},
      {"scrx_version", Kind::kText, 12},
      {"patterns_hash", Kind::kText, 20},
      {"analysed_at", Kind::kDateTime, 18},
      {"themes_present", Kind::kInt, 10},
      {"findings", Kind::kInt, 10},
      {"recommendations", Kind::kInt, 10},
  };
  const std::string sql =
      "SELECT r.id, r.file, r.json, r.title, r.review_type, r.board, r.published, r.year,"
      " r.commissioned, r.period_from, r.period_to, r.child_age, r.outcome, " +
      Joined("subjects") + ", " + Joined("authors") + ", " + Joined("agencies") +
      ", r.pages, r.words, r.bytes, r.sha256, r.scrx_version, r.patterns_hash, r.analysed_at,"
      " (SELECT count(*) FROM themes WHERE review_id = r.id AND present = 1),"
      " (SELECT count(*) FROM findings WHERE review_id = r.id),"
      " (SELECT count(*) FROM recommendations WHERE review_id = r.id)"
      " FROM reviews r ORDER BY r.file;";
  if (Status s = FillSheet(db, "Reviews", "reviews.csv", specs, sql, out); !s.ok()) return s;

  // One 0/1 column per theme of the collection, by theme id.
  std::vector<std::vector<Value>> themes, present;
  Status s = query::Select(db, "SELECT DISTINCT theme FROM themes ORDER BY theme;", {},
                           {Value::Type::kText}, &themes);
  if (!s.ok()) return s;
  s = query::Select(db, "SELECT review_id, theme, present FROM themes;", {},
                    {Value::Type::kInt, Value::Type::kText, Value::Type::kInt}, &present);
  if (!s.ok()) return s;
  std::map<std::pair<std::int64_t, std::string>, std::int64_t> flag;
  for (const auto& row : present) flag[{row[0].i, row[1].s}] = row[2].i != 0 ? 1 : 0;
  for (const auto& t : themes) out->columns.push_back({t[0].s, Kind::kInt, 12});
  for (auto& row : out->rows) {
    const std::int64_t id = row[0].i;
    for (const auto& t : themes) {
      auto it = flag.find({id, t[0].s});
      row.push_back(it == flag.end() ? Value::Null() : Value::Int(it->second));
    }
  }
  return Status::Ok();
}

}  // namespace

Status ParseFormat(std::string_view name, Format* out) {
  if (name == "xlsx") {
    *out = Format::kXlsx;
  } else if (name == "csv") {
    *out = Format::kCsv;
  } else if (name == "jsonl") {
    *out = Format::kJsonl;
  } else if (name == "qdpx") {
    *out = Format::kQdpx;
  } else {
    return Status::InvalidArgument(
        "--format", "'" + std::string(name) + "': expected xlsx, csv, jsonl or qdpx");
  }
  return Status::Ok();
}

Status ReadSheets(store::Database* db, std::vector<Sheet>* out) {
  std::vector<Sheet> sheets(5);
  if (Status s = ReviewsSheet(db, &sheets[0]); !s.ok()) return s;
  Status s = FillSheet(
      db, "Themes", "themes.csv",
      {{"review_id", Kind::kInt, 10},
       {"file", Kind::kText, 45},
       {"theme", Kind::kText, 32},
       {"label", Kind::kText, 45},
       {"group", Kind::kText, 10},
       {"present", Kind::kInt, 8},
       {"mentions", Kind::kInt, 10},
       {"counted_mentions", Kind::kInt, 10},
       {"negated_mentions", Kind::kInt, 10},
       {"per_10k_words", Kind::kReal, 10},
       {"score", Kind::kReal, 8},
       {"threshold", Kind::kReal, 8},
       {"derived", Kind::kInt, 8}},
      "SELECT t.review_id, r.file, t.theme, t.label, t.grp, t.present, t.mentions,"
      " t.counted_mentions, t.negated_mentions, t.per_10k_words, t.score, t.threshold, t.derived"
      " FROM themes t JOIN reviews r ON r.id = t.review_id ORDER BY r.file, t.theme;",
      &sheets[1]);
  if (!s.ok()) return s;
  s = FillSheet(db, "Evidence", "evidence.csv",
                {{"review_id", Kind::kInt, 10},      {"file", Kind::kText, 45},
                 {"theme", Kind::kText, 32},         {"page", Kind::kInt, 6},
                 {"paragraph", Kind::kText, 10},     {"section_idx", Kind::kInt, 8},
                 {"section_title", Kind::kText, 40}, {"section_kind", Kind::kText, 18},
                 {"quote", Kind::kText, 90},         {"matched", Kind::kText, 30},
                 {"counted", Kind::kInt, 8},         {"not_counted", Kind::kText, 20},
                 {"negated", Kind::kInt, 8},         {"negation_cue", Kind::kText, 14},
                 {"hedged", Kind::kInt, 8},          {"hedge_cue", Kind::kText, 14},
                 {"counterfactual", Kind::kInt, 8},  {"counterfactual_cue", Kind::kText, 14},
                 {"weight", Kind::kReal, 8},         {"pattern", Kind::kText, 30}},
                "SELECT e.review_id, r.file, e.theme, e.page, e.paragraph, e.section_idx,"
                " e.section_title, e.section_kind, e.quote, e.matched, e.counted, e.not_counted,"
                " e.negated, e.negation_cue, e.hedged, e.hedge_cue, e.counterfactual,"
                " e.counterfactual_cue, e.weight, e.pattern"
                " FROM evidence e JOIN reviews r ON r.id = e.review_id"
                " ORDER BY r.file, e.theme, e.id;",
                &sheets[2]);
  if (!s.ok()) return s;
  s = FillSheet(db, "Findings", "findings.csv",
                {{"review_id", Kind::kInt, 10},
                 {"file", Kind::kText, 45},
                 {"ord", Kind::kInt, 6},
                 {"number", Kind::kText, 8},
                 {"title", Kind::kText, 50},
                 {"text", Kind::kText, 90},
                 {"section_idx", Kind::kInt, 8},
                 {"page", Kind::kInt, 6}},
                "SELECT f.review_id, r.file, f.ord, f.number, f.title, f.text, f.section_idx,"
                " f.page FROM findings f JOIN reviews r ON r.id = f.review_id"
                " ORDER BY r.file, f.ord;",
                &sheets[3]);
  if (!s.ok()) return s;
  s = FillSheet(db, "Recommendations", "recommendations.csv",
                {{"review_id", Kind::kInt, 10},
                 {"file", Kind::kText, 45},
                 {"ord", Kind::kInt, 6},
                 {"list", Kind::kText, 20},
                 {"number", Kind::kText, 8},
                 {"text", Kind::kText, 90},
                 {"addressee", Kind::kText, 35},
                 {"addressee_kind", Kind::kText, 22},
                 {"response", Kind::kText, 60},
                 {"section_idx", Kind::kInt, 8},
                 {"page_start", Kind::kInt, 8},
                 {"page_end", Kind::kInt, 8}},
                "SELECT c.review_id, r.file, c.ord, c.list, c.number, c.text, c.addressee,"
                " c.addressee_kind, c.response, c.section_idx, c.page_start, c.page_end"
                " FROM recommendations c JOIN reviews r ON r.id = c.review_id"
                " ORDER BY r.file, c.ord;",
                &sheets[4]);
  if (!s.ok()) return s;
  *out = std::move(sheets);
  return Status::Ok();
}

bool ParseIsoDate(std::string_view t, DateTime* out) {
  auto digits = [&](size_t at, size_t n, int* v) {
    if (at + n > t.size()) return false;
    int x = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
      x = x * 10 + (t[i] - '0');
    }
    *v = x;
    return true;
  };
  DateTime d;
  d.day = 1;
  if (!digits(0, 4, &d.year) || t.size() < 7 || t[4] != '-' || !digits(5, 2, &d.month)) {
    return false;
  }
  if (d.month < 1 || d.month > 12 || d.year < 1900) return false;
  if (t.size() > 7) {
    if (t[7] != '-' || !digits(8, 2, &d.day) || d.day < 1 || d.day > 31) return false;
    if (t.size() > 10) {
      if (t[10] != 'T' && t[10] != ' ') return false;
      int sec = 0;
      if (!digits(11, 2, &d.hour) || t.size() < 16 || t[13] != ':' || !digits(14, 2, &d.minute)) {
        return false;
      }
      if (t.size() >= 19 && t[16] == ':' && digits(17, 2, &sec)) d.second = sec;
      if (d.hour > 23 || d.minute > 59 || d.second >= 61) return false;
    }
  }
  *out = d;
  return true;
}

std::string StableGuid(std::string_view name) {
  std::string h = Sha256Hex(name).substr(0, 32);
  h[12] = '5';  // version 5 (name-based)
  static const char* kVariant = "89ab";
  h[16] = kVariant[std::stoi(h.substr(16, 1), nullptr, 16) & 3];
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20, 12);
}

Status Export(const query::Collection& c, const ExportOptions& o, ExportSummary* summary) {
  if (o.out.empty()) return Status::InvalidArgument("-o", "no output path given");
  *summary = ExportSummary{};
  switch (o.format) {
    case Format::kXlsx:
    case Format::kCsv: {
      std::vector<Sheet> sheets;
      if (Status s = ReadSheets(c.db(), &sheets); !s.ok()) return s;
      summary->reviews = static_cast<int>(sheets[0].rows.size());
      if (o.format == Format::kCsv) return WriteCsv(sheets, o.out, o.bom, &summary->files);
      if (Status s = WriteXlsx(sheets, o.out); !s.ok()) return s;
      summary->files.push_back(o.out);
      return Status::Ok();
    }
    case Format::kJsonl:
      return WriteJsonl(c, o.out, summary);
    case Format::kQdpx:
      return WriteQdpx(c, o, o.out, summary);
  }
  return Status::InvalidArgument("--format", "unknown export format");
}

}  // namespace scrx::exports
