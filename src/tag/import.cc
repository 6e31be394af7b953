#include "tag/import.h"

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "base/files.h"
#include "layout/normalize.h"
#include "tag/pattern_set.h"

namespace scrx::tag {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxDepth = 64;

// ---------------------------------------------------------------------------------------------
// Text helpers.

bool IsAsciiWord(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Splits on runs of ASCII white space.
std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i > start) out.emplace_back(s.substr(start, i - start));
  }
  return out;
}

// Lines without their terminators: "\n", "\r\n", or a lone "\r" when the text has no "\n".
std::vector<std::string_view> SplitLines(std::string_view text) {
  char sep = text.find('\n') == std::string_view::npos ? '\r' : '\n';
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(sep, start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == text.size()) break;
    start = end + 1;
  }
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

// Byte offset of the first invalid UTF-8 sequence, or npos.
size_t InvalidUtf8At(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size() || (n == 2 && c < 0xC2) || (n == 4 && c > 0xF4)) return i;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    }
    if (n == 3) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) return i;  // overlong, surrogate
    }
    if (n == 4) {
      auto c1 = static_cast<unsigned char>(s[i + 1]);
      if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)) return i;
    }
    i += n;
  }
  return std::string_view::npos;
}

int LineAt(std::string_view text, size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Windows-1252 (a superset of Latin-1 for printable text) to UTF-8.
std::string Cp1252ToUtf8(std::string_view s) {
  static const char32_t kHigh[32] = {
      0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    AppendUtf8(c >= 0x80 && c < 0xA0 ? kHigh[c - 0x80] : static_cast<char32_t>(c), &out);
  }
  return out;
}

// Removes a UTF-8 byte order mark; refuses UTF-16.
Status StripBom(const std::string& source, std::string_view* text) {
  if (text->substr(0, 3) == "\xEF\xBB\xBF") text->remove_prefix(3);
  if (text->substr(0, 2) == "\xFF\xFE" || text->substr(0, 2) == "\xFE\xFF") {
    return Status::NotSupported(source + ":1", "UTF-16 text: save the dictionary as UTF-8");
  }
  return Status::Ok();
}

// A term as document text is normalised: control characters are spaces, then curly quotes,
// dashes, ligatures and spaces are folded (layout::NormalizeText), runs of spaces collapse.
std::string NormalizeTerm(std::string_view term) {
  std::string t(term);
  for (char& c : t) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) c = ' ';
  }
  return layout::NormalizeText(t);
}

// For comments, labels and definitions: one line of text.
std::string OneLine(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) c = ' ';
  }
  return std::string(Trim(out));
}

// ---------------------------------------------------------------------------------------------
// YAML output.

std::string SingleQuoted(std::string_view s) {
  std::string out = "'";
  for (char c : s) {
    out.push_back(c);
    if (c == '\'') out.push_back('\'');
  }
  out.push_back('\'');
  return out;
}

// A plain scalar when that is unambiguous, else single-quoted.
std::string Scalar(std::string_view s) {
  static const std::set<std::string> kReserved = {"y",     "n",  "yes", "no",  "true",
                                                  "false", "on", "off", "null"};
  bool plain = !s.empty() && std::isalnum(static_cast<unsigned char>(s.front())) &&
               !kReserved.count(Lower(s));
  for (char c : s) {
    if (!plain) break;
    plain = std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '-' || c == '\'' ||
            c == '*' || c == '.' || c == '_';
  }
  return plain ? std::string(s) : SingleQuoted(s);
}

// ---------------------------------------------------------------------------------------------
// A dictionary read into categories, then written as theme files.

struct Term {
  std::string text;
  int line = 0;
};

struct Category {
  std::string name;     // the dictionary's name ("family", "Christmas.Religious")
  std::string id_base;  // id before the prefix ("christmas_religious")
  std::string number;   // LIWC: the category number
  int line = 0;         // where it is defined
  std::vector<Term> terms;
};

