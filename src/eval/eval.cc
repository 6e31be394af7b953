#include "eval/eval.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "app/pipeline.h"
#include "segment/section_kind.h"

namespace scrx::eval {
namespace fs = std::filesystem;
namespace {

std::string Key(std::string_view text) {
  std::string out;
  bool space = false;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      if (space && !out.empty()) out.push_back(' ');
      space = false;
      out.push_back(static_cast<char>(std::tolower(c)));
    } else if (c != '\'') {
      space = true;
    }
  }
  return out;
}

// Words for the hyphenation check: lower case, quotes and dashes folded, outer punctuation off.
std::vector<std::string> Tokens(std::string_view text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    size_t b = 0, e = cur.size();
    while (b < e && !std::isalnum(static_cast<unsigned char>(cur[b])) &&
           (static_cast<unsigned char>(cur[b]) < 0x80))
      ++b;
    while (e > b && !std::isalnum(static_cast<unsigned char>(cur[e - 1])) &&
           (static_cast<unsigned char>(cur[e - 1]) < 0x80))
      --e;
    std::string t = cur.substr(b, e - b);
    if (std::any_of(t.begin(), t.end(),
                    [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })) {
      for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.push_back(t);
    }
    cur.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '/' || c == '|') {
      flush();
      continue;
    }
    // Fold typographic quotes and dashes the way layout normalises them.
    if (static_cast<unsigned char>(c) == 0xE2 && i + 2 < text.size()) {
      unsigned char b1 = static_cast<unsigned char>(text[i + 1]),
                    b2 = static_cast<unsigned char>(text[i + 2]);
      if (b1 == 0x80 && (b2 == 0x98 || b2 == 0x99)) {
        cur.push_back('\'');
        i += 2;
        continue;
      }
      if (b1 == 0x80 && (b2 == 0x93 || b2 == 0x94 || b2 == 0x90 || b2 == 0x91)) {
        flush();
        i += 2;
        continue;
      }
    }
    cur.push_back(c);
  }
  flush();
  return out;
}

std::string TopQuote(const ThemeResult& t) {
  if (t.evidence.empty()) return "";
  const Evidence& e = t.evidence.front();
  std::string q = "p" + std::to_string(e.page) + " [" + e.paragraph_id + "] \"" + e.sentence + "\"";
  if (!e.counted)
    q += " (not counted: " + e.not_counted + (e.negated ? ", cue '" + e.negation_cue + "'" : "") +
         ")";
  return q;
}

void CompareSections(const nlohmann::json& gold, const Review& r, FileEval* fe) {
  const auto& gs = gold.at("sections");
  fe->gold_sections = static_cast<int>(gs.size());
  fe->our_sections = static_cast<int>(r.sections.size());
  std::vector<bool> used(r.sections.size(), false);
  size_t from = 0;
  for (const auto& g : gs) {
    std::string kind = g.value("kind", "other");
    std::string title = g["title"].is_string() ? g["title"].get<std::string>() : "";
    std::string number =
        g.contains("number") && g["number"].is_string() ? g["number"].get<std::string>() : "";
    std::string gk = Key(title), gfull = Key(number + " " + title);
    int hit = -1;
    for (size_t pass = 0; pass < 2 && hit < 0; ++pass) {
      for (size_t i = pass == 0 ? from : 0; i < r.sections.size(); ++i) {
        if (used[i]) continue;
        const Section& s = r.sections[i];
        bool match = kind == "cover"
                         ? s.kind == SectionKind::kCover
                         : (Key(s.title) == gk || Key(s.number + " " + s.title) == gfull ||
                            (!gk.empty() && Key(s.title) == gfull));
        if (match) {
          hit = static_cast<int>(i);
          break;
        }
      }
    }
    std::string label =
        (number.empty() ? "" : number + " ") + (title.empty() ? "(" + kind + ")" : title);
    if (hit < 0) {
      fe->missed.push_back(label + " {" + kind + "}");
      continue;
    }
    used[static_cast<size_t>(hit)] = true;
    from = static_cast<size_t>(hit) + 1;
    ++fe->matched;
    const Section& s = r.sections[static_cast<size_t>(hit)];
    if (std::string(SectionKindName(s.kind)) == kind) {
      ++fe->kind_ok;
    } else {
      fe->kind_mismatch.push_back(label + ": " + std::string(SectionKindName(s.kind)) + ", gold " +
                                  kind);
    }
    if (s.level == g.value("level", 1)) {
      ++fe->level_ok;
    } else {
      fe->level_mismatch.push_back(label + ": level " + std::to_string(s.level) + ", gold " +
                                   std::to_string(g.value("level", 1)));
    }
  }
  for (size_t i = 0; i < r.sections.size(); ++i) {
    if (used[i]) continue;
    const Section& s = r.sections[i];
    fe->invented.push_back((s.number.empty() ? "" : s.number + " ") + s.title + " {" +
                           std::string(SectionKindName(s.kind)) + "} p" +
                           std::to_string(s.page_start));
  }
}

