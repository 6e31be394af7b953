// Theme pattern files -> one immutable, compiled PatternSet. Every regex of the set (terms,
// regexes, both halves of proximity rules, exclusions, cues) is reduced to the literal strings a
// match must contain (LiteralFilter); one pass over a paragraph finds those literals, and in each
// sentence only the regexes whose literals are there are searched; the individual RE2s then
// give spans. Every compiled pattern keeps the "file:line" it came from. The file format is
// documented in patterns/README.md.
#ifndef SCRX_TAG_PATTERN_SET_H_
#define SCRX_TAG_PATTERN_SET_H_

#include <re2/re2.h>

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "document.h"
#include "tag/literal_filter.h"

namespace scrx::tag {

// A regular expression with its origin; compiled by PatternSet::Compile.
struct Regex {
  std::string pattern;
  std::unique_ptr<const RE2> re;  // null until compiled
  std::string where;              // "patterns/domestic_abuse.yaml:12"
  int window = 0;   // cues only: scope in words when it differs from the list's window
  int filter = -1;  // its index in the PatternSet's literal filter (set by the PatternSet)
  // Set by PatternSet::Compile when the pattern is only words (PlainWords, regex_search.h) or a
  // literal without letters (PlainLiteral): it is then searched without RE2. Search with FindIn
  // or FindAllIn, never with `re` alone.
  std::vector<std::string> words;
  std::string literal;
};

// One `match` entry of a theme.
struct MatchRule {
  enum class Kind { kRegex, kNear };
  Kind kind = Kind::kRegex;
  Regex regex;                // kRegex
  std::vector<Regex> near_a;  // kNear: either side may come first
  std::vector<Regex> near_b;
  int within = 8;  // kNear: words between the two
  double weight = 1.0;
  std::string where;
};

struct Example {
  std::string sentence;
  std::string where;
};

struct Theme {
  std::string id, label, definition, taxonomy;
  ThemeGroup group = ThemeGroup::kFactor;
  double threshold = 1.0;
  // "about: child": a fact about the child. In a review about an adult (SAR, DHR) its evidence
  // counts only in sentences that name a child (Cues::child_words).
  bool about_child = false;
  std::vector<MatchRule> rules;
  std::vector<Regex> excludes;
  std::vector<std::string> derive_all_of;  // theme ids
  std::string derive_where;                // "file:line" of the derive entry
  std::vector<Example> match_examples, no_match_examples;
  std::string file;  // the file it was read from
};

// Cue lexicons shared by all themes (context.yaml).
struct Cues {
  std::vector<Regex> negation_pre, negation_post, pseudo, terminate;
  int window = 8;
  std::vector<Regex> hedge, counterfactual, boilerplate;
  std::vector<Regex> child_words;  // words that name a child ("son", "pupil", "baby")
};

class PatternSet {
 public:
  // Loads every *.yaml file of each directory in `dirs`, in order: a theme in a later directory
  // replaces a theme with the same id from an earlier one; context.yaml cue lists of later
  // directories are appended. Returns nullptr and sets *status ("file:line: message") on the
  // first error. Directories that hold no theme at all are an error.
  static std::unique_ptr<PatternSet> Load(const std::vector<std::string>& dirs, Status* status);

  // Builds a set from YAML documents given as (name, text) pairs: for tests and importers.
  static std::unique_ptr<PatternSet> FromStrings(
      const std::vector<std::pair<std::string, std::string>>& files, Status* status);

  const std::vector<Theme>& themes() const { return themes_; }
  const Cues& cues() const { return cues_; }
  // Index of the theme with `id`, or -1.
  int Find(const std::string& id) const;
  // SHA-256 (hex) over the canonical content of all files, in theme-id order: identifies the
  // pattern set in run.json and in the collection database.
  const std::string& hash() const { return hash_; }

  // Which regexes of the set (rules, both halves of proximity rules, exclusions, cues) can
  // match in a text (LiteralFilter): one ruled out cannot match; one not ruled out may or may
  // not. Scan a paragraph once, then Narrow to each sentence. Before Narrow, everything may
  // match.
  class Candidates {
   public:
    bool May(const Regex& r) const {
      auto i = static_cast<size_t>(r.filter);
      return r.filter < 0 || i >= may_.size() || may_[i] != 0;
    }

   private:
    friend class PatternSet;
    std::vector<char> may_;                 // by filter index
    std::vector<int> list_;                 // the filter indexes that may match, ascending
    std::vector<LiteralFilter::Hit> hits_;  // the atoms of the scanned text
    LiteralFilter::Scratch scratch_;
  };

  // The first pass, step one: the literals of `text` (a paragraph).
  void Scan(std::string_view text, Candidates* candidates) const;
  // Step two: the candidates for the part [begin, end) of the scanned text (a sentence).
  void Narrow(int begin, int end, Candidates* candidates) const;

  // Step three: the (theme, rule) pairs whose regex, or the first half of whose proximity rule,
  // matches somewhere in `text`, the part Narrow was given (a proximity rule only where one of
  // its second halves is a candidate too). Clears and fills *out.
  struct RuleRef {
    int theme;
    int rule;
    // The first match found (bytes of `text`), so that the search for the others goes on from
    // its end.
    int begin = -1, end = -1;
  };
  void MatchRules(std::string_view text, const Candidates& candidates,
                  std::vector<RuleRef>* out) const;
  // All three for one text; fills *candidates, when given, for `text`.
  void MatchRules(std::string_view text, std::vector<RuleRef>* out,
                  Candidates* candidates = nullptr) const;

  // Builds ahead the state RE2 otherwise builds on first use (each regex's reverse program, DFA
  // states for the pack's own example sentences). A process that forks workers to tag (`scrx
  // analyze`) can call it once before forking, so that the workers inherit that state instead of
  // each building it again. Matching never depends on it. Costs about 0.5 s of CPU for the shipped
  // pack.
  void Warm() const;

 private:
  PatternSet() = default;
  Status Compile();
  std::vector<Theme> themes_;
  Cues cues_;
  std::string hash_;
  // The first pass. (One RE2::Set of all the rules themselves was slower: its lazily built DFA
  // has a state for every combination of partial matches of many rules, so it kept growing with
  // new text. So was FilteredRE2 with an RE2::Set of the literals: see LiteralFilter.)
  std::unique_ptr<LiteralFilter> filter_;   // every regex's literals
  std::vector<const Regex*> filter_regex_;  // filter index -> the regex
  // filter index -> the rule whose regex (or near `a`) it is; {-1, -1} for the other regexes,
  // which come after the rules'.
  std::vector<RuleRef> set_index_;
  size_t rule_count_ = 0;  // filter indexes below this are rules'.
  // filter index of a proximity rule's `a` -> the filter indexes of its `b`s (empty for the
  // other rules).
  std::vector<std::vector<int>> partners_;
  friend class Loader;
};

// Turns a literal term into a regex: word boundaries at word ends, a space matches spaces or a
// hyphen, an apostrophe is optional, a trailing '*' matches the rest of the word.
std::string TermToRegex(std::string_view term);

// Default directory of the shipped patterns (the source tree's patterns/ or an installed copy).
std::string DefaultPatternsDir();

}  // namespace scrx::tag

#endif  // SCRX_TAG_PATTERN_SET_H_
