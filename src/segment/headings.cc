// Headings: short blocks set apart by a larger size, bold weight or capitals, or by a section
// number, and confirmed by the contents page when there is one. Levels come from the number's
// depth, the contents page's indentation, or the rank of the heading's type style.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <set>

#include "layout/dehyphenate.h"
#include "segment/internal.h"
#include "segment/numbering.h"

namespace scrx::segment::internal {
namespace {

int WordCount(std::string_view s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    bool sp = c == ' ';
    if (!sp && !in) ++n;
    in = !sp;
  }
  return n;
}

bool IsAllCaps(std::string_view s) {
  int upper = 0, lower = 0;
  for (char c : s) {
    if (std::isupper(static_cast<unsigned char>(c))) ++upper;
    if (std::islower(static_cast<unsigned char>(c))) ++lower;
  }
  return upper >= 3 && lower == 0;
}

bool EndsLikeSentence(std::string_view s) {
  if (s.empty()) return false;
  char c = s.back();
  if (c != '.') return false;
  // "etc." or an abbreviation ("Ltd.") is not a sentence end; a heading like "1." is not text.
  return WordCount(s) > 2;
}

struct Candidate {
  size_t begin, end;
  bool whole_block = true;  // false: the first line of a longer block
  std::string text;
  double size;
  bool bold, caps;
  SectionNumber num;
  int contents_entry = -1;
  double x0;
};

// Index of the contents entry whose title matches `text`, or -1.
// The keys of a contents entry: its title, and its number and title.
struct EntryKeys {
  std::string title, full;
};

std::vector<EntryKeys> KeysOf(const ContentsResult& contents) {
  std::vector<EntryKeys> keys;
  for (const ContentsEntry& e : contents.entries) {
    keys.push_back(
        {TitleKey(e.title), TitleKey(e.number.empty() ? e.title : e.number + " " + e.title)});
  }
  return keys;
}

int MatchContents(const std::vector<EntryKeys>& entries, std::string_view text,
                  const SectionNumber& num, std::vector<bool>* used) {
  std::string key = TitleKey(num.found && !num.title.empty() ? num.title : text);
  std::string full = TitleKey(text);
  if (key.empty()) return -1;
  for (size_t i = 0; i < entries.size(); ++i) {
    if ((*used)[i]) continue;
    const std::string& ek = entries[i].title;
    const std::string& ef = entries[i].full;
    bool match = ek == key || ef == full || ek == full;
    // A long title may be cut short in the contents ("Analysis of the practice..."); accept a
    // prefix of at least four words.
    if (!match && ek.size() >= 20 && WordCount(ek) >= 4 &&
        (key.starts_with(ek) || ek.starts_with(key)) && WordCount(key) >= 4) {
      match = true;
    }
    if (match) {
      (*used)[i] = true;
      return static_cast<int>(i);
    }
  }
  return -1;
}

double Prominence(double size, bool bold, bool caps) {
  return std::round(size * 2) / 2 + (bold ? 0.6 : 0) + (caps ? 0.3 : 0);
}

}  // namespace

