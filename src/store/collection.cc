#include "store/collection.h"

#include <cctype>
#include <filesystem>
#include <system_error>

#include "segment/section_kind.h"
#include "tag/tagger.h"

namespace scrx::store {
namespace {

namespace fs = std::filesystem;

// docs/collection.md is the authoritative description; keep the two in step.
constexpr const char* kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE reviews(
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL UNIQUE,
  json TEXT,
  sha256 TEXT NOT NULL,
  bytes INTEGER, pages INTEGER, words INTEGER,
  scrx_version TEXT NOT NULL, patterns_hash TEXT NOT NULL, analysed_at TEXT NOT NULL,
  title TEXT, review_type TEXT, board TEXT,
  published TEXT, year INTEGER,
  commissioned TEXT, period_from TEXT, period_to TEXT, child_age TEXT, outcome TEXT);
CREATE TABLE subjects(review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE, name TEXT NOT NULL);
CREATE TABLE authors(review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE, name TEXT NOT NULL);
CREATE TABLE agencies(review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE, name TEXT NOT NULL, page INTEGER);
CREATE TABLE sections(
  review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, number TEXT, title TEXT NOT NULL, level INTEGER NOT NULL,
  kind TEXT NOT NULL, title_kind TEXT NOT NULL, page_start INTEGER, page_end INTEGER,
  PRIMARY KEY(review_id, idx));
CREATE TABLE paragraphs(
  id INTEGER PRIMARY KEY,
  review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  section_idx INTEGER NOT NULL, pid TEXT NOT NULL, number TEXT, kind TEXT NOT NULL,
  page INTEGER, page_end INTEGER, text TEXT NOT NULL);
CREATE VIRTUAL TABLE paragraphs_fts USING fts5(text, content='paragraphs', content_rowid='id');
CREATE TRIGGER paragraphs_ad AFTER DELETE ON paragraphs BEGIN
  INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER paragraphs_au AFTER UPDATE ON paragraphs BEGIN
  INSERT INTO paragraphs_fts(paragraphs_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO paragraphs_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TABLE fts_pending(review_id INTEGER PRIMARY KEY REFERENCES reviews(id) ON DELETE CASCADE);
CREATE TABLE themes(
  review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  theme TEXT NOT NULL, label TEXT, grp TEXT, present INTEGER NOT NULL,
  mentions INTEGER, counted_mentions INTEGER, negated_mentions INTEGER, per_10k_words REAL,
  score REAL, threshold REAL, derived INTEGER,
  PRIMARY KEY(review_id, theme));
CREATE TABLE evidence(
  id INTEGER PRIMARY KEY,
  review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  theme TEXT NOT NULL, page INTEGER, section_idx INTEGER, section_title TEXT, section_kind TEXT,
  paragraph TEXT, quote TEXT, span_begin INTEGER, span_end INTEGER, matched TEXT, pattern TEXT,
  weight REAL, counted INTEGER, not_counted TEXT, negated INTEGER, negation_cue TEXT,
  hedged INTEGER, hedge_cue TEXT, counterfactual INTEGER, counterfactual_cue TEXT);
CREATE TABLE findings(
  review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL, number TEXT, title TEXT, text TEXT, section_idx INTEGER, page INTEGER);
CREATE TABLE recommendations(
  review_id INTEGER NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  ord INTEGER NOT NULL, list TEXT, number TEXT, text TEXT NOT NULL, addressee TEXT,
  addressee_kind TEXT, response TEXT, section_idx INTEGER, page_start INTEGER, page_end INTEGER);
CREATE TABLE failures(
  file TEXT PRIMARY KEY, sha256 TEXT, code TEXT, message TEXT, at TEXT);
CREATE INDEX evidence_theme ON evidence(theme);
CREATE INDEX evidence_review ON evidence(review_id);
CREATE INDEX themes_theme ON themes(theme);
CREATE INDEX paragraphs_review ON paragraphs(review_id);
CREATE INDEX recommendations_addressee_kind ON recommendations(addressee_kind);
CREATE INDEX subjects_review ON subjects(review_id);
CREATE INDEX authors_review ON authors(review_id);
CREATE INDEX agencies_review ON agencies(review_id);
CREATE INDEX findings_review ON findings(review_id);
CREATE INDEX recommendations_review ON recommendations(review_id);
)sql";

// Page numbers and section indexes: 0 (page) or -1 (index) mean unknown and are stored as NULL.
void BindPage(Statement& st, int i, int page) {
  if (page > 0) {
    st.Bind(i, std::int64_t{page});
  } else {
    st.BindNull(i);
  }
}
void BindIndex(Statement& st, int i, int index) {
  if (index >= 0) {
    st.Bind(i, std::int64_t{index});
  } else {
    st.BindNull(i);
  }
}
void BindBool(Statement& st, int i, bool b) { st.Bind(i, std::int64_t{b ? 1 : 0}); }
void BindInt(Statement& st, int i, long long v) { st.Bind(i, std::int64_t{v}); }

std::string_view ParagraphKindName(Paragraph::Kind k) {
  switch (k) {
    case Paragraph::Kind::kNumbered:
      return "numbered";
    case Paragraph::Kind::kListItem:
      return "list_item";
    case Paragraph::Kind::kTable:
      return "table";
    case Paragraph::Kind::kText:
      return "text";
  }
  return "text";
}

// Runs a query that returns one integer; `fallback` when it returns no row.
Status QueryInt(Database* db, std::string_view sql, std::int64_t fallback, std::int64_t* out) {
  Status s;
  auto st = db->Prepare(sql, &s);
  if (!st) return s;
  *out = st->Step() ? st->Int(0) : fallback;
  return st->status();
}

}  // namespace

int YearOf(const std::string& iso_date) {
  if (iso_date.size() < 4) return 0;
  for (int i = 0; i < 4; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(iso_date[static_cast<size_t>(i)]))) return 0;
  }
  if (iso_date.size() > 4 && iso_date[4] != '-') return 0;
  return std::stoi(iso_date.substr(0, 4));
}

