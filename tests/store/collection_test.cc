// The collection database: reviews read back from their JSON (two corpus PDFs, analysed once)
// go in with every row, a replaced review leaves no orphan rows and no stale full-text entries,
// a failed write changes nothing, "current" means same PDF + version + pattern set, failure
// records come and go, and --db resolves to the database file with clear errors.
#include "store/collection.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>

#include "app/pipeline.h"
#include "base/files.h"
#include "output/review_json.h"
#include "tag/pattern_set.h"

namespace scrx::store {
namespace {

namespace fs = std::filesystem;

// Two corpus reviews, analysed in-process, written as review JSON and read back: what the
// parent of `scrx analyze` stores.
const std::map<std::string, Review>& CorpusReviews() {
  static const std::map<std::string, Review> reviews = [] {
    std::map<std::string, Review> out;
    Status s;
    auto patterns = tag::PatternSet::Load({std::string(SCRX_SOURCE_DIR) + "/patterns"}, &s);
    EXPECT_TRUE(patterns) << s.ToString();
    if (!patterns) return out;
    app::PipelineOptions po;
    po.patterns = patterns.get();
    fs::path tmp = fs::temp_directory_path() / ("scrx-coll-json-" + std::to_string(::getpid()));
    for (const char* name : {"cspr-baby-s-unseen-father-2024", "dhr-adult-a-2019"}) {
      std::string pdf = std::string(SCRX_SOURCE_DIR) + "/corpus/" + name + ".pdf";
      Review analysed;
      s = app::AnalyzeFile(pdf, std::string("corpus/") + name + ".pdf", po, &analysed);
      EXPECT_TRUE(s.ok()) << s.ToString();
      output::JsonOptions jo;
      jo.scrx_version = "test";
      jo.patterns_hash = patterns->hash();
      std::string json = (tmp / (std::string(name) + ".json")).string();
      EXPECT_TRUE(WriteFileAtomic(json, output::ReviewToJson(analysed, jo).dump(1)).ok());
      Review back;
      s = output::ReadReviewFile(json, &back);
      EXPECT_TRUE(s.ok()) << s.ToString();
      out[name] = std::move(back);
    }
    fs::remove_all(tmp);
    return out;
  }();
  return reviews;
}

const Review& Get(const std::string& name) { return CorpusReviews().at(name); }

std::int64_t Count(Database* db, const std::string& sql) {
  Status s;
  auto st = db->Prepare(sql, &s);
  EXPECT_TRUE(st) << s.ToString();
  if (!st) return -1;
  std::int64_t n = st->Step() ? st->Int(0) : -1;
  EXPECT_TRUE(st->status().ok()) << st->status().ToString();
  return n;
}

// Appends a plain paragraph "p999" on page 1 to the review's last section.
void AddParagraph(Review* r, const std::string& text) {
  r->sections.back().paragraphs.push_back(
      {Paragraph::Kind::kText, "p999", "", 1, 1, text, false, 0, 0, {}});
}

// The row counts a review should produce, from the Review itself.
struct Expected {
  std::int64_t sections = 0, paragraphs = 0, themes = 0, present = 0, evidence = 0, findings = 0,
               recommendations = 0, subjects = 0, authors = 0, agencies = 0;
};
Expected ExpectedRows(const Review& r) {
  Expected e;
  e.sections = static_cast<std::int64_t>(r.sections.size());
  for (const Section& s : r.sections)
    e.paragraphs += static_cast<std::int64_t>(s.paragraphs.size());
  e.themes = static_cast<std::int64_t>(r.themes.size());
  for (const ThemeResult& t : r.themes) {
    e.present += t.present;
    e.evidence += static_cast<std::int64_t>(t.evidence.size());
  }
  e.findings = static_cast<std::int64_t>(r.findings.size());
  e.recommendations = static_cast<std::int64_t>(r.recommendations.size());
  e.subjects = static_cast<std::int64_t>(r.metadata.subjects.size());
  e.authors = static_cast<std::int64_t>(r.metadata.authors.size());
  e.agencies = static_cast<std::int64_t>(r.metadata.agencies.size());
  return e;
}

class CollectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("scrx-coll-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    coll_ = Open();
    ASSERT_NE(coll_, nullptr);
    ASSERT_FALSE(CorpusReviews().empty());
  }
  void TearDown() override {
    coll_.reset();
    fs::remove_all(dir_);
  }
  std::unique_ptr<Collection> Open() {
    Status s;
    auto c = Collection::Open(db_path(), Database::Mode::kReadWrite, &s);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return c;
  }
  // The collection as a reader (query, search) opens it.
  std::unique_ptr<Collection> OpenReadOnly() {
    Status s;
    auto c = Collection::Open(db_path(), Database::Mode::kReadOnly, &s);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return c;
  }
  std::string db_path() const { return (dir_ / kCollectionFile).string(); }
  Status Write(const Review& r, const std::string& at = "2024-01-01T00:00:00Z") {
    return coll_->WriteReview(r, fs::path(r.source.file).stem().string() + ".json", "0.1.0",
                              "hash1", at);
  }
  std::int64_t Rows(const std::string& table, const std::string& file) {
    return Count(coll_->db(), "SELECT count(*) FROM " + table +
                                  " WHERE review_id = (SELECT id FROM reviews WHERE file = '" +
                                  file + "')");
  }
  // Rows of every child table whose review is gone.
  std::int64_t Orphans() {
    std::int64_t n = 0;
    for (const char* t : {"subjects", "authors", "agencies", "sections", "paragraphs", "themes",
                          "evidence", "findings", "recommendations"}) {
      n += Count(coll_->db(), std::string("SELECT count(*) FROM ") + t +
                                  " WHERE review_id NOT IN (SELECT id FROM reviews)");
    }
    return n;
  }
  // FTS5's own check that the index matches the paragraphs table, once the reviews waiting
  // for the index are in it (as at the end of a run).
  Status FtsIntegrity() {
    if (Status s = coll_->FlushTextIndex(); !s.ok()) return s;
    return RawFtsIntegrity();
  }
  Status RawFtsIntegrity() {
    return coll_->db()->Exec(
        "INSERT INTO paragraphs_fts(paragraphs_fts, rank) VALUES ('integrity-check', 1);");
  }
  // Paragraphs the full-text index finds, as `scrx search` sees them after a run.
  std::int64_t FtsHits(const std::string& query) {
    EXPECT_TRUE(coll_->FlushTextIndex().ok());
    return RawFtsHits(query);
  }
  // The same without indexing what waits.
  std::int64_t RawFtsHits(const std::string& query) {
    return Count(coll_->db(),
                 "SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH '" + query + "'");
  }

