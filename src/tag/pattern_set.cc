#include "tag/pattern_set.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <system_error>
#include <thread>

#include "base/sha256.h"
#include "tag/regex_search.h"

namespace scrx::tag {

// Literals shorter than this are not used to filter rules (a rule with only shorter ones is
// searched in every sentence).
constexpr int kMinAtomLength = 3;

std::string TermToRegex(std::string_view term) {
  std::string t(term);
  while (!t.empty() && t.back() == ' ') t.pop_back();
  while (!t.empty() && t.front() == ' ') t.erase(t.begin());
  bool wildcard = !t.empty() && t.back() == '*';
  if (wildcard) t.pop_back();
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  std::string out;
  if (!t.empty() && word(t.front())) out += "\\b";
  bool space = false;
  for (char c : t) {
    if (c == ' ' || c == '-') {
      space = true;
      continue;
    }
    if (space) {
      out += "[\\s\\-]+";
      space = false;
    }
    if (c == '\'') {
      out += "'?";
    } else if (std::isalnum(static_cast<unsigned char>(c)) ||
               (static_cast<unsigned char>(c) & 0x80)) {
      out.push_back(c);
    } else {
      out.push_back('\\');
      out.push_back(c);
    }
  }
  if (wildcard) {
    out += "\\w*";
  } else if (!t.empty() && word(t.back())) {
    out += "\\b";
  }
  return out;
}

std::string DefaultPatternsDir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  // Installed next to the binary (share/scrx/patterns) or the source tree's patterns/.
  for (const char* dir :
       {SCRX_PATTERNS_DIR, "/usr/share/scrx/patterns", "/usr/local/share/scrx/patterns"}) {
    if (fs::is_directory(dir, ec)) return dir;
  }
  return SCRX_PATTERNS_DIR;
}

// Reads YAML pattern files into a PatternSet. Errors name "file:line".
class Loader {
 public:
  explicit Loader(PatternSet* set) : set_(set) {}

