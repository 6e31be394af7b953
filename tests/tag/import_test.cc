// tag import: quanteda YAML and LIWC .dic dictionaries -> theme files that PatternSet loads and
// the tagger runs. Wildcards, word boundaries, case, phrases; errors name "file:line".
#include "tag/import.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/files.h"
#include "tag/pattern_set.h"
#include "tag/tagger.h"

namespace scrx::tag {
namespace {

namespace fs = std::filesystem;

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// Loads converted files and answers "does `sentence` make theme `id` present?".
class Pack {
 public:
  explicit Pack(const std::vector<ThemeFile>& files) {
    Status status;
    set_ = PatternSet::FromStrings(files, &status);
    EXPECT_TRUE(status.ok()) << status.ToString();
    if (set_) tagger_ = std::make_unique<Tagger>(set_.get());
  }
  bool ok() const { return set_ != nullptr; }
  const PatternSet& set() const { return *set_; }
  const Theme& theme(const std::string& id) const {
    int i = set_->Find(id);
    EXPECT_GE(i, 0) << id;
    return set_->themes()[static_cast<size_t>(i < 0 ? 0 : i)];
  }
  bool Present(const std::string& id, const std::string& sentence) const {
    int i = set_->Find(id);
    EXPECT_GE(i, 0) << "no theme " << id;
    if (i < 0) return false;
    return tagger_->SentencePresent(sentence, i);
  }

