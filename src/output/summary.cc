#include "output/summary.h"

#include <algorithm>
#include <cstddef>
#include <exception>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

namespace scrx::output {
namespace {

using json = nlohmann::json;

// A space the wrapper never breaks at ("(p. 3)" stays on one line); printed as a space.
constexpr char kGlue = '\x1f';
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kReset = "\x1b[0m";
constexpr int kLabelWidth = 14;  // the header's label column

// ---------------------------------------------------------------------------------------------
// Reading the JSON. Every accessor tolerates a missing key and a value of the wrong type.

const json* Find(const json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

std::string Str(const json& j, const char* key) {
  const json* v = Find(j, key);
  return v != nullptr && v->is_string() ? v->get<std::string>() : std::string();
}

std::optional<double> Num(const json& j, const char* key) {
  const json* v = Find(j, key);
  if (v == nullptr || !v->is_number()) return std::nullopt;
  return v->get<double>();
}

long long Int(const json& j, const char* key, long long fallback = 0) {
  std::optional<double> n = Num(j, key);
  return n ? static_cast<long long>(*n) : fallback;
}

bool Bool(const json& j, const char* key) {
  const json* v = Find(j, key);
  return v != nullptr && v->is_boolean() && v->get<bool>();
}

const json& Arr(const json& j, const char* key) {
  static const json kEmpty = json::array();
  const json* v = Find(j, key);
  return v != nullptr && v->is_array() ? *v : kEmpty;
}

bool HasArray(const json& j, const char* key) {
  const json* v = Find(j, key);
  return v != nullptr && v->is_array();
}

// ---------------------------------------------------------------------------------------------
// Text: columns, words, wrapping.

// Columns `s` takes on a terminal: UTF-8 code points, ANSI escape sequences left out.
int Cols(std::string_view s) {
  int n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0x1b) {
      while (i < s.size() && s[i] != 'm') ++i;
      continue;
    }
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

// The longest prefix of `s` of at most `cols` columns, in whole code points (at least one).
std::string TakeCols(std::string_view s, int cols) {
  size_t i = 0;
  int n = 0;
  while (i < s.size()) {
    size_t j = i;
    if (s[j] == '\x1b') {
      while (j < s.size() && s[j] != 'm') ++j;
      i = std::min(s.size(), j + 1);
      continue;
    }
    ++j;
    while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
    if (n + 1 > cols && n > 0) break;
    ++n;
    i = j;
  }
  return std::string(s.substr(0, i));
}

std::string Spaces(int n) { return std::string(static_cast<size_t>(std::max(0, n)), ' '); }

std::string Pad(const std::string& s, int cols) { return s + Spaces(cols - Cols(s)); }

// `s` cut to `cols` columns, ending in "..." when cut.
std::string Truncate(const std::string& s, int cols) {
  if (Cols(s) <= cols) return s;
  return TakeCols(s, std::max(1, cols - 3)) + "...";
}

bool IsSpace(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

struct Token {
  std::string text;
  size_t begin = 0, end = 0;  // bytes in the source text
};

std::vector<Token> Tokens(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    size_t b = i;
    while (i < s.size() && !IsSpace(s[i])) ++i;
    if (i > b) out.push_back({std::string(s.substr(b, i - b)), b, i});
  }
  return out;
}

// `text` in lines: the first at most `first` columns, the others at most `rest`. Words longer
// than a line are cut.
std::vector<std::string> Wrap(std::string_view text, int first, int rest) {
  std::vector<std::string> lines;
  std::string line;
  int avail = std::max(1, first), used = 0;
  for (Token& t : Tokens(text)) {
    std::string w = std::move(t.text);
    int wc = Cols(w);
    if (used > 0 && used + 1 + wc <= avail) {
      line += ' ';
      line += w;
      used += 1 + wc;
      continue;
    }
    if (used > 0) {
      lines.push_back(std::move(line));
      line.clear();
      used = 0;
      avail = std::max(1, rest);
    }
    while (wc > avail) {
      std::string head = TakeCols(w, avail);
      lines.push_back(head);
      w.erase(0, head.size());
      wc = Cols(w);
      avail = std::max(1, rest);
    }
    line = std::move(w);
    used = wc;
  }
  if (used > 0 || lines.empty()) lines.push_back(std::move(line));
  for (std::string& l : lines) std::replace(l.begin(), l.end(), kGlue, ' ');
  return lines;
}

std::string Glue(std::string s) {
  std::replace(s.begin(), s.end(), ' ', kGlue);
  return s;
}

std::string PageRef(long long page) {
  return page > 0 ? Glue("(p. " + std::to_string(page) + ")") : std::string();
}

std::string PageSpan(long long a, long long b) {
  if (a <= 0) return "";
  if (b <= a) return "p. " + std::to_string(a);
  return "pp. " + std::to_string(a) + "-" + std::to_string(b);
}

std::string WithPage(const std::string& text, long long page) {
  std::string ref = PageRef(page);
  return ref.empty() ? text : text + " " + ref;
}

std::string Thousands(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string Plural(long long n, const std::string& one, const std::string& many) {
  return Thousands(n) + " " + (n == 1 ? one : many);
}

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "2024-04" -> "April 2024", "2024-04-03" -> "3 April 2024"; anything else as it is.
std::string Date(const std::string& iso) {
  static const char* const kMonths[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
  std::string_view s = iso;
  if (s.size() < 7 || s[4] != '-' || !AllDigits(s.substr(0, 4)) || !AllDigits(s.substr(5, 2)))
    return iso;
  int month = (s[5] - '0') * 10 + (s[6] - '0');
  if (month < 1 || month > 12) return iso;
  std::string out = std::string(kMonths[month - 1]) + " " + std::string(s.substr(0, 4));
  if (s.size() >= 10 && s[7] == '-' && AllDigits(s.substr(8, 2))) {
    int day = (s[8] - '0') * 10 + (s[9] - '0');
    if (day >= 1 && day <= 31) out = std::to_string(day) + " " + out;
  }
  return out;
}

std::string ReviewTypeName(const std::string& code) {
  static const std::map<std::string, std::string> kNames = {
      {"scr", "Serious case review (SCR)"},
      {"cspr", "Child safeguarding practice review (CSPR)"},
      {"lcspr", "Local child safeguarding practice review (LCSPR)"},
      {"national_review", "National review"},
      {"sar", "Safeguarding adults review (SAR)"},
      {"dhr", "Domestic homicide review (DHR)"},
      {"child_practice_review_wales", "Child practice review (Wales)"},
      {"adult_practice_review_wales", "Adult practice review (Wales)"},
      {"learning_review", "Learning review"},
      {"other", "Other review"},
  };
  auto it = kNames.find(code);
  return it == kNames.end() ? code : it->second;
}

std::string Readable(std::string code) {
  std::replace(code.begin(), code.end(), '_', ' ');
  return code;
}

// The addressee kinds in the order of docs/json-schema.md, with their names for people.
const std::vector<std::pair<std::string, std::string>>& AddresseeKinds() {
  static const std::vector<std::pair<std::string, std::string>> kKinds = {
      {"partnership_board", "Partnership board"},
      {"childrens_social_care", "Children's social care"},
      {"police", "Police"},
      {"health_acute", "Health (acute)"},
      {"health_community", "Health (community)"},
      {"health_primary_care", "Health (primary care)"},
      {"mental_health", "Mental health"},
      {"education", "Education"},
      {"probation", "Probation"},
      {"housing", "Housing"},
      {"national_government", "National government"},
      {"other", "Other"},
  };
  return kKinds;
}

std::string AddresseeKindName(const std::string& kind) {
  if (kind.empty()) return "Addressee not identified";
  for (const auto& [code, name] : AddresseeKinds())
    if (code == kind) return name;
  return Readable(kind);
}

int AddresseeKindRank(const std::string& kind) {
  const auto& kinds = AddresseeKinds();
  for (size_t i = 0; i < kinds.size(); ++i)
    if (kinds[i].first == kind) return static_cast<int>(i);
  return kind.empty() ? 1000 : 999;
}

int GroupRank(const std::string& group) {
  static const char* const kGroups[] = {"factor", "incident", "practice", "system"};
  for (int i = 0; i < 4; ++i)
    if (group == kGroups[i]) return i;
  return 4;
}

std::string GroupName(const std::string& group) {
  if (group == "factor") return "Factors";
  if (group == "incident") return "Incidents";
  if (group == "practice") return "Practice";
  if (group == "system") return "System";
  return group.empty() ? "Other themes" : Readable(group);
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (prefix.empty() || s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char a = s[i], b = prefix[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

// The first sentence of `text`: up to the first '.', '?' or '!' that ends a word (not "Dr.") and
// is followed by a capital, a digit or a quote.
std::string FirstSentence(const std::string& text) {
  static const std::set<std::string> kAbbrev = {"dr",  "mr",  "mrs",  "ms", "st", "no",    "e.g",
                                                "i.e", "etc", "para", "cf", "vs", "approx"};
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    char c = text[i];
    if ((c != '.' && c != '?' && c != '!') || text[i + 1] != ' ') continue;
    size_t k = i + 1;
    while (k < text.size() && text[k] == ' ') ++k;
    if (k >= text.size()) break;
    char next = text[k];
    bool starts = (next >= 'A' && next <= 'Z') || (next >= '0' && next <= '9') || next == '"' ||
                  next == '\'' || static_cast<unsigned char>(next) >= 0x80;
    if (!starts) continue;
    size_t w = text.find_last_of(' ', i);
    std::string word =
        text.substr(w == std::string::npos ? 0 : w + 1, i - (w == std::string::npos ? 0 : w + 1));
    for (char& ch : word)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    if (c == '.' && (kAbbrev.count(word) || word.size() == 1)) continue;
    return text.substr(0, i + 1);
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// The output.

class Writer {
 public:
  explicit Writer(const SummaryOptions& opt) : opt_(opt), width_(std::max(40, opt.width)) {}

  int width() const { return width_; }
  const SummaryOptions& opt() const { return opt_; }

  std::string Bold(const std::string& s) const {
    return opt_.color && !s.empty() ? std::string(kBold) + s + std::string(kReset) : s;
  }

  // One line that fits already.
  void Line(const std::string& s) {
    out_ += s;
    out_ += '\n';
  }

  void Blank() {
    if (!out_.empty() && out_.compare(out_.size() - std::min<size_t>(2, out_.size()),
                                      std::string::npos, "\n\n") != 0)
      out_ += '\n';
  }

  void Heading(const std::string& s) {
    Blank();
    for (const std::string& l : Wrap(s, width_, width_)) Line(Bold(l));
  }

  // `text` wrapped, its first line after `first`, the others after `rest`.
  void Para(const std::string& first, const std::string& rest, std::string_view text) {
    std::vector<std::string> lines = Wrap(text, width_ - Cols(first), width_ - Cols(rest));
    for (size_t i = 0; i < lines.size(); ++i) {
      std::string l = (i == 0 ? first : rest) + lines[i];
      while (!l.empty() && l.back() == ' ') l.pop_back();
      Line(l);
    }
  }

  // A "Label         value" line of the header, wrapped under the value.
  void Field(const std::string& label, const std::string& value) {
    Para(Pad(label, kLabelWidth), Spaces(kLabelWidth), value);
  }

  std::string Take() && { return std::move(out_); }

 private:
  SummaryOptions opt_;
  int width_;
  std::string out_;
};

// As much of `tokens` around tokens [a, b] as fits in `max_lines` lines (first line `first`
// columns, the others `rest`) between `open` and `close` and followed by " " + `suffix`, with
// "..." where words are left out. Tokens [mark_a, mark_b] are bold when `bold`.
std::string FitWindow(const std::vector<Token>& tokens, int a, int b, bool mark, bool bold,
                      const std::string& open, const std::string& close, const std::string& suffix,
                      int first, int rest, int max_lines) {
  const int n = static_cast<int>(tokens.size());
  auto render = [&](int lo, int hi) {
    std::string s = open;
    if (lo > 0) s += "...";
    for (int i = lo; i <= hi; ++i) {
      if (i > lo) s += ' ';
      bool strong = bold && mark && i >= a && i <= b;
      if (strong) s += kBold;
      s += tokens[static_cast<size_t>(i)].text;
      if (strong) s += kReset;
    }
    if (hi < n - 1) s += "...";
    s += close;
    if (!suffix.empty()) s += " " + suffix;
    return s;
  };
  if (n == 0) return open + close + (suffix.empty() ? "" : " " + suffix);
  auto fits = [&](int lo, int hi) {
    return static_cast<int>(Wrap(render(lo, hi), first, rest).size()) <= std::max(1, max_lines);
  };
  if (fits(0, n - 1)) return render(0, n - 1);
  int lo = std::clamp(a, 0, n - 1), hi = std::clamp(b, lo, n - 1);
  for (bool grew = true; grew;) {
    grew = false;
    if (hi + 1 < n && fits(lo, hi + 1)) {
      ++hi;
      grew = true;
    }
    if (lo > 0 && fits(lo - 1, hi)) {
      --lo;
      grew = true;
    }
  }
  return render(lo, hi);
}

// ---------------------------------------------------------------------------------------------
// Metadata.

struct MetaValue {
  std::string value;
  long long page = 0;
};

enum class MetaState { kMissing, kNull, kKnown };

// A field `{"value": ..., "page": N}`; a bare string (older documents) has no page.
MetaState ReadMeta(const json* meta, const char* key, MetaValue* out) {
  const json* f = meta != nullptr ? Find(*meta, key) : nullptr;
  if (f == nullptr) return MetaState::kMissing;
  if (f->is_string()) {
    out->value = f->get<std::string>();
  } else if (f->is_object()) {
    out->value = Str(*f, "value");
    out->page = Int(*f, "page");
  }
  return out->value.empty() ? MetaState::kNull : MetaState::kKnown;
}

MetaState ReadMetaList(const json* meta, const char* key, std::vector<MetaValue>* out) {
  const json* f = meta != nullptr ? Find(*meta, key) : nullptr;
  if (f == nullptr) return MetaState::kMissing;
  if (f->is_array()) {
    for (const json& item : *f) {
      MetaValue v;
      if (item.is_string()) {
        v.value = item.get<std::string>();
      } else if (item.is_object()) {
        v.value = Str(item, "value");
        v.page = Int(item, "page");
      }
      if (!v.value.empty()) out->push_back(std::move(v));
    }
  }
  return out->empty() ? MetaState::kNull : MetaState::kKnown;
}

// "A; B (p. 3); C (p. 4)": the page once after each run of values read from the same page; the
// first `max_items` values, then "and N more".
std::string MetaListText(const std::vector<MetaValue>& values, size_t max_items) {
  size_t shown = std::min(values.size(), std::max<size_t>(1, max_items));
  std::string out;
  for (size_t i = 0; i < shown; ++i) {
    if (i > 0) out += "; ";
    out += values[i].value;
    if (i + 1 == shown || values[i + 1].page != values[i].page) {
      std::string ref = PageRef(values[i].page);
      if (!ref.empty()) out += " " + ref;
    }
  }
  if (values.size() > shown) out += "; and " + std::to_string(values.size() - shown) + " more";
  return out;
}

void Header(const json& j, Writer& w) {
  const json* meta = Find(j, "metadata");
  if (meta != nullptr && !meta->is_object()) meta = nullptr;
  const json* source = Find(j, "source");
  std::string file = source != nullptr ? Str(*source, "file") : "";
  if (file.empty()) file = Str(j, "file");
  const bool brief = w.opt().brief;

  MetaValue title;
  MetaState title_state = ReadMeta(meta, "title", &title);
  std::string heading = title_state == MetaState::kKnown ? WithPage(title.value, title.page)
                        : !file.empty()                  ? BaseName(file)
                                                         : "Untitled review";
  std::vector<std::string> lines = Wrap(heading, w.width(), w.width());
  int underline = 0;
  for (const std::string& l : lines) {
    w.Line(w.Bold(l));
    underline = std::max(underline, Cols(l));
  }
  w.Line(std::string(static_cast<size_t>(underline), '='));

  // A field the report does not state: "not stated" (left out when brief); a field the document
  // does not have (older or partial JSON): left out.
  auto field = [&](const std::string& label, MetaState state, const std::string& text) {
    if (state == MetaState::kKnown) {
      w.Field(label, text);
    } else if (state == MetaState::kNull && !brief) {
      w.Field(label, "not stated");
    }
  };
  if (title_state == MetaState::kNull) field("Title", title_state, "");

  MetaValue v;
  MetaState s = ReadMeta(meta, "review_type", &v);
  const std::string review_type = v.value;
  field("Review type", s, WithPage(ReviewTypeName(v.value), v.page));
  v = {};
  s = ReadMeta(meta, "board", &v);
  field("Board", s, WithPage(v.value, v.page));
  std::vector<MetaValue> list;
  s = ReadMetaList(meta, "subjects", &list);
  field(list.size() > 1 ? "Subjects" : "Subject", s, MetaListText(list, list.size()));
  v = {};
  s = ReadMeta(meta, "published", &v);
  field("Published", s, WithPage(Date(v.value), v.page));
  v = {};
  s = ReadMeta(meta, "commissioned", &v);
  if (s == MetaState::kKnown) field("Commissioned", s, WithPage(Date(v.value), v.page));

  MetaValue from, to;
  MetaState from_state = ReadMeta(meta, "period_from", &from);
  MetaState to_state = ReadMeta(meta, "period_to", &to);
  if (from_state == MetaState::kKnown && to_state == MetaState::kKnown) {
    std::string text =
        from.page == to.page
            ? WithPage(Date(from.value) + " to " + Date(to.value), to.page)
            : WithPage(Date(from.value), from.page) + " to " + WithPage(Date(to.value), to.page);
    w.Field("Period", text);
  } else if (from_state == MetaState::kKnown) {
    w.Field("Period", "from " + WithPage(Date(from.value), from.page) + "; end not stated");
  } else if (to_state == MetaState::kKnown) {
    w.Field("Period", "start not stated; to " + WithPage(Date(to.value), to.page));
  } else if (from_state == MetaState::kNull || to_state == MetaState::kNull) {
    field("Period", MetaState::kNull, "");
  }

  v = {};
  s = ReadMeta(meta, "child_age", &v);
  bool adult_review =
      review_type == "sar" || review_type == "dhr" || review_type == "adult_practice_review_wales";
  if (s == MetaState::kKnown || !adult_review) field("Child age", s, WithPage(v.value, v.page));
  v = {};
  s = ReadMeta(meta, "outcome", &v);
  field("Outcome", s, WithPage(Readable(v.value), v.page));
  list.clear();
  s = ReadMetaList(meta, "authors", &list);
  field(list.size() > 1 ? "Authors" : "Author", s, MetaListText(list, list.size()));
  list.clear();
  s = ReadMetaList(meta, "agencies", &list);
  field("Agencies", s,
        std::to_string(list.size()) + ": " +
            MetaListText(list, static_cast<size_t>(std::max(1, w.opt().max_agencies))));
}

void SourceBlock(const json& j, Writer& w) {
  const json* source = Find(j, "source");
  const json* stats = Find(j, "stats");
  static const json kNone;
  const json& src = source != nullptr ? *source : kNone;
  const json& st = stats != nullptr ? *stats : kNone;

  std::string file = Str(src, "file");
  if (file.empty()) file = Str(j, "file");
  std::vector<std::string> facts;
  std::optional<double> pages = Num(src, "pages");
  if (!pages) pages = Num(st, "pages");
  if (!pages) pages = Num(j, "pages");
  if (pages && *pages > 0) facts.push_back(Plural(static_cast<long long>(*pages), "page", "pages"));
  if (std::optional<double> words = Num(st, "words"))
    facts.push_back(Plural(static_cast<long long>(*words), "word", "words"));

  // Warnings: the list (with its codes) when there is one, else a count.
  const json* warnings = Find(j, "warnings");
  std::optional<long long> nwarn;
  std::string codes;
  if (warnings != nullptr && warnings->is_array()) {
    nwarn = static_cast<long long>(warnings->size());
    std::map<std::string, int> by_code;
    std::vector<std::string> order;
    for (const json& wj : *warnings) {
      std::string code = Str(wj, "code");
      if (code.empty()) code = "unknown";
      if (by_code[code]++ == 0) order.push_back(code);
    }
    for (const std::string& c : order) {
      if (!codes.empty()) codes += ", ";
      codes += c + (by_code[c] > 1 ? " x" + std::to_string(by_code[c]) : "");
    }
  } else if (warnings != nullptr && warnings->is_number()) {
    nwarn = Int(j, "warnings");
  } else if (Num(st, "warnings")) {
    nwarn = Int(st, "warnings");
  }
  if (nwarn) {
    facts.push_back(*nwarn == 0 ? "no warnings"
                                : Plural(*nwarn, "warning", "warnings") +
                                      (codes.empty() ? "" : " (" + codes + ")"));
  }

  if (!file.empty() || !facts.empty()) {
    std::string text = BaseName(file);
    for (size_t i = 0; i < facts.size(); ++i)
      text += (i == 0 ? (text.empty() ? "" : ": ") : ", ") + facts[i];
    w.Field("Source", text);
  }

  // A failed file: its error, from a run record entry or a partial document.
  const json* error = Find(j, "error");
  if (error != nullptr && !error->is_null()) {
    std::string text;
    if (error->is_string()) {
      text = error->get<std::string>();
    } else if (error->is_object()) {
      std::string code = Str(*error, "code"), message = Str(*error, "message");
      text = code.empty() ? message : message.empty() ? code : code + ": " + message;
    }
    std::string status = Str(j, "status");
    if (!status.empty() && status != "ok") text = status + (text.empty() ? "" : " - " + text);
    w.Field("Error", text.empty() ? "yes (no message)" : text);
  }

  std::string version = Str(j, "scrx_version"), patterns = Str(j, "patterns_hash");
  if (!version.empty()) {
    w.Field("Analysed by",
            "scrx " + version + (patterns.empty() ? "" : ", patterns " + patterns.substr(0, 12)));
  }
}

// ---------------------------------------------------------------------------------------------
// Sections, findings, recommendations, themes.

void SectionsBlock(const json& j, Writer& w) {
  if (!HasArray(j, "sections")) return;
  const json& sections = Arr(j, "sections");
  w.Heading("SECTIONS (" + std::to_string(sections.size()) + ")");
  if (sections.empty()) {
    w.Line("  none found");
    return;
  }
  size_t shown = sections.size();
  if (w.opt().brief && w.opt().brief_sections > 0)
    shown = std::min(shown, static_cast<size_t>(w.opt().brief_sections));

  struct Row {
    std::string left, kind, pages;
  };
  std::vector<Row> rows;
  int left_w = 0, kind_w = 0, pages_w = 0;
  for (size_t i = 0; i < shown; ++i) {
    const json& s = sections[i];
    int level = static_cast<int>(std::clamp<long long>(Int(s, "level", 1), 1, 6));
    std::string number = Str(s, "number"), title = Str(s, "title");
    if (title.empty()) title = "(untitled)";
    Row row{Spaces(2 * level) + (number.empty() ? "" : number + " ") + title,
            Readable(Str(s, "kind")), PageSpan(Int(s, "page_start"), Int(s, "page_end"))};
    left_w = std::max(left_w, Cols(row.left));
    kind_w = std::max(kind_w, Cols(row.kind));
    pages_w = std::max(pages_w, Cols(row.pages));
    rows.push_back(std::move(row));
  }
  // Kind and pages in columns at the right of the titles, titles cut to leave them room.
  left_w = std::min(left_w, w.width() - kind_w - pages_w - 4);
  for (const Row& r : rows) {
    std::string line =
        Pad(Truncate(r.left, left_w), left_w) + "  " + Pad(r.kind, kind_w) + "  " + r.pages;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    w.Line(line);
  }
  if (shown < sections.size()) w.Line("  ... " + std::to_string(sections.size() - shown) + " more");
}

void FindingsBlock(const json& j, Writer& w) {
  if (!HasArray(j, "findings")) return;
  const json& findings = Arr(j, "findings");
  w.Heading("FINDINGS (" + std::to_string(findings.size()) + ")");
  if (findings.empty()) {
    w.Line("  none identified");
    return;
  }
  std::vector<std::string> labels;
  int label_w = 0;
  for (size_t i = 0; i < findings.size(); ++i) {
    std::string number = Str(findings[i], "number");
    if (number.empty()) number = std::to_string(i + 1);
    if (AllDigits(number)) number += ".";
    labels.push_back(Truncate(number, 8));
    label_w = std::max(label_w, Cols(labels.back()));
  }
  for (size_t i = 0; i < findings.size(); ++i) {
    const json& f = findings[i];
    std::string text = Str(f, "title");
    if (text.empty()) text = FirstSentence(Str(f, "text"));
    if (text.empty()) text = "(no text)";
    std::string first = "  " + Pad(labels[i], label_w) + "  ";
    std::string rest = Spaces(Cols(first));
    std::string fitted =
        FitWindow(Tokens(text), 0, 0, false, false, "", "", PageRef(Int(f, "page")),
                  w.width() - Cols(first), w.width() - Cols(rest), w.opt().quote_lines);
    w.Para(first, rest, fitted);
  }
}

void RecommendationsBlock(const json& j, Writer& w) {
  if (!HasArray(j, "recommendations")) return;
  const json& recs = Arr(j, "recommendations");
  w.Heading("RECOMMENDATIONS (" + std::to_string(recs.size()) + ")");
  if (recs.empty()) {
    w.Line("  none identified");
    return;
  }
  std::map<std::string, std::vector<size_t>> groups;
  for (size_t i = 0; i < recs.size(); ++i) groups[Str(recs[i], "addressee_kind")].push_back(i);
  std::vector<std::string> kinds;
  for (const auto& [kind, members] : groups) kinds.push_back(kind);
  std::stable_sort(kinds.begin(), kinds.end(), [](const std::string& a, const std::string& b) {
    return AddresseeKindRank(a) < AddresseeKindRank(b);
  });

  const size_t max_words = static_cast<size_t>(std::max(1, w.opt().recommendation_words));
  std::string counts;
  for (const std::string& kind : kinds) {
    const std::vector<size_t>& members = groups[kind];
    w.Para("  ", "    ", AddresseeKindName(kind) + " (" + std::to_string(members.size()) + ")");
    int num_w = 1;
    for (size_t i : members) num_w = std::max(num_w, Cols(Truncate(Str(recs[i], "number"), 8)));
    for (size_t i : members) {
      const json& r = recs[i];
      std::string number = Str(r, "number");
      if (number.empty()) number = "-";
      std::string addressee = Str(r, "addressee"), text = Str(r, "text");
      // "Kingsmead Police should ..." -> "Kingsmead Police: should ..."
      std::string_view body = text;
      if (StartsWithNoCase(body, addressee)) {
        body.remove_prefix(addressee.size());
        while (!body.empty() && (IsSpace(body.front()) || body.front() == ',' ||
                                 body.front() == ':' || body.front() == ';'))
          body.remove_prefix(1);
      }
      std::vector<Token> words = Tokens(body);
      std::string line = addressee.empty() ? "" : addressee + ":";
      for (size_t k = 0; k < words.size() && k < max_words; ++k) line += " " + words[k].text;
      if (words.size() > max_words) line += " ...";
      if (words.empty() && addressee.empty()) line = "(no text)";
      long long p0 = Int(r, "page_start"), p1 = Int(r, "page_end");
      std::string pages = PageSpan(p0, p1);
      if (!pages.empty()) line += " " + Glue("(" + pages + ")");
      if (!Str(r, "response").empty()) line += " [response printed]";
      std::string first = "    " + Pad(Truncate(number, 8), num_w) + "  ";
      w.Para(first, Spaces(Cols(first)), line);
    }
    if (!counts.empty()) counts += ", ";
    counts += AddresseeKindName(kind) + " " + std::to_string(members.size());
  }
  w.Para("  By addressee: ", "    ", counts);
}

// The quote to show for a theme: the strongest evidence (the first), or an evidence item as
// strong by the rule (counted, weight, hedged) whose sentence was not already quoted for an
// earlier theme, so that one sentence matching several themes is not repeated.
const json* PickEvidence(const json& theme, std::set<std::string>* used) {
  const json& evidence = Arr(theme, "evidence");
  if (evidence.empty()) return nullptr;
  const json& best = evidence[0];
  const json* chosen = &best;
  for (const json& e : evidence) {
    if (Bool(e, "counted") != Bool(best, "counted") || Bool(e, "hedged") != Bool(best, "hedged") ||
        Num(e, "weight").value_or(1.0) != Num(best, "weight").value_or(1.0))
      break;
    if (!used->count(Str(e, "quote"))) {
      chosen = &e;
      break;
    }
  }
  used->insert(Str(*chosen, "quote"));
  return chosen;
}

void ThemesBlock(const json& j, Writer& w) {
  if (!HasArray(j, "themes")) return;
  const json& themes = Arr(j, "themes");
  std::vector<const json*> present, mentioned;
  for (const json& t : themes) {
    if (Bool(t, "present")) {
      present.push_back(&t);
    } else if (Int(t, "mentions") > 0) {
      mentioned.push_back(&t);
    }
  }
  w.Heading("THEMES (" + std::to_string(present.size()) + " present of " +
            std::to_string(themes.size()) + ")");
  auto score = [](const json* t) {
    const json* rule = Find(*t, "rule");
    std::optional<double> s = rule != nullptr ? Num(*rule, "score") : std::nullopt;
    return s.value_or(static_cast<double>(Int(*t, "counted_mentions")));
  };
  auto label = [](const json* t) {
    std::string l = Str(*t, "label");
    return l.empty() ? Str(*t, "id") : l;
  };
  std::stable_sort(present.begin(), present.end(), [&](const json* a, const json* b) {
    int ga = GroupRank(Str(*a, "group")), gb = GroupRank(Str(*b, "group"));
    if (ga != gb) return ga < gb;
    if (ga == 4 && Str(*a, "group") != Str(*b, "group")) return Str(*a, "group") < Str(*b, "group");
    if (score(a) != score(b)) return score(a) > score(b);
    if (Int(*a, "counted_mentions") != Int(*b, "counted_mentions"))
      return Int(*a, "counted_mentions") > Int(*b, "counted_mentions");
    return label(a) < label(b);
  });
  if (present.empty()) w.Line("  none present");

  std::set<std::string> used;
  std::string group;
  for (size_t i = 0; i < present.size(); ++i) {
    const json& t = *present[i];
    if (i == 0 || Str(t, "group") != group) {
      group = Str(t, "group");
      size_t n = 0;
      for (const json* o : present) n += Str(*o, "group") == group;
      w.Line("  " + GroupName(group) + " (" + std::to_string(n) + ")");
    }
    long long mentions = Int(t, "mentions"), counted = Int(t, "counted_mentions", mentions);
    std::string counts = Plural(mentions, "mention", "mentions");
    if (counted != mentions) counts += ", " + std::to_string(counted) + " counted";
    w.Para("    ", "      ", w.Bold(label(&t) + ":") + " " + Glue(counts));

    const std::string first = "      ", rest = "       ";
    const json* e = PickEvidence(t, &used);
    if (e == nullptr) {
      const json* rule = Find(t, "rule");
      std::string from = rule != nullptr ? Str(*rule, "derived_from") : "";
      if (!from.empty()) w.Para(first, rest, "present because these themes are: " + from);
      continue;
    }
    std::string quote = Str(*e, "quote");
    std::vector<Token> tokens = Tokens(quote);
    int a = 0, b = 0;
    bool mark = false;
    const json* span = Find(*e, "span");
    if (span != nullptr && span->is_array() && span->size() == 2 && (*span)[0].is_number() &&
        (*span)[1].is_number()) {
      double sb = (*span)[0].get<double>(), se = (*span)[1].get<double>();
      int lo = -1, hi = -1;
      for (size_t k = 0; k < tokens.size(); ++k) {
        if (static_cast<double>(tokens[k].begin) < se && static_cast<double>(tokens[k].end) > sb) {
          if (lo < 0) lo = static_cast<int>(k);
          hi = static_cast<int>(k);
        }
      }
      if (lo >= 0) {
        a = lo;
        b = hi;
        mark = true;
      }
    }
    // Where: "(p. 7; 4.2 Summary of findings; para 39)", and the cues that qualify the quote.
    std::vector<std::string> where;
    if (long long page = Int(*e, "page"); page > 0) where.push_back("p. " + std::to_string(page));
    std::string section = Str(*e, "section_number");
    std::string section_title = Str(*e, "section_title");
    if (!section_title.empty()) section += (section.empty() ? "" : " ") + section_title;
    if (!section.empty()) where.push_back(section);
    if (std::string para = Str(*e, "paragraph"); !para.empty()) where.push_back("para " + para);
    std::string suffix;
    if (Bool(*e, "negated")) {
      std::string cue = Str(*e, "negation_cue");
      suffix += Glue("[negated" + (cue.empty() ? "" : ": " + cue) + "]");
    }
    if (Bool(*e, "hedged")) {
      std::string cue = Str(*e, "hedge_cue");
      suffix +=
          (suffix.empty() ? "" : " ") + Glue("[hedged" + (cue.empty() ? "" : ": " + cue) + "]");
    }
    if (!where.empty()) {
      std::string w_text;
      for (size_t k = 0; k < where.size(); ++k)
        w_text += (k ? "; " : "") + (k == 0 || k + 1 == where.size() ? Glue(where[k]) : where[k]);
      suffix += (suffix.empty() ? "" : " ") + std::string("(") + w_text + ")";
    }
    std::string fitted =
        FitWindow(tokens, a, b, mark, w.opt().color, "\"", "\"", suffix, w.width() - Cols(first),
                  w.width() - Cols(rest), w.opt().quote_lines);
    w.Para(first, rest, fitted);
  }

  if (!mentioned.empty()) {
    std::stable_sort(mentioned.begin(), mentioned.end(), [&](const json* a, const json* b) {
      if (Int(*a, "mentions") != Int(*b, "mentions"))
        return Int(*a, "mentions") > Int(*b, "mentions");
      return label(a) < label(b);
    });
    std::string text;
    for (const json* t : mentioned)
      text += (text.empty() ? "" : "; ") + label(t) + " " +
              Glue("(" + std::to_string(Int(*t, "mentions")) + ")");
    w.Blank();
    w.Para("  Mentioned but not present: ", "    ", text);
  }
}

}  // namespace

std::string NotAReview(const json& j) {
  if (!j.is_object())
    return std::string("not a scrx review: the JSON is ") +
           (j.is_array() ? "an array" : std::string("a ") + j.type_name()) + ", not an object";
  const json* schema = Find(j, "schema");
  if (schema != nullptr) {
    std::string s = schema->is_string() ? schema->get<std::string>() : "";
    if (s.rfind("scrx.review/", 0) == 0) return "";
    if (s.rfind("scrx.run/", 0) == 0)
      return "not a scrx review: this is a run record (" + s +
             "); show one of the review files it lists";
    return "not a scrx review: \"schema\" is " + schema->dump() + ", expected \"scrx.review/1\"";
  }
  for (const char* key :
       {"metadata", "source", "sections", "themes", "findings", "recommendations", "error"}) {
    if (Find(j, key) != nullptr) return "";
  }
  return "not a scrx review: no \"schema\": \"scrx.review/1\" and none of its keys";
}

std::string Summary(const json& review, const SummaryOptions& opt) {
  std::string why = NotAReview(review);
  if (!why.empty()) return "error: " + why + "\n";
  try {
    Writer w(opt);
    Header(review, w);
    SourceBlock(review, w);
    SectionsBlock(review, w);
    FindingsBlock(review, w);
    RecommendationsBlock(review, w);
    ThemesBlock(review, w);
    return std::move(w).Take();
  } catch (const std::exception& e) {
    return std::string("error: cannot summarise this review: ") + e.what() + "\n";
  }
}

}  // namespace scrx::output
