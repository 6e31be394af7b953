#include "layout/dehyphenate.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <functional>
#include <hunspell/hunspell.hxx>
#include <mutex>
#include <unordered_map>

namespace scrx::layout {
namespace {

bool IsAsciiAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool IsLetterByte(char c) { return IsAsciiAlpha(c) || (static_cast<unsigned char>(c) & 0x80) != 0; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Strips leading and trailing punctuation (keeps inner hyphens and apostrophes).
std::string_view StripPunct(std::string_view w) {
  while (!w.empty() && !IsLetterByte(w.front()) &&
         !std::isdigit(static_cast<unsigned char>(w.front()))) {
    w.remove_prefix(1);
  }
  while (!w.empty() && !IsLetterByte(w.back()) &&
         !std::isdigit(static_cast<unsigned char>(w.back()))) {
    w.remove_suffix(1);
  }
  return w;
}

std::string_view LastWord(std::string_view line) {
  size_t sp = line.rfind(' ');
  return sp == std::string_view::npos ? line : line.substr(sp + 1);
}
std::string_view FirstWord(std::string_view line) {
  size_t sp = line.find(' ');
  return sp == std::string_view::npos ? line : line.substr(0, sp);
}

// Prefixes that English writes with a hyphen before a word ("pre-birth", "non-accidental").
bool IsHyphenPrefix(std::string_view lower) {
  static constexpr std::array<std::string_view, 22> kPrefixes = {
      "pre",  "post", "non",  "multi", "inter", "intra", "co",    "self", "ex",  "anti", "sub",
      "semi", "well", "step", "half",  "cross", "extra", "under", "over", "out", "mid",  "part"};
  return std::find(kPrefixes.begin(), kPrefixes.end(), lower) != kPrefixes.end();
}

}  // namespace

// ------------------------------------------------------------------------------------------

struct HunspellLexicon::Impl {
  std::unique_ptr<Hunspell> hunspell;
  mutable std::mutex mu;  // Hunspell objects are not documented as thread-safe
  // Answers given so far. Hunspell's spell() takes about a microsecond and text quality asks
  // about every word of every page, but a report's words repeat: most questions were asked
  // before. Emptied when full, so a long batch cannot grow it without bound.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  static constexpr size_t kMemoSize = 1 << 17;
  mutable std::unordered_map<std::string, bool, Hash, std::equal_to<>> memo;
};

HunspellLexicon::HunspellLexicon(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HunspellLexicon::~HunspellLexicon() = default;

std::unique_ptr<HunspellLexicon> HunspellLexicon::Open(const std::string& base, Status* status) {
  std::string aff = base + ".aff", dic = base + ".dic";
  std::error_code ec;
  if (!std::filesystem::exists(aff, ec) || !std::filesystem::exists(dic, ec)) {
    *status = Status::NotFound(dic, "Hunspell dictionary not found (install hunspell-en-gb)");
    return nullptr;
  }
  auto impl = std::make_unique<Impl>();
  impl->hunspell = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
  *status = Status::Ok();
  return std::unique_ptr<HunspellLexicon>(new HunspellLexicon(std::move(impl)));
}

bool HunspellLexicon::IsWord(std::string_view word) const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (auto it = impl_->memo.find(word); it != impl_->memo.end()) return it->second;
  if (impl_->memo.size() >= Impl::kMemoSize) impl_->memo.clear();
  std::string w(word);
  bool known = impl_->hunspell->spell(w);
  impl_->memo.emplace(std::move(w), known);
  return known;
}

const Lexicon* DefaultLexicon() {
  static const Lexicon* lexicon = [] {
    Status ignored;
    for (const char* base : {"/usr/share/hunspell/en_GB", "/usr/share/hunspell/en_US"}) {
      if (auto lex = HunspellLexicon::Open(base, &ignored))
        return static_cast<const Lexicon*>(lex.release());
    }
    return static_cast<const Lexicon*>(nullptr);
  }();
  return lexicon;
}

WordListLexicon::WordListLexicon(const std::vector<std::string>& words) {
  for (const std::string& w : words) words_.insert(Lower(w));
}
bool WordListLexicon::IsWord(std::string_view word) const { return words_.count(Lower(word)) > 0; }

// ------------------------------------------------------------------------------------------

void Vocabulary::AddLineText(std::string_view line) {
  size_t i = 0;
  while (i < line.size()) {
    size_t j = line.find(' ', i);
    if (j == std::string_view::npos) j = line.size();
    std::string_view w = line.substr(i, j - i);
    bool last = j == line.size();
    if (!(last && w.ends_with('-'))) {
      std::string_view core = StripPunct(w);
      if (!core.empty()) ++counts_[Lower(core)];
    }
    i = j + 1;
  }
}

int Vocabulary::Count(std::string_view lower_word) const {
  auto it = counts_.find(std::string(lower_word));
  return it == counts_.end() ? 0 : it->second;
}

Line::End DecideLineEnd(std::string_view a, std::string_view b, const Vocabulary& vocab,
                        const Lexicon* lexicon) {
  std::string_view last = LastWord(a);
  // A word-breaking hyphen follows a letter directly: "safe-". " - " is a dash.
  if (last.size() < 2 || last.back() != '-' || !IsLetterByte(last[last.size() - 2])) {
    return Line::End::kSpace;
  }
  std::string_view first = FirstWord(b);
  if (first.empty()) return Line::End::kSpace;
  // "mid-" + "2019", "Anglo-" + "Saxon", "non-" + "CP": capitals and digits keep the hyphen.
  if (!IsLetterByte(first.front()) || std::isupper(static_cast<unsigned char>(first.front()))) {
    return Line::End::kKeepHyphen;
  }
  // The parts: the stem is the last word without its hyphen (and leading punctuation), the
  // rest is the next line's first word without trailing punctuation. A stem that already
  // holds a hyphen ("multi-agency-") is a compound: keep.
  std::string stem = Lower(StripPunct(last.substr(0, last.size() - 1)));
  std::string rest = Lower(StripPunct(first));
  if (stem.empty() || rest.empty()) return Line::End::kSpace;
  std::string joined = stem + rest;
  std::string hyphenated = stem + "-" + rest;

  int seen_joined = vocab.Count(joined);
  int seen_hyphenated = vocab.Count(hyphenated);
  if (seen_joined != seen_hyphenated) {
    return seen_joined > seen_hyphenated ? Line::End::kJoinWord : Line::End::kKeepHyphen;
  }
  if (lexicon != nullptr) {
    if (lexicon->IsWord(joined)) return Line::End::kJoinWord;
    if (IsHyphenPrefix(stem) ||
        (lexicon->IsWord(stem) && lexicon->IsWord(rest) && stem.size() > 1 && rest.size() > 1)) {
      return Line::End::kKeepHyphen;
    }
    return Line::End::kJoinWord;  // neither part is a word: a split name or unusual word
  }
  return IsHyphenPrefix(stem) ? Line::End::kKeepHyphen : Line::End::kJoinWord;
}

void AppendLine(std::string* text, std::string_view next, Line::End end) {
  if (next.empty()) return;
  if (text->empty()) {
    text->append(next);
    return;
  }
  switch (end) {
    case Line::End::kSpace:
      text->push_back(' ');
      break;
    case Line::End::kJoinWord:
      if (!text->empty() && text->back() == '-') text->pop_back();
      break;
    case Line::End::kKeepHyphen:
      // Some producers repeat the hyphen of a compound on the next line ("self-" / "-harm").
      if (text->back() == '-' && next.front() == '-') next.remove_prefix(1);
      break;
  }
  text->append(next);
}

std::string JoinLines(const std::vector<const Line*>& lines) {
  std::string out;
  Line::End end = Line::End::kSpace;
  for (const Line* l : lines) {
    AppendLine(&out, l->text, end);
    end = l->end;
  }
  return out;
}

}  // namespace scrx::layout
