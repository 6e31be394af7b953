// Review metadata. Every field is read from a stated phrase (the cover, the PDF information, a
// sentence of the introduction or scope) with the page it was read on; a field the report does
// not state stays empty. Where phrasing is ambiguous the field is left empty rather than guessed.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>

#include "extract/extract.h"

namespace scrx::extract {
namespace {

struct Text {
  std::string text;
  int page;
  SectionKind kind;
  bool cover;
};

// All paragraphs of the body in order, with the cover first.
std::vector<Text> Texts(const std::vector<Section>& sections) {
  std::vector<Text> out;
  for (const Section& s : sections) {
    if (s.kind == SectionKind::kContents || s.kind == SectionKind::kReferences ||
        s.kind == SectionKind::kGlossary) {
      continue;
    }
    for (const Paragraph& p : s.paragraphs) {
      out.push_back({p.text, p.page, s.kind, s.kind == SectionKind::kCover});
    }
  }
  return out;
}

const char* kMonths[] = {"january", "february", "march",     "april",   "may",      "june",
                         "july",    "august",   "september", "october", "november", "december"};

int MonthNumber(std::string m) {
  for (char& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < 12; ++i) {
    std::string full = kMonths[i];
    if (m == full || (m.size() >= 3 && full.rfind(m, 0) == 0)) return i + 1;
  }
  return 0;
}

const char* kMonthRe =
    R"((?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?)";

std::string Iso(const std::string& month, const std::string& year) {
  int m = MonthNumber(month);
  if (m == 0 || year.size() != 4) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s-%02d", year.c_str(), m);
  return buf;
}

// The first "Month YYYY" (or "D Month YYYY") in `s`, as "YYYY-MM".
std::string FirstDate(std::string_view s) {
  static const RE2 kDate(std::string(R"((?:\b\d{1,2}(?:st|nd|rd|th)? )?\b()") + kMonthRe +
                         R"() (?:\d{1,2}(?:st|nd|rd|th)?,? )?((?:19|20)\d\d)\b)");
  std::string month, year;
  if (RE2::PartialMatch(re2::StringPiece(s.data(), s.size()), kDate, &month, &year))
    return Iso(month, year);
  return "";
}

MetaValue Value(std::string v, int page) {
  MetaValue m;
  m.value = std::move(v);
  m.page = page;
  return m;
}

bool GoodTitle(const std::string& t) {
  static const RE2 kJunk(
      R"((?i)(microsoft|word - |\.docx?|\.pdf|untitled|^document\d*$|template))");
  int words = 1 + static_cast<int>(std::count(t.begin(), t.end(), ' '));
  return words >= 3 && t.size() <= 200 && !RE2::PartialMatch(t, kJunk);
}

std::string Collapse(std::string s) {
  std::string out;
  bool sp = false;
  for (char c : s) {
    if (c == ' ' || c == '\n') {
      sp = !out.empty();
      continue;
    }
    if (sp) out.push_back(' ');
    sp = false;
    out.push_back(c);
  }
  return out;
}

// Review type from a phrase; the most specific phrase first.
std::string TypeOf(std::string_view s) {
  struct Rule {
    const char* type;
    const char* re;
  };
  static const Rule kRules[] = {
      {"national_review", R"((?i)\bnational (?:child safeguarding practice )?review\b)"},
      {"lcspr", R"((?i)\blocal child safeguarding practice review\b|\bLCSPR\b)"},
      {"cspr", R"((?i)\bchild safeguarding practice review\b(?: panel)?|\bCSPR\b)"},
      {"adult_practice_review_wales", R"((?i)\badult practice review\b)"},
      {"child_practice_review_wales", R"((?i)\b(?:concise |extended )?child practice review\b)"},
      {"dhr", R"((?i)\bdomestic homicide review\b|\bDHR\b)"},
      {"sar", R"((?i)\bsafeguarding adults? review\b|\bSAR\b)"},
      {"scr", R"((?i)\bserious case review\b|\bSCR\b)"},
      {"learning_review",
       R"((?i)\b(?:multi-agency )?learning (?:review|summary|lessons review)\b|\brapid review\b|\b7-minute briefing\b|\bseven[- ]minute briefing\b)"},
  };
  static std::vector<std::pair<std::string, std::unique_ptr<RE2>>>* compiled = [] {
    auto* v = new std::vector<std::pair<std::string, std::unique_ptr<RE2>>>;
    for (const Rule& r : kRules) v->emplace_back(r.type, std::make_unique<RE2>(r.re));
    return v;
  }();
  re2::StringPiece in(s.data(), s.size());
  // "A national review by the Child Safeguarding Practice Review Panel": the panel's name is
  // not a CSPR; a local review that mentions the Panel is still local.
  for (const auto& [type, re] : *compiled) {
    if (type == "cspr") {
      static const RE2 kPanel(R"((?i)child safeguarding practice review panel)");
      std::string t(s);
      RE2::GlobalReplace(&t, kPanel, "");
      if (RE2::PartialMatch(t, *re)) return type;
      continue;
    }
    if (RE2::PartialMatch(in, *re)) return type;
  }
  return "";
}

}  // namespace

Metadata ExtractMetadata(const std::vector<Section>& sections, const PdfInfo& info) {
  Metadata m;
  std::vector<Text> texts = Texts(sections);
  std::string cover_title;
  int cover_page = 0;
  std::string cover_text;
  for (const Section& s : sections) {
    if (s.kind == SectionKind::kCover) {
      cover_title = s.title;
      cover_page = s.page_start;
      for (const Paragraph& p : s.paragraphs) cover_text += p.text + "\n";
      break;
    }
  }

  // Title: the PDF's own title when it is one, else the cover's largest type.
  std::string pdf_title = Collapse(info.title);
  if (GoodTitle(pdf_title)) {
    m.title = Value(pdf_title, cover_page);
  } else if (!cover_title.empty() && GoodTitle(cover_title)) {
    m.title = Value(cover_title, cover_page);
  }

  // Review type: the title first, then the cover, then the first pages.
  std::string t = TypeOf(m.title.value);
  int tpage = m.title.page;
  if (t.empty()) {
    t = TypeOf(cover_text);
    tpage = cover_page;
  }
  if (t.empty()) {
    for (const Text& x : texts) {
      if (x.page > 4) break;
      t = TypeOf(x.text);
      tpage = x.page;
      if (!t.empty()) break;
    }
  }
  if (!t.empty()) m.review_type = Value(t, tpage);

  // Subjects: the pseudonyms after the title's colon ("Serious Case Review: Baby Kai"), or the
  // name the report says it uses ("referred to in this report as Ellie").
  static const RE2 kAfterColon(R"(^[^:]{5,}:\s*(.+)$)");
  static const RE2 kPseudonym(
      R"(^(?:(?:Baby|Child|Children|Adult|Young Person|Family|Mr|Mrs|Ms|Miss|Master) )?[A-Z][A-Za-z'\-]*(?:(?:, | and | & )(?:(?:Baby|Child|Adult|Mr|Mrs|Ms|Miss) )?[A-Z][A-Za-z'\-]*)*$)");
  std::string after;
  std::string title_for_subject = m.title.value;
  if (RE2::FullMatch(title_for_subject, kAfterColon, &after)) {
    static const RE2 kDashTail(R"(\s+[-|]\s+.*$)");
    RE2::Replace(&after, kDashTail, "");
    if (RE2::FullMatch(after, kPseudonym)) {
      // "Children X, Y and Z" -> X, Y, Z; "Lily and Grace" -> Lily, Grace.
      static const RE2 kChildrenPrefix(R"(^Children )");
      RE2::Replace(&after, kChildrenPrefix, "");
      static const RE2 kSplit(R"(, | and | & )");
      std::string piece;
      size_t start = 0;
      std::string work = after;
      RE2::GlobalReplace(&work, kSplit, "|");
      size_t pos;
      while ((pos = work.find('|', start)) != std::string::npos) {
        piece = work.substr(start, pos - start);
        if (!piece.empty()) m.subjects.push_back(Value(piece, m.title.page));
        start = pos + 1;
      }
      piece = work.substr(start);
      if (!piece.empty()) m.subjects.push_back(Value(piece, m.title.page));
    }
  }
  if (m.subjects.empty()) {
    static const RE2 kKnownAs(
        R"((?:known as|referred to (?:in this (?:report|review) )?as|called|given the pseudonym|to be known as) ((?:Baby|Child|Adult|Mr|Mrs|Ms|Miss) [A-Z][a-z]*|[A-Z][a-z]+)\b)");
    for (const Text& x : texts) {
      std::string name;
      if (RE2::PartialMatch(x.text, kKnownAs, &name)) {
        m.subjects.push_back(Value(name, x.page));
        break;
      }
    }
  }

  // Board or partnership: the full name as written.
  static const RE2 kBoard(
      R"(((?:[A-Z][A-Za-z'&\-]*,? (?:and |& )?){1,6}(?:Local |Regional )?(?:Safeguarding (?:Children|Adults) (?:Partnership|Board)|Safeguarding Partnership|Community Safety Partnership)|Child Safeguarding Practice Review Panel))");
  auto find_board = [&](const std::string& s, int page) {
    std::string b;
    if (RE2::PartialMatch(s, kBoard, &b)) {
      static const RE2 kLeadIn(R"(^(?:The|This|By|For|To|From|A|An|Of|On|In) )");
      while (RE2::Replace(&b, kLeadIn, "")) {
      }
      m.board = Value(b, page);
      return true;
    }
    return false;
  };
  if (!find_board(Collapse(info.author), cover_page) && !find_board(cover_text, cover_page)) {
    for (const Text& x : texts) {
      if (x.page > 5) break;
      if (find_board(x.text, x.page)) break;
    }
  }

  // Published: a date on the cover ("October 2020", "Final version: March 2019"), or a stated
  // publication date.
  for (const Text& x : texts) {
    if (!x.cover) break;
    std::string d = FirstDate(x.text);
    if (!d.empty()) {
      m.published = Value(d, x.page);
      break;
    }
  }
  if (!m.published.known()) {
    static const RE2 kPublished(
        R"((?i)(?:published|publication date|date of publication|final version)[^.]{0,40}?)");
    for (const Text& x : texts) {
      if (RE2::PartialMatch(x.text, kPublished)) {
        std::string d = FirstDate(x.text.substr(x.text.find_first_of("PpFf")));
        if (!d.empty()) {
          m.published = Value(d, x.page);
          break;
        }
      }
    }
  }

  // Commissioned: a sentence that says the review was commissioned (decided, agreed) and when.
  static const RE2 kCommissioned(
      R"((?i)\b(commissioned|decided to (?:undertake|conduct|commission|carry out|hold)|agreed (?:to (?:undertake|conduct|commission|carry out)|that)|decision to (?:undertake|conduct|commission|hold))\b)");
  for (const Text& x : texts) {
    if (x.cover) continue;
    re2::StringPiece in(x.text);
    re2::StringPiece match;
    static const RE2 kCommissionedSpan(
        R"((?i)(commissioned|decided to (?:undertake|conduct|commission|carry out|hold)|agreed (?:to (?:undertake|conduct|commission|carry out)|that)|decision to (?:undertake|conduct|commission|hold)))");
    if (!kCommissionedSpan.Match(in, 0, in.size(), RE2::UNANCHORED, &match, 1)) continue;
    // The date must be in the same sentence.
    size_t at = static_cast<size_t>(match.data() - in.data());
    size_t sb = x.text.rfind(". ", at);
    sb = sb == std::string::npos ? 0 : sb + 2;
    size_t se = x.text.find(". ", at);
    std::string sentence = x.text.substr(sb, se == std::string::npos ? std::string::npos : se - sb);
    static const RE2 kAboutReview(R"((?i)\b(review|SCR|SAR|DHR|CSPR|LCSPR)\b)");
    if (!RE2::PartialMatch(sentence, kAboutReview)) continue;
    std::string d = FirstDate(sentence);
    if (!d.empty()) {
      m.commissioned = Value(d, x.page);
      break;
    }
  }
  (void)kCommissioned;

  // Period under review: "from March 2017 to June 2018", "between ... and ...", in a sentence
  // about the review's scope or period.
  static const RE2 kScope(
      R"((?i)\b(period (?:under review|of (?:the )?review|covered|considered)|scop(?:e|ed|ing)|review (?:covers|covered|considers|considered|looks|looked|examines|examined|focuses|focused)|considered (?:agency )?involvement|looked at)\b)");
  static const RE2 kFromTo(std::string(R"((?i)\b(?:from|between)\b.{0,60}?\b()") + kMonthRe +
                           R"() ((?:19|20)\d\d)\b.{0,80}?\b(?:to|until|and|till)\b.{0,60}?\b()" +
                           kMonthRe + R"() ((?:19|20)\d\d)\b)");
  for (const Text& x : texts) {
    if (x.cover || !RE2::PartialMatch(x.text, kScope)) continue;
    std::string m1, y1, m2, y2;
    if (RE2::PartialMatch(x.text, kFromTo, &m1, &y1, &m2, &y2)) {
      m.period_from = Value(Iso(m1, y1), x.page);
      m.period_to = Value(Iso(m2, y2), x.page);
      if (!m.period_from.known()) m.period_from = {};
      if (!m.period_to.known()) m.period_to = {};
      break;
    }
  }

  // Outcome: the subject died, or was seriously harmed, as the opening sections say.
  static const RE2 kDeath(
      R"((?i)\b(died|death of|was killed|were killed|murdered|manslaughter|homicide|took (?:his|her|their) own life|died by suicide|fatal)\b)");
  static const RE2 kHarm(
      R"((?i)\b(seriously (?:injured|harmed|ill)|serious (?:harm|injur(?:y|ies))|significant harm|life-threatening|brain injury|fractures?|head injur(?:y|ies)|sexually (?:abused|exploited)|admitted to hospital with)\b)");
  for (const Text& x : texts) {
    if (x.cover) continue;
    if (x.kind != SectionKind::kIntroduction && x.kind != SectionKind::kExecutiveSummary &&
        x.kind != SectionKind::kForeword && x.kind != SectionKind::kOther) {
      continue;
    }
    if (x.page > 6) break;
    if (RE2::PartialMatch(x.text, kDeath)) {
      m.outcome = Value("death", x.page);
      break;
    }
    if (!m.outcome.known() && RE2::PartialMatch(x.text, kHarm))
      m.outcome = Value("serious_harm", x.page);
  }

  // The child's age at the incident: "aged 9 weeks", "a 15-year-old", "four months old", in the
  // opening sections of a review about a child.
  bool adult_review = t == "sar" || t == "dhr" || t == "adult_practice_review_wales";
  if (!adult_review) {
    static const RE2 kAge(
        R"((?i)\b(?:aged |age of )?(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen)[- ](days?|weeks?|months?|years?)[- ](?:old|of age)\b|\baged (\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen) (days?|weeks?|months?|years?)\b)");
    for (const Text& x : texts) {
      if (x.cover) continue;
      if (x.kind != SectionKind::kIntroduction && x.kind != SectionKind::kExecutiveSummary &&
          x.kind != SectionKind::kBackground && x.kind != SectionKind::kOther) {
        continue;
      }
      if (x.page > 6) break;
      std::string n1, u1, n2, u2;
      if (RE2::PartialMatch(x.text, kAge, &n1, &u1, &n2, &u2)) {
        std::string n = n1.empty() ? n2 : n1, u = u1.empty() ? u2 : u1;
        static const std::map<std::string, std::string> kNumbers = {
            {"one", "1"},       {"two", "2"},       {"three", "3"},    {"four", "4"},
            {"five", "5"},      {"six", "6"},       {"seven", "7"},    {"eight", "8"},
            {"nine", "9"},      {"ten", "10"},      {"eleven", "11"},  {"twelve", "12"},
            {"thirteen", "13"}, {"fourteen", "14"}, {"fifteen", "15"}, {"sixteen", "16"},
            {"seventeen", "17"}};
        std::string lower = n;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (kNumbers.count(lower)) n = kNumbers.at(lower);
        for (char& c : u) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (n == "1" && u.back() == 's') u.pop_back();
        if (n != "1" && u.back() != 's') u.push_back('s');
        m.child_age = Value(n + " " + u, x.page);
        break;
      }
    }
  }

  // Agencies: the items of a list introduced as the panel or the contributing agencies.
  static const RE2 kAgencyIntro(
      R"((?i)\b(agencies|organisations|organizations|services|panel|members|represented|contributed|provided (?:information|reports|chronologies)|took part)\b)");
  static const RE2 kAgencyName(
      R"(\b(Police|Constabulary|Council|Trust|NHS|Service|Services|School|Schools|Academy|Board|Partnership|Hospital|Hospitals|Surgery|Practice|CCG|Commissioning|Care|Probation|Housing|Association|Centre|Team|Agency|College|Ambulance|Fire|Rescue|Group|Authority|Department|Company|Charity|Refuge|Health)\b)");
  for (const Section& s : sections) {
    if (!m.agencies.empty()) break;
    if (s.kind == SectionKind::kContents || s.kind == SectionKind::kReferences ||
        s.kind == SectionKind::kGlossary || s.kind == SectionKind::kRecommendations ||
        s.kind == SectionKind::kActionPlan) {
      continue;
    }
    bool armed = false;
    for (const Paragraph& p : s.paragraphs) {
      bool item = p.kind == Paragraph::Kind::kListItem;
      if (!item) {
        if (!m.agencies.empty()) break;
        armed = !p.text.empty() && p.text.back() == ':' && RE2::PartialMatch(p.text, kAgencyIntro);
        continue;
      }
      if (!armed) continue;
      std::string a = p.text;
      while (!a.empty() && (a.back() == ';' || a.back() == '.' || a.back() == ',')) a.pop_back();
      static const RE2 kAnd(R"(;?\s+and$)");
      RE2::Replace(&a, kAnd, "");
      int words = 1 + static_cast<int>(std::count(a.begin(), a.end(), ' '));
      if (words <= 14 && RE2::PartialMatch(a, kAgencyName)) m.agencies.push_back(Value(a, p.page));
    }
  }

  // Authors: "Independent reviewer: Name", "The review was written by Name and Name".
  static const RE2 kAuthorLabel(
      R"((?i:independent (?:lead )?reviewer|lead reviewer|independent author|overview (?:report )?author|report author|reviewers?|authors?|written by|chaired by|prepared by)\s*:?\s*((?:Dr |Professor |Prof\.? )?[A-Z][a-z]+(?:[ -][A-Z][a-zA-Z'\-]+){1,2})(?:\s+and\s+((?:Dr |Professor )?[A-Z][a-z]+(?:[ -][A-Z][a-zA-Z'\-]+){1,2}))?)");
  auto add_authors = [&](const std::string& s, int page) {
    std::string a1, a2;
    re2::StringPiece in(s);
    if (RE2::FindAndConsume(&in, kAuthorLabel, &a1, &a2)) {
      static const std::set<std::string> kNotNames = {"Safeguarding Children", "The Partnership",
                                                      "The Board"};
      if (!kNotNames.count(a1)) m.authors.push_back(Value(a1, page));
      if (!a2.empty()) m.authors.push_back(Value(a2, page));
      return true;
    }
    return false;
  };
  if (!add_authors(cover_text, cover_page)) {
    for (const Text& x : texts) {
      if (x.kind != SectionKind::kIntroduction && x.kind != SectionKind::kMethodology &&
          x.kind != SectionKind::kForeword && x.kind != SectionKind::kExecutiveSummary &&
          x.kind != SectionKind::kOther && x.kind != SectionKind::kTermsOfReference) {
        continue;
      }
      if (add_authors(x.text, x.page)) break;
    }
  }
  return m;
}

}  // namespace scrx::extract
