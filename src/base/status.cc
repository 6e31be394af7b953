#include "base/status.h"

namespace scrx {

Status::Status(Code code, std::string_view where, std::string_view msg) : code_(code) {
  if (!where.empty()) {
    message_.append(where);
    message_.append(": ");
  }
  message_.append(msg);
}

std::string_view Status::CodeName() const {
  switch (code_) {
    case Code::kOk:
      return "ok";
    case Code::kNotFound:
      return "not_found";
    case Code::kIOError:
      return "io_error";
    case Code::kInvalidArgument:
      return "invalid_argument";
    case Code::kCorruption:
      return "corruption";
    case Code::kNotSupported:
      return "not_supported";
    case Code::kResourceExhausted:
      return "resource_exhausted";
    case Code::kCancelled:
      return "cancelled";
  }
  return "unknown";
}

}  // namespace scrx