  Status LoadText(const std::string& file, const std::string& text) {
    file_ = file;
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      return Status::InvalidArgument(Where(e.mark.line + 1), "YAML error: " + e.msg);
    }
    if (!root.IsMap()) return Status::InvalidArgument(file, "expected a mapping at the top level");
    // The loaders check the shape of what they read, but a node of a shape nobody checked must
    // not escape as an exception (it would end the program): it is an error of this file.
    try {
      std::string kind = root["kind"] ? Scalar(root["kind"]) : "theme";
      sources_[file] = text;
      if (kind == "context") return LoadContext(root);
      if (kind != "theme") {
        return Status::InvalidArgument(Where(root["kind"]), "unknown kind '" + kind + "'");
      }
      return LoadTheme(root);
    } catch (const YAML::Exception& e) {
      return Status::InvalidArgument(e.mark.is_null() ? file : Where(e.mark.line + 1),
                                     "unexpected YAML structure: " + e.msg);
    }
  }

  std::map<std::string, std::string>& sources() { return sources_; }
  std::map<std::string, std::string>& theme_files() { return theme_files_; }

 private:
  std::string Where(int line) const { return file_ + ":" + std::to_string(line); }
  std::string Where(const YAML::Node& n) const { return Where(n.Mark().line + 1); }

  static std::string Scalar(const YAML::Node& n) {
    if (!n || !n.IsScalar()) return "";
    return n.as<std::string>();
  }

  Status CheckKeys(const YAML::Node& map, const std::set<std::string>& allowed) {
    if (map.IsNull()) return Status::Ok();  // "negation:" with nothing under it
    if (!map.IsMap()) return Status::InvalidArgument(Where(map), "expected a mapping (key: value)");
    for (auto it = map.begin(); it != map.end(); ++it) {
      if (!it->first.IsScalar()) {
        return Status::InvalidArgument(Where(it->first), "a key must be a plain name");
      }
      std::string key = it->first.as<std::string>();
      if (!allowed.count(key)) {
        return Status::InvalidArgument(Where(it->first), "unknown key '" + key + "'");
      }
    }
    return Status::Ok();
  }

  // Compiled later, all together (PatternSet::Compile): a bad regex is reported there, under
  // `where`.
  static Regex MakeRegex(std::string pattern, const std::string& where) {
    Regex r;
    r.pattern = std::move(pattern);
    r.where = where;
    return r;
  }

  // A list of cue entries: plain terms, or {regex: ...} maps.
  Status LoadCueList(const YAML::Node& list, std::vector<Regex>* out) {
    if (!list) return Status::Ok();
    if (!list.IsSequence()) return Status::InvalidArgument(Where(list), "expected a list");
    for (const YAML::Node& item : list) {
      std::string pattern;
      int window = 0;
      if (item.IsScalar()) {
        pattern = TermToRegex(item.as<std::string>());
      } else if (item.IsMap() && (item["regex"] || item["term"])) {
        if (Status s = CheckKeys(item, {"regex", "term", "window"}); !s.ok()) return s;
        pattern = item["regex"] ? Scalar(item["regex"]) : TermToRegex(Scalar(item["term"]));
        if (item["window"]) {
          try {
            window = item["window"].as<int>();
          } catch (const YAML::Exception&) {
            return Status::InvalidArgument(Where(item["window"]), "window must be a whole number");
          }
        }
      } else {
        return Status::InvalidArgument(Where(item), "expected a term, {term: ...} or {regex: ...}");
      }
      Regex r = MakeRegex(pattern, Where(item));
      r.window = window;
      out->push_back(std::move(r));
    }
    return Status::Ok();
  }

  Status LoadContext(const YAML::Node& root) {
    if (Status s = CheckKeys(
            root, {"kind", "negation", "hedge", "counterfactual", "boilerplate", "child_words"});
        !s.ok()) {
      return s;
    }
    Cues& c = set_->cues_;
    if (const YAML::Node& neg = root["negation"]) {
      if (Status s = CheckKeys(neg, {"pre", "post", "pseudo", "terminate", "window"}); !s.ok())
        return s;
      if (Status s = LoadCueList(neg["pre"], &c.negation_pre); !s.ok()) return s;
      if (Status s = LoadCueList(neg["post"], &c.negation_post); !s.ok()) return s;
      if (Status s = LoadCueList(neg["pseudo"], &c.pseudo); !s.ok()) return s;
      if (Status s = LoadCueList(neg["terminate"], &c.terminate); !s.ok()) return s;
      if (neg["window"]) {
        try {
          c.window = neg["window"].as<int>();
        } catch (const YAML::Exception&) {
          return Status::InvalidArgument(Where(neg["window"]), "window must be a whole number");
        }
      }
    }
    if (Status s = LoadCueList(root["hedge"], &c.hedge); !s.ok()) return s;
    if (Status s = LoadCueList(root["counterfactual"], &c.counterfactual); !s.ok()) return s;
    if (Status s = LoadCueList(root["child_words"], &c.child_words); !s.ok()) return s;
    return LoadCueList(root["boilerplate"], &c.boilerplate);
  }

  Status LoadMatchEntry(const YAML::Node& item, Theme* theme) {
    if (!item.IsMap())
      return Status::InvalidArgument(Where(item), "a match entry must be a mapping");
    if (Status s = CheckKeys(item, {"term", "terms", "regex", "near", "weight", "case"}); !s.ok()) {
      return s;
    }
    double weight = 1.0;
    if (item["weight"]) {
      try {
        weight = item["weight"].as<double>();
      } catch (const YAML::Exception&) {
        return Status::InvalidArgument(Where(item["weight"]), "weight must be a number");
      }
      if (weight <= 0 || weight > 10) {
        return Status::InvalidArgument(Where(item["weight"]), "weight must be in (0, 10]");
      }
    }
    bool sensitive = false;
    if (item["case"]) {
      std::string c = Scalar(item["case"]);
      if (c != "sensitive" && c != "insensitive") {
        return Status::InvalidArgument(Where(item["case"]),
                                       "case must be sensitive or insensitive");
      }
      sensitive = c == "sensitive";
    }
    std::vector<std::pair<std::string, std::string>> regexes;  // (pattern, where)
    if (item["term"]) regexes.emplace_back(TermToRegex(Scalar(item["term"])), Where(item["term"]));
    if (const YAML::Node& terms = item["terms"]) {
      if (!terms.IsSequence()) return Status::InvalidArgument(Where(terms), "terms must be a list");
      for (const YAML::Node& t : terms) regexes.emplace_back(TermToRegex(Scalar(t)), Where(t));
    }
    if (item["regex"]) regexes.emplace_back(Scalar(item["regex"]), Where(item["regex"]));
    for (auto& [pattern, where] : regexes) {
      if (pattern.empty() || pattern == "\\b\\b") {
        return Status::InvalidArgument(where, "empty pattern");
      }
      MatchRule rule;
      rule.weight = weight;
      rule.where = where;
      std::string p = sensitive ? "(?-i:" + pattern + ")" : pattern;
      rule.regex = MakeRegex(p, where);
      theme->rules.push_back(std::move(rule));
    }
    if (const YAML::Node& near = item["near"]) {
      if (Status s = CheckKeys(near, {"a", "b", "within"}); !s.ok()) return s;
      MatchRule rule;
      rule.kind = MatchRule::Kind::kNear;
      rule.weight = weight;
      rule.where = Where(near);
      for (const char* side : {"a", "b"}) {
        const YAML::Node& list = near[side];
        if (!list || !list.IsSequence() || list.size() == 0) {
          return Status::InvalidArgument(Where(near),
                                         std::string("near needs a non-empty list '") + side + "'");
        }
        for (const YAML::Node& r : list) {
          std::string p = sensitive ? "(?-i:" + Scalar(r) + ")" : Scalar(r);
          (side[0] == 'a' ? rule.near_a : rule.near_b).push_back(MakeRegex(p, Where(r)));
        }
      }
      if (near["within"]) {
        try {
          rule.within = near["within"].as<int>();
        } catch (const YAML::Exception&) {
          return Status::InvalidArgument(Where(near["within"]), "within must be a whole number");
        }
      }
      theme->rules.push_back(std::move(rule));
    }
    if (regexes.empty() && !item["near"]) {
      return Status::InvalidArgument(Where(item), "a match entry needs term, terms, regex or near");
    }
    return Status::Ok();
  }

  Status LoadTheme(const YAML::Node& root) {
    if (Status s =
            CheckKeys(root, {"kind", "id", "label", "group", "taxonomy", "definition", "threshold",
                             "about", "match", "exclude", "derive", "examples"});
        !s.ok()) {
      return s;
    }
    Theme theme;
    theme.file = file_;
    theme.id = Scalar(root["id"]);
    if (theme.id.empty()) return Status::InvalidArgument(Where(root), "missing 'id'");
    if (!std::all_of(theme.id.begin(), theme.id.end(), [](char c) {
          return std::islower(static_cast<unsigned char>(c)) ||
                 std::isdigit(static_cast<unsigned char>(c)) || c == '_';
        })) {
      return Status::InvalidArgument(Where(root["id"]),
                                     "id must be [a-z0-9_]+: '" + theme.id + "'");
    }
    theme.label = Scalar(root["label"]);
    if (theme.label.empty()) return Status::InvalidArgument(Where(root), "missing 'label'");
    std::string group = Scalar(root["group"]);
    if (group == "factor") {
      theme.group = ThemeGroup::kFactor;
    } else if (group == "incident") {
      theme.group = ThemeGroup::kIncident;
    } else if (group == "practice") {
      theme.group = ThemeGroup::kPractice;
    } else if (group == "system") {
      theme.group = ThemeGroup::kSystem;
    } else {
      return Status::InvalidArgument(root["group"] ? Where(root["group"]) : Where(root),
                                     "group must be factor, incident, practice or system");
    }
    theme.taxonomy = Scalar(root["taxonomy"]);
    if (root["about"]) {
      std::string about = Scalar(root["about"]);
      if (about == "child") {
        theme.about_child = true;
      } else if (about != "any") {
        return Status::InvalidArgument(Where(root["about"]), "about must be child or any");
      }
    }
    theme.definition = Scalar(root["definition"]);
    if (theme.definition.empty())
      return Status::InvalidArgument(Where(root), "missing 'definition'");
    if (root["threshold"]) {
      try {
        theme.threshold = root["threshold"].as<double>();
      } catch (const YAML::Exception&) {
        return Status::InvalidArgument(Where(root["threshold"]), "threshold must be a number");
      }
    }
    const YAML::Node& match = root["match"];
    if (!match || !match.IsSequence() || match.size() == 0) {
      return Status::InvalidArgument(match ? Where(match) : Where(root),
                                     "'match' must be a non-empty list");
    }
    for (const YAML::Node& item : match) {
      if (Status s = LoadMatchEntry(item, &theme); !s.ok()) return s;
    }
    if (const YAML::Node& ex = root["exclude"]) {
      if (!ex.IsSequence()) return Status::InvalidArgument(Where(ex), "'exclude' must be a list");
      for (const YAML::Node& item : ex) {
        if (!item.IsMap())
          return Status::InvalidArgument(Where(item), "an exclude entry must be a mapping");
        if (Status s = CheckKeys(item, {"term", "terms", "regex", "case"}); !s.ok()) return s;
        bool sensitive = Scalar(item["case"]) == "sensitive";
        std::vector<std::pair<std::string, std::string>> pats;
        if (item["term"]) pats.emplace_back(TermToRegex(Scalar(item["term"])), Where(item["term"]));
        if (item["terms"]) {
          for (const YAML::Node& t : item["terms"])
            pats.emplace_back(TermToRegex(Scalar(t)), Where(t));
        }
        if (item["regex"]) pats.emplace_back(Scalar(item["regex"]), Where(item["regex"]));
        if (pats.empty())
          return Status::InvalidArgument(Where(item),
                                         "an exclude entry needs term, terms or regex");
        for (auto& [p, where] : pats) {
          theme.excludes.push_back(MakeRegex(sensitive ? "(?-i:" + p + ")" : p, where));
        }
      }
    }
    if (const YAML::Node& derive = root["derive"]) {
      if (Status s = CheckKeys(derive, {"all_of"}); !s.ok()) return s;
      const YAML::Node& all = derive["all_of"];
      if (!all || !all.IsSequence() || all.size() < 2) {
        return Status::InvalidArgument(Where(derive),
                                       "derive.all_of must list at least two theme ids");
      }
      for (const YAML::Node& id : all) theme.derive_all_of.push_back(Scalar(id));
      theme.derive_where = Where(derive);
    }
    if (const YAML::Node& ex = root["examples"]) {
      if (Status s = CheckKeys(ex, {"match", "no_match"}); !s.ok()) return s;
      for (const char* key : {"match", "no_match"}) {
        const YAML::Node& list = ex[key];
        if (!list) continue;
        if (!list.IsSequence())
          return Status::InvalidArgument(Where(list), std::string(key) + " must be a list");
        for (const YAML::Node& e : list) {
          Example example{Scalar(e), Where(e)};
          (key[0] == 'm' ? theme.match_examples : theme.no_match_examples)
              .push_back(std::move(example));
        }
      }
    }
    theme_files_[theme.id] = file_;
    // A later file with the same id replaces the earlier theme.
    auto& themes = set_->themes_;
    auto it = std::find_if(themes.begin(), themes.end(),
                           [&](const Theme& t) { return t.id == theme.id; });
    if (it != themes.end()) {
      *it = std::move(theme);
    } else {
      themes.push_back(std::move(theme));
    }
    return Status::Ok();
  }

  PatternSet* set_;
  std::string file_;
  std::map<std::string, std::string> sources_;      // file -> text
  std::map<std::string, std::string> theme_files_;  // theme id -> file
};

