// The HTML report from a collection written with store::Collection::WriteReview: the numbers
// of the charts (docs/collection.md "Query semantics"), the review sections, links to PDF pages,
// and escaping of everything that comes from the reviews.
#include "report/report.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>

#include "report/test_collection.h"
#include "store/collection.h"

namespace scrx::report {
namespace {

namespace fs = std::filesystem;
using testing::AbsentTheme;
using testing::MakeCollection;
using testing::PresentTheme;

int Count(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

Review MakeReview(const std::string& file, const std::string& title, const std::string& type,
                  const std::string& published, int pages) {
  Review r;
  r.source.file = file;
  r.source.sha256 = "sha-" + file;
  r.source.pdf.pages = pages;
  r.word_count = pages * 400;
  r.metadata.title.value = title;
  r.metadata.review_type.value = type;
  r.metadata.published.value = published;
  r.metadata.board.value = "Northmoor Safeguarding Children Partnership";
  Section s;
  s.title = "Findings";
  s.kind = SectionKind::kFindings;
  s.title_kind = SectionKind::kFindings;
  s.page_start = 3;
  s.page_end = 5;
  r.sections.push_back(s);
  return r;
}

// Four reviews: unseen_men in A, B, C; neglect in A, B; fii in C; cse in none; D has no theme.
// Years: A and B 2019, C 2021, D unknown.
std::vector<Review> FourReviews() {
  const auto kFactor = ThemeGroup::kFactor;
  const auto kIncident = ThemeGroup::kIncident;
  Review a = MakeReview("in/a.pdf", "Child A", "cspr", "2019-03", 10);
  Review b = MakeReview("in/b.pdf", "Child B", "scr", "2019-11", 12);
  Review c = MakeReview("in/c.pdf", "Child C", "cspr", "2021-05", 8);
  Review d = MakeReview("in/d.pdf", "Adult D", "sar", "", 6);
  a.themes = {PresentTheme("unseen_men", "Unseen men", kFactor, 3, "Father was not seen.", 4),
              PresentTheme("neglect", "Neglect", kIncident, 2, "Neglect was chronic.", 5),
              AbsentTheme("fii", "Fabricated illness", kIncident),
              AbsentTheme("cse", "Child sexual exploitation", kIncident)};
  b.themes = {PresentTheme("unseen_men", "Unseen men", kFactor, 1, "Partner unknown.", 2),
              PresentTheme("neglect", "Neglect", kIncident, 4, "Neglect persisted.", 3),
              AbsentTheme("fii", "Fabricated illness", kIncident),
              AbsentTheme("cse", "Child sexual exploitation", kIncident)};
  c.themes = {PresentTheme("unseen_men", "Unseen men", kFactor, 2, "Stepfather absent.", 6),
              AbsentTheme("neglect", "Neglect", kIncident),
              PresentTheme("fii", "Fabricated illness", kIncident, 1, "Illness induced.", 7),
              AbsentTheme("cse", "Child sexual exploitation", kIncident)};
  // Evidence that does not count never reaches the report.
  c.themes[0].evidence[0].counted = false;
  d.themes = {AbsentTheme("unseen_men", "Unseen men", kFactor),
              AbsentTheme("neglect", "Neglect", kIncident),
              AbsentTheme("fii", "Fabricated illness", kIncident),
              AbsentTheme("cse", "Child sexual exploitation", kIncident)};
  return {a, b, c, d};
}

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("scrx-report-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_path_ = (dir_ / "scrx.sqlite").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Writes `reviews` and renders the report to dir_/report.html; returns the HTML.
  std::string Render(const std::vector<Review>& reviews, ReportOptions options = {}) {
    Status s = MakeCollection(db_path_, reviews);
    EXPECT_TRUE(s.ok()) << s.ToString();
    options.db = dir_.string();
    options.out = (dir_ / "report.html").string();
    ReportResult result;
    s = WriteReport(options, &result);
    EXPECT_TRUE(s.ok()) << s.ToString();
    EXPECT_EQ(result.reviews, static_cast<int>(reviews.size()));
    EXPECT_EQ(result.db_path, db_path_);
    std::ifstream in(options.out);
    std::string html((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(html.size(), result.bytes);
    return html;
  }

  CollectionSummary Summary() {
    Status s;
    auto c = store::Collection::Open(db_path_, store::Database::Mode::kReadOnly, &s);
    EXPECT_TRUE(c) << s.ToString();
    CollectionSummary sum;
    if (c) {
      s = LoadSummary(c->db(), &sum);
      EXPECT_TRUE(s.ok()) << s.ToString();
    }
    return sum;
  }

  fs::path dir_;
  std::string db_path_;
};

TEST(CCoefficient, BothOverEitherOrBoth) {
  const struct {
    int a, b, both;
    double c;
  } cases[] = {{0, 0, 0, 0.0}, {2, 2, 2, 1.0}, {3, 2, 1, 0.25}, {3, 1, 0, 0.0}, {5, 4, 3, 0.5}};
  for (const auto& c : cases) {
    EXPECT_DOUBLE_EQ(CCoefficient(c.a, c.b, c.both), c.c) << c.a << " " << c.b << " " << c.both;
  }
}

TEST_F(ReportTest, SummaryFollowsTheQuerySemantics) {
  ASSERT_TRUE(MakeCollection(db_path_, FourReviews()).ok());
  const CollectionSummary sum = Summary();
  EXPECT_EQ(sum.reviews, 4);
  EXPECT_EQ(sum.pages, 36);
  EXPECT_EQ(sum.words, 36 * 400);
  const std::vector<std::pair<std::string, int>> types = {{"cspr", 2}, {"sar", 1}, {"scr", 1}};
  EXPECT_EQ(sum.types, types);
  const std::vector<std::pair<int, int>> years = {{2019, 2}, {2021, 1}, {0, 1}};
  EXPECT_EQ(sum.years, years);

  // Most frequent first, ties by label; mentions are counted mentions of the present reviews.
  const struct {
    std::string id;
    int reviews;
    std::int64_t mentions;
    std::vector<int> by_year;
  } expected[] = {{"unseen_men", 3, 6, {2, 1, 0}},
                  {"neglect", 2, 6, {2, 0, 0}},
                  {"fii", 1, 1, {0, 1, 0}},
                  {"cse", 0, 0, {0, 0, 0}}};
  ASSERT_EQ(sum.themes.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(sum.themes[i].id, expected[i].id);
    EXPECT_EQ(sum.themes[i].reviews, expected[i].reviews) << expected[i].id;
    EXPECT_EQ(sum.themes[i].mentions, expected[i].mentions) << expected[i].id;
    EXPECT_EQ(sum.by_year[i], expected[i].by_year) << expected[i].id;
  }
  EXPECT_EQ(sum.themes[1].group, "incident");
  EXPECT_EQ(sum.themes[0].label, "Unseen men");
  // Co-occurrence: unseen_men & neglect in A and B; unseen_men & fii in C.
  const std::vector<std::vector<int>> both = {
      {3, 2, 1, 0}, {2, 2, 0, 0}, {1, 0, 1, 0}, {0, 0, 0, 0}};
  EXPECT_EQ(sum.both, both);
}

TEST_F(ReportTest, ChartsHoldTheNumbers) {
  const std::string html = Render(FourReviews());
  // One bar per theme with its count; the share of 4 reviews as text.
  EXPECT_NE(html.find("<g class=\"bar\" data-value=\"3\" data-theme=\"unseen_men\""),
            std::string::npos);
  EXPECT_NE(html.find("<g class=\"bar\" data-value=\"0\" data-theme=\"cse\""), std::string::npos);
  EXPECT_NE(html.find(">3 (75%)</text>"), std::string::npos);
  EXPECT_NE(html.find(">2 (50%)</text>"), std::string::npos);
  EXPECT_EQ(Count(html, "<g class=\"bar\""), 4);
  // Heat map: 3 present themes x 3 year columns (2019, 2021, unknown).
  EXPECT_EQ(Count(html, "data-year="), 3 * 3 + 3);  // cells, plus the overview's year rows
  EXPECT_NE(html.find("data-theme=\"unseen_men\" data-year=\"2019\" data-value=\"2\" "
                      "data-total=\"2\""),
            std::string::npos);
  EXPECT_NE(html.find("data-theme=\"fii\" data-year=\"2021\" data-value=\"1\" data-total=\"1\""),
            std::string::npos);
  // Matrix: lower triangle of the 3 present themes, c = 2 / (3 + 2 - 2).
  EXPECT_NE(html.find("data-a=\"neglect\" data-b=\"unseen_men\" data-both=\"2\" "
                      "data-value=\"0.6667\""),
            std::string::npos);
  EXPECT_NE(html.find("data-a=\"fii\" data-b=\"neglect\" data-both=\"0\" data-value=\"0.0000\""),
            std::string::npos);
  EXPECT_EQ(Count(html, "data-a="), 6);
}

TEST_F(ReportTest, ReviewsHaveAnchorsAndATableOfContents) {
  const std::string html = Render(FourReviews());
  for (int id = 1; id <= 4; ++id) {
    const std::string anchor = "review-" + std::to_string(id);
    EXPECT_EQ(Count(html, "<article class=\"review\" id=\"" + anchor + "\">"), 1) << anchor;
    EXPECT_EQ(Count(html, "href=\"#" + anchor + "\""), 1) << anchor;
  }
  // Published order: 2019-03 (A), 2019-11 (B), 2021-05 (C), then unknown (D).
  const size_t a = html.find("<h3>1. Child A</h3>"), b = html.find("<h3>2. Child B</h3>"),
               c = html.find("<h3>3. Child C</h3>"), d = html.find("<h3>4. Adult D</h3>");
  ASSERT_NE(a, std::string::npos);
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_LT(c, d);
  ASSERT_NE(d, std::string::npos);
  // C: the uncounted quote is left out (2 items, 1 counted).
  const std::string review_c = html.substr(c, d - c);
  EXPECT_NE(review_c.find("1 counted mention"), std::string::npos);
  EXPECT_EQ(Count(review_c, "<q>"), 2);  // unseen_men's one counted quote, fii's one
}

TEST_F(ReportTest, EverythingFromTheReviewsIsEscaped) {
  std::vector<Review> reviews = FourReviews();
  Review& r = reviews[0];
  r.metadata.title.value = "Child <script>alert('t')</script>";
  r.metadata.board.value = "Board \"B\" & <b>bold</b>";
  r.metadata.subjects = {{"<img src=x onerror=alert(1)>", 1}};
  Finding f;
  f.number = "1";
  f.title = "Title <i>";
  f.text = "Text with </li></ul> closing tags.";
  f.page = 4;
  r.findings.push_back(f);
  Recommendation rec;
  rec.number = "R1";
  rec.text = "The board should <em>act</em>.";
  rec.addressee = "Police & \"partners\"";
  rec.addressee_kind = "police";
  rec.page_start = 9;
  r.recommendations.push_back(rec);
  for (Review& x : reviews) x.themes[2].label = "Fabricated & <induced> illness";
  r.themes[0].evidence[0].sentence = "Father <was> \"not\" seen & 'ignored'.";
  r.themes[0].evidence[0].span_begin = 0;
  r.themes[0].evidence[0].span_end = 6;
  const std::string html = Render(reviews);
  for (const char* raw : {"<script", "<img", "<b>bold", "<i>", "</li></ul> closing", "<em>",
                          "<was>", "onerror=alert(1)>"}) {
    EXPECT_EQ(html.find(raw), std::string::npos) << raw;
  }
  EXPECT_NE(html.find("Child &lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("Board &quot;B&quot; &amp; &lt;b&gt;bold&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(html.find("To: Police &amp; &quot;partners&quot;"), std::string::npos);
  EXPECT_NE(html.find("<mark>Father</mark> &lt;was&gt; &quot;not&quot; seen &amp; "
                      "&#39;ignored&#39;."),
            std::string::npos);
  // Theme labels in the charts' tooltips and text.
  EXPECT_NE(html.find("<title>Fabricated &amp; &lt;induced&gt; illness (incident): present in 1 "
                      "of 4 reviews"),
            std::string::npos);
  EXPECT_EQ(html.find("<induced>"), std::string::npos);
}

TEST_F(ReportTest, PageNumbersLinkToThePdfWhenItIsFound) {
  std::vector<Review> reviews = FourReviews();
  // A's PDF exists beside the database, under a name that must not read as a URL scheme; the
  // others do not exist.
  reviews[0].source.file = "javascript:alert(1) & co.pdf";
  std::ofstream(dir_ / reviews[0].source.file) << "%PDF-1.4\n";
  const std::string html = Render(reviews);
  EXPECT_NE(html.find("<a class=\"page\" href=\"javascript%3Aalert%281%29%20%26%20co.pdf#page=4\">"
                      "p. 4</a>"),
            std::string::npos)
      << html.substr(html.find("<article"), 3000);
  EXPECT_NE(html.find("<a href=\"javascript%3Aalert%281%29%20%26%20co.pdf\">open the PDF</a>"),
            std::string::npos);
  EXPECT_EQ(html.find("href=\"javascript:"), std::string::npos);
  // B's PDF is missing: its pages are plain text.
  EXPECT_NE(html.find("<span class=\"page\">p. 2</span>"), std::string::npos);
  // Sections give their page range.
  EXPECT_NE(html.find("#page=3\">pp. 3\xE2\x80\x93"
                      "5</a>"),
            std::string::npos);
}

TEST_F(ReportTest, PdfRootIsSearchedFirst) {
  fs::create_directories(dir_ / "pdfs" / "in");
  std::ofstream(dir_ / "pdfs" / "in" / "b.pdf") << "%PDF-1.4\n";
  ReportOptions o;
  o.pdf_root = (dir_ / "pdfs").string();
  const std::string html = Render(FourReviews(), o);
  EXPECT_NE(html.find("href=\"pdfs/in/b.pdf#page=2\">p. 2</a>"), std::string::npos);
}

TEST_F(ReportTest, RecommendationsAreGroupedByAddresseeKind) {
  std::vector<Review> reviews = FourReviews();
  const struct {
    std::string number, kind;
  } recs[] = {{"1", "health_acute"},
              {"2", ""},
              {"3", "police"},
              {"4", "health_acute"},
              {"5", "unheard_of_kind"}};
  for (const auto& x : recs) {
    Recommendation r;
    r.number = x.number;
    r.text = "Recommendation " + x.number + ".";
    r.addressee_kind = x.kind;
    r.page_start = 9;
    reviews[1].recommendations.push_back(r);
  }
  const std::string html = Render(reviews);
  const size_t police = html.find("<h5 data-addressee-kind=\"police\">Police (1)</h5>");
  const size_t acute = html.find(
      "<h5 data-addressee-kind=\"health_acute\">"
      "Health: acute and hospital services (2)</h5>");
  const size_t other = html.find(
      "<h5 data-addressee-kind=\"unheard_of_kind\">unheard of kind "
      "(1)</h5>");
  const size_t none = html.find("<h5 data-addressee-kind=\"\">Addressee not identified (1)</h5>");
  ASSERT_NE(police, std::string::npos);
  ASSERT_NE(acute, std::string::npos);
  ASSERT_NE(other, std::string::npos);
  ASSERT_NE(none, std::string::npos);
  EXPECT_LT(police, acute);  // the vocabulary's order, then unknown kinds, then none
  EXPECT_LT(acute, other);
  EXPECT_LT(other, none);
  EXPECT_LT(html.find("Recommendation 1."), html.find("Recommendation 4."));
  EXPECT_NE(html.find("<span class=\"rnum\">3</span>Recommendation 3."), std::string::npos);
}

TEST_F(ReportTest, QuotesOfOneSentenceAreMergedAndLimited) {
  std::vector<Review> reviews = FourReviews();
  // B's neglect: 4 evidence items quoting one sentence at different spans -> one quote, marks
  // where the spans do not overlap. A's unseen men: 3 different sentences, limit 2.
  auto& ev = reviews[1].themes[1].evidence;
  for (Evidence& e : ev) e.paragraph_id = "4.1";
  ev[0].span_begin = 0, ev[0].span_end = 7;    // "Neglect"
  ev[1].span_begin = 8, ev[1].span_end = 17;   // "persisted"
  ev[2].span_begin = 0, ev[2].span_end = 3;    // inside the first: one mark
  ev[3].span_begin = 40, ev[3].span_end = 50;  // outside the quote: not marked
  auto& men = reviews[0].themes[0].evidence;
  for (size_t i = 0; i < men.size(); ++i) {
    men[i].sentence = "Sentence " + std::to_string(i) + ".";
    men[i].span_end = 8;
  }
  ReportOptions o;
  o.quotes_per_theme = 2;
  const std::string html = Render(reviews, o);
  EXPECT_EQ(Count(html, "<q><mark>Neglect</mark> <mark>persisted</mark>.</q>"), 1);
  EXPECT_NE(html.find("<q><mark>Sentence</mark> 1.</q>"), std::string::npos);
  EXPECT_EQ(html.find("Sentence</mark> 2."), std::string::npos);
  EXPECT_NE(html.find("<p class=\"more\">and 1 more quote</p>"), std::string::npos);
}

TEST_F(ReportTest, SelfContained) {
  const std::string html = Render(FourReviews());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  for (const char* external :
       {"<script", "<link", "<img", "<iframe", "@import", "http://", "https://", "src="}) {
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  }
  // url() only for the gradients of this page.
  std::regex url(R"(url\((?!#))");
  EXPECT_FALSE(std::regex_search(html, url));
}

TEST_F(ReportTest, EmptyCollection) {
  const std::string html = Render({});
  EXPECT_NE(html.find("The collection holds no reviews yet"), std::string::npos);
  EXPECT_EQ(Count(html, "<g class=\"bar\""), 0);
  EXPECT_FALSE(std::regex_search(html, std::regex(R"([">]-?(nan|inf)["<])")));
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

TEST_F(ReportTest, ErrorsNameTheCollection) {
  ReportOptions o;
  o.out = (dir_ / "r.html").string();
  ReportResult result;
  o.db = (dir_ / "missing").string();
  Status s = WriteReport(o, &result);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_EQ(s.ToString(), o.db + ": no such file or folder");
  // A folder without a collection.
  o.db = dir_.string();
  s = WriteReport(o, &result);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_EQ(s.ToString().rfind(o.db + ": no collection database in this folder", 0), 0u)
      << s.ToString();
  // A file that is not a collection.
  std::ofstream(dir_ / "other.sqlite") << "";
  o.db = (dir_ / "other.sqlite").string();
  s = WriteReport(o, &result);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.ToString().find("not a scrx collection"), std::string::npos) << s.ToString();
  EXPECT_FALSE(fs::exists(o.out));
}

}  // namespace
}  // namespace scrx::report