  fs::path dir_;
  std::unique_ptr<Collection> coll_;
};

TEST_F(CollectionTest, NewDatabaseHasTheDocumentedSchema) {
  EXPECT_EQ(Count(coll_->db(), "PRAGMA user_version"), kCollectionSchemaVersion);
  for (const char* t : {"meta", "reviews", "subjects", "authors", "agencies", "sections",
                        "paragraphs", "paragraphs_fts", "fts_pending", "themes", "evidence",
                        "findings", "recommendations", "failures"}) {
    EXPECT_EQ(Count(coll_->db(), std::string("SELECT count(*) FROM sqlite_master WHERE type = "
                                             "'table' AND name = '") +
                                     t + "'"),
              1)
        << t;
  }
  for (const char* i : {"evidence_theme", "evidence_review", "themes_theme", "paragraphs_review",
                        "recommendations_addressee_kind"}) {
    EXPECT_EQ(Count(coll_->db(), std::string("SELECT count(*) FROM sqlite_master WHERE type = "
                                             "'index' AND name = '") +
                                     i + "'"),
              1)
        << i;
  }
  EXPECT_EQ(Count(coll_->db(),
                  "SELECT count(*) FROM meta WHERE key = 'schema' AND value = "
                  "'scrx.collection/1'"),
            1);
  // Opening again finds the schema and leaves it be.
  coll_.reset();
  coll_ = Open();
  ASSERT_NE(coll_, nullptr);
  EXPECT_EQ(Count(coll_->db(), "SELECT count(*) FROM meta"), 2);
}

TEST_F(CollectionTest, ReviewRoundTripsWithEveryRow) {
  const Review& r = Get("cspr-baby-s-unseen-father-2024");
  ASSERT_TRUE(Write(r).ok());
  Expected e = ExpectedRows(r);
  ASSERT_GT(e.paragraphs, 20);
  ASSERT_GT(e.evidence, 10);
  ASSERT_GT(e.recommendations, 0);
  const std::string f = r.source.file;
  EXPECT_EQ(Rows("sections", f), e.sections);
  EXPECT_EQ(Rows("paragraphs", f), e.paragraphs);
  EXPECT_EQ(Rows("themes", f), e.themes);
  EXPECT_EQ(Count(coll_->db(), "SELECT sum(present) FROM themes"), e.present);
  EXPECT_EQ(Rows("evidence", f), e.evidence);
  EXPECT_EQ(Rows("findings", f), e.findings);
  EXPECT_EQ(Rows("recommendations", f), e.recommendations);
  EXPECT_EQ(Rows("subjects", f), e.subjects);
  EXPECT_EQ(Rows("authors", f), e.authors);
  EXPECT_EQ(Rows("agencies", f), e.agencies);

  Status s;
  auto st = coll_->db()->Prepare(
      "SELECT file, json, sha256, bytes, pages, words, scrx_version, patterns_hash, analysed_at,"
      " review_type, published, year FROM reviews",
      &s);
  ASSERT_TRUE(st) << s.ToString();
  ASSERT_TRUE(st->Step());
  EXPECT_EQ(st->Text(0), "corpus/cspr-baby-s-unseen-father-2024.pdf");
  EXPECT_EQ(st->Text(1), "cspr-baby-s-unseen-father-2024.json");
  EXPECT_EQ(st->Text(2), r.source.sha256);
  EXPECT_EQ(st->Int(3), static_cast<std::int64_t>(r.source.bytes));
  EXPECT_EQ(st->Int(4), r.source.pdf.pages);
  EXPECT_EQ(st->Int(5), r.word_count);
  EXPECT_EQ(st->Text(6), "0.1.0");
  EXPECT_EQ(st->Text(7), "hash1");
  EXPECT_EQ(st->Text(8), "2024-01-01T00:00:00Z");
  EXPECT_EQ(st->Text(9), r.metadata.review_type.value);
  EXPECT_EQ(st->Text(10), r.metadata.published.value);
  EXPECT_EQ(st->Int(11), 2024);
  EXPECT_FALSE(st->Step());

  // Per-theme values agree with the review, theme by theme.
  for (const ThemeResult& t : r.themes) {
    EXPECT_EQ(
        Count(coll_->db(), "SELECT counted_mentions FROM themes WHERE theme = '" + t.id + "'"),
        t.counted_mentions)
        << t.id;
    EXPECT_EQ(Count(coll_->db(),
                    "SELECT count(*) FROM evidence WHERE counted = 1 AND theme = '" + t.id + "'"),
              t.counted_mentions)
        << t.id;
  }
  // Every paragraph's section is a stored section.
  EXPECT_EQ(Count(coll_->db(),
                  "SELECT count(*) FROM paragraphs p LEFT JOIN sections s ON s.review_id = "
                  "p.review_id AND s.idx = p.section_idx WHERE s.idx IS NULL"),
            0);
}

// Paragraphs of `r` holding `word` as a whole token (as FTS5's unicode61 tokenizer splits text:
// letters, digits and non-ASCII characters make tokens; case is folded).
std::int64_t ParagraphsWithToken(const Review& r, const std::string& word) {
  auto token_char = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
  };
  std::int64_t n = 0;
  for (const Section& s : r.sections) {
    for (const Paragraph& p : s.paragraphs) {
      std::string t = p.text;
      for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      for (size_t at = t.find(word); at != std::string::npos; at = t.find(word, at + 1)) {
        size_t end = at + word.size();
        if ((at == 0 || !token_char(t[at - 1])) && (end == t.size() || !token_char(t[end]))) {
          ++n;
          break;
        }
      }
    }
  }
  return n;
}

