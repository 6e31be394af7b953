// Sentences of a paragraph, from ICU's sentence break iterator (English, with the standard
// abbreviation suppressions so that "e.g." and "Dr." do not end a sentence). Line breaks
// (table rows) also end a sentence.
#ifndef SCRX_TAG_SENTENCES_H_
#define SCRX_TAG_SENTENCES_H_

#include <string_view>
#include <utility>
#include <vector>

namespace scrx::tag {

// Byte ranges [begin, end) of the sentences of UTF-8 `text`, trailing spaces excluded, empty
// sentences skipped. Thread-safe (each thread keeps its own iterator).
std::vector<std::pair<int, int>> SplitSentences(std::string_view text);

// Number of words (runs of letters or digits) in `text`.
int CountWords(std::string_view text);

}  // namespace scrx::tag

#endif  // SCRX_TAG_SENTENCES_H_
