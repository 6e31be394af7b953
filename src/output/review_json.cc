#include "output/review_json.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include "base/files.h"
#include "segment/section_kind.h"
#include "tag/tagger.h"

namespace scrx::output {
namespace {

using ojson = nlohmann::ordered_json;

ojson Meta(const MetaValue& v) {
  if (!v.known()) return nullptr;
  return ojson{{"value", v.value}, {"page", v.page}};
}

ojson MetaList(const std::vector<MetaValue>& vs) {
  ojson a = ojson::array();
  for (const MetaValue& v : vs) a.push_back(Meta(v));
  return a;
}

ojson NullIfEmpty(const std::string& s) { return s.empty() ? ojson(nullptr) : ojson(s); }

std::string_view ParagraphKindName(Paragraph::Kind k) {
  switch (k) {
    case Paragraph::Kind::kNumbered:
      return "numbered";
    case Paragraph::Kind::kListItem:
      return "list_item";
    case Paragraph::Kind::kTable:
      return "table";
    case Paragraph::Kind::kText:
      return "text";
  }
  return "text";
}

std::string_view FurnitureKindName(FurnitureItem::Kind k) {
  switch (k) {
    case FurnitureItem::Kind::kHeader:
      return "header";
    case FurnitureItem::Kind::kFooter:
      return "footer";
    case FurnitureItem::Kind::kPageNumber:
      return "page_number";
    case FurnitureItem::Kind::kFootnote:
      return "footnote";
  }
  return "header";
}

ojson EvidenceJson(const Evidence& e) {
  return ojson{
      {"page", e.page},
      {"section", e.section_index},
      {"section_number", NullIfEmpty(e.section_number)},
      {"section_title", e.section_title},
      {"section_kind", std::string(SectionKindName(e.section_kind))},
      {"paragraph", e.paragraph_id},
      {"quote", e.sentence},
      {"span", ojson::array({e.span_begin, e.span_end})},
      {"matched", e.matched},
      {"pattern", e.pattern},
      {"weight", e.weight},
      {"counted", e.counted},
      {"not_counted", NullIfEmpty(e.not_counted)},
      {"negated", e.negated},
      {"negation_cue", NullIfEmpty(e.negation_cue)},
      {"hedged", e.hedged},
      {"hedge_cue", NullIfEmpty(e.hedge_cue)},
      {"counterfactual", e.counterfactual},
      {"counterfactual_cue", NullIfEmpty(e.counterfactual_cue)},
  };
}

}  // namespace

ojson ReviewToJson(const Review& r, const JsonOptions& options) {
  ojson j;
  j["schema"] = kReviewSchema;
  j["scrx_version"] = options.scrx_version;
  j["patterns_hash"] = options.patterns_hash;
  const PdfInfo& pdf = r.source.pdf;
  j["source"] = ojson{
      {"file", r.source.file},
      {"sha256", r.source.sha256},
      {"bytes", r.source.bytes},
      {"pages", pdf.pages},
      {"pdf", ojson{{"title", NullIfEmpty(pdf.title)},
                    {"author", NullIfEmpty(pdf.author)},
                    {"subject", NullIfEmpty(pdf.subject)},
                    {"keywords", NullIfEmpty(pdf.keywords)},
                    {"creator", NullIfEmpty(pdf.creator)},
                    {"producer", NullIfEmpty(pdf.producer)},
                    {"created", NullIfEmpty(pdf.created)},
                    {"modified", NullIfEmpty(pdf.modified)},
                    {"version", NullIfEmpty(pdf.pdf_version)}}},
  };
  // Pages that need OCR, then every page's text layer: words and the share of words that are
  // words (two decimals, so that outputs diff cleanly).
  ojson ocr = ojson::array(), page_text = ojson::array();
  for (const PageText& pt : r.source.page_text) {
    if (pt.needs_ocr) ocr.push_back(pt.page);
    page_text.push_back(ojson{{"page", pt.page},
                              {"words", pt.words},
                              {"quality", std::round(pt.quality * 100) / 100},
                              {"needs_ocr", pt.needs_ocr}});
  }
  j["source"]["needs_ocr"] = std::move(ocr);
  j["source"]["page_text"] = std::move(page_text);
  const Metadata& m = r.metadata;
  j["metadata"] = ojson{
      {"title", Meta(m.title)},
      {"review_type", Meta(m.review_type)},
      {"subjects", MetaList(m.subjects)},
      {"board", Meta(m.board)},
      {"published", Meta(m.published)},
      {"commissioned", Meta(m.commissioned)},
      {"period_from", Meta(m.period_from)},
      {"period_to", Meta(m.period_to)},
      {"child_age", Meta(m.child_age)},
      {"outcome", Meta(m.outcome)},
      {"agencies", MetaList(m.agencies)},
      {"authors", MetaList(m.authors)},
  };
  int paragraphs = 0;
  for (const Section& s : r.sections) paragraphs += static_cast<int>(s.paragraphs.size());
  int present = 0;
  for (const ThemeResult& t : r.themes) present += t.present;
  j["stats"] = ojson{{"pages", pdf.pages},
                     {"words", r.word_count},
                     {"sections", r.sections.size()},
                     {"paragraphs", paragraphs},
                     {"themes_present", present},
                     {"findings", r.findings.size()},
                     {"recommendations", r.recommendations.size()},
                     {"warnings", r.warnings.size()}};
  ojson contents = ojson::array();
  for (const ContentsEntry& e : r.contents) {
    contents.push_back(ojson{{"number", NullIfEmpty(e.number)},
                             {"title", e.title},
                             {"level", e.level},
                             {"page", e.page > 0 ? ojson(e.page) : ojson(nullptr)}});
  }
  j["contents"] = std::move(contents);
  ojson sections = ojson::array();
  for (size_t i = 0; i < r.sections.size(); ++i) {
    const Section& s = r.sections[i];
    ojson paras = ojson::array();
    for (const Paragraph& p : s.paragraphs) {
      ojson pj{{"id", p.id},
               {"number", NullIfEmpty(p.number)},
               {"kind", std::string(ParagraphKindName(p.kind))},
               {"page", p.page},
               {"page_end", p.page_end},
               {"text", p.text}};
      if (p.kind == Paragraph::Kind::kTable) pj["table"] = p.table;
      paras.push_back(std::move(pj));
    }
    sections.push_back(ojson{{"index", i},
                             {"number", NullIfEmpty(s.number)},
                             {"title", s.title},
                             {"level", s.level},
                             {"kind", std::string(SectionKindName(s.kind))},
                             {"title_kind", std::string(SectionKindName(s.title_kind))},
                             {"page_start", s.page_start},
                             {"page_end", s.page_end},
                             {"in_contents", s.in_contents},
                             {"paragraphs", std::move(paras)}});
  }
  j["sections"] = std::move(sections);
  ojson themes = ojson::array();
  for (const ThemeResult& t : r.themes) {
    ojson not_counted = ojson::object();
    for (const Evidence& e : t.evidence) {
      if (!e.counted) not_counted[e.not_counted] = not_counted.value(e.not_counted, 0) + 1;
    }
    ojson ev = ojson::array();
    for (const Evidence& e : t.evidence) ev.push_back(EvidenceJson(e));
    themes.push_back(ojson{{"id", t.id},
                           {"label", t.label},
                           {"group", std::string(tag::ThemeGroupName(t.group))},
                           {"present", t.present},
                           {"mentions", t.mentions},
                           {"counted_mentions", t.counted_mentions},
                           {"negated_mentions", t.negated_mentions},
                           {"per_10k_words", t.per_10k_words},
                           {"rule", ojson{{"score", t.score},
                                          {"threshold", t.threshold},
                                          {"derived", t.derived},
                                          {"derived_from", NullIfEmpty(t.derived_from)},
                                          {"not_counted", std::move(not_counted)}}},
                           {"sections", t.sections},
                           {"evidence", std::move(ev)}});
  }
  j["themes"] = std::move(themes);
  ojson findings = ojson::array();
  for (const Finding& f : r.findings) {
    findings.push_back(ojson{{"number", NullIfEmpty(f.number)},
                             {"title", NullIfEmpty(f.title)},
                             {"text", f.text},
                             {"section", f.section_index},
                             {"page", f.page}});
  }
  j["findings"] = std::move(findings);
  ojson recs = ojson::array();
  for (const Recommendation& rec : r.recommendations) {
    recs.push_back(ojson{{"list", rec.list},
                         {"number", NullIfEmpty(rec.number)},
                         {"text", rec.text},
                         {"addressee", NullIfEmpty(rec.addressee)},
                         {"addressee_kind", NullIfEmpty(rec.addressee_kind)},
                         {"response", NullIfEmpty(rec.response)},
                         {"section", rec.section_index},
                         {"page_start", rec.page_start},
                         {"page_end", rec.page_end}});
  }
  j["recommendations"] = std::move(recs);
  if (options.include_furniture) {
    ojson furniture = ojson::array();
    for (const FurnitureItem& f : r.furniture) {
      furniture.push_back(ojson{
          {"kind", std::string(FurnitureKindName(f.kind))}, {"page", f.page}, {"text", f.text}});
    }
    j["furniture"] = std::move(furniture);
  }
  ojson warnings = ojson::array();
  for (const Warning& w : r.warnings) {
    warnings.push_back(ojson{{"code", w.code},
                             {"page", w.page > 0 ? ojson(w.page) : ojson(nullptr)},
                             {"message", w.message}});
  }
  j["warnings"] = std::move(warnings);
  return j;
}

std::string DumpJson(const nlohmann::ordered_json& j) {
  return j.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

namespace {

template <class Json>
std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return "";
  return it->template get<std::string>();
}
template <class Json>
int Int(const Json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return 0;
  return it->template get<int>();
}
template <class Json>
MetaValue MetaFrom(const Json& j) {
  MetaValue v;
  if (j.is_object()) {
    if (j.contains("value") && j["value"].is_string())
      v.value = j["value"].template get<std::string>();
    v.page = Int(j, "page");
  }
  return v;
}

// For the DOM types of nlohmann (json, and ordered_json, which a whole review parses into
// faster: its objects are vectors, not trees).
template <class Json>
Status FromJson(const Json& j, const std::string& where, Review* out) {
  *out = Review{};
  if (!j.is_object() || Str(j, "schema") != kReviewSchema) {
    return Status::InvalidArgument(
        where,
        std::string("not a review document (expected \"schema\": \"") + kReviewSchema + "\")");
  }
  try {
    const auto& src = j.at("source");
    out->source.file = Str(src, "file");
    out->source.sha256 = Str(src, "sha256");
    out->source.bytes = src.value("bytes", std::uint64_t{0});
    out->source.pdf.pages = Int(src, "pages");
    if (src.contains("pdf") && src["pdf"].is_object()) {
      const auto& pdf = src["pdf"];
      out->source.pdf.title = Str(pdf, "title");
      out->source.pdf.author = Str(pdf, "author");
      out->source.pdf.subject = Str(pdf, "subject");
      out->source.pdf.keywords = Str(pdf, "keywords");
      out->source.pdf.creator = Str(pdf, "creator");
      out->source.pdf.producer = Str(pdf, "producer");
      out->source.pdf.created = Str(pdf, "created");
      out->source.pdf.modified = Str(pdf, "modified");
      out->source.pdf.pdf_version = Str(pdf, "version");
    }
    if (src.contains("page_text") && src["page_text"].is_array()) {
      for (const auto& p : src["page_text"]) {
        PageText pt;
        pt.page = Int(p, "page");
        pt.words = Int(p, "words");
        pt.quality = p.value("quality", 1.0);
        pt.needs_ocr = p.value("needs_ocr", false);
        out->source.page_text.push_back(pt);
      }
    }
    const auto& m = j.at("metadata");
    Metadata& md = out->metadata;
    md.title = MetaFrom(m.value("title", Json()));
    md.review_type = MetaFrom(m.value("review_type", Json()));
    md.board = MetaFrom(m.value("board", Json()));
    md.published = MetaFrom(m.value("published", Json()));
    md.commissioned = MetaFrom(m.value("commissioned", Json()));
    md.period_from = MetaFrom(m.value("period_from", Json()));
    md.period_to = MetaFrom(m.value("period_to", Json()));
    md.child_age = MetaFrom(m.value("child_age", Json()));
    md.outcome = MetaFrom(m.value("outcome", Json()));
    for (const char* key : {"subjects", "agencies", "authors"}) {
      std::vector<MetaValue>& list = key[0] == 's'   ? md.subjects
                                     : key[1] == 'g' ? md.agencies
                                                     : md.authors;
      if (m.contains(key) && m[key].is_array()) {
        for (const auto& v : m[key]) list.push_back(MetaFrom(v));
      }
    }
    out->word_count = j.at("stats").value("words", 0);
    for (const auto& s : j.at("sections")) {
      Section sec;
      sec.number = Str(s, "number");
      sec.title = Str(s, "title");
      sec.level = Int(s, "level");
      sec.kind = SectionKindFromName(Str(s, "kind")).value_or(SectionKind::kOther);
      sec.title_kind = SectionKindFromName(Str(s, "title_kind")).value_or(SectionKind::kOther);
      sec.page_start = Int(s, "page_start");
      sec.page_end = Int(s, "page_end");
      sec.in_contents = s.value("in_contents", false);
      for (const auto& p : s.at("paragraphs")) {
        Paragraph para;
        para.id = Str(p, "id");
        para.number = Str(p, "number");
        std::string kind = Str(p, "kind");
        para.kind = kind == "numbered"    ? Paragraph::Kind::kNumbered
                    : kind == "list_item" ? Paragraph::Kind::kListItem
                    : kind == "table"     ? Paragraph::Kind::kTable
                                          : Paragraph::Kind::kText;
        para.page = Int(p, "page");
        para.page_end = Int(p, "page_end");
        para.text = Str(p, "text");
        if (p.contains("table"))
          para.table = p["table"].template get<std::vector<std::vector<std::string>>>();
        sec.paragraphs.push_back(std::move(para));
      }
      out->sections.push_back(std::move(sec));
    }
    for (const auto& t : j.at("themes")) {
      ThemeResult tr;
      tr.id = Str(t, "id");
      tr.label = Str(t, "label");
      std::string g = Str(t, "group");
      tr.group = g == "incident"   ? ThemeGroup::kIncident
                 : g == "practice" ? ThemeGroup::kPractice
                 : g == "system"   ? ThemeGroup::kSystem
                                   : ThemeGroup::kFactor;
      tr.present = t.value("present", false);
      tr.mentions = Int(t, "mentions");
      tr.counted_mentions = Int(t, "counted_mentions");
      tr.negated_mentions = Int(t, "negated_mentions");
      tr.per_10k_words = t.value("per_10k_words", 0.0);
      if (t.contains("rule")) {
        tr.score = t["rule"].value("score", 0.0);
        tr.threshold = t["rule"].value("threshold", 1.0);
        tr.derived = t["rule"].value("derived", false);
        tr.derived_from = Str(t["rule"], "derived_from");
      }
      if (t.contains("sections"))
        tr.sections = t["sections"].template get<std::vector<std::string>>();
      for (const auto& e : t.at("evidence")) {
        Evidence ev;
        ev.theme = tr.id;
        ev.page = Int(e, "page");
        ev.section_index = Int(e, "section");
        ev.section_number = Str(e, "section_number");
        ev.section_title = Str(e, "section_title");
        ev.section_kind = SectionKindFromName(Str(e, "section_kind")).value_or(SectionKind::kOther);
        ev.paragraph_id = Str(e, "paragraph");
        ev.sentence = Str(e, "quote");
        if (e.contains("span") && e["span"].is_array() && e["span"].size() == 2) {
          ev.span_begin = e["span"][0].template get<int>();
          ev.span_end = e["span"][1].template get<int>();
        }
        ev.matched = Str(e, "matched");
        ev.pattern = Str(e, "pattern");
        ev.weight = e.value("weight", 1.0);
        ev.counted = e.value("counted", false);
        ev.not_counted = Str(e, "not_counted");
        ev.negated = e.value("negated", false);
        ev.negation_cue = Str(e, "negation_cue");
        ev.hedged = e.value("hedged", false);
        ev.hedge_cue = Str(e, "hedge_cue");
        ev.counterfactual = e.value("counterfactual", false);
        ev.counterfactual_cue = Str(e, "counterfactual_cue");
        tr.evidence.push_back(std::move(ev));
      }
      out->themes.push_back(std::move(tr));
    }
    for (const auto& f : j.at("findings")) {
      out->findings.push_back(
          {Str(f, "number"), Str(f, "title"), Str(f, "text"), Int(f, "section"), Int(f, "page")});
    }
    for (const auto& rj : j.at("recommendations")) {
      Recommendation rec;
      rec.list = Str(rj, "list");
      rec.number = Str(rj, "number");
      rec.text = Str(rj, "text");
      rec.addressee = Str(rj, "addressee");
      rec.addressee_kind = Str(rj, "addressee_kind");
      rec.response = Str(rj, "response");
      rec.section_index = Int(rj, "section");
      rec.page_start = Int(rj, "page_start");
      rec.page_end = Int(rj, "page_end");
      out->recommendations.push_back(std::move(rec));
    }
    if (j.contains("contents")) {
      for (const auto& c : j["contents"]) {
        out->contents.push_back(
            {Str(c, "number"), Str(c, "title"), Int(c, "page"), Int(c, "level")});
      }
    }
    if (j.contains("furniture")) {
      for (const auto& f : j["furniture"]) {
        FurnitureItem item;
        std::string k = Str(f, "kind");
        item.kind = k == "footer"        ? FurnitureItem::Kind::kFooter
                    : k == "page_number" ? FurnitureItem::Kind::kPageNumber
                    : k == "footnote"    ? FurnitureItem::Kind::kFootnote
                                         : FurnitureItem::Kind::kHeader;
        item.page = Int(f, "page");
        item.text = Str(f, "text");
        out->furniture.push_back(std::move(item));
      }
    }
    if (j.contains("warnings")) {
      for (const auto& w : j["warnings"])
        out->warnings.push_back({Str(w, "code"), Int(w, "page"), Str(w, "message")});
    }
  } catch (const nlohmann::json::exception& e) {
    return Status::Corruption(where, std::string("malformed review document: ") + e.what());
  }
  return Status::Ok();
}

}  // namespace

Status ReviewFromJson(const nlohmann::json& j, const std::string& where, Review* out) {
  return FromJson(j, where, out);
}

Status ReadReviewFile(const std::string& path, Review* out) {
  // Read whole, then parsed: nlohmann's stream input takes a virtual call per character.
  std::string text;
  if (!ReadFile(path, &text).ok()) return Status::IOError(path, "cannot open for reading");
  nlohmann::ordered_json j;
  try {
    j = nlohmann::ordered_json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    return Status::Corruption(path, std::string("not valid JSON: ") + e.what());
  }
  return FromJson(j, path, out);
}

}  // namespace scrx::output