TEST_F(CollectionTest, FullTextSearchFindsAWord) {
  const Review& a = Get("cspr-baby-s-unseen-father-2024");
  const Review& b = Get("dhr-adult-a-2019");
  ASSERT_TRUE(Write(a).ok());
  ASSERT_TRUE(Write(b).ok());
  for (const char* word : {"father", "health", "police", "disguised"}) {
    std::int64_t in_a = ParagraphsWithToken(a, word), in_b = ParagraphsWithToken(b, word);
    EXPECT_EQ(FtsHits(word), in_a + in_b) << word;
    EXPECT_EQ(Count(coll_->db(),
                    std::string("SELECT count(*) FROM paragraphs_fts f JOIN paragraphs p ON p.id ="
                                " f.rowid JOIN reviews r ON r.id = p.review_id WHERE paragraphs_fts"
                                " MATCH '") +
                        word + "' AND r.file = '" + a.source.file + "'"),
              in_a)
        << word;
  }
  EXPECT_GT(ParagraphsWithToken(a, "father"), 10);
  EXPECT_EQ(FtsHits("zzqxjnonword"), 0);
  EXPECT_TRUE(FtsIntegrity().ok()) << FtsIntegrity().ToString();
}

// A collection of schema version 1 fed the full-text index by an insert trigger: read-only it
// is read as it is; opened to write it loses the trigger, so new paragraphs are indexed once.
TEST_F(CollectionTest, AVersionOneCollectionIsUpgradedAndIndexesEachParagraphOnce) {
  const Review& a = Get("cspr-baby-s-unseen-father-2024");
  const Review& b = Get("dhr-adult-a-2019");
  ASSERT_TRUE(Write(a).ok());
  ASSERT_TRUE(coll_->FlushTextIndex().ok());
  ASSERT_TRUE(coll_->db()
                  ->Exec("CREATE TRIGGER paragraphs_ai AFTER INSERT ON paragraphs BEGIN"
                         " INSERT INTO paragraphs_fts(rowid, text) VALUES (new.id, new.text); END;"
                         " DROP TABLE fts_pending; PRAGMA user_version = 1;")
                  .ok());
  coll_.reset();
  {
    auto ro = OpenReadOnly();
    ASSERT_NE(ro, nullptr);
    EXPECT_EQ(Count(ro->db(), "PRAGMA user_version"), 1);
  }
  coll_ = Open();
  ASSERT_NE(coll_, nullptr);
  EXPECT_EQ(Count(coll_->db(), "PRAGMA user_version"), kCollectionSchemaVersion);
  EXPECT_EQ(Count(coll_->db(), "SELECT count(*) FROM sqlite_master WHERE name = 'paragraphs_ai'"),
            0);
  ASSERT_TRUE(Write(b).ok());
  EXPECT_EQ(FtsHits("father"), ParagraphsWithToken(a, "father") + ParagraphsWithToken(b, "father"));
  EXPECT_EQ(Count(coll_->db(),
                  "SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH"
                  " 'police' AND rowid IN (SELECT id FROM paragraphs)"),
            ParagraphsWithToken(a, "police") + ParagraphsWithToken(b, "police"));
  EXPECT_TRUE(FtsIntegrity().ok()) << FtsIntegrity().ToString();
}

