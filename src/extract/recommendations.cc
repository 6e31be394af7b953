// Recommendations as records. Where they are: sections of kind recommendations (and their
// subsections, one list each: "Police recommendations", "National recommendations"), labelled
// paragraphs anywhere ("Recommendation 3:" after "Finding 3"), and action plan tables when the
// report has no other list. What they look like: labelled paragraphs, numbered paragraphs or
// list items, table rows with a Recommendation column.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>

#include "extract/extract.h"

namespace scrx::extract {
namespace {

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\n");
  size_t e = s.find_last_not_of(" \t\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// "Recommendation 3:", "Recommendation 3 -", "Rec 3.", "R3", "R3:" at the start of a text.
struct Label {
  bool found = false;
  std::string number;  // "3", "R3", "2b"
  std::string rest;
};

Label ParseLabel(std::string_view text) {
  static const RE2 kLong(
      R"((?i)^(?:national |local |partnership |single[- ]agency |multi[- ]agency )?(?:recommendation|rec\.?)\s*(\d{1,2}(?:\.\d{1,2})?[a-z]?)\s*[:.)\-]?\s*(.*)$)");
  static const RE2 kShort(R"(^R\s?(\d{1,2}[a-z]?)\s*[:.)\-]?\s+(.*)$)");
  Label l;
  // kLong starts with n, l, p, s, m or r (any case), kShort with R: most lines do not.
  if (text.empty() || std::string_view("nlpsmrNLPSMR").find(text[0]) == std::string_view::npos) {
    return l;
  }
  std::string num, rest;
  re2::StringPiece in(text.data(), text.size());
  if (RE2::FullMatch(in, kLong, &num, &rest)) {
    l.found = true;
    l.number = num;
    l.rest = rest;
  } else if (RE2::FullMatch(in, kShort, &num, &rest)) {
    l.found = true;
    l.number = "R" + num;
    l.rest = rest;
  }
  return l;
}

// Whether a text reads as a recommendation: a modal of obligation, or an imperative opening.
bool ReadsAsRecommendation(std::string_view text) {
  static const RE2 kModal(
      R"((?i)\b(should|must|needs? to|is asked to|are asked to|is recommended|are recommended|ought to|will (?:ensure|develop|review|seek|make|provide|agree|establish|work|consider|audit|publish|relaunch|commission|promote|revise|update|introduce))\b)");
  static const RE2 kImperative(
      R"((?i)^(ensure|develop|review|consider|establish|provide|audit|seek|promote|raise|produce|update|commission|publish|revise|implement|introduce|agree|write|request|support|strengthen|clarify|embed|evaluate|undertake|share|require|create|extend|set up|make|issue|improve)\b)");
  re2::StringPiece in(text.data(), text.size());
  return RE2::PartialMatch(in, kModal) || RE2::PartialMatch(in, kImperative);
}

// A response or assurance printed after a recommendation: a label ("Response:", "Board
// response"), or an account of what has been done (perfect or past tense, no modal).
bool ReadsAsResponse(const Paragraph& p) {
  static const RE2 kLabel(
      R"((?i)^(?:(?:the )?(?:board|partnership|lscb|lscp|sab|csp|panel|agency|council|trust)(?:'s)? )?(?:response|update|progress|assurance|action taken|actions taken|comment|outcome)s?\b)");
  static const RE2 kDone(
      R"((?i)\b(has|have|had|was|were)\s+(\w+\s+){0,2}(\w+ed|been|done|made|taken|given|written|seen|held|begun|sent|set)\b)");
  if (p.italic) return true;
  re2::StringPiece in(p.text);
  if (RE2::PartialMatch(in, kLabel)) return true;
  if (ReadsAsRecommendation(p.text)) return false;
  // The first clause tells: "The LSCB has received ongoing assurance ...".
  std::string head = p.text.substr(0, std::min<size_t>(p.text.size(), 90));
  return RE2::PartialMatch(head, kDone);
}

// Strips a leading list number from a table cell or paragraph: "1 The Partnership..." -> "1".
std::string LeadingNumber(std::string* text) {
  static const RE2 kNum(R"(^((?:R\s?)?\d{1,2}(?:\.\d{1,2})?[a-z]?)[.):]?\s+(\S.*)$)");
  std::string num, rest;
  if (RE2::FullMatch(*text, kNum, &num, &rest)) {
    *text = rest;
    num.erase(std::remove(num.begin(), num.end(), ' '), num.end());
    return num;
  }
  return "";
}

std::string CleanMarker(std::string m) {
  // "(a)" -> "a", "a)" -> "a", "iv." -> "iv", "1." -> "1"
  m.erase(
      std::remove_if(m.begin(), m.end(), [](char c) { return c == '(' || c == ')' || c == '.'; }),
      m.end());
  return m;
}

bool IsBulletMarker(const std::string& m) {
  return m == "\xE2\x80\xA2" || m == "-" || m == "*" || m == "o" || m == ">";
}

struct Builder {
  std::vector<Recommendation> out;
  std::optional<Recommendation> cur;
  bool cur_takes_subitems = false;  // a labelled recommendation may hold a list of sub-points

  void Flush() {
    if (!cur) return;
    cur->text = Trim(cur->text);
    cur->response = Trim(cur->response);
    if (!cur->text.empty()) {
      if (cur->addressee.empty()) cur->addressee = FindAddressee(cur->text);
      if (!cur->addressee.empty()) cur->addressee_kind = AddresseeKind(cur->addressee, cur->text);
      out.push_back(std::move(*cur));
    }
    cur.reset();
  }

  void Start(const std::string& list, const std::string& number, const std::string& text,
             const Paragraph& p, int section) {
    Flush();
    Recommendation r;
    r.list = list;
    r.number = number;
    r.text = text;
    r.page_start = p.page;
    r.page_end = p.page_end;
    r.section_index = section;
    cur = std::move(r);
  }

  void Append(const Paragraph& p, const std::string& text, bool response) {
    if (!cur) return;
    std::string& target = response ? cur->response : cur->text;
    if (!target.empty()) target += " ";
    target += text;
    cur->page_end = std::max(cur->page_end, p.page_end);
  }
};

int ColumnIndex(const std::vector<std::string>& header, const RE2& re) {
  for (size_t c = 0; c < header.size(); ++c) {
    if (RE2::PartialMatch(header[c], re)) return static_cast<int>(c);
  }
  return -1;
}

// Rows of a recommendations table. Returns false when the table has no recommendation column.
bool TableRows(const Paragraph& p, const std::string& list, int section, bool in_rec_section,
               Builder* b) {
  if (p.table.empty()) return false;
  static const RE2 kRec(R"((?i)recommendation)");
  static const RE2 kLead(
      R"((?i)\b(lead|agency|agencies|responsib|owner|by whom|who|organisation|addressee)\b)");
  static const RE2 kNum(R"((?i)^\s*(no\.?|number|ref\.?|#|rec\.? ?no\.?)\s*$)");
  static const RE2 kAction(
      R"((?i)\b(action|progress|response|update|rag|status|timescale|target|date|by when|evidence|outcome)\b)");
  const std::vector<std::string>& header = p.table.front();
  int rec_col = ColumnIndex(header, kRec);
  int lead_col = ColumnIndex(header, kLead);
  int num_col = ColumnIndex(header, kNum);
  size_t first_row = 1;
  if (rec_col < 0) {
    if (!in_rec_section) return false;
    // A table without a header naming its columns: the widest text column holds the
    // recommendations.
    size_t best = 0;
    std::vector<size_t> len(header.size(), 0);
    for (const auto& row : p.table) {
      for (size_t c = 0; c < row.size() && c < len.size(); ++c) len[c] += row[c].size();
    }
    for (size_t c = 1; c < len.size(); ++c) {
      if (len[c] > len[best]) best = c;
    }
    rec_col = static_cast<int>(best);
    // The first row is a header when all its cells are short labels.
    bool short_cells = std::all_of(header.begin(), header.end(),
                                   [](const std::string& c) { return c.size() < 40; });
    first_row = short_cells ? 1 : 0;
  }
  if (rec_col == lead_col) lead_col = -1;
  // A recommendation column that holds only numbers (an action plan that refers back to a list):
  // the action column is not a recommendation.
  bool numbers_only = true;
  for (size_t r = first_row; r < p.table.size(); ++r) {
    const std::string& cell = static_cast<size_t>(rec_col) < p.table[r].size()
                                  ? p.table[r][static_cast<size_t>(rec_col)]
                                  : "";
    std::string t = cell;
    std::string n = LeadingNumber(&t);
    if (!(n.size() > 0 && (t.empty() || t == cell)) && !cell.empty() && cell.size() > 4)
      numbers_only = false;
  }
  if (numbers_only) return false;
  for (size_t r = first_row; r < p.table.size(); ++r) {
    const auto& row = p.table[r];
    auto cell = [&](int c) {
      return c >= 0 && static_cast<size_t>(c) < row.size() ? row[static_cast<size_t>(c)]
                                                           : std::string();
    };
    std::string text = cell(rec_col);
    if (text.empty()) continue;
    // A row that repeats the header on a continuation page.
    if (r > 0 && row == header) continue;
    std::string number = num_col >= 0 ? cell(num_col) : "";
    std::string lead_number = LeadingNumber(&text);
    if (number.empty()) number = lead_number;
    Label l = ParseLabel(text);
    if (l.found) {
      if (number.empty()) number = l.number;
      text = l.rest;
    }
    b->Start(list, Trim(number), text, p, section);
    if (lead_col >= 0 && !cell(lead_col).empty()) {
      // "Eastmere LSCB with Northbank Hospitals NHS Trust": the first body named leads.
      std::string lead = cell(lead_col);
      static const RE2 kJoint(R"(\s+(?:with|working with|in partnership with|supported by)\s+.*$)");
      RE2::Replace(&lead, kJoint, "");
      b->cur->addressee = lead;
    }
  }
  b->Flush();
  return true;
}

bool IsRecSection(const Section& s) { return s.kind == SectionKind::kRecommendations; }

}  // namespace

std::vector<Recommendation> ExtractRecommendations(const std::vector<Section>& sections) {
  Builder b;
  std::vector<size_t> action_plans;
  for (size_t si = 0; si < sections.size(); ++si) {
    const Section& s = sections[si];
    if (s.kind == SectionKind::kActionPlan) {
      action_plans.push_back(si);
      continue;
    }
    bool rec_section = IsRecSection(s);
    // The list a recommendation belongs to: its section's title ("Police recommendations").
    std::string list = s.title;
    for (const Paragraph& p : s.paragraphs) {
      if (p.kind == Paragraph::Kind::kTable) {
        b.Flush();
        TableRows(p, list, static_cast<int>(si), rec_section, &b);
        continue;
      }
      Label label = ParseLabel(p.text);
      // A label with only a short title ("Recommendation 1: Education") heads a group whose
      // numbered items (1a, 1b) are the recommendations.
      if (label.found && !label.rest.empty() && !ReadsAsRecommendation(label.rest) &&
          std::count(label.rest.begin(), label.rest.end(), ' ') < 8) {
        label.rest.clear();
      }
      // A numbered paragraph that is itself labelled "Recommendation 3: ..." (printed numbers
      // are on the paragraph; the label follows).
      if (label.found && !label.rest.empty()) {
        b.Start(list, label.number, label.rest, p, static_cast<int>(si));
        b.cur_takes_subitems = true;
        continue;
      }
      if (label.found && label.rest.empty()) {
        // A bold label on its own line ("Recommendation 1: Education" was cut by segmentation,
        // or "Recommendation 2" alone): the next paragraph is its text.
        b.Start(list, label.number, "", p, static_cast<int>(si));
        b.cur_takes_subitems = true;
        continue;
      }
      if (!rec_section) {
        // Outside a recommendations section only labelled paragraphs are recommendations, with
        // the paragraphs that continue them up to the next heading.
        if (b.cur && b.cur->section_index == static_cast<int>(si) &&
            ReadsAsRecommendation(p.text) && p.kind != Paragraph::Kind::kNumbered) {
          b.Append(p, p.text, false);
        } else {
          b.Flush();
        }
        continue;
      }
      bool numbered = p.kind == Paragraph::Kind::kNumbered;
      bool list_item = p.kind == Paragraph::Kind::kListItem;
      // A paragraph that only introduces the recommendations ("The recommendations below are
      // addressed to ...") is not one.
      static const RE2 kIntro(
          R"((?i)^(?:the |this |these |our |\w+ )?(?:following |(?:review|panel|reviewer)(?:'s)? )?(?:makes? |has made |offers? )?(?:\w+ )?recommendations?\b|recommendations (?:below|that follow|are|were)\b)");
      if ((numbered || p.kind == Paragraph::Kind::kText) &&
          RE2::PartialMatch(p.text.substr(0, 120), kIntro) && FindAddressee(p.text).empty()) {
        b.Flush();
        continue;
      }
      // "1a The Department for Education should ...": a printed number the paragraph parser did
      // not take (letters after digits).
      if (p.kind == Paragraph::Kind::kText) {
        std::string text = p.text;
        std::string number = LeadingNumber(&text);
        if (!number.empty() && ReadsAsRecommendation(text)) {
          std::string parent_list = b.cur && b.cur->text.empty() ? b.cur->list : list;
          if (b.cur && b.cur->text.empty()) b.cur.reset();
          b.Start(parent_list, number, text, p, static_cast<int>(si));
          b.cur_takes_subitems = false;
          continue;
        }
      }
      bool lettered = list_item && !IsBulletMarker(p.number);
      if (numbered || lettered) {
        // "1a The Department ..." as a printed paragraph number is parsed as "1" + "a The ...".
        std::string number = numbered ? p.number : CleanMarker(p.number);
        std::string text = p.text;
        if (lettered && b.cur && b.cur_takes_subitems && !b.cur->text.empty() &&
            b.cur->text.back() == ':') {
          // Sub-points of a recommendation that introduced them with a colon.
          b.Append(p, "(" + number + ") " + text, false);
          continue;
        }
        if (ReadsAsRecommendation(text) || (b.cur && b.cur_takes_subitems && b.cur->text.empty())) {
          if (b.cur && b.cur->text.empty() && b.cur_takes_subitems) {
            // The text of a label printed on its own line: "Recommendation 1: Education" then
            // "1a The Department ... should": the numbered items are the recommendations.
            std::string parent_list = b.cur->list;
            b.cur.reset();
            b.Start(parent_list, number, text, p, static_cast<int>(si));
          } else {
            b.Start(list, number, text, p, static_cast<int>(si));
          }
          b.cur_takes_subitems = false;
          continue;
        }
        if (b.cur) b.Append(p, text, ReadsAsResponse(p));
        continue;
      }
      if (list_item) {
        if (b.cur && b.cur->text.empty()) {
          b.Append(p, p.text, false);
        } else if (b.cur && !b.cur->text.empty() &&
                   (b.cur->text.back() == ':' || b.cur_takes_subitems)) {
          b.Append(p, p.text, false);
        } else if (ReadsAsRecommendation(p.text) && !FindAddressee(p.text).empty()) {
          // Unnumbered recommendations as bullets: "• The Partnership should ...".
          b.Start(list, "", p.text, p, static_cast<int>(si));
        } else if (b.cur) {
          b.Append(p, p.text, false);
        }
        continue;
      }
      // Plain paragraphs: a recommendation's text when a label stood alone, a response, or the
      // continuation of the recommendation.
      if (b.cur && b.cur->text.empty()) {
        b.Append(p, p.text, false);
      } else if (b.cur && ReadsAsResponse(p)) {
        b.Append(p, p.text, true);
      } else if (b.cur && !b.cur->response.empty()) {
        b.Append(p, p.text, true);
      } else if (b.cur && ReadsAsRecommendation(p.text) && !FindAddressee(p.text).empty() &&
                 b.cur->text.back() == '.') {
        // A further unnumbered recommendation.
        b.Start(list, "", p.text, p, static_cast<int>(si));
      } else if (b.cur) {
        b.Append(p, p.text, false);
      } else if (ReadsAsRecommendation(p.text) && !FindAddressee(p.text).empty() &&
                 p.text.find("recommendation") == std::string::npos) {
        b.Start(list, "", p.text, p, static_cast<int>(si));
      }
    }
    b.Flush();
  }
  // An action plan is read only when the report has no other list of recommendations.
  if (b.out.empty()) {
    for (size_t si : action_plans) {
      for (const Paragraph& p : sections[si].paragraphs) {
        if (p.kind == Paragraph::Kind::kTable)
          TableRows(p, sections[si].title, static_cast<int>(si), true, &b);
      }
    }
  }
  return std::move(b.out);
}

}  // namespace scrx::extract
