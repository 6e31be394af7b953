// JSON -> Review: the reading half of review_json.h, with simdjson's On-Demand parser. The parent
// of `scrx analyze` reads every review its workers write back to store it in the collection; a
// DOM (nlohmann) built and freed an object per key and value of a document of thousands of
// evidence items, and took as long as storing it. On Demand walks the text once and the
// fields go straight into the Review.
//
// Tolerant as the documents' readers have always been: keys may come in any order, unknown
// keys are skipped, a missing or mistyped optional value reads as empty, 0 or false. The
// schema tag and the top-level parts every review has are required.
#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "base/files.h"
#include "output/review_json.h"
#include "segment/section_kind.h"

namespace scrx::output {
namespace {

namespace od = simdjson::ondemand;

// Typed reads of one value; anything else (null, another type) gives the empty value.
std::string Str(od::value v) {
  if (v.type() != od::json_type::string) return "";
  return std::string(std::string_view(v.get_string()));
}
double Num(od::value v, double otherwise = 0) {
  return v.type() == od::json_type::number ? double(v.get_double()) : otherwise;
}
int Int(od::value v) { return static_cast<int>(Num(v)); }
bool Bool(od::value v) { return v.type() == od::json_type::boolean && bool(v.get_bool()); }

// Calls f(key, value) for each field of an object (nothing for another type).
template <class F>
void Fields(od::value v, F&& f) {
  if (v.type() != od::json_type::object) return;
  for (od::field field : v.get_object()) {
    std::string_view key = field.unescaped_key();
    f(key, od::value(field.value()));
  }
}

// Calls f(item) for each item of an array (nothing for another type).
template <class F>
void Items(od::value v, F&& f) {
  if (v.type() != od::json_type::array) return;
  for (od::value item : v.get_array()) f(item);
}

std::vector<std::string> Strings(od::value v) {
  std::vector<std::string> out;
  Items(v, [&](od::value s) { out.push_back(Str(s)); });
  return out;
}

MetaValue Meta(od::value v) {
  MetaValue m;
  Fields(v, [&](std::string_view k, od::value x) {
    if (k == "value") {
      m.value = Str(x);
    } else if (k == "page") {
      m.page = Int(x);
    }
  });
  return m;
}

SectionKind Kind(od::value v) { return SectionKindFromName(Str(v)).value_or(SectionKind::kOther); }

void ReadSource(od::value v, SourceInfo* src) {
  Fields(v, [&](std::string_view k, od::value x) {
    if (k == "file") {
      src->file = Str(x);
    } else if (k == "sha256") {
      src->sha256 = Str(x);
    } else if (k == "bytes") {
      src->bytes = static_cast<std::uint64_t>(Num(x));
    } else if (k == "pages") {
      src->pdf.pages = Int(x);
    } else if (k == "pdf") {
      PdfInfo& pdf = src->pdf;
      Fields(x, [&](std::string_view pk, od::value y) {
        std::string* field = pk == "title"      ? &pdf.title
                             : pk == "author"   ? &pdf.author
                             : pk == "subject"  ? &pdf.subject
                             : pk == "keywords" ? &pdf.keywords
                             : pk == "creator"  ? &pdf.creator
                             : pk == "producer" ? &pdf.producer
                             : pk == "created"  ? &pdf.created
                             : pk == "modified" ? &pdf.modified
                             : pk == "version"  ? &pdf.pdf_version
                                                : nullptr;
        if (field != nullptr) *field = Str(y);
      });
    } else if (k == "page_text") {
      Items(x, [&](od::value p) {
        PageText pt;
        Fields(p, [&](std::string_view pk, od::value y) {
          if (pk == "page") {
            pt.page = Int(y);
          } else if (pk == "words") {
            pt.words = Int(y);
          } else if (pk == "quality") {
            pt.quality = Num(y, 1.0);
          } else if (pk == "needs_ocr") {
            pt.needs_ocr = Bool(y);
          }
        });
        src->page_text.push_back(pt);
      });
    }
  });
}

void ReadMetadata(od::value v, Metadata* md) {
  Fields(v, [&](std::string_view k, od::value x) {
    MetaValue* one = k == "title"          ? &md->title
                     : k == "review_type"  ? &md->review_type
                     : k == "board"        ? &md->board
                     : k == "published"    ? &md->published
                     : k == "commissioned" ? &md->commissioned
                     : k == "period_from"  ? &md->period_from
                     : k == "period_to"    ? &md->period_to
                     : k == "child_age"    ? &md->child_age
                     : k == "outcome"      ? &md->outcome
                                           : nullptr;
    if (one != nullptr) {
      *one = Meta(x);
      return;
    }
    std::vector<MetaValue>* list = k == "subjects"   ? &md->subjects
                                   : k == "agencies" ? &md->agencies
                                   : k == "authors"  ? &md->authors
                                                     : nullptr;
    if (list != nullptr) Items(x, [&](od::value m) { list->push_back(Meta(m)); });
  });
}

Paragraph ReadParagraph(od::value v) {
  Paragraph p;
  Fields(v, [&](std::string_view k, od::value x) {
    if (k == "id") {
      p.id = Str(x);
    } else if (k == "number") {
      p.number = Str(x);
    } else if (k == "kind") {
      std::string kind = Str(x);
      p.kind = kind == "numbered"    ? Paragraph::Kind::kNumbered
               : kind == "list_item" ? Paragraph::Kind::kListItem
               : kind == "table"     ? Paragraph::Kind::kTable
                                     : Paragraph::Kind::kText;
    } else if (k == "page") {
      p.page = Int(x);
    } else if (k == "page_end") {
      p.page_end = Int(x);
    } else if (k == "text") {
      p.text = Str(x);
    } else if (k == "table") {
      Items(x, [&](od::value row) { p.table.push_back(Strings(row)); });
    }
  });
  return p;
}

Section ReadSection(od::value v) {
  Section s;
  Fields(v, [&](std::string_view k, od::value x) {
    if (k == "number") {
      s.number = Str(x);
    } else if (k == "title") {
      s.title = Str(x);
    } else if (k == "level") {
      s.level = Int(x);
    } else if (k == "kind") {
      s.kind = Kind(x);
    } else if (k == "title_kind") {
      s.title_kind = Kind(x);
    } else if (k == "page_start") {
      s.page_start = Int(x);
    } else if (k == "page_end") {
      s.page_end = Int(x);
    } else if (k == "in_contents") {
      s.in_contents = Bool(x);
    } else if (k == "paragraphs") {
      Items(x, [&](od::value p) { s.paragraphs.push_back(ReadParagraph(p)); });
    }
  });
  return s;
}

Evidence ReadEvidence(od::value v) {
  Evidence e;
  Fields(v, [&](std::string_view k, od::value x) {
    if (k == "page") {
      e.page = Int(x);
    } else if (k == "section") {
      e.section_index = Int(x);
    } else if (k == "section_kind") {
      e.section_kind = Kind(x);
    } else if (k == "span") {
      std::vector<int> span;
      Items(x, [&](od::value n) { span.push_back(Int(n)); });
      if (span.size() == 2) {
        e.span_begin = span[0];
        e.span_end = span[1];
      }
    } else if (k == "weight") {
      e.weight = Num(x, 1.0);
    } else if (k == "counted") {
      e.counted = Bool(x);
    } else if (k == "negated") {
      e.negated = Bool(x);
    } else if (k == "hedged") {
      e.hedged = Bool(x);
    } else if (k == "counterfactual") {
      e.counterfactual = Bool(x);
    } else {
      std::string* field = k == "section_number"       ? &e.section_number
                           : k == "section_title"      ? &e.section_title
                           : k == "paragraph"          ? &e.paragraph_id
                           : k == "quote"              ? &e.sentence
                           : k == "matched"            ? &e.matched
                           : k == "pattern"            ? &e.pattern
                           : k == "not_counted"        ? &e.not_counted
                           : k == "negation_cue"       ? &e.negation_cue
                           : k == "hedge_cue"          ? &e.hedge_cue
                           : k == "counterfactual_cue" ? &e.counterfactual_cue
                                                       : nullptr;
      if (field != nullptr) *field = Str(x);
    }
  });
  return e;
}

ThemeResult ReadTheme(od::value v) {
  ThemeResult t;
  Fields(v, [&](std::string_view k, od::value x) {
    if (k == "id") {
      t.id = Str(x);
    } else if (k == "label") {
      t.label = Str(x);
    } else if (k == "group") {
      std::string g = Str(x);
      t.group = g == "incident"   ? ThemeGroup::kIncident
                : g == "practice" ? ThemeGroup::kPractice
                : g == "system"   ? ThemeGroup::kSystem
                                  : ThemeGroup::kFactor;
    } else if (k == "present") {
      t.present = Bool(x);
    } else if (k == "mentions") {
      t.mentions = Int(x);
    } else if (k == "counted_mentions") {
      t.counted_mentions = Int(x);
    } else if (k == "negated_mentions") {
      t.negated_mentions = Int(x);
    } else if (k == "per_10k_words") {
      t.per_10k_words = Num(x);
    } else if (k == "rule") {
      Fields(x, [&](std::string_view rk, od::value y) {
        if (rk == "score") {
          t.score = Num(y);
        } else if (rk == "threshold") {
          t.threshold = Num(y, 1.0);
        } else if (rk == "derived") {
          t.derived = Bool(y);
        } else if (rk == "derived_from") {
          t.derived_from = Str(y);
        }
      });
    } else if (k == "sections") {
      t.sections = Strings(x);
    } else if (k == "evidence") {
      Items(x, [&](od::value e) { t.evidence.push_back(ReadEvidence(e)); });
    }
  });
  for (Evidence& e : t.evidence) e.theme = t.id;  // "id" may come after "evidence"
  return t;
}

Finding ReadFinding(od::value v) {
  Finding f;
  Fields(v, [&](std::string_view k, od::value x) {
    if (k == "number") {
      f.number = Str(x);
    } else if (k == "title") {
      f.title = Str(x);
    } else if (k == "text") {
      f.text = Str(x);
    } else if (k == "section") {
      f.section_index = Int(x);
    } else if (k == "page") {
      f.page = Int(x);
    }
  });
  return f;
}

Recommendation ReadRecommendation(od::value v) {
  Recommendation r;
  Fields(v, [&](std::string_view k, od::value x) {
    if (k == "section") {
      r.section_index = Int(x);
    } else if (k == "page_start") {
      r.page_start = Int(x);
    } else if (k == "page_end") {
      r.page_end = Int(x);
    } else {
      std::string* field = k == "list"             ? &r.list
                           : k == "number"         ? &r.number
                           : k == "text"           ? &r.text
                           : k == "addressee"      ? &r.addressee
                           : k == "addressee_kind" ? &r.addressee_kind
                           : k == "response"       ? &r.response
                                                   : nullptr;
      if (field != nullptr) *field = Str(x);
    }
  });
  return r;
}

// The whole document; throws simdjson_error on malformed JSON. Returns the first required part
// that is missing ("" when none is).
std::string ReadReview(od::document& doc, std::string* schema, Review* out) {
  bool source = false, metadata = false, stats = false, sections = false, themes = false,
       findings = false, recommendations = false;
  for (od::field field : doc.get_object()) {
    std::string_view k = field.unescaped_key();
    od::value x = field.value();
    if (k == "schema") {
      *schema = Str(x);
    } else if (k == "source") {
      source = true;
      ReadSource(x, &out->source);
    } else if (k == "metadata") {
      metadata = true;
      ReadMetadata(x, &out->metadata);
    } else if (k == "stats") {
      stats = true;
      Fields(x, [&](std::string_view sk, od::value y) {
        if (sk == "words") out->word_count = Int(y);
      });
    } else if (k == "sections") {
      sections = true;
      Items(x, [&](od::value s) { out->sections.push_back(ReadSection(s)); });
    } else if (k == "themes") {
      themes = true;
      Items(x, [&](od::value t) { out->themes.push_back(ReadTheme(t)); });
    } else if (k == "findings") {
      findings = true;
      Items(x, [&](od::value f) { out->findings.push_back(ReadFinding(f)); });
    } else if (k == "recommendations") {
      recommendations = true;
      Items(x, [&](od::value r) { out->recommendations.push_back(ReadRecommendation(r)); });
    } else if (k == "contents") {
      Items(x, [&](od::value c) {
        ContentsEntry e;
        Fields(c, [&](std::string_view ck, od::value y) {
          if (ck == "number") {
            e.number = Str(y);
          } else if (ck == "title") {
            e.title = Str(y);
          } else if (ck == "page") {
            e.page = Int(y);
          } else if (ck == "level") {
            e.level = Int(y);
          }
        });
        out->contents.push_back(std::move(e));
      });
    } else if (k == "furniture") {
      Items(x, [&](od::value f) {
        FurnitureItem item;
        Fields(f, [&](std::string_view fk, od::value y) {
          if (fk == "kind") {
            std::string kind = Str(y);
            item.kind = kind == "footer"        ? FurnitureItem::Kind::kFooter
                        : kind == "page_number" ? FurnitureItem::Kind::kPageNumber
                        : kind == "footnote"    ? FurnitureItem::Kind::kFootnote
                                                : FurnitureItem::Kind::kHeader;
          } else if (fk == "page") {
            item.page = Int(y);
          } else if (fk == "text") {
            item.text = Str(y);
          }
        });
        out->furniture.push_back(std::move(item));
      });
    } else if (k == "warnings") {
      Items(x, [&](od::value w) {
        Warning warning;
        Fields(w, [&](std::string_view wk, od::value y) {
          if (wk == "code") {
            warning.code = Str(y);
          } else if (wk == "page") {
            warning.page = Int(y);
          } else if (wk == "message") {
            warning.message = Str(y);
          }
        });
        out->warnings.push_back(std::move(warning));
      });
    }
  }
  for (auto [seen, name] : {std::pair{source, "source"},
                            {metadata, "metadata"},
                            {stats, "stats"},
                            {sections, "sections"},
                            {themes, "themes"},
                            {findings, "findings"},
                            {recommendations, "recommendations"}}) {
    if (!seen) return name;
  }
  return "";
}

}  // namespace

Status ReviewFromJsonText(std::string text, const std::string& where, Review* out) {
  *out = Review{};
  std::string schema;
  std::string missing;
  try {
    od::parser parser;
    text.reserve(text.size() + simdjson::SIMDJSON_PADDING);  // the parser reads past the end
    od::document doc =
        parser.iterate(simdjson::padded_string_view(text.data(), text.size(), text.capacity()));
    if (doc.type() != od::json_type::object) {
      schema.clear();
    } else {
      missing = ReadReview(doc, &schema, out);
    }
  } catch (const simdjson::simdjson_error& e) {
    *out = Review{};
    return Status::Corruption(where, std::string("not valid JSON: ") + e.what());
  }
  if (schema != kReviewSchema) {
    *out = Review{};
    return Status::InvalidArgument(
        where,
        std::string("not a review document (expected \"schema\": \"") + kReviewSchema + "\")");
  }
  if (!missing.empty()) {
    *out = Review{};
    return Status::Corruption(where, "malformed review document: no '" + missing + "'");
  }
  return Status::Ok();
}

Status ReviewFromJson(const nlohmann::json& j, const std::string& where, Review* out) {
  return ReviewFromJsonText(j.dump(), where, out);
}

Status ReadReviewFile(const std::string& path, Review* out) {
  std::string text;
  if (!ReadFile(path, &text).ok()) return Status::IOError(path, "cannot open for reading");
  return ReviewFromJsonText(std::move(text), path, out);
}

}  // namespace scrx::output