// Reviews wait for the full-text index and join it together (FTS5 writes a segment per
// statement): stored rows are there at once, the index catches up when the waiting text
// reaches kTextIndexBatchBytes, on FlushTextIndex, or when the collection is closed.
TEST_F(CollectionTest, ReviewsJoinTheTextIndexTogether) {
  const Review& a = Get("cspr-baby-s-unseen-father-2024");
  const Review& b = Get("dhr-adult-a-2019");
  const std::int64_t father = ParagraphsWithToken(a, "father") + ParagraphsWithToken(b, "father");
  ASSERT_GT(father, 0);
  ASSERT_TRUE(Write(a).ok());
  ASSERT_TRUE(Write(b).ok());
  EXPECT_EQ(coll_->ReviewsNotInTextIndex(), 2);
  EXPECT_EQ(RawFtsHits("father"), 0);
  EXPECT_EQ(Count(coll_->db(), "SELECT count(*) FROM paragraphs"),
            ExpectedRows(a).paragraphs + ExpectedRows(b).paragraphs);
  ASSERT_TRUE(coll_->FlushTextIndex().ok());
  EXPECT_EQ(coll_->ReviewsNotInTextIndex(), 0);
  EXPECT_EQ(RawFtsHits("father"), father);
  EXPECT_TRUE(RawFtsIntegrity().ok()) << RawFtsIntegrity().ToString();

  // A review with more text than a batch takes the waiting ones with it.
  Review big = a;
  big.source.file = "/reviews/big.pdf";
  std::string text;
  while (static_cast<std::int64_t>(text.size()) < kTextIndexBatchBytes) {
    text += "The health visitor zzqxjbig saw the baby at home with her mother. ";
  }
  AddParagraph(&big, text);
  Review c = b;
  c.source.file = "/reviews/c.pdf";
  ASSERT_TRUE(Write(c).ok());
  EXPECT_EQ(coll_->ReviewsNotInTextIndex(), 1);
  ASSERT_TRUE(Write(big).ok());
  EXPECT_EQ(coll_->ReviewsNotInTextIndex(), 0);
  EXPECT_EQ(RawFtsHits("zzqxjbig"), 1);
  EXPECT_EQ(RawFtsHits("father"), 2 * father);
  EXPECT_TRUE(RawFtsIntegrity().ok()) << RawFtsIntegrity().ToString();

  // Closing indexes what waits.
  Review d = a;
  d.source.file = "/reviews/d.pdf";
  ASSERT_TRUE(Write(d).ok());
  EXPECT_EQ(coll_->ReviewsNotInTextIndex(), 1);
  coll_.reset();
  auto ro = OpenReadOnly();
  ASSERT_NE(ro, nullptr);
  EXPECT_EQ(ro->ReviewsNotInTextIndex(), 0);
  EXPECT_EQ(
      Count(ro->db(), "SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH 'father'"),
      2 * father + ParagraphsWithToken(d, "father"));
}

