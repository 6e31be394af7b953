// SHA-256 digests (OpenSSL's EVP interface), as lower-case hex.
#ifndef SCRX_BASE_SHA256_H_
#define SCRX_BASE_SHA256_H_

#include <string>
#include <string_view>

#include "base/status.h"

namespace scrx {

// Incremental hashing: Update() any number of times, then Hex().
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::string_view data);
  std::string Hex();  // finishes the digest; call once

 private:
  void* ctx_;  // EVP_MD_CTX*
};

std::string Sha256Hex(std::string_view data);

// Hashes the file at `path`; on failure returns a Status naming the file.
Status Sha256File(const std::string& path, std::string* hex, std::uint64_t* bytes);

}  // namespace scrx

#endif  // SCRX_BASE_SHA256_H_
