#include "base/files.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace scrx {

Status MakeDirs(const std::string& dir) {
  if (dir.empty()) return Status::Ok();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IOError(dir, "cannot create folder: " + ec.message());
  if (!std::filesystem::is_directory(dir, ec)) return Status::IOError(dir, "not a folder");
  return Status::Ok();
}

Status WriteFileAtomic(const std::string& path, std::string_view data) {
  std::string tmp;
  if (Status s = WriteFileTemp(path, data, &tmp); !s.ok()) return s;
  return CommitFile(tmp, path);
}

Status WriteFileTemp(const std::string& path, std::string_view data, std::string* tmp_out) {
  std::filesystem::path p(path);
  if (Status s = MakeDirs(p.parent_path().string()); !s.ok()) return s;
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IOError(path, std::string("cannot write: ") + std::strerror(errno));
  const char* buf = data.data();
  size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, buf, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return Status::IOError(path, std::string("cannot write: ") + std::strerror(err));
    }
    buf += n;
    left -= static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 && errno != EINVAL) {
    int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    return Status::IOError(path, std::string("cannot write: ") + std::strerror(err));
  }
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return Status::IOError(path, std::string("cannot write: ") + std::strerror(err));
  }
  *tmp_out = std::move(tmp);
  return Status::Ok();
}

Status CommitFile(const std::string& tmp, const std::string& path) {
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return Status::IOError(path, std::string("cannot replace: ") + std::strerror(err));
  }
  return Status::Ok();
}

Status ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path, std::string("cannot open: ") + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return Status::Ok();
}

}  // namespace scrx