// Replacing a review that still waits for the index: it joins the index first, so the delete
// trigger takes out what is there, and the index stays whole.
TEST_F(CollectionTest, ReplacingAWaitingReviewKeepsTheIndexWhole) {
  const Review& a = Get("cspr-baby-s-unseen-father-2024");
  Review old = a;
  AddParagraph(&old, "A marker word zzqxjmarker here.");
  ASSERT_TRUE(Write(old, "2024-01-01T00:00:00Z").ok());
  ASSERT_EQ(coll_->ReviewsNotInTextIndex(), 1);
  ASSERT_TRUE(Write(a, "2024-02-02T00:00:00Z").ok());
  EXPECT_EQ(coll_->ReviewsNotInTextIndex(), 1);
  EXPECT_EQ(Count(coll_->db(),
                  "SELECT count(*) FROM fts_pending WHERE review_id NOT IN"
                  " (SELECT id FROM reviews)"),
            0);
  EXPECT_EQ(FtsHits("zzqxjmarker"), 0);
  EXPECT_EQ(FtsHits("father"), ParagraphsWithToken(a, "father"));
  EXPECT_TRUE(RawFtsIntegrity().ok()) << RawFtsIntegrity().ToString();
}

// A run killed after storing reviews (no flush, no destructor): a reader is told how many
// reviews the index lacks, and the next open to write indexes them.
TEST_F(CollectionTest, AKilledRunsReviewsAreIndexedAtTheNextOpen) {
  const Review& a = Get("cspr-baby-s-unseen-father-2024");
  coll_.reset();
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    Status s;
    auto c = Collection::Open(db_path(), Database::Mode::kReadWrite, &s);
    bool ok = c && c->WriteReview(a, "a.json", "0.1.0", "hash1", "2024-01-01T00:00:00Z").ok();
    ::_exit(ok ? 0 : 1);  // no destructor: as if killed
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  {
    auto ro = OpenReadOnly();
    ASSERT_NE(ro, nullptr);
    EXPECT_EQ(ro->ReviewsNotInTextIndex(), 1);
    EXPECT_EQ(Count(ro->db(), "SELECT count(*) FROM reviews"), 1);
  }
  coll_ = Open();
  ASSERT_NE(coll_, nullptr);
  EXPECT_EQ(coll_->ReviewsNotInTextIndex(), 0);
  EXPECT_EQ(RawFtsHits("father"), ParagraphsWithToken(a, "father"));
  EXPECT_TRUE(RawFtsIntegrity().ok()) << RawFtsIntegrity().ToString();
}

