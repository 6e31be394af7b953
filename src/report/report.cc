#include "report/report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <system_error>

#include "base/files.h"
#include "report/svg.h"
#include "store/collection.h"

namespace scrx::report {
namespace {

namespace fs = std::filesystem;
using store::Database;
using store::Statement;

// ---------------------------------------------------------------------------------------------
// Words for codes.

std::string TypeLabel(const std::string& type) {
  static const std::map<std::string, std::string> kLabels = {
      {"scr", "Serious case review"},
      {"cspr", "Child safeguarding practice review"},
      {"lcspr", "Local child safeguarding practice review"},
      {"national_review", "National review"},
      {"sar", "Safeguarding adults review"},
      {"dhr", "Domestic homicide review"},
      {"child_practice_review_wales", "Child practice review (Wales)"},
      {"adult_practice_review_wales", "Adult practice review (Wales)"},
      {"learning_review", "Learning review"},
      {"other", "Other"},
      {"", "Type unknown"}};
  auto it = kLabels.find(type);
  return it != kLabels.end() ? it->second : type;
}

// The addressee kinds in the order of docs/json-schema.md; "" (none found) last.
const std::vector<std::pair<std::string, std::string>>& AddresseeKinds() {
  static const std::vector<std::pair<std::string, std::string>> kKinds = {
      {"partnership_board", "Safeguarding partnership or board"},
      {"childrens_social_care", "Children's social care"},
      {"police", "Police"},
      {"health_acute", "Health: acute and hospital services"},
      {"health_community", "Health: community services"},
      {"health_primary_care", "Health: primary care"},
      {"mental_health", "Mental health services"},
      {"education", "Education"},
      {"probation", "Probation"},
      {"housing", "Housing"},
      {"national_government", "National government"},
      {"other", "Other addressees"},
      {"", "Addressee not identified"}};
  return kKinds;
}

std::string OutcomeLabel(const std::string& outcome) {
  if (outcome == "death") return "Death";
  if (outcome == "serious_harm") return "Serious harm";
  if (outcome == "other") return "Other";
  return outcome;
}

// "executive_summary" -> "executive summary".
std::string Words(std::string code) {
  std::replace(code.begin(), code.end(), '_', ' ');
  return code;
}

// Bar colours by theme group (colour-blind-safe categorical palette).
const std::vector<std::pair<std::string, std::string>>& GroupColours() {
  static const std::vector<std::pair<std::string, std::string>> kColours = {{"factor", "#4e79a7"},
                                                                            {"incident", "#e15759"},
                                                                            {"practice", "#59a14f"},
                                                                            {"system", "#b07aa1"}};
  return kColours;
}
std::string GroupColour(const std::string& group) {
  for (const auto& [g, c] : GroupColours()) {
    if (g == group) return c;
  }
  return "#79706e";
}

// ---------------------------------------------------------------------------------------------
// Numbers.

std::string Thousands(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string Percent(int part, int whole) {
  if (whole <= 0) return "0%";
  return std::to_string(static_cast<int>(std::lround(100.0 * part / whole))) + "%";
}

std::string Fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string YearLabel(int year) { return year > 0 ? std::to_string(year) : "unknown"; }

std::string Plural(std::int64_t n, const std::string& one, const std::string& many) {
  return Thousands(n) + " " + (n == 1 ? one : many);
}

// ---------------------------------------------------------------------------------------------
// Reading the database.

// Runs `sql` with `bind` applied and calls `row` for every result row.
template <typename Bind, typename Row>
Status Query(Database* db, std::string_view sql, Bind bind, Row row) {
  Status s;
  std::unique_ptr<Statement> st = db->Prepare(sql, &s);
  if (!st) return s;
  bind(*st);
  while (st->Step()) row(*st);
  return st->status();
}
template <typename Row>
Status Query(Database* db, std::string_view sql, Row row) {
  return Query(
      db, sql, [](Statement&) {}, row);
}

struct EvidenceRow {
  std::string theme, section_title, paragraph, quote, negation_cue, hedge_cue;
  int page = 0;
  // Byte spans of the matches in `quote`: several evidence items of one theme that quote the
  // same sentence are shown once, with every match marked.
  std::vector<std::pair<int, int>> spans;
  bool negated = false, hedged = false, counterfactual = false;
};

struct ThemeRow {
  std::string id, label, group;
  int counted = 0;
  bool derived = false;
  std::vector<EvidenceRow> quotes;  // counted evidence, strongest first (as stored)
};

struct SectionRow {
  int idx = 0, level = 1, page_start = 0, page_end = 0;
  std::string number, title, kind;
};

struct FindingRow {
  std::string number, title, text;
  int page = 0;
};

struct RecommendationRow {
  std::string list, number, text, addressee, kind, response;
  int page_start = 0, page_end = 0;
};

struct ReviewRow {
  std::int64_t id = 0;
  std::string file, json, title, type, board, published, commissioned, period_from, period_to,
      child_age, outcome;
  int year = 0, pages = 0;
  std::int64_t words = 0;
  std::vector<std::string> subjects, authors;
  std::vector<std::pair<std::string, int>> agencies;
  std::vector<SectionRow> sections;
  std::vector<ThemeRow> themes;  // present themes
  std::vector<FindingRow> findings;
  std::vector<RecommendationRow> recommendations;
};

int IntOr0(const Statement& st, int i) { return st.IsNull(i) ? 0 : static_cast<int>(st.Int(i)); }

Status LoadReviews(Database* db, std::vector<ReviewRow>* out) {
  std::map<std::int64_t, size_t> by_id;
  Status s = Query(db,
                   "SELECT id, file, coalesce(json, ''), coalesce(title, ''),"
                   " coalesce(review_type, ''), coalesce(board, ''), coalesce(published, ''),"
                   " coalesce(year, 0), coalesce(commissioned, ''), coalesce(period_from, ''),"
                   " coalesce(period_to, ''), coalesce(child_age, ''), coalesce(outcome, ''),"
                   " coalesce(pages, 0), coalesce(words, 0)"
                   " FROM reviews ORDER BY published IS NULL, published, title, file;",
                   [&](const Statement& st) {
                     ReviewRow r;
                     r.id = st.Int(0);
                     r.file = st.Text(1);
                     r.json = st.Text(2);
                     r.title = st.Text(3);
                     r.type = st.Text(4);
                     r.board = st.Text(5);
                     r.published = st.Text(6);
                     r.year = static_cast<int>(st.Int(7));
                     r.commissioned = st.Text(8);
                     r.period_from = st.Text(9);
                     r.period_to = st.Text(10);
                     r.child_age = st.Text(11);
                     r.outcome = st.Text(12);
                     r.pages = static_cast<int>(st.Int(13));
                     r.words = st.Int(14);
                     by_id[r.id] = out->size();
                     out->push_back(std::move(r));
                   });
  if (!s.ok()) return s;
  auto review = [&](const Statement& st) -> ReviewRow* {
    auto it = by_id.find(st.Int(0));
    return it == by_id.end() ? nullptr : &(*out)[it->second];
  };
  // One query per table for the whole collection (not one per review): rows arrive in rowid
  // order, which is the order they were written in (document order).
  s = Query(db, "SELECT review_id, name FROM subjects ORDER BY rowid;", [&](const Statement& st) {
    if (ReviewRow* r = review(st)) r->subjects.push_back(st.Text(1));
  });
  if (!s.ok()) return s;
  s = Query(db, "SELECT review_id, name FROM authors ORDER BY rowid;", [&](const Statement& st) {
    if (ReviewRow* r = review(st)) r->authors.push_back(st.Text(1));
  });
  if (!s.ok()) return s;
  s = Query(db, "SELECT review_id, name, page FROM agencies ORDER BY rowid;",
            [&](const Statement& st) {
              if (ReviewRow* r = review(st)) r->agencies.emplace_back(st.Text(1), IntOr0(st, 2));
            });
  if (!s.ok()) return s;
  s = Query(db,
            "SELECT review_id, idx, coalesce(number, ''), title, level, kind, page_start, page_end"
            " FROM sections ORDER BY review_id, idx;",
            [&](const Statement& st) {
              ReviewRow* r = review(st);
              if (r == nullptr) return;
              SectionRow x;
              x.idx = static_cast<int>(st.Int(1));
              x.number = st.Text(2);
              x.title = st.Text(3);
              x.level = static_cast<int>(st.Int(4));
              x.kind = st.Text(5);
              x.page_start = IntOr0(st, 6);
              x.page_end = IntOr0(st, 7);
              r->sections.push_back(std::move(x));
            });
  if (!s.ok()) return s;
  std::map<std::pair<std::int64_t, std::string>, std::pair<size_t, size_t>> theme_at;
  s = Query(db,
            "SELECT review_id, theme, coalesce(label, theme), coalesce(grp, ''),"
            " coalesce(counted_mentions, 0), coalesce(derived, 0) FROM themes WHERE present = 1"
            " ORDER BY review_id, counted_mentions DESC, label, theme;",
            [&](const Statement& st) {
              ReviewRow* r = review(st);
              if (r == nullptr) return;
              ThemeRow t;
              t.id = st.Text(1);
              t.label = st.Text(2);
              t.group = st.Text(3);
              t.counted = static_cast<int>(st.Int(4));
              t.derived = st.Int(5) != 0;
              theme_at[{r->id, t.id}] = {by_id[r->id], r->themes.size()};
              r->themes.push_back(std::move(t));
            });
  if (!s.ok()) return s;
  s = Query(db,
            "SELECT review_id, theme, page, coalesce(section_title, ''), coalesce(paragraph, ''),"
            " coalesce(quote, ''), coalesce(span_begin, 0), coalesce(span_end, 0),"
            " coalesce(negated, 0), coalesce(negation_cue, ''), coalesce(hedged, 0),"
            " coalesce(hedge_cue, ''), coalesce(counterfactual, 0)"
            " FROM evidence WHERE counted = 1 ORDER BY id;",
            [&](const Statement& st) {
              auto it = theme_at.find({st.Int(0), st.Text(1)});
              if (it == theme_at.end()) return;  // evidence of a theme that is not present
              EvidenceRow e;
              e.theme = st.Text(1);
              e.page = IntOr0(st, 2);
              e.section_title = st.Text(3);
              e.paragraph = st.Text(4);
              e.quote = st.Text(5);
              e.spans.emplace_back(static_cast<int>(st.Int(6)), static_cast<int>(st.Int(7)));
              e.negated = st.Int(8) != 0;
              e.negation_cue = st.Text(9);
              e.hedged = st.Int(10) != 0;
              e.hedge_cue = st.Text(11);
              e.counterfactual = st.Int(12) != 0;
              std::vector<EvidenceRow>& quotes =
                  (*out)[it->second.first].themes[it->second.second].quotes;
              for (EvidenceRow& q : quotes) {
                if (q.quote == e.quote && q.paragraph == e.paragraph) {
                  q.spans.push_back(e.spans.front());
                  q.negated |= e.negated;
                  q.hedged |= e.hedged;
                  q.counterfactual |= e.counterfactual;
                  if (q.negation_cue.empty()) q.negation_cue = e.negation_cue;
                  if (q.hedge_cue.empty()) q.hedge_cue = e.hedge_cue;
                  return;
                }
              }
              quotes.push_back(std::move(e));
            });
  if (!s.ok()) return s;
  s = Query(db,
            "SELECT review_id, coalesce(number, ''), coalesce(title, ''), coalesce(text, ''),"
            " page FROM findings ORDER BY review_id, ord;",
            [&](const Statement& st) {
              if (ReviewRow* r = review(st)) {
                r->findings.push_back({st.Text(1), st.Text(2), st.Text(3), IntOr0(st, 4)});
              }
            });
  if (!s.ok()) return s;
  return Query(db,
               "SELECT review_id, coalesce(list, ''), coalesce(number, ''), text,"
               " coalesce(addressee, ''), coalesce(addressee_kind, ''), coalesce(response, ''),"
               " page_start, page_end FROM recommendations ORDER BY review_id, ord;",
               [&](const Statement& st) {
                 ReviewRow* r = review(st);
                 if (r == nullptr) return;
                 RecommendationRow x;
                 x.list = st.Text(1);
                 x.number = st.Text(2);
                 x.text = st.Text(3);
                 x.addressee = st.Text(4);
                 x.kind = st.Text(5);
                 x.response = st.Text(6);
                 x.page_start = IntOr0(st, 7);
                 x.page_end = IntOr0(st, 8);
                 r->recommendations.push_back(std::move(x));
               });
}

// ---------------------------------------------------------------------------------------------
// Links to the PDFs.

// Percent-encodes a path for a URL: unreserved characters and '/' stay; everything else,
// including ':' (so a relative path never reads as a scheme such as "javascript:") and
// non-ASCII bytes, is encoded.
std::string UrlPath(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// Where to look for the reviews' PDFs, and where the report is written.
struct PdfPlaces {
  fs::path pdf_root, db_dir, out_dir;
};

// The URL of the review's PDF relative to the report's folder, or "" when the PDF cannot be
// found now (then page numbers are shown without links). A relative path is tried under
// --pdf-root, the current folder and the collection's folder, in that order.
std::string PdfHref(const std::string& file, const PdfPlaces& places) {
  if (file.empty()) return "";
  std::error_code ec;
  std::vector<fs::path> candidates;
  const fs::path f(file);
  if (f.is_absolute()) {
    candidates.push_back(f);
  } else {
    if (!places.pdf_root.empty()) candidates.push_back(places.pdf_root / f);
    candidates.push_back(fs::current_path(ec) / f);
    candidates.push_back(places.db_dir / f);
  }
  for (const fs::path& c : candidates) {
    if (!fs::is_regular_file(c, ec)) continue;
    fs::path abs = fs::weakly_canonical(c, ec);
    if (ec) continue;
    fs::path rel = fs::relative(abs, fs::weakly_canonical(places.out_dir, ec), ec);
    if (!ec && !rel.empty()) return UrlPath(rel.generic_string());
    return "file://" + UrlPath(abs.generic_string());
  }
  return "";
}

// "p. 12", linked to page 12 of the PDF when its URL is known.
std::string PageRef(const std::string& href, int page, int page_end = 0) {
  if (page <= 0) return "";
  std::string text = page_end > page
                         ? "pp. " + std::to_string(page) + "\xE2\x80\x93" + std::to_string(page_end)
                         : "p. " + std::to_string(page);
  if (href.empty()) return "<span class=\"page\">" + text + "</span>";
  return "<a class=\"page\" href=\"" + Escape(href + "#page=" + std::to_string(page)) + "\">" +
         text + "</a>";
}

// ---------------------------------------------------------------------------------------------
// HTML.

const char* kCss = R"(
:root{--fg:#1f2933;--muted:#52606d;--line:#d9dee4;--soft:#f5f7fa;--accent:#1d5a94;--dark:#17324d}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#fff}
a{color:var(--accent)}
header.top{background:var(--dark);color:#fff;padding:18px 32px 14px}
header.top h1{margin:0;font-size:24px;font-weight:650}
header.top p{margin:4px 0 0;color:#c5d3e0;font-size:13px}
nav.jump{position:sticky;top:0;z-index:2;background:#fff;border-bottom:1px solid var(--line);padding:6px 32px;font-size:14px}
nav.jump a{margin-right:18px;text-decoration:none}
main{max-width:1200px;margin:0 auto;padding:4px 32px 56px}
h2{font-size:20px;margin:34px 0 10px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h3{font-size:19px;margin:0 0 2px}
h4{font-size:16px;margin:20px 0 6px}
h5{font-size:14px;margin:12px 0 4px}
p.note{color:var(--muted);font-size:13px;margin:4px 0 10px;max-width:75em}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0 16px}
.card{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:8px 16px;min-width:130px}
.card .n{display:block;font-size:26px;font-weight:650;line-height:1.2}
.card .l{color:var(--muted);font-size:13px}
.cols{display:flex;flex-wrap:wrap;gap:40px}
table{border-collapse:collapse;font-size:14px}
th,td{padding:3px 12px 3px 0;text-align:left;vertical-align:top;border-bottom:1px solid #eceff3}
th{font-weight:600}
.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:10px 0 6px;overflow-x:auto}
svg.chart{max-width:100%;height:auto;font-family:inherit}
svg .label{font-size:12px;fill:#1f2933}
svg .value,svg .legend{font-size:11px;fill:#1f2933}
svg .tick{font-size:10px;fill:#52606d}
svg .col-label{font-size:11px;font-weight:600;fill:#1f2933}
svg .col-sub{font-size:9px;fill:#52606d}
svg g.bar:hover rect,svg g.cell:hover rect{stroke:#111;stroke-width:1.5}
table.toc td:first-child{color:var(--muted)}
article.review{margin-top:44px;padding-top:10px;border-top:3px solid var(--dark)}
p.sub{margin:0 0 8px;color:var(--muted);font-size:14px}
table.meta th{width:11em;color:var(--muted);font-weight:500}
ul.chips{list-style:none;padding:0;margin:4px 0;display:flex;flex-wrap:wrap;gap:6px}
ul.chips li a{display:inline-block;padding:1px 9px;border-radius:11px;background:var(--soft);border:1px solid var(--line);font-size:13px;text-decoration:none;color:var(--fg)}
ul.chips .dot,.swatch{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:5px}
details{margin:6px 0}
summary{cursor:pointer;font-weight:600}
ol.sections{list-style:none;padding:0;margin:6px 0;font-size:14px}
ol.sections li{padding:1px 0}
ol.sections .lv2{padding-left:1.5em}ol.sections .lv3{padding-left:3em}ol.sections .lv4{padding-left:4.5em}
.kind{font-size:11px;color:var(--muted);background:var(--soft);border:1px solid var(--line);border-radius:3px;padding:0 4px;margin-left:4px;white-space:nowrap}
.page{font-size:13px;white-space:nowrap;margin-left:4px}
span.page{color:var(--muted)}
ul.findings,ul.recs{list-style:none;padding-left:0;margin:4px 0 10px}
ul.findings>li,ul.recs>li{margin:0 0 9px;max-width:75em}
ul.findings .head{font-weight:600}
ul.recs>li{padding-left:3.2em;position:relative}
.rnum{position:absolute;left:0;min-width:2.6em;text-align:center;font-size:12px;font-weight:600;border:1px solid var(--line);background:var(--soft);border-radius:3px;padding:0 3px}
caption{text-align:left;white-space:nowrap;font-weight:600;color:var(--fg);font-size:14px;padding-bottom:4px}
figcaption{color:var(--muted);font-size:13px;margin-top:2px}
.num-label{font-weight:600;margin-right:4px}
.addressee{font-size:13px;color:var(--muted)}
.response{font-size:13px;border-left:3px solid var(--line);padding-left:8px;margin-top:2px;color:#3e4c59}
section.theme{margin:10px 0 14px}
ul.quotes{margin:4px 0;padding-left:1.2em}
ul.quotes li{margin:3px 0}
ul.quotes q{quotes:"\201C" "\201D"}
mark{background:#ffe8a3;padding:0 1px}
.where{font-size:12px;color:var(--muted);margin-left:4px}
.flag{font-size:11px;color:#8a4b08;background:#fff4e0;border-radius:3px;padding:0 4px;margin-left:4px}
.more{font-size:13px;color:var(--muted)}
.back{font-size:13px}
@media print{nav.jump{display:none}article.review{page-break-before:always;border-top:none}figure{overflow:visible}}
)";

std::string Attr(const std::string& name, const std::string& value) {
  return " " + name + "=\"" + Escape(value) + "\"";
}

std::string ReviewAnchor(std::int64_t id) { return "review-" + std::to_string(id); }

std::string ReviewTitle(const ReviewRow& r) {
  if (!r.title.empty()) return r.title;
  return fs::path(r.file).filename().string();
}

void RenderOverview(const CollectionSummary& sum, std::string* out) {
  *out += "<section id=\"overview\"><h2>Overview</h2>\n<div class=\"cards\">";
  auto card = [&](const std::string& n, const std::string& label) {
    *out += "<div class=\"card\"><span class=\"n\">" + Escape(n) + "</span><span class=\"l\">" +
            Escape(label) + "</span></div>";
  };
  int known_types = 0;
  for (const auto& [type, n] : sum.types) known_types += !type.empty();
  int first = 0, last = 0;
  for (const auto& [year, n] : sum.years) {
    if (year <= 0) continue;
    if (first == 0) first = year;
    last = year;
  }
  card(Thousands(sum.reviews), sum.reviews == 1 ? "review" : "reviews");
  card(Thousands(sum.pages), "pages");
  card(Thousands(sum.words), "words of body text");
  card(std::to_string(known_types), known_types == 1 ? "review type" : "review types");
  card(first == 0      ? "unknown"
       : first == last ? std::to_string(first)
                       : std::to_string(first) + "\xE2\x80\x93" + std::to_string(last),
       "years published");
  card(std::to_string(sum.themes.size()), "themes in the pattern set");
  *out += "</div>\n<div class=\"cols\">";
  *out +=
      "<table class=\"types\"><caption>Reviews by type</caption>"
      "<tr><th>Type</th><th class=\"num\">Reviews</th><th class=\"num\">Share</th></tr>";
  for (const auto& [type, n] : sum.types) {
    *out += "<tr" + Attr("data-type", type) + "><td>" + Escape(TypeLabel(type)) +
            "</td><td class=\"num\">" + std::to_string(n) + "</td><td class=\"num\">" +
            Percent(n, sum.reviews) + "</td></tr>";
  }
  *out += "</table>";
  *out +=
      "<table class=\"years\"><caption>Reviews by year</caption>"
      "<tr><th>Year</th><th class=\"num\">Reviews</th></tr>";
  for (const auto& [year, n] : sum.years) {
    *out += "<tr" + Attr("data-year", YearLabel(year)) + "><td>" + YearLabel(year) +
            "</td><td class=\"num\">" + std::to_string(n) + "</td></tr>";
  }
  *out += "</table></div>\n";
  if (sum.patterns_hashes.size() > 1) {
    *out += "<p class=\"note\"><strong>Mixed theme packs:</strong> the reviews were tagged with " +
            std::to_string(sum.patterns_hashes.size()) +
            " different pattern sets; run <code>scrx analyze --force</code> over the collection "
            "to make the counts comparable.</p>";
  }
  if (!sum.failures.empty()) {
    *out += "<details class=\"failures\"><summary>" +
            Plural(static_cast<std::int64_t>(sum.failures.size()), "file", "files") +
            " failed in the latest analysis</summary><ul>";
    for (const auto& [file, message] : sum.failures) {
      *out += "<li><code>" + Escape(file) + "</code>: " + Escape(message) + "</li>";
    }
    *out += "</ul></details>";
  }
  *out += "</section>\n";
}

void RenderThemeChart(const CollectionSummary& sum, std::string* out) {
  *out +=
      "<section id=\"themes\"><h2>Theme frequency</h2>\n"
      "<p class=\"note\">Reviews in which each theme is present (the review-level verdict), "
      "most frequent first, with the share of all " +
      Plural(sum.reviews, "review", "reviews") + ". Hover a bar for the counted mentions.</p>\n";
  BarChart chart;
  chart.id = "theme-frequency";
  chart.title = "Theme frequency: reviews where each theme is present";
  chart.description = "Horizontal bar chart of " + std::to_string(sum.themes.size()) +
                      " themes over " + Plural(sum.reviews, "review", "reviews") + ".";
  chart.max_value = sum.reviews;
  chart.max_label_chars = 60;
  for (const auto& [group, colour] : GroupColours()) chart.legend.emplace_back(colour, group);
  for (const ThemeFrequency& t : sum.themes) {
    Bar b;
    b.label = t.label;
    b.value = t.reviews;
    b.value_text = std::to_string(t.reviews) + " (" + Percent(t.reviews, sum.reviews) + ")";
    b.title = t.label + " (" + t.group + "): present in " + std::to_string(t.reviews) + " of " +
              Plural(sum.reviews, "review", "reviews") + " (" + Percent(t.reviews, sum.reviews) +
              "); " + Plural(t.mentions, "counted mention", "counted mentions");
    b.colour = GroupColour(t.group);
    b.data = {{"theme", t.id}, {"group", t.group}, {"mentions", std::to_string(t.mentions)}};
    chart.bars.push_back(std::move(b));
  }
  *out += "<figure>" + RenderBarChart(chart) +
          "<figcaption>Bar colour: theme group. Numbers: reviews where present (share of "
          "reviews).</figcaption></figure></section>\n";
}

void RenderYearMap(const CollectionSummary& sum, std::string* out) {
  *out +=
      "<section id=\"by-year\"><h2>Themes by year</h2>\n"
      "<p class=\"note\">Reviews published in each year in which the theme is present. The "
      "shade is the share of that year's reviews, so years with few reviews are not "
      "drowned out; themes present in no review are left out.</p>\n";
  HeatMap map;
  map.id = "theme-year";
  map.title = "Themes by year: reviews where each theme is present, per year of publication";
  map.description =
      "Heat map, rows are themes, columns are years; each cell gives the number "
      "of reviews of that year in which the theme is present.";
  map.cell_width = 44;
  map.max_label_chars = 60;
  map.cell_height = 20;
  for (const auto& [year, n] : sum.years) {
    map.col_labels.push_back(year > 0 ? std::to_string(year) : "n/k");
    map.col_sublabels.push_back("n=" + std::to_string(n));
    map.col_titles.push_back((year > 0 ? std::to_string(year) : "Year unknown") + ": " +
                             Plural(n, "review", "reviews"));
  }
  for (size_t t = 0; t < sum.themes.size(); ++t) {
    const ThemeFrequency& th = sum.themes[t];
    if (th.reviews == 0) continue;
    map.row_labels.push_back(th.label);
    std::vector<HeatCell> row;
    for (size_t y = 0; y < sum.years.size(); ++y) {
      const int n = sum.by_year[t][y], total = sum.years[y].second;
      HeatCell c;
      c.shade = total > 0 ? static_cast<double>(n) / total : 0;
      c.text = n > 0 ? std::to_string(n) : "";
      c.title = th.label + ", " + YearLabel(sum.years[y].first) + ": present in " +
                std::to_string(n) + " of " + Plural(total, "review", "reviews") + " (" +
                Percent(n, total) + ")";
      c.data = {{"theme", th.id},
                {"year", YearLabel(sum.years[y].first)},
                {"value", std::to_string(n)},
                {"total", std::to_string(total)}};
      row.push_back(std::move(c));
    }
    map.cells.push_back(std::move(row));
  }
  map.legend_low = "0%";
  map.legend_high = "100%";
  map.legend_caption = "share of the year's reviews";
  if (map.row_labels.empty()) {
    *out += "<p class=\"note\">No theme is present in any review.</p></section>\n";
    return;
  }
  *out += "<figure>" + RenderHeatMap(map) + "</figure></section>\n";
}

void RenderMatrix(const CollectionSummary& sum, int max_themes, std::string* out) {
  std::vector<size_t> shown;
  for (size_t t = 0; t < sum.themes.size(); ++t) {
    if (sum.themes[t].reviews == 0) continue;
    if (max_themes > 0 && shown.size() >= static_cast<size_t>(max_themes)) break;
    shown.push_back(t);
  }
  size_t present = 0;
  for (const ThemeFrequency& t : sum.themes) present += t.reviews > 0;
  *out +=
      "<section id=\"cooccurrence\"><h2>Theme co-occurrence</h2>\n"
      "<p class=\"note\">For each pair of themes, the c-coefficient: reviews where both are "
      "present / (reviews with the first + reviews with the second &minus; reviews with "
      "both). 1 means the two themes always appear together, 0 never. The diagonal gives "
      "each theme's number of reviews. Hover a cell for the counts.";
  if (shown.size() < present) {
    *out += " The " + std::to_string(shown.size()) + " most frequent of the " +
            std::to_string(present) + " themes present are shown.";
  }
  *out += "</p>\n";
  if (shown.empty()) {
    *out += "<p class=\"note\">No theme is present in any review.</p></section>\n";
    return;
  }
  HeatMap map;
  map.id = "theme-cooccurrence";
  map.title = "Theme co-occurrence: c-coefficient of each pair of themes";
  map.description =
      "Lower triangle of a symmetric matrix; rows and columns are themes "
      "numbered by frequency.";
  map.lower_triangle = true;
  map.cell_width = 28;
  map.cell_height = 22;
  map.max_label_chars = 46;
  for (size_t i = 0; i < shown.size(); ++i) {
    const ThemeFrequency& a = sum.themes[shown[i]];
    map.row_labels.push_back(std::to_string(i + 1) + "  " + a.label);
    map.col_labels.push_back(std::to_string(i + 1));
    map.col_titles.push_back(std::to_string(i + 1) + ": " + a.label);
    std::vector<HeatCell> row;
    for (size_t j = 0; j <= i; ++j) {
      const ThemeFrequency& b = sum.themes[shown[j]];
      const int both = sum.both[shown[i]][shown[j]];
      HeatCell c;
      if (i == j) {
        c.fill = "#e4e7eb";
        c.text = std::to_string(a.reviews);
        c.title = a.label + ": present in " + Plural(a.reviews, "review", "reviews");
        c.data = {{"a", a.id},
                  {"b", b.id},
                  {"both", std::to_string(both)},
                  {"value", std::to_string(a.reviews)},
                  {"diagonal", "1"}};
      } else {
        const double cc = CCoefficient(a.reviews, b.reviews, both);
        c.shade = cc;
        c.text = both > 0 ? Fixed(cc, 2) : "";
        if (c.text.size() > 1 && c.text.compare(0, 2, "0.") == 0) c.text.erase(0, 1);  // ".43"
        c.title = a.label + " and " + b.label + ": both present in " + std::to_string(both) +
                  " reviews (" + std::to_string(a.reviews) + " and " + std::to_string(b.reviews) +
                  " with each); c = " + Fixed(cc, 2);
        c.data = {
            {"a", a.id}, {"b", b.id}, {"both", std::to_string(both)}, {"value", Fixed(cc, 4)}};
      }
      row.push_back(std::move(c));
    }
    map.cells.push_back(std::move(row));
  }
  map.legend_low = "0";
  map.legend_high = "1";
  map.legend_caption = "c-coefficient";
  *out += "<figure>" + RenderHeatMap(map) + "</figure></section>\n";
}

void RenderToc(const std::vector<ReviewRow>& reviews, std::string* out) {
  *out += "<section id=\"reviews\"><h2>Reviews</h2>\n";
  if (reviews.empty()) {
    *out +=
        "<p class=\"note\">The collection holds no reviews yet: run <code>scrx analyze "
        "PDFS -o FOLDER</code>.</p></section>\n";
    return;
  }
  *out +=
      "<table class=\"toc\"><tr><th class=\"num\">#</th><th>Review</th><th>Type</th>"
      "<th>Published</th><th class=\"num\">Pages</th><th class=\"num\">Themes</th>"
      "<th class=\"num\">Findings</th><th class=\"num\">Recommendations</th></tr>\n";
  for (size_t i = 0; i < reviews.size(); ++i) {
    const ReviewRow& r = reviews[i];
    *out += "<tr><td class=\"num\">" + std::to_string(i + 1) + "</td><td><a href=\"#" +
            ReviewAnchor(r.id) + "\">" + Escape(ReviewTitle(r)) + "</a></td><td>" +
            Escape(TypeLabel(r.type)) + "</td><td>" + Escape(r.published) +
            "</td><td class=\"num\">" + std::to_string(r.pages) + "</td><td class=\"num\">" +
            std::to_string(r.themes.size()) + "</td><td class=\"num\">" +
            std::to_string(r.findings.size()) + "</td><td class=\"num\">" +
            std::to_string(r.recommendations.size()) + "</td></tr>\n";
  }
  *out += "</table></section>\n";
}

// The quote with the matched words marked. Spans that are not valid (outside the quote, inside
// a UTF-8 sequence) are not marked; overlapping spans are marked as one.
std::string QuoteHtml(const EvidenceRow& e) {
  const std::string& q = e.quote;
  const auto boundary = [&](int i) {
    return i >= 0 && static_cast<size_t>(i) <= q.size() &&
           (static_cast<size_t>(i) == q.size() ||
            (static_cast<unsigned char>(q[static_cast<size_t>(i)]) & 0xC0) != 0x80);
  };
  std::vector<std::pair<int, int>> spans;
  for (const auto& [b, en] : e.spans) {
    if (en > b && boundary(b) && boundary(en)) spans.emplace_back(b, en);
  }
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<int, int>> merged;
  for (const auto& sp : spans) {
    if (!merged.empty() && sp.first < merged.back().second) {
      merged.back().second = std::max(merged.back().second, sp.second);
    } else {
      merged.push_back(sp);
    }
  }
  std::string out;
  size_t at = 0;
  for (const auto& [b, en] : merged) {
    out += Escape(q.substr(at, static_cast<size_t>(b) - at)) + "<mark>" +
           Escape(q.substr(static_cast<size_t>(b), static_cast<size_t>(en - b))) + "</mark>";
    at = static_cast<size_t>(en);
  }
  return out + Escape(q.substr(at));
}

void MetaRow(const std::string& name, const std::string& value_html, std::string* out) {
  if (value_html.empty()) return;
  *out += "<tr><th scope=\"row\">" + Escape(name) + "</th><td>" + value_html + "</td></tr>";
}

std::string JoinEscaped(const std::vector<std::string>& items) {
  std::string s;
  for (const std::string& x : items) s += (s.empty() ? "" : "; ") + Escape(x);
  return s;
}

void RenderReview(const ReviewRow& r, size_t ordinal, const std::string& href,
                  const ReportOptions& options, std::string* out) {
  const std::string anchor = ReviewAnchor(r.id);
  *out += "<article class=\"review\" id=\"" + anchor + "\"><h3>" + std::to_string(ordinal) + ". " +
          Escape(ReviewTitle(r)) + "</h3>\n<p class=\"sub\">" + Escape(TypeLabel(r.type));
  if (!r.board.empty()) *out += " &middot; " + Escape(r.board);
  if (!r.published.empty()) *out += " &middot; published " + Escape(r.published);
  *out += " &middot; " + Plural(r.pages, "page", "pages");
  if (!href.empty()) *out += " &middot; <a href=\"" + Escape(href) + "\">open the PDF</a>";
  *out += "</p>\n<table class=\"meta\">";
  MetaRow("File", "<code>" + Escape(r.file) + "</code>", out);
  MetaRow("Review type", Escape(TypeLabel(r.type)), out);
  MetaRow("Board", Escape(r.board), out);
  MetaRow("Subjects", JoinEscaped(r.subjects), out);
  MetaRow("Published", Escape(r.published), out);
  MetaRow("Commissioned", Escape(r.commissioned), out);
  if (!r.period_from.empty() || !r.period_to.empty()) {
    MetaRow("Period reviewed",
            Escape(r.period_from.empty() ? "?" : r.period_from) + " to " +
                Escape(r.period_to.empty() ? "?" : r.period_to),
            out);
  }
  MetaRow("Age", Escape(r.child_age), out);
  MetaRow("Outcome", Escape(OutcomeLabel(r.outcome)), out);
  MetaRow("Authors", JoinEscaped(r.authors), out);
  if (!r.agencies.empty()) {
    std::string a;
    for (const auto& [name, page] : r.agencies) {
      a += (a.empty() ? "" : "; ") + Escape(name);
    }
    MetaRow("Agencies", a, out);
  }
  MetaRow(
      "Length",
      Plural(r.pages, "page", "pages") + ", " + Plural(r.words, "word", "words") + " of body text",
      out);
  *out += "</table>\n";

  // Themes present, linking to their quotes below.
  *out += "<h4>Themes present (" + std::to_string(r.themes.size()) + ")</h4>";
  if (r.themes.empty()) {
    *out += "<p class=\"note\">None.</p>";
  } else {
    *out += "<ul class=\"chips\">";
    for (const ThemeRow& t : r.themes) {
      *out +=
          "<li><a href=\"#" + anchor + "-" + Escape(t.id) + "\"" +
          Attr("title", t.group + ": " + Plural(t.counted, "counted mention", "counted mentions")) +
          "><span class=\"dot\" style=\"background:" + GroupColour(t.group) + "\"></span>" +
          Escape(t.label) + " <span class=\"where\">" + std::to_string(t.counted) +
          "</span></a></li>";
    }
    *out += "</ul>\n";
  }

  // Sections.
  *out += "<details class=\"sections\"><summary>Sections (" + std::to_string(r.sections.size()) +
          ")</summary><ol class=\"sections\">";
  for (const SectionRow& x : r.sections) {
    *out += "<li class=\"lv" + std::to_string(std::clamp(x.level, 1, 4)) + "\">";
    if (!x.number.empty()) *out += "<span class=\"num-label\">" + Escape(x.number) + "</span>";
    *out += Escape(x.title) + "<span class=\"kind\">" + Escape(Words(x.kind)) + "</span>" +
            PageRef(href, x.page_start, x.page_end) + "</li>";
  }
  *out += "</ol></details>\n";

  // Findings.
  *out += "<h4>Findings (" + std::to_string(r.findings.size()) + ")</h4>";
  if (r.findings.empty()) {
    *out += "<p class=\"note\">No findings were identified.</p>\n";
  } else {
    *out += "<ul class=\"findings\">";
    for (const FindingRow& f : r.findings) {
      // A title that is only the text's first sentence is not repeated.
      const bool title_in_text = !f.title.empty() && f.text.rfind(f.title, 0) == 0;
      std::string head;
      if (!f.number.empty()) head = "Finding " + Escape(f.number);
      if (!f.title.empty() && !title_in_text) {
        head += (head.empty() ? "" : ": ") + Escape(f.title);
      }
      *out += "<li>";
      if (!head.empty()) *out += "<div class=\"head\">" + head + "</div>";
      *out += "<div>" + Escape(f.text) + PageRef(href, f.page) + "</div></li>";
    }
    *out += "</ul>\n";
  }

  // Recommendations, by addressee kind.
  *out += "<h4>Recommendations (" + std::to_string(r.recommendations.size()) + ")</h4>";
  if (r.recommendations.empty()) *out += "<p class=\"note\">No recommendations were found.</p>";
  // Every kind in the vocabulary order; kinds outside the vocabulary after them, then none.
  std::vector<std::pair<std::string, std::string>> groups;
  for (const auto& kl : AddresseeKinds()) {
    if (!kl.first.empty()) groups.push_back(kl);
  }
  for (const RecommendationRow& x : r.recommendations) {
    bool listed = x.kind.empty();
    for (const auto& g : groups) listed |= g.first == x.kind;
    if (!listed) groups.emplace_back(x.kind, Words(x.kind));
  }
  groups.emplace_back("", AddresseeKinds().back().second);
  for (const auto& [kind, label] : groups) {
    std::vector<const RecommendationRow*> in;
    for (const RecommendationRow& x : r.recommendations) {
      if (x.kind == kind) in.push_back(&x);
    }
    if (in.empty()) continue;
    *out += "<h5" + Attr("data-addressee-kind", kind) + ">" + Escape(label) + " (" +
            std::to_string(in.size()) + ")</h5><ul class=\"recs\">";
    for (const RecommendationRow* x : in) {
      *out += "<li>";
      if (!x->number.empty()) *out += "<span class=\"rnum\">" + Escape(x->number) + "</span>";
      *out += Escape(x->text) + PageRef(href, x->page_start, x->page_end);
      if (!x->addressee.empty() || !x->list.empty()) {
        *out += "<div class=\"addressee\">";
        if (!x->addressee.empty()) *out += "To: " + Escape(x->addressee);
        if (!x->list.empty()) {
          *out +=
              std::string(x->addressee.empty() ? "" : " &middot; ") + "List: " + Escape(x->list);
        }
        *out += "</div>";
      }
      if (!x->response.empty()) *out += "<div class=\"response\">" + Escape(x->response) + "</div>";
      *out += "</li>";
    }
    *out += "</ul>\n";
  }

  // Evidence quotes per theme.
  *out += "<h4>Evidence by theme</h4>";
  if (r.themes.empty()) *out += "<p class=\"note\">No theme is present.</p>";
  for (const ThemeRow& t : r.themes) {
    *out += "<section class=\"theme\" id=\"" + anchor + "-" + Escape(t.id) + "\"" +
            Attr("data-theme", t.id) +
            "><h5><span class=\"swatch\" style=\"background:" + GroupColour(t.group) +
            "\"></span>" + Escape(t.label) + " <span class=\"where\">" + Escape(t.group) +
            " &middot; " + Plural(t.counted, "counted mention", "counted mentions") +
            (t.derived ? " &middot; derived from its component themes" : "") + "</span></h5>";
    if (!t.quotes.empty()) {
      *out += "<ul class=\"quotes\">";
      size_t limit = options.quotes_per_theme > 0 ? static_cast<size_t>(options.quotes_per_theme)
                                                  : t.quotes.size();
      for (size_t i = 0; i < t.quotes.size() && i < limit; ++i) {
        const EvidenceRow& e = t.quotes[i];
        *out += "<li><q>" + QuoteHtml(e) + "</q>" + PageRef(href, e.page);
        if (!e.paragraph.empty() || !e.section_title.empty()) {
          *out += "<span class=\"where\">";
          if (!e.paragraph.empty()) *out += "para " + Escape(e.paragraph);
          if (!e.section_title.empty()) {
            *out += std::string(e.paragraph.empty() ? "" : " &middot; ") + Escape(e.section_title);
          }
          *out += "</span>";
        }
        if (e.negated)
          *out += "<span class=\"flag\">negated: " + Escape(e.negation_cue) + "</span>";
        if (e.hedged) *out += "<span class=\"flag\">hedged: " + Escape(e.hedge_cue) + "</span>";
        if (e.counterfactual) *out += "<span class=\"flag\">counterfactual</span>";
        *out += "</li>";
      }
      *out += "</ul>";
      if (t.quotes.size() > limit) {
        *out += "<p class=\"more\">and " +
                Plural(static_cast<std::int64_t>(t.quotes.size() - limit), "more quote",
                       "more quotes") +
                "</p>";
      }
    }
    *out += "</section>\n";
  }
  *out += "<p class=\"back\"><a href=\"#reviews\">Back to the list of reviews</a></p></article>\n";
}

}  // namespace

double CCoefficient(int a, int b, int both) {
  const int d = a + b - both;
  return d > 0 ? static_cast<double>(both) / d : 0.0;
}

Status LoadSummary(Database* db, CollectionSummary* out) {
  *out = CollectionSummary{};
  Status s = Query(db,
                   "SELECT count(*), coalesce(sum(pages), 0), coalesce(sum(words), 0)"
                   " FROM reviews;",
                   [&](const Statement& st) {
                     out->reviews = static_cast<int>(st.Int(0));
                     out->pages = st.Int(1);
                     out->words = st.Int(2);
                   });
  if (!s.ok()) return s;
  s = Query(db,
            "SELECT coalesce(review_type, ''), count(*) FROM reviews GROUP BY 1"
            " ORDER BY 2 DESC, 1 = '', 1;",
            [&](const Statement& st) {
              out->types.emplace_back(st.Text(0), static_cast<int>(st.Int(1)));
            });
  if (!s.ok()) return s;
  // Known years ascending, then unknown (0).
  s = Query(db,
            "SELECT coalesce(year, 0), count(*) FROM reviews GROUP BY 1"
            " ORDER BY coalesce(year, 0) = 0, 1;",
            [&](const Statement& st) {
              out->years.emplace_back(static_cast<int>(st.Int(0)), static_cast<int>(st.Int(1)));
            });
  if (!s.ok()) return s;
  s = Query(db,
            "SELECT theme, coalesce(max(label), theme), coalesce(max(grp), ''),"
            " sum(present = 1), sum(CASE WHEN present = 1 THEN coalesce(counted_mentions, 0)"
            " ELSE 0 END) FROM themes GROUP BY theme;",
            [&](const Statement& st) {
              out->themes.push_back(ThemeFrequency{st.Text(0), st.Text(1), st.Text(2),
                                                   static_cast<int>(st.Int(3)), st.Int(4)});
            });
  if (!s.ok()) return s;
  std::sort(out->themes.begin(), out->themes.end(),
            [](const ThemeFrequency& a, const ThemeFrequency& b) {
              if (a.reviews != b.reviews) return a.reviews > b.reviews;
              if (a.label != b.label) return a.label < b.label;
              return a.id < b.id;
            });
  std::map<std::string, size_t> theme_index;
  for (size_t i = 0; i < out->themes.size(); ++i) theme_index[out->themes[i].id] = i;
  std::map<int, size_t> year_index;
  for (size_t i = 0; i < out->years.size(); ++i) year_index[out->years[i].first] = i;
  const size_t nt = out->themes.size();
  out->by_year.assign(nt, std::vector<int>(out->years.size(), 0));
  out->both.assign(nt, std::vector<int>(nt, 0));
  for (size_t i = 0; i < nt; ++i) out->both[i][i] = out->themes[i].reviews;
  s = Query(db,
            "SELECT t.theme, coalesce(r.year, 0), count(*) FROM themes t"
            " JOIN reviews r ON r.id = t.review_id WHERE t.present = 1 GROUP BY 1, 2;",
            [&](const Statement& st) {
              auto t = theme_index.find(st.Text(0));
              auto y = year_index.find(static_cast<int>(st.Int(1)));
              if (t == theme_index.end() || y == year_index.end()) return;
              out->by_year[t->second][y->second] = static_cast<int>(st.Int(2));
            });
  if (!s.ok()) return s;
  s = Query(db,
            "SELECT a.theme, b.theme, count(*) FROM themes a"
            " JOIN themes b ON b.review_id = a.review_id AND a.theme < b.theme"
            " WHERE a.present = 1 AND b.present = 1 GROUP BY 1, 2;",
            [&](const Statement& st) {
              auto a = theme_index.find(st.Text(0));
              auto b = theme_index.find(st.Text(1));
              if (a == theme_index.end() || b == theme_index.end()) return;
              const int n = static_cast<int>(st.Int(2));
              out->both[a->second][b->second] = n;
              out->both[b->second][a->second] = n;
            });
  if (!s.ok()) return s;
  s = Query(db, "SELECT DISTINCT patterns_hash FROM reviews ORDER BY 1;",
            [&](const Statement& st) { out->patterns_hashes.push_back(st.Text(0)); });
  if (!s.ok()) return s;
  return Query(db, "SELECT file, coalesce(message, '') FROM failures ORDER BY file;",
               [&](const Statement& st) { out->failures.emplace_back(st.Text(0), st.Text(1)); });
}

Status RenderReport(Database* db, const ReportOptions& options, std::string* html) {
  CollectionSummary sum;
  if (Status s = LoadSummary(db, &sum); !s.ok()) return s;
  std::vector<ReviewRow> reviews;
  if (Status s = LoadReviews(db, &reviews); !s.ok()) return s;

  std::error_code ec;
  PdfPlaces places;
  if (!options.pdf_root.empty()) places.pdf_root = fs::absolute(options.pdf_root, ec);
  places.db_dir = fs::absolute(db->path(), ec).parent_path();
  places.out_dir =
      fs::absolute(options.out.empty() ? "report.html" : options.out, ec).parent_path();

  std::string& out = *html;
  out.clear();
  out.reserve(256 * 1024 + reviews.size() * 32 * 1024);
  out +=
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"generator\" content=\"scrx " SCRX_VERSION "\">\n<title>" +
      Escape(options.title) + "</title>\n<style>" + kCss + "</style>\n</head>\n<body>\n";
  out += "<header class=\"top\"><h1>" + Escape(options.title) + "</h1><p>" +
         Plural(sum.reviews, "review", "reviews") + " in <code>" +
         Escape(fs::path(db->path()).filename().string()) + "</code> &middot; report by scrx " +
         SCRX_VERSION "</p></header>\n";
  out +=
      "<nav class=\"jump\" aria-label=\"Report contents\"><a href=\"#overview\">Overview</a>"
      "<a href=\"#themes\">Theme frequency</a><a href=\"#by-year\">Themes by year</a>"
      "<a href=\"#cooccurrence\">Co-occurrence</a><a href=\"#reviews\">Reviews</a></nav>\n"
      "<main>\n";
  RenderOverview(sum, &out);
  RenderThemeChart(sum, &out);
  RenderYearMap(sum, &out);
  RenderMatrix(sum, options.matrix_themes, &out);
  RenderToc(reviews, &out);
  for (size_t i = 0; i < reviews.size(); ++i) {
    RenderReview(reviews[i], i + 1, PdfHref(reviews[i].file, places), options, &out);
  }
  out += "</main>\n</body>\n</html>\n";
  return Status::Ok();
}

Status WriteReport(const ReportOptions& options, ReportResult* result) {
  *result = ReportResult{};
  if (options.out.empty()) return Status::InvalidArgument("-o", "no output file given");
  std::string path;
  if (Status s = store::ResolveDb(options.db, &path); !s.ok()) return s;
  Status s;
  std::unique_ptr<store::Collection> c =
      store::Collection::Open(path, Database::Mode::kReadOnly, &s);
  if (!c) return s;
  std::string html;
  if (s = RenderReport(c->db(), options, &html); !s.ok()) return s;
  if (s = WriteFileAtomic(options.out, html); !s.ok()) return s;
  result->db_path = path;
  result->bytes = html.size();
  return Query(c->db(), "SELECT count(*) FROM reviews;",
               [&](const Statement& st) { result->reviews = static_cast<int>(st.Int(0)); });
}

}  // namespace scrx::report
