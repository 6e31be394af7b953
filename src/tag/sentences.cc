#include "tag/sentences.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <cctype>
#include <memory>

namespace scrx::tag {
namespace {

icu::BreakIterator* Iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> it = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(
        icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
    if (U_FAILURE(status)) {
      status = U_ZERO_ERROR;
      bi.reset(icu::BreakIterator::createSentenceInstance(icu::Locale::getEnglish(), status));
    }
    return bi;
  }();
  return it.get();
}

void AddPiece(std::string_view text, int b, int e, std::vector<std::pair<int, int>>* out) {
  while (b < e && (text[static_cast<size_t>(b)] == ' ' || text[static_cast<size_t>(b)] == '\n'))
    ++b;
  while (e > b &&
         (text[static_cast<size_t>(e - 1)] == ' ' || text[static_cast<size_t>(e - 1)] == '\n'))
    --e;
  if (e > b) out->emplace_back(b, e);
}

}  // namespace

std::vector<std::pair<int, int>> SplitSentences(std::string_view text) {
  std::vector<std::pair<int, int>> out;
  icu::BreakIterator* bi = Iterator();
  // Line breaks first: each line (a table row) is split on its own.
  size_t line_start = 0;
  while (line_start <= text.size()) {
    size_t nl = text.find('\n', line_start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(line_start, nl - line_start);
    if (bi == nullptr) {
      AddPiece(text, static_cast<int>(line_start), static_cast<int>(nl), &out);
    } else if (!line.empty()) {
      UErrorCode status = U_ZERO_ERROR;
      UText* ut = utext_openUTF8(nullptr, line.data(), static_cast<int64_t>(line.size()), &status);
      if (U_FAILURE(status)) {
        AddPiece(text, static_cast<int>(line_start), static_cast<int>(nl), &out);
      } else {
        bi->setText(ut, status);
        int32_t prev = bi->first();
        for (int32_t pos = bi->next(); pos != icu::BreakIterator::DONE; pos = bi->next()) {
          AddPiece(text, static_cast<int>(line_start) + prev, static_cast<int>(line_start) + pos,
                   &out);
          prev = pos;
        }
        utext_close(ut);
      }
    }
    line_start = nl + 1;
  }
  return out;
}

int CountWords(std::string_view text) {
  int n = 0;
  bool in = false;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    bool w = std::isalnum(c) || c >= 0x80;
    if (w && !in) ++n;
    in = w;
  }
  return n;
}

}  // namespace scrx::tag
