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

std::string Norm(std::string_view s) { return Key(s); }

// The last n whitespace-separated words of s, with "..." in front when some were left off.
std::string LastWords(std::string_view s, size_t n) {
  size_t end = s.find_last_not_of(" \n\t");
  if (end == std::string_view::npos) return "";
  size_t pos = end + 1, words = 0;
  while (pos > 0 && words < n) {
    while (pos > 0 && (s[pos - 1] == ' ' || s[pos - 1] == '\n' || s[pos - 1] == '\t')) --pos;
    while (pos > 0 && s[pos - 1] != ' ' && s[pos - 1] != '\n' && s[pos - 1] != '\t') --pos;
    ++words;
  }
  std::string out(s.substr(pos, end + 1 - pos));
  for (char& c : out) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  size_t first = s.find_first_not_of(" \n\t");
  return pos > first ? "..." + out : out;
}

// "14 weeks", "12 and 9 years", "2 years 4 months": compared as their digits and units.
std::string AgeKey(std::string_view s) {
  std::string k = Key(s);
  static const std::pair<const char*, const char*> kUnits[] = {
      {"weeks", "week"}, {"months", "month"}, {"years", "year"}, {"days", "day"}};
  for (const auto& [pl, sg] : kUnits) {
    size_t pos;
    while ((pos = k.find(pl)) != std::string::npos) k.replace(pos, std::string(pl).size(), sg);
  }
  return k;
}

void CompareRecommendations(const nlohmann::json& gold, const Review& r, FileEval* fe) {
  if (!gold.contains("recommendations")) return;
  const auto& gr = gold["recommendations"];
  fe->gold_recs = static_cast<int>(gr.size());
  fe->our_recs = static_cast<int>(r.recommendations.size());
  size_t from = 0;
  for (const auto& g : gr) {
    std::string number = g.value("number", "");
    std::string starts = Norm(g.value("starts", ""));
    std::string kind = g.value("kind", "");
    int hit = -1;
    for (size_t i = from; i < r.recommendations.size(); ++i) {
      std::string ours = Norm(r.recommendations[i].text);
      if (!starts.empty() && ours.rfind(starts, 0) == 0) {
        hit = static_cast<int>(i);
        break;
      }
    }
    if (hit < 0) {
      fe->rec_errors.push_back("missed " + number + " \"" + g.value("starts", "") + "\"");
      continue;
    }
    from = static_cast<size_t>(hit) + 1;
    ++fe->recs_matched;
    const Recommendation& rec = r.recommendations[static_cast<size_t>(hit)];
    if (rec.number == number) {
      ++fe->rec_number_ok;
    } else {
      fe->rec_errors.push_back("number " + rec.number + ", gold " + number + " \"" +
                               g.value("starts", "") + "\"");
    }
    // Complete text: ours ends with gold's last words (normalised, so punctuation is ignored).
    std::string ends = Norm(g.value("ends", ""));
    if (!ends.empty()) {
      ++fe->rec_ends_known;
      std::string ours = Norm(rec.text);
      if (ours == ends || (ours.size() > ends.size() && ours.ends_with(ends) &&
                           ours[ours.size() - ends.size() - 1] == ' ')) {
        ++fe->rec_complete;
      } else {
        fe->rec_incomplete.push_back(number + ": ours \"" + LastWords(rec.text, 12) +
                                     "\", gold ends \"" + g.value("ends", "") + "\"");
      }
    }
    if (!kind.empty()) {
      ++fe->rec_kind_known;
      if (rec.addressee_kind == kind) {
        ++fe->rec_kind_ok;
      } else {
        fe->rec_errors.push_back(
            "kind " + (rec.addressee_kind.empty() ? "null" : rec.addressee_kind) + " (" +
            rec.addressee + "), gold " + kind + " (" + g.value("addressee", "") + ")");
      }
    }
  }
  if (fe->our_recs > fe->recs_matched) {
    for (const Recommendation& rec : r.recommendations) {
      bool matched = false;
      for (const auto& g : gr) matched |= Norm(rec.text).rfind(Norm(g.value("starts", "")), 0) == 0;
      if (!matched)
        fe->rec_errors.push_back("extra " + rec.number + " \"" + rec.text.substr(0, 60) + "\"");
    }
  }
}

