// The collection database (OUTDIR/scrx.sqlite, docs/collection.md): its schema, writing one
// review per transaction, the "is this review current?" check that lets `scrx analyze` resume,
// failure records, and resolving the `--db` argument of the commands that read a collection.
// Only the parent process of `scrx analyze` writes; queries, exports and reports open it
// read-only.
#ifndef SCRX_STORE_COLLECTION_H_
#define SCRX_STORE_COLLECTION_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "document.h"
#include "store/sqlite.h"

namespace scrx::store {

// The file name of the database inside a collection folder.
inline constexpr const char* kCollectionFile = "scrx.sqlite";
// PRAGMA user_version of the schema this code writes and reads. Version 1 (an insert trigger
// on paragraphs fed the full-text index) and version 2 (no fts_pending table) are read as they
// are and upgraded when opened to write.
inline constexpr int kCollectionSchemaVersion = 3;

// Paragraph text (bytes) that stored reviews may hold outside the full-text index before
// WriteReview indexes them together. FTS5 writes a segment per statement: indexing a review at
// a time costs about four times as much as indexing thirty together (docs/collection.md).
inline constexpr std::int64_t kTextIndexBatchBytes = 2 << 20;

class Collection {
 public:
  // Opens the collection at `path` (the database file). kReadWrite creates the file and the
  // schema when missing; kReadOnly requires an existing collection. Refuses a file that is not a
  // scrx collection, or one with another schema version, with a Status naming `path`.
  static std::unique_ptr<Collection> Open(const std::string& path, Database::Mode mode,
                                          Status* status);

  // Flushes the full-text index (FlushTextIndex) of a collection opened to write; an error is
  // ignored: the reviews stay listed in fts_pending and the next open to write indexes them.
  ~Collection();
  Collection(const Collection&) = delete;
  Collection& operator=(const Collection&) = delete;

  // Stores `review` (as read back from its JSON) in one BEGIN IMMEDIATE ... COMMIT transaction:
  // the rows of the same file (review.source.file) are deleted and the new ones inserted, and
  // the file's failure record is cleared. `json_rel_path` is the review JSON relative to the
  // collection folder; `analysed_at` an ISO 8601 time. On error nothing is changed.
  // The review's paragraphs join the full-text index in the same transaction once the reviews
  // waiting for it (table fts_pending) hold kTextIndexBatchBytes of text; until then, or until
  // FlushTextIndex, `scrx search` does not see them.
  Status WriteReview(const Review& review, const std::string& json_rel_path,
                     const std::string& scrx_version, const std::string& patterns_hash,
                     const std::string& analysed_at);

  // Indexes the paragraphs of every review in fts_pending, in one transaction. Open (to write)
  // and the destructor call it; `scrx analyze` calls it when its last review is stored.
  Status FlushTextIndex();
  // The number of stored reviews whose paragraphs are not in the full-text index yet (0 for a
  // collection of schema version 1 or 2). Not 0 only while a run writes, or after a run was
  // killed; the next `scrx analyze` of the folder indexes them.
  std::int64_t ReviewsNotInTextIndex();

  // What IsCurrent tells about the stored review.
  struct Stored {
    std::string json;         // the review JSON, relative to the collection folder
    std::string analysed_at;  // when it was stored
    int pages = 0;
    std::vector<std::string> themes_present;
  };
  // True when `file` is stored with this PDF content (SHA-256), scrx version and pattern-set
  // hash, so analysing it again would give the same rows. When true and `stored` is not null it
  // receives what is stored. A database error counts as "not current".
  bool IsCurrent(const std::string& file, const std::string& sha256,
                 const std::string& scrx_version, const std::string& patterns_hash,
                 Stored* stored = nullptr);

  // Records (replaces) the latest failure of `file`. Stored rows of the file are kept: a failure
  // never removes what an earlier run wrote. `sha256` may be empty (unreadable file).
  Status RecordFailure(const std::string& file, const std::string& sha256, const std::string& code,
                       const std::string& message, const std::string& at);

  Database* db() { return db_.get(); }
  const std::string& path() const { return db_->path(); }

 private:
  Collection(std::unique_ptr<Database> db, Database::Mode mode) : db_(std::move(db)), mode_(mode) {}
  Status CreateOrCheckSchema(Database::Mode mode);
  Status InsertRows(const Review& review, std::int64_t review_id);
  // The index work of FlushTextIndex, inside the caller's transaction.
  Status IndexPending();

  std::unique_ptr<Database> db_;
  Database::Mode mode_;
  // Paragraph bytes of the reviews in fts_pending: 0 after Open, which indexes what a killed run
  // left; kept up to date by WriteReview and FlushTextIndex.
  std::int64_t pending_bytes_ = 0;
};

// Resolves the `--db PATH` argument: a database file, or a folder holding scrx.sqlite. Sets
// *path to the database file. Errors (NotFound) name `arg`: "out: no collection database in
// this folder (scrx.sqlite is missing; 'scrx analyze ... -o out' creates it)" or
// "x.sqlite: no such file or folder".
Status ResolveDb(const std::string& arg, std::string* path);

// The year of an ISO date ("2019-03-04", "2019-03", "2019"); 0 when it does not start with one.
int YearOf(const std::string& iso_date);

}  // namespace scrx::store

#endif  // SCRX_STORE_COLLECTION_H_