std::unique_ptr<Collection> Collection::Open(const std::string& path, Database::Mode mode,
                                             Status* status) {
  if (mode == Database::Mode::kReadOnly) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
      *status = Status::NotFound(path, "no such collection database");
      return nullptr;
    }
  }
  std::unique_ptr<Database> db = Database::Open(path, mode, status);
  if (!db) return nullptr;
  std::unique_ptr<Collection> c(new Collection(std::move(db), mode));
  *status = c->CreateOrCheckSchema(mode);
  if (!status->ok()) return nullptr;
  if (mode == Database::Mode::kReadWrite) {
    // Reviews a killed run stored but did not index. An error leaves them for later.
    (void)c->FlushTextIndex();
  }
  return c;
}

Collection::~Collection() {
  if (db_ && mode_ == Database::Mode::kReadWrite) (void)FlushTextIndex();
}

std::int64_t Collection::ReviewsNotInTextIndex() {
  std::int64_t has_table = 0, n = 0;
  if (!QueryInt(db_.get(), "SELECT count(*) FROM sqlite_master WHERE name = 'fts_pending';", 0,
                &has_table)
           .ok() ||
      has_table == 0)
    return 0;
  if (!QueryInt(db_.get(), "SELECT count(*) FROM fts_pending;", 0, &n).ok()) return 0;
  return n;
}

Status Collection::IndexPending() {
  // CROSS JOIN keeps fts_pending the outer loop: the planner would otherwise scan every
  // paragraph of the collection for each batch.
  return db_->Exec(
      "INSERT INTO paragraphs_fts(rowid, text) SELECT p.id, p.text FROM fts_pending f"
      " CROSS JOIN paragraphs p ON p.review_id = f.review_id;"
      " DELETE FROM fts_pending;");
}

