// Who a recommendation is addressed to, and what kind of body that is.
#include <re2/re2.h>

#include <array>
#include <memory>
#include <utility>
#include <vector>

#include "extract/extract.h"

namespace scrx::extract {
namespace {

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" ,;:");
  size_t e = s.find_last_not_of(" ,;:");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

int Words(std::string_view s) {
  int n = 0;
  bool in = false;
  for (char c : s) {
    bool w = c != ' ';
    if (w && !in) ++n;
    in = w;
  }
  return n;
}

}  // namespace

std::string FindAddressee(std::string_view text) {
  static const RE2 kRecommends(
      R"((?i)^(?:that |it is recommended that |we recommend that |the (?:review|panel|reviewer|author)s? recommends? that )(.*)$)");
  static const RE2 kSubject(
      R"(^((?:[Tt]he |[Aa]ll |[Ee]ach |[Ee]very )?[A-Z0-9][^.;:?!]{1,160}?)\s+(?:should|must|needs? to|is asked to|are asked to|will|shall|to (?:ensure|develop|review|consider|establish|provide|audit|seek|promote|raise|produce|update|commission|publish|revise|implement|introduce|agree|strengthen|work|undertake|set|make|share)|ensures?|is recommended|are recommended)\b)");
  std::string t(text);
  std::string rest;
  std::string subject;
  if (RE2::FullMatch(t, kRecommends, &rest)) {
    // "It is recommended that the Board reviews ...": the noun phrase after "that".
    static const RE2 kNounPhrase(
        R"(^((?:[Tt]he )?[A-Z][\w'&\-]*(?: (?:[A-Z][\w'&\-]*|of|and|for|the|&))*))");
    if (RE2::PartialMatch(rest, kNounPhrase, &subject)) {
      while (subject.ends_with(" and") || subject.ends_with(" of") || subject.ends_with(" the")) {
        subject = subject.substr(0, subject.rfind(' '));
      }
      return Trim(subject);
    }
    t = rest;
  }
  if (!RE2::PartialMatch(t, kSubject, &subject)) return "";
  // "X, working with Y, should" and "X (the lead agency) should": the addressee is X.
  size_t comma = subject.find(',');
  if (comma != std::string::npos) subject = subject.substr(0, comma);
  size_t paren = subject.find(" (");
  if (paren != std::string::npos) subject = subject.substr(0, paren);
  subject = Trim(subject);
  static const RE2 kNotAnAddressee(
      R"((?i)^(?:this|these|that|it|there|they|we|he|she|any|where|when|if|in|for|as|by|with|following|once|because|although|practitioners? who|professionals? who)\b)");
  if (subject.empty() || Words(subject) > 14 || RE2::PartialMatch(subject, kNotAnAddressee))
    return "";
  return subject;
}

