// Importers: dictionaries that researchers already use -> an scrx theme pack (a folder of theme
// YAML files for `--patterns DIR`, format in patterns/README.md). Every category of the
// dictionary becomes one theme file "<id>.yaml" whose match entries are the category's terms.
//
// Formats:
//  - quanteda YAML dictionaries: top-level keys are categories; a value is a list of terms (or a
//    single term), or a mapping of subcategories, nested to any depth. A list may mix terms and
//    mappings of subcategories. Every category with terms of its own becomes a theme; nested
//    keys are flattened (id "parent_child", label "parent.child", as quanteda's
//    flatten_dictionary names them). Terms are globs: '*' is any run of word characters
//    (possibly none; a '*' that is a whole word of a phrase is one word), '?' is one word
//    character.
//  - LIWC .dic files: a header between the first two '%' lines maps category numbers to names
//    ("1<TAB>family"), then every line is "term<TAB>cat<TAB>cat..."; a category is written as a
//    number or, in some LIWC 2015 files, as its name. A trailing '*' makes the term a prefix; any
//    other '*' or '?' is literal. Tolerated: CRLF, blank lines, spaces instead of tabs (the
//    trailing category tokens are then split off the term), a UTF-8 BOM, Windows-1252 text
//    (converted, with a warning), phrases ("child protection<TAB>3"), LIWC2007 conditional
//    entries ("<of>131/20", "(02 134)131/125") which are skipped with a warning. A header
//    category without terms is skipped with a warning.
//
// Matching: terms match case-insensitively on word boundaries, a space matches any run of
// spaces or a hyphen, an apostrophe is optional: the rules of `term:` entries. Terms are
// normalised like document text (curly quotes, dashes, ligatures). A term those rules express
// (plain words, a trailing '*') is written as a `terms:` entry; any other term (quanteda '?' or
// inner '*', a whole-word '*') is written as an RE2 `regex:` with its metacharacters escaped
// and the dictionary term in a comment. Wildcards and word boundaries are ASCII (RE2 `\w`, `\b`),
// like the `*` of `term:` entries: a wildcard does not stand for an accented letter.
//
// Imported themes have group "factor" unless ImportOptions::group says otherwise: the loader
// accepts only factor, incident, practice or system, and factor is the default group (the
// enum's default, and the reading of an unknown group in review JSON); it treats a negated
// mention ("no evidence of X") as ruling X out and a mention in recommendations as a learning
// point, which is the plain reading of "the review discusses X". They have threshold 1.0 (one
// counted mention makes the theme present), no taxonomy, and no examples (the loader does not
// require them; `scrx patterns test` runs none for these themes).
#ifndef SCRX_TAG_IMPORT_H_
#define SCRX_TAG_IMPORT_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace scrx::tag {

// One theme file of an imported pack: (file name "family.yaml", YAML text). A list of them can
// be given to PatternSet::FromStrings as is.
using ThemeFile = std::pair<std::string, std::string>;

struct ImportOptions {
  // Group of every imported theme: factor, incident, practice or system.
  std::string group = "factor";
  // Prepended to every theme id and file name ("liwc_" gives liwc_family.yaml), to keep imported
  // themes apart from shipped themes of the same id (which they would replace under
  // --patterns). Normalised like ids.
  std::string id_prefix;
};

// Converts a quanteda YAML dictionary (`text`, read from `source`, which errors and definitions
// name) into theme files, one per category, in dictionary order. Errors name "source:line": YAML
// syntax, not a mapping, an empty category, a term that is not text, two categories with the
// same id. Warnings (skipped terms) are appended to *warnings when it is not null.
Status QuantedaToThemes(const std::string& source, std::string_view text,
                        std::vector<ThemeFile>* out, std::vector<std::string>* warnings = nullptr,
                        const ImportOptions& options = {});

// Converts a LIWC .dic dictionary into theme files, one per header category that has terms, in
// header order. Errors name "source:line": malformed header (no opening or closing '%', a line
// that is not "<number> <name>", a number defined twice), an unknown category number or name, a
// term without category, two categories with the same id.
Status LiwcToThemes(const std::string& source, std::string_view text, std::vector<ThemeFile>* out,
                    std::vector<std::string>* warnings = nullptr,
                    const ImportOptions& options = {});

// Writes `files` into `out_dir` (created when missing), each atomically. Unless `overwrite`,
// refuses, before writing anything, when any of the files already exists. Appends the paths
// written to *written when it is not null.
Status WriteThemeFiles(const std::vector<ThemeFile>& files, const std::string& out_dir,
                       bool overwrite, std::vector<std::string>* written);

// Reads the dictionary at `path`, converts it (`format` "quanteda" or "liwc"; "" picks by
// extension: .yml/.yaml quanteda, .dic liwc, otherwise a file whose first line is '%' is LIWC),
// checks that the pack loads (PatternSet::FromStrings), and writes it with WriteThemeFiles.
// Warnings (skipped entries, ids that shadow shipped themes, other *.yaml files already in
// `out_dir`, which --patterns would load too) go to *warnings when it is not null.
Status ImportDictionary(const std::string& path, std::string format, const std::string& out_dir,
                        bool overwrite, std::vector<std::string>* written,
                        std::vector<std::string>* warnings = nullptr,
                        const ImportOptions& options = {});

// The regex of a dictionary term (exposed for tests): with `globs` (quanteda) '*' and '?' are
// wildcards anywhere; without (LIWC) only a trailing '*' is. Equals TermToRegex(term) for the
// terms that TermToRegex can express. `term` must be normalised (single spaces, trimmed).
std::string DictionaryTermToRegex(std::string_view term, bool globs);

// A theme id from a category name: ASCII lowercase, every run of characters outside [a-z0-9]
// becomes one '_', no '_' at either end. "" when nothing is left.
std::string ThemeIdFromName(std::string_view name);

}  // namespace scrx::tag

#endif  // SCRX_TAG_IMPORT_H_
