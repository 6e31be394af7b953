// The collection database (OUTDIR/scrx.sqlite, docs/collection.md): its schema, writing one
// review per transaction, the "is this review current?" check that lets `scrx analyze` resume,
// failure records, and resolving the `--db` argument of the commands that read a collection.
// Only the parent process of `scrx analyze` writes; queries, exports and reports open it
// read-only.
#ifndef SCRX_STORE_COLLECTION_H_
#define SCRX_STORE_COLLECTION_H_

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
// on paragraphs fed the full-text index) is read as it is and upgraded when opened to write.
inline constexpr int kCollectionSchemaVersion = 2;

class Collection {
 public:
  // Opens the collection at `path` (the database file). kReadWrite creates the file and the
  // schema when missing; kReadOnly requires an existing collection. Refuses a file that is not a
  // scrx collection, or one with another schema version, with a Status naming `path`.
  static std::unique_ptr<Collection> Open(const std::string& path, Database::Mode mode,
                                          Status* status);

  // Stores `review` (as read back from its JSON) in one BEGIN IMMEDIATE ... COMMIT transaction:
  // the rows of the same file (review.source.file) are deleted and the new ones inserted, and
  // the file's failure record is cleared. `json_rel_path` is the review JSON relative to the
  // collection folder; `analysed_at` an ISO 8601 time. On error nothing is changed.
  Status WriteReview(const Review& review, const std::string& json_rel_path,
                     const std::string& scrx_version, const std::string& patterns_hash,
                     const std::string& analysed_at);

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
  explicit Collection(std::unique_ptr<Database> db) : db_(std::move(db)) {}
  Status CreateOrCheckSchema(Database::Mode mode);
  Status InsertRows(const Review& review, std::int64_t review_id);

  std::unique_ptr<Database> db_;
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