 private:
  std::unique_ptr<PatternSet> set_;
  std::unique_ptr<Tagger> tagger_;
};

// A fresh temporary folder, removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = (fs::temp_directory_path() / ("scrx_import_" + std::to_string(::getpid()) + "_" +
                                          info->test_suite_name() + "_" + info->name()))
                .string();
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string operator/(const std::string& name) const { return (fs::path(path_) / name).string(); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

const char kQuanteda[] =
    "# a small quanteda dictionary\n"  // 1
    "family:\n"                        // 2
    "  - father*\n"                    // 3
    "  - Mother\n"                     // 4
    "agencies:\n"                      // 5
    "  police:\n"                      // 6
    "    - police officer*\n"          // 7
    "    - PCSO\n"                     // 8
    "  health:\n"                      // 9
    "    - health visitor\n"           // 10
    "    - midwi*\n"                   // 11
    "plans:\n"                         // 12
    "  - child protection plan\n"      // 13
    "  - '*abuse'\n"                   // 14
    "  - m?m\n"                        // 15
    "  - neglect*ful\n"                // 16
    "  - x.y?\n";                      // 17

const char kLiwc[] =
    "\xEF\xBB\xBF%\r\n"         // 1: BOM, CRLF
    "1\tfamily\r\n"             // 2
    "2\tagency\r\n"             // 3
    "3 harm\r\n"                // 4: spaces instead of a tab
    "%\r\n"                     // 5
    "\r\n"                      // 6
    "father*\t1\r\n"            // 7
    "carer\t1\t2\r\n"           // 8: two categories
    "social worker\t2\r\n"      // 9: a phrase
    "police   2\r\n"            // 10: spaces instead of a tab
    "hit\tharm\r\n"             // 11: a category by name
    "child protection 2 3\r\n"  // 12: a phrase without tabs
    ":)\t1\r\n"                 // 13: punctuation only
    "don't\t1\r\n"              // 14
    "f*ck\t3\r\n";              // 15: an inner '*' is literal in LIWC

TEST(Import, QuantedaNestedCategoriesBecomeThemes) {
  std::vector<ThemeFile> files;
  std::vector<std::string> warnings;
  Status s = QuantedaToThemes("dicts/safeguarding.yml", kQuanteda, &files, &warnings);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(warnings.empty());
  ASSERT_EQ(files.size(), 4u);
  EXPECT_EQ(files[0].first, "family.yaml");
  EXPECT_EQ(files[1].first, "agencies_police.yaml");
  EXPECT_EQ(files[2].first, "agencies_health.yaml");
  EXPECT_EQ(files[3].first, "plans.yaml");
  Pack pack(files);
  ASSERT_TRUE(pack.ok());
  const Theme& police = pack.theme("agencies_police");
  EXPECT_EQ(police.label, "agencies.police");
  EXPECT_EQ(police.definition,
            "Imported from safeguarding.yml (quanteda) category agencies.police");
  EXPECT_EQ(police.group, ThemeGroup::kFactor);
  EXPECT_EQ(police.threshold, 1.0);
  EXPECT_TRUE(police.match_examples.empty());
  EXPECT_TRUE(police.no_match_examples.empty());
  EXPECT_EQ(police.rules.size(), 2u);
  EXPECT_EQ(pack.theme("plans").rules.size(), 5u);
}

TEST(Import, QuantedaWildcardsBoundariesCaseAndPhrases) {
  std::vector<ThemeFile> files;
  ASSERT_TRUE(QuantedaToThemes("safeguarding.yml", kQuanteda, &files).ok());
  Pack pack(files);
  ASSERT_TRUE(pack.ok());
  // father*: a word ending, but only from the start of a word.
  EXPECT_TRUE(pack.Present("family", "The fathers were seen at home."));
  EXPECT_TRUE(pack.Present("family", "Fatherhood came early to him."));
  EXPECT_FALSE(pack.Present("family", "His grandfather was seen at home."));
  EXPECT_FALSE(pack.Present("family", "The stepfather was seen at home."));
  // Case-insensitive, whole words.
  EXPECT_TRUE(pack.Present("family", "MOTHER attended the meeting."));
  EXPECT_TRUE(pack.Present("family", "mother attended the meeting."));
  EXPECT_FALSE(pack.Present("family", "The grandmothers attended the meeting."));
  // Phrases: flexible spaces and hyphens.
  EXPECT_TRUE(pack.Present("plans", "She was made subject to a Child  Protection plan."));
  EXPECT_TRUE(pack.Present("plans", "The child-protection plan ended in May."));
  EXPECT_FALSE(pack.Present("plans", "The child needed protection and a plan."));
  EXPECT_TRUE(pack.Present("agencies_police", "Two police officers attended."));
  EXPECT_TRUE(pack.Present("agencies_police", "A pcso visited the flat."));
  EXPECT_TRUE(pack.Present("agencies_health", "The midwives and the Health Visitor met."));
  // '*' at the start and inside, '?' one character.
  EXPECT_TRUE(pack.Present("plans", "There was substance abuse in the home."));
  EXPECT_TRUE(pack.Present("plans", "He spoke of childabuse."));
  EXPECT_FALSE(pack.Present("plans", "He was abused."));
  EXPECT_TRUE(pack.Present("plans", "The children stayed with their mum."));
  EXPECT_TRUE(pack.Present("plans", "The children stayed with their mom."));
  EXPECT_FALSE(pack.Present("plans", "The children stayed with their mummy."));
  EXPECT_TRUE(pack.Present("plans", "The care was neglectful."));
  EXPECT_FALSE(pack.Present("plans", "The care was neglectfulness itself."));  // glob is whole-word
  EXPECT_FALSE(pack.Present("plans", "The care was neglected."));
  // Regex metacharacters are literal: '.' is a dot.
  EXPECT_TRUE(pack.Present("plans", "Code x.yz was recorded."));
  EXPECT_FALSE(pack.Present("plans", "Code xayz was recorded."));
}

TEST(Import, QuantedaMixedListsAndSingleTerms) {
  const char yaml[] =
      "risk:\n"
      "  - risk\n"
      "  - danger:\n"
      "      - danger*\n"
      "  - harm:\n"
      "      serious: [serious harm]\n"
      "single: one term\n";
  std::vector<ThemeFile> files;
  Status s = QuantedaToThemes("mixed.yaml", yaml, &files);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(files.size(), 4u);
  EXPECT_EQ(files[0].first, "risk.yaml");
  EXPECT_EQ(files[1].first, "risk_danger.yaml");
  EXPECT_EQ(files[2].first, "risk_harm_serious.yaml");
  EXPECT_EQ(files[3].first, "single.yaml");
  Pack pack(files);
  ASSERT_TRUE(pack.ok());
  EXPECT_TRUE(pack.Present("risk", "The risk was high."));
  EXPECT_FALSE(pack.Present("risk", "It was dangerous."));  // subcategory terms stay there
  EXPECT_TRUE(pack.Present("risk_danger", "It was dangerous."));
  EXPECT_TRUE(pack.Present("single", "Just one  term here."));
}

TEST(Import, LiwcCategoriesPrefixesAndPhrases) {
  std::vector<ThemeFile> files;
  std::vector<std::string> warnings;
  Status s = LiwcToThemes("dicts/small.dic", kLiwc, &files, &warnings);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(warnings.empty()) << warnings[0];
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[0].first, "family.yaml");
  EXPECT_EQ(files[1].first, "agency.yaml");
  EXPECT_EQ(files[2].first, "harm.yaml");
  Pack pack(files);
  ASSERT_TRUE(pack.ok());
  EXPECT_EQ(pack.theme("family").definition, "Imported from small.dic (LIWC) category family");
  EXPECT_EQ(pack.theme("family").label, "family");
  EXPECT_EQ(pack.theme("family").rules.size(), 4u);
  EXPECT_EQ(pack.theme("agency").rules.size(), 4u);
  EXPECT_EQ(pack.theme("harm").rules.size(), 3u);
  // The rules point back at the theme file's lines.
  EXPECT_TRUE(Contains(pack.theme("family").rules[0].where, "family.yaml:"));

  EXPECT_TRUE(pack.Present("family", "The fathers were seen at home."));
  EXPECT_TRUE(pack.Present("family", "FATHER was seen at home."));
  EXPECT_FALSE(pack.Present("family", "His grandfather was seen at home."));
  // A term in two categories is in both themes.
  EXPECT_TRUE(pack.Present("family", "Her carer was present."));
  EXPECT_TRUE(pack.Present("agency", "Her carer was present."));
  EXPECT_FALSE(pack.Present("family", "The carers were present."));  // no '*': a whole word
  // Phrases.
  EXPECT_TRUE(pack.Present("agency", "The Social Worker visited."));
  EXPECT_TRUE(pack.Present("agency", "The social-worker visited."));
  EXPECT_FALSE(pack.Present("agency", "The social care worker visited."));
  EXPECT_TRUE(pack.Present("agency", "A police car came."));
  EXPECT_TRUE(pack.Present("agency", "Child protection procedures began."));
  EXPECT_TRUE(pack.Present("harm", "Child protection procedures began."));
  EXPECT_TRUE(pack.Present("harm", "He would hit her."));
  EXPECT_FALSE(pack.Present("harm", "He was hitting her."));
  // Punctuation, apostrophes and a literal inner '*'.
  EXPECT_TRUE(pack.Present("family", "She signed off with :) as usual."));
  EXPECT_TRUE(pack.Present("family", "I don't know."));
  EXPECT_TRUE(pack.Present("harm", "He wrote f*ck on the wall."));
  EXPECT_FALSE(pack.Present("harm", "He wrote fuck on the wall."));
}

