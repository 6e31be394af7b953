// Key findings and learning points. Where: sections whose own title says findings, learning or
// lessons (else conclusions). What: headed findings (subsections, "Finding 1: ..."), labelled
// paragraphs ("Learning point 3"), bulleted or numbered points, or the section's paragraphs.
#include <re2/re2.h>

#include <algorithm>
#include <map>

#include "extract/extract.h"

namespace scrx::extract {
namespace {

constexpr size_t kMaxText = 2000;

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

bool IsFindingsTitle(const Section& s) { return s.title_kind == SectionKind::kFindings; }

// Findings inside one zone section and its subsections [begin, end).
void FromZone(const std::vector<Section>& sections, size_t zone, size_t end,
              std::vector<Finding>* out) {
  const Section& z = sections[zone];
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
      Finding f;
      Label l = ParseFindingLabel(sections[c].title);
      f.number = l.found ? l.number : sections[c].number;
      f.title = l.found && !l.title.empty() ? l.title : sections[c].title;
      for (size_t i = c; i < c_end; ++i) {
        for (const Paragraph& p : sections[i].paragraphs) {
          if (!f.text.empty()) f.text += " ";
          f.text += p.text;
        }
      }
      f.text = Clip(f.text);
      f.section_index = static_cast<int>(c);
      f.page = sections[c].page_start;
      out->push_back(std::move(f));
    }
    return;
  }
  const auto& paras = z.paragraphs;
  // (b) Labelled paragraphs.
  bool labelled = std::any_of(paras.begin(), paras.end(),
                              [](const Paragraph& p) { return ParseFindingLabel(p.text).found; });
  if (labelled) {
    for (const Paragraph& p : paras) {
      Label l = ParseFindingLabel(p.text);
      if (l.found) {
        Finding f;
        f.number = l.number;
        // The title is the label's first sentence when the paragraph runs on.
        size_t stop = l.title.find(". ");
        f.title = stop == std::string::npos || stop > 200 ? "" : l.title.substr(0, stop);
        f.text = l.title;
        f.section_index = static_cast<int>(zone);
        f.page = p.page;
        out->push_back(std::move(f));
      } else if (!out->empty() && out->back().section_index == static_cast<int>(zone)) {
        out->back().text = Clip(out->back().text + " " + p.text);
      }
    }
    return;
  }
  // (c) Bulleted or numbered points; nested bullets (set further in than the first level of
  // their column) belong to the point above them.
  std::vector<const Paragraph*> points;
  std::map<int, double> first_level;  // column -> left edge of its top-level items
  for (const Paragraph& p : paras) {
    if (p.kind != Paragraph::Kind::kListItem) continue;
    auto it = first_level.find(p.column);
    if (it == first_level.end() || p.x0 < it->second) first_level[p.column] = p.x0;
  }
  for (const Paragraph& p : paras) {
    if (p.kind == Paragraph::Kind::kListItem && p.x0 > first_level[p.column] + 4 &&
        !points.empty()) {
      continue;  // a sub-point: it belongs to the point above
    }
    if (p.kind == Paragraph::Kind::kListItem || p.kind == Paragraph::Kind::kNumbered) {
      points.push_back(&p);
    }
  }
  // Numbered paragraphs that only introduce a list ("4.1 The key themes were:") are not points.
  points.erase(
      std::remove_if(points.begin(), points.end(),
                     [](const Paragraph* p) { return !p->text.empty() && p->text.back() == ':'; }),
      points.end());
  if (points.empty()) {
    for (const Paragraph& p : paras) {
      if (p.kind == Paragraph::Kind::kText) points.push_back(&p);
    }
    // An opening sentence that announces the findings is not one.
    if (!points.empty() && points.front()->text.back() == ':') points.erase(points.begin());
  }
  for (const Paragraph* p : points) {
    Finding f;
    f.number = p->kind == Paragraph::Kind::kNumbered ? p->number : "";
    f.text = Clip(p->text);
    f.section_index = static_cast<int>(zone);
    f.page = p->page;
    out->push_back(std::move(f));
  }
}

}  // namespace

std::vector<Finding> ExtractFindings(const std::vector<Section>& sections) {
  std::vector<Finding> out;
  auto zones = [&](auto pred) {
    for (size_t i = 0; i < sections.size();) {
      if (!pred(sections[i])) {
        ++i;
        continue;
      }
      size_t end = i + 1;
      while (end < sections.size() && sections[end].level > sections[i].level) ++end;
      FromZone(sections, i, end, &out);
      i = end;
    }
  };
  zones(IsFindingsTitle);
  if (out.empty()) {
    zones([](const Section& s) { return s.title_kind == SectionKind::kConclusion; });
  }
  if (out.empty()) {
    // Reviews that set out their learning as headed parts of the analysis.
    for (size_t i = 0; i < sections.size(); ++i) {
      if (sections[i].title_kind != SectionKind::kAnalysis) continue;
      size_t end = i + 1;
      while (end < sections.size() && sections[end].level > sections[i].level) ++end;
      if (end > i + 1) FromZone(sections, i, end, &out);
      i = end - 1;
    }
  }
  // When the report numbers its findings ("Finding 3", "Learning point 2"), those are its key
  // findings; unlabelled points elsewhere ("What this means for practice") are not.
  bool labelled = std::any_of(out.begin(), out.end(), [](const Finding& f) {
    return !f.number.empty() && !f.title.empty();
  });
  if (labelled) {
    out.erase(
        std::remove_if(out.begin(), out.end(), [](const Finding& f) { return f.number.empty(); }),
        out.end());
  }
  return out;
}

}  // namespace scrx::extract