// A version-2 collection (no fts_pending) is read as it is and upgraded when opened to write.
TEST_F(CollectionTest, AVersionTwoCollectionIsUpgraded) {
  const Review& a = Get("cspr-baby-s-unseen-father-2024");
  ASSERT_TRUE(Write(a).ok());
  ASSERT_TRUE(coll_->FlushTextIndex().ok());
  ASSERT_TRUE(coll_->db()->Exec("DROP TABLE fts_pending; PRAGMA user_version = 2;").ok());
  coll_.reset();
  {
    auto ro = OpenReadOnly();
    ASSERT_NE(ro, nullptr);
    EXPECT_EQ(ro->ReviewsNotInTextIndex(), 0);
    EXPECT_EQ(Count(ro->db(), "PRAGMA user_version"), 2);
  }
  coll_ = Open();
  ASSERT_NE(coll_, nullptr);
  EXPECT_EQ(Count(coll_->db(), "PRAGMA user_version"), kCollectionSchemaVersion);
  Review b = Get("dhr-adult-a-2019");
  ASSERT_TRUE(Write(b).ok());
  EXPECT_EQ(coll_->ReviewsNotInTextIndex(), 1);
  EXPECT_EQ(FtsHits("father"), ParagraphsWithToken(a, "father") + ParagraphsWithToken(b, "father"));
  EXPECT_TRUE(RawFtsIntegrity().ok()) << RawFtsIntegrity().ToString();
}

TEST_F(CollectionTest, ReplacingAReviewLeavesNoOrphanRows) {
  const Review& a = Get("cspr-baby-s-unseen-father-2024");
  const Review& b = Get("dhr-adult-a-2019");
  // A first version of A with a paragraph holding a word no review contains, and one more
  // recommendation.
  Review old = a;
  AddParagraph(&old, "A marker word zzqxjmarker here.");
  old.recommendations.push_back({"Recommendations", "99", "Stale", 1, 1, "", "", "", -1});
  ASSERT_TRUE(Write(old, "2024-01-01T00:00:00Z").ok());
  ASSERT_TRUE(Write(b).ok());
  ASSERT_EQ(FtsHits("zzqxjmarker"), 1);
  ASSERT_TRUE(Write(a, "2024-02-02T00:00:00Z").ok());

  EXPECT_EQ(Count(coll_->db(), "SELECT count(*) FROM reviews"), 2);
  EXPECT_EQ(Orphans(), 0);
  EXPECT_EQ(FtsHits("zzqxjmarker"), 0);
  EXPECT_TRUE(FtsIntegrity().ok()) << FtsIntegrity().ToString();
  Expected ea = ExpectedRows(a), eb = ExpectedRows(b);
  EXPECT_EQ(Count(coll_->db(), "SELECT count(*) FROM paragraphs"), ea.paragraphs + eb.paragraphs);
  EXPECT_EQ(Count(coll_->db(), "SELECT count(*) FROM evidence"), ea.evidence + eb.evidence);
  EXPECT_EQ(Count(coll_->db(), "SELECT count(*) FROM recommendations"),
            ea.recommendations + eb.recommendations);
  EXPECT_EQ(Rows("recommendations", b.source.file), eb.recommendations);
  EXPECT_EQ(Count(coll_->db(),
                  "SELECT count(*) FROM reviews WHERE analysed_at = "
                  "'2024-02-02T00:00:00Z'"),
            1);
}

