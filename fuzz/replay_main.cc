// Replays fuzz inputs through the fuzz entry points without libFuzzer, so that the seed corpora
// and every saved crash reproducer run in the normal test suite (any compiler, with or without
// sanitizers). Also makes seeds from PDFs.
//
//   scrx_fuzz_replay TARGET PATH...        run every file under PATH (files or folders)
//   scrx_fuzz_replay --words PDF FIRST-LAST  print a "layout" seed: the words of those pages
//   scrx_fuzz_replay --text PDF FIRST-LAST   print an "analyze" seed: their text, marked up
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_entry.h"
#include "layout/layout.h"
#include "pdf/pdf_reader.h"

namespace {

namespace fs = std::filesystem;

int Usage() {
  std::fprintf(stderr,
               "usage: scrx_fuzz_replay layout|analyze|tag|patterns PATH...\n"
               "       scrx_fuzz_replay --words|--text PDF FIRST-LAST\n");
  return 2;
}

bool ReadPdfOrComplain(const std::string& path, scrx::RawDocument* raw) {
  scrx::Status s = scrx::pdf::ReadPdf(path, {}, raw);
  if (!s.ok()) std::fprintf(stderr, "%s\n", s.ToString().c_str());
  return s.ok();
}

// The laid-out text of `raw` in the "analyze" markup (fuzz/fuzz_entry.cc).
std::string MarkUp(const scrx::RawDocument& raw) {
  scrx::LaidOutDocument laid = scrx::layout::BuildLayout(raw);
  std::string out;
  if (!raw.info.title.empty()) out += "@T " + raw.info.title + "\n";
  for (const scrx::FurnitureItem& f : laid.furniture) {
    if (f.page != 2) continue;
    if (f.kind == scrx::FurnitureItem::Kind::kHeader) out += "@H " + f.text + "\n";
    if (f.kind == scrx::FurnitureItem::Kind::kFooter) out += "@F " + f.text + "\n";
    if (f.kind == scrx::FurnitureItem::Kind::kPageNumber) out += "@F Page #\n";
  }
  auto prefix = [&laid](const scrx::Line& l) -> std::string {
    double body = laid.body_font_size > 0 ? laid.body_font_size : 11;
    if (l.font_size >= body * 1.5) return "# ";
    if (l.font_size >= body * 1.2) return "## ";
    if (l.bold && l.font_size > body * 1.05) return "### ";
    if (l.bold) return "**";
    if (l.italic) return "_";
    return "";
  };
  for (const scrx::LaidOutPage& page : laid.pages) {
    if (page.number > 1) out += "\f";
    for (const scrx::Block& b : page.blocks) {
      if (b.kind == scrx::Block::Kind::kTable) {
        for (const scrx::TableRow& row : b.rows) {
          std::string cells;
          for (const scrx::TableCell& c : row.cells) {
            if (!cells.empty()) cells += "|";
            cells += c.text;
          }
          out += (row.header ? "**" : "") + cells + "\n";
        }
      } else {
        for (const scrx::Line& l : b.lines) {
          int indent = std::clamp(static_cast<int>((l.box.x0 - 72) / 9), 0, 8);
          out += prefix(l) + std::string(static_cast<size_t>(indent), ' ') + l.text + "\n";
        }
      }
      out += "\n";
    }
  }
  return out;
}

std::vector<fs::path> Inputs(const std::vector<std::string>& paths) {
  std::vector<fs::path> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> found;
      for (const auto& e : fs::recursive_directory_iterator(p, ec)) {
        if (e.is_regular_file() && e.path().filename().string().front() != '.') {
          found.push_back(e.path());
        }
      }
      std::sort(found.begin(), found.end());
      out.insert(out.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      out.emplace_back(p);
    }
    // A folder that does not exist (no reproducers saved yet) is nothing to replay.
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 3 && (args[0] == "--words" || args[0] == "--text")) {
    scrx::RawDocument raw;
    if (!ReadPdfOrComplain(args[1], &raw)) return 1;
    // Keep pages FIRST to LAST, numbered from 1.
    int first = std::stoi(args[2]), last = first;
    if (std::size_t dash = args[2].find('-'); dash != std::string::npos) {
      last = std::stoi(args[2].substr(dash + 1));
    }
    std::vector<scrx::RawPage> kept;
    for (scrx::RawPage& p : raw.pages) {
      if (p.number < first || p.number > last) continue;
      p.number = static_cast<int>(kept.size()) + 1;
      kept.push_back(std::move(p));
    }
    raw.pages = std::move(kept);
    raw.info.pages = static_cast<int>(raw.pages.size());
    std::string seed = args[0] == "--words" ? scrx::fuzz::EncodeWords(raw, 1 << 20) : MarkUp(raw);
    std::fwrite(seed.data(), 1, seed.size(), stdout);
    return 0;
  }
  if (args.size() < 2) return Usage();
  scrx::fuzz::EntryFn entry = scrx::fuzz::FindEntry(args[0]);
  if (entry == nullptr) return Usage();
  std::vector<fs::path> files = Inputs({args.begin() + 1, args.end()});
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // On a crash the last name printed is the culprit.
    std::fprintf(stderr, "%s: %s (%zu bytes)\n", args[0].c_str(), f.string().c_str(), data.size());
    entry(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
  }
  std::printf("%s: %zu inputs replayed\n", args[0].c_str(), files.size());
  if (files.empty()) {
    std::fprintf(stderr, "no inputs found\n");
    return 1;
  }
  return 0;
}
