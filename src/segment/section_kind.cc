#include "segment/section_kind.h"

#include <re2/re2.h>

#include <array>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace scrx {
namespace {

constexpr std::array<std::pair<SectionKind, std::string_view>, 19> kNames = {{
    {SectionKind::kCover, "cover"},
    {SectionKind::kContents, "contents"},
    {SectionKind::kForeword, "foreword"},
    {SectionKind::kExecutiveSummary, "executive_summary"},
    {SectionKind::kIntroduction, "introduction"},
    {SectionKind::kTermsOfReference, "terms_of_reference"},
    {SectionKind::kMethodology, "methodology"},
    {SectionKind::kBackground, "background"},
    {SectionKind::kChronology, "chronology"},
    {SectionKind::kAnalysis, "analysis"},
    {SectionKind::kFindings, "findings"},
    {SectionKind::kGoodPractice, "good_practice"},
    {SectionKind::kConclusion, "conclusion"},
    {SectionKind::kRecommendations, "recommendations"},
    {SectionKind::kActionPlan, "action_plan"},
    {SectionKind::kReferences, "references"},
    {SectionKind::kGlossary, "glossary"},
    {SectionKind::kAppendix, "appendix"},
    {SectionKind::kOther, "other"},
}};

struct Rule {
  SectionKind kind;
  const char* pattern;
};

// Whole phrases that decide the kind before single words are looked at.
constexpr Rule kPhrases[] = {
    {SectionKind::kContents, R"(^(table of contents|contents|list of contents|index)$)"},
    {SectionKind::kOther, R"(^statement (by|from)\b)"},
    {SectionKind::kIntroduction,
     R"(background to (the|this) review|reasons? for (the|this) review|decision to (undertake|conduct|commission|hold|carry out)|circumstances (that led|leading|resulting) (to|in) (the|this) review|why (this|the|we) (review|did)|^about (the|this) briefing$|^timescales?$|^confidentiality$)"},
    {SectionKind::kMethodology,
     R"(how (the|this) review was (carried out|conducted|undertaken|done)|how (the|this) (report|review|findings) (is|are) (presented|structured|organised)|structure of (the|this) (report|review)|scope and (methodology|method|process|approach)|contributing agencies|agencies (involved|that contributed)|panel members(hip)?|^(involvement|participation|contribution|engagement|views) of\b|family (participation|involvement|contribution|engagement)|'s contribution|^(establishing|setting up|conduct of) the review|^limitations|^(the|this|about (the|this)) review$|practitioners?'? learning (event|session|day)s?|^learning (event|session)s?$|individual agency (summaries|reports)|agency summaries|\bcontributors\b)"},
    {SectionKind::kAnalysis,
     R"(^(analysis|appraisal|evaluation) of (the )?(key )?(practice )?(episodes?|practice|agency|agencies|involvement|the response)|^what (the review|we|the reviewers?) found)"},
    {SectionKind::kRecommendations, R"(summary of (the )?recommendations)"},
    {SectionKind::kBackground,
     R"(^background information|family (background|structure|composition|history|context|circumstances|situation|life)|pen picture|genogram|brief outline of circumstances)"},
    {SectionKind::kFindings,
     R"((summary|discussion|overview) of (the )?(key )?(findings|learning|lessons)|practice and organisational learning|what this means for practice|implications for practice)"},
    {SectionKind::kChronology,
     R"(summary (timeline|chronology)|summary of (events|agency involvement|involvement|key events)|key (practice )?episodes?|practice episodes?|^episode\b|narrative of|the facts\b|'s story\b|^(the )?case (history|narrative)$|^the case$|^overview$)"},
    {SectionKind::kConclusion,
     R"(summary and conclusions?|could .*(have been )?(prevented|predicted|protected|helped)|preventab|predictab)"},
    {SectionKind::kRecommendations,
     R"(improving systems and practice|what (you|practitioners|agencies|professionals|we) (should|can|need to) do|actions? for (practitioners|agencies|managers))"},
    {SectionKind::kForeword,
     R"(response from the chair|^(the )?(chair'?s?|independent chair'?s?) (statement|foreword|introduction|response))"},
    {SectionKind::kTermsOfReference,
     R"(period under review|key lines of enquiry|(the )?review questions?|scoping period)"},
    {SectionKind::kAnalysis, R"(equality and diversity|protected characteristics)"},
    {SectionKind::kGoodPractice, R"(effective practice|what worked well)"},
};

// Titles that name the review's subjects ("Toby and his family", "About Ms R", "The boys"):
// background at the top level; inside a section they take that section's kind.
constexpr const char* kSubjectTitle =
    R"((?-i:^(?:Mr|Mrs|Ms|Miss|Baby|Child|Adult|Young Person) [A-Z](?:$| and ))|\band (his|her|their) (family|families|parents|mother|father)\b|'s family\b|^about (the )?(child|children|young person|baby|family|ms|mr|mrs|miss)\b|^the (boys|girls|children|family|siblings|young people)$)";

// Single kind words; the earliest in the title wins.
constexpr Rule kWords[] = {
    {SectionKind::kForeword, R"(\b(foreword|preface)\b)"},
    {SectionKind::kExecutiveSummary,
     R"(\b(executive summary|summary|key messages|at a glance|in brief)\b)"},
    {SectionKind::kIntroduction,
     R"(\b(introduction|purpose|legal (context|framework)|statutory (context|framework)|rapid review|about this review)\b)"},
    {SectionKind::kTermsOfReference, R"(\b(terms of reference|tor|scope|scoping)\b)"},
    {SectionKind::kMethodology,
     R"(\b(methodology|methods?|review process|process of the review|approach|learning model|involvement of (the )?family|family involvement|engagement (of|with) (the )?family|contribution of the family|panel membership|review panel|the review team|independent reviewer|authors?|parallel (processes|reviews|proceedings|investigations)|confidentiality|equality and diversity|dissemination|agency reports|individual management reviews|practitioner (event|involvement)s?|silp|learning together)\b)"},
    {SectionKind::kBackground, R"(\b(background)\b)"},
    {SectionKind::kChronology,
     R"(\b(chronology|timeline|narrative|synopsis|case summary|what happened|agency involvement|events)\b)"},
    {SectionKind::kAnalysis,
     R"(\b(analysis|evaluation|discussion|appraisal|practice issues|critique|themes|thematic|voice of the (child|children|young person|young people|adult)|lived experience)\b)"},
    {SectionKind::kFindings,
     R"(\b(findings?|learning|lessons|key issues|what we learned|learning points)\b)"},
    {SectionKind::kGoodPractice,
     R"(\b(good practice|what went well|strengths|positive practice|notable practice)\b)"},
    {SectionKind::kConclusion, R"(\b(conclusions?|concluding)\b)"},
    {SectionKind::kRecommendations, R"(\b(recommendations?|next steps)\b)"},
    {SectionKind::kActionPlan, R"(\b(action plan|implementation plan|action log)\b)"},
    {SectionKind::kReferences,
     R"(\b(references|bibliography|further reading|sources|resources|useful links|reading list)\b)"},
    {SectionKind::kGlossary,
     R"(\b(glossary|abbreviations|acronyms|definitions|terminology|key terms)\b)"},
};

struct Compiled {
  std::vector<std::pair<SectionKind, std::unique_ptr<RE2>>> phrases, words;
};

const Compiled& Rules() {
  static const Compiled* compiled = [] {
    auto* c = new Compiled;
    RE2::Options opt;
    opt.set_case_sensitive(false);
    for (const Rule& r : kPhrases)
      c->phrases.emplace_back(r.kind, std::make_unique<RE2>(r.pattern, opt));
    for (const Rule& r : kWords)
      c->words.emplace_back(r.kind, std::make_unique<RE2>(r.pattern, opt));
    return c;
  }();
  return *compiled;
}

}  // namespace