Status Collection::FlushTextIndex() {
  if (mode_ != Database::Mode::kReadWrite) return Status::Ok();
  std::int64_t waiting = 0;
  if (Status s = QueryInt(db_.get(), "SELECT EXISTS (SELECT 1 FROM fts_pending);", 0, &waiting);
      !s.ok())
    return s;
  if (waiting == 0) {
    pending_bytes_ = 0;
    return Status::Ok();
  }
  Database::Transaction tx(db_.get());
  if (!tx.status().ok()) return tx.status();
  if (Status s = IndexPending(); !s.ok()) return s;
  if (Status s = tx.Commit(); !s.ok()) return s;
  pending_bytes_ = 0;
  return Status::Ok();
}

Status Collection::CreateOrCheckSchema(Database::Mode mode) {
  std::int64_t version = 0, tables = 0;
  if (Status s = QueryInt(db_.get(), "PRAGMA user_version;", 0, &version); !s.ok()) return s;
  if (version == kCollectionSchemaVersion) return Status::Ok();
  // Version 1 indexed each new paragraph by a trigger, version 2 each review as it was stored
  // (no fts_pending); they differ in nothing a reader sees.
  if ((version == 1 || version == 2) && mode == Database::Mode::kReadOnly) return Status::Ok();
  if (version > kCollectionSchemaVersion) {
    return Status::NotSupported(path(), "collection schema version " + std::to_string(version) +
                                            " is newer than this scrx reads (" +
                                            std::to_string(kCollectionSchemaVersion) + ")");
  }
  if (mode == Database::Mode::kReadOnly) {
    return Status::InvalidArgument(path(), "not a scrx collection database (no schema version)");
  }
  // Created under a write lock, so two runs starting together create it once.
  Database::Transaction tx(db_.get());
  if (!tx.status().ok()) return tx.status();
  if (Status s = QueryInt(db_.get(), "PRAGMA user_version;", 0, &version); !s.ok()) return s;
  if (version == kCollectionSchemaVersion) return tx.Commit();
  if (version == 1 || version == 2) {
    // From version 1: WriteReview indexes the paragraphs itself now, and from either the
    // reviews waiting for the index are listed (none in a collection of either).
    if (Status s = db_->Exec(
            "DROP TRIGGER IF EXISTS paragraphs_ai;"
            " CREATE TABLE IF NOT EXISTS fts_pending(review_id INTEGER PRIMARY KEY REFERENCES"
            " reviews(id)"
            " ON DELETE CASCADE);"
            " PRAGMA user_version = " +
            std::to_string(kCollectionSchemaVersion) + ";");
        !s.ok())
      return s;
    return tx.Commit();
  }
  if (Status s = QueryInt(db_.get(), "SELECT count(*) FROM sqlite_master;", 0, &tables); !s.ok())
    return s;
  if (version != 0 || tables > 0) {
    return Status::InvalidArgument(
        path(), "not a scrx collection database (it holds other tables; use another folder)");
  }
  if (Status s = db_->Exec(kSchema); !s.ok()) return s;
  Status s;
  auto meta = db_->Prepare("INSERT INTO meta(key, value) VALUES (?, ?);", &s);
  if (!meta) return s;
  if (s = meta->Bind(1, std::string_view("schema"))
              .Bind(2, std::string_view("scrx.collection/1"))
              .Run();
      !s.ok())
    return s;
  if (s = meta->Bind(1, std::string_view("created_by"))
              .Bind(2, std::string_view("scrx " SCRX_VERSION))
              .Run();
      !s.ok())
    return s;
  if (s = db_->Exec("PRAGMA user_version = " + std::to_string(kCollectionSchemaVersion) + ";");
      !s.ok())
    return s;
  return tx.Commit();
}