void CheckText(const nlohmann::json& gold, const Review& r, FileEval* fe) {
  std::set<std::string> vocab;
  for (const std::string& t : Tokens(gold.value("body_text", ""))) vocab.insert(t);
  if (gold.contains("footnotes")) {
    for (const auto& f : gold["footnotes"]) {
      for (const std::string& t : Tokens(f.get<std::string>())) vocab.insert(t);
    }
  }
  std::vector<std::string> running;
  if (gold.contains("running_text")) {
    for (const auto& t : gold["running_text"]) {
      std::string s = t.get<std::string>();
      if (std::any_of(s.begin(), s.end(),
                      [](char c) { return std::isalpha(static_cast<unsigned char>(c)); })) {
        running.push_back(s);
      }
    }
  }
  std::set<std::string> reported;
  for (const Section& s : r.sections) {
    // The cover carries the title, which running headers often repeat: not a leak.
    if (s.kind == SectionKind::kContents || s.kind == SectionKind::kCover) continue;
    for (const Paragraph& p : s.paragraphs) {
      for (const std::string& rt : running) {
        if (p.text.find(rt) != std::string::npos) {
          fe->furniture_leaks.push_back("[" + p.id + "] contains \"" + rt + "\"");
        }
      }
      if (vocab.empty()) continue;
      for (const std::string& t : Tokens(p.text)) {
        if (!vocab.count(t) && reported.insert(t).second) {
          fe->hyphenation_errors.push_back("[" + p.id + "] \"" + t + "\"");
        }
      }
    }
  }
}

std::string Pct(double x) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", x);
  return buf;
}

}  // namespace

Status RunEval(const EvalOptions& options, EvalReport* report) {
  *report = EvalReport{};
  std::vector<fs::path> golds;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(options.gold_dir, ec)) {
    std::string n = e.path().filename().string();
    if (n.size() > 10 && n.ends_with(".gold.json")) golds.push_back(e.path());
  }
  if (ec) return Status::IOError(options.gold_dir, "cannot list: " + ec.message());
  std::sort(golds.begin(), golds.end());
  if (golds.empty()) return Status::NotFound(options.gold_dir, "no *.gold.json files");
  std::map<std::string, ThemeEval> themes;
  for (const tag::Theme& t : options.patterns->themes()) themes[t.id].id = t.id;

  for (const fs::path& gp : golds) {
    std::string name = gp.filename().string();
    name = name.substr(0, name.size() - 10);
    if (!options.only.empty() &&
        std::find(options.only.begin(), options.only.end(), name) == options.only.end()) {
      continue;
    }
    nlohmann::json gold;
    try {
      std::ifstream in(gp);
      gold = nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
      return Status::Corruption(gp.string(), std::string("not valid JSON: ") + e.what());
    }
    FileEval fe;
    fe.name = name;
    app::PipelineOptions po;
    po.patterns = options.patterns;
    fs::path pdf = gp.parent_path() / (name + ".pdf");
    Status s = app::AnalyzeFile(pdf.string(), pdf.string(), po, &fe.review);
    if (!s.ok()) {
      fe.error = s.ToString();
      report->files.push_back(std::move(fe));
      continue;
    }
    try {
      CompareSections(gold, fe.review, &fe);
      CheckText(gold, fe.review, &fe);
      for (const auto& t : gold.at("themes_present")) fe.gold_present.insert(t.get<std::string>());
      if (gold.contains("tempting_negatives")) {
        for (const auto& n : gold["tempting_negatives"])
          fe.gold_negative.insert(n.at("theme").get<std::string>());
      }
    } catch (const nlohmann::json::exception& e) {
      return Status::Corruption(gp.string(), std::string("malformed gold file: ") + e.what());
    }
    for (const ThemeResult& t : fe.review.themes) {
      if (t.present) fe.our_present.insert(t.id);
      fe.quote[t.id] = TopQuote(t);
    }
    for (auto& [id, te] : themes) {
      bool g = fe.gold_present.count(id) > 0, o = fe.our_present.count(id) > 0;
      te.tp += g && o;
      te.fp += !g && o;
      te.fn += g && !o;
      te.negatives_hit += o && fe.gold_negative.count(id) > 0;
    }
    report->sections_gold += fe.gold_sections;
    report->sections_matched += fe.matched;
    report->sections_kind_ok += fe.kind_ok;
    report->files.push_back(std::move(fe));
  }
  double sum = 0;
  for (auto& [id, te] : themes) {
    te.defined = te.tp + te.fp + te.fn > 0;
    te.precision = te.tp + te.fp > 0 ? static_cast<double>(te.tp) / (te.tp + te.fp) : 0;
    te.recall = te.tp + te.fn > 0 ? static_cast<double>(te.tp) / (te.tp + te.fn) : 0;
    te.f1 = te.precision + te.recall > 0 ? 2 * te.precision * te.recall / (te.precision + te.recall)
                                         : 0;
    if (te.defined) {
      sum += te.f1;
      ++report->themes_defined;
    }
    report->themes.push_back(te);
  }
  report->macro_f1 = report->themes_defined > 0 ? sum / report->themes_defined : 0;
  return Status::Ok();
}

