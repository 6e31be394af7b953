#include "output/text_view.h"

#include "segment/section_kind.h"

namespace scrx::output {

std::string RenderText(const Review& r) {
  std::string out;
  for (const Section& s : r.sections) {
    out += std::string(static_cast<size_t>(std::max(1, s.level)) + 1, '#') + " ";
    if (!s.number.empty()) out += s.number + " ";
    out += s.title.empty() ? "(untitled)" : s.title;
    out += "  [" + std::string(SectionKindName(s.kind)) + ", page" +
           (s.page_start == s.page_end
                ? " " + std::to_string(s.page_start)
                : "s " + std::to_string(s.page_start) + "-" + std::to_string(s.page_end)) +
           "]\n";
    for (const Paragraph& p : s.paragraphs) {
      out += "[" + p.id + "] ";
      if (p.kind == Paragraph::Kind::kTable) {
        out += "(table)\n";
        for (const auto& row : p.table) {
          out += "    ";
          for (size_t c = 0; c < row.size(); ++c) out += (c ? " | " : "") + row[c];
          out += "\n";
        }
        continue;
      }
      if (p.kind == Paragraph::Kind::kListItem && !p.number.empty()) out += p.number + " ";
      out += p.text + "\n";
    }
    out += "\n";
  }
  if (!r.furniture.empty()) {
    out += "-- removed as page furniture (running headers, footers, page numbers, footnotes):\n";
    for (const FurnitureItem& f : r.furniture)
      out += "   p" + std::to_string(f.page) + ": " + f.text + "\n";
  }
  return out;
}

}  // namespace scrx::output
