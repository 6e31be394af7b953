#include "output/review_json.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>
#include <vector>

#include "segment/section_kind.h"
#include "tag/tagger.h"

namespace scrx::output {
namespace {

using ojson = nlohmann::ordered_json;

// Writes JSON text exactly as nlohmann's dump(1, ' ', false, replace) prints the same document
// (one space of indent per level, "key": value, empty containers as {} and []), without
// building the document first: a review has thousands of evidence objects, and the DOM cost
// more than the writing. Numbers other than integers, and strings that need escaping or are
// not plain ASCII, are printed by nlohmann itself, so the two cannot differ.
class Writer {
 public:
  explicit Writer(std::string* out) : out_(out) {}

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  Writer& Key(std::string_view key) {
    Element();
    Quoted(key);
    out_->append(": ");
    after_key_ = true;
    return *this;
  }
  void String(std::string_view s) {
    Element();
    Quoted(s);
  }
  void StringOrNull(std::string_view s) {
    if (s.empty()) {
      Null();
    } else {
      String(s);
    }
  }
  void Int(long long v) {
    Element();
    out_->append(std::to_string(v));
  }
  void Double(double v) {
    Element();
    out_->append(ojson(v).dump());
  }
  void Bool(bool v) {
    Element();
    out_->append(v ? "true" : "false");
  }
  void Null() {
    Element();
    out_->append("null");
  }
  void IntOrNull(int v) {
    if (v > 0) {
      Int(v);
    } else {
      Null();
    }
  }
  void Strings(const std::vector<std::string>& list) {
    BeginArray();
    for (const std::string& s : list) String(s);
    EndArray();
  }

 private:
  void Open(char c) {
    Element();
    out_->push_back(c);
    counts_.push_back(0);
  }
  void Close(char c) {
    const int count = counts_.back();
    counts_.pop_back();
    if (count > 0) {
      out_->push_back('\n');
      out_->append(counts_.size(), ' ');
    }
    out_->push_back(c);
  }
  // Before a value: the separator and indent of a new element, unless it follows its key.
  void Element() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (counts_.empty()) return;
    out_->append(counts_.back()++ > 0 ? ",\n" : "\n");
    out_->append(counts_.size(), ' ');
  }
  void Quoted(std::string_view s) {
    bool plain = std::all_of(s.begin(), s.end(), [](char c) {
      auto u = static_cast<unsigned char>(c);
      return u >= 0x20 && u < 0x7f && c != '"' && c != '\\';
    });
    if (plain) {
      out_->push_back('"');
      out_->append(s);
      out_->push_back('"');
    } else {
      out_->append(ojson(std::string(s)).dump(-1, ' ', false, ojson::error_handler_t::replace));
    }
  }

  std::string* out_;
  std::vector<int> counts_;  // elements written so far, per open container
  bool after_key_ = false;
};

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

void Meta(Writer& w, const MetaValue& v) {
  if (!v.known()) {
    w.Null();
    return;
  }
  w.BeginObject();
  w.Key("value").String(v.value);
  w.Key("page").Int(v.page);
  w.EndObject();
}

void MetaList(Writer& w, const std::vector<MetaValue>& vs) {
  w.BeginArray();
  for (const MetaValue& v : vs) Meta(w, v);
  w.EndArray();
}

void EvidenceJson(Writer& w, const Evidence& e) {
  w.BeginObject();
  w.Key("page").Int(e.page);
  w.Key("section").Int(e.section_index);
  w.Key("section_number").StringOrNull(e.section_number);
  w.Key("section_title").String(e.section_title);
  w.Key("section_kind").String(SectionKindName(e.section_kind));
  w.Key("paragraph").String(e.paragraph_id);
  w.Key("quote").String(e.sentence);
  w.Key("span").BeginArray();
  w.Int(e.span_begin);
  w.Int(e.span_end);
  w.EndArray();
  w.Key("matched").String(e.matched);
  w.Key("pattern").String(e.pattern);
  w.Key("weight").Double(e.weight);
  w.Key("counted").Bool(e.counted);
  w.Key("not_counted").StringOrNull(e.not_counted);
  w.Key("negated").Bool(e.negated);
  w.Key("negation_cue").StringOrNull(e.negation_cue);
  w.Key("hedged").Bool(e.hedged);
  w.Key("hedge_cue").StringOrNull(e.hedge_cue);
  w.Key("counterfactual").Bool(e.counterfactual);
  w.Key("counterfactual_cue").StringOrNull(e.counterfactual_cue);
  w.EndObject();
}

}  // namespace