TEST(Import, LiwcToleratesOddFiles) {
  // Windows-1252, a category without terms, LIWC2007 conditional entries, duplicates.
  const std::string dic =
      "\n%\n01\tHome Life\n2\tagency\n9\tunused\n%\n"
      "caf\xE9\t1\n"
      "kind\t<of>1/2\t2\n"
      "home\t1\n"
      "HOME\t1\n";
  std::vector<ThemeFile> files;
  std::vector<std::string> warnings;
  Status s = LiwcToThemes("old.dic", dic, &files, &warnings);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(warnings.size(), 3u);
  EXPECT_EQ(warnings[0], "old.dic:1: not UTF-8 text: read as Windows-1252");
  EXPECT_TRUE(Contains(warnings[1], "old.dic:8: LIWC2007 conditional")) << warnings[1];
  EXPECT_TRUE(Contains(warnings[2], "old.dic:5: category 9 'unused' has no terms")) << warnings[2];
  ASSERT_EQ(files.size(), 2u);
  EXPECT_EQ(files[0].first, "home_life.yaml");
  Pack pack(files);
  ASSERT_TRUE(pack.ok());
  EXPECT_EQ(pack.theme("home_life").label, "Home Life");
  EXPECT_EQ(pack.theme("home_life").rules.size(), 2u);  // café, home (once)
  EXPECT_TRUE(pack.Present("home_life", "They met at the caf\u00e9."));
  EXPECT_TRUE(pack.Present("agency", "What kind of help?"));
}

TEST(Import, OptionsSetGroupAndIdPrefix) {
  ImportOptions options;
  options.group = "practice";
  options.id_prefix = "LIWC-";
  std::vector<ThemeFile> files;
  Status s = LiwcToThemes("small.dic", kLiwc, &files, nullptr, options);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(files[0].first, "liwc_family.yaml");
  Pack pack(files);
  ASSERT_TRUE(pack.ok());
  EXPECT_EQ(pack.theme("liwc_family").group, ThemeGroup::kPractice);

  options.group = "context";
  s = LiwcToThemes("small.dic", kLiwc, &files, nullptr, options);
  EXPECT_EQ(s.ToString(), "group: 'context' is not a group: factor, incident, practice or system");
}

