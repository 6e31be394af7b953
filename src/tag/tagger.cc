#include "tag/tagger.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "segment/section_kind.h"
#include "tag/cues.h"
#include "tag/regex_search.h"
#include "tag/sentences.h"

namespace scrx::tag {
namespace {

struct Match {
  int theme;
  int begin, end;  // bytes in the sentence
  double weight;
  const std::string* where;
};

// Every non-empty match of `re` in `s` from byte `from` on.
void FindRegex(const Regex& re, std::string_view s, std::vector<std::pair<int, int>>* out,
               size_t from = 0) {
  const auto first = static_cast<std::ptrdiff_t>(out->size());
  FindAllIn(re, s, from, out);
  out->erase(std::remove_if(out->begin() + first, out->end(),
                            [](const std::pair<int, int>& m) { return m.first == m.second; }),
             out->end());
}

// All matches of theme rules in one sentence, exclusions applied, overlaps of one theme merged
// (the heaviest kept).
// `candidates` are the sentence's.
std::vector<Match> MatchSentence(const PatternSet& set, std::string_view s,
                                 std::vector<PatternSet::RuleRef>* refs,
                                 const PatternSet::Candidates* candidates) {
  set.MatchRules(s, *candidates, refs);
  // A regex the set rules out for this sentence cannot match in it: not searched.
  auto find = [&](const Regex& re, std::vector<std::pair<int, int>>* out) {
    if (candidates->May(re)) FindRegex(re, s, out);
  };
  std::vector<Match> out;
  int last_theme = -1;
  std::vector<std::pair<int, int>> excluded;
  for (const PatternSet::RuleRef& ref : *refs) {
    const Theme& theme = set.themes()[static_cast<size_t>(ref.theme)];
    const MatchRule& rule = theme.rules[static_cast<size_t>(ref.rule)];
    if (ref.theme != last_theme) {
      last_theme = ref.theme;
      excluded.clear();
      for (const Regex& ex : theme.excludes) find(ex, &excluded);
    }
    std::vector<std::pair<int, int>> spans;
    if (rule.kind == MatchRule::Kind::kRegex) {
      // The first match is the one MatchRules found; the search goes on after it.
      if (ref.end > ref.begin) spans.emplace_back(ref.begin, ref.end);
      if (ref.begin >= 0) {
        FindRegex(
            rule.regex, s, &spans,
            ref.end > ref.begin ? static_cast<size_t>(ref.end) : static_cast<size_t>(ref.end) + 1);
      }
    } else {
      std::vector<std::pair<int, int>> as, bs;
      for (const Regex& a : rule.near_a) find(a, &as);
      for (const Regex& b : rule.near_b) find(b, &bs);
      for (const auto& a : as) {
        for (const auto& b : bs) {
          if (a.first < b.second && b.first < a.second) continue;  // the same words
          int gap_from = std::min(a.second, b.second), gap_to = std::max(a.first, b.first);
          int between = gap_to > gap_from
                            ? CountWords(s.substr(static_cast<size_t>(gap_from),
                                                  static_cast<size_t>(gap_to - gap_from)))
                            : 0;
          if (between <= rule.within) {
            // The evidence span is the theme word (a); the partner is context.
            spans.emplace_back(std::min(a.first, b.first), std::max(a.second, b.second));
          }
        }
      }
    }
    for (const auto& [b, e] : spans) {
      bool hit_exclusion = false;
      for (const auto& [xb, xe] : excluded) hit_exclusion |= xb < e && b < xe;
      if (!hit_exclusion) out.push_back({ref.theme, b, e, rule.weight, &rule.where});
    }
  }
  // Merge overlapping matches of one theme: keep the heaviest (then the longest).
  std::sort(out.begin(), out.end(), [](const Match& a, const Match& b) {
    return a.theme != b.theme ? a.theme < b.theme : a.begin < b.begin;
  });
  std::vector<Match> merged;
  int cluster_end = -1;
  for (const Match& m : out) {
    if (!merged.empty() && merged.back().theme == m.theme && m.begin < cluster_end) {
      Match& k = merged.back();
      if (m.weight > k.weight || (m.weight == k.weight && m.end - m.begin > k.end - k.begin)) k = m;
      cluster_end = std::max(cluster_end, m.end);
      continue;
    }
    merged.push_back(m);
    cluster_end = m.end;
  }
  return merged;
}

constexpr size_t kMaxQuote = 600;

// The quote: the sentence, or a window of it around the match when it is very long.
std::string Quote(std::string_view s, int* begin, int* end) {
  if (s.size() <= kMaxQuote) return std::string(s);
  int from = std::max(0, *begin - 250);
  int to = std::min(static_cast<int>(s.size()), *end + 250);
  while (from > 0 && s[static_cast<size_t>(from)] != ' ') --from;
  while (to < static_cast<int>(s.size()) && s[static_cast<size_t>(to)] != ' ') ++to;
  std::string q;
  if (from > 0) q = "... ";
  int shift = from - static_cast<int>(q.size());
  q.append(s.substr(static_cast<size_t>(from), static_cast<size_t>(to - from)));
  if (to < static_cast<int>(s.size())) q += " ...";
  *begin -= shift;
  *end -= shift;
  return q;
}

bool IsFactual(ThemeGroup g) { return g == ThemeGroup::kFactor || g == ThemeGroup::kIncident; }

// Rank for "strongest first": counted, then weight, then unhedged, then findings-like zones.
int ZoneRank(SectionKind k) {
  switch (k) {
    case SectionKind::kFindings:
    case SectionKind::kConclusion:
    case SectionKind::kExecutiveSummary:
      return 0;
    case SectionKind::kAnalysis:
    case SectionKind::kGoodPractice:
      return 1;
    case SectionKind::kChronology:
    case SectionKind::kBackground:
    case SectionKind::kIntroduction:
      return 2;
    default:
      return 3;
  }
}

// Whether `sentence` names a child (a word of the child_words cue list).
bool NamesChild(std::string_view sentence, const Cues& cues,
                const PatternSet::Candidates& candidates) {
  for (const Regex& r : cues.child_words) {
    if (candidates.May(r) && FoundIn(r, sentence)) return true;
  }
  return false;
}

}  // namespace

std::string_view ThemeGroupName(ThemeGroup group) {
  switch (group) {
    case ThemeGroup::kFactor:
      return "factor";
    case ThemeGroup::kIncident:
      return "incident";
    case ThemeGroup::kPractice:
      return "practice";
    case ThemeGroup::kSystem:
      return "system";
  }
  return "factor";
}

std::string ZoneReason(SectionKind kind, ThemeGroup group) {
  switch (kind) {
    case SectionKind::kCover:
    case SectionKind::kContents:
    case SectionKind::kReferences:
    case SectionKind::kGlossary:
    case SectionKind::kAppendix:
    case SectionKind::kTermsOfReference:
    case SectionKind::kMethodology:
      return "zone:" + std::string(SectionKindName(kind));
    case SectionKind::kRecommendations:
    case SectionKind::kActionPlan:
      return IsFactual(group) ? "learning_point" : "";
    default:
      return "";
  }
}

std::vector<ThemeResult> Tagger::Tag(const std::vector<Section>& sections, int* body_words,
                                     const TagContext& context) const {
  const auto& themes = patterns_->themes();
  std::vector<ThemeResult> results(themes.size());
  for (size_t t = 0; t < themes.size(); ++t) {
    results[t].id = themes[t].id;
    results[t].label = themes[t].label;
    results[t].group = themes[t].group;
    results[t].threshold = themes[t].threshold;
  }
  int words = 0;
  std::vector<PatternSet::RuleRef> refs;
  PatternSet::Candidates candidates;
  for (size_t si = 0; si < sections.size(); ++si) {
    const Section& sec = sections[si];
    bool body = sec.kind != SectionKind::kCover && sec.kind != SectionKind::kContents &&
                sec.kind != SectionKind::kReferences && sec.kind != SectionKind::kGlossary;
    for (const Paragraph& para : sec.paragraphs) {
      if (body) words += CountWords(para.text);
      // The literals of the paragraph are found in one pass, each sentence's candidates from
      // those inside it.
      patterns_->Scan(para.text, &candidates);
      for (const auto& [sb, se] : SplitSentences(para.text)) {
        std::string_view s = std::string_view(para.text).substr(static_cast<size_t>(sb),
                                                                static_cast<size_t>(se - sb));
        patterns_->Narrow(sb, se, &candidates);
        std::vector<Match> matches = MatchSentence(*patterns_, s, &refs, &candidates);
        if (matches.empty()) continue;
        SentenceCues cues(s, patterns_->cues(), &candidates);
        int names_child = -1;  // computed on first need
        for (const Match& m : matches) {
          const Theme& theme = themes[static_cast<size_t>(m.theme)];
          Evidence ev;
          ev.theme = theme.id;
          ev.page = para.page;
          ev.section_index = static_cast<int>(si);
          ev.section_number = sec.number;
          ev.section_title = sec.title;
          ev.section_kind = sec.kind;
          ev.paragraph_id = para.id;
          int b = m.begin, e = m.end;
          ev.matched = std::string(s.substr(static_cast<size_t>(b), static_cast<size_t>(e - b)));
          CueResult cr = cues.For(b, e);
          ev.sentence = Quote(s, &b, &e);
          ev.span_begin = b;
          ev.span_end = e;
          ev.pattern = *m.where;
          ev.weight = m.weight;
          ev.negated = cr.negated;
          ev.negation_cue = cr.negation_cue;
          ev.hedged = cr.hedged;
          ev.hedge_cue = cr.hedge_cue;
          ev.counterfactual = cr.counterfactual;
          ev.counterfactual_cue = cr.counterfactual_cue;
          std::string reason = ZoneReason(sec.kind, theme.group);
          if (reason.empty() && cues.boilerplate()) reason = "boilerplate";
          if (reason.empty() && ev.negated && IsFactual(theme.group)) reason = "negated";
          if (reason.empty() && theme.about_child && context.adult_review) {
            if (names_child < 0) names_child = NamesChild(s, patterns_->cues(), candidates) ? 1 : 0;
            if (names_child == 0) reason = "adult_review:no_child_named";
          }
          ev.counted = reason.empty();
          ev.not_counted = reason;
          ThemeResult& r = results[static_cast<size_t>(m.theme)];
          ++r.mentions;
          if (ev.negated) ++r.negated_mentions;
          if (ev.counted) {
            ++r.counted_mentions;
            r.score += ev.hedged ? 0.5 * ev.weight : ev.weight;
            if (std::find(r.sections.begin(), r.sections.end(), sec.title) == r.sections.end()) {
              r.sections.push_back(sec.title);
            }
          }
          r.evidence.push_back(std::move(ev));
        }
      }
    }
  }
  *body_words = words;
  for (size_t t = 0; t < themes.size(); ++t) {
    ThemeResult& r = results[t];
    r.score = std::round(r.score * 1000) / 1000;
    r.present = r.score + 1e-9 >= r.threshold;
    r.per_10k_words = words > 0 ? std::round(1e6 * r.counted_mentions / words) / 100 : 0;
    std::stable_sort(r.evidence.begin(), r.evidence.end(),
                     [](const Evidence& a, const Evidence& b) {
                       if (a.counted != b.counted) return a.counted;
                       if (a.weight != b.weight) return a.weight > b.weight;
                       if (a.hedged != b.hedged) return !a.hedged;
                       return ZoneRank(a.section_kind) < ZoneRank(b.section_kind);
                     });
  }
  // Derived themes: present when every component is present.
  for (size_t t = 0; t < themes.size(); ++t) {
    const auto& all = themes[t].derive_all_of;
    if (all.empty() || results[t].present) continue;
    bool every = true;
    for (const std::string& id : all)
      every &= results[static_cast<size_t>(patterns_->Find(id))].present;
    if (every) {
      results[t].present = true;
      results[t].derived = true;
      std::string why = "all of ";
      for (size_t i = 0; i < all.size(); ++i) why += (i ? ", " : "") + all[i];
      results[t].derived_from = why + " are present";
    }
  }
  return results;
}

bool Tagger::SentencePresent(std::string_view sentence, int theme, std::string* why) const {
  Section sec;
  sec.kind = sec.title_kind = SectionKind::kAnalysis;
  Paragraph p;
  p.text = std::string(sentence);
  p.id = "p1";
  sec.paragraphs.push_back(std::move(p));
  int words = 0;
  std::vector<ThemeResult> r = Tag({sec}, &words);
  const ThemeResult& tr = r[static_cast<size_t>(theme)];
  if (why != nullptr) {
    why->clear();
    for (const Evidence& e : tr.evidence) {
      if (!why->empty()) *why += "; ";
      *why += "'" + e.matched + "' (" + e.pattern +
              (e.counted ? "" : ", not counted: " + e.not_counted) +
              (e.negated ? ", negated by '" + e.negation_cue + "'" : "") + ")";
    }
  }
  return tr.score + 1e-9 >= tr.threshold;
}

}  // namespace scrx::tag
