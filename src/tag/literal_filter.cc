#include "tag/literal_filter.h"

#include <re2/filtered_re2.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <queue>

namespace scrx::tag {
namespace {

std::uint8_t Lower(std::uint8_t c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

bool Ascii(const std::string& s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<std::uint8_t>(c) < 0x80; });
}

}  // namespace

int LiteralFilter::AtomId(const std::string& atom) {
  auto [it, added] = atom_ids_.emplace(atom, static_cast<int>(atoms_.size()));
  if (!added) return it->second;
  atoms_.push_back(atom);
  triggers_.emplace_back();
  return static_cast<int>(atoms_.size() - 1);
}

LiteralFilter::Analysis LiteralFilter::Analyze(const std::string& pattern,
                                               const RE2::Options& options,
                                               const std::string& where, int min_atom_length) {
  Analysis out;
  // FilteredRE2 over this one regex gives its atoms and the condition on them; probing the
  // condition with one atom left out tells which atoms it cannot do without. Its own compiled
  // regex is not kept for searching: the FilteredRE2 would have to be kept with it, and its
  // condition tree costs more memory (7 MB for the shipped pack) than compiling again costs time.
  std::unique_ptr<re2::FilteredRE2> f;
  std::vector<std::string>& atoms = out.atoms;
  std::vector<int> potential;
  // Atoms of the usual minimum length first. A regex with nothing that long to go by (an
  // abbreviation such as "\bCP\b", a section number such as "s\.?47") would be searched in
  // every sentence; two-byte literals are better than none.
  for (int min_length : {min_atom_length, std::min(min_atom_length, kShortestAtom)}) {
    f = std::make_unique<re2::FilteredRE2>(min_length);
    int id = -1;
    if (f->Add(pattern, options, &id) != RE2::NoError) {
      RE2::Options quiet = options;
      quiet.set_log_errors(false);
      RE2 bad(pattern, quiet);  // FilteredRE2 gives a code only: the reason comes from here
      out.status = Status::InvalidArgument(where, "bad regex: " + bad.error());
      return out;
    }
    atoms.clear();
    f->Compile(&atoms);
    potential.clear();
    f->AllPotentials({}, &potential);
    if (potential.empty() && !atoms.empty()) break;
  }
  out.re = std::make_unique<const RE2>(pattern, options);
  if (!potential.empty() || atoms.empty()) {
    out.unfiltered = true;
    atoms.clear();
    return out;
  }
  // The condition in conjunctive form, as far as it matters here: clauses, each a set of atoms
  // of which a match holds at least one ("father|dad" AND "not|never" AND "seen|assessed").
  // A clause is found by taking atoms away while the condition stays false without them; each
  // next clause from the atoms the earlier ones left.
  auto holds = [&](const std::vector<char>& in) {
    std::vector<int> given;
    for (size_t i = 0; i < in.size(); ++i) {
      if (in[i]) given.push_back(static_cast<int>(i));
    }
    potential.clear();
    f->AllPotentials(given, &potential);
    return !potential.empty();
  };
  const size_t n = atoms.size();
  // Common (short) atoms are taken away first, so that clauses keep the rare ones.
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return atoms[a].size() < atoms[b].size(); });
  std::vector<char> used(n, 0);
  for (;;) {
    // Start from every atom not yet in a clause: without them all, does it fail?
    std::vector<char> clause(n, 0), rest(n, 1);
    for (size_t i = 0; i < n; ++i) {
      if (!used[i]) {
        clause[i] = 1;
        rest[i] = 0;
      }
    }
    if (std::find(clause.begin(), clause.end(), 1) == clause.end() || holds(rest)) break;
    for (size_t i : order) {
      if (!clause[i]) continue;
      clause[i] = 0;
      rest[i] = 1;
      if (holds(rest)) {  // needed in the clause
        clause[i] = 1;
        rest[i] = 0;
      }
    }
    std::vector<int> c;
    for (size_t i = 0; i < n; ++i) {
      if (clause[i]) {
        c.push_back(static_cast<int>(i));
        used[i] = 1;
      }
    }
    out.clauses.push_back(std::move(c));
  }
  if (out.clauses.empty()) {  // cannot happen for a monotone condition false on no atoms
    std::vector<int> all(n);
    for (size_t i = 0; i < n; ++i) all[i] = static_cast<int>(i);
    out.clauses.push_back(std::move(all));
  }
  // The clause whose shortest atom is longest admits the regex for the check of the others.
  auto shortest = [&](const std::vector<int>& c) {
    size_t m = SIZE_MAX;
    for (int a : c) m = std::min(m, atoms[static_cast<size_t>(a)].size());
    return m;
  };
  size_t best = 0;
  for (size_t k = 1; k < out.clauses.size(); ++k) {
    if (shortest(out.clauses[k]) > shortest(out.clauses[best])) best = k;
  }
  std::swap(out.clauses[0], out.clauses[best]);
  return out;
}