// Builds one theme file per category. `format` is "quanteda" or "LIWC". A category left without
// usable terms is an error when `empty_is_error`, else skipped with a warning.
Status BuildPack(const std::string& source, const std::string& format, bool globs,
                 std::vector<Category>& categories, bool empty_is_error,
                 const ImportOptions& options, std::vector<ThemeFile>* out,
                 std::vector<std::string>* warnings) {
  auto warn = [&](const std::string& where, const std::string& msg) {
    if (warnings != nullptr) warnings->push_back(where + ": " + msg);
  };
  static const std::set<std::string> kGroups = {"factor", "incident", "practice", "system"};
  if (!kGroups.count(options.group)) {
    return Status::InvalidArgument("group", "'" + options.group +
                                                "' is not a group: factor, incident, practice "
                                                "or system");
  }
  std::string prefix = ThemeIdFromName(options.id_prefix);
  if (!prefix.empty()) prefix += "_";
  std::string base = fs::path(source).filename().string();

  RE2::Options re_opt;
  re_opt.set_case_sensitive(false);
  re_opt.set_log_errors(false);
  re_opt.set_max_mem(8 << 20);

  std::map<std::string, const Category*> ids;  // id -> category that took it
  out->clear();
  for (size_t ci = 0; ci < categories.size(); ++ci) {
    Category& cat = categories[ci];
    std::string where = source + ":" + std::to_string(cat.line);
    std::string id = cat.id_base.empty()
                         ? "category_" + (cat.number.empty() ? std::to_string(ci + 1) : cat.number)
                         : cat.id_base;
    id = prefix + id;

    // Terms -> `terms:` entries (the loader's own term rules) or escaped regexes.
    std::vector<std::string> terms;
    std::vector<std::pair<std::string, std::string>> regexes;  // (regex, term)
    std::set<std::string> seen;
    for (const Term& term : cat.terms) {
      std::string twhere = source + ":" + std::to_string(term.line);
      std::string t = NormalizeTerm(term.text);
      if (t.empty()) {
        warn(twhere, "an empty term in category '" + cat.name + "' is skipped");
        continue;
      }
      // Something literal to match: not only wildcards, spaces, hyphens and apostrophes.
      bool literal = false;
      for (size_t i = 0; i < t.size() && !literal; ++i) {
        char c = t[i];
        bool wildcard = globs ? (c == '*' || c == '?') : (c == '*' && i + 1 == t.size());
        literal = !wildcard && c != ' ' && c != '-' && c != '\'';
      }
      if (!literal) {
        warn(twhere, "term '" + t + "' in category '" + cat.name +
                         "' has no literal character to match and is skipped");
        continue;
      }
      std::string regex = DictionaryTermToRegex(t, globs);
      if (!seen.insert(Lower(regex)).second) continue;  // a duplicate
      RE2 re(regex, re_opt);
      if (!re.ok()) {
        return Status::InvalidArgument(
            twhere, "term '" + t + "' gives an invalid pattern '" + regex + "': " + re.error());
      }
      if (TermToRegex(t) == regex) {
        terms.push_back(t);
      } else {
        regexes.emplace_back(regex, t);
      }
    }
    if (terms.empty() && regexes.empty()) {
      if (empty_is_error) {
        return Status::InvalidArgument(where, "empty category '" + cat.name + "': no terms");
      }
      warn(where, "category " + (cat.number.empty() ? "" : cat.number + " ") + "'" + cat.name +
                      "' has no terms; no theme is written for it");
      continue;
    }
    if (auto it = ids.find(id); it != ids.end()) {
      return Status::InvalidArgument(where, "categories '" + it->second->name + "' (line " +
                                                std::to_string(it->second->line) + ") and '" +
                                                cat.name + "' both become theme id '" + id + "'");
    }
    ids[id] = &cat;

    std::string label = OneLine(cat.name);
    std::string y;
    y += "# Imported by scrx from " + OneLine(base) + " (" + format + "), category " +
         (cat.number.empty() ? "" : cat.number + " ") + "\"" + label +
         "\": " + std::to_string(terms.size() + regexes.size()) + " terms.\n";
    y += "# One counted mention makes the theme present. Add examples (match, no_match) for\n";
    y += "# `scrx patterns test`; see patterns/README.md.\n";
    y += "id: " + id + "\n";
    y += "label: " + SingleQuoted(label) + "\n";
    y += "group: " + options.group + "\n";
    y += "definition: " +
         SingleQuoted("Imported from " + OneLine(base) + " (" + format + ") category " + label) +
         "\n";
    y += "threshold: 1.0\n";
    y += "match:\n";
    if (!terms.empty()) {
      y += "  - terms:\n";
      for (const std::string& t : terms) y += "      - " + Scalar(t) + "\n";
    }
    for (const auto& [regex, t] : regexes) {
      y += "  - regex: " + SingleQuoted(regex) + "  # " + t + "\n";
    }
    out->emplace_back(id + ".yaml", std::move(y));
  }
  if (out->empty()) {
    return Status::InvalidArgument(source, "no category with terms: nothing to import");
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// quanteda YAML.

class QuantedaReader {
 public:
  QuantedaReader(const std::string& source, std::vector<Category>* out,
                 std::vector<std::string>* warnings)
      : source_(source), out_(out), warnings_(warnings) {}

  // The categories of mapping `map` under `path`.
  Status Walk(const YAML::Node& map, const std::vector<std::string>& path, int depth) {
    if (depth > kMaxDepth) return Status::InvalidArgument(Where(map), "nesting is too deep");
    for (auto it = map.begin(); it != map.end(); ++it) {
      // Copies: the iterator's -> gives a temporary.
      const YAML::Node key = it->first;
      const YAML::Node value = it->second;
      if (!key.IsScalar()) {
        return Status::InvalidArgument(Where(key), "a category name must be text");
      }
      std::string name = key.as<std::string>();
      if (Trim(name).empty()) return Status::InvalidArgument(Where(key), "empty category name");
      std::vector<std::string> sub = path;
      sub.push_back(name);
      Category cat;
      cat.line = key.Mark().line + 1;
      for (size_t i = 0; i < sub.size(); ++i) cat.name += (i ? "." : "") + sub[i];
      std::string joined;
      for (size_t i = 0; i < sub.size(); ++i) joined += (i ? "_" : "") + sub[i];
      cat.id_base = ThemeIdFromName(joined);
      size_t slot = out_->size();  // the category comes before its subcategories
      out_->push_back(Category());
      bool children = false;
      if (value.IsMap()) {
        if (value.size() == 0) {
          return Status::InvalidArgument(Where(key), "empty category '" + cat.name + "'");
        }
        if (Status s = Walk(value, sub, depth + 1); !s.ok()) return s;
        children = true;
      } else if (value.IsSequence()) {
        if (value.size() == 0) {
          return Status::InvalidArgument(Where(key), "empty category '" + cat.name + "'");
        }
        for (const YAML::Node& item : value) {
          if (item.IsScalar()) {
            cat.terms.push_back({item.as<std::string>(), item.Mark().line + 1});
          } else if (item.IsMap()) {
            if (Status s = Walk(item, sub, depth + 1); !s.ok()) return s;
            children = true;
          } else if (item.IsNull()) {
            Warn(cat.line, "an empty term in category '" + cat.name + "' is skipped");
          } else {
            return Status::InvalidArgument(
                Where(item), "a term of category '" + cat.name + "' must be text, not a list");
          }
        }
      } else if (value.IsScalar()) {
        cat.terms.push_back({value.as<std::string>(), value.Mark().line + 1});
      } else {
        return Status::InvalidArgument(Where(key), "empty category '" + cat.name +
                                                       "': expected a list of terms or a "
                                                       "mapping of subcategories");
      }
      if (!cat.terms.empty() || !children) {
        (*out_)[slot] = std::move(cat);
      } else {
        out_->erase(out_->begin() + static_cast<std::ptrdiff_t>(slot));
      }
    }
    return Status::Ok();
  }

  std::string Where(const YAML::Node& n) const {
    return source_ + ":" + std::to_string(std::max(0, n.Mark().line) + 1);
  }

 private:
  void Warn(int line, const std::string& msg) {
    if (warnings_ != nullptr)
      warnings_->push_back(source_ + ":" + std::to_string(line) + ": " + msg);
  }

  const std::string& source_;
  std::vector<Category>* out_;
  std::vector<std::string>* warnings_;
};

// ---------------------------------------------------------------------------------------------
// LIWC .dic.

bool AllDigits(std::string_view s) {
  return !s.empty() && s.size() <= 9 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A LIWC2007 conditional entry ("<of>131/20", "(02", "134)131/125/464/253").
bool IsConditional(std::string_view token) {
  return token.find_first_of("()<>/") != std::string_view::npos;
}

}  // namespace

// ---------------------------------------------------------------------------------------------

std::string DictionaryTermToRegex(std::string_view term, bool globs) {
  std::string t(term);
  // A trailing '*' is a word ending (both formats), unless it is a whole word of a quanteda
  // phrase ("child *": one more word).
  bool standalone_end = globs && t.size() >= 2 && t.back() == '*' &&
                        (t[t.size() - 2] == ' ' || t[t.size() - 2] == '-');
  bool ending = !t.empty() && t.back() == '*' && !standalone_end;
  if (ending) t.pop_back();
  auto wordlike = [&](char c) { return IsAsciiWord(c) || (globs && c == '?'); };
  std::string out;
  if (!t.empty() && wordlike(t.front())) out += "\\b";
  bool space = false;
  for (size_t i = 0; i < t.size(); ++i) {
    char c = t[i];
    if (c == ' ' || c == '-') {
      space = true;
      continue;
    }
    if (space) {
      out += "[\\s\\-]+";
      space = false;
    }
    if (globs && c == '*') {
      bool whole = (i == 0 || t[i - 1] == ' ' || t[i - 1] == '-') &&
                   (i + 1 == t.size() || t[i + 1] == ' ' || t[i + 1] == '-');
      out += whole ? "\\w+" : "\\w*";
    } else if (globs && c == '?') {
      out += "\\w";
    } else if (c == '\'') {
      out += "'?";
    } else if (std::isalnum(static_cast<unsigned char>(c)) ||
               (static_cast<unsigned char>(c) & 0x80)) {
      out.push_back(c);
    } else {
      out.push_back('\\');
      out.push_back(c);
    }
  }
  if (ending) {
    out += "\\w*";
  } else if (!t.empty() && wordlike(t.back())) {
    out += "\\b";
  }
  return out;
}

std::string ThemeIdFromName(std::string_view name) {
  std::string id;
  bool gap = false;
  for (char ch : name) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      if (gap && !id.empty()) id.push_back('_');
      gap = false;
      id.push_back(c);
    } else {
      gap = true;
    }
  }
  return id;
}