std::unique_ptr<PatternSet> PatternSet::FromStrings(
    const std::vector<std::pair<std::string, std::string>>& files, Status* status) {
  std::unique_ptr<PatternSet> set(new PatternSet);
  Loader loader(set.get());
  for (const auto& [name, text] : files) {
    *status = loader.LoadText(name, text);
    if (!status->ok()) return nullptr;
  }
  if (set->themes_.empty()) {
    *status = Status::InvalidArgument("patterns", "no theme defined");
    return nullptr;
  }
  // Hash: the text of every file that defines a live theme or cues, in a stable order.
  Sha256 h;
  std::vector<std::string> names;
  for (const auto& [file, text] : loader.sources()) names.push_back(file);
  std::sort(names.begin(), names.end());
  std::set<std::string> live;
  for (const Theme& t : set->themes_) live.insert(t.file);
  for (const std::string& n : names) {
    const std::string& text = loader.sources()[n];
    bool context = text.find("kind: context") != std::string::npos;
    if (!live.count(n) && !context) continue;
    h.Update(std::filesystem::path(n).filename().string());
    h.Update(std::string_view("\0", 1));
    h.Update(text);
  }
  set->hash_ = h.Hex();
  *status = set->Compile();
  if (!status->ok()) return nullptr;
  return set;
}