std::string_view SectionKindName(SectionKind kind) {
  for (const auto& [k, name] : kNames) {
    if (k == kind) return name;
  }
  return "other";
}

std::optional<SectionKind> SectionKindFromName(std::string_view name) {
  for (const auto& [k, n] : kNames) {
    if (n == name) return k;
  }
  return std::nullopt;
}

namespace segment {

bool IsSubjectTitle(std::string_view title) {
  static const RE2 kSubject(std::string("(?i)") + kSubjectTitle);
  return RE2::PartialMatch(re2::StringPiece(title.data(), title.size()), kSubject);
}

SectionKind KindFromTitle(std::string_view title, std::string_view number, int level) {
  const Compiled& rules = Rules();
  std::string t(title);
  static const RE2 kAppendixTitle(R"((?i)^(appendix|appendices|annexe?)\b)");
  bool appendix = number.starts_with("Appendix") || number.starts_with("Annex") ||
                  RE2::PartialMatch(t, kAppendixTitle);
  for (const auto& [kind, re] : rules.phrases) {
    if (RE2::PartialMatch(t, *re)) return kind;
  }
  if (IsSubjectTitle(t)) return level <= 1 ? SectionKind::kBackground : SectionKind::kOther;
  // A title that starts with a date or a period ("June 2020: overdose and admission",
  // "Autumn 2019", "2015 to 2017") is part of the story.
  static const RE2 kDated(
      R"((?i)^(?:\d{1,2} )?(?:january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|autumn|winter|early|late|mid)\b[ -]*(?:(?:19|20)\d\d|to\b)|^(?:19|20)\d\d\b)");
  if (RE2::PartialMatch(t, kDated)) return SectionKind::kChronology;
  // "learning disability" is not learning in the sense of lessons learnt.
  static const RE2 kLearningDisability(R"((?i)learning (disabilit|difficult)\w*)");
  RE2::GlobalReplace(&t, kLearningDisability, "");
  SectionKind best = SectionKind::kOther;
  size_t best_pos = std::string::npos;
  bool analysis = false, findings = false;
  for (const auto& [kind, re] : rules.words) {
    re2::StringPiece in(t), match;
    if (re->Match(in, 0, in.size(), RE2::UNANCHORED, &match, 1)) {
      analysis |= kind == SectionKind::kAnalysis;
      findings |= kind == SectionKind::kFindings;
      auto pos = static_cast<size_t>(match.data() - in.data());
      if (pos < best_pos) {
        best_pos = pos;
        best = kind;
      }
    }
  }
  // "Analysis and findings", "Discussion of the findings": the findings are what the section
  // delivers.
  if (analysis && findings) best = SectionKind::kFindings;
  // An appendix is an appendix unless its title says what it holds ("Appendix 2: Glossary").
  if (appendix && best == SectionKind::kOther) return SectionKind::kAppendix;
  return best;
}

}  // namespace segment
}  // namespace scrx
