// A narrow RAII adapter over SQLite's C API: open, run statements, bind and read columns,
// transactions. SQLite's result codes become Status values that name the database file. The
// only part of scrx that includes sqlite3.h.
#ifndef SCRX_STORE_SQLITE_H_
#define SCRX_STORE_SQLITE_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace scrx::store {

class Statement;
class CachedStatement;

class Database {
 public:
  enum class Mode { kReadOnly, kReadWrite };
  // Opens (kReadWrite: creates) the database at `path`. Foreign keys on; a busy timeout of 10 s;
  // WAL journal for read-write.
  static std::unique_ptr<Database> Open(const std::string& path, Mode mode, Status* status);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements without results.
  Status Exec(std::string_view sql);
  // Prepares one statement; on error returns nullptr and sets *status ("db: message: sql").
  std::unique_ptr<Statement> Prepare(std::string_view sql, Status* status);
  // A statement prepared once and kept with the database, for the statements run for every
  // review stored. The handle resets it (and clears its bindings) when it goes out of scope,
  // so that a query left half-read holds no lock. Empty on error, with *status set. One
  // handle to the same SQL at a time.
  CachedStatement Cached(std::string_view sql, Status* status);
  std::int64_t LastInsertId() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

  // BEGIN IMMEDIATE ... COMMIT; rolled back if not committed before destruction.
  class Transaction {
   public:
    explicit Transaction(Database* db);
    ~Transaction();
    Status Commit();
    const Status& status() const { return begin_; }

   private:
    Database* db_;
    Status begin_;
    bool done_ = false;
  };

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status Error(std::string_view what) const;
  sqlite3* db_;
  std::string path_;
  // Finalised (cleared by ~Database) before the database is closed.
  std::unordered_map<std::string, std::unique_ptr<Statement>> cached_;
  friend class Statement;
};

class Statement {
 public:
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binding is 1-based, as in SQLite. Empty optionals bind NULL.
  Statement& Bind(int i, std::int64_t v);
  Statement& Bind(int i, double v);
  Statement& Bind(int i, std::string_view v);
  Statement& BindNull(int i);
  Statement& BindText(int i, const std::string& v);  // NULL when empty

  // Steps once: true when a row is available; false when done (check status()).
  bool Step();
  // Runs to completion (for statements without results); returns the status.
  Status Run();
  void Reset();
  const Status& status() const { return status_; }

  int ColumnCount() const;
  std::string ColumnName(int i) const;
  bool IsNull(int i) const;
  std::int64_t Int(int i) const;
  double Real(int i) const;
  std::string Text(int i) const;
  // The value as SQLite would print it ("" for NULL).
  std::string AsString(int i) const;

 private:
  Statement(Database* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Database* db_;
  sqlite3_stmt* stmt_;
  Status status_;
  friend class Database;
};

// The handle Database::Cached returns: the statement, reset when the handle is destroyed.
class CachedStatement {
 public:
  explicit CachedStatement(Statement* s = nullptr) : s_(s) {}
  ~CachedStatement();
  CachedStatement(CachedStatement&& o) noexcept : s_(o.s_) { o.s_ = nullptr; }
  CachedStatement& operator=(CachedStatement&&) = delete;
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;

  explicit operator bool() const { return s_ != nullptr; }
  Statement* operator->() const { return s_; }
  Statement& operator*() const { return *s_; }

 private:
  Statement* s_;
};

}  // namespace scrx::store

#endif  // SCRX_STORE_SQLITE_H_
