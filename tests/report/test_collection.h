// Collections for the report tests: Reviews built in memory and stored with
// store::Collection::WriteReview, exactly as `scrx analyze` stores them (docs/collection.md).
#ifndef SCRX_TESTS_REPORT_TEST_COLLECTION_H_
#define SCRX_TESTS_REPORT_TEST_COLLECTION_H_

#include <string>
#include <vector>

#include "base/status.h"
#include "document.h"

namespace scrx::report::testing {

// Creates (or adds to) the collection database at `db_path` and writes every review, one
// transaction each. The reviews need distinct source.file values.
Status MakeCollection(const std::string& db_path, const std::vector<Review>& reviews);

// A present theme with `counted` counted evidence items quoting `sentence` at `page`.
ThemeResult PresentTheme(const std::string& id, const std::string& label, ThemeGroup group,
                         int counted, const std::string& sentence, int page);

// An absent theme (no evidence).
ThemeResult AbsentTheme(const std::string& id, const std::string& label, ThemeGroup group);

}  // namespace scrx::report::testing

#endif  // SCRX_TESTS_REPORT_TEST_COLLECTION_H_
