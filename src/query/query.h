// Read-only questions across a collection (docs/collection.md, "Query semantics"): theme
// frequencies, theme co-occurrence, keyword in context, full-text search, recommendations and
// plain SQL. Every query opens nothing itself: it runs on a Collection opened read-only by
// OpenCollection and fills a Table, which format.h turns into an aligned table, CSV or JSON.
#ifndef SCRX_QUERY_QUERY_H_
#define SCRX_QUERY_QUERY_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "store/collection.h"
#include "store/sqlite.h"

namespace scrx::query {

// One cell: SQL's NULL, an integer, a real or a text.
struct Value {
  enum class Type { kNull, kInt, kReal, kText };
  Type type = Type::kNull;
  std::int64_t i = 0;
  double r = 0;
  std::string s;

  static Value Null() { return {}; }
  static Value Int(std::int64_t v) { return {Type::kInt, v, 0, {}}; }
  static Value Real(double v) { return {Type::kReal, 0, v, {}}; }
  static Value Text(std::string v) { return {Type::kText, 0, 0, std::move(v)}; }
  bool is_null() const { return type == Type::kNull; }
};

// A result column. The display hints only change the table format; CSV and JSON always carry
// the full value.
struct Column {
  std::string name;
  int decimals = -1;         // reals: digits after the point in the table (-1: as needed)
  int max_width = 0;         // the table cuts longer texts with "..." (0: no limit)
  bool align_right = false;  // numbers are right-aligned anyway; this is for text (KWIC left)
  bool in_table = true;      // false: too wide for a terminal, only in CSV and JSON
};

struct Table {
  std::vector<Column> columns;
  std::vector<std::vector<Value>> rows;  // each row has columns.size() values
};

// An open collection: the database (read-only, `PRAGMA query_only` on) and the folder that holds
// it, against which the `reviews.json` paths are resolved.
struct Collection {
  std::unique_ptr<store::Collection> collection;
  std::string dir;
  store::Database* db() const { return collection->db(); }
};

// Opens the collection named by a --db argument: the database file, or a folder holding
// scrx.sqlite (store::ResolveDb). Errors name the argument or the file: no database there, not a
// scrx collection, a newer schema version.
Status OpenCollection(const std::string& path, Collection* out);

// Runs one statement with `params` bound to ?1, ?2, ... and reads column i of each row as
// types[i] (NULL stays NULL). Used by the queries and the exports.
Status Select(store::Database* db, std::string_view sql, const std::vector<Value>& params,
              const std::vector<Value::Type>& types, std::vector<std::vector<Value>>* rows);

// `scrx query themes`. Columns: [by key,] theme, reviews, share, mentions, per_10k_words.
// For each theme of the collection (every theme with a row in `themes`, also when present in
// no review of the selection): reviews where present, share of the reviews selected (of the
// group's, when grouped), counted mentions summed over the reviews where present, and those
// mentions per 10,000 words of those reviews. Ungrouped rows are ordered by reviews, then
// mentions (both descending), then theme; grouped rows by group first (unknown last).
struct ThemesOptions {
  std::string by;            // "", "year", "type" or "board"
  std::string section_kind;  // only counted evidence in sections of this kind ("findings")
  std::string where;         // SQL expression over `reviews` columns (see ValidateWhere)
};
Status QueryThemes(store::Database* db, const ThemesOptions& options, Table* out);

// `scrx query cooccur`. Columns: theme_a, theme_b, a, b, both, c. One row per pair of themes
// present together in at least one selected review (theme_a < theme_b, or theme_a = `theme`
// when given), with a and b the reviews where each is present and c = both / (a + b - both).
// Ordered by both, then c (descending), then the names.
struct CooccurOptions {
  std::string theme;  // only the pairs with this theme (it is then always theme_a)
  std::string where;
};
Status QueryCooccur(store::Database* db, const CooccurOptions& options, Table* out);

// `scrx query kwic`. Columns: review, page, paragraph, [theme, counted,] left, match, right.
// With `theme`: every evidence item of that theme (only counted ones with `counted_only`), its
// quote split around the matched words. With `text`: every whole-word, ASCII-case-insensitive
// occurrence of the phrase in paragraph text. `width` characters of context on each side.
// Ordered by review, then position. Exactly one of theme and text must be set.
struct KwicOptions {
  std::string theme;
  std::string text;
  bool counted_only = false;
  int width = 40;
};
Status QueryKwic(store::Database* db, const KwicOptions& options, Table* out);

// `scrx search`. Columns: review, page, paragraph, section, score, snippet. Full-text search
// over paragraph text (FTS5 query syntax: words, "phrases", AND/OR/NOT, prefix*), best first by
// bm25 (score = -bm25: higher is better); matches in the snippet are set in [brackets].
struct SearchOptions {
  std::string query;
  int limit = 20;  // 0: all
};
Status Search(store::Database* db, const SearchOptions& options, Table* out);

// `scrx query recommendations`. Columns: review, list, number, addressee, addressee_kind, page,
// text, response; ordered by review and position. With `summary`: one row per addressee kind
// (addressee_kind, recommendations, reviews), most recommendations first; no kind is "none".
// `addressee_kind` filters (a kind of docs/json-schema.md, or "none" for no addressee found).
struct RecommendationsOptions {
  std::string addressee_kind;
  bool summary = false;
};
Status QueryRecommendations(store::Database* db, const RecommendationsOptions& options, Table* out);

// `scrx query sql`: one SELECT (or WITH ... SELECT, or VALUES) statement; anything else is
// refused before it is run, and the connection is read-only besides. Columns are the
// statement's; values keep their SQLite types.
Status QuerySql(store::Database* db, std::string_view sql, Table* out);

// Checks a --where filter: a non-empty SQL expression with balanced parentheses, no ';' and no
// comments outside quotes, so that it cannot leave the WHERE (...) it is put in. The columns are
// checked by preparing it against `reviews`. Errors name "--where".
Status ValidateWhere(store::Database* db, std::string_view where);

// Checks that `sql` is a single read-only statement (as QuerySql runs). Errors name "sql".
Status ValidateSelect(std::string_view sql);

// The vocabulary of recommendations.addressee_kind (docs/json-schema.md).
const std::vector<std::string>& AddresseeKinds();

}  // namespace scrx::query

#endif  // SCRX_QUERY_QUERY_H_