int LiteralFilter::Add(const Analysis& analysis) {
  Regex r;
  const int self = static_cast<int>(regexes_.size());
  if (analysis.unfiltered) {
    r.unfiltered = true;
    unfiltered_.push_back(self);
    regexes_.push_back(std::move(r));
    return self;
  }
  std::vector<int> ids;
  for (const std::string& a : analysis.atoms) ids.push_back(AtomId(a));
  for (const std::vector<int>& clause : analysis.clauses) {
    std::vector<int> c;
    for (int i : clause) c.push_back(ids[static_cast<size_t>(i)]);
    std::sort(c.begin(), c.end());
    c.erase(std::unique(c.begin(), c.end()), c.end());
    r.clauses.push_back(std::move(c));
  }
  for (int a : r.clauses[0]) triggers_[static_cast<size_t>(a)].push_back(self);
  regexes_.push_back(std::move(r));
  return self;
}

Status LiteralFilter::Add(const RE2& re, const std::string& where, int* index) {
  Analysis a = Analyze(re.pattern(), re.options(), where, min_atom_length_);
  if (!a.status.ok()) return a.status;
  *index = Add(a);
  return Status::Ok();
}

void LiteralFilter::Compile() {
  // The trie of the (lower-case) atoms; atoms with bytes outside ASCII are not searched but
  // assumed present (case folding beyond ASCII is RE2's, not ours to repeat).
  // FilteredRE2 also names atoms that no clause needs (a part of an alternative it dropped):
  // they are not searched. Some are short and common ("re", "an", " in"): on the benchmark
  // collection they were a sixth of all hits.
  std::vector<char> in_clause(atoms_.size(), 0);
  for (const Regex& r : regexes_) {
    for (const std::vector<int>& clause : r.clauses) {
      for (int a : clause) in_clause[static_cast<size_t>(a)] = 1;
    }
  }
  std::vector<std::map<std::uint8_t, int>> children(1);
  std::vector<std::vector<int>> ends(1);
  atom_length_.assign(atoms_.size(), 0);
  always_atoms_.clear();
  for (size_t a = 0; a < atoms_.size(); ++a) {
    const std::string& s = atoms_[a];
    atom_length_[a] = static_cast<int>(s.size());
    if (!in_clause[a]) continue;
    if (s.empty() || !Ascii(s)) {
      always_atoms_.push_back(static_cast<int>(a));
      continue;
    }
    int node = 0;
    for (char ch : s) {
      std::uint8_t c = Lower(static_cast<std::uint8_t>(ch));
      auto it = children[static_cast<size_t>(node)].find(c);
      if (it == children[static_cast<size_t>(node)].end()) {
        int next = static_cast<int>(children.size());
        children[static_cast<size_t>(node)][c] = next;
        children.emplace_back();
        ends.emplace_back();
        node = next;
      } else {
        node = it->second;
      }
    }
    ends[static_cast<size_t>(node)].push_back(static_cast<int>(a));
  }
  nodes_.assign(children.size(), Node{});
  node_atoms_.clear();
  for (size_t n = 0; n < children.size(); ++n) {
    Node& node = nodes_[n];
    node.first_atom = static_cast<std::uint32_t>(node_atoms_.size());
    node.atom_count = static_cast<std::uint32_t>(ends[n].size());
    node_atoms_.insert(node_atoms_.end(), ends[n].begin(), ends[n].end());
  }
  // Failure links, breadth first (the order is kept for the transition table).
  std::vector<int> order;
  std::queue<int> todo;
  for (const auto& [c, to] : children[0]) {
    nodes_[static_cast<size_t>(to)].fail = 0;
    todo.push(to);
  }
  while (!todo.empty()) {
    int n = todo.front();
    todo.pop();
    order.push_back(n);
    for (const auto& [c, to] : children[static_cast<size_t>(n)]) {
      int f = nodes_[static_cast<size_t>(n)].fail;
      int target = 0;
      for (;;) {
        auto it = children[static_cast<size_t>(f)].find(c);
        if (it != children[static_cast<size_t>(f)].end()) {
          target = it->second;
          break;
        }
        if (f == 0) break;
        f = nodes_[static_cast<size_t>(f)].fail;
      }
      Node& child = nodes_[static_cast<size_t>(to)];
      child.fail = target;
      const Node& via = nodes_[static_cast<size_t>(target)];
      child.out = via.atom_count > 0 ? target : via.out;
      todo.push(to);
    }
  }
  // The automaton as a table: one row per node, one column per byte class (the bytes that
  // occur in atoms, upper-case letters with their lower-case ones; every other byte is class
  // 0), each entry the next node with the failure links already followed. One load per byte.
  std::fill(std::begin(class_of_), std::end(class_of_), std::uint8_t{0});
  classes_ = 1;
  for (const auto& edges : children) {
    for (const auto& [c, to] : edges) {
      if (class_of_[c] == 0) class_of_[c] = static_cast<std::uint8_t>(classes_++);
    }
  }
  for (int c = 'A'; c <= 'Z'; ++c) class_of_[c] = class_of_[Lower(static_cast<std::uint8_t>(c))];
  const auto row = [&](int n) { return static_cast<size_t>(n) * static_cast<size_t>(classes_); };
  std::vector<int> next(row(static_cast<int>(nodes_.size())), 0);
  for (const auto& [c, to] : children[0]) next[class_of_[c]] = to;
  for (int n : order) {
    std::copy_n(
        next.begin() + static_cast<std::ptrdiff_t>(row(nodes_[static_cast<size_t>(n)].fail)),
        classes_, next.begin() + static_cast<std::ptrdiff_t>(row(n)));
    for (const auto& [c, to] : children[static_cast<size_t>(n)]) next[row(n) + class_of_[c]] = to;
  }
  // The first node to report from at each node (0: none).
  std::vector<int> report(nodes_.size(), 0);
  for (size_t n = 1; n < nodes_.size(); ++n) {
    report[n] = nodes_[n].atom_count > 0 ? static_cast<int>(n) : std::max(nodes_[n].out, 0);
  }
  // The nodes renumbered breadth first: a scan of ordinary text spends nearly all its time in
  // the first levels of the trie, whose rows, numbered in the order the atoms were added, lay
  // scattered over the whole table (5.8 MB for the shipped pack, more than a core's L2 cache).
  // Each entry also carries in its lowest bit whether the node it leads to reports atoms, so
  // that the scan needs no second load for a byte where no atom ends. (The scan's cost is then
  // mostly its hits: about one every two bytes, from short atoms such as "he" or "the".)
  std::vector<int> renumbered(nodes_.size(), 0);
  for (size_t k = 0; k < order.size(); ++k) {
    renumbered[static_cast<size_t>(order[k])] = static_cast<int>(k) + 1;
  }
  const auto id = [&](int n) { return renumbered[static_cast<size_t>(n)]; };
  std::vector<Node> nodes(nodes_.size());
  report_.assign(nodes_.size(), 0);
  next_.assign(next.size(), 0);
  for (size_t old = 0; old < nodes_.size(); ++old) {
    const int n = id(static_cast<int>(old));
    Node node = nodes_[old];
    node.fail = id(node.fail);
    if (node.out >= 0) node.out = id(node.out);
    nodes[static_cast<size_t>(n)] = node;
    report_[static_cast<size_t>(n)] = report[old] > 0 ? id(report[old]) : 0;
    for (int c = 0; c < classes_; ++c) {
      const int to = next[row(static_cast<int>(old)) + static_cast<size_t>(c)];
      next_[row(n) + static_cast<size_t>(c)] =
          static_cast<std::uint32_t>(id(to)) << 1 | (report[static_cast<size_t>(to)] > 0 ? 1u : 0u);
    }
  }
  nodes_ = std::move(nodes);
}