std::unique_ptr<PatternSet> PatternSet::Load(const std::vector<std::string>& dirs, Status* status) {
  namespace fs = std::filesystem;
  std::vector<std::pair<std::string, std::string>> files;
  for (const std::string& dir : dirs) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
      *status = Status::NotFound(dir, "pattern directory not found");
      return nullptr;
    }
    std::vector<std::string> paths;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      std::string ext = entry.path().extension().string();
      if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml"))
        paths.push_back(entry.path().string());
    }
    if (ec) {
      *status = Status::IOError(dir, "cannot list: " + ec.message());
      return nullptr;
    }
    if (paths.empty()) {
      *status = Status::InvalidArgument(dir, "no *.yaml pattern files in this directory");
      return nullptr;
    }
    std::sort(paths.begin(), paths.end());
    for (const std::string& p : paths) {
      std::ifstream in(p, std::ios::binary);
      if (!in) {
        *status = Status::IOError(p, "cannot read");
        return nullptr;
      }
      std::ostringstream ss;
      ss << in.rdbuf();
      files.emplace_back(p, ss.str());
    }
  }
  return FromStrings(files, status);
}

Status PatternSet::Compile() {
  // Derivations must name known themes.
  for (const Theme& t : themes_) {
    for (const std::string& id : t.derive_all_of) {
      if (Find(id) < 0) {
        return Status::InvalidArgument(
            t.derive_where, "theme " + t.id + ": derive names an unknown theme '" + id + "'");
      }
    }
  }
  filter_ = std::make_unique<LiteralFilter>(kMinAtomLength);
  filter_regex_.clear();
  set_index_.clear();
  // Every regex in filter order: the rules first (their `a` halves), then the rest.
  std::vector<std::pair<Regex*, RuleRef>> all;
  for (size_t ti = 0; ti < themes_.size(); ++ti) {
    Theme& t = themes_[ti];
    for (size_t ri = 0; ri < t.rules.size(); ++ri) {
      MatchRule& r = t.rules[ri];
      RuleRef ref{static_cast<int>(ti), static_cast<int>(ri)};
      if (r.kind == MatchRule::Kind::kRegex) {
        all.emplace_back(&r.regex, ref);
      } else {
        for (Regex& a : r.near_a) all.emplace_back(&a, ref);
      }
    }
  }
  const size_t rule_count = all.size();
  for (Theme& t : themes_) {
    for (MatchRule& r : t.rules) {
      for (Regex& b : r.near_b) all.emplace_back(&b, RuleRef{-1, -1});
    }
    for (Regex& x : t.excludes) all.emplace_back(&x, RuleRef{-1, -1});
  }
  for (std::vector<Regex>* list :
       {&cues_.negation_pre, &cues_.negation_post, &cues_.pseudo, &cues_.terminate, &cues_.hedge,
        &cues_.counterfactual, &cues_.boilerplate, &cues_.child_words}) {
    for (Regex& r : *list) all.emplace_back(&r, RuleRef{-1, -1});
  }
  // Compiling is most of loading a pack, and each regex compiles on its own: on every core.
  RE2::Options options;
  options.set_case_sensitive(false);  // case-sensitive parts are written (?-i:...)
  options.set_log_errors(false);
  options.set_max_mem(8 << 20);
  std::vector<LiteralFilter::Analysis> analyses(all.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < all.size(); i = next++) {
      analyses[i] = LiteralFilter::Analyze(all[i].first->pattern, options, all[i].first->where,
                                           filter_->min_atom_length());
    }
  };
  const size_t threads =
      std::min<size_t>({std::max(1u, std::thread::hardware_concurrency()), 8, all.size() / 64 + 1});
  std::vector<std::thread> pool;
  for (size_t k = 1; k < threads; ++k) {
    try {
      pool.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no more threads to be had (a process limit): the others do the rest
    }
  }
  work();
  for (std::thread& t : pool) t.join();
  for (size_t i = 0; i < all.size(); ++i) {
    LiteralFilter::Analysis& a = analyses[i];
    if (!a.status.ok()) return a.status;  // the first bad regex, in the order above
    Regex* re = all[i].first;
    re->filter = filter_->Add(a);
    re->re = std::move(a.re);
    re->words = PlainWords(re->pattern);  // all compiled case-insensitively, as PlainWords needs
    re->literal = PlainLiteral(re->pattern);
    filter_regex_.push_back(re);
    set_index_.push_back(all[i].second);
  }
  rule_count_ = rule_count;
  // A proximity rule needs both halves: its `a` is searched only where a `b` may match too.
  partners_.assign(rule_count_, {});
  for (size_t i = 0; i < rule_count_; ++i) {
    const MatchRule& r = themes_[static_cast<size_t>(set_index_[i].theme)]
                             .rules[static_cast<size_t>(set_index_[i].rule)];
    for (const Regex& b : r.near_b) partners_[i].push_back(b.filter);
  }
  filter_->Compile();
  return Status::Ok();
}