Status Collection::WriteReview(const Review& review, const std::string& json_rel_path,
                               const std::string& scrx_version, const std::string& patterns_hash,
                               const std::string& analysed_at) {
  const std::string& file = review.source.file;
  if (file.empty()) return Status::InvalidArgument(path(), "a review without a source file");
  Database::Transaction tx(db_.get());
  if (!tx.status().ok()) return tx.status();
  Status s;
  std::int64_t pending = pending_bytes_;
  // An old version still waiting for the index joins it first: deleting its paragraphs takes
  // them out of the index (trigger paragraphs_ad), which must hold them then.
  {
    std::int64_t old_waits = 0;
    auto q = db_->Cached(
        "SELECT count(*) FROM fts_pending f JOIN reviews r ON r.id = f.review_id"
        " WHERE r.file = ?;",
        &s);
    if (!q) return s;
    q->Bind(1, std::string_view(file));
    if (q->Step()) old_waits = q->Int(0);
    if (!q->status().ok()) return q->status();
    if (old_waits > 0) {
      if (s = IndexPending(); !s.ok()) return s;
      pending = 0;
    }
  }
  // The old version's rows go with it (ON DELETE CASCADE; the FTS index by trigger).
  for (const char* sql :
       {"DELETE FROM reviews WHERE file = ?;", "DELETE FROM failures WHERE file = ?;"}) {
    auto del = db_->Cached(sql, &s);
    if (!del) return s;
    if (s = del->Bind(1, std::string_view(file)).Run(); !s.ok()) return s;
  }
  auto ins = db_->Cached(
      "INSERT INTO reviews(file, json, sha256, bytes, pages, words, scrx_version, patterns_hash,"
      " analysed_at, title, review_type, board, published, year, commissioned, period_from,"
      " period_to, child_age, outcome)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);",
      &s);
  if (!ins) return s;
  const Metadata& m = review.metadata;
  ins->Bind(1, std::string_view(file))
      .BindText(2, json_rel_path)
      .Bind(3, std::string_view(review.source.sha256))
      .Bind(4, static_cast<std::int64_t>(review.source.bytes));
  BindInt(*ins, 5, review.source.pdf.pages);
  BindInt(*ins, 6, review.word_count);
  ins->Bind(7, std::string_view(scrx_version))
      .Bind(8, std::string_view(patterns_hash))
      .Bind(9, std::string_view(analysed_at))
      .BindText(10, m.title.value)
      .BindText(11, m.review_type.value)
      .BindText(12, m.board.value)
      .BindText(13, m.published.value);
  if (int year = YearOf(m.published.value); year > 0) {
    BindInt(*ins, 14, year);
  } else {
    ins->BindNull(14);
  }
  ins->BindText(15, m.commissioned.value)
      .BindText(16, m.period_from.value)
      .BindText(17, m.period_to.value)
      .BindText(18, m.child_age.value)
      .BindText(19, m.outcome.value);
  if (s = ins->Run(); !s.ok()) return s;
  const std::int64_t id = db_->LastInsertId();
  if (s = InsertRows(review, id); !s.ok()) return s;
  // Its paragraphs wait for the index with the others, or join it now with them all.
  auto wait = db_->Cached("INSERT INTO fts_pending(review_id) VALUES (?);", &s);
  if (!wait) return s;
  if (s = wait->Bind(1, id).Run(); !s.ok()) return s;
  for (const Section& x : review.sections) {
    for (const Paragraph& p : x.paragraphs) pending += static_cast<std::int64_t>(p.text.size());
  }
  if (pending >= kTextIndexBatchBytes) {
    if (s = IndexPending(); !s.ok()) return s;
    pending = 0;
  }
  if (s = tx.Commit(); !s.ok()) return s;
  pending_bytes_ = pending;
  return Status::Ok();
}

