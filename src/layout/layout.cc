#include "layout/layout.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "layout/internal.h"

namespace scrx::layout {
namespace {

// The most common font size of the document, weighted by characters.
double BodyFontSize(const RawDocument& raw) {
  std::map<double, size_t> chars;
  for (const RawPage& p : raw.pages) {
    for (const Word& w : p.words) chars[std::round(w.font_size * 2) / 2] += w.text.size();
  }
  double best = 0;
  size_t n = 0;
  for (const auto& [size, c] : chars) {
    if (c > n) {
      n = c;
      best = size;
    }
  }
  return best;
}

std::string RowsText(const RawPage& page, const std::vector<internal::Row>& rows,
                     const std::vector<int>& which) {
  std::string out;
  for (int r : which) {
    std::vector<int> words = rows[static_cast<size_t>(r)].markers;
    const auto& rw = rows[static_cast<size_t>(r)].words;
    words.insert(words.end(), rw.begin(), rw.end());
    std::sort(words.begin(), words.end(), [&](int a, int b) {
      return page.words[static_cast<size_t>(a)].box.x0 < page.words[static_cast<size_t>(b)].box.x0;
    });
    if (!out.empty()) out.push_back(' ');
    out += internal::WordsText(page, words);
  }
  return out;
}

}  // namespace

LaidOutDocument BuildLayout(const RawDocument& raw, const LayoutOptions& options) {
  LaidOutDocument doc;
  doc.body_font_size = BodyFontSize(raw);

  std::vector<std::vector<internal::Row>> rows(raw.pages.size());
  for (size_t p = 0; p < raw.pages.size(); ++p) {
    int rotated = 0;
    rows[p] = internal::BuildRows(raw.pages[p], &rotated);
    if (rotated > 0) {
      doc.warnings.push_back({"rotated_text", raw.pages[p].number,
                              std::to_string(rotated) + " words not upright were skipped"});
    }
  }
  std::vector<std::vector<int>> furniture =
      internal::FindFurniture(raw.pages, rows, &doc.furniture);

  for (size_t p = 0; p < raw.pages.size(); ++p) {
    const RawPage& page = raw.pages[p];
    LaidOutPage out;
    out.number = page.number;
    out.width = page.width;
    out.height = page.height;
    out.word_count = static_cast<int>(page.words.size());
    std::vector<internal::Row> body;
    const std::vector<int>& drop = furniture[p];
    for (size_t r = 0; r < rows[p].size(); ++r) {
      if (!std::binary_search(drop.begin(), drop.end(), static_cast<int>(r))) {
        body.push_back(rows[p][r]);
      }
    }
    std::vector<int> notes = internal::FindFootnotes(page, body, doc.body_font_size);
    if (!notes.empty()) {
      FurnitureItem item;
      item.kind = FurnitureItem::Kind::kFootnote;
      item.page = page.number;
      item.text = RowsText(page, body, notes);
      item.box = body[static_cast<size_t>(notes.front())].box;
      doc.furniture.push_back(std::move(item));
      body.resize(static_cast<size_t>(notes.front()));
    }
    out.blocks = internal::BuildBlocks(page, body, doc.body_font_size, &out.columns);
    doc.pages.push_back(std::move(out));
  }
  std::stable_sort(doc.furniture.begin(), doc.furniture.end(),
                   [](const FurnitureItem& a, const FurnitureItem& b) { return a.page < b.page; });

  // De-hyphenation: learn the document's vocabulary, then decide every line end in reading
  // order (a word may break across blocks, columns and pages).
  Vocabulary vocab;
  std::vector<Line*> flow;
  for (LaidOutPage& page : doc.pages) {
    for (Block& block : page.blocks) {
      for (Line& l : block.lines) {
        vocab.AddLineText(l.text);
        flow.push_back(&l);
      }
      for (TableRow& row : block.rows) {
        for (TableCell& cell : row.cells) {
          for (Line& l : cell.lines) vocab.AddLineText(l.text);
        }
      }
    }
  }
  for (size_t i = 0; i + 1 < flow.size(); ++i) {
    flow[i]->end = DecideLineEnd(flow[i]->text, flow[i + 1]->text, vocab, options.lexicon);
  }
  for (LaidOutPage& page : doc.pages) {
    for (Block& block : page.blocks) {
      for (TableRow& row : block.rows) {
        for (TableCell& cell : row.cells) {
          std::vector<const Line*> ls;
          for (size_t i = 0; i < cell.lines.size(); ++i) {
            if (i + 1 < cell.lines.size()) {
              cell.lines[i].end =
                  DecideLineEnd(cell.lines[i].text, cell.lines[i + 1].text, vocab, options.lexicon);
            }
            ls.push_back(&cell.lines[i]);
          }
          cell.text = JoinLines(ls);
        }
      }
    }
  }
  return doc;
}

}  // namespace scrx::layout
