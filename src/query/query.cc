#include "query/query.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "segment/section_kind.h"

namespace scrx::query {
namespace {

// ---------------------------------------------------------------------------------------------
// A small SQL scanner: enough to tell where quotes, comments, parentheses and statement ends
// are, so that user SQL can be checked before it reaches SQLite.

struct SqlScan {
  bool unterminated = false;           // a quote or block comment that never closes
  bool comment = false;                // -- or /* */ outside quotes
  std::vector<size_t> semicolons;      // outside quotes and comments
  bool unbalanced = false;             // a ')' without its '(', or a '(' never closed
  std::vector<std::string> top_words;  // bare words at parenthesis depth 0, upper-cased
  bool empty = true;                   // nothing but spaces and comments
};

SqlScan ScanSql(std::string_view sql) {
  SqlScan r;
  int depth = 0;
  size_t i = 0;
  const size_t n = sql.size();
  auto close_quote = [&](char q) {  // i is at the opening quote
    for (++i; i < n; ++i) {
      if (sql[i] == q) {
        if (q != ']' && i + 1 < n && sql[i + 1] == q) {
          ++i;  // a doubled quote stands for itself
          continue;
        }
        ++i;
        return;
      }
    }
    r.unterminated = true;
  };
  while (i < n) {
    const char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      r.comment = true;
      while (i < n && sql[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      r.comment = true;
      size_t end = sql.find("*/", i + 2);
      if (end == std::string_view::npos) {
        r.unterminated = true;
        i = n;
      } else {
        i = end + 2;
      }
    } else if (c == '\'' || c == '"' || c == '`') {
      r.empty = false;
      close_quote(c);
    } else if (c == '[') {
      r.empty = false;
      close_quote(']');
    } else if (c == ';') {
      r.semicolons.push_back(i);
      ++i;
    } else if (c == '(') {
      r.empty = false;
      ++depth;
      ++i;
    } else if (c == ')') {
      r.empty = false;
      if (--depth < 0) r.unbalanced = true;
      ++i;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      r.empty = false;
      size_t start = i;
      while (i < n &&
             (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_' || sql[i] == '$')) {
        ++i;
      }
      if (depth == 0) {
        std::string w(sql.substr(start, i - start));
        for (char& ch : w) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        r.top_words.push_back(std::move(w));
      }
    } else {
      r.empty = false;
      ++i;
    }
  }
  if (depth != 0) r.unbalanced = true;
  return r;
}

// The SQLite message of a Status from the adapter ("db: SQL error: no such column: x"), without
// the database path and the "SQL error: " prefix, for errors that name the user's argument.
std::string SqliteMessage(const Status& s, const store::Database& db) {
  std::string m = s.message();
  const std::string prefix = db.path() + ": ";
  if (m.rfind(prefix, 0) == 0) m = m.substr(prefix.size());
  for (const char* p : {"SQL error: ", "SQL error"}) {
    if (m.rfind(p, 0) == 0) {
      m = m.substr(std::char_traits<char>::length(p));
      break;
    }
  }
  return m;
}

// ---------------------------------------------------------------------------------------------
// UTF-8 helpers for context windows and widths.

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += IsContinuation(c) ? 0 : 1;
  return n;
}

// The last `n` code points of `s`.
std::string_view LastCodePoints(std::string_view s, size_t n) {
  size_t i = s.size();
  while (i > 0 && n > 0) {
    --i;
    if (!IsContinuation(static_cast<unsigned char>(s[i]))) --n;
  }
  return s.substr(i);
}

// The first `n` code points of `s`.
std::string_view FirstCodePoints(std::string_view s, size_t n) {
  size_t i = 0;
  while (i < s.size()) {
    if (!IsContinuation(static_cast<unsigned char>(s[i]))) {
      if (n == 0) break;
      --n;
    }
    ++i;
  }
  return s.substr(0, i);
}

std::string OneLine(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

// Left context: the last `width` code points before the match, "..." in front when cut.
std::string LeftContext(std::string_view before, int width) {
  if (CodePoints(before) <= static_cast<size_t>(width)) return OneLine(before);
  return "..." + OneLine(LastCodePoints(before, static_cast<size_t>(width)));
}
std::string RightContext(std::string_view after, int width) {
  if (CodePoints(after) <= static_cast<size_t>(width)) return OneLine(after);
  return OneLine(FirstCodePoints(after, static_cast<size_t>(width))) + "...";
}

// Whether the code point before (`before` true) or at `at` in `s` is a letter, digit or '_'.
bool WordCharAt(std::string_view s, size_t at, bool before) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto len = static_cast<int32_t>(s.size());
  auto i = static_cast<int32_t>(at);
  UChar32 c = 0;
  if (before) {
    if (i <= 0) return false;
    U8_PREV(p, 0, i, c);
  } else {
    if (i >= len) return false;
    U8_NEXT(p, i, len, c);
  }
  return c == '_' || (c >= 0 && u_isalnum(c));
}

// Whole-word, ASCII-case-insensitive occurrences of `needle` in `hay` (byte offsets). The word
// boundary is checked at an end of the phrase only when the phrase has a word character there.
std::vector<size_t> FindPhrase(std::string_view hay, std::string_view needle) {
  std::vector<size_t> out;
  if (needle.empty() || needle.size() > hay.size()) return out;
  auto lower = [](char c) { return std::tolower(static_cast<unsigned char>(c)); };
  const bool word_start = WordCharAt(needle, 0, false);
  const bool word_end = WordCharAt(needle, needle.size(), true);
  for (size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    bool eq = true;
    for (size_t k = 0; k < needle.size() && eq; ++k) eq = lower(hay[i + k]) == lower(needle[k]);
    if (!eq) continue;
    const size_t end = i + needle.size();
    if (word_start && WordCharAt(hay, i, true)) continue;
    if (word_end && WordCharAt(hay, end, false)) continue;
    out.push_back(i);
    i = end - 1;  // occurrences do not overlap
  }
  return out;
}

// Checks that a theme id occurs in the collection.
Status CheckTheme(store::Database* db, const std::string& theme, std::string_view where) {
  std::vector<std::vector<Value>> rows;
  Status s = Select(db, "SELECT 1 FROM themes WHERE theme = ?1 LIMIT 1;", {Value::Text(theme)},
                    {Value::Type::kInt}, &rows);
  if (!s.ok()) return s;
  if (rows.empty()) {
    return Status::NotFound(
        where, "no theme '" + theme + "' in this collection ('scrx query themes' lists them)");
  }
  return Status::Ok();
}

Column Num(std::string name, int decimals = -1) {
  Column c;
  c.name = std::move(name);
  c.decimals = decimals;
  return c;
}
Column Text(std::string name, int max_width = 0) {
  Column c;
  c.name = std::move(name);
  c.max_width = max_width;
  return c;
}
Column Wide(std::string name) {
  Column c;
  c.name = std::move(name);
  c.in_table = false;
  return c;
}

// "(where)" for the WHERE clause, after validation; "1" when there is no filter.
Status WhereClause(store::Database* db, const std::string& where, std::string* clause) {
  if (where.empty()) {
    *clause = "1";
    return Status::Ok();
  }
  if (Status s = ValidateWhere(db, where); !s.ok()) return s;
  *clause = "(" + where + "\n)";
  return Status::Ok();
}

}  // namespace

// ---------------------------------------------------------------------------------------------

Status Select(store::Database* db, std::string_view sql, const std::vector<Value>& params,
              const std::vector<Value::Type>& types, std::vector<std::vector<Value>>* rows) {
  Status s;
  auto st = db->Prepare(sql, &s);
  if (!st) return s;
  for (size_t i = 0; i < params.size(); ++i) {
    const int k = static_cast<int>(i) + 1;
    const Value& p = params[i];
    switch (p.type) {
      case Value::Type::kNull:
        st->BindNull(k);
        break;
      case Value::Type::kInt:
        st->Bind(k, p.i);
        break;
      case Value::Type::kReal:
        st->Bind(k, p.r);
        break;
      case Value::Type::kText:
        st->Bind(k, std::string_view(p.s));
        break;
    }
  }
  while (st->Step()) {
    std::vector<Value> row;
    row.reserve(types.size());
    for (size_t i = 0; i < types.size(); ++i) {
      const int k = static_cast<int>(i);
      if (st->IsNull(k)) {
        row.push_back(Value::Null());
        continue;
      }
      switch (types[i]) {
        case Value::Type::kInt:
          row.push_back(Value::Int(st->Int(k)));
          break;
        case Value::Type::kReal:
          row.push_back(Value::Real(st->Real(k)));
          break;
        default:
          row.push_back(Value::Text(st->Text(k)));
          break;
      }
    }
    rows->push_back(std::move(row));
  }
  return st->status();
}

Status OpenCollection(const std::string& path, Collection* out) {
  std::string file;
  if (Status s = store::ResolveDb(path, &file); !s.ok()) return s;
  Status s;
  auto c = store::Collection::Open(file, store::Database::Mode::kReadOnly, &s);
  if (!c) return s;
  // Belt and braces: the connection is read-only already; query_only also stops a statement
  // that would write to a temporary table or an attached database.
  if (s = c->db()->Exec("PRAGMA query_only = ON;"); !s.ok()) return s;
  out->collection = std::move(c);
  std::filesystem::path parent = std::filesystem::path(file).parent_path();
  out->dir = parent.empty() ? "." : parent.string();
  return Status::Ok();
}

Status ValidateWhere(store::Database* db, std::string_view where) {
  const SqlScan scan = ScanSql(where);
  if (scan.empty) return Status::InvalidArgument("--where", "the filter is empty");
  if (scan.unterminated) {
    return Status::InvalidArgument("--where", "a quote or comment is not closed");
  }
  if (!scan.semicolons.empty()) {
    return Status::InvalidArgument("--where",
                                   "';' is not allowed: give one expression over reviews columns");
  }
  if (scan.comment) return Status::InvalidArgument("--where", "comments are not allowed");
  if (scan.unbalanced) return Status::InvalidArgument("--where", "unbalanced parentheses");
  Status s;
  auto st = db->Prepare("SELECT count(*) FROM reviews WHERE (" + std::string(where) + "\n);", &s);
  if (!st) return Status::InvalidArgument("--where", SqliteMessage(s, *db));
  return Status::Ok();
}

Status ValidateSelect(std::string_view sql) {
  const SqlScan scan = ScanSql(sql);
  if (scan.unterminated) return Status::InvalidArgument("sql", "a quote or comment is not closed");
  if (scan.empty) return Status::InvalidArgument("sql", "no statement given");
  if (!scan.semicolons.empty()) {
    // Only trailing semicolons (and spaces or comments) may follow the statement.
    const SqlScan rest = ScanSql(sql.substr(scan.semicolons.front() + 1));
    if (!rest.empty) {
      return Status::InvalidArgument(
          "sql", "only one statement may be run (found more after the first ';')");
    }
  }
  if (scan.unbalanced) return Status::InvalidArgument("sql", "unbalanced parentheses");
  const std::string& first = scan.top_words.empty() ? std::string() : scan.top_words.front();
  std::string verb = first;
  if (first == "WITH") {
    verb.clear();
    for (const std::string& w : scan.top_words) {
      if (w == "SELECT" || w == "VALUES" || w == "INSERT" || w == "UPDATE" || w == "DELETE" ||
          w == "REPLACE") {
        verb = w;
        break;
      }
    }
  }
  if (verb == "SELECT" || verb == "VALUES") return Status::Ok();
  return Status::InvalidArgument(
      "sql", "only a SELECT statement may be run (the collection is read-only), not " +
                 (verb.empty() ? std::string("this statement") : verb));
}

Status QueryThemes(store::Database* db, const ThemesOptions& o, Table* out) {
  std::string group = "NULL";
  if (o.by == "year") {
    group = "year";
  } else if (o.by == "type") {
    group = "review_type";
  } else if (o.by == "board") {
    group = "board";
  } else if (!o.by.empty()) {
    return Status::InvalidArgument("--by", "'" + o.by + "': expected year, type or board");
  }
  std::string where;
  if (Status s = WhereClause(db, o.where, &where); !s.ok()) return s;
  std::vector<Value> params;
  std::string hits;
  if (o.section_kind.empty()) {
    hits =
        "SELECT review_id, theme, coalesce(counted_mentions, 0) AS mentions FROM themes"
        " WHERE present = 1";
  } else {
    if (!SectionKindFromName(o.section_kind)) {
      return Status::InvalidArgument(
          "--section-kind", "'" + o.section_kind +
                                "': not a section kind (findings, analysis, executive_summary, "
                                "recommendations, ...: see docs/json-schema.md)");
    }
    hits =
        "SELECT review_id, theme, count(*) AS mentions FROM evidence"
        " WHERE counted = 1 AND section_kind = ?1 GROUP BY review_id, theme";
    params.push_back(Value::Text(o.section_kind));
  }
  const std::string sql =
      "WITH sel AS (SELECT id, coalesce(words, 0) AS words, " + group +
      " AS g FROM reviews WHERE " + where +
      "),\n"
      "groups AS (SELECT g, count(*) AS n FROM sel GROUP BY g),\n"
      "names AS (SELECT DISTINCT theme FROM themes),\n"
      "hits AS (" +
      hits +
      "),\n"
      "agg AS (SELECT sel.g AS g, hits.theme AS theme, count(*) AS reviews,"
      " sum(hits.mentions) AS mentions, sum(sel.words) AS words"
      " FROM hits JOIN sel ON sel.id = hits.review_id GROUP BY sel.g, hits.theme)\n"
      "SELECT groups.g, names.theme, coalesce(agg.reviews, 0),"
      " CAST(coalesce(agg.reviews, 0) AS REAL) / groups.n, coalesce(agg.mentions, 0),"
      " CASE WHEN coalesce(agg.words, 0) > 0 THEN agg.mentions * 10000.0 / agg.words"
      " ELSE 0.0 END\n"
      "FROM groups CROSS JOIN names"
      " LEFT JOIN agg ON agg.g IS groups.g AND agg.theme = names.theme\n"
      "ORDER BY groups.g IS NULL, groups.g, 3 DESC, 5 DESC, names.theme;";
  std::vector<std::vector<Value>> rows;
  const Value::Type group_type = o.by == "year" ? Value::Type::kInt : Value::Type::kText;
  Status s = Select(db, sql, params,
                    {group_type, Value::Type::kText, Value::Type::kInt, Value::Type::kReal,
                     Value::Type::kInt, Value::Type::kReal},
                    &rows);
  if (!s.ok()) return s;
  Table t;
  if (!o.by.empty()) t.columns.push_back(Text(o.by, 40));
  t.columns.push_back(Text("theme"));
  t.columns.push_back(Num("reviews"));
  t.columns.push_back(Num("share", 3));
  t.columns.push_back(Num("mentions"));
  t.columns.push_back(Num("per_10k_words", 2));
  for (auto& row : rows) {
    if (o.by.empty()) row.erase(row.begin());
    t.rows.push_back(std::move(row));
  }
  *out = std::move(t);
  return Status::Ok();
}

Status QueryCooccur(store::Database* db, const CooccurOptions& o, Table* out) {
  std::string where;
  if (Status s = WhereClause(db, o.where, &where); !s.ok()) return s;
  std::vector<Value> params;
  std::string pair = "x.theme < y.theme";
  if (!o.theme.empty()) {
    if (Status s = CheckTheme(db, o.theme, "--theme"); !s.ok()) return s;
    pair = "x.theme = ?1 AND y.theme <> ?1";
    params.push_back(Value::Text(o.theme));
  }
  const std::string sql =
      "WITH sel AS (SELECT id FROM reviews WHERE " + where +
      "),\n"
      "p AS (SELECT t.review_id AS rid, t.theme AS theme FROM themes t"
      " JOIN sel ON sel.id = t.review_id WHERE t.present = 1),\n"
      "n AS (SELECT theme, count(*) AS c FROM p GROUP BY theme),\n"
      "pairs AS (SELECT x.theme AS a, y.theme AS b, count(*) AS both_ FROM p x"
      " JOIN p y ON x.rid = y.rid AND " +
      pair +
      " GROUP BY x.theme, y.theme)\n"
      "SELECT pairs.a, pairs.b, na.c, nb.c, pairs.both_,"
      " CAST(pairs.both_ AS REAL) / (na.c + nb.c - pairs.both_)\n"
      "FROM pairs JOIN n na ON na.theme = pairs.a JOIN n nb ON nb.theme = pairs.b\n"
      "ORDER BY 5 DESC, 6 DESC, 1, 2;";
  Table t;
  t.columns = {Text("theme_a"), Text("theme_b"), Num("a"), Num("b"), Num("both"), Num("c", 3)};
  Status s = Select(db, sql, params,
                    {Value::Type::kText, Value::Type::kText, Value::Type::kInt, Value::Type::kInt,
                     Value::Type::kInt, Value::Type::kReal},
                    &t.rows);
  if (!s.ok()) return s;
  *out = std::move(t);
  return Status::Ok();
}

Status QueryKwic(store::Database* db, const KwicOptions& o, Table* out) {
  if (o.theme.empty() == o.text.empty()) {
    return Status::InvalidArgument("kwic", "give either a THEME or --text PHRASE");
  }
  if (o.width < 1) return Status::InvalidArgument("--width", "must be at least 1");
  Table t;
  Column left = Text("left");
  left.align_right = true;
  if (!o.theme.empty()) {
    if (Status s = CheckTheme(db, o.theme, "kwic"); !s.ok()) return s;
    std::vector<std::vector<Value>> rows;
    // Document order: the paragraph's row id, then the evidence's own order.
    Status s =
        Select(db,
               "SELECT r.file, e.page, e.paragraph, e.counted, e.quote, e.span_begin, e.span_end"
               " FROM evidence e JOIN reviews r ON r.id = e.review_id"
               " LEFT JOIN paragraphs p ON p.review_id = e.review_id AND p.pid = e.paragraph"
               " WHERE e.theme = ?1" +
                   std::string(o.counted_only ? " AND e.counted = 1" : "") +
                   " ORDER BY r.file, p.id, e.span_begin, e.id;",
               {Value::Text(o.theme)},
               {Value::Type::kText, Value::Type::kInt, Value::Type::kText, Value::Type::kInt,
                Value::Type::kText, Value::Type::kInt, Value::Type::kInt},
               &rows);
    if (!s.ok()) return s;
    t.columns = {Text("review"), Num("page"), Text("paragraph"), Wide("theme"),
                 Num("counted"), left,        Text("match", 40), Text("right")};
    for (auto& row : rows) {
      const std::string& quote = row[4].s;
      size_t b = row[5].is_null() ? 0 : static_cast<size_t>(std::max<std::int64_t>(0, row[5].i));
      size_t e = row[6].is_null() ? quote.size()
                                  : static_cast<size_t>(std::max<std::int64_t>(0, row[6].i));
      e = std::min(e, quote.size());
      b = std::min(b, e);
      std::string_view q(quote);
      t.rows.push_back({row[0], row[1], row[2], Value::Text(o.theme), row[3],
                        Value::Text(LeftContext(q.substr(0, b), o.width)),
                        Value::Text(OneLine(q.substr(b, e - b))),
                        Value::Text(RightContext(q.substr(e), o.width))});
    }
  } else {
    std::string like = "%";
    for (char c : o.text) {
      if (c == '%' || c == '_' || c == '\\') like += '\\';
      like += c;
    }
    like += '%';
    std::vector<std::vector<Value>> rows;
    Status s = Select(
        db,
        "SELECT r.file, p.page, p.pid, p.text FROM paragraphs p"
        " JOIN reviews r ON r.id = p.review_id"
        " WHERE p.text LIKE ?1 ESCAPE '\\' ORDER BY r.file, p.id;",
        {Value::Text(like)},
        {Value::Type::kText, Value::Type::kInt, Value::Type::kText, Value::Type::kText}, &rows);
    if (!s.ok()) return s;
    t.columns = {Text("review"), Num("page"),       Text("paragraph"),
                 left,           Text("match", 40), Text("right")};
    for (auto& row : rows) {
      std::string_view text(row[3].s);
      for (size_t at : FindPhrase(text, o.text)) {
        const size_t end = at + o.text.size();
        t.rows.push_back({row[0], row[1], row[2],
                          Value::Text(LeftContext(text.substr(0, at), o.width)),
                          Value::Text(OneLine(text.substr(at, o.text.size()))),
                          Value::Text(RightContext(text.substr(end), o.width))});
      }
    }
  }
  *out = std::move(t);
  return Status::Ok();
}

Status Search(store::Database* db, const SearchOptions& o, Table* out) {
  if (ScanSql(o.query).empty) return Status::InvalidArgument("search", "the query is empty");
  std::vector<std::vector<Value>> rows;
  Status s =
      Select(db,
             "SELECT r.file, p.page, p.pid, s.title, -bm25(paragraphs_fts),"
             " snippet(paragraphs_fts, 0, '[', ']', '...', 16)"
             " FROM paragraphs_fts JOIN paragraphs p ON p.id = paragraphs_fts.rowid"
             " JOIN reviews r ON r.id = p.review_id"
             " LEFT JOIN sections s ON s.review_id = p.review_id AND s.idx = p.section_idx"
             " WHERE paragraphs_fts MATCH ?1 ORDER BY bm25(paragraphs_fts), r.file, p.id LIMIT ?2;",
             {Value::Text(o.query), Value::Int(o.limit > 0 ? o.limit : -1)},
             {Value::Type::kText, Value::Type::kInt, Value::Type::kText, Value::Type::kText,
              Value::Type::kReal, Value::Type::kText},
             &rows);
  if (!s.ok()) {
    return Status::InvalidArgument("search",
                                   "cannot run \"" + o.query + "\": " + SqliteMessage(s, *db));
  }
  Table t;
  t.columns = {Text("review"),      Num("page"),     Text("paragraph"),
               Text("section", 30), Num("score", 2), Text("snippet")};
  for (auto& row : rows) {
    if (!row[5].is_null()) row[5].s = OneLine(row[5].s);
    t.rows.push_back(std::move(row));
  }
  *out = std::move(t);
  return Status::Ok();
}

const std::vector<std::string>& AddresseeKinds() {
  static const std::vector<std::string> kinds = {"partnership_board",
                                                 "childrens_social_care",
                                                 "police",
                                                 "health_acute",
                                                 "health_community",
                                                 "health_primary_care",
                                                 "mental_health",
                                                 "education",
                                                 "probation",
                                                 "housing",
                                                 "national_government",
                                                 "other"};
  return kinds;
}

Status QueryRecommendations(store::Database* db, const RecommendationsOptions& o, Table* out) {
  std::string filter = "1";
  std::vector<Value> params;
  if (o.addressee_kind == "none") {
    filter = "rec.addressee_kind IS NULL";
  } else if (!o.addressee_kind.empty()) {
    const auto& kinds = AddresseeKinds();
    if (std::find(kinds.begin(), kinds.end(), o.addressee_kind) == kinds.end()) {
      std::string list;
      for (const auto& k : kinds) list += (list.empty() ? "" : ", ") + k;
      return Status::InvalidArgument(
          "--addressee", "'" + o.addressee_kind + "': expected one of " + list + ", none");
    }
    filter = "rec.addressee_kind = ?1";
    params.push_back(Value::Text(o.addressee_kind));
  }
  Table t;
  Status s;
  if (o.summary) {
    t.columns = {Text("addressee_kind"), Num("recommendations"), Num("reviews")};
    s = Select(db,
               "SELECT coalesce(rec.addressee_kind, 'none'), count(*),"
               " count(DISTINCT rec.review_id) FROM recommendations rec WHERE " +
                   filter + " GROUP BY 1 ORDER BY 2 DESC, 1;",
               params, {Value::Type::kText, Value::Type::kInt, Value::Type::kInt}, &t.rows);
  } else {
    t.columns = {Text("review"),         Wide("list"), Text("number"),   Text("addressee", 30),
                 Text("addressee_kind"), Num("page"),  Text("text", 70), Wide("response")};
    s = Select(db,
               "SELECT r.file, rec.list, rec.number, rec.addressee, rec.addressee_kind,"
               " rec.page_start, rec.text, rec.response FROM recommendations rec"
               " JOIN reviews r ON r.id = rec.review_id WHERE " +
                   filter + " ORDER BY r.file, rec.ord;",
               params,
               {Value::Type::kText, Value::Type::kText, Value::Type::kText, Value::Type::kText,
                Value::Type::kText, Value::Type::kInt, Value::Type::kText, Value::Type::kText},
               &t.rows);
  }
  if (!s.ok()) return s;
  *out = std::move(t);
  return Status::Ok();
}

Status QuerySql(store::Database* db, std::string_view sql, Table* out) {
  if (Status s = ValidateSelect(sql); !s.ok()) return s;
  // The statement without its trailing semicolons.
  const SqlScan scan = ScanSql(sql);
  std::string body(scan.semicolons.empty() ? sql : sql.substr(0, scan.semicolons.front()));
  Status s;
  auto st = db->Prepare(body, &s);
  if (!st) return Status::InvalidArgument("sql", SqliteMessage(s, *db));
  const int n = st->ColumnCount();
  Table t;
  for (int i = 0; i < n; ++i) t.columns.push_back(Text(st->ColumnName(i)));
  st.reset();
  if (n == 0) {
    *out = std::move(t);
    return Status::Ok();
  }
  // The adapter reads values without their storage class, so the statement runs inside a
  // wrapper that also returns typeof() of each column; the CTE's column list renames the
  // statement's columns by position, so duplicate or odd names do not matter.
  std::string cols, select;
  for (int i = 0; i < n; ++i) {
    const std::string c = "c" + std::to_string(i);
    cols += (i ? ", " : "") + c;
    select += (i ? ", " : "") + std::string("typeof(") + c + "), " + c;
  }
  const std::string wrapped =
      "WITH scrx_user(" + cols + ") AS (" + body + "\n) SELECT " + select + " FROM scrx_user;";
  auto w = db->Prepare(wrapped, &s);
  if (!w) return Status::InvalidArgument("sql", SqliteMessage(s, *db));
  while (w->Step()) {
    std::vector<Value> row;
    row.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
      const std::string type = w->Text(2 * i);
      const int k = 2 * i + 1;
      if (type == "integer") {
        row.push_back(Value::Int(w->Int(k)));
      } else if (type == "real") {
        row.push_back(Value::Real(w->Real(k)));
      } else if (type == "null") {
        row.push_back(Value::Null());
      } else if (type == "blob") {
        row.push_back(Value::Text("<blob>"));
      } else {
        row.push_back(Value::Text(w->Text(k)));
      }
    }
    t.rows.push_back(std::move(row));
  }
  if (!w->status().ok()) return Status::InvalidArgument("sql", SqliteMessage(w->status(), *db));
  *out = std::move(t);
  return Status::Ok();
}

}  // namespace scrx::query