std::string ReviewJsonText(const Review& r, const JsonOptions& options) {
  std::string text;
  text.reserve(1 << 16);
  Writer w(&text);
  w.BeginObject();
  w.Key("schema").String(kReviewSchema);
  w.Key("scrx_version").String(options.scrx_version);
  w.Key("patterns_hash").String(options.patterns_hash);
  const PdfInfo& pdf = r.source.pdf;
  w.Key("source").BeginObject();
  w.Key("file").String(r.source.file);
  w.Key("sha256").String(r.source.sha256);
  w.Key("bytes").Int(static_cast<long long>(r.source.bytes));
  w.Key("pages").Int(pdf.pages);
  w.Key("pdf").BeginObject();
  for (const auto& [key, value] : {std::pair{"title", &pdf.title},
                                   {"author", &pdf.author},
                                   {"subject", &pdf.subject},
                                   {"keywords", &pdf.keywords},
                                   {"creator", &pdf.creator},
                                   {"producer", &pdf.producer},
                                   {"created", &pdf.created},
                                   {"modified", &pdf.modified},
                                   {"version", &pdf.pdf_version}}) {
    w.Key(key).StringOrNull(*value);
  }
  w.EndObject();
  // Pages that need OCR, then every page's text layer: words and the share of words that are
  // words (two decimals, so that outputs diff cleanly).
  w.Key("needs_ocr").BeginArray();
  for (const PageText& pt : r.source.page_text) {
    if (pt.needs_ocr) w.Int(pt.page);
  }
  w.EndArray();
  w.Key("page_text").BeginArray();
  for (const PageText& pt : r.source.page_text) {
    w.BeginObject();
    w.Key("page").Int(pt.page);
    w.Key("words").Int(pt.words);
    w.Key("quality").Double(std::round(pt.quality * 100) / 100);
    w.Key("needs_ocr").Bool(pt.needs_ocr);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  const Metadata& m = r.metadata;
  w.Key("metadata").BeginObject();
  Meta(w.Key("title"), m.title);
  Meta(w.Key("review_type"), m.review_type);
  MetaList(w.Key("subjects"), m.subjects);
  Meta(w.Key("board"), m.board);
  Meta(w.Key("published"), m.published);
  Meta(w.Key("commissioned"), m.commissioned);
  Meta(w.Key("period_from"), m.period_from);
  Meta(w.Key("period_to"), m.period_to);
  Meta(w.Key("child_age"), m.child_age);
  Meta(w.Key("outcome"), m.outcome);
  MetaList(w.Key("agencies"), m.agencies);
  MetaList(w.Key("authors"), m.authors);
  w.EndObject();
  long long paragraphs = 0;
  for (const Section& s : r.sections) paragraphs += static_cast<long long>(s.paragraphs.size());
  int present = 0;
  for (const ThemeResult& t : r.themes) present += t.present;
  w.Key("stats").BeginObject();
  w.Key("pages").Int(pdf.pages);
  w.Key("words").Int(r.word_count);
  w.Key("sections").Int(static_cast<long long>(r.sections.size()));
  w.Key("paragraphs").Int(paragraphs);
  w.Key("themes_present").Int(present);
  w.Key("findings").Int(static_cast<long long>(r.findings.size()));
  w.Key("recommendations").Int(static_cast<long long>(r.recommendations.size()));
  w.Key("warnings").Int(static_cast<long long>(r.warnings.size()));
  w.EndObject();
  w.Key("contents").BeginArray();
  for (const ContentsEntry& e : r.contents) {
    w.BeginObject();
    w.Key("number").StringOrNull(e.number);
    w.Key("title").String(e.title);
    w.Key("level").Int(e.level);
    w.Key("page").IntOrNull(e.page);
    w.EndObject();
  }
  w.EndArray();
  w.Key("sections").BeginArray();
  for (size_t i = 0; i < r.sections.size(); ++i) {
    const Section& s = r.sections[i];
    w.BeginObject();
    w.Key("index").Int(static_cast<long long>(i));
    w.Key("number").StringOrNull(s.number);
    w.Key("title").String(s.title);
    w.Key("level").Int(s.level);
    w.Key("kind").String(SectionKindName(s.kind));
    w.Key("title_kind").String(SectionKindName(s.title_kind));
    w.Key("page_start").Int(s.page_start);
    w.Key("page_end").Int(s.page_end);
    w.Key("in_contents").Bool(s.in_contents);
    w.Key("paragraphs").BeginArray();
    for (const Paragraph& p : s.paragraphs) {
      w.BeginObject();
      w.Key("id").String(p.id);
      w.Key("number").StringOrNull(p.number);
      w.Key("kind").String(ParagraphKindName(p.kind));
      w.Key("page").Int(p.page);
      w.Key("page_end").Int(p.page_end);
      w.Key("text").String(p.text);
      if (p.kind == Paragraph::Kind::kTable) {
        w.Key("table").BeginArray();
        for (const auto& row : p.table) w.Strings(row);
        w.EndArray();
      }
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("themes").BeginArray();
  for (const ThemeResult& t : r.themes) {
    w.BeginObject();
    w.Key("id").String(t.id);
    w.Key("label").String(t.label);
    w.Key("group").String(tag::ThemeGroupName(t.group));
    w.Key("present").Bool(t.present);
    w.Key("mentions").Int(t.mentions);
    w.Key("counted_mentions").Int(t.counted_mentions);
    w.Key("negated_mentions").Int(t.negated_mentions);
    w.Key("per_10k_words").Double(t.per_10k_words);
    w.Key("rule").BeginObject();
    w.Key("score").Double(t.score);
    w.Key("threshold").Double(t.threshold);
    w.Key("derived").Bool(t.derived);
    w.Key("derived_from").StringOrNull(t.derived_from);
    // Why evidence was not counted: reason -> items, in the order the reasons first occur.
    std::vector<std::pair<std::string_view, int>> not_counted;
    for (const Evidence& e : t.evidence) {
      if (e.counted) continue;
      auto it = std::find_if(not_counted.begin(), not_counted.end(),
                             [&](const auto& n) { return n.first == e.not_counted; });
      if (it == not_counted.end()) {
        not_counted.emplace_back(e.not_counted, 1);
      } else {
        ++it->second;
      }
    }
    w.Key("not_counted").BeginObject();
    for (const auto& [reason, n] : not_counted) w.Key(reason).Int(n);
    w.EndObject();
    w.EndObject();
    w.Key("sections").Strings(t.sections);
    w.Key("evidence").BeginArray();
    for (const Evidence& e : t.evidence) EvidenceJson(w, e);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("findings").BeginArray();
  for (const Finding& f : r.findings) {
    w.BeginObject();
    w.Key("number").StringOrNull(f.number);
    w.Key("title").StringOrNull(f.title);
    w.Key("text").String(f.text);
    w.Key("section").Int(f.section_index);
    w.Key("page").Int(f.page);
    w.EndObject();
  }
  w.EndArray();
  w.Key("recommendations").BeginArray();
  for (const Recommendation& rec : r.recommendations) {
    w.BeginObject();
    w.Key("list").String(rec.list);
    w.Key("number").StringOrNull(rec.number);
    w.Key("text").String(rec.text);
    w.Key("addressee").StringOrNull(rec.addressee);
    w.Key("addressee_kind").StringOrNull(rec.addressee_kind);
    w.Key("response").StringOrNull(rec.response);
    w.Key("section").Int(rec.section_index);
    w.Key("page_start").Int(rec.page_start);
    w.Key("page_end").Int(rec.page_end);
    w.EndObject();
  }
  w.EndArray();
  if (options.include_furniture) {
    w.Key("furniture").BeginArray();
    for (const FurnitureItem& f : r.furniture) {
      w.BeginObject();
      w.Key("kind").String(FurnitureKindName(f.kind));
      w.Key("page").Int(f.page);
      w.Key("text").String(f.text);
      w.EndObject();
    }
    w.EndArray();
  }
  w.Key("warnings").BeginArray();
  for (const Warning& warning : r.warnings) {
    w.BeginObject();
    w.Key("code").String(warning.code);
    w.Key("page").IntOrNull(warning.page);
    w.Key("message").String(warning.message);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return text;
}

ojson ReviewToJson(const Review& r, const JsonOptions& options) {
  return ojson::parse(ReviewJsonText(r, options));
}

std::string DumpJson(const nlohmann::ordered_json& j) {
  return j.dump(1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace scrx::output