void LiteralFilter::Scan(std::string_view text, std::vector<Hit>* hits) const {
  hits->clear();
  if (nodes_.size() <= 1) return;
  std::uint32_t state = 0;
  const int n = static_cast<int>(text.size());
  const std::uint32_t* next = next_.data();
  const size_t classes = static_cast<size_t>(classes_);
  for (int i = 0; i < n; ++i) {
    std::uint8_t c = static_cast<std::uint8_t>(text[static_cast<size_t>(i)]);
    const std::uint32_t entry = next[static_cast<size_t>(state) * classes + class_of_[c]];
    state = entry >> 1;
    if ((entry & 1) == 0) continue;  // no atom ends here
    for (int s = report_[static_cast<size_t>(state)]; s > 0;
         s = nodes_[static_cast<size_t>(s)].out) {
      const Node& node = nodes_[static_cast<size_t>(s)];
      for (std::uint32_t k = 0; k < node.atom_count; ++k) {
        int a = node_atoms_[node.first_atom + k];
        hits->push_back({a, i + 1 - atom_length_[static_cast<size_t>(a)], i + 1});
      }
    }
  }
}

void LiteralFilter::Select(const std::vector<Hit>& hits, int from, int to, Scratch* scratch,
                           std::vector<char>* may, std::vector<int>* list) const {
  // *may is cleared through the list of the last call (the pair is kept together).
  if (may->size() != regexes_.size()) {
    may->assign(regexes_.size(), 0);
  } else {
    for (int r : *list) (*may)[static_cast<size_t>(r)] = 0;
  }
  list->clear();
  if (scratch->atom_seen.size() != atoms_.size()) scratch->atom_seen.assign(atoms_.size(), 0);
  if (scratch->regex_seen.size() != regexes_.size()) {
    scratch->regex_seen.assign(regexes_.size(), 0);
  }
  if (++scratch->epoch == 0) {  // wrapped: old marks could collide
    std::fill(scratch->atom_seen.begin(), scratch->atom_seen.end(), 0);
    std::fill(scratch->regex_seen.begin(), scratch->regex_seen.end(), 0);
    scratch->epoch = 1;
  }
  const std::uint32_t epoch = scratch->epoch;
  std::vector<int>& present = scratch->present;
  present.clear();
  auto mark = [&](int a) {
    std::uint32_t& seen = scratch->atom_seen[static_cast<size_t>(a)];
    if (seen != epoch) {
      seen = epoch;
      present.push_back(a);
    }
  };
  // Hits are in order of end; an atom that starts at or after `from` ends after it.
  auto first = std::partition_point(hits.begin(), hits.end(),
                                    [from](const Hit& h) { return h.end <= from; });
  for (auto h = first; h != hits.end() && h->end <= to; ++h) {
    if (h->begin >= from) mark(h->atom);
  }
  for (int a : always_atoms_) mark(a);
  auto admit = [&](int r) {
    (*may)[static_cast<size_t>(r)] = 1;
    list->push_back(r);
  };
  for (int a : present) {
    for (int r : triggers_[static_cast<size_t>(a)]) {
      std::uint32_t& seen = scratch->regex_seen[static_cast<size_t>(r)];
      if (seen == epoch) continue;
      seen = epoch;
      bool all = true;
      const auto& clauses = regexes_[static_cast<size_t>(r)].clauses;
      for (size_t k = 1; all && k < clauses.size(); ++k) {
        bool any = false;
        for (int q : clauses[k]) any |= scratch->atom_seen[static_cast<size_t>(q)] == epoch;
        all = any;
      }
      if (all) admit(r);
    }
  }
  for (int r : unfiltered_) admit(r);
  std::sort(list->begin(), list->end());
}

}  // namespace scrx::tag