void CompareMetadata(const nlohmann::json& gold, const Review& r, FileEval* fe) {
  if (!gold.contains("metadata")) return;
  const auto& gm = gold["metadata"];
  const Metadata& m = r.metadata;
  auto judge = [&](const std::string& field, bool ours_known, bool gold_known, bool same,
                   const std::string& ours_text, const std::string& gold_text) {
    std::string res = !ours_known ? (gold_known ? "null" : "right")
                                  : (!gold_known ? "extra"
                                     : same      ? "right"
                                                 : "wrong");
    fe->meta_result[field] = res;
    if (res == "wrong" || res == "extra" || res == "null") {
      fe->meta_errors.push_back(field + ": " + res + ": ours \"" + ours_text + "\", gold \"" +
                                gold_text + "\"");
    }
  };
  auto gstr = [&](const char* k) {
    return gm.contains(k) && gm[k].is_string() ? gm[k].get<std::string>() : std::string();
  };
  auto glist = [&](const char* k) {
    std::vector<std::string> v;
    if (gm.contains(k) && gm[k].is_array()) {
      for (const auto& x : gm[k]) v.push_back(x.get<std::string>());
    }
    return v;
  };
  // Title: the same words, or one contained in the other (a subtitle left off).
  std::string gt = Norm(gstr("title")), ot = Norm(m.title.value);
  judge("title", m.title.known(), !gt.empty(),
        !gt.empty() && !ot.empty() &&
            (gt == ot || gt.find(ot) != std::string::npos || ot.find(gt) != std::string::npos),
        m.title.value, gstr("title"));
  std::string gtype = gold.value("review_type", gstr("review_type"));
  judge("review_type", m.review_type.known(), !gtype.empty(), m.review_type.value == gtype,
        m.review_type.value, gtype);
  for (const char* f :
       {"board", "published", "commissioned", "period_from", "period_to", "outcome"}) {
    const MetaValue& v = std::string(f) == "board"          ? m.board
                         : std::string(f) == "published"    ? m.published
                         : std::string(f) == "commissioned" ? m.commissioned
                         : std::string(f) == "period_from"  ? m.period_from
                         : std::string(f) == "period_to"    ? m.period_to
                                                            : m.outcome;
    std::string g = gstr(f);
    judge(f, v.known(), !g.empty(), Norm(v.value) == Norm(g), v.value, g);
  }
  std::string gage = gstr("child_age");
  judge("child_age", m.child_age.known(), !gage.empty(), AgeKey(m.child_age.value) == AgeKey(gage),
        m.child_age.value, gage);
  // Lists: ours must be a subset of gold (names compared without titles) and not empty when
  // gold has some; agencies need half of gold found.
  auto list_judge = [&](const char* f, const std::vector<MetaValue>& ours, double need) {
    std::vector<std::string> g = glist(f);
    std::set<std::string> gk;
    for (const std::string& x : g) gk.insert(Norm(x));
    std::string ours_text;
    size_t inside = 0;
    for (const MetaValue& v : ours) {
      ours_text += (ours_text.empty() ? "" : "; ") + v.value;
      std::string k = Norm(v.value);
      bool in = gk.count(k) > 0;
      for (const std::string& x : gk)
        in |= x.find(k) != std::string::npos || k.find(x) != std::string::npos;
      inside += in;
    }
    std::string gold_text;
    for (const std::string& x : g) gold_text += (gold_text.empty() ? "" : "; ") + x;
    bool same = inside == ours.size() &&
                static_cast<double>(inside) >= need * static_cast<double>(g.size());
    judge(f, !ours.empty(), !g.empty(), same, ours_text, gold_text);
  };
  list_judge("subjects", m.subjects, 1.0);
  list_judge("authors", m.authors, 1.0);
  list_judge("agencies", m.agencies, 0.5);
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
    try {
      CompareRecommendations(gold, fe.review, &fe);
      CompareMetadata(gold, fe.review, &fe);
      if (gold.contains("findings_count") && gold["findings_count"].is_number()) {
        fe.gold_findings = gold["findings_count"].get<int>();
      }
      fe.our_findings = static_cast<int>(fe.review.findings.size());
    } catch (const nlohmann::json::exception& e) {
      return Status::Corruption(gp.string(), std::string("malformed gold file: ") + e.what());
    }
    if (fe.gold_recs >= 0) {
      ++report->rec_files;
      report->rec_files_exact += fe.gold_recs == fe.our_recs && fe.recs_matched == fe.gold_recs;
      report->recs_gold += fe.gold_recs;
      report->recs_ours += fe.our_recs;
      report->recs_matched += fe.recs_matched;
      report->recs_number_ok += fe.rec_number_ok;
      report->recs_kind_ok += fe.rec_kind_ok;
      report->recs_kind_known += fe.rec_kind_known;
      report->recs_ends_known += fe.rec_ends_known;
      report->recs_complete += fe.rec_complete;
    }
    if (fe.gold_findings >= 0) {
      ++report->findings_files;
      report->findings_exact += fe.gold_findings == fe.our_findings;
    }
    for (const auto& [field, res] : fe.meta_result) ++report->meta[field][res];
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
  // Recommendations, findings, metadata.
  out += "\nRecommendations (count, numbers, addressee kinds against gold)\n";
  for (const FileEval& f : r.files) {
    if (f.gold_recs < 0 || !f.error.empty()) continue;
    char line[200];
    std::snprintf(
        line, sizeof line,
        "  %-42s gold %2d  found %2d  matched %2d  numbers %2d  kinds %2d/%d  complete %2d%s\n",
        f.name.c_str(), f.gold_recs, f.our_recs, f.recs_matched, f.rec_number_ok, f.rec_kind_ok,
        f.rec_kind_known, f.rec_complete,
        f.gold_recs == f.our_recs && f.recs_matched == f.gold_recs ? "" : "  <-");
    out += line;
    if (verbose) {
      for (const auto& e : f.rec_errors) out += "      " + e + "\n";
      for (const auto& e : f.rec_incomplete) out += "      incomplete " + e + "\n";
    }
  }
  auto pct = [](int a, int b) {
    return b > 0 ? Pct(static_cast<double>(a) / b) : std::string("n/a");
  };
  out += "  total: count exact on " + std::to_string(r.rec_files_exact) + " of " +
         std::to_string(r.rec_files) + " files; " + std::to_string(r.recs_matched) + " of " +
         std::to_string(r.recs_gold) + " found (" + std::to_string(r.recs_ours) +
         " extracted); numbers right " + pct(r.recs_number_ok, r.recs_matched) +
         "; addressee kinds right " + pct(r.recs_kind_ok, r.recs_kind_known) + "; text complete " +
         std::to_string(r.recs_complete) + " of " + std::to_string(r.recs_ends_known) + "\n";
  out += "\nFindings (count against gold)\n";
  for (const FileEval& f : r.files) {
    if (f.gold_findings < 0 || !f.error.empty()) continue;
    if (f.gold_findings != f.our_findings || verbose) {
      out += "  " + f.name + ": gold " + std::to_string(f.gold_findings) + ", found " +
             std::to_string(f.our_findings) + "\n";
    }
  }
  out += "  total: count exact on " + std::to_string(r.findings_exact) + " of " +
         std::to_string(r.findings_files) + " files\n";
  out += "\nMetadata (per field: right = matches gold or both null; null = not extracted; wrong)\n";
  int right = 0, all = 0, wrong = 0;
  for (const auto& [field, counts] : r.meta) {
    // An explicit capture: clang before 16 cannot capture a structured binding.
    auto get = [&counts = counts](const char* k) {
      auto it = counts.find(k);
      return it == counts.end() ? 0 : it->second;
    };
    int n = get("right") + get("null") + get("wrong") + get("extra");
    char line[200];
    std::snprintf(line, sizeof line,
                  "  %-14s right %2d  null %2d  wrong %2d  (right or null: %s)\n", field.c_str(),
                  get("right"), get("null"), get("wrong") + get("extra"),
                  pct(get("right") + get("null"), n).c_str());
    out += line;
    right += get("right") + get("null");
    wrong += get("wrong") + get("extra");
    all += n;
  }
  out += "  total: right or null " + pct(right, all) + ", wrong " + std::to_string(wrong) + " of " +
         std::to_string(all) + "\n";
  if (verbose) {
    for (const FileEval& f : r.files) {
      for (const auto& e : f.meta_errors) out += "  " + f.name + " " + e + "\n";
    }
  }
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
