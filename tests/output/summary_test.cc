// output::Summary (`scrx show`) on a hand-built review JSON: the metadata with pages, the
// outline, findings, recommendations by addressee, one quote per present theme, wrapping, absent
// fields; partial and foreign JSON; and once on the JSON of a corpus PDF through the pipeline.
#include "output/summary.h"

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "app/pipeline.h"
#include "output/review_json.h"
#include "tag/pattern_set.h"

namespace scrx::output {
namespace {

using json = nlohmann::json;

json Meta(const std::string& value, int page) { return json{{"value", value}, {"page", page}}; }

json Section(int index, const char* number, const std::string& title, int level,
             const std::string& kind, int page_start, int page_end) {
  return json{{"index", index},
              {"number", number ? json(number) : json(nullptr)},
              {"title", title},
              {"level", level},
              {"kind", kind},
              {"title_kind", kind},
              {"page_start", page_start},
              {"page_end", page_end},
              {"in_contents", true},
              {"paragraphs", json::array()}};
}

json Evidence(int page, int section, const std::string& section_title, const std::string& para,
              const std::string& quote, const std::string& matched, double weight = 1.0,
              bool counted = true) {
  size_t at = quote.find(matched);
  return json{{"page", page},
              {"section", section},
              {"section_number", nullptr},
              {"section_title", section_title},
              {"section_kind", "analysis"},
              {"paragraph", para},
              {"quote", quote},
              {"span", json::array({at, at + matched.size()})},
              {"matched", matched},
              {"pattern", "patterns/x.yaml:1"},
              {"weight", weight},
              {"counted", counted},
              {"not_counted", counted ? json(nullptr) : json("negated")},
              {"negated", !counted},
              {"negation_cue", counted ? json(nullptr) : json("no")},
              {"hedged", false},
              {"hedge_cue", nullptr},
              {"counterfactual", false},
              {"counterfactual_cue", nullptr}};
}

json Theme(const std::string& id, const std::string& label, const std::string& group, bool present,
           double score, json evidence) {
  int counted = 0;
  for (const json& e : evidence) counted += e["counted"].get<bool>();
  return json{{"id", id},
              {"label", label},
              {"group", group},
              {"present", present},
              {"mentions", evidence.size()},
              {"counted_mentions", counted},
              {"negated_mentions", static_cast<int>(evidence.size()) - counted},
              {"per_10k_words", 1.0},
              {"rule",
               {{"score", score},
                {"threshold", 1.0},
                {"derived", false},
                {"derived_from", nullptr},
                {"not_counted", json::object()}}},
              {"sections", json::array()},
              {"evidence", std::move(evidence)}};
}

json Recommendation(const char* number, const std::string& text, const char* addressee,
                    const char* kind, int page) {
  return json{{"list", "Recommendations"},
              {"number", number ? json(number) : json(nullptr)},
              {"text", text},
              {"addressee", addressee ? json(addressee) : json(nullptr)},
              {"addressee_kind", kind ? json(kind) : json(nullptr)},
              {"response", nullptr},
              {"section", 9},
              {"page_start", page},
              {"page_end", page}};
}

// A child safeguarding practice review of 12 pages, shaped as ReviewToJson writes it.
json SampleReview() {
  json j;
  j["schema"] = "scrx.review/1";
  j["scrx_version"] = "0.1.0";
  j["patterns_hash"] = "0123456789abcdef0123456789abcdef";
  j["source"] = {{"file", "/data/reviews/northshire-child-r-2023.pdf"},
                 {"sha256", "ab"},
                 {"bytes", 123456},
                 {"pages", 12},
                 {"pdf", {{"title", nullptr}, {"author", nullptr}}}};
  j["metadata"] = {
      {"title", Meta("Child Safeguarding Practice Review: Child R", 1)},
      {"review_type", Meta("cspr", 1)},
      {"subjects", json::array({Meta("Child R", 2)})},
      {"board", Meta("Northshire Safeguarding Children Partnership", 1)},
      {"published", Meta("2023-03", 1)},
      {"commissioned", nullptr},
      {"period_from", Meta("2021-06", 4)},
      {"period_to", Meta("2022-01", 4)},
      {"child_age", Meta("14 years", 4)},
      {"outcome", Meta("death", 4)},
      {"agencies",
       json::array({Meta("Northshire Police", 4), Meta("Northshire Children's Services", 4),
                    Meta("Northshire NHS Foundation Trust", 4), Meta("Riverside Academy", 5),
                    Meta("Northshire Youth Justice", 5), Meta("Northshire Housing", 5)})},
      {"authors", json::array({Meta("Jane Smith", 2)})}};
  j["stats"] = {{"pages", 12},         {"words", 4321}, {"sections", 8},        {"paragraphs", 60},
                {"themes_present", 3}, {"findings", 2}, {"recommendations", 4}, {"warnings", 2}};
  j["contents"] = json::array();
  j["sections"] = json::array({
      Section(0, nullptr, "Child Safeguarding Practice Review", 1, "cover", 1, 1),
      Section(1, nullptr, "Contents", 1, "contents", 2, 2),
      Section(2, "1", "Introduction", 1, "introduction", 3, 3),
      Section(3, "2", "Analysis", 1, "analysis", 4, 7),
      Section(4, "2.1", "Information sharing between schools and police", 2, "analysis", 4, 5),
      Section(5, "2.1.1", "The referral of May 2021", 3, "analysis", 5, 5),
      Section(6, "3", "Findings", 1, "findings", 8, 8),
      Section(7, "4", "Recommendations", 1, "recommendations", 9, 9),
  });
  j["themes"] = json::array({
      Theme(
          "cce_extrafamilial_harm", "Criminal exploitation and extra-familial harm", "incident",
          true, 4.0,
          json::array({Evidence(5, 5, "The referral of May 2021", "2.1.1.3",
                                "R was found in possession of drugs in a town forty miles "
                                "from home, which was not recognised as a sign of county lines "
                                "exploitation by the officers who attended.",
                                "county lines"),
                       Evidence(6, 3, "Analysis", "2.4", "R was being exploited.", "exploited")})),
      Theme("information_sharing", "Information sharing and communication", "practice", true, 2.0,
            json::array({Evidence(4, 4, "Information sharing between schools and police", "2.1.2",
                                  "The school did not share its concerns about R\u2019s "
                                  "absences with the police \u2014 nor with children\u2019s social "
                                  "care \u2014 until the autumn term.",
                                  "did not share its concerns")})),
      Theme(
          "not_in_school_ehe", "Not in school / elective home education", "factor", true, 1.0,
          json::array({Evidence(3, 2, "Introduction", "1.2",
                                "R had been out of school for most of Year 9.", "out of school")})),
      Theme("professional_curiosity", "Professional curiosity", "practice", true, 5.0,
            json::array({Evidence(7, 3, "Analysis", "2.7",
                                  "Practitioners showed little curiosity about where R went at "
                                  "night.",
                                  "little curiosity")})),
      Theme("parental_substance_misuse", "Parental / adult substance misuse", "factor", false, 0.0,
            json::array({Evidence(6, 3, "Analysis", "2.5",
                                  "There was no evidence of drug use by "
                                  "R's mother.",
                                  "drug use", 1.0, false)})),
      Theme("neglect", "Neglect", "incident", false, 0.0, json::array()),
  });
  j["findings"] = json::array({
      {{"number", "1"},
       {"title", "Exploitation was not recognised"},
       {"text", "Exploitation was not recognised. Officers saw R as an offender."},
       {"section", 6},
       {"page", 8}},
      {{"number", nullptr},
       {"title", nullptr},
       {"text",
        "Schools and police did not share information in time. The Partnership has since changed "
        "its protocol."},
       {"section", 6},
       {"page", 8}},
  });
  j["recommendations"] = json::array({
      Recommendation("1",
                     "Northshire Safeguarding Children Partnership should seek assurance that "
                     "agencies recognise the signs of criminal exploitation and respond to them as "
                     "safeguarding concerns rather than as offending behaviour.",
                     "Northshire Safeguarding Children Partnership", "partnership_board", 9),
      Recommendation("2",
                     "Northshire Police should train officers to refer children found far from "
                     "home with drugs.",
                     "Northshire Police", "police", 9),
      Recommendation("3", "Northshire Police should review its custody procedures.",
                     "Northshire Police", "police", 9),
      Recommendation(nullptr, "All agencies should consider the learning from this review.",
                     nullptr, nullptr, 9),
  });
  j["furniture"] = json::array();
  j["warnings"] = json::array({
      {{"code", "contents_entry_not_found"}, {"page", 2}, {"message", "x"}},
      {{"code", "contents_entry_not_found"}, {"page", 2}, {"message", "y"}},
  });
  return j;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// Columns on a terminal: UTF-8 code points, ANSI escapes left out.
int Columns(const std::string& s) {
  int n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b') {
      while (i < s.size() && s[i] != 'm') ++i;
      continue;
    }
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}

// The line that starts with `prefix`, or "" when none does.
std::string LineStarting(const std::string& text, const std::string& prefix) {
  for (const std::string& l : Lines(text))
    if (l.rfind(prefix, 0) == 0) return l;
  return "";
}

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(SummaryTest, HeaderGivesEachMetadataValueWithItsPage) {
  std::string s = Summary(SampleReview(), {});
  std::vector<std::string> lines = Lines(s);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[0], "Child Safeguarding Practice Review: Child R (p. 1)");
  EXPECT_EQ(lines[1], std::string(lines[0].size(), '='));
  EXPECT_EQ(LineStarting(s, "Review type"),
            "Review type   Child safeguarding practice review (CSPR) (p. 1)");
  EXPECT_EQ(LineStarting(s, "Board"),
            "Board         Northshire Safeguarding Children Partnership (p. 1)");
  EXPECT_EQ(LineStarting(s, "Subject"), "Subject       Child R (p. 2)");
  EXPECT_EQ(LineStarting(s, "Published"), "Published     March 2023 (p. 1)");
  EXPECT_EQ(LineStarting(s, "Period"), "Period        June 2021 to January 2022 (p. 4)");
  EXPECT_EQ(LineStarting(s, "Child age"), "Child age     14 years (p. 4)");
  EXPECT_EQ(LineStarting(s, "Outcome"), "Outcome       death (p. 4)");
  EXPECT_EQ(LineStarting(s, "Author"), "Author        Jane Smith (p. 2)");
  // Six agencies: the first four, the page once per run of the same page, then a count.
  SummaryOptions wide;
  wide.width = 200;
  EXPECT_EQ(LineStarting(Summary(SampleReview(), wide), "Agencies"),
            "Agencies      6: Northshire Police; Northshire Children's Services; Northshire NHS "
            "Foundation Trust (p. 4); Riverside Academy (p. 5); and 2 more");
  // The order of the header.
  size_t prev = 0;
  for (const char* label : {"Review type", "Board", "Subject", "Published", "Period", "Child age",
                            "Outcome", "Author", "Agencies", "Source"}) {
    size_t at = s.find("\n" + std::string(label));
    ASSERT_NE(at, std::string::npos) << label;
    EXPECT_GT(at, prev) << label;
    prev = at;
  }
}

TEST(SummaryTest, SourceLineHasFilePagesWordsAndWarnings) {
  SummaryOptions wide;
  wide.width = 200;
  std::string s = Summary(SampleReview(), wide);
  EXPECT_EQ(LineStarting(s, "Source"),
            "Source        northshire-child-r-2023.pdf: 12 pages, 4,321 words, 2 warnings "
            "(contents_entry_not_found x2)");
  EXPECT_EQ(LineStarting(s, "Analysed by"), "Analysed by   scrx 0.1.0, patterns 0123456789ab");
  EXPECT_EQ(LineStarting(s, "Error"), "");
}

TEST(SummaryTest, SectionsAreAnIndentedOutlineWithKindAndPages) {
  std::string s = Summary(SampleReview(), {});
  EXPECT_NE(s.find("\nSECTIONS (8)\n"), std::string::npos) << s;
  std::string top = LineStarting(s, "  2 Analysis");
  std::string sub = LineStarting(s, "    2.1 Information sharing between schools and police");
  std::string subsub = LineStarting(s, "      2.1.1 The referral of May 2021");
  ASSERT_FALSE(top.empty()) << s;
  ASSERT_FALSE(sub.empty()) << s;
  ASSERT_FALSE(subsub.empty()) << s;
  EXPECT_NE(top.find("analysis"), std::string::npos);
  EXPECT_EQ(top.substr(top.size() - 7), "pp. 4-7");
  EXPECT_EQ(subsub.substr(subsub.size() - 4), "p. 5");
  // Kinds line up in one column.
  EXPECT_EQ(top.find("analysis"), sub.find("analysis"));
  EXPECT_NE(LineStarting(s, "  Contents").find("contents"), std::string::npos);
  EXPECT_EQ(s.find("\n  ... "), std::string::npos);

  SummaryOptions brief;
  brief.brief = true;
  brief.brief_sections = 3;
  std::string b = Summary(SampleReview(), brief);
  EXPECT_NE(b.find("\n  1 Introduction"), std::string::npos) << b;
  EXPECT_EQ(b.find("2 Analysis"), std::string::npos) << b;
  EXPECT_NE(b.find("\n  ... 5 more\n"), std::string::npos) << b;
}

TEST(SummaryTest, FindingsAreNumberedWithTitleOrFirstSentenceAndPage) {
  std::string s = Summary(SampleReview(), {});
  EXPECT_NE(s.find("\nFINDINGS (2)\n  1.  Exploitation was not recognised (p. 8)\n"
                   "  2.  Schools and police did not share information in time. (p. 8)\n"),
            std::string::npos)
      << s;
  EXPECT_EQ(s.find("Officers saw R as an offender"), std::string::npos);
}

TEST(SummaryTest, RecommendationsAreGroupedByAddresseeKindWithCounts) {
  SummaryOptions wide;
  wide.width = 200;
  std::string s = Summary(SampleReview(), wide);
  size_t head = s.find("\nRECOMMENDATIONS (4)\n");
  size_t board = s.find("\n  Partnership board (1)\n");
  size_t police = s.find("\n  Police (2)\n");
  size_t none = s.find("\n  Addressee not identified (1)\n");
  ASSERT_NE(head, std::string::npos) << s;
  ASSERT_NE(board, std::string::npos) << s;
  ASSERT_NE(police, std::string::npos) << s;
  ASSERT_NE(none, std::string::npos) << s;
  EXPECT_LT(head, board);
  EXPECT_LT(board, police);
  EXPECT_LT(police, none);
  // "number  addressee: the first 15 words ... (p. N)", the addressee not repeated.
  EXPECT_NE(s.find("\n    1  Northshire Safeguarding Children Partnership: should seek assurance "
                   "that agencies recognise the signs of criminal exploitation and respond to "
                   "them ... (p. 9)\n"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("\n    3  Northshire Police: should review its custody procedures. (p. 9)\n"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("\n    -  All agencies should consider the learning from this review. (p. 9)\n"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("\n  By addressee: Partnership board 1, Police 2, Addressee not identified 1\n"),
            std::string::npos)
      << s;
}

TEST(SummaryTest, ThemesPresentHaveOneQuoteEachOrderedByGroupThenStrength) {
  std::string s = Summary(SampleReview(), {});
  size_t head = s.find("\nTHEMES (4 present of 6)\n");
  ASSERT_NE(head, std::string::npos) << s;
  // Groups in schema order (factor, incident, practice, system); within a group by score.
  std::vector<std::string> order = {"  Factors (1)",
                                    "    Not in school / elective home education: 1 mention",
                                    "  Incidents (1)",
                                    "    Criminal exploitation and extra-familial harm: 2 mentions",
                                    "  Practice (2)",
                                    "    Professional curiosity: 1 mention",
                                    "    Information sharing and communication: 1 mention"};
  size_t prev = head;
  for (const std::string& line : order) {
    size_t at = s.find("\n" + line + "\n", prev);
    ASSERT_NE(at, std::string::npos) << line << "\n" << s;
    prev = at;
  }
  // One quote per present theme: the strongest evidence, with page, section and paragraph.
  std::vector<std::string> quotes;
  for (const std::string& l : Lines(s.substr(head)))
    if (l.rfind("      \"", 0) == 0) quotes.push_back(l);
  EXPECT_EQ(quotes.size(), 4u) << s;
  EXPECT_EQ(Count(s, "Professional curiosity"), 1u) << s;
  EXPECT_NE(s.find("\"R had been out of school for most of Year 9.\" (p. 3; Introduction; para "
                   "1.2)"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("county lines"), std::string::npos);
  EXPECT_EQ(s.find("R was being exploited."), std::string::npos) << "only the strongest quote";
  EXPECT_NE(s.find("(p. 5; The referral of May 2021; para 2.1.1.3)"), std::string::npos) << s;
  // Mentioned but not present; a theme without mentions is not named.
  EXPECT_NE(s.find("\n  Mentioned but not present: Parental / adult substance misuse (1)\n"),
            std::string::npos)
      << s;
  EXPECT_EQ(s.find("Neglect"), std::string::npos);
}

TEST(SummaryTest, LongQuoteIsCutAroundItsMatchedWords) {
  json j = SampleReview();
  std::string quote =
      "Over the eighteen months covered by this review R was seen by a great many practitioners "
      "in a great many settings, including his school, the youth offending service, two "
      "emergency departments and a voluntary sector youth project, and none of them asked "
      "where he was going at night or who was giving him money, which this review considers a "
      "lack of professional curiosity that ran through the whole of the period under review "
      "and across every agency that knew him.";
  j["themes"][3]["evidence"][0] =
      Evidence(7, 3, "Analysis", "2.7", quote, "lack of professional curiosity");
  SummaryOptions opt;
  opt.width = 80;
  std::string s = Summary(j, opt);
  size_t at = s.find("lack of professional curiosity");
  ASSERT_NE(at, std::string::npos) << s;
  size_t begin = s.rfind("\n      \"", at);
  size_t end = s.find(")\n", at);
  ASSERT_NE(begin, std::string::npos);
  ASSERT_NE(end, std::string::npos);
  std::vector<std::string> quote_lines = Lines(s.substr(begin + 1, end + 1 - begin));
  EXPECT_EQ(quote_lines.size(), 2u) << s;
  EXPECT_EQ(quote_lines[0].rfind("      \"...", 0), 0u) << s;
  EXPECT_NE(quote_lines.back().find("...\" (p. 7; Analysis; para 2.7)"), std::string::npos) << s;
}

TEST(SummaryTest, EveryLineFitsTheWidth) {
  json j = SampleReview();
  // A very long unbroken word (a path) must be cut too.
  j["source"]["file"] = "/data/" + std::string(150, 'x') + ".pdf";
  for (int width : {40, 60, 80, 100, 132}) {
    SummaryOptions opt;
    opt.width = width;
    for (bool color : {false, true}) {
      opt.color = color;
      std::string s = Summary(j, opt);
      for (const std::string& l : Lines(s))
        EXPECT_LE(Columns(l), width) << "width " << width << ": " << l;
    }
  }
  // Wrapped header values continue under the value column.
  SummaryOptions narrow;
  narrow.width = 60;
  std::string s = Summary(SampleReview(), narrow);
  std::vector<std::string> lines = Lines(s);
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    if (lines[i].rfind("Agencies", 0) == 0) {
      EXPECT_EQ(lines[i + 1].rfind(std::string(14, ' '), 0), 0u);
    }
  }
  // Page references are not split over two lines.
  for (const std::string& l : lines) {
    EXPECT_NE(l.substr(l.size() >= 3 ? l.size() - 3 : 0), "(p.") << l;
  }
}

TEST(SummaryTest, FieldsTheReportDoesNotStateAreNotStatedOrLeftOut) {
  json j = SampleReview();
  j["metadata"]["published"] = nullptr;
  j["metadata"]["authors"] = json::array();
  j["metadata"].erase("board");  // an older document without the key
  std::string s = Summary(j, {});
  EXPECT_EQ(LineStarting(s, "Published"), "Published     not stated");
  EXPECT_EQ(LineStarting(s, "Author"), "Author        not stated");
  EXPECT_EQ(LineStarting(s, "Board"), "");
  EXPECT_EQ(s.find("Commissioned"), std::string::npos) << "null commissioned is left out";
  EXPECT_EQ(s.find("(p. 0)"), std::string::npos);

  SummaryOptions brief;
  brief.brief = true;
  std::string b = Summary(j, brief);
  EXPECT_EQ(b.find("not stated"), std::string::npos) << b;
  EXPECT_EQ(LineStarting(b, "Published"), "");
  EXPECT_NE(LineStarting(b, "Outcome"), "");

  // A safeguarding adults review has no child age to state.
  j["metadata"]["review_type"] = Meta("sar", 1);
  j["metadata"]["child_age"] = nullptr;
  EXPECT_EQ(LineStarting(Summary(j, {}), "Child age"), "");
  j["metadata"]["review_type"] = Meta("cspr", 1);
  EXPECT_EQ(LineStarting(Summary(j, {}), "Child age"), "Child age     not stated");

  // No title: the file name heads the summary.
  j["metadata"]["title"] = nullptr;
  std::string t = Summary(j, {});
  EXPECT_EQ(Lines(t)[0], "northshire-child-r-2023.pdf");
  EXPECT_EQ(LineStarting(t, "Title"), "Title         not stated");
}

TEST(SummaryTest, PartialOrMalformedJsonDoesNotCrash) {
  json j = SampleReview();
  j.erase("sections");
  j.erase("themes");
  std::string s = Summary(j, {});
  EXPECT_EQ(s.find("SECTIONS"), std::string::npos);
  EXPECT_EQ(s.find("THEMES"), std::string::npos);
  EXPECT_NE(s.find("FINDINGS (2)"), std::string::npos);
  EXPECT_NE(s.find("RECOMMENDATIONS (4)"), std::string::npos);

  // Only the schema and the source.
  json minimal = {{"schema", "scrx.review/1"}, {"source", {{"file", "a.pdf"}, {"pages", 3}}}};
  EXPECT_EQ(Summary(minimal, {}), "a.pdf\n=====\nSource        a.pdf: 3 pages\n");

  // Values of the wrong type everywhere.
  json odd = {{"schema", "scrx.review/1"},
              {"source", "x"},
              {"metadata", {{"title", 5}, {"subjects", "Child A"}, {"board", {{"value", 3}}}}},
              {"stats", nullptr},
              {"sections", json::array({1, nullptr, {{"title", 2}, {"level", "deep"}}})},
              {"themes", json::array({nullptr, {{"present", true}, {"evidence", 7}}})},
              {"findings", {{"a", 1}}},
              {"recommendations", json::array({{{"number", 4}, {"page_start", "x"}}})},
              {"warnings", "none"}};
  std::string o;
  EXPECT_NO_THROW(o = Summary(odd, {}));
  EXPECT_NE(o.find("SECTIONS (3)"), std::string::npos) << o;
  EXPECT_NE(o.find("THEMES (1 present of 2)"), std::string::npos) << o;

  // Empty lists say so.
  json empty = SampleReview();
  empty["findings"] = json::array();
  empty["recommendations"] = json::array();
  empty["sections"] = json::array();
  std::string e = Summary(empty, {});
  EXPECT_NE(e.find("FINDINGS (0)\n  none identified\n"), std::string::npos) << e;
  EXPECT_NE(e.find("RECOMMENDATIONS (0)\n  none identified\n"), std::string::npos) << e;
  EXPECT_NE(e.find("SECTIONS (0)\n  none found\n"), std::string::npos) << e;
}

TEST(SummaryTest, FailedFileShowsItsError) {
  json failed = {
      {"file", "in/encrypted.pdf"},
      {"status", "failed"},
      {"output", nullptr},
      {"pages", 0},
      {"warnings", 0},
      {"error", {{"code", "encrypted"}, {"message", "in/encrypted.pdf: needs a password"}}}};
  EXPECT_EQ(NotAReview(failed), "");
  std::string s = Summary(failed, {});
  EXPECT_EQ(Lines(s)[0], "encrypted.pdf");
  EXPECT_EQ(LineStarting(s, "Error"),
            "Error         failed - encrypted: in/encrypted.pdf: needs a password");
  EXPECT_EQ(LineStarting(s, "Source"), "Source        encrypted.pdf: no warnings");
}

TEST(SummaryTest, JsonThatIsNotAReviewGivesAnError) {
  EXPECT_EQ(NotAReview(SampleReview()), "");
  json run = {{"schema", "scrx.run/1"}, {"results", json::array()}};
  EXPECT_NE(NotAReview(run).find("run record"), std::string::npos);
  EXPECT_EQ(Summary(run, {}).rfind("error: not a scrx review: this is a run record", 0), 0u);
  EXPECT_EQ(Summary(json::array({1, 2}), {}),
            "error: not a scrx review: the JSON is an array, not an object\n");
  EXPECT_EQ(Summary(json("text"), {}),
            "error: not a scrx review: the JSON is a string, not an object\n");
  EXPECT_EQ(Summary(json{{"schema", "other/2"}}, {}),
            "error: not a scrx review: \"schema\" is \"other/2\", expected \"scrx.review/1\"\n");
  EXPECT_NE(Summary(json{{"name", "x"}}, {}).find("error: not a scrx review"), std::string::npos);
}

TEST(SummaryTest, ColourOnlyWhenAsked) {
  std::string plain = Summary(SampleReview(), {});
  EXPECT_EQ(plain.find('\x1b'), std::string::npos);
  SummaryOptions opt;
  opt.color = true;
  std::string coloured = Summary(SampleReview(), opt);
  EXPECT_NE(coloured.find("\x1b[1mSECTIONS (8)\x1b[0m"), std::string::npos);
  EXPECT_NE(coloured.find("\x1b[1mcounty\x1b[0m \x1b[1mlines\x1b[0m"), std::string::npos)
      << coloured;
}

// The real pipeline on a corpus PDF, its Review turned into JSON as `scrx analyze` writes it.
TEST(SummaryTest, SummarisesTheJsonOfACorpusReview) {
  Status status;
  std::unique_ptr<tag::PatternSet> patterns =
      tag::PatternSet::Load({std::string(SCRX_SOURCE_DIR) + "/patterns"}, &status);
  ASSERT_TRUE(patterns) << status.ToString();
  app::PipelineOptions options;
  options.patterns = patterns.get();
  const std::string pdf =
      std::string(SCRX_SOURCE_DIR) + "/corpus/cspr-baby-s-unseen-father-2024.pdf";
  Review review;
  ASSERT_TRUE(app::AnalyzeFile(pdf, pdf, options, &review).ok());
  json j = json(ReviewToJson(review, JsonOptions{"0.1.0", "hash", true}));
  std::string s = Summary(j, {});
  EXPECT_EQ(Lines(s)[0], "Child Safeguarding Practice Review: Baby S (p. 1)");
  EXPECT_NE(s.find("Board         Kingsmead Safeguarding Children Partnership (p. 1)"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("Source        cspr-baby-s-unseen-father-2024.pdf: 9 pages"), std::string::npos);
  EXPECT_NE(s.find("\nRECOMMENDATIONS (5)\n"), std::string::npos);
  EXPECT_NE(s.find("\n  By addressee: "), std::string::npos);
  EXPECT_NE(s.find("    Domestic abuse: "), std::string::npos) << s;
  for (const std::string& l : Lines(s)) EXPECT_LE(Columns(l), 100) << l;
}

}  // namespace
}  // namespace scrx::output
