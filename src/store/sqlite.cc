#include "store/sqlite.h"

#include <sqlite3.h>

#include <mutex>

namespace scrx::store {

std::unique_ptr<Database> Database::Open(const std::string& path, Mode mode, Status* status) {
  // SQLite counts the memory it allocates unless told not to, under a global mutex on every
  // allocation; scrx never asks for the count. Only possible before SQLite initialises.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  sqlite3* db = nullptr;
  int flags =
      mode == Mode::kReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    *status = rc == SQLITE_CANTOPEN ? Status::NotFound(path, "cannot open the database: " + msg)
                                    : Status::IOError(path, "cannot open the database: " + msg);
    return nullptr;
  }
  std::unique_ptr<Database> d(new Database(db, path));
  sqlite3_busy_timeout(db, 10000);
  // A new database gets 16 KiB pages (SQLite's default is 4 KiB): a collection holds mostly
  // paragraph and quotation text, and larger pages mean fewer of them to split and to write.
  // No effect on an existing database.
  *status = d->Exec("PRAGMA foreign_keys = ON;");
  if (status->ok() && mode == Mode::kReadWrite) *status = d->Exec("PRAGMA page_size = 16384;");
  if (status->ok() && mode == Mode::kReadWrite) *status = d->Exec("PRAGMA journal_mode = WAL;");
  // In WAL mode, NORMAL syncs at checkpoints rather than at every commit: the database stays
  // consistent through a crash or power loss, which may only lose the last reviews stored, and
  // a re-run of `scrx analyze` stores them again. One fsync per review held up the batch.
  if (status->ok() && mode == Mode::kReadWrite) *status = d->Exec("PRAGMA synchronous = NORMAL;");
  if (!status->ok()) return nullptr;
  return d;
}

Database::~Database() {
  cached_.clear();
  sqlite3_close_v2(db_);
}

Status Database::Error(std::string_view what) const {
  std::string msg = std::string(what) + ": " + sqlite3_errmsg(db_);
  int code = sqlite3_errcode(db_);
  if (code == SQLITE_FULL || code == SQLITE_IOERR || code == SQLITE_READONLY ||
      code == SQLITE_CANTOPEN) {
    return Status::IOError(path_, msg);
  }
  if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB) return Status::Corruption(path_, msg);
  return Status::InvalidArgument(path_, msg);
}

Status Database::Exec(std::string_view sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err != nullptr ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    return Error("SQL error: " + msg);
  }
  return Status::Ok();
}

std::unique_ptr<Statement> Database::Prepare(std::string_view sql, Status* status) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    *status = Error("SQL error");
    return nullptr;
  }
  *status = Status::Ok();
  return std::unique_ptr<Statement>(new Statement(this, stmt));
}

CachedStatement Database::Cached(std::string_view sql, Status* status) {
  *status = Status::Ok();
  auto [it, added] = cached_.try_emplace(std::string(sql));
  if (!added) return CachedStatement(it->second.get());
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &stmt, nullptr) != SQLITE_OK) {
    *status = Error("SQL error");
    cached_.erase(it);
    return CachedStatement();
  }
  it->second.reset(new Statement(this, stmt));
  return CachedStatement(it->second.get());
}

CachedStatement::~CachedStatement() {
  if (s_ != nullptr) s_->Reset();
}

std::int64_t Database::LastInsertId() const { return sqlite3_last_insert_rowid(db_); }

Database::Transaction::Transaction(Database* db) : db_(db) {
  begin_ = db_->Exec("BEGIN IMMEDIATE;");
}

Database::Transaction::~Transaction() {
  if (!done_ && begin_.ok()) db_->Exec("ROLLBACK;");
}

Status Database::Transaction::Commit() {
  if (!begin_.ok()) return begin_;
  done_ = true;
  Status s = db_->Exec("COMMIT;");
  if (!s.ok()) db_->Exec("ROLLBACK;");
  return s;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int i, std::int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Statement& Statement::Bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Statement& Statement::Bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::BindNull(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}
Statement& Statement::BindText(int i, const std::string& v) {
  return v.empty() ? BindNull(i) : Bind(i, std::string_view(v));
}

bool Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) status_ = db_->Error("SQL error");
  return false;
}

Status Statement::Run() {
  while (Step()) {
  }
  Status s = status_;
  Reset();
  return s;
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  status_ = Status::Ok();
}

int Statement::ColumnCount() const { return sqlite3_column_count(stmt_); }
std::string Statement::ColumnName(int i) const {
  const char* n = sqlite3_column_name(stmt_, i);
  return n != nullptr ? n : "";
}
bool Statement::IsNull(int i) const { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }
std::int64_t Statement::Int(int i) const { return sqlite3_column_int64(stmt_, i); }
double Statement::Real(int i) const { return sqlite3_column_double(stmt_, i); }
std::string Statement::Text(int i) const {
  const unsigned char* t = sqlite3_column_text(stmt_, i);
  return t != nullptr ? reinterpret_cast<const char*>(t) : "";
}
std::string Statement::AsString(int i) const { return IsNull(i) ? "" : Text(i); }

}  // namespace scrx::store
