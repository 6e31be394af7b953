// The plain data that flows between the stages of scrx: ingest -> layout -> segment -> tag ->
// extract -> output. Structs only; no behaviour beyond trivial helpers. Page numbers are 1-based
// physical PDF pages. Coordinates are PDF points with the origin at the top-left of the page.
#ifndef SCRX_DOCUMENT_H_
#define SCRX_DOCUMENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace scrx {

struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // left, top, right, bottom
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
};

// A non-fatal problem found while reading a review. `page` is 0 for the whole document.
struct Warning {
  std::string code;  // stable machine name: "no_text_layer", "poppler", "unnumbered_heading"
  int page = 0;
  std::string message;  // for people
};

// ---------------------------------------------------------------------------------------------
// Ingest (src/pdf): what Poppler gives.

struct Word {
  std::string text;  // UTF-8 exactly as extracted (not yet normalised)
  Box box;
  std::string font;  // font name without the subset prefix ("LiberationSans-Bold")
  double font_size = 0;
  bool bold = false;    // from the font name (Bold, Black, Heavy, Semibold, ...)
  bool italic = false;  // from the font name (Italic, Oblique)
  bool space_after = false;
  int rotation = 0;  // 0, 90, 180, 270
};

struct RawPage {
  int number = 0;  // 1-based
  double width = 0, height = 0;
  std::vector<Word> words;
};

struct PdfInfo {
  std::string title, author, subject, keywords, creator, producer;
  std::string created, modified;  // ISO 8601 ("2019-03-04T10:00:00Z"), or empty
  std::string pdf_version;        // "1.4"
  int pages = 0;
};

struct RawDocument {
  PdfInfo info;
  std::vector<RawPage> pages;
  std::vector<Warning> warnings;
};

// ---------------------------------------------------------------------------------------------
// Layout (src/layout): lines and blocks in reading order, furniture removed.

struct Line {
  std::string text;  // normalised; words joined by single spaces
  Box box;
  double font_size = 0;  // dominant (by characters) size of the line
  bool bold = false;     // (nearly) all characters bold: a bold lead-in does not make it bold
  bool italic = false;   // most characters italic
  std::string font;      // dominant font name
  int page = 0;
  // How this line joins the next line in reading order (decided by layout's de-hyphenation):
  // kSpace: an ordinary line break, join with a space; kJoinWord: the line ends with a
  // hyphen that only broke a word ("safe-" + "guarding"): drop the hyphen, no space;
  // kKeepHyphen: a real hyphen at the line end ("multi-" + "agency"): keep it, no space.
  enum class End { kSpace, kJoinWord, kKeepHyphen };
  End end = End::kSpace;
};

struct TableCell {
  std::vector<Line> lines;  // the cell's lines, top to bottom
  std::string text;         // the lines joined (de-hyphenated)
  int page = 0;
};
struct TableRow {
  std::vector<TableCell> cells;
  int page = 0;
  bool header = false;            // looks like a header row (bold, first row)
  bool header_candidate = false;  // layout only: the first row, all bold so far
};

struct Block {
  enum class Kind { kText, kTable };
  Kind kind = Kind::kText;
  std::vector<Line> lines;     // kText: the lines of the block, in order
  std::vector<TableRow> rows;  // kTable: rows of cells
  Box box;
  int page = 0;
  int column = 0;  // 0-based column index within its region (0 for single-column)
};

struct LaidOutPage {
  int number = 0;
  double width = 0, height = 0;
  std::vector<Block> blocks;  // in reading order
  int columns = 1;            // widest column count found on the page
  int word_count = 0;         // words on the page before furniture removal
};

// Text removed from the body: running headers/footers, page numbers, footnotes.
struct FurnitureItem {
  enum class Kind { kHeader, kFooter, kPageNumber, kFootnote };
  Kind kind = Kind::kHeader;
  int page = 0;
  std::string text;
  Box box;
};

struct LaidOutDocument {
  std::vector<LaidOutPage> pages;
  std::vector<FurnitureItem> furniture;
  double body_font_size = 0;  // the most common font size of body text
  std::vector<Warning> warnings;
};

// ---------------------------------------------------------------------------------------------
// Segment (src/segment): contents, sections, paragraphs.

enum class SectionKind {
  kCover,
  kContents,
  kForeword,
  kExecutiveSummary,
  kIntroduction,
  kTermsOfReference,
  kMethodology,
  kBackground,
  kChronology,
  kAnalysis,
  kFindings,
  kGoodPractice,
  kConclusion,
  kRecommendations,
  kActionPlan,
  kReferences,
  kGlossary,
  kAppendix,
  kOther,
};

struct Paragraph {
  enum class Kind { kNumbered, kListItem, kText, kTable };
  Kind kind = Kind::kText;
  std::string id;       // unique in the review: printed number ("4.1"), "4.1/2" for the 2nd list
                        // item under 4.1, or "p17" (17th unnumbered paragraph of the review)
  std::string number;   // as printed ("4.1", "12", "(b)", "•"), empty when none
  int page = 0;         // page where the paragraph starts
  int page_end = 0;     // page where it ends
  std::string text;     // normalised, de-hyphenated, the number/bullet removed
  bool italic = false;  // most of its lines are set in italics (quotations, responses)
  double x0 = 0;        // left edge of its first line (nesting of list items); not in the JSON
  int column = 0;       // column of its first line on the page; not in the JSON
  // kTable only: the table's rows (cell texts); `text` then holds the cells joined by " | ".
  std::vector<std::vector<std::string>> table;
};