TEST(Import, TermRegexesEscapeAndMatchTheLoaderRules) {
  // Terms the loader's own rules express give exactly TermToRegex, so they are written as terms.
  for (const char* t : {"father*", "child protection plan", "don't", "self-harm", "c++", ":)",
                        "e.g.", "a|b", "f*ck"}) {
    EXPECT_EQ(DictionaryTermToRegex(t, false), TermToRegex(t)) << t;
  }
  EXPECT_EQ(DictionaryTermToRegex("father*", true), TermToRegex("father*"));
  EXPECT_EQ(DictionaryTermToRegex("m?m", true), "\\bm\\wm\\b");
  EXPECT_EQ(DictionaryTermToRegex("m?m", false), "\\bm\\?m\\b");
  EXPECT_EQ(DictionaryTermToRegex("*abuse", true), "\\w*abuse\\b");
  EXPECT_EQ(DictionaryTermToRegex("neglect*ful", true), "\\bneglect\\w*ful\\b");
  EXPECT_EQ(DictionaryTermToRegex("child *", true), "\\bchild[\\s\\-]+\\w+");
  EXPECT_EQ(DictionaryTermToRegex("(a)[b]{c}^$.+\\", false),
            "\\(a\\)\\[b\\]\\{c\\}\\^\\$\\.\\+\\\\");
  EXPECT_EQ(ThemeIdFromName("Child Protection (CP) plans"), "child_protection_cp_plans");
  EXPECT_EQ(ThemeIdFromName("__x__y__"), "x_y");
  EXPECT_EQ(ThemeIdFromName("\u5bb6\u5ead"), "");
}

TEST(Import, YamlQuotingSurvivesOddTerms) {
  const char dic[] =
      "%\n1\todd\n%\n"
      "*star\t1\n"  // a literal leading '*' (YAML alias syntax if unquoted)
      "#tag\t1\n"   // a YAML comment if unquoted
      "yes\t1\n"    // a YAML boolean if unquoted
      "a: b\t1\n"   // a YAML mapping if unquoted
      "it's - ok\t1\n"
      "[x]\t1\n"
      "won\u2019t\t1\n";  // a curly apostrophe, as text is normalised to '
  std::vector<ThemeFile> files;
  Status s = LiwcToThemes("odd.dic", dic, &files);
  ASSERT_TRUE(s.ok()) << s.ToString();
  Pack pack(files);
  ASSERT_TRUE(pack.ok());
  EXPECT_EQ(pack.theme("odd").rules.size(), 7u);
  EXPECT_TRUE(pack.Present("odd", "A *star was drawn."));
  EXPECT_TRUE(pack.Present("odd", "They used #tag online."));
  EXPECT_TRUE(pack.Present("odd", "She said yes."));
  EXPECT_TRUE(pack.Present("odd", "Note a: b here."));
  EXPECT_TRUE(pack.Present("odd", "Its ok."));
  EXPECT_TRUE(pack.Present("odd", "See [x] above."));
  EXPECT_TRUE(pack.Present("odd", "I won't go."));
  EXPECT_FALSE(pack.Present("odd", "A star was drawn."));
}

// The error of converting `text`, or "OK".
std::string LiwcError(const std::string& text) {
  std::vector<ThemeFile> files;
  return LiwcToThemes("bad.dic", text, &files).ToString();
}
std::string QuantedaError(const std::string& text) {
  std::vector<ThemeFile> files;
  return QuantedaToThemes("bad.yml", text, &files).ToString();
}

