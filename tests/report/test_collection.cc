#include "report/test_collection.h"

#include <memory>

#include "store/collection.h"

namespace scrx::report::testing {

Status MakeCollection(const std::string& db_path, const std::vector<Review>& reviews) {
  Status s;
  std::unique_ptr<store::Collection> c =
      store::Collection::Open(db_path, store::Database::Mode::kReadWrite, &s);
  if (!c) return s;
  for (const Review& r : reviews) {
    s = c->WriteReview(r, r.source.file + ".json", "test", "patterns-hash", "2024-01-01T00:00:00Z");
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

ThemeResult PresentTheme(const std::string& id, const std::string& label, ThemeGroup group,
                         int counted, const std::string& sentence, int page) {
  ThemeResult t = AbsentTheme(id, label, group);
  t.present = true;
  t.mentions = t.counted_mentions = counted;
  t.score = counted;
  for (int i = 0; i < counted; ++i) {
    Evidence e;
    e.theme = id;
    e.page = page;
    e.section_index = 0;
    e.section_title = "Findings";
    e.section_kind = SectionKind::kFindings;
    e.paragraph_id = "4." + std::to_string(i + 1);
    e.sentence = sentence;
    e.span_begin = 0;
    e.span_end = static_cast<int>(sentence.find(' ') == std::string::npos ? sentence.size()
                                                                          : sentence.find(' '));
    e.matched = sentence.substr(0, static_cast<size_t>(e.span_end));
    e.pattern = "patterns/" + id + ".yaml:1";
    e.counted = true;
    t.evidence.push_back(e);
  }
  return t;
}

ThemeResult AbsentTheme(const std::string& id, const std::string& label, ThemeGroup group) {
  ThemeResult t;
  t.id = id;
  t.label = label;
  t.group = group;
  return t;
}

}  // namespace scrx::report::testing