std::string AddresseeKind(std::string_view addressee, std::string_view context) {
  struct Rule {
    const char* kind;
    const char* pattern;
  };
  // Order matters: specific services before the bodies whose names they share words with
  // ("Fellside Partnership NHS Foundation Trust" is a health trust, not a partnership).
  static constexpr std::array<Rule, 12> kRules = {{
      {"national_government",
       R"((?i)\b(department for education|dfe|department of health|dhsc|home office|ministry of justice|ministry of housing|nhs england|department for work and pensions|dwp|government|secretary of state|cabinet office|ofsted|care quality commission|cqc|national police chiefs|college of policing|youth justice board|national panel|child safeguarding practice review panel|welsh government|scottish government|department for levelling up|dluhc)\b)"},
      {"police", R"((?i)\b(police|constabulary|metropolitan police|police service)\b)"},
      {"probation",
       R"((?i)\b(probation|community rehabilitation company|crc|youth offending|youth justice service|yot|yjs|mappa)\b)"},
      {"mental_health",
       R"((?i)\b(mental health|camhs|child and adolescent mental health|psychiatr\w*|community mental health team|cmht|iapt|talking therapies|crisis (?:assessments?|teams?|services?|line)|home treatment|self-harm\w*|eating disorders?)\b)"},
      {"health_primary_care",
       R"((?i)\b(gps?|general practi\w*|primary care|clinical commissioning group|ccg|integrated care board|icb|integrated care system|surgery|medical centre|practices)\b)"},
      {"health_acute",
       R"((?i)\b(hospitals?|infirmary|acute|emergency department|a&e|maternity|university hospitals|paediatric)\b)"},
      {"health_community",
       R"((?i)\b(community health(?:care)?|community services|health visiting|health visitors?|school nurs\w*|community nurs\w*|community dental|dental|community trust|healthcare nhs|nhs trust|nhs foundation trust|health board|public health|0-19)\b)"},
      {"housing",
       R"((?i)\b(housing|homes? (association|group)|registered provider|landlord|homelessness)\b)"},
      {"childrens_social_care",
       R"((?i)\b(children'?s (?:social care|services|social work|social services|services department)|children and families|family services|early help|mash|front door|social care for children|children's trust|children's department|independent reviewing officers?|iros?|virtual school|fostering service|leaving care)\b)"},
      {"education",
       R"((?i)\b(schools?|education|academy|academies|college|head ?teachers?|designated safeguarding leads?|early years|nurser(?:y|ies)|pupil referral)\b)"},
      {"partnership_board",
       R"((?i)\b(partnership|partners|safeguarding (?:children|adults) board|lscb|lscp|scp|sab|board|community safety partnership|csp|safeguarding partners|executive|panel|marac|steering group|strategic group|subgroup)\b)"},
      {"other", R"(.)"},
  }};
  static const std::vector<std::pair<std::string, std::unique_ptr<RE2>>>* compiled = [] {
    auto* v = new std::vector<std::pair<std::string, std::unique_ptr<RE2>>>;
    for (const Rule& r : kRules) v->emplace_back(r.kind, std::make_unique<RE2>(r.pattern));
    return v;
  }();
  std::string a(addressee);
  if (a.empty()) return "";
  // A council or an NHS trust: the recommendation's text says which of its services it means.
  static const RE2 kCouncil(R"((?i)\b(council|local authority|borough|county)\b)");
  static const RE2 kTrustOnly(R"((?i)\bnhs\b.*\btrust\b|\btrust\b)");
  std::string c(context);
  if (RE2::PartialMatch(a, kCouncil) && !RE2::PartialMatch(a, *(*compiled)[8].second) &&
      !RE2::PartialMatch(a, *(*compiled)[7].second) &&
      !RE2::PartialMatch(a, *(*compiled)[9].second)) {
    static const RE2 kAdults(R"((?i)\badult (social care|services|safeguarding)\b)");
    if (RE2::PartialMatch(a, kAdults)) return "other";
    static const RE2 kEducationContext(
        R"((?i)\b(schools?|education|elective home|home educat\w*|EHE|pupils?|exclusions?|attendance|college|education welfare)\b)");
    static const RE2 kHousingContext(R"((?i)\b(housing|homeless|tenanc|accommodation)\b)");
    static const RE2 kChildrenContext(
        R"((?i)\b(social work|children's (social care|services)|child protection|child in need|assessment|looked after|care leavers?|placements?|placing authorit\w*|host authorit\w*|lado|fostering)\b)");
    if (RE2::PartialMatch(c, kEducationContext)) return "education";
    if (RE2::PartialMatch(c, kHousingContext)) return "housing";
    if (RE2::PartialMatch(c, kChildrenContext)) return "childrens_social_care";
    return "other";
  }
  static const RE2 kHealthTrust(R"((?i)\bnhs\b|health|hospital|healthcare|ambulance)");
  if (RE2::PartialMatch(a, kTrustOnly) && RE2::PartialMatch(a, kHealthTrust)) {
    // An NHS trust's name rarely says what it runs; its recommendation usually does. Only the
    // specific service words of the name count here, not "NHS Trust" itself.
    static const RE2 kSpecificName(
        R"((?i)\b(mental health|camhs|hospitals?|infirmary|community health(?:care)?|community services|gps?|primary care)\b)");
    if (RE2::PartialMatch(a, kSpecificName)) {
      for (size_t i : {3u, 5u, 6u, 4u}) {
        if (RE2::PartialMatch(a, *(*compiled)[i].second)) return (*compiled)[i].first;
      }
    }
    for (size_t i : {3u, 5u, 6u, 4u}) {
      if (RE2::PartialMatch(c, *(*compiled)[i].second)) return (*compiled)[i].first;
    }
    return "health_community";
  }
  for (const auto& [kind, re] : *compiled) {
    if (RE2::PartialMatch(a, *re)) return kind;
  }
  return "other";
}

}  // namespace scrx::extract