Status Collection::InsertRows(const Review& review, std::int64_t id) {
  Status s;
  const Metadata& m = review.metadata;

  for (auto [table, list] :
       {std::pair{"subjects", &m.subjects}, std::pair{"authors", &m.authors}}) {
    auto st =
        db_->Cached(std::string("INSERT INTO ") + table + "(review_id, name) VALUES (?, ?);", &s);
    if (!st) return s;
    for (const MetaValue& v : *list) {
      if (!v.known()) continue;
      if (s = st->Bind(1, id).Bind(2, std::string_view(v.value)).Run(); !s.ok()) return s;
    }
  }
  {
    auto st = db_->Cached("INSERT INTO agencies(review_id, name, page) VALUES (?, ?, ?);", &s);
    if (!st) return s;
    for (const MetaValue& v : m.agencies) {
      if (!v.known()) continue;
      st->Bind(1, id).Bind(2, std::string_view(v.value));
      BindPage(*st, 3, v.page);
      if (s = st->Run(); !s.ok()) return s;
    }
  }

  auto sec = db_->Cached(
      "INSERT INTO sections(review_id, idx, number, title, level, kind, title_kind, page_start,"
      " page_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?);",
      &s);
  if (!sec) return s;
  auto par = db_->Cached(
      "INSERT INTO paragraphs(review_id, section_idx, pid, number, kind, page, page_end, text)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?);",
      &s);
  if (!par) return s;
  for (size_t i = 0; i < review.sections.size(); ++i) {
    const Section& x = review.sections[i];
    sec->Bind(1, id);
    BindInt(*sec, 2, static_cast<long long>(i));
    sec->BindText(3, x.number).Bind(4, std::string_view(x.title));
    BindInt(*sec, 5, x.level);
    sec->Bind(6, SectionKindName(x.kind)).Bind(7, SectionKindName(x.title_kind));
    BindPage(*sec, 8, x.page_start);
    BindPage(*sec, 9, x.page_end);
    if (s = sec->Run(); !s.ok()) return s;
    for (const Paragraph& p : x.paragraphs) {
      par->Bind(1, id);
      BindInt(*par, 2, static_cast<long long>(i));
      par->Bind(3, std::string_view(p.id)).BindText(4, p.number).Bind(5, ParagraphKindName(p.kind));
      BindPage(*par, 6, p.page);
      BindPage(*par, 7, p.page_end);
      par->Bind(8, std::string_view(p.text));
      if (s = par->Run(); !s.ok()) return s;
    }
  }

  auto th = db_->Cached(
      "INSERT INTO themes(review_id, theme, label, grp, present, mentions, counted_mentions,"
      " negated_mentions, per_10k_words, score, threshold, derived)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);",
      &s);
  if (!th) return s;
  auto ev = db_->Cached(
      "INSERT INTO evidence(review_id, theme, page, section_idx, section_title, section_kind,"
      " paragraph, quote, span_begin, span_end, matched, pattern, weight, counted, not_counted,"
      " negated, negation_cue, hedged, hedge_cue, counterfactual, counterfactual_cue)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);",
      &s);
  if (!ev) return s;
  for (const ThemeResult& t : review.themes) {
    th->Bind(1, id)
        .Bind(2, std::string_view(t.id))
        .BindText(3, t.label)
        .Bind(4, tag::ThemeGroupName(t.group));
    BindBool(*th, 5, t.present);
    BindInt(*th, 6, t.mentions);
    BindInt(*th, 7, t.counted_mentions);
    BindInt(*th, 8, t.negated_mentions);
    th->Bind(9, t.per_10k_words).Bind(10, t.score).Bind(11, t.threshold);
    BindBool(*th, 12, t.derived);
    if (s = th->Run(); !s.ok()) return s;
    for (const Evidence& e : t.evidence) {
      ev->Bind(1, id).Bind(2, std::string_view(t.id));
      BindPage(*ev, 3, e.page);
      BindIndex(*ev, 4, e.section_index);
      ev->BindText(5, e.section_title)
          .Bind(6, SectionKindName(e.section_kind))
          .BindText(7, e.paragraph_id)
          .BindText(8, e.sentence);
      BindInt(*ev, 9, e.span_begin);
      BindInt(*ev, 10, e.span_end);
      ev->BindText(11, e.matched).BindText(12, e.pattern).Bind(13, e.weight);
      BindBool(*ev, 14, e.counted);
      ev->BindText(15, e.not_counted);
      BindBool(*ev, 16, e.negated);
      ev->BindText(17, e.negation_cue);
      BindBool(*ev, 18, e.hedged);
      ev->BindText(19, e.hedge_cue);
      BindBool(*ev, 20, e.counterfactual);
      ev->BindText(21, e.counterfactual_cue);
      if (s = ev->Run(); !s.ok()) return s;
    }
  }

  auto fi = db_->Cached(
      "INSERT INTO findings(review_id, ord, number, title, text, section_idx, page)"
      " VALUES (?, ?, ?, ?, ?, ?, ?);",
      &s);
  if (!fi) return s;
  for (size_t i = 0; i < review.findings.size(); ++i) {
    const Finding& f = review.findings[i];
    fi->Bind(1, id);
    BindInt(*fi, 2, static_cast<long long>(i));
    fi->BindText(3, f.number).BindText(4, f.title).BindText(5, f.text);
    BindIndex(*fi, 6, f.section_index);
    BindPage(*fi, 7, f.page);
    if (s = fi->Run(); !s.ok()) return s;
  }

  auto re = db_->Cached(
      "INSERT INTO recommendations(review_id, ord, list, number, text, addressee, addressee_kind,"
      " response, section_idx, page_start, page_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?);",
      &s);
  if (!re) return s;
  for (size_t i = 0; i < review.recommendations.size(); ++i) {
    const Recommendation& r = review.recommendations[i];
    re->Bind(1, id);
    BindInt(*re, 2, static_cast<long long>(i));
    re->BindText(3, r.list)
        .BindText(4, r.number)
        .Bind(5, std::string_view(r.text))
        .BindText(6, r.addressee)
        .BindText(7, r.addressee_kind)
        .BindText(8, r.response);
    BindIndex(*re, 9, r.section_index);
    BindPage(*re, 10, r.page_start);
    BindPage(*re, 11, r.page_end);
    if (s = re->Run(); !s.ok()) return s;
  }
  return Status::Ok();
}