TEST(Import, LiwcErrorsNameFileAndLine) {
  EXPECT_EQ(LiwcError("%\n1\tfamily\n%\nfather*\t1\nmother\t7\n"),
            "bad.dic:5: unknown category number 7 (term 'mother'): the header does not define it");
  EXPECT_EQ(LiwcError("%\n1\tfamily\n%\nhit\tharm\n"),
            "bad.dic:4: unknown category 'harm' (term 'hit'): the header does not define it");
  EXPECT_EQ(LiwcError("%\n1\tfamily\nfather*\t1\n"),
            "bad.dic:1: malformed header: the '%' line is not followed by a closing '%' line");
  EXPECT_EQ(LiwcError("%\nfamily\n%\nfather\t1\n"),
            "bad.dic:2: malformed header line 'family': expected '<number><TAB><category name>' "
            "(or the closing '%')");
  EXPECT_EQ(LiwcError("1\tfamily\n%\n"),
            "bad.dic:1: malformed header: a LIWC dictionary starts with a line '%', not "
            "'1\tfamily'");
  EXPECT_EQ(LiwcError("%\n1\tfamily\n1\tfriends\n%\n"),
            "bad.dic:3: malformed header: category number 1 is defined twice (lines 2 and 3)");
  EXPECT_EQ(LiwcError("%\n%\n"), "bad.dic:1: malformed header: no categories");
  EXPECT_EQ(LiwcError("%\n1\tfamily\n%\nfather\n"),
            "bad.dic:4: no category after the term: 'father' is not a category number or name "
            "(expected 'term<TAB>category...')");
  EXPECT_EQ(LiwcError("%\n1\tfamily\n%\nfather\t\n"), "bad.dic:4: term 'father' has no category");
  EXPECT_EQ(LiwcError("%\n1\tFamily\n2\tfamily\n%\na\t1\nb\t2\n"),
            "bad.dic:3: categories 'Family' (line 2) and 'family' both become theme id 'family'");
  EXPECT_EQ(LiwcError("%\n1\tfamily\n%\n"), "bad.dic: no category with terms: nothing to import");
  EXPECT_EQ(LiwcError("\xFF\xFE%\0\n\0"), "bad.dic:1: UTF-16 text: save the dictionary as UTF-8");
}

TEST(Import, QuantedaErrorsNameFileAndLine) {
  EXPECT_EQ(QuantedaError("- father\n- mother\n"),
            "bad.yml:1: not a mapping: a quanteda dictionary maps category names to lists of "
            "terms");
  EXPECT_EQ(QuantedaError(""),
            "bad.yml:1: not a mapping: a quanteda dictionary maps category names to lists of "
            "terms");
  EXPECT_EQ(QuantedaError("family:\n  - father\nempty: []\n"), "bad.yml:3: empty category 'empty'");
  EXPECT_EQ(QuantedaError("family:\n  - father\nnothing:\n"),
            "bad.yml:3: empty category 'nothing': expected a list of terms or a mapping of "
            "subcategories");
  EXPECT_EQ(QuantedaError("a:\n  b: {}\n"), "bad.yml:2: empty category 'a.b'");
  EXPECT_EQ(QuantedaError("family:\n  - [father, mother]\n"),
            "bad.yml:2: a term of category 'family' must be text, not a list");
  EXPECT_EQ(QuantedaError("Family: [a]\nfamily: [b]\n"),
            "bad.yml:2: categories 'Family' (line 1) and 'family' both become theme id 'family'");
  EXPECT_EQ(QuantedaError("family:\n  - '*'\n"), "bad.yml:1: empty category 'family': no terms");
  std::string yaml_error = QuantedaError("family: [father\nplans:\n");
  EXPECT_TRUE(yaml_error.rfind("bad.yml:", 0) == 0 && Contains(yaml_error, "YAML error"))
      << yaml_error;
  EXPECT_EQ(QuantedaError("family:\n  - caf\xE9\n"),
            "bad.yml:2: not UTF-8 text: save the dictionary as UTF-8");
}