int PatternSet::Find(const std::string& id) const {
  for (size_t i = 0; i < themes_.size(); ++i) {
    if (themes_[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

namespace {

// Every match of `re` in `text`, searched as the tagger searches (RE2::Match, group 0 only).
void SearchAll(const RE2& re, std::string_view text) {
  re2::StringPiece in(text.data(), text.size());
  size_t pos = 0;
  re2::StringPiece m;
  while (pos <= in.size() && re.Match(in, pos, in.size(), RE2::UNANCHORED, &m, 1)) {
    size_t e = static_cast<size_t>(m.data() - in.data()) + m.size();
    pos = m.empty() ? e + 1 : e;
  }
}

}  // namespace

void PatternSet::Warm() const {
  for (const Regex* re : filter_regex_) re->re->ReverseProgramSize();  // built on first need
  std::vector<RuleRef> refs;
  Candidates candidates;
  for (const Theme& theme : themes_) {
    for (const std::vector<Example>* list : {&theme.match_examples, &theme.no_match_examples}) {
      for (const Example& ex : *list) {
        MatchRules(ex.sentence, &refs, &candidates);
        for (size_t i = 0; i < candidates.may_.size(); ++i) {
          if (candidates.may_[i] != 0) SearchAll(*filter_regex_[i]->re, ex.sentence);
        }
      }
    }
  }
}

void PatternSet::Scan(std::string_view text, Candidates* candidates) const {
  filter_->Scan(text, &candidates->hits_);
}

void PatternSet::Narrow(int begin, int end, Candidates* candidates) const {
  filter_->Select(candidates->hits_, begin, end, &candidates->scratch_, &candidates->may_,
                  &candidates->list_);
}

void PatternSet::MatchRules(std::string_view text, const Candidates& candidates,
                            std::vector<RuleRef>* out) const {
  out->clear();
  for (int c : candidates.list_) {
    auto i = static_cast<size_t>(c);
    if (i >= rule_count_) break;  // the rest are exclusions, cues and near `b`s
    const RuleRef& ref = set_index_[i];
    if (!out->empty() && out->back().theme == ref.theme && out->back().rule == ref.rule) {
      continue;  // a proximity rule whose other `a` pattern matched already
    }
    if (!partners_[i].empty() && std::none_of(partners_[i].begin(), partners_[i].end(), [&](int b) {
          auto k = static_cast<size_t>(b);
          return k >= candidates.may_.size() || candidates.may_[k] != 0;
        })) {
      continue;  // a proximity rule none of whose `b` patterns can match here
    }
    // The same search the tagger makes next for spans, so the DFA states built here serve it.
    int begin = 0, end = 0;
    if (FindIn(*filter_regex_[i], text, 0, &begin, &end)) {
      out->push_back(ref);
      out->back().begin = begin;
      out->back().end = end;
    }
  }
}

void PatternSet::MatchRules(std::string_view text, std::vector<RuleRef>* out,
                            Candidates* candidates) const {
  Candidates local;
  Candidates* c = candidates != nullptr ? candidates : &local;
  Scan(text, c);
  Narrow(0, static_cast<int>(text.size()), c);
  MatchRules(text, *c, out);
}

}  // namespace scrx::tag