struct Section {
  std::string number;  // as printed ("4", "2.3", "Part B", "Appendix 1"), empty when none
  std::string title;   // without the number
  int level = 1;       // 1 = top level
  SectionKind kind = SectionKind::kOther;
  SectionKind title_kind = SectionKind::kOther;  // the kind the title alone says
  int page_start = 0, page_end = 0;
  bool in_contents = false;  // confirmed by an entry of the contents page
  std::vector<Paragraph> paragraphs;
};

struct ContentsEntry {
  std::string number;
  std::string title;
  int page = 0;  // printed page number, 0 when none
  int level = 1;
};

struct SegmentedDocument {
  std::vector<Section> sections;  // document order
  std::vector<ContentsEntry> contents;
  int contents_page = 0;  // first page of the contents, 0 when none
  std::vector<Warning> warnings;
};

// ---------------------------------------------------------------------------------------------
// Tag (src/tag): evidence and verdicts.

enum class ThemeGroup { kFactor, kIncident, kPractice, kSystem };

struct Evidence {
  std::string theme;
  int page = 0;
  int section_index = -1;  // index into Review::sections
  std::string section_number, section_title;
  SectionKind section_kind = SectionKind::kOther;
  std::string paragraph_id;
  std::string sentence;  // the quoted sentence
  int span_begin = 0;    // byte offsets of the match within `sentence`
  int span_end = 0;
  std::string matched;  // sentence.substr(span_begin, span_end - span_begin)
  std::string pattern;  // "file:line" of the pattern that matched
  double weight = 1.0;
  bool negated = false;
  std::string negation_cue;
  bool hedged = false;
  std::string hedge_cue;
  bool counterfactual = false;
  std::string counterfactual_cue;
  bool counted = false;     // contributes to the verdict
  std::string not_counted;  // why not ("zone:contents", "negated", "boilerplate", ...)
};

struct ThemeResult {
  std::string id, label;
  ThemeGroup group = ThemeGroup::kFactor;
  bool present = false;
  int mentions = 0;          // all evidence items
  int counted_mentions = 0;  // items that count towards the verdict
  int negated_mentions = 0;
  double score = 0;  // summed weight of counted evidence
  double threshold = 1.0;
  double per_10k_words = 0;           // counted mentions per 10,000 words of body text
  bool derived = false;               // present because of a derivation rule (e.g. toxic trio)
  std::string derived_from;           // explanation of the derivation
  std::vector<std::string> sections;  // titles of sections with counted evidence, in order
  std::vector<Evidence> evidence;     // strongest first
};

// ---------------------------------------------------------------------------------------------
// Extract (src/extract): records users copy out of a review.

struct Recommendation {
  std::string list;    // the list or table it belongs to ("Recommendations", "Police")
  std::string number;  // as printed ("1", "R3", "2b", "10.4"); empty when unnumbered
  std::string text;
  int page_start = 0, page_end = 0;
  std::string addressee;       // as written, empty when none found
  std::string addressee_kind;  // vocabulary in docs/json-schema.md
  std::string response;        // response/assurance text printed with it
  int section_index = -1;
};

struct Finding {
  std::string number;  // as printed, may be empty
  std::string title;   // may be empty
  std::string text;
  int section_index = -1;
  int page = 0;
};

// A metadata value with the page it was read from. Empty `value` means unknown (null).
struct MetaValue {
  std::string value;
  int page = 0;
  bool known() const { return !value.empty(); }
};

struct Metadata {
  MetaValue title, review_type, board, published, commissioned, period_from, period_to, child_age,
      outcome;
  std::vector<MetaValue> subjects, agencies, authors;
};

// ---------------------------------------------------------------------------------------------
// The whole review, as emitted as JSON.

// How usable one page's text layer is (src/layout/text_quality.h).
struct PageText {
  int page = 0;
  int words = 0;         // words Poppler found on the page
  double quality = 1.0;  // share of sampled words that are dictionary words (1.0: nothing to test)
  bool needs_ocr = false;  // no text layer, or a text layer that is not text
};

struct SourceInfo {
  std::string file;  // path as given on the command line / found in the folder
  std::string sha256;
  std::uint64_t bytes = 0;
  PdfInfo pdf;
  std::vector<PageText> page_text;  // one per page
};

struct Review {
  SourceInfo source;
  Metadata metadata;
  std::vector<ContentsEntry> contents;
  std::vector<Section> sections;
  std::vector<FurnitureItem> furniture;
  std::vector<ThemeResult> themes;
  std::vector<Finding> findings;
  std::vector<Recommendation> recommendations;
  std::vector<Warning> warnings;
  int word_count = 0;  // words of body text (paragraphs)
};

}  // namespace scrx

#endif  // SCRX_DOCUMENT_H_
