// The tagger's first pass: which of many regexes may match a text, decided from the literal
// strings ("atoms") every match of each regex must contain, so that only those are searched.
//
// RE2's FilteredRE2 computes each regex's atoms and the AND/OR condition on them; this class
// keeps, per regex, that condition as clauses (sets of atoms of which every match holds one:
// "father|dad" AND "not|never"), read off FilteredRE2 by probing, and finds the
// atoms of a text with one Aho-Corasick automaton (one pass over a paragraph gives every atom
// with its place, so each sentence's candidates follow without scanning it again). Measured on
// the benchmark collection, FilteredRE2's own route (an RE2::Set of the atoms per text, then
// FilteredRE2::AllPotentials) cost more than the regex searches it saved: the Set's lazily
// built DFA runs near NFA speed with thousands of literals, and AllPotentials walks the whole
// condition tree for each call.
//
// The test is conservative: a regex it rules out cannot match the text; one it keeps may or
// may not. It is also monotone: what is ruled out for a text is ruled out for every part of it.
#ifndef SCRX_TAG_LITERAL_FILTER_H_
#define SCRX_TAG_LITERAL_FILTER_H_

#include <re2/re2.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"

namespace scrx::tag {

class LiteralFilter {
 public:
  // Atoms shorter than `min_atom_length` bytes are not used, unless a regex has nothing longer
  // to go by: its atoms are then taken from kShortestAtom bytes. A regex with no atom even so
  // is searched everywhere.
  explicit LiteralFilter(int min_atom_length = 3) : min_atom_length_(min_atom_length) {}
  static constexpr int kShortestAtom = 2;

  // One regex worked out on its own: compiled, with its atoms and the clauses on them. Many
  // can be analysed at once (on several threads); Add then takes them in order.
  struct Analysis {
    std::unique_ptr<const RE2> re;  // the regex to search with (PatternSet takes it)
    std::vector<std::string> atoms;
    std::vector<std::vector<int>> clauses;  // indices into atoms; clauses[0] admits the regex
    bool unfiltered = false;                // nothing to go by: always a candidate
    Status status;                          // a bad regex: the reason, under `where`
  };
  // Compiles `pattern` with `options` and analyses it, with atoms of at least
  // `min_atom_length` bytes where it has them. Thread-safe (touches no filter).
  static Analysis Analyze(const std::string& pattern, const RE2::Options& options,
                          const std::string& where, int min_atom_length);
  int min_atom_length() const { return min_atom_length_; }

  // Adds an analysed regex: returns its number (0, 1, ...).
  int Add(const Analysis& analysis);
  // Adds a regex; *index is its number. `where` names it in errors.
  Status Add(const RE2& re, const std::string& where, int* index);
  // Builds the automaton once every regex is added.
  void Compile();

  size_t size() const { return regexes_.size(); }
  size_t atom_count() const { return atoms_.size(); }

  // An atom found in a text: bytes [begin, end).
  struct Hit {
    int atom, begin, end;
  };
  // Every atom occurrence in `text` (ASCII letters compared without case), in order of end.
  void Scan(std::string_view text, std::vector<Hit>* hits) const;

  // Reusable working memory for Select (one per thread).
  struct Scratch {
    std::vector<std::uint32_t> atom_seen, regex_seen;
    std::vector<int> present;
    std::uint32_t epoch = 0;
  };
  // The regexes that may match in the part [from, to) of the text `hits` came from: sets
  // (*may)[i] to 1 for each and lists them, ascending, in *list. Both are cleared first; *may
  // through the old *list, so pass the pair of the previous call (or an empty *may).
  void Select(const std::vector<Hit>& hits, int from, int to, Scratch* scratch,
              std::vector<char>* may, std::vector<int>* list) const;

 private:
  struct Regex {
    // Every match holds an atom of each clause; the first clause's atoms are its triggers.
    std::vector<std::vector<int>> clauses;
    bool unfiltered = false;  // nothing to go by: always a candidate
  };
  int AtomId(const std::string& atom);

  int min_atom_length_;
  std::vector<Regex> regexes_;
  std::vector<std::string> atoms_;
  std::unordered_map<std::string, int> atom_ids_;
  std::vector<std::vector<int>> triggers_;  // atom -> the regexes its presence may admit
  std::vector<int> unfiltered_;
  std::vector<int> always_atoms_;  // atoms the automaton cannot find (non-ASCII): assumed present

  // The automaton: node 0 is the root.
  struct Node {
    int fail = 0;
    int out = -1;  // the nearest node down the fail chain that ends atoms (-1: none)
    std::uint32_t first_atom = 0, atom_count = 0;  // atoms ending here, in node_atoms_
  };
  std::vector<Node> nodes_;
  std::vector<int> node_atoms_;
  std::vector<int> atom_length_;
  std::uint8_t class_of_[256] = {};  // byte -> its column in next_
  int classes_ = 1;
  // node * classes_ + class -> the next node << 1 | whether atoms end at or below it (report_)
  std::vector<std::uint32_t> next_;
  std::vector<int> report_;  // node -> the first node whose atoms end there (0: none)
};

}  // namespace scrx::tag

#endif  // SCRX_TAG_LITERAL_FILTER_H_
