// QDPX export: a REFI-QDA project (urn:QDA-XML:project:1.0, Project-mrt2019.xsd) in a zip with
// project.qde and the sources' plain text under sources/. One user (scrx); the codes are the
// collection's themes, under one uncodable parent per theme group; each review is a TextSource
// whose text is its sections and paragraphs; each evidence sentence is a PlainTextSelection with
// a Coding per theme that quotes it. Positions count Unicode code points from 0, end exclusive.
// GUIDs derive from names, so exporting the same collection twice gives the same project.
#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <deque>
#include <filesystem>
#include <map>
#include <set>

#include "export/export.h"

namespace scrx::exports {
namespace {

using query::Value;
using Type = query::Value::Type;

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) == 0x80 ? 0 : 1;
  return n;
}

// XML 1.0 text: markup characters escaped, characters XML cannot carry dropped; in attributes
// line breaks and tabs are escaped too, so attribute normalisation keeps them.
std::string Xml(std::string_view s, bool attribute) {
  std::string out;
  out.reserve(s.size() + 16);
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      case '\r':
        out += "&#13;";
        break;
      default:
        if (c >= 0x20) out += ch;
        break;
    }
  }
  return out;
}

std::string Attr(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + Xml(value, true) + "\"";
}

// xsd:dateTime wants "YYYY-MM-DDThh:mm:ss" with an optional zone; anything else is left out.
std::string XsdDateTime(const std::string& iso) {
  DateTime d;
  if (iso.size() < 19 || iso[10] != 'T' || !ParseIsoDate(iso, &d)) return "";
  return iso;
}

const char* GroupColor(const std::string& group) {
  if (group == "factor") return "#4472C4";
  if (group == "incident") return "#C00000";
  if (group == "practice") return "#ED7D31";
  if (group == "system") return "#70AD47";
  return "#7F7F7F";
}

std::string Capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

struct Code {
  std::string id, label, group, guid, description;
};

struct Coded {
  std::string theme;
  std::string note;  // "counted", or "not counted (negated)"
};

struct Selection {
  size_t start = 0, end = 0;  // code points
  std::string name;
  std::vector<Coded> codings;
};

// Where `quote` sits in `text` (a paragraph's text): its byte offset and length. A quote cut
// around its match ("... words ...") is found by its longest uncut piece.
bool FindQuote(std::string_view text, std::string_view quote, size_t* at, size_t* len) {
  size_t p = text.find(quote);
  if (p != std::string_view::npos && !quote.empty()) {
    *at = p;
    *len = quote.size();
    return true;
  }
  std::string_view best;
  size_t from = 0;
  while (from <= quote.size()) {
    size_t cut = quote.find("...", from);
    std::string_view piece =
        quote.substr(from, cut == std::string_view::npos ? std::string_view::npos : cut - from);
    while (!piece.empty() && piece.front() == ' ') piece.remove_prefix(1);
    while (!piece.empty() && piece.back() == ' ') piece.remove_suffix(1);
    if (piece.size() > best.size()) best = piece;
    if (cut == std::string_view::npos) break;
    from = cut + 3;
  }
  if (best.size() < 8) return false;
  p = text.find(best);
  if (p == std::string_view::npos) return false;
  *at = p;
  *len = best.size();
  return true;
}

}  // namespace

Status BuildSourceText(store::Database* db, std::int64_t review_id, SourceText* out) {
  std::vector<std::vector<Value>> sections, paragraphs;
  Status s = query::Select(
      db, "SELECT idx, number, title FROM sections WHERE review_id = ?1 ORDER BY idx;",
      {Value::Int(review_id)}, {Type::kInt, Type::kText, Type::kText}, &sections);
  if (!s.ok()) return s;
  s = query::Select(db,
                    "SELECT section_idx, pid, number, text FROM paragraphs WHERE review_id = ?1"
                    " ORDER BY id;",
                    {Value::Int(review_id)}, {Type::kInt, Type::kText, Type::kText, Type::kText},
                    &paragraphs);
  if (!s.ok()) return s;
  SourceText t;
  std::vector<bool> used(paragraphs.size(), false);
  auto add_paragraph = [&](size_t k) {
    const auto& p = paragraphs[k];
    if (!p[2].is_null() && !p[2].s.empty()) t.text += p[2].s + " ";
    SourceText::Span span;
    span.section_idx = static_cast<int>(p[0].i);
    span.pid = p[1].s;
    span.byte_begin = t.text.size();
    t.text += p[3].s;
    span.byte_end = t.text.size();
    t.text += "\n\n";
    t.paragraphs.push_back(std::move(span));
    used[k] = true;
  };
  size_t k = 0;
  for (const auto& sec : sections) {
    if (!sec[1].is_null() && !sec[1].s.empty()) t.text += sec[1].s + " ";
    t.text += sec[2].s + "\n\n";
    // Paragraphs are stored in document order, so a section's are the next ones.
    while (k < paragraphs.size() && paragraphs[k][0].i == sec[0].i) add_paragraph(k++);
  }
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    if (!used[i]) add_paragraph(i);
  }
  *out = std::move(t);
  return Status::Ok();
}