Status QuantedaToThemes(const std::string& source, std::string_view text,
                        std::vector<ThemeFile>* out, std::vector<std::string>* warnings,
                        const ImportOptions& options) {
  out->clear();
  if (Status s = StripBom(source, &text); !s.ok()) return s;
  if (size_t bad = InvalidUtf8At(text); bad != std::string_view::npos) {
    return Status::InvalidArgument(source + ":" + std::to_string(LineAt(text, bad)),
                                   "not UTF-8 text: save the dictionary as UTF-8");
  }
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return Status::InvalidArgument(source + ":" + std::to_string(std::max(0, e.mark.line) + 1),
                                   "YAML error: " + e.msg);
  }
  if (!root.IsMap()) {
    std::string where = source + ":" + std::to_string(std::max(0, root.Mark().line) + 1);
    return Status::InvalidArgument(
        where, "not a mapping: a quanteda dictionary maps category names to lists of terms");
  }
  if (root.size() == 0) return Status::InvalidArgument(source + ":1", "no category");
  std::vector<Category> categories;
  QuantedaReader reader(source, &categories, warnings);
  if (Status s = reader.Walk(root, {}, 0); !s.ok()) return s;
  return BuildPack(source, "quanteda", /*globs=*/true, categories, /*empty_is_error=*/true, options,
                   out, warnings);
}

