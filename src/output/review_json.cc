#include "output/review_json.h"

#include <cmath>

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

}  // namespace scrx::output