TEST_F(CollectionTest, AFailedWriteChangesNothing) {
  const Review& a = Get("cspr-baby-s-unseen-father-2024");
  ASSERT_TRUE(Write(a).ok());
  ASSERT_TRUE(coll_->RecordFailure(a.source.file, "", "timeout", "late", "t").ok());
  // Make the write fail half-way, after the old rows are deleted and many new ones inserted.
  ASSERT_TRUE(coll_->db()
                  ->Exec("CREATE TEMP TRIGGER fail BEFORE INSERT ON main.recommendations BEGIN "
                         "SELECT RAISE(ABORT, 'disk on fire'); END;")
                  .ok());
  Status s = Write(a, "2024-03-03T00:00:00Z");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.ToString(), db_path() + ": SQL error: disk on fire");
  ASSERT_TRUE(coll_->db()->Exec("DROP TRIGGER fail;").ok());
  Expected e = ExpectedRows(a);
  EXPECT_EQ(Count(coll_->db(), "SELECT count(*) FROM paragraphs"), e.paragraphs);
  EXPECT_EQ(Count(coll_->db(), "SELECT count(*) FROM evidence"), e.evidence);
  EXPECT_EQ(Count(coll_->db(), "SELECT count(*) FROM recommendations"), e.recommendations);
  EXPECT_EQ(Count(coll_->db(),
                  "SELECT count(*) FROM reviews WHERE analysed_at = "
                  "'2024-01-01T00:00:00Z'"),
            1);
  EXPECT_EQ(Count(coll_->db(), "SELECT count(*) FROM failures"), 1);
  EXPECT_TRUE(FtsIntegrity().ok());
  // The collection is usable again afterwards.
  EXPECT_TRUE(Write(a, "2024-04-04T00:00:00Z").ok());
  EXPECT_EQ(Count(coll_->db(), "SELECT count(*) FROM failures"), 0);
}

TEST_F(CollectionTest, CurrentMeansSamePdfVersionAndPatternSet) {
  const Review& a = Get("cspr-baby-s-unseen-father-2024");
  const std::string& sha = a.source.sha256;
  EXPECT_FALSE(coll_->IsCurrent(a.source.file, sha, "0.1.0", "hash1"));  // not stored yet
  ASSERT_TRUE(Write(a).ok());
  struct Case {
    const char* what;
    std::string file, sha256, version, patterns;
    bool current;
  };
  for (const Case& c : std::vector<Case>{
           {"unchanged", a.source.file, sha, "0.1.0", "hash1", true},
           {"changed PDF", a.source.file, std::string(64, '0'), "0.1.0", "hash1", false},
           {"changed pattern set", a.source.file, sha, "0.1.0", "hash2", false},
           {"changed scrx version", a.source.file, sha, "0.2.0", "hash1", false},
           {"another file, same bytes", "elsewhere/copy.pdf", sha, "0.1.0", "hash1", false},
       }) {
    EXPECT_EQ(coll_->IsCurrent(c.file, c.sha256, c.version, c.patterns), c.current) << c.what;
  }
  Collection::Stored stored;
  ASSERT_TRUE(coll_->IsCurrent(a.source.file, sha, "0.1.0", "hash1", &stored));
  EXPECT_EQ(stored.json, "cspr-baby-s-unseen-father-2024.json");
  EXPECT_EQ(stored.analysed_at, "2024-01-01T00:00:00Z");
  EXPECT_EQ(stored.pages, a.source.pdf.pages);
  std::vector<std::string> present;
  for (const ThemeResult& t : a.themes) {
    if (t.present) present.push_back(t.id);
  }
  EXPECT_EQ(stored.themes_present, present);
}

TEST_F(CollectionTest, FailureRecordsKeepStoredRowsAndClearOnSuccess) {
  const Review& a = Get("cspr-baby-s-unseen-father-2024");
  const Review& b = Get("dhr-adult-a-2019");
  ASSERT_TRUE(Write(a).ok());
  // A later run fails on A: its stored review stays, the failure is recorded (latest wins).
  ASSERT_TRUE(coll_->RecordFailure(a.source.file, a.source.sha256, "timeout", "first", "t1").ok());
  ASSERT_TRUE(coll_->RecordFailure(a.source.file, a.source.sha256, "crash", "second", "t2").ok());
  ASSERT_TRUE(coll_->RecordFailure(b.source.file, "", "io_error", "unreadable", "t3").ok());
  EXPECT_EQ(Count(coll_->db(), "SELECT count(*) FROM failures"), 2);
  EXPECT_EQ(Count(coll_->db(),
                  "SELECT count(*) FROM failures WHERE code = 'crash' AND message = "
                  "'second' AND at = 't2'"),
            1);
  EXPECT_EQ(Count(coll_->db(), "SELECT count(*) FROM failures WHERE sha256 IS NULL"), 1);
  EXPECT_EQ(Rows("paragraphs", a.source.file), ExpectedRows(a).paragraphs);
  // B succeeds later: its failure record goes; A's stays.
  ASSERT_TRUE(Write(b).ok());
  EXPECT_EQ(Count(coll_->db(), "SELECT count(*) FROM failures"), 1);
  EXPECT_EQ(
      Count(coll_->db(), "SELECT count(*) FROM failures WHERE file = '" + a.source.file + "'"), 1);
}