Status WriteQdpx(const query::Collection& c, const ExportOptions& o, const std::string& path,
                 ExportSummary* summary) {
  store::Database* db = c.db();
  // Codes: the collection's themes, grouped.
  std::vector<std::vector<Value>> theme_rows;
  Status s = query::Select(
      db, "SELECT theme, max(label), max(grp) FROM themes GROUP BY theme ORDER BY theme;", {},
      {Type::kText, Type::kText, Type::kText}, &theme_rows);
  if (!s.ok()) return s;
  std::map<std::string, Code> codes;
  std::vector<std::string> groups;
  for (const auto& r : theme_rows) {
    Code code;
    code.id = r[0].s;
    code.label = r[1].is_null() || r[1].s.empty() ? r[0].s : r[1].s;
    code.group = r[2].is_null() ? "other" : r[2].s;
    code.guid = StableGuid("scrx:code:" + code.id);
    code.description = code.label;
    if (o.patterns != nullptr) {
      int i = o.patterns->Find(code.id);
      if (i >= 0 && !o.patterns->themes()[static_cast<size_t>(i)].definition.empty()) {
        code.description = o.patterns->themes()[static_cast<size_t>(i)].definition;
      }
    }
    code.description += "\n(scrx theme " + code.id + ", group " + code.group + ")";
    if (std::find(groups.begin(), groups.end(), code.group) == groups.end()) {
      groups.push_back(code.group);
    }
    codes[code.id] = std::move(code);
  }
  static const std::vector<std::string> kGroupOrder = {"factor", "incident", "practice", "system"};
  std::stable_sort(groups.begin(), groups.end(), [](const std::string& a, const std::string& b) {
    auto rank = [](const std::string& g) {
      auto it = std::find(kGroupOrder.begin(), kGroupOrder.end(), g);
      return it - kGroupOrder.begin();
    };
    return rank(a) < rank(b);
  });

  std::vector<std::vector<Value>> reviews;
  s = query::Select(db,
                    "SELECT id, file, title, analysed_at, review_type, board, year, published"
                    " FROM reviews ORDER BY file;",
                    {},
                    {Type::kInt, Type::kText, Type::kText, Type::kText, Type::kText, Type::kText,
                     Type::kInt, Type::kText},
                    &reviews);
  if (!s.ok()) return s;

  const std::string user = StableGuid("scrx:user:scrx");
  std::string created;
  for (const auto& r : reviews) created = std::max(created, XsdDateTime(r[3].s));
  const std::string var_type = StableGuid("scrx:variable:review_type");
  const std::string var_board = StableGuid("scrx:variable:board");
  const std::string var_year = StableGuid("scrx:variable:year");

  std::deque<std::string> files;  // zip sources point into these until zip_close
  std::vector<std::pair<std::string, const std::string*>> entries;
  std::string xml;
  xml.reserve(1 << 20);
  xml += "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  xml += "<Project xmlns=\"urn:QDA-XML:project:1.0\"" +
         Attr("name", "scrx collection " +
                          std::filesystem::path(c.dir).lexically_normal().filename().string()) +
         Attr("origin", "scrx " + o.scrx_version) + Attr("creatingUserGUID", user);
  if (!created.empty()) xml += Attr("creationDateTime", created);
  xml += ">\n";
  xml += "  <Users>\n    <User" + Attr("guid", user) + Attr("name", "scrx") + "/>\n  </Users>\n";
  xml += "  <CodeBook>\n    <Codes>\n";
  for (const std::string& g : groups) {
    xml += "      <Code" + Attr("guid", StableGuid("scrx:group:" + g)) +
           Attr("name", Capitalised(g)) + Attr("isCodable", "false") +
           Attr("color", GroupColor(g)) + ">\n";
    xml += "        <Description>" + Xml("scrx theme group: " + g, false) + "</Description>\n";
    for (const auto& [id, code] : codes) {
      if (code.group != g) continue;
      xml += "        <Code" + Attr("guid", code.guid) + Attr("name", code.label) +
             Attr("isCodable", "true") + Attr("color", GroupColor(g)) + ">\n";
      xml += "          <Description>" + Xml(code.description, false) + "</Description>\n";
      xml += "        </Code>\n";
    }
    xml += "      </Code>\n";
  }
  xml += "    </Codes>\n  </CodeBook>\n";
  xml += "  <Variables>\n";
  xml += "    <Variable" + Attr("guid", var_type) + Attr("name", "review_type") +
         Attr("typeOfVariable", "Text") + "/>\n";
  xml += "    <Variable" + Attr("guid", var_board) + Attr("name", "board") +
         Attr("typeOfVariable", "Text") + "/>\n";
  xml += "    <Variable" + Attr("guid", var_year) + Attr("name", "year") +
         Attr("typeOfVariable", "Integer") + "/>\n";
  xml += "  </Variables>\n";
  if (!reviews.empty()) xml += "  <Sources>\n";

  for (const auto& r : reviews) {
    const std::int64_t id = r[0].i;
    const std::string& file = r[1].s;
    SourceText text;
    if (s = BuildSourceText(db, id, &text); !s.ok()) return s;
    std::map<std::pair<int, std::string>, const SourceText::Span*> where;
    for (const auto& p : text.paragraphs) where[{p.section_idx, p.pid}] = &p;

    std::vector<std::vector<Value>> evidence;
    s = query::Select(
        db,
        "SELECT theme, section_idx, paragraph, quote, page, counted, not_counted"
        " FROM evidence WHERE review_id = ?1 ORDER BY id;",
        {Value::Int(id)},
        {Type::kText, Type::kInt, Type::kText, Type::kText, Type::kInt, Type::kInt, Type::kText},
        &evidence);
    if (!s.ok()) return s;
    std::map<std::pair<size_t, size_t>, Selection> selections;
    std::map<size_t, size_t> cp_at;  // byte offset -> code points, memoised per paragraph start
    auto code_points_to = [&](size_t byte) {
      auto it = cp_at.upper_bound(byte);
      size_t from = 0, cps = 0;
      if (it != cp_at.begin()) {
        --it;
        from = it->first;
        cps = it->second;
      }
      cps += CodePoints(std::string_view(text.text).substr(from, byte - from));
      cp_at[byte] = cps;
      return cps;
    };
    for (const auto& e : evidence) {
      const std::string& quote = e[3].s;
      size_t at = 0, len = 0;
      bool found = false;
      auto it = e[1].is_null() ? where.end() : where.find({static_cast<int>(e[1].i), e[2].s});
      if (it != where.end()) {
        const SourceText::Span& p = *it->second;
        std::string_view para =
            std::string_view(text.text).substr(p.byte_begin, p.byte_end - p.byte_begin);
        if (FindQuote(para, quote, &at, &len)) {
          at += p.byte_begin;
          found = true;
        }
      }
      if (!found) found = FindQuote(text.text, quote, &at, &len);
      if (!found) {
        summary->warnings.push_back({"quote_not_found",
                                     e[4].is_null() ? 0 : static_cast<int>(e[4].i),
                                     file + ": paragraph " + e[2].s + ": a " + e[0].s +
                                         " quote is not in the review's text; not coded"});
        continue;
      }
      const size_t start = code_points_to(at);
      const size_t end = start + CodePoints(std::string_view(text.text).substr(at, len));
      Selection& sel = selections[{start, end}];
      if (sel.codings.empty()) {
        sel.start = start;
        sel.end = end;
        sel.name = "page " + (e[4].is_null() ? std::string("?") : std::to_string(e[4].i)) +
                   ", paragraph " + e[2].s;
      }
      std::string note = e[5].i != 0 ? "counted" : "not counted";
      if (e[5].i == 0 && !e[6].is_null()) note += " (" + e[6].s + ")";
      bool merged = false;
      for (Coded& k : sel.codings) {
        if (k.theme == e[0].s) {
          if (note == "counted") k.note = note;  // counted anywhere in it wins
          merged = true;
        }
      }
      if (!merged) sel.codings.push_back({e[0].s, note});
    }

    const std::string source = StableGuid("scrx:source:" + file);
    files.push_back(std::move(text.text));
    entries.push_back({"sources/" + source + ".txt", &files.back()});
    const std::string at = XsdDateTime(r[3].s);
    const std::string name =
        r[2].is_null() || r[2].s.empty() ? std::filesystem::path(file).stem().string() : r[2].s;
    xml += "    <TextSource" + Attr("guid", source) + Attr("name", name) +
           Attr("plainTextPath", "internal://" + source + ".txt") + Attr("creatingUser", user) +
           (at.empty() ? "" : Attr("creationDateTime", at)) + ">\n";
    std::string description = file;
    for (size_t k : {4, 5, 7}) {
      if (!r[k].is_null() && !r[k].s.empty()) description += "\n" + r[k].s;
    }
    xml += "      <Description>" + Xml(description, false) + "</Description>\n";
    for (const auto& [span, sel] : selections) {
      const std::string sel_guid =
          StableGuid("scrx:selection:" + file + ":" + std::to_string(sel.start) + "-" +
                     std::to_string(sel.end));
      xml += "      <PlainTextSelection" + Attr("guid", sel_guid) + Attr("name", sel.name) +
             Attr("startPosition", std::to_string(sel.start)) +
             Attr("endPosition", std::to_string(sel.end)) + Attr("creatingUser", user) +
             (at.empty() ? "" : Attr("creationDateTime", at)) + ">\n";
      std::string notes;
      for (const Coded& k : sel.codings) {
        notes += (notes.empty() ? "" : "\n") + codes[k.theme].label + ": " + k.note;
      }
      xml += "        <Description>" + Xml(notes, false) + "</Description>\n";
      for (const Coded& k : sel.codings) {
        auto code = codes.find(k.theme);
        if (code == codes.end()) continue;
        xml += "        <Coding" +
               Attr("guid", StableGuid("scrx:coding:" + sel_guid + ":" + k.theme)) +
               Attr("creatingUser", user) + (at.empty() ? "" : Attr("creationDateTime", at)) +
               ">\n";
        xml += "          <CodeRef" + Attr("targetGUID", code->second.guid) + "/>\n";
        xml += "        </Coding>\n";
      }
      xml += "      </PlainTextSelection>\n";
    }
    auto variable = [&](const std::string& guid, const std::string& element,
                        const std::string& value) {
      xml += "      <VariableValue>\n        <VariableRef" + Attr("targetGUID", guid) +
             "/>\n        <" + element + ">" + Xml(value, false) + "</" + element +
             ">\n      </VariableValue>\n";
    };
    if (!r[4].is_null()) variable(var_type, "TextValue", r[4].s);
    if (!r[5].is_null()) variable(var_board, "TextValue", r[5].s);
    if (!r[6].is_null()) variable(var_year, "IntegerValue", std::to_string(r[6].i));
    xml += "    </TextSource>\n";
    ++summary->reviews;
  }
  if (!reviews.empty()) xml += "  </Sources>\n";
  xml += "</Project>\n";
  files.push_back(std::move(xml));
  entries.insert(entries.begin(), {"project.qde", &files.back()});

  // The zip, written beside the target and renamed into place.
  std::error_code ec;
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  int zerr = 0;
  zip_t* za = zip_open(tmp.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &zerr);
  if (za == nullptr) {
    zip_error_t e;
    zip_error_init_with_code(&e, zerr);
    std::string msg = zip_error_strerror(&e);
    zip_error_fini(&e);
    return Status::IOError(path, "cannot create the zip: " + msg);
  }
  for (const auto& [name, data] : entries) {
    zip_source_t* src = zip_source_buffer(za, data->data(), data->size(), 0);
    if (src == nullptr || zip_file_add(za, name.c_str(), src, ZIP_FL_ENC_UTF_8) < 0) {
      if (src != nullptr) zip_source_free(src);
      std::string msg = zip_strerror(za);
      zip_discard(za);
      std::filesystem::remove(tmp, ec);
      return Status::IOError(path, "cannot add " + name + " to the zip: " + msg);
    }
  }
  if (zip_close(za) != 0) {
    std::string msg = zip_strerror(za);
    zip_discard(za);
    std::filesystem::remove(tmp, ec);
    return Status::IOError(path, "cannot write the zip: " + msg);
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return Status::IOError(path, "cannot write: " + ec.message());
  }
  summary->files.push_back(path);
  return Status::Ok();
}

}  // namespace scrx::exports
