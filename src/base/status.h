// Status: the one error type of scrx. A Status is ok, or carries a code and a message that
// names the place of the problem ("corpus/x.pdf: encrypted: a password is required",
// "patterns/fathers.yaml:12: bad regex: missing ): (absent"). Modelled on LevelDB's Status.
#ifndef SCRX_BASE_STATUS_H_
#define SCRX_BASE_STATUS_H_

#include <string>
#include <string_view>
#include <utility>

namespace scrx {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kNotFound,           // a file or item does not exist
    kIOError,            // the file system refused (permissions, disk full, ...)
    kInvalidArgument,    // the caller asked for something impossible (bad flag, bad pattern)
    kCorruption,         // the input is damaged (truncated PDF, broken xref)
    kNotSupported,       // the input is valid but scrx cannot read it (encrypted without password)
    kResourceExhausted,  // time or memory limit reached
    kCancelled,          // interrupted by the user
  };

  Status() = default;  // ok
  static Status Ok() { return Status(); }
  static Status NotFound(std::string_view where, std::string_view msg) {
    return Status(Code::kNotFound, where, msg);
  }
  static Status IOError(std::string_view where, std::string_view msg) {
    return Status(Code::kIOError, where, msg);
  }
  static Status InvalidArgument(std::string_view where, std::string_view msg) {
    return Status(Code::kInvalidArgument, where, msg);
  }
  static Status Corruption(std::string_view where, std::string_view msg) {
    return Status(Code::kCorruption, where, msg);
  }
  static Status NotSupported(std::string_view where, std::string_view msg) {
    return Status(Code::kNotSupported, where, msg);
  }
  static Status ResourceExhausted(std::string_view where, std::string_view msg) {
    return Status(Code::kResourceExhausted, where, msg);
  }
  static Status Cancelled(std::string_view where, std::string_view msg) {
    return Status(Code::kCancelled, where, msg);
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // "where: message", or just "message" when there is no place; "OK" when ok.
  const std::string& message() const { return message_; }
  std::string ToString() const { return ok() ? "OK" : message_; }
  // A short machine-readable name of the code ("corruption", "not_supported", ...).
  std::string_view CodeName() const;

 private:
  Status(Code code, std::string_view where, std::string_view msg);
  Code code_ = Code::kOk;
  std::string message_;
};

// A value or an error. `value()` may only be called when ok().
template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() & { return value_; }
  const T& value() const& { return value_; }
  T&& value() && { return std::move(value_); }

 private:
  Status status_;
  T value_{};
};

}  // namespace scrx

#endif  // SCRX_BASE_STATUS_H_