std::string FormatReport(const EvalReport& r, bool verbose) {
  std::string out;
  out += "Sections (titles and kinds against gold)\n";
  for (const FileEval& f : r.files) {
    char line[256];
    if (!f.error.empty()) {
      out += "  " + f.name + ": ERROR " + f.error + "\n";
      continue;
    }
    std::snprintf(line, sizeof line,
                  "  %-42s gold %3d  found %3d  kinds right %3d  missed %zu  invented %zu  leaks "
                  "%zu  hyphen %zu\n",
                  f.name.c_str(), f.gold_sections, f.matched, f.kind_ok, f.missed.size(),
                  f.invented.size(), f.furniture_leaks.size(), f.hyphenation_errors.size());
    out += line;
    if (verbose) {
      for (const auto& m : f.missed) out += "      missed    " + m + "\n";
      for (const auto& m : f.invented) out += "      invented  " + m + "\n";
      for (const auto& m : f.kind_mismatch) out += "      kind      " + m + "\n";
      for (const auto& m : f.level_mismatch) out += "      level     " + m + "\n";
      for (const auto& m : f.furniture_leaks) out += "      furniture " + m + "\n";
      for (const auto& m : f.hyphenation_errors) out += "      word      " + m + "\n";
    }
  }
  out += "  total: " + std::to_string(r.sections_matched) + " of " +
         std::to_string(r.sections_gold) + " gold sections found, " +
         std::to_string(r.sections_kind_ok) + " with the right kind\n\n";
  out +=
      "Themes (review level)\n  theme                                   TP  FP  FN  precision "
      "recall   F1\n";
  std::vector<const ThemeEval*> sorted;
  for (const ThemeEval& t : r.themes) sorted.push_back(&t);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const ThemeEval* a, const ThemeEval* b) { return a->f1 < b->f1; });
  for (const ThemeEval* t : sorted) {
    char line[200];
    std::snprintf(
        line, sizeof line, "  %-38s %3d %3d %3d  %s      %s     %s%s\n", t->id.c_str(), t->tp,
        t->fp, t->fn, Pct(t->precision).c_str(), Pct(t->recall).c_str(),
        t->defined ? Pct(t->f1).c_str() : " n/a",
        t->negatives_hit
            ? ("  (" + std::to_string(t->negatives_hit) + " tempting negatives tagged)").c_str()
            : "");
    out += line;
  }
  out +=
      "  macro F1 over " + std::to_string(r.themes_defined) + " themes: " + Pct(r.macro_f1) + "\n";
  out += "\nFalse positives (tagged, not in gold) and false negatives (in gold, not tagged)\n";
  for (const FileEval& f : r.files) {
    for (const std::string& id : f.our_present) {
      if (!f.gold_present.count(id)) {
        out += "  FP " + f.name + " " + id +
               (f.gold_negative.count(id) ? " [tempting negative]" : "") + ": " + f.quote.at(id) +
               "\n";
      }
    }
    for (const std::string& id : f.gold_present) {
      if (!f.our_present.count(id)) {
        auto it = f.quote.find(id);
        out += "  FN " + f.name + " " + id + ": " +
               (it == f.quote.end() || it->second.empty() ? "no evidence" : it->second) + "\n";
      }
    }
  }
  return out;
}

}  // namespace scrx::eval