bool Collection::IsCurrent(const std::string& file, const std::string& sha256,
                           const std::string& scrx_version, const std::string& patterns_hash,
                           Stored* stored) {
  Status s;
  auto st = db_->Cached(
      "SELECT id, json, analysed_at, pages FROM reviews WHERE file = ? AND sha256 = ?"
      " AND scrx_version = ? AND patterns_hash = ?;",
      &s);
  if (!st) return false;
  st->Bind(1, std::string_view(file))
      .Bind(2, std::string_view(sha256))
      .Bind(3, std::string_view(scrx_version))
      .Bind(4, std::string_view(patterns_hash));
  if (!st->Step()) return false;
  if (stored == nullptr) return true;
  *stored = Stored{};
  const std::int64_t id = st->Int(0);
  stored->json = st->AsString(1);
  stored->analysed_at = st->AsString(2);
  stored->pages = static_cast<int>(st->Int(3));
  auto th = db_->Cached(
      "SELECT theme FROM themes WHERE review_id = ? AND present = 1 ORDER BY rowid;", &s);
  if (!th) return false;
  th->Bind(1, id);
  while (th->Step()) stored->themes_present.push_back(th->Text(0));
  return th->status().ok();
}

Status Collection::RecordFailure(const std::string& file, const std::string& sha256,
                                 const std::string& code, const std::string& message,
                                 const std::string& at) {
  Status s;
  auto st = db_->Cached(
      "INSERT OR REPLACE INTO failures(file, sha256, code, message, at) VALUES (?, ?, ?, ?, ?);",
      &s);
  if (!st) return s;
  return st->Bind(1, std::string_view(file))
      .BindText(2, sha256)
      .BindText(3, code)
      .BindText(4, message)
      .BindText(5, at)
      .Run();
}

Status ResolveDb(const std::string& arg, std::string* path) {
  std::error_code ec;
  if (arg.empty()) return Status::InvalidArgument("--db", "no collection given");
  fs::file_status st = fs::status(arg, ec);
  if (ec || !fs::exists(st)) return Status::NotFound(arg, "no such file or folder");
  if (fs::is_directory(st)) {
    fs::path db = fs::path(arg) / kCollectionFile;
    if (!fs::is_regular_file(db, ec)) {
      return Status::NotFound(arg, std::string("no collection database in this folder (") +
                                       kCollectionFile + " is missing; 'scrx analyze ... -o " +
                                       arg + "' creates it)");
    }
    *path = db.string();
    return Status::Ok();
  }
  if (!fs::is_regular_file(st)) return Status::InvalidArgument(arg, "not a database file");
  *path = arg;
  return Status::Ok();
}

}  // namespace scrx::store