Status LiwcToThemes(const std::string& source, std::string_view text, std::vector<ThemeFile>* out,
                    std::vector<std::string>* warnings, const ImportOptions& options) {
  out->clear();
  auto where = [&](int line) { return source + ":" + std::to_string(line); };
  auto warn = [&](int line, const std::string& msg) {
    if (warnings != nullptr) warnings->push_back(where(line) + ": " + msg);
  };
  if (Status s = StripBom(source, &text); !s.ok()) return s;
  std::string converted;
  if (InvalidUtf8At(text) != std::string_view::npos) {
    converted = Cp1252ToUtf8(text);
    text = converted;
    warn(1, "not UTF-8 text: read as Windows-1252");
  }
  std::vector<std::string_view> lines = SplitLines(text);

  // Header: between the first two '%' lines.
  size_t i = 0;
  while (i < lines.size() && Trim(lines[i]).empty()) ++i;
  if (i == lines.size()) return Status::InvalidArgument(where(1), "empty dictionary");
  if (Trim(lines[i]) != "%") {
    return Status::InvalidArgument(
        where(static_cast<int>(i) + 1),
        "malformed header: a LIWC dictionary starts with a line '%', not '" +
            std::string(Trim(lines[i]).substr(0, 60)) + "'");
  }
  const int open_line = static_cast<int>(i) + 1;
  if (std::none_of(lines.begin() + static_cast<std::ptrdiff_t>(i) + 1, lines.end(),
                   [](std::string_view x) { return Trim(x) == "%"; })) {
    return Status::InvalidArgument(
        where(open_line), "malformed header: the '%' line is not followed by a closing '%' line");
  }
  std::vector<Category> categories;
  std::map<int, size_t> by_number;        // number -> index into categories
  std::map<std::string, size_t> by_name;  // lowercase name -> index
  bool closed = false;
  for (++i; i < lines.size(); ++i) {
    const int line = static_cast<int>(i) + 1;
    std::string_view l = Trim(lines[i]);
    if (l.empty()) continue;
    if (l == "%") {
      closed = true;
      ++i;
      break;
    }
    std::string number, name;
    if (l.find('\t') != std::string_view::npos) {
      // "1<TAB>family[<TAB>anything else]"
      std::vector<std::string> fields;
      size_t start = 0;
      while (start <= l.size()) {
        size_t end = std::min(l.find('\t', start), l.size());
        std::string_view f = Trim(l.substr(start, end - start));
        if (!f.empty()) fields.emplace_back(f);
        start = end + 1;
      }
      if (fields.size() >= 2) {
        number = fields[0];
        name = fields[1];
      }
    } else {
      std::vector<std::string> words = SplitWords(l);
      if (words.size() >= 2) {
        number = words[0];
        for (size_t w = 1; w < words.size(); ++w) name += (w > 1 ? " " : "") + words[w];
      }
    }
    if (!AllDigits(number) || name.empty()) {
      return Status::InvalidArgument(
          where(line), "malformed header line '" + std::string(l.substr(0, 60)) +
                           "': expected '<number><TAB><category name>' (or the closing '%')");
    }
    int n = std::stoi(number);
    if (auto it = by_number.find(n); it != by_number.end()) {
      return Status::InvalidArgument(
          where(line),
          "malformed header: category number " + std::to_string(n) + " is defined twice (lines " +
              std::to_string(categories[it->second].line) + " and " + std::to_string(line) + ")");
    }
    Category cat;
    cat.name = name;
    cat.id_base = ThemeIdFromName(name);
    cat.number = std::to_string(n);
    cat.line = line;
    by_number[n] = categories.size();
    by_name.emplace(Lower(name), categories.size());
    categories.push_back(std::move(cat));
  }
  if (!closed) {
    return Status::InvalidArgument(
        where(open_line), "malformed header: the '%' line is not followed by a closing '%' line");
  }
  if (categories.empty()) {
    return Status::InvalidArgument(where(open_line), "malformed header: no categories");
  }

  // Terms: "term<TAB>cat<TAB>cat..." (or separated by spaces).
  for (; i < lines.size(); ++i) {
    const int line = static_cast<int>(i) + 1;
    std::string_view l = Trim(lines[i]);
    if (l.empty()) continue;
    if (l == "%") {
      return Status::InvalidArgument(where(line),
                                     "unexpected '%' line: the header is already closed");
    }
    std::string term;
    std::vector<std::string> refs;
    if (l.find('\t') == std::string_view::npos && lines[i].find('\t') != std::string_view::npos) {
      // "term<TAB>" with nothing after the tab.
      return Status::InvalidArgument(where(line), "term '" + std::string(l) + "' has no category");
    }
    if (size_t tab = l.find('\t'); tab != std::string_view::npos) {
      term = std::string(Trim(l.substr(0, tab)));
      refs = SplitWords(l.substr(tab + 1));
    } else {
      // No tab: the category tokens are the trailing numbers, names or conditional entries.
      std::vector<std::string> words = SplitWords(l);
      size_t k = words.size();
      while (k > 1 && (AllDigits(words[k - 1]) || IsConditional(words[k - 1]) ||
                       by_name.count(Lower(words[k - 1])))) {
        --k;
      }
      for (size_t w = 0; w < k; ++w) term += (w ? " " : "") + words[w];
      refs.assign(words.begin() + static_cast<std::ptrdiff_t>(k), words.end());
      if (refs.empty()) {
        return Status::InvalidArgument(where(line),
                                       "no category after the term: '" + words.back() +
                                           "' is not a category number or name (expected "
                                           "'term<TAB>category...')");
      }
    }
    if (term.empty()) {
      return Status::InvalidArgument(where(line), "a line without a term before its categories");
    }
    if (refs.empty()) {
      return Status::InvalidArgument(where(line), "term '" + term + "' has no category");
    }
    bool conditional = false;
    for (const std::string& ref : refs) {
      size_t index;
      if (AllDigits(ref)) {
        auto it = by_number.find(std::stoi(ref));
        if (it == by_number.end()) {
          return Status::InvalidArgument(where(line), "unknown category number " + ref +
                                                          " (term '" + term +
                                                          "'): the header does not define it");
        }
        index = it->second;
      } else if (IsConditional(ref)) {
        conditional = true;
        continue;
      } else {
        auto it = by_name.find(Lower(ref));
        if (it == by_name.end()) {
          return Status::InvalidArgument(where(line), "unknown category '" + ref + "' (term '" +
                                                          term +
                                                          "'): the header does not define it");
        }
        index = it->second;
      }
      categories[index].terms.push_back({term, line});
    }
    if (conditional) {
      warn(line, "LIWC2007 conditional categories of '" + term +
                     "' are not supported and are skipped; its plain categories are kept");
    }
  }
  return BuildPack(source, "LIWC", /*globs=*/false, categories, /*empty_is_error=*/false, options,
                   out, warnings);
}