std::vector<Heading> FindHeadings(const std::vector<Item>& items, size_t from,
                                  const ContentsResult& contents, double body_size,
                                  std::vector<Warning>* warnings) {
  std::vector<Candidate> cands;
  // Candidates: whole text blocks of at most three lines of one style, and the first line of a
  // longer block when it carries a section number (a heading set in the body style).
  for (size_t i = from; i < items.size();) {
    if (i >= contents.begin && i < contents.end) {
      i = contents.end;
      continue;
    }
    const Item& it = items[i];
    if (it.is_table() || !it.block_start) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < items.size() && !items[j].block_start) ++j;
    size_t nlines = j - i;
    const Line& first = *it.line;
    bool uniform = true;
    for (size_t k = i + 1; k < j; ++k) {
      const Line& l = *items[k].line;
      uniform &= std::fabs(l.font_size - first.font_size) < 0.6 && l.bold == first.bold;
    }
    auto make = [&](size_t b, size_t e) {
      Candidate c{b, e, e == j, "", first.font_size, true, false, {}, -1, first.box.x0};
      std::vector<const Line*> lines;
      for (size_t k = b; k < e; ++k) {
        lines.push_back(items[k].line);
        c.bold &= items[k].line->bold;
      }
      c.text = layout::JoinLines(lines);
      c.caps = IsAllCaps(c.text);
      c.num = ParseSectionNumber(c.text);
      return c;
    };
    if (nlines <= 5 && uniform) {
      cands.push_back(make(i, j));
    } else if (nlines > 1) {
      Candidate c = make(i, i + 1);
      if (c.num.found) cands.push_back(c);
    }
    i = j;
  }

  std::vector<bool> used(contents.entries.size(), false);
  const std::vector<EntryKeys> entry_keys = KeysOf(contents);
  std::vector<Heading> out;
  auto accept = [&](const Candidate& c) {
    Heading h;
    h.begin = c.begin;
    h.end = c.end;
    h.numbered = c.num.found;
    h.number = c.num.found ? c.num.number : "";
    h.title = c.num.found ? c.num.title : c.text;
    if (h.title.empty()) h.title = c.text;                                  // "Appendix 1" alone
    h.level = c.num.found && c.num.numeric ? std::min(c.num.depth, 4) : 0;  // 0: decide later
    h.size = c.size;
    h.bold = c.bold;
    h.caps = c.caps;
    if (c.contents_entry >= 0) {
      h.in_contents = true;
      if (h.level == 0) h.level = contents.entries[static_cast<size_t>(c.contents_entry)].level;
    }
    out.push_back(std::move(h));
  };

  // Pass 1: style tells. A heading is short, does not read as a sentence, and is set larger,
  // bold or in capitals; or it is confirmed by the contents page.
  bool styled_headings = false;
  std::vector<Candidate> numbered_plain;
  static const RE2 kRecordLabel(R"((?i)^(recommendation|rec\.?|r)\s*\d)");
  static const RE2 kInnerSentence(R"(\S\S[.!?]\s+[A-Z])");
  for (Candidate& c : cands) {
    int words = WordCount(c.text);
    // A run-in heading (a bold lead-in followed by its paragraph) is not a heading: it holds a
    // sentence end in the middle, or its block runs on into a line that starts in lower case.
    std::string_view after_label = c.text;
    if (c.num.found && c.text.size() > c.num.number.size() + 2) {
      size_t title_at = c.text.find(c.num.title);
      if (title_at != std::string::npos) after_label = std::string_view(c.text).substr(title_at);
    }
    bool run_in =
        RE2::PartialMatch(re2::StringPiece(after_label.data(), after_label.size()), kInnerSentence);
    if (c.end < items.size() && !items[c.end].is_table()) {
      const std::string& next = items[c.end].text();
      char last = c.text.back();
      if (!next.empty() && std::islower(static_cast<unsigned char>(next[0])) &&
          (std::isalnum(static_cast<unsigned char>(last)) || last == '-' || last == ',')) {
        run_in = true;
      }
    }
    ListMarker lm = ParseListMarker(c.text);
    bool sentence = EndsLikeSentence(c.text) ||
                    std::count(c.text.begin(), c.text.end(), '.') - (c.num.numeric ? 1 : 0) >= 3;
    bool looks = words <= 20 && c.text.size() <= 160 && !sentence && (!lm.found || c.num.found);
    bool has_letters = std::any_of(c.text.begin(), c.text.end(), [](char ch) {
      return std::isalpha(static_cast<unsigned char>(ch));
    });
    if (!has_letters) continue;
    c.contents_entry =
        contents.entries.empty() ? -1 : MatchContents(entry_keys, c.text, c.num, &used);
    bool larger = c.size >= body_size + 0.9;
    if (c.contents_entry >= 0 && words <= 24) {
      styled_headings |= larger || c.bold || c.caps;
      accept(c);
      continue;
    }
    if (!looks || run_in || !c.whole_block) continue;
    if (RE2::PartialMatch(c.text, kRecordLabel)) continue;  // a recommendation, not a heading
    bool caps = c.caps && words <= 10;
    bool starts_upper = std::isupper(static_cast<unsigned char>(c.text[0])) ||
                        std::isdigit(static_cast<unsigned char>(c.text[0]));
    // Headings are never set smaller than the body text.
    bool not_smaller = c.size >= body_size - 0.6;
    int max_words = caps && !larger && !c.bold ? 12 : 22;
    if ((larger || c.bold || caps) && starts_upper && words <= max_words && not_smaller) {
      // A bold label that introduces a record ("Recommendation 1:", "Response:") with the record
      // text on the same line is not a heading; a bold line ending in ':' is a lead-in.
      if (c.text.back() == ':' && !larger) continue;
      styled_headings = true;
      accept(c);
      continue;
    }
    if (c.num.found && c.num.numeric && c.end - c.begin == 1 && words <= 12 &&
        c.text.back() != ':' && c.text.back() != ',') {
      numbered_plain.push_back(c);
    }
  }
  // Pass 2: numbered lines in the body style are headings only in documents that do not mark
  // headings by style, and only when their numbers run as a heading sequence (1, 2, 3 / 2.1).
  if (!styled_headings && contents.entries.empty()) {
    std::vector<int> last;
    for (const Candidate& c : numbered_plain) {
      std::vector<int> parts;
      for (size_t p = 0, q; p <= c.num.number.size(); p = q + 1) {
        q = c.num.number.find('.', p);
        if (q == std::string::npos) q = c.num.number.size();
        if (q > p) parts.push_back(std::stoi(c.num.number.substr(p, q - p)));
      }
      if (ContinuesSequence(last, parts, 0) || (last.empty() && parts.front() <= 2)) {
        accept(c);
        last = parts;
      }
    }
  }
  // Pass 3: a contents entry that matched no candidate names a heading set like body text (the
  // first line of a block, or a block of its own in the body style): find its line. The lines'
  // keys and which lines headings hold are worked out once, not once per entry.
  std::vector<std::string> line_keys;
  std::vector<char> taken;
  auto mark_taken = [&] {
    taken.assign(items.size(), 0);
    for (const Heading& h : out) {
      for (size_t i = h.begin; i < h.end && i < items.size(); ++i) taken[i] = 1;
    }
  };
  for (size_t e = 0; e < contents.entries.size(); ++e) {
    if (used[e]) continue;
    if (line_keys.empty()) {
      line_keys.resize(items.size());
      for (size_t i = from; i < items.size(); ++i) {
        if (!items[i].is_table() && items[i].block_start) line_keys[i] = TitleKey(items[i].text());
      }
      mark_taken();
    }
    const ContentsEntry& entry = contents.entries[e];
    std::string key = TitleKey(entry.title);
    std::string full = TitleKey(entry.number + " " + entry.title);
    for (size_t i = from; i < items.size(); ++i) {
      if (i >= contents.begin && i < contents.end) continue;
      const Item& it = items[i];
      if (it.is_table() || !it.block_start || taken[i]) continue;
      const std::string& k = line_keys[i];
      if (k != key && k != full) continue;
      Candidate c{i,
                  i + 1,
                  false,
                  it.text(),
                  it.line->font_size,
                  it.line->bold,
                  IsAllCaps(it.text()),
                  ParseSectionNumber(it.text()),
                  static_cast<int>(e),
                  it.line->box.x0};
      used[e] = true;
      accept(c);
      mark_taken();
      break;
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Heading& a, const Heading& b) { return a.begin < b.begin; });
  for (size_t e = 0; e < contents.entries.size(); ++e) {
    if (!used[e] && warnings != nullptr) {
      warnings->push_back({"contents_entry_not_found", 0,
                           "no heading in the text matches the contents entry \"" +
                               contents.entries[e].title + "\""});
    }
  }

  // Levels of unnumbered headings: the level of numbered headings in the same style, else by
  // prominence relative to the numbered (or contents-confirmed) headings.
  std::map<double, int> style_level;  // prominence -> smallest level seen with a known level
  for (const Heading& h : out) {
    if (h.level <= 0) continue;
    double p = Prominence(h.size, h.bold, h.caps);
    auto it = style_level.find(p);
    if (it == style_level.end() || h.level < it->second) style_level[p] = h.level;
  }
  std::set<double> proms;
  for (const Heading& h : out) proms.insert(Prominence(h.size, h.bold, h.caps));
  for (Heading& h : out) {
    if (h.level > 0) continue;
    double p = Prominence(h.size, h.bold, h.caps);
    auto it = style_level.find(p);
    if (it != style_level.end()) {
      h.level = it->second;
      continue;
    }
    if (!style_level.empty()) {
      // The deepest known level among styles more prominent than this one, plus one.
      int level = 0;
      for (const auto& [sp, lv] : style_level) {
        if (sp > p) level = std::max(level, lv);
      }
      h.level = std::min(level + 1, 4);
      if (level == 0) h.level = 1;
      continue;
    }
    // No anchor at all: rank of the style among heading styles.
    int rank = 0;
    for (auto r = proms.rbegin(); r != proms.rend() && *r > p; ++r) ++rank;
    h.level = std::min(rank + 1, 3);
  }
  return out;
}

}  // namespace scrx::segment::internal
