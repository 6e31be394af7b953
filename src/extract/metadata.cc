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
#include "tag/sentences.h"

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

struct DateAt {
  std::string iso;  // "YYYY-MM"
  size_t offset;    // where the date starts in the text
};

// Every "Month YYYY" (or "D Month YYYY") in `s`, in order.
std::vector<DateAt> AllDates(std::string_view s) {
  static const RE2 kDate(std::string(R"(((?:\b\d{1,2}(?:st|nd|rd|th)? )?\b()") + kMonthRe +
                         R"() (?:\d{1,2}(?:st|nd|rd|th)?,? )?((?:19|20)\d\d)\b))");
  std::vector<DateAt> out;
  re2::StringPiece in(s.data(), s.size());
  re2::StringPiece whole;
  std::string month, year;
  while (RE2::FindAndConsume(&in, kDate, &whole, &month, &year)) {
    std::string iso = Iso(month, year);
    if (!iso.empty()) out.push_back({iso, static_cast<size_t>(whole.data() - s.data())});
  }
  return out;
}

// How strongly the words before a cover date say it is the publication date (0: not at all).
int CoverDateRank(std::string_view before) {
  std::string tail(before.substr(before.size() > 60 ? before.size() - 60 : 0));
  // Only the words since the previous date or label separator count.
  static const RE2 kPublishedLabel(
      R"((?i)\b(?:published|publication(?: date)?|date of publication|issued)\b[^0-9]{0,12}$)");
  static const RE2 kApprovedLabel(
      R"((?i)\b(?:approved|presented|agreed|endorsed|signed off|submitted)\b[^0-9]{0,40}$)");
  static const RE2 kFinalLabel(
      R"((?i)\b(?:final (?:version|report|draft)|version(?: \d+(?:\.\d+)?)?|report date|date of report|date)\b[^0-9]{0,12}$)");
  static const RE2 kEvent(
      R"((?i)\b(?:in|on|since|from|until|to|and|between|during|before|after|of|died|death|killed)\s*[-\x{2013}]?\s*$)");
  // "Period under review: April 2018 to March 2020", "Scope: 2018-2020"
  static const RE2 kPeriod(
      R"((?i)\b(?:period|scope|scoping|timeframe|time frame|covering|covers)\b[^0-9]{0,40}$)");
  if (RE2::PartialMatch(tail, kPeriod)) return 0;
  if (RE2::PartialMatch(tail, kPublishedLabel)) return 4;
  if (RE2::PartialMatch(tail, kApprovedLabel)) return 2;
  if (RE2::PartialMatch(tail, kFinalLabel)) return 3;
  if (RE2::PartialMatch(tail, kEvent)) return 0;
  return 1;
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
        R"((?:known as|referred to (?:in this (?:report|review) )?as|(?:is|was|are|were|be|been|have|has) called|(?:boy|girl|baby|child|young person|woman|man) called|given the pseudonym|to be known as) ((?:Baby|Child|Adult|Mr|Mrs|Ms|Miss) [A-Z][a-z]*|[A-Z][a-z]+)\b)");
    for (const Text& x : texts) {
      // the review's own account of itself, not the narrative ("Ms B called Brackenwick Police")
      if (x.kind == SectionKind::kChronology || x.kind == SectionKind::kAnalysis ||
          x.kind == SectionKind::kFindings || x.kind == SectionKind::kRecommendations) {
        continue;
      }
      std::string name;
      if (RE2::PartialMatch(x.text, kKnownAs, &name)) {
        m.subjects.push_back(Value(name, x.page));
        break;
      }
    }
  }

  // Board or partnership: the full name as written.
  static const RE2 kBoard(
      R"(((?:[A-Z][A-Za-z'&\-]*,? (?:and |& )?){1,6}(?:Local |Regional )?(?:Safeguarding (?:Children|Adults?|Children and Adults) (?:Partnership|Board)|Safeguarding (?:Partnership|Board)|Community Safety Partnership)|Safer (?:[A-Z][A-Za-z'\-]* ){1,3}Partnership|Child Safeguarding Practice Review Panel))");
  auto find_board = [&](const std::string& s, int page) {
    std::string b;
    if (RE2::PartialMatch(s, kBoard, &b)) {
      // Words of a title or cover line that ran into the name: "Overview Report Fenbridge
      // Local Safeguarding Children Board", "Into the death of Ms B Brackenwick Community ...".
      static const RE2 kLeadIn(
          R"(^(?:The|This|By|For|To|From|A|An|Of|On|In|Into|Overview|Report|Executive|Summary|Final|Version|Draft|Published|Serious|Case|Domestic|Homicide|Review|Learning|Practice|Death|(?:Mr|Mrs|Ms|Miss|Baby|Child|Adult|Family) [A-Z][a-z]?) )");
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

  // Published: the cover's best-labelled date. A date after "Published" or "Publication date"
  // beats one after "Final version/report", which beats one after "approved/presented", which
  // beats a date standing alone; a date inside a phrase about the events ("the death of Adult A
  // in November 2017", "aged 81, in December 2019") is never the publication date. Ties go to the
  // later date.
  {
    int best_rank = 0;
    std::string best;
    int best_page = 0;
    for (const Text& x : texts) {
      if (!x.cover) break;
      for (const DateAt& d : AllDates(x.text)) {
        int rank = CoverDateRank(std::string_view(x.text).substr(0, d.offset));
        if (rank > best_rank || (rank == best_rank && rank > 0 && d.iso > best)) {
          best_rank = rank;
          best = d.iso;
          best_page = x.page;
        }
      }
    }
    if (best_rank > 0) m.published = Value(best, best_page);
  }
  if (!m.published.known()) {
    // In the body: "This review was published in June 2021", "The report was completed in
    // February 2021 and published in June 2021". The date read is the one after "published",
    // and the sentence must be about this review or report: a cited document's publication
    // ("Working Together, published in July 2018, ...") is not.
    static const RE2 kThisReview(
        R"((?i)\b(?:this|the) (?:review|report|overview report|SCR|SAR|DHR|CSPR|LCSPR)\b)");
    static const RE2 kPublishedWord(R"((?i)(\b(?:published|publication)\b))");
    for (const Text& x : texts) {
      if (x.cover) continue;
      for (auto [b, e] : tag::SplitSentences(x.text)) {
        std::string sentence = x.text.substr(b, e - b);
        re2::StringPiece in(sentence), word;
        if (!RE2::PartialMatch(in, kPublishedWord, &word)) continue;
        size_t at = static_cast<size_t>(word.data() - sentence.data());
        if (!RE2::PartialMatch(sentence.substr(0, at), kThisReview)) continue;
        std::string d = FirstDate(std::string_view(sentence).substr(at));
        if (!d.empty()) {
          m.published = Value(d, x.page);
          break;
        }
      }
      if (m.published.known()) break;
    }
  }

  // Commissioned: a sentence about the review that says it was commissioned, and when; failing
  // that, the sentence that records the decision to hold it ("decided in August 2014 that the
  // criteria ... were met", "agreed that the criteria for a review were met").
  {
    static const RE2 kCommissionedVerb(R"((?i)\bcommissioned\b)");
    static const RE2 kDecisionVerb(
        R"((?i)\b(decided|decision to (?:undertake|conduct|commission|hold)|agreed (?:to (?:undertake|conduct|commission|carry out)|that|in|on)|criteria (?:for|in)\b[^.]{0,120}\b(?:were|was) met)\b)");
    static const RE2 kAboutReview(
        R"((?i)\b(review|reviewer|SCR|SAR|DHR|CSPR|LCSPR|criteria|Regulation \d+|section 44)\b)");
    std::string decided;
    int decided_page = 0;
    for (const Text& x : texts) {
      if (x.cover || x.page > 8) continue;
      for (auto [b, e] : tag::SplitSentences(x.text)) {
        std::string sentence = x.text.substr(b, e - b);
        // "the period under review", "the case under review" do not make a sentence about
        // commissioning the review.
        static const RE2 kUnderReview(
            R"((?i)\b(?:period|case|time|events?|months|years) under review\b)");
        std::string about = sentence;
        RE2::GlobalReplace(&about, kUnderReview, "");
        if (!RE2::PartialMatch(about, kAboutReview)) continue;
        bool commissioned = RE2::PartialMatch(sentence, kCommissionedVerb);
        if (!commissioned && (!decided.empty() || !RE2::PartialMatch(sentence, kDecisionVerb)))
          continue;
        std::string d = FirstDate(sentence);
        if (d.empty()) continue;
        if (commissioned) {
          m.commissioned = Value(d, x.page);
          break;
        }
        decided = d;
        decided_page = x.page;
      }
      if (m.commissioned.known()) break;
    }
    if (!m.commissioned.known() && !decided.empty()) m.commissioned = Value(decided, decided_page);
  }

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
    // Sentences that quote the criteria for a review ("the child has died or been seriously
    // harmed") say nothing about this case.
    static const RE2 kCriteria(
        R"((?i)\b(?:died|death)\b[^.]{0,40}\bor\b[^.]{0,40}\b(?:serious|significant)(?:ly)? (?:harm|injur))");
    bool death = false, harm = false;
    for (auto [b, e] : tag::SplitSentences(x.text)) {
      std::string sentence = x.text.substr(b, e - b);
      if (RE2::PartialMatch(sentence, kCriteria)) continue;
      death |= RE2::PartialMatch(sentence, kDeath);
      harm |= RE2::PartialMatch(sentence, kHarm);
    }
    if (death) {
      m.outcome = Value("death", x.page);
      break;
    }
    if (!m.outcome.known() && harm) m.outcome = Value("serious_harm", x.page);
  }

  // The child's age at the incident: "aged 9 weeks", "a 15-year-old", "four months old", in the
  // opening sections of a review about a child.
  bool adult_review = t == "sar" || t == "dhr" || t == "adult_practice_review_wales";
  if (!adult_review) {
    // "2 years and 4 months old", "aged 9 weeks", "a 15-year-old", "four months old", "when she
    // was twelve", "then aged six". Sentences about an offender's past victims or offences are
    // skipped: the age there is not the subject's.
    static const std::string kNum =
        "(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
        "fourteen|fifteen|sixteen|seventeen)";
    static const RE2 kCompound("(?i)\\b" + kNum + " years? (?:and )?" + kNum +
                               " months?(?: old| of age)?\\b");
    static const RE2 kAge("(?i)\\b(?:aged |age of )?" + kNum +
                          "[- ](days?|weeks?|months?|years?)[- ](?:old|of age)\\b|\\baged " + kNum +
                          " (days?|weeks?|months?|years?)\\b");
    static const RE2 kBareAge(
        "(?i)\\b(?:when (?:he|she|they) (?:was|were)|who was|(?:then|was) aged|aged|at the age "
        "of) " +
        kNum + "\\b(?:[,.;)]|$| (?:at|when|and|in)\\b)");
    static const RE2 kOffenderContext(
        R"((?i)\b(convicted|convictions?|sentenced|indecent images|previous partner|(?:his|her|their|other|previous|earlier|another) victims?|offences? (?:against|of))\b)");
    auto number = [](std::string n) {
      static const std::map<std::string, std::string> kNumbers = {
          {"one", "1"},       {"two", "2"},       {"three", "3"},    {"four", "4"},
          {"five", "5"},      {"six", "6"},       {"seven", "7"},    {"eight", "8"},
          {"nine", "9"},      {"ten", "10"},      {"eleven", "11"},  {"twelve", "12"},
          {"thirteen", "13"}, {"fourteen", "14"}, {"fifteen", "15"}, {"sixteen", "16"},
          {"seventeen", "17"}};
      for (char& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      auto it = kNumbers.find(n);
      return it == kNumbers.end() ? n : it->second;
    };
    auto unit = [](const std::string& n, std::string u) {
      for (char& c : u) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (n == "1" && u.back() == 's') u.pop_back();
      if (n != "1" && u.back() != 's') u.push_back('s');
      return n + " " + u;
    };
    for (const Text& x : texts) {
      if (x.cover) continue;
      if (x.kind != SectionKind::kIntroduction && x.kind != SectionKind::kExecutiveSummary &&
          x.kind != SectionKind::kBackground && x.kind != SectionKind::kOther) {
        continue;
      }
      if (x.page > 6) break;
      std::string found;
      for (auto [b, e] : tag::SplitSentences(x.text)) {
        std::string sentence = x.text.substr(b, e - b);
        if (RE2::PartialMatch(sentence, kOffenderContext)) continue;
        std::string n1, u1, n2, u2;
        if (RE2::PartialMatch(sentence, kCompound, &n1, &n2)) {
          found = unit(number(n1), "years") + " " + unit(number(n2), "months");
        } else if (RE2::PartialMatch(sentence, kAge, &n1, &u1, &n2, &u2)) {
          found = n1.empty() ? unit(number(n2), u2) : unit(number(n1), u1);
        } else if (RE2::PartialMatch(sentence, kBareAge, &n1)) {
          // Siblings: "Ruby, who was 13 ..., Mason, who was 11, ..." or "when she was twelve ...
          // Grace was nine." Every child's age stated from here to the end of the paragraph.
          static const RE2 kEach(
              "(?:\\b(?:who|he|she) was|\\b[A-Z][a-z]+ was|\\baged|\\bat the age of) " + kNum +
              "\\b(?:[,.;)]|$| (?:at|when|and|in)\\b)");
          re2::StringPiece rest(x.text);
          rest.remove_prefix(static_cast<size_t>(b));
          std::vector<std::string> ages;
          std::string n;
          while (RE2::FindAndConsume(&rest, kEach, &n)) {
            n = number(n);
            if (n.size() <= 2 && std::stoi(n) < 18) ages.push_back(n);
          }
          if (ages.size() <= 1) {
            found = unit(number(n1), "years");
          } else {
            for (size_t i = 0; i < ages.size(); ++i) {
              if (i > 0) found += i + 1 == ages.size() ? " and " : ", ";
              found += ages[i];
            }
            found += " years";
          }
        }
        if (!found.empty()) break;
      }
      if (!found.empty()) {
        m.child_age = Value(found, x.page);
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
      if (a.find('?') != std::string::npos) continue;  // a question of the terms of reference
      while (!a.empty() && (a.back() == ';' || a.back() == '.' || a.back() == ',')) a.pop_back();
      static const RE2 kAnd(R"(;?\s+and$)");
      RE2::Replace(&a, kAnd, "");
      // The agency's name only: drop a note in brackets ("(IMR)", "(short report)") and a
      // description after a comma (", GP practice of Adult B", ", which also represented ...").
      static const RE2 kNote(R"(\s*\([^)]*\)?)");
      RE2::GlobalReplace(&a, kNote, "");
      static const RE2 kDescription(R"((?:,|:| -|\x{2013})\s.*$)");
      RE2::Replace(&a, kDescription, "");
      while (!a.empty() && (a.back() == ' ' || a.back() == ',')) a.pop_back();
      int words = 1 + static_cast<int>(std::count(a.begin(), a.end(), ' '));
      // An organisation's name: a word such as Trust, Council or Police, or a proper name of
      // capitalised words ("Fenbridge Women's Aid", "Eastholme Homes").
      static const RE2 kProperName(
          R"(^(?:[A-Z][\w'\x{2019}&.-]*(?: (?:and|of|for|&|the|in|on))* ?){2,8}$)");
      if (words <= 14 && (RE2::PartialMatch(a, kAgencyName) || RE2::FullMatch(a, kProperName)))
        m.agencies.push_back(Value(a, p.page));
    }
  }

  // Authors: "Independent reviewer: Name", "The review was written by Name and Name". A label
  // that names the writer ("author", "reviewer", "written by") beats "chaired by" (the chair of
  // the panel often did not write the report). A name is two or three capitalised words after an
  // optional title; post-nominal letters ("MA CQSW") and the first word of a following cover
  // line ("Published", "Final", a month) are not part of it.
  static const RE2 kAuthorLabel(
      R"((?i:(independent (?:lead )?reviewer|lead reviewer|independent author|overview (?:report )?author|report author|reviewers?|authors?|written by|chaired by|prepared by))\s*:?\s*((?:Dr |Professor |Prof\.? )?[A-Z][a-z]+(?:[ -][A-Z][a-zA-Z'\-]+){1,2})(?:\s+and\s+((?:Dr |Professor )?[A-Z][a-z]+(?:[ -][A-Z][a-zA-Z'\-]+){1,2}))?)");
  auto clean_name = [](std::string name) {
    static const std::set<std::string> kStop = {
        "Published", "Publication", "Final",    "Version",  "Date",        "Draft",  "Approved",
        "Report",    "Overview",    "Review",   "Board",    "Chair",       "Author", "January",
        "February",  "March",       "April",    "May",      "June",        "July",   "August",
        "September", "October",     "November", "December", "Independent", "Lead"};
    std::vector<std::string> words;
    size_t start = 0;
    while (start <= name.size()) {
      size_t sp = name.find(' ', start);
      if (sp == std::string::npos) sp = name.size();
      words.push_back(name.substr(start, sp - start));
      start = sp + 1;
    }
    size_t keep = 0;
    for (; keep < words.size(); ++keep) {
      const std::string& w = words[keep];
      bool initials = w.size() >= 2 && std::all_of(w.begin(), w.end(), [](char c) {
                        return std::isupper(static_cast<unsigned char>(c)) || c == '.';
                      });
      if (keep >= 2 && (kStop.count(w) || initials)) break;
      if (keep < 2 && kStop.count(w) && keep > 0) break;
    }
    std::string out;
    for (size_t i = 0; i < keep; ++i) out += (i ? " " : "") + words[i];
    // a title with one name ("Dr Ruth") is not a name
    size_t names = 0;
    for (size_t i = 0; i < keep; ++i) {
      if (words[i] != "Dr" && words[i] != "Professor" && words[i] != "Prof" &&
          words[i] != "Prof.") {
        ++names;
      }
    }
    return names >= 2 ? out : std::string();
  };
  auto find_authors = [&](const std::string& s, int page, bool chair) {
    std::string label, a1, a2;
    re2::StringPiece in(s);
    static const std::set<std::string> kNotNames = {"Safeguarding Children", "The Partnership",
                                                    "The Board"};
    while (RE2::FindAndConsume(&in, kAuthorLabel, &label, &a1, &a2)) {
      std::string lower = label;
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if ((lower == "chaired by") != chair) continue;
      a1 = clean_name(a1);
      a2 = a2.empty() ? a2 : clean_name(a2);
      if (a1.empty() || kNotNames.count(a1)) continue;
      m.authors.push_back(Value(a1, page));
      if (!a2.empty()) m.authors.push_back(Value(a2, page));
      return true;
    }
    return false;
  };
  auto in_author_zone = [](const Text& x) {
    return x.kind == SectionKind::kIntroduction || x.kind == SectionKind::kMethodology ||
           x.kind == SectionKind::kForeword || x.kind == SectionKind::kExecutiveSummary ||
           x.kind == SectionKind::kOther || x.kind == SectionKind::kTermsOfReference;
  };
  for (bool chair : {false, true}) {
    if (find_authors(cover_text, cover_page, chair)) break;
    bool found = false;
    for (const Text& x : texts) {
      if (x.cover || !in_author_zone(x)) continue;
      if ((found = find_authors(x.text, x.page, chair))) break;
    }
    if (found) break;
  }
  return m;
}

}  // namespace scrx::extract