Status WriteThemeFiles(const std::vector<ThemeFile>& files, const std::string& out_dir,
                       bool overwrite, std::vector<std::string>* written) {
  std::vector<std::string> paths;
  for (const auto& [name, text] : files) {
    if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..") {
      return Status::InvalidArgument(name, "not a plain file name");
    }
    paths.push_back((fs::path(out_dir) / name).string());
  }
  if (!overwrite) {
    for (const std::string& p : paths) {
      std::error_code ec;
      if (fs::exists(p, ec)) {
        return Status::InvalidArgument(p, "already exists; pass --force to overwrite");
      }
    }
  }
  if (Status s = MakeDirs(out_dir); !s.ok()) return s;
  for (size_t i = 0; i < files.size(); ++i) {
    if (Status s = WriteFileAtomic(paths[i], files[i].second); !s.ok()) return s;
    if (written != nullptr) written->push_back(paths[i]);
  }
  return Status::Ok();
}

Status ImportDictionary(const std::string& path, std::string format, const std::string& out_dir,
                        bool overwrite, std::vector<std::string>* written,
                        std::vector<std::string>* warnings, const ImportOptions& options) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return Status::NotFound(path, "no such dictionary file");
  std::string text;
  if (Status s = ReadFile(path, &text); !s.ok()) return s;
  format = Lower(format);
  if (format.empty()) {
    std::string ext = Lower(fs::path(path).extension().string());
    if (ext == ".yml" || ext == ".yaml") {
      format = "quanteda";
    } else if (ext == ".dic") {
      format = "liwc";
    } else {
      std::string_view t = text;
      if (t.substr(0, 3) == "\xEF\xBB\xBF") t.remove_prefix(3);
      std::vector<std::string_view> lines = SplitLines(t.substr(0, 4096));
      auto first = std::find_if(lines.begin(), lines.end(),
                                [](std::string_view l) { return !Trim(l).empty(); });
      if (first != lines.end() && Trim(*first) == "%") {
        format = "liwc";
      } else {
        return Status::InvalidArgument(
            path,
            "cannot tell the dictionary format from the file name: give the format "
            "(quanteda or liwc)");
      }
    }
  }
  std::vector<ThemeFile> files;
  if (format == "quanteda") {
    if (Status s = QuantedaToThemes(path, text, &files, warnings, options); !s.ok()) return s;
  } else if (format == "liwc") {
    if (Status s = LiwcToThemes(path, text, &files, warnings, options); !s.ok()) return s;
  } else {
    return Status::InvalidArgument("format",
                                   "unknown dictionary format '" + format + "': quanteda or liwc");
  }

  // The pack must load as it will be loaded from out_dir.
  std::vector<ThemeFile> check;
  for (const auto& [name, yaml] : files) {
    check.emplace_back((fs::path(out_dir) / name).string(), yaml);
  }
  Status load;
  if (!PatternSet::FromStrings(check, &load)) {
    return Status::InvalidArgument(path,
                                   "the imported theme pack does not load (please report "
                                   "this): " +
                                       load.ToString());
  }

  if (warnings != nullptr) {
    // Ids of shipped themes: under --patterns an imported theme replaces the shipped one.
    std::set<std::string> ours;
    for (const auto& f : files) ours.insert(f.first);
    std::string shipped = DefaultPatternsDir();
    std::error_code dec;
    if (fs::is_directory(shipped, dec) &&
        fs::weakly_canonical(shipped, dec) != fs::weakly_canonical(out_dir, dec)) {
      std::set<std::string> shipped_ids;
      for (const auto& entry : fs::directory_iterator(shipped, dec)) {
        if (entry.path().extension() != ".yaml") continue;
        try {
          YAML::Node n = YAML::LoadFile(entry.path().string());
          if (n.IsMap() && n["id"] && n["id"].IsScalar()) {
            shipped_ids.insert(n["id"].as<std::string>());
          }
        } catch (const YAML::Exception&) {
        }
      }
      for (const auto& f : files) {
        std::string id = f.first.substr(0, f.first.size() - 5);
        if (shipped_ids.count(id)) {
          warnings->push_back((fs::path(out_dir) / f.first).string() + ": theme id '" + id +
                              "' is also a shipped theme, which this one replaces under "
                              "--patterns (an id prefix keeps both)");
        }
      }
    }
    // Other pattern files already in out_dir are loaded with the pack.
    if (fs::is_directory(out_dir, dec)) {
      int others = 0;
      for (const auto& entry : fs::directory_iterator(out_dir, dec)) {
        std::string ext = entry.path().extension().string();
        if ((ext == ".yaml" || ext == ".yml") && !ours.count(entry.path().filename().string())) {
          ++others;
        }
      }
      if (others > 0) {
        warnings->push_back(out_dir + ": holds " + std::to_string(others) +
                            " other *.yaml file(s), which --patterns loads with this pack");
      }
    }
  }
  return WriteThemeFiles(files, out_dir, overwrite, written);
}

}  // namespace scrx::tag
