// Developer tool: prints what the layout stage makes of a PDF (blocks, lines, furniture).
#include <cstdio>
#include <cstring>
#include <iostream>

#include "layout/layout.h"
#include "pdf/pdf_reader.h"
#include "segment/section_kind.h"
#include "segment/segment.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: scrx-dump-layout FILE.pdf\n");
    return 2;
  }
  scrx::RawDocument raw;
  scrx::Status s = scrx::pdf::ReadPdf(argv[1], {}, &raw);
  if (!s.ok()) {
    std::fprintf(stderr, "%s\n", s.ToString().c_str());
    return 1;
  }
  scrx::LaidOutDocument doc = scrx::layout::BuildLayout(raw);
  if (argc > 2 && std::strcmp(argv[2], "--segment") == 0) {
    scrx::SegmentedDocument seg = scrx::segment::Segment(doc);
    for (const auto& e : seg.contents)
      std::cout << "TOC L" << e.level << " [" << e.number << "] " << e.title << " .. " << e.page
                << "\n";
    for (const auto& w : seg.warnings) std::cout << "WARN " << w.code << " " << w.message << "\n";
    for (const auto& s : seg.sections) {
      std::cout << "## L" << s.level << " [" << s.number << "] " << s.title << "  {"
                << scrx::SectionKindName(s.kind) << "} p" << s.page_start << "-" << s.page_end
                << (s.in_contents ? " (toc)" : "") << "\n";
      for (const auto& p : s.paragraphs)
        std::cout << "   <" << p.id << "> p" << p.page << " "
                  << p.text.substr(0, argc > 3 ? 100000 : 110) << "\n";
    }
    return 0;
  }
  std::cout << "body size " << doc.body_font_size << "\n";
  for (const auto& f : doc.furniture) {
    std::cout << "FURNITURE p" << f.page << " kind=" << static_cast<int>(f.kind) << " | " << f.text
              << "\n";
  }
  for (const auto& p : doc.pages) {
    std::cout << "=== page " << p.number << " columns=" << p.columns << "\n";
    for (const auto& b : p.blocks) {
      if (b.kind == scrx::Block::Kind::kTable) {
        std::cout << "  [table]\n";
        for (const auto& r : b.rows) {
          std::cout << "    row" << (r.header ? "(h)" : "") << ":";
          for (const auto& c : r.cells) std::cout << " | " << c.text;
          std::cout << "\n";
        }
        continue;
      }
      std::cout << "  [block col=" << b.column << "]\n";
      for (const auto& l : b.lines) {
        std::cout << "    " << (l.bold ? "B" : " ") << l.font_size << " x"
                  << static_cast<int>(l.box.x0) << " y" << static_cast<int>(l.box.y0) << " end"
                  << static_cast<int>(l.end) << " | " << l.text << "\n";
      }
    }
  }
  return 0;
}