TEST_F(CollectionTest, OpenRefusesWhatIsNotACollection) {
  std::string other = (dir_ / "other.sqlite").string();
  {
    Status s;
    auto db = Database::Open(other, Database::Mode::kReadWrite, &s);
    ASSERT_TRUE(db) << s.ToString();
    ASSERT_TRUE(db->Exec("CREATE TABLE t(x);").ok());
  }
  std::string newer = (dir_ / "newer.sqlite").string();
  {
    Status s;
    auto db = Database::Open(newer, Database::Mode::kReadWrite, &s);
    ASSERT_TRUE(db) << s.ToString();
    ASSERT_TRUE(db->Exec("PRAGMA user_version = 7;").ok());
  }
  std::string text = (dir_ / "notes.sqlite").string();
  std::ofstream(text) << "these are not the droids you are looking for, nor a database\n";

  struct Case {
    std::string path;
    Database::Mode mode;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {other, Database::Mode::kReadWrite,
            other + ": not a scrx collection database (it holds other tables; use another folder)"},
           {newer, Database::Mode::kReadOnly,
            newer + ": collection schema version 7 is newer than this scrx reads (" +
                std::to_string(kCollectionSchemaVersion) + ")"},
           {text, Database::Mode::kReadWrite, text + ": SQL error: file is not a database"},
           {(dir_ / "missing.sqlite").string(), Database::Mode::kReadOnly,
            (dir_ / "missing.sqlite").string() + ": no such collection database"},
       }) {
    Status s;
    EXPECT_EQ(Collection::Open(c.path, c.mode, &s), nullptr) << c.path;
    // Prefix: the adapter may add SQLite's own words after ours.
    EXPECT_EQ(s.ToString().substr(0, c.message.size()), c.message);
  }
  // The collection itself opens read-only.
  Status s;
  EXPECT_NE(Collection::Open(db_path(), Database::Mode::kReadOnly, &s), nullptr) << s.ToString();
}

TEST_F(CollectionTest, DbArgumentIsTheFileOrTheFolderHoldingIt) {
  fs::create_directories(dir_ / "empty");
  std::string d = dir_.string();
  struct Case {
    std::string arg;
    bool ok;
    std::string result;  // the path, or the error
  };
  for (const Case& c : std::vector<Case>{
           {d, true, d + "/scrx.sqlite"},
           {d + "/scrx.sqlite", true, d + "/scrx.sqlite"},
           {d + "/empty", false,
            d +
                "/empty: no collection database in this folder (scrx.sqlite is missing; 'scrx "
                "analyze ... -o " +
                d + "/empty' creates it)"},
           {d + "/nowhere", false, d + "/nowhere: no such file or folder"},
           {"", false, "--db: no collection given"},
       }) {
    std::string path;
    Status s = ResolveDb(c.arg, &path);
    EXPECT_EQ(s.ok(), c.ok) << c.arg;
    EXPECT_EQ(s.ok() ? path : s.ToString(), c.result) << c.arg;
  }
}

TEST(CollectionYear, FromIsoDates) {
  struct Case {
    const char* date;
    int year;
  };
  for (const Case& c : std::vector<Case>{{"2019-03-04", 2019},
                                         {"2019-03", 2019},
                                         {"2019", 2019},
                                         {"", 0},
                                         {"March 2019", 0},
                                         {"20190", 0},
                                         {"19-03", 0}}) {
    EXPECT_EQ(YearOf(c.date), c.year) << c.date;
  }
}

}  // namespace
}  // namespace scrx::store
