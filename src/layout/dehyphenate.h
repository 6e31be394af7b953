// De-hyphenation: deciding, for a line that ends with a hyphen, whether the hyphen only broke
// a word across the line ("safe-" / "guarding" -> "safeguarding") or is a real hyphen
// ("multi-" / "agency" -> "multi-agency"). The evidence, in order: how the document itself
// writes the word elsewhere, then a spelling dictionary (Hunspell, Debian's en_GB), then
// whether the first part is a prefix that English hyphenates.
#ifndef SCRX_LAYOUT_DEHYPHENATE_H_
#define SCRX_LAYOUT_DEHYPHENATE_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/status.h"
#include "document.h"

namespace scrx::layout {

// Answers "is this a word?". Implementations must be safe to call concurrently.
class Lexicon {
 public:
  virtual ~Lexicon() = default;
  virtual bool IsWord(std::string_view word) const = 0;
};

// A Hunspell dictionary. `Open` returns nullptr and sets *status when the files are missing.
class HunspellLexicon : public Lexicon {
 public:
  // `base` is the dictionary path without extension, e.g. "/usr/share/hunspell/en_GB".
  static std::unique_ptr<HunspellLexicon> Open(const std::string& base, Status* status);
  ~HunspellLexicon() override;
  bool IsWord(std::string_view word) const override;

 private:
  struct Impl;
  explicit HunspellLexicon(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The default dictionary: Hunspell en_GB from the usual Debian location, or nullptr when it
// is not installed (de-hyphenation then relies on the document's own vocabulary).
const Lexicon* DefaultLexicon();

// A fixed list of words (for tests).
class WordListLexicon : public Lexicon {
 public:
  explicit WordListLexicon(const std::vector<std::string>& words);
  bool IsWord(std::string_view word) const override;

 private:
  std::unordered_set<std::string> words_;
};

// How the document spells words: lower-cased word forms seen inside lines (not split at a
// line end), including hyphenated compounds such as "pre-birth".
class Vocabulary {
 public:
  void AddLineText(std::string_view line);  // every word of the line except a final "xxx-"
  int Count(std::string_view lower_word) const;

 private:
  std::unordered_map<std::string, int> counts_;
};

// Decides how line `a` (ending with "-") joins line `b` (the next line in reading order).
// Returns kSpace when `a` does not end with a word-breaking hyphen.
Line::End DecideLineEnd(std::string_view a, std::string_view b, const Vocabulary& vocab,
                        const Lexicon* lexicon);

// Joins line texts into one paragraph text, applying each line's End.
std::string JoinLines(const std::vector<const Line*>& lines);
// Appends `next` to `text` according to `end` (the End of the line `text` finishes with).
void AppendLine(std::string* text, std::string_view next, Line::End end);

}  // namespace scrx::layout

#endif  // SCRX_LAYOUT_DEHYPHENATE_H_
