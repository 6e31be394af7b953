// Paragraphs: numbered paragraphs (4.1, 12.), list items (bullets, (a), i.), tables and plain
// paragraphs, with paragraphs that run over a page or column break joined back together.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>

#include "layout/dehyphenate.h"
#include "segment/internal.h"
#include "segment/numbering.h"

namespace scrx::segment::internal {
namespace {

bool EndsSentence(std::string_view s) {
  while (!s.empty() &&
         (s.back() == '"' || s.back() == '\'' || s.back() == ')' || s.back() == ' ')) {
    s.remove_suffix(1);
  }
  if (s.empty()) return false;
  char c = s.back();
  return c == '.' || c == '!' || c == '?' || c == ':' || c == ';';
}

struct Open {
  Paragraph para;
  std::vector<const Line*> lines;
  std::string first_text;  // the first line without its number or marker
  double first_x0 = 0;
  double cont_x0 = -1;  // x of the continuation lines (hanging indent), -1 until seen
  int column = 0;
};

std::string OpenText(const Open& o) {
  std::string text;
  layout::AppendLine(&text, o.first_text, Line::End::kSpace);
  for (size_t i = 1; i < o.lines.size(); ++i) {
    layout::AppendLine(&text, o.lines[i]->text, o.lines[i - 1]->end);
  }
  return text;
}

std::string UniqueId(std::string id, int section_index, ParagraphState* state) {
  if (std::find(state->used_ids.begin(), state->used_ids.end(), id) != state->used_ids.end()) {
    id = "s" + std::to_string(section_index) + ":" + id;
    int n = 2;
    std::string base = id;
    while (std::find(state->used_ids.begin(), state->used_ids.end(), id) != state->used_ids.end()) {
      id = base + "~" + std::to_string(n++);
    }
  }
  state->used_ids.push_back(id);
  return id;
}

int SectionNumberValue(const Section& s) {
  if (s.number.empty() || !std::isdigit(static_cast<unsigned char>(s.number[0]))) return 0;
  return std::atoi(s.number.c_str());
}

}  // namespace

void BuildParagraphs(const std::vector<Item>& items, size_t begin, size_t end, int section_index,
                     Section* section, ParagraphState* state) {
  std::optional<Open> cur;
  int section_num = SectionNumberValue(*section);
  int parent = -1;  // index in section->paragraphs of the paragraph list items belong to
  int list_ordinal = 0;

  auto close = [&] {
    if (!cur) return;
    Paragraph p = std::move(cur->para);
    p.text = OpenText(*cur);
    p.page = cur->lines.front()->page;
    p.page_end = cur->lines.back()->page;
    p.x0 = cur->first_x0;
    p.column = cur->column;
    size_t italic_lines = 0;
    for (const Line* l : cur->lines) italic_lines += l->italic;
    p.italic = italic_lines * 2 > cur->lines.size();
    if (p.kind == Paragraph::Kind::kListItem && parent >= 0) {
      p.id = UniqueId(section->paragraphs[static_cast<size_t>(parent)].id + "/" +
                          std::to_string(++list_ordinal),
                      section_index, state);
    } else if (p.kind == Paragraph::Kind::kNumbered) {
      p.id = UniqueId(p.number, section_index, state);
    } else {
      p.id = UniqueId("p" + std::to_string(++state->text_count), section_index, state);
    }
    if (p.kind != Paragraph::Kind::kListItem) {
      parent = static_cast<int>(section->paragraphs.size());
      list_ordinal = 0;
    }
    if (!p.text.empty()) section->paragraphs.push_back(std::move(p));
    cur.reset();
  };

  auto start = [&](const Item& it, Paragraph::Kind kind, std::string number, std::string rest) {
    close();
    cur.emplace();
    cur->para.kind = kind;
    cur->para.number = std::move(number);
    cur->lines.push_back(it.line);
    cur->first_text = std::move(rest);
    cur->first_x0 = it.line->box.x0;
    cur->column = it.block->column;
  };

  for (size_t i = begin; i < end; ++i) {
    const Item& it = items[i];
    if (it.is_table()) {
      close();
      std::vector<std::vector<std::string>> rows;
      for (const TableRow& r : it.block->rows) {
        std::vector<std::string> cells;
        for (const TableCell& c : r.cells) cells.push_back(c.text);
        rows.push_back(std::move(cells));
      }
      // A table continued from the previous page: same columns, first block of a new page.
      if (!section->paragraphs.empty()) {
        Paragraph& prev = section->paragraphs.back();
        if (prev.kind == Paragraph::Kind::kTable && prev.page_end < it.page &&
            !prev.table.empty() && !rows.empty() &&
            prev.table.front().size() == rows.front().size()) {
          size_t r0 = 0;
          if (rows.front() == prev.table.front()) r0 = 1;  // repeated header row
          for (size_t r = r0; r < rows.size(); ++r) {
            // The first row on the new page continues the last row when its first cell is empty
            // or carries on a sentence (starts in lower case).
            bool continues_row =
                r == r0 && !rows[r].empty() &&
                (rows[r][0].empty() || std::islower(static_cast<unsigned char>(rows[r][0][0])));
            if (continues_row) {
              auto& last = prev.table.back();
              for (size_t c = 0; c < last.size() && c < rows[r].size(); ++c) {
                if (rows[r][c].empty()) continue;
                last[c] += last[c].empty() ? rows[r][c] : " " + rows[r][c];
              }
            } else {
              prev.table.push_back(rows[r]);
            }
          }
          prev.page_end = it.page;
          prev.text.clear();
          for (const auto& row : prev.table) {
            std::string line;
            for (const std::string& c : row) {
              if (c.empty()) continue;
              if (!line.empty()) line += " | ";
              line += c;
            }
            if (!prev.text.empty()) prev.text += "\n";
            prev.text += line;
          }
          continue;
        }
      }
      Paragraph p;
      p.kind = Paragraph::Kind::kTable;
      p.page = p.page_end = it.page;
      p.table = std::move(rows);
      for (const TableRow& r : it.block->rows) {
        if (!p.text.empty()) p.text += "\n";
        p.text += RowText(r);
      }
      p.id = UniqueId("p" + std::to_string(++state->text_count), section_index, state);
      parent = static_cast<int>(section->paragraphs.size());
      list_ordinal = 0;
      section->paragraphs.push_back(std::move(p));
      continue;
    }

    const Line& line = *it.line;
    const std::string& text = line.text;
    ParaNumber pn = ParseParagraphNumber(text);
    ListMarker lm = ParseListMarker(text);
    bool in_sequence = pn.found && ContinuesSequence(state->last_number, pn.parts, section_num);

    if (cur && !it.block_start) {
      // Within a block: the hanging indent of a numbered paragraph is where its wrapped lines
      // start.
      if (cur->lines.size() == 1 && cur->cont_x0 < 0) cur->cont_x0 = line.box.x0;
    }
    if (cur && it.block_start) {
      const Line& last = *cur->lines.back();
      bool moved = it.page != last.page || it.block->column != cur->column;
      bool same_style = std::fabs(line.font_size - last.font_size) < 0.6 && line.bold == last.bold;
      bool new_start = lm.found || in_sequence;
      bool hanging = cur->cont_x0 >= 0 && std::fabs(cur->cont_x0 - cur->first_x0) > 5 &&
                     std::fabs(line.box.x0 - cur->cont_x0) < 2;
      bool lower = std::islower(static_cast<unsigned char>(line.text[0])) != 0;
      // A paragraph runs on over a page or column break; and a block that starts in lower case
      // after a line that did not end a sentence continues it wherever it is.
      bool same_size = std::fabs(line.font_size - last.font_size) < 0.6;
      if (!new_start && ((same_style && moved && (!EndsSentence(last.text) || hanging)) ||
                         (same_size && lower && !EndsSentence(last.text)))) {
        cur->lines.push_back(&line);
        continue;
      }
    }

    if (it.block_start) {
      if (pn.found && pn.parts.front() < 1000 &&
          (in_sequence || pn.parts.size() >= 2 || pn.parts.front() <= 300)) {
        start(it, Paragraph::Kind::kNumbered, pn.number, pn.rest);
        state->last_number = pn.parts;
      } else if (lm.found) {
        start(it, Paragraph::Kind::kListItem, lm.marker, lm.rest);
      } else {
        start(it, Paragraph::Kind::kText, "", text);
      }
      continue;
    }
    // Mid-block: a new paragraph starts only on clear evidence.
    const Line* prev = cur ? cur->lines.back() : nullptr;
    bool prev_end = prev != nullptr && EndsSentence(prev->text);
    bool cur_is_list = cur && cur->para.kind == Paragraph::Kind::kListItem;
    static const RE2 kRecordLabel(
        R"((?i)^(?:recommendation|finding|key finding|learning point|lesson|rec\.?)\s*\d{1,2}[a-z]?\s*[:.)\-])");
    if (in_sequence) {
      start(it, Paragraph::Kind::kNumbered, pn.number, pn.rest);
      state->last_number = pn.parts;
    } else if (cur && prev_end && RE2::PartialMatch(text, kRecordLabel)) {
      // A labelled record ("Recommendation 3: ...") after a finished sentence starts anew.
      start(it, Paragraph::Kind::kText, "", text);
    } else if (lm.found && (lm.marker == "\xE2\x80\xA2" || prev_end || cur_is_list)) {
      start(it, Paragraph::Kind::kListItem, lm.marker, lm.rest);
    } else if (cur && prev_end && prev->box.x1 < it.block->box.x1 - 0.2 * it.block->box.width() &&
               std::isupper(static_cast<unsigned char>(text[0])) &&
               !(cur->cont_x0 >= 0 && std::fabs(line.box.x0 - cur->cont_x0) < 2 &&
                 std::fabs(cur->cont_x0 - cur->first_x0) > 5)) {
      // The previous line stopped short after a sentence and this one starts a new sentence at
      // the margin: a paragraph break without vertical space.
      start(it, Paragraph::Kind::kText, "", text);
    } else if (cur) {
      cur->lines.push_back(&line);
    } else {
      start(it, Paragraph::Kind::kText, "", text);
    }
  }
  close();
}

}  // namespace scrx::segment::internal
