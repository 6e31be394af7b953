#include "tag/cues.h"

#include "tag/regex_search.h"
#include "tag/sentences.h"

namespace scrx::tag {
namespace {

struct Found {
  int begin, end;
  int window;
};

std::vector<Found> FindAll(const std::vector<Regex>& regexes, std::string_view text,
                           const PatternSet::Candidates* candidates) {
  std::vector<Found> out;
  std::vector<std::pair<int, int>> spans;
  for (const Regex& r : regexes) {
    if (candidates != nullptr && !candidates->May(r)) continue;
    spans.clear();
    FindAllIn(r, text, 0, &spans);
    for (const auto& [b, e] : spans) out.push_back({b, e, r.window});
  }
  return out;
}

bool Overlaps(const Found& a, int b, int e) { return a.begin < e && b < a.end; }

}  // namespace

SentenceCues::SentenceCues(std::string_view sentence, const Cues& cues,
                           const PatternSet::Candidates* candidates)
    : sentence_(sentence), window_(cues.window) {
  std::vector<Found> pseudo = FindAll(cues.pseudo, sentence, candidates);
  auto keep = [&](const std::vector<Regex>& list, std::vector<Span>* out) {
    for (const Found& f : FindAll(list, sentence, candidates)) {
      bool masked = false;
      for (const Found& p : pseudo) masked |= Overlaps(p, f.begin, f.end);
      if (!masked) {
        out->push_back({f.begin, f.end,
                        std::string(sentence.substr(static_cast<size_t>(f.begin),
                                                    static_cast<size_t>(f.end - f.begin))),
                        f.window > 0 ? f.window : window_});
      }
    }
  };
  keep(cues.negation_pre, &pre_);
  keep(cues.negation_post, &post_);
  keep(cues.terminate, &terminate_);
  keep(cues.hedge, &hedge_);
  keep(cues.counterfactual, &counterfactual_);
  for (const Regex& r : cues.boilerplate) {
    if (candidates != nullptr && !candidates->May(r)) continue;
    if (FoundIn(r, sentence)) {
      boilerplate_ = true;
      break;
    }
  }
}

bool SentenceCues::InScope(const Span& t, int begin, int end, bool forward) const {
  int from = forward ? t.end : end;
  int to = forward ? begin : t.begin;
  if (from > to) return false;
  if (CountWords(sentence_.substr(static_cast<size_t>(from), static_cast<size_t>(to - from))) >
      t.window) {
    return false;
  }
  for (const Span& term : terminate_) {
    if (term.begin >= from && term.end <= to) return false;
  }
  return true;
}

CueResult SentenceCues::For(int begin, int end) const {
  CueResult r;
  for (const Span& t : pre_) {
    // A cue inside the match itself ("was not brought") is the theme's own wording.
    if (t.begin >= begin && t.end <= end) continue;
    if (t.end <= begin && InScope(t, begin, end, true)) {
      r.negated = true;
      r.negation_cue = t.text;
      break;
    }
  }
  if (!r.negated) {
    for (const Span& t : post_) {
      if (t.begin >= end && InScope(t, begin, end, false)) {
        r.negated = true;
        r.negation_cue = t.text;
        break;
      }
    }
  }
  for (const Span& t : hedge_) {
    if ((t.end <= begin && InScope(t, begin, end, true)) ||
        (t.begin >= end && InScope(t, begin, end, false))) {
      r.hedged = true;
      r.hedge_cue = t.text;
      break;
    }
  }
  if (!counterfactual_.empty()) {
    r.counterfactual = true;
    r.counterfactual_cue = counterfactual_.front().text;
  }
  return r;
}

}  // namespace scrx::tag
