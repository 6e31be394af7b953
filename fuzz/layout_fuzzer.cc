// libFuzzer target "layout": see fuzz/fuzz_entry.h for what it runs and fuzz/README.md for how.
#include <cstddef>
#include <cstdint>

#include "fuzz_entry.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  scrx::fuzz::FuzzLayout(data, size);
  return 0;
}