TEST(Import, ImportDictionaryWritesAPackThatLoads) {
  TempDir tmp;
  ASSERT_TRUE(WriteFileAtomic(tmp / "small.dic", kLiwc).ok());
  ASSERT_TRUE(WriteFileAtomic(tmp / "safeguarding.yaml", kQuanteda).ok());
  std::vector<std::string> written, warnings;
  Status s = ImportDictionary(tmp / "small.dic", "", tmp / "liwc", false, &written, &warnings);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(warnings.empty());
  ASSERT_EQ(written.size(), 3u);
  for (const std::string& p : written) EXPECT_TRUE(fs::is_regular_file(p)) << p;
  EXPECT_EQ(written[0], tmp / "liwc/family.yaml");

  Status load;
  auto set = PatternSet::Load({tmp / "liwc"}, &load);
  ASSERT_TRUE(set) << load.ToString();
  ASSERT_EQ(set->themes().size(), 3u);
  int family = set->Find("family");
  ASSERT_GE(family, 0);
  EXPECT_TRUE(Contains(set->themes()[static_cast<size_t>(family)].rules[0].where,
                       tmp / "liwc/family.yaml:"));
  Tagger tagger(set.get());
  EXPECT_TRUE(tagger.SentencePresent("The fathers were seen.", family));
  EXPECT_FALSE(tagger.SentencePresent("The grandfather was seen.", family));

  // With the shipped patterns, as `--patterns DIR` loads them.
  auto both = PatternSet::Load({DefaultPatternsDir(), tmp / "liwc"}, &load);
  ASSERT_TRUE(both) << load.ToString();
  EXPECT_GE(both->Find("family"), 0);
  EXPECT_GE(both->Find("neglect"), 0);

  // Existing files are kept unless overwriting is asked for.
  written.clear();
  s = ImportDictionary(tmp / "small.dic", "liwc", tmp / "liwc", false, &written);
  EXPECT_EQ(s.ToString(),
            (tmp / "liwc/family.yaml") + ": already exists; pass --force to overwrite");
  EXPECT_TRUE(written.empty());
  s = ImportDictionary(tmp / "small.dic", "liwc", tmp / "liwc", true, &written);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(written.size(), 3u);

  // quanteda by extension, into the same folder (family.yaml is replaced): a warning names the
  // other files.
  written.clear();
  warnings.clear();
  s = ImportDictionary(tmp / "safeguarding.yaml", "", tmp / "liwc", true, &written, &warnings);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(written.size(), 4u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], (tmp / "liwc") +
                             ": holds 2 other *.yaml file(s), which --patterns loads "
                             "with this pack");
  set = PatternSet::Load({tmp / "liwc"}, &load);
  ASSERT_TRUE(set) << load.ToString();
  EXPECT_EQ(set->themes().size(), 6u);  // family replaced by the quanteda one
}

TEST(Import, ImportDictionaryFormatsAndWarnings) {
  TempDir tmp;
  ASSERT_TRUE(WriteFileAtomic(tmp / "words.txt", std::string("%\n1\tfamily\n%\nmum\t1\n")).ok());
  ASSERT_TRUE(WriteFileAtomic(tmp / "other.txt", std::string("family: [mum]\n")).ok());
  ASSERT_TRUE(WriteFileAtomic(tmp / "shadow.yml", std::string("neglect: [neglect*]\n")).ok());
  std::vector<std::string> written, warnings;
  // A '%' first line makes a .txt file LIWC.
  Status s = ImportDictionary(tmp / "words.txt", "", tmp / "a", false, &written);
  EXPECT_TRUE(s.ok()) << s.ToString();
  s = ImportDictionary(tmp / "other.txt", "", tmp / "b", false, &written);
  EXPECT_EQ(s.ToString(), (tmp / "other.txt") +
                              ": cannot tell the dictionary format from the file name: give the "
                              "format (quanteda or liwc)");
  s = ImportDictionary(tmp / "other.txt", "QUANTEDA", tmp / "b", false, &written);
  EXPECT_TRUE(s.ok()) << s.ToString();
  s = ImportDictionary(tmp / "other.txt", "wordstat", tmp / "b", false, &written);
  EXPECT_EQ(s.ToString(), "format: unknown dictionary format 'wordstat': quanteda or liwc");
  s = ImportDictionary(tmp / "missing.dic", "", tmp / "c", false, &written);
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  // A syntax error names the file as given.
  ASSERT_TRUE(WriteFileAtomic(tmp / "bad.dic", std::string("%\n1\tfamily\n%\nmum\t2\n")).ok());
  s = ImportDictionary(tmp / "bad.dic", "", tmp / "c", false, &written);
  EXPECT_EQ(s.ToString(), (tmp / "bad.dic") +
                              ":4: unknown category number 2 (term 'mum'): the header does not "
                              "define it");
  EXPECT_FALSE(fs::exists(tmp / "c"));
  // An id of a shipped theme is written, with a warning.
  s = ImportDictionary(tmp / "shadow.yml", "", tmp / "d", false, &written, &warnings);
  EXPECT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_TRUE(Contains(warnings[0], "theme id 'neglect' is also a shipped theme")) << warnings[0];
  ImportOptions prefixed;
  prefixed.id_prefix = "dict";
  warnings.clear();
  s = ImportDictionary(tmp / "shadow.yml", "", tmp / "e", false, &written, &warnings, prefixed);
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_TRUE(warnings.empty());
  EXPECT_TRUE(fs::exists(tmp / "e/dict_neglect.yaml"));
}

}  // namespace
}  // namespace scrx::tag
