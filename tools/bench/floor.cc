// The floor of the benchmark: Poppler's word extraction alone, with exactly the call scrx's
// ingest makes (src/pdf/pdf_reader.cc: document::load_from_file, create_page, and
// page::text_list(text_list_include_font)), over every page of every PDF given, and nothing
// else: no conversion of the boxes, no layout. scrx cannot be faster than this.
//
//   scrx-bench-floor FILE.pdf... | DIR...
//
// Prints "files N pages P words W seconds S pages_per_second R" on one line (CPU work of this
// process only; wall clock is measured by the caller).
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace {

void Quiet(const std::string&, void*) {}

bool IsPdf(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return ext == ".pdf";
}

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s FILE.pdf|DIR...\n", argv[0]);
    return 2;
  }
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    fs::path p(argv[i]);
    if (fs::is_directory(p)) {
      for (const auto& e : fs::recursive_directory_iterator(p)) {
        if (e.is_regular_file() && IsPdf(e.path())) files.push_back(e.path().string());
      }
    } else {
      files.push_back(p.string());
    }
  }
  std::sort(files.begin(), files.end());
  poppler::set_debug_error_function(&Quiet, nullptr);

  auto start = std::chrono::steady_clock::now();
  long pages = 0, words = 0;
  int failed = 0;
  for (const std::string& f : files) {
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(f, "", ""));
    if (!doc || doc->is_locked()) {
      std::fprintf(stderr, "%s: cannot open\n", f.c_str());
      ++failed;
      continue;
    }
    int n = doc->pages();
    for (int i = 0; i < n; ++i) {
      std::unique_ptr<poppler::page> p(doc->create_page(i));
      if (!p) continue;
      std::vector<poppler::text_box> boxes = p->text_list(poppler::page::text_list_include_font);
      words += static_cast<long>(boxes.size());
      ++pages;
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("files %zu pages %ld words %ld seconds %.3f pages_per_second %.1f\n", files.size(),
              pages, words, seconds, seconds > 0 ? pages / seconds : 0.0);
  return failed > 0 ? 1 : 0;
}
