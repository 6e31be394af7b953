// Key findings and learning points. Where: sections whose own title says findings, learning or
// lessons (else conclusions, else headed parts of the analysis). What: headed findings
// (subsections, "Finding 1: ..."), labelled paragraphs ("Learning point 3"), bulleted or
// numbered points with their sub-points, or the section's paragraphs.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "extract/extract.h"

namespace scrx::extract {
namespace {

constexpr size_t kMaxText = 2000;
// A label's remainder up to this length can be a finding's title; longer, it is text.
constexpr size_t kMaxTitle = 200;

struct Label {
  bool found = false;
  std::string number, title;
};

// "Finding 3: Title", "Learning point 2 - Title", "Lesson 4.", "Key finding 1".
Label ParseFindingLabel(std::string_view text) {
  static const RE2 kLabel(
      R"((?i)^(?:key |systemic |practice )?(?:finding|learning point|learning|lesson|theme)\s*(\d{1,2}[a-z]?)\s*[:.)\-]?\s*(.*)$)");
  Label l;
  std::string num, rest;
  if (RE2::FullMatch(re2::StringPiece(text.data(), text.size()), kLabel, &num, &rest)) {
    l.found = true;
    l.number = num;
    l.title = rest;
  }
  return l;
}

std::string Clip(std::string s) {
  if (s.size() > kMaxText) {
    size_t cut = s.rfind(' ', kMaxText);
    s = s.substr(0, cut == std::string::npos ? kMaxText : cut) + " ...";
  }
  return s;
}

// "Agencies did not share information." -> "Agencies did not share information".
std::string WithoutFullStop(std::string s) {
  while (!s.empty() && (s.back() == '.' || s.back() == ' ')) s.pop_back();
  return s;
}

// The title a labelled paragraph gives: its first sentence, when that is short enough to be one.
std::string TitleOf(const std::string& remainder) {
  size_t stop = remainder.find(". ");
  std::string first = stop == std::string::npos ? remainder : remainder.substr(0, stop);
  return first.size() > kMaxTitle ? "" : WithoutFullStop(first);
}

// A numbered paragraph that only announces the findings listed after it ("6.2 Two further themes
// emerged:", "4.1 The key lessons were:") rather than making a point with sub-points of its own
// ("7.3 Three things stood out in particular:").
bool AnnouncesFindings(const std::string& text) {
  static const RE2 kAnnounce(
      R"((?i)\b(findings?|themes?|learning|lessons?|issues|conclusions|messages|points)\b)");
  return !text.empty() && text.back() == ':' && RE2::PartialMatch(text, kAnnounce);
}

// A finding with what the ranking of findings needs to know about it.
struct Found {
  Finding finding;
  bool labelled = false;  // a true finding label ("Finding 2", "Lesson 4"), not a section number
};

bool IsFindingsTitle(const Section& s) { return s.title_kind == SectionKind::kFindings; }

// One point and the sub-points that belong to it; its text reads as one line: each sub-point
// follows after a space, with "; " where the item before it ends without punctuation of its own.
std::string PointText(const Paragraph& point, const std::vector<const Paragraph*>& subs) {
  std::string text = point.text;
  for (const Paragraph* s : subs) {
    if (s->text.empty()) continue;
    char last = text.empty() ? ' ' : text.back();
    if (!text.empty() && std::string_view(".;:,!?").find(last) == std::string_view::npos) {
      text += ";";
    }
    if (!text.empty()) text += " ";
    // Lettered or numbered sub-points keep their marker ("(a) ..."); bullets do not.
    bool marker = std::any_of(s->number.begin(), s->number.end(),
                              [](unsigned char c) { return std::isalnum(c); });
    if (marker) text += s->number + " ";
    text += s->text;
  }
  return text;
}

// Findings inside one zone section and its subsections [zone, end).
void FromZone(const std::vector<Section>& sections, size_t zone, size_t end,
              std::vector<Found>* out) {
  const Section& z = sections[zone];
  // (0) A zone whose own heading is a finding label ("Finding 2: Plans drifted") is one finding:
  // its text is the section's paragraphs and those of its subsections.
  if (Label l = ParseFindingLabel(z.title); l.found) {
    Found f;
    f.labelled = true;
    f.finding.number = l.number;
    f.finding.title = l.title.empty() ? z.title : WithoutFullStop(l.title);
    for (size_t i = zone; i < end; ++i) {
      for (const Paragraph& p : sections[i].paragraphs) {
        if (!f.finding.text.empty()) f.finding.text += " ";
        f.finding.text += p.text;
      }
    }
    f.finding.text = Clip(f.finding.text);
    f.finding.section_index = static_cast<int>(zone);
    f.finding.page = z.page_start;
    out->push_back(std::move(f));
    return;
  }
  // (a) Subsections: each direct child is a finding.
  std::vector<size_t> children;
  int child_level = 0;
  for (size_t i = zone + 1; i < end; ++i) {
    if (child_level == 0) child_level = sections[i].level;
    if (sections[i].level == child_level) children.push_back(i);
  }
  // Subsections that are good practice, recommendations or the like are not findings; when
  // some subsections are labelled findings ("Finding 2: ..."), only those are.
  auto specific = [&](size_t c) {
    SectionKind k = sections[c].title_kind;
    return k != SectionKind::kFindings && k != SectionKind::kOther && k != SectionKind::kAnalysis;
  };
  bool any_labelled = std::any_of(children.begin(), children.end(), [&](size_t c) {
    return ParseFindingLabel(sections[c].title).found;
  });
  std::vector<size_t> kept;
  for (size_t c : children) {
    if (specific(c) || (any_labelled && !ParseFindingLabel(sections[c].title).found)) continue;
    kept.push_back(c);
  }
  if (!children.empty() && !kept.empty()) {
    for (size_t k = 0; k < children.size(); ++k) {
      if (std::find(kept.begin(), kept.end(), children[k]) == kept.end()) continue;
      size_t c = children[k];
      size_t c_end = k + 1 < children.size() ? children[k + 1] : end;
      Found f;
      Label l = ParseFindingLabel(sections[c].title);
      f.labelled = l.found;
      f.finding.number = l.found ? l.number : sections[c].number;
      f.finding.title = l.found && !l.title.empty() ? WithoutFullStop(l.title) : sections[c].title;
      for (size_t i = c; i < c_end; ++i) {
        for (const Paragraph& p : sections[i].paragraphs) {
          if (!f.finding.text.empty()) f.finding.text += " ";
          f.finding.text += p.text;
        }
      }
      f.finding.text = Clip(f.finding.text);
      f.finding.section_index = static_cast<int>(c);
      f.finding.page = sections[c].page_start;
      out->push_back(std::move(f));
    }
    return;
  }
  const auto& paras = z.paragraphs;
  // (b) Labelled paragraphs. A label that runs on ("Finding 1: Title. Text ...") has its first
  // sentence as title and the whole remainder as text; a label that stands alone as a short
  // paragraph ("Finding 1: Professional curiosity about men") is the title, and the paragraphs
  // after it are the text. Paragraphs up to the next label belong to the finding above.
  bool labelled = std::any_of(paras.begin(), paras.end(),
                              [](const Paragraph& p) { return ParseFindingLabel(p.text).found; });
  if (labelled) {
    size_t first = out->size();
    std::string remainder;    // the current label paragraph's text after the label
    bool title_only = false;  // it is only a title: its text is the paragraphs after it
    auto finish = [&] {
      if (out->size() == first) return;
      Finding& f = out->back().finding;
      if (f.text.empty()) f.text = remainder;  // nothing followed the title: it is the text too
      f.text = Clip(f.text);
    };
    for (const Paragraph& p : paras) {
      Label l = ParseFindingLabel(p.text);
      if (l.found) {
        finish();
        Found f;
        f.labelled = true;
        f.finding.number = l.number;
        f.finding.title = TitleOf(l.title);
        remainder = l.title;
        title_only = l.title.find(". ") == std::string::npos && l.title.size() <= kMaxTitle;
        if (!title_only) f.finding.text = l.title;
        f.finding.section_index = static_cast<int>(zone);
        f.finding.page = p.page;
        out->push_back(std::move(f));
      } else if (out->size() > first) {
        std::string& text = out->back().finding.text;
        if (!text.empty()) text += " ";
        text += p.text;
      }
    }
    finish();
    return;
  }
  // (c) Bulleted or numbered points, each with its sub-points: bullets nested further in than
  // the first level of their column belong to the point above them, and so do the bullets under
  // a numbered paragraph that ends with ":" ("7.3 Three things stood out:"). A point that only
  // announces the findings ("6.2 Two further themes emerged:") is not one: the points after it
  // are. Nor is any point that ends with ":" with no sub-points of its own.
  struct Point {
    const Paragraph* head;
    std::vector<const Paragraph*> subs;
  };
  std::vector<Point> points;
  std::map<int, double> first_level;  // column -> left edge of its top-level items
  for (const Paragraph& p : paras) {
    if (p.kind != Paragraph::Kind::kListItem) continue;
    auto it = first_level.find(p.column);
    if (it == first_level.end() || p.x0 < it->second) first_level[p.column] = p.x0;
  }
  bool under_numbered = false;  // list items now follow a numbered point that ends with ":"
  size_t floor = 0;             // points before this one take no more sub-points
  for (const Paragraph& p : paras) {
    bool item = p.kind == Paragraph::Kind::kListItem;
    if (item && points.size() > floor && (under_numbered || p.x0 > first_level[p.column] + 4)) {
      points.back().subs.push_back(&p);  // a sub-point: it belongs to the point above
      continue;
    }
    under_numbered = false;
    if (!item && p.kind != Paragraph::Kind::kNumbered) continue;
    bool colon = !p.text.empty() && p.text.back() == ':';
    if (!item && AnnouncesFindings(p.text)) {
      floor = points.size();  // the points after it are the findings
      continue;
    }
    points.push_back({&p, {}});
    under_numbered = colon && !item;
  }
  // A point that ends with ":" but has no sub-points introduces what follows it.
  points.erase(std::remove_if(points.begin(), points.end(),
                              [](const Point& pt) {
                                return pt.subs.empty() && !pt.head->text.empty() &&
                                       pt.head->text.back() == ':';
                              }),
               points.end());
  if (points.empty()) {
    for (const Paragraph& p : paras) {
      if (p.kind == Paragraph::Kind::kText) points.push_back({&p, {}});
    }
    // An opening sentence that announces the findings is not one.
    if (!points.empty() && !points.front().head->text.empty() &&
        points.front().head->text.back() == ':') {
      points.erase(points.begin());
    }
  }
  for (const Point& pt : points) {
    Found f;
    f.finding.number = pt.head->kind == Paragraph::Kind::kNumbered ? pt.head->number : "";
    f.finding.text = Clip(PointText(*pt.head, pt.subs));
    f.finding.section_index = static_cast<int>(zone);
    f.finding.page = pt.head->page;
    out->push_back(std::move(f));
  }
}

// The top-level section that section `i` belongs to.
size_t RootOf(const std::vector<Section>& sections, size_t i) {
  size_t root = i;
  for (size_t j = i; j-- > 0;) {
    if (sections[j].level < sections[root].level) root = j;
  }
  return root;
}

// Whether section `i` only restates or applies findings set out elsewhere: an executive summary
// or a part of one, a summary or overview of the findings, their implications for practice.
bool Restates(const std::vector<Section>& sections, size_t i) {
  static const RE2 kRestates(
      R"((?i)\b(summary|overview|implications?|what (this|these|the findings?|the learning|it) means?|at a glance|in brief)\b)");
  int level = sections[i].level + 1;
  for (size_t j = i + 1; j-- > 0;) {
    const Section& s = sections[j];
    if (s.level >= level) continue;  // not an ancestor of section i (nor section i itself)
    level = s.level;
    if (s.title_kind == SectionKind::kExecutiveSummary || RE2::PartialMatch(s.title, kRestates)) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<Finding> ExtractFindings(const std::vector<Section>& sections) {
  std::vector<Found> found;
  auto zones = [&](auto pred) {
    for (size_t i = 0; i < sections.size();) {
      if (!pred(sections[i])) {
        ++i;
        continue;
      }
      size_t end = i + 1;
      while (end < sections.size() && sections[end].level > sections[i].level) ++end;
      FromZone(sections, i, end, &found);
      i = end;
    }
  };
  zones(IsFindingsTitle);
  if (found.empty()) {
    zones([](const Section& s) { return s.title_kind == SectionKind::kConclusion; });
  }
  if (found.empty()) {
    // Reviews that set out their learning as headed parts of the analysis.
    for (size_t i = 0; i < sections.size(); ++i) {
      if (sections[i].title_kind != SectionKind::kAnalysis) continue;
      size_t end = i + 1;
      while (end < sections.size() && sections[end].level > sections[i].level) ++end;
      if (end > i + 1) FromZone(sections, i, end, &found);
      i = end - 1;
    }
  }
  // Labelled findings ("Finding 3", "Key finding 2", "Learning point 2", "Lesson 4") are the
  // report's key findings: unlabelled points in the same top-level section, or in a part that
  // only restates them ("What this means for practice", the executive summary), are not. Section
  // numbers ("5.1 Working with fathers") are not labels, and another section of learning points
  // elsewhere in the report is kept.
  std::vector<size_t> labelled_roots;
  for (const Found& f : found) {
    if (!f.labelled) continue;
    labelled_roots.push_back(RootOf(sections, static_cast<size_t>(f.finding.section_index)));
  }
  std::vector<Finding> out;
  for (Found& f : found) {
    if (!f.labelled && !labelled_roots.empty()) {
      size_t at = static_cast<size_t>(f.finding.section_index);
      size_t root = RootOf(sections, at);
      if (std::find(labelled_roots.begin(), labelled_roots.end(), root) != labelled_roots.end() ||
          Restates(sections, at)) {
        continue;
      }
    }
    out.push_back(std::move(f.finding));
  }
  return out;
}

}  // namespace scrx::extract
