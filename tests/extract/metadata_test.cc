// Review metadata from hand-built sections (the phrasings reviews use on their covers and in
// their opening sections) and from laid-out pages (a cover and an introduction). Every sentence
// here is invented; the places, boards and people do not exist.
#include <gtest/gtest.h>

#include "extract/extract.h"
#include "layout/layout.h"
#include "segment/segment.h"
#include "testing/raw_builder.h"

namespace scrx::extract {
namespace {

Paragraph Para(std::string text, int page = 3, Paragraph::Kind kind = Paragraph::Kind::kText,
               std::string number = "") {
  Paragraph p;
  p.text = std::move(text);
  p.kind = kind;
  p.number = std::move(number);
  p.page = p.page_end = page;
  return p;
}

Paragraph Item(std::string text, int page = 4) {
  return Para(std::move(text), page, Paragraph::Kind::kListItem, "•");
}

Section Sec(std::string title, SectionKind kind, std::vector<Paragraph> paras, int level = 1) {
  Section s;
  s.title = std::move(title);
  s.kind = s.title_kind = kind;
  s.level = level;
  s.paragraphs = std::move(paras);
  if (!s.paragraphs.empty()) {
    s.page_start = s.paragraphs.front().page;
    s.page_end = s.paragraphs.back().page_end;
  }
  return s;
}

// A cover page: its title (the largest type) and its lines, one paragraph each, on page 1.
Section Cover(std::string title, std::vector<std::string> lines) {
  std::vector<Paragraph> paras;
  for (std::string& l : lines) paras.push_back(Para(std::move(l), 1));
  Section s = Sec(std::move(title), SectionKind::kCover, std::move(paras));
  s.page_start = s.page_end = 1;
  return s;
}

Section Intro(std::vector<Paragraph> paras) {
  return Sec("Introduction", SectionKind::kIntroduction, std::move(paras));
}

std::vector<std::string> Values(const std::vector<MetaValue>& v) {
  std::vector<std::string> out;
  for (const MetaValue& m : v) out.push_back(m.value);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Published

TEST(MetadataPublished, PublishedLabelBeatsAnApprovalDate) {
  std::vector<Section> s = {
      Cover("Serious Case Review: Child M",
            {"Serious Case Review: Child M", "Sallowmere Safeguarding Children Partnership",
             "Approved by the Board: 20 May 2021", "Published: June 2021"}),
      Intro({Para("This review looks at the help given to Child M and her mother.")})};
  Metadata m = ExtractMetadata(s, {});
  EXPECT_EQ(m.published.value, "2021-06");
  EXPECT_EQ(m.published.page, 1);

  // Whatever the order, and even when the approval date is the later one.
  std::vector<Section> s2 = {Cover("Serious Case Review: Child M",
                                   {"Serious Case Review: Child M",
                                    "Published: June 2021. Approved by the Board: 20 July 2021"})};
  EXPECT_EQ(ExtractMetadata(s2, {}).published.value, "2021-06");
}

TEST(MetadataPublished, EventDateOnTheCoverIsNotThePublicationDate) {
  std::vector<Section> s = {
      Cover("Safeguarding Adults Review: Adult A",
            {"Safeguarding Adults Review: Adult A",
             "A review following the death of Adult A in November 2017",
             "Wendlemere Safeguarding Adults Board", "Final report: August 2019"})};
  Metadata m = ExtractMetadata(s, {});
  EXPECT_EQ(m.published.value, "2019-08");
  EXPECT_EQ(m.published.page, 1);

  // The event date alone says nothing about publication.
  std::vector<Section> only_event = {
      Cover("Safeguarding Adults Review: Adult A",
            {"Safeguarding Adults Review: Adult A",
             "A review following the death of Adult A in November 2017"})};
  EXPECT_FALSE(ExtractMetadata(only_event, {}).published.known());
}

TEST(MetadataPublished, BareDateLineOnTheCover) {
  std::vector<Section> s = {Cover("Child Safeguarding Practice Review: Baby T",
                                  {"Child Safeguarding Practice Review: Baby T",
                                   "Eastholme Safeguarding Children Partnership", "October 2022"})};
  Metadata m = ExtractMetadata(s, {});
  EXPECT_EQ(m.published.value, "2022-10");
  EXPECT_EQ(m.published.page, 1);
}

TEST(MetadataPublished, DateOfReportLabelBeatsABareDate) {
  std::vector<Section> s = {Cover("Serious Case Review: Baby R",
                                  {"Serious Case Review: Baby R", "Draft circulated March 2020",
                                   "Date of report: 2 February 2020"})};
  EXPECT_EQ(ExtractMetadata(s, {}).published.value, "2020-02");
}

TEST(MetadataPublished, CoverWithoutDatesGivesNull) {
  std::vector<Section> s = {
      Cover("Serious Case Review: Child M",
            {"Serious Case Review: Child M", "Sallowmere Safeguarding Children Partnership",
             "Overview report"}),
      Intro({Para("The review was carried out using a systems approach and practitioners were "
                  "interviewed in small groups.")})};
  Metadata m = ExtractMetadata(s, {});
  EXPECT_FALSE(m.published.known());
  EXPECT_EQ(m.published.page, 0);
}

TEST(MetadataPublished, StatedPublicationDateInTheBody) {
  std::vector<Section> s = {
      Intro({Para("This report was published in September 2018 by the Board.", 2)})};
  Metadata m = ExtractMetadata(s, {});
  EXPECT_EQ(m.published.value, "2018-09");
  EXPECT_EQ(m.published.page, 2);
}

TEST(MetadataPublished, PublicationOfCitedGuidanceIsNotTheReviews) {
  // Regression (this was wrong before): with no date on the cover, the fallback takes the first
  // sentence anywhere in the report that says "published" and reads a date from it, so the
  // publication date of the statutory guidance the review cites becomes the review's own (2018-07),
  // against "never guessed".
  std::vector<Section> s = {
      Cover("Local Child Safeguarding Practice Review: Child W",
            {"Local Child Safeguarding Practice Review: Child W"}),
      Intro({Para("Working Together to Safeguard Children, published in July 2018, sets out the "
                  "duties of the safeguarding partners to commission local reviews.")})};
  EXPECT_FALSE(ExtractMetadata(s, {}).published.known());
}

TEST(MetadataPublished, FallbackReadsTheDateAfterPublished) {
  // Regression (this was wrong before): the fallback reads the first date after the first 'P', 'p',
  // 'F' or 'f' of the paragraph (x.text.find_first_of("PpFf")), not after the word "published":
  // here the 'p' of "completed" comes first and the completion date (2021-02) is returned.
  std::vector<Section> s = {Intro({Para(
      "The review was completed in February 2021 and published in June 2021 after the criminal "
      "trial had ended.")})};
  EXPECT_EQ(ExtractMetadata(s, {}).published.value, "2021-06");
}

TEST(MetadataPublished, ReviewPeriodOnTheCoverIsNotPublication) {
  // Regression (this was wrong before): "to" is not among the event words of CoverDateRank, so both
  // dates of a review period printed on the cover rank as bare dates and the later one (2020-03)
  // becomes the publication date, though the cover does not say when the report was published.
  std::vector<Section> s = {
      Cover("Serious Case Review: Child V",
            {"Serious Case Review: Child V", "Period under review: April 2018 to March 2020"})};
  EXPECT_FALSE(ExtractMetadata(s, {}).published.known());
}

// ---------------------------------------------------------------------------------------------
// Commissioned

TEST(MetadataCommissioned, CommissionedSentenceBeatsAnEarlierDecision) {
  std::vector<Section> s = {Intro(
      {Para("On 14 January 2018 the Rapid Review meeting agreed that the criteria for a local "
            "child safeguarding practice review were met."),
       Para("The review was commissioned in March 2018 and an independent reviewer was appointed "
            "the following month.",
            4)})};
  Metadata m = ExtractMetadata(s, {});
  EXPECT_EQ(m.commissioned.value, "2018-03");
  EXPECT_EQ(m.commissioned.page, 4);
}

TEST(MetadataCommissioned, DecisionThatTheCriteriaWereMet) {
  std::vector<Section> s = {
      Intro({Para("Child E was taken to hospital with a serious head injury. The independent "
                  "chair of the Local Safeguarding Children Board decided in August 2014 that "
                  "the criteria for a serious case review were met.")})};
  Metadata m = ExtractMetadata(s, {});
  EXPECT_EQ(m.commissioned.value, "2014-08");
  EXPECT_EQ(m.commissioned.page, 3);
}

TEST(MetadataCommissioned, AssessmentCommissionedFromASocialWorkerDoesNotCount) {
  Section background =
      Sec("Background", SectionKind::kBackground,
          {Para("Children's social care commissioned a parenting assessment from an independent "
                "social worker in May 2016.",
                4)});
  // Alone, it gives nothing.
  EXPECT_FALSE(ExtractMetadata({background}, {}).commissioned.known());
  // After a decision about the review, the decision stands.
  std::vector<Section> s = {
      Intro({Para("The Partnership agreed in November 2019 that the criteria for a review were "
                  "met.")}),
      background};
  Metadata m = ExtractMetadata(s, {});
  EXPECT_EQ(m.commissioned.value, "2019-11");
  EXPECT_EQ(m.commissioned.page, 3);
}

TEST(MetadataCommissioned, AssessmentDuringThePeriodUnderReviewDoesNotCount) {
  // Regression (this was wrong before): kAboutReview accepts any sentence with the word "review",
  // so "during the period under review" makes the commissioning of a parenting assessment the
  // commissioning of the review: commissioned is 2016-05 instead of the decision date 2019-11.
  std::vector<Section> s = {
      Intro({Para("The Partnership agreed in November 2019 that the criteria for a review were "
                  "met.")}),
      Sec("Background", SectionKind::kBackground,
          {Para("During the period under review, children's social care commissioned a parenting "
                "assessment from an independent social worker in May 2016.",
                4)})};
  EXPECT_EQ(ExtractMetadata(s, {}).commissioned.value, "2019-11");
}

TEST(MetadataCommissioned, NoStatementGivesNull) {
  std::vector<Section> s = {Intro(
      {Para("The review was carried out in 2019 using the Welsh model of learning events.")})};
  EXPECT_FALSE(ExtractMetadata(s, {}).commissioned.known());
}

// ---------------------------------------------------------------------------------------------
// Child's age

std::string ChildAge(std::vector<Paragraph> paras, std::string title = "") {
  PdfInfo info;
  info.title = std::move(title);
  return ExtractMetadata({Intro(std::move(paras))}, info).child_age.value;
}

TEST(MetadataChildAge, YearsAndMonths) {
  EXPECT_EQ(ChildAge({Para("Child D was taken to hospital in February 2020, when he was two years "
                           "and four months old, with a fractured femur.")}),
            "2 years 4 months");
  EXPECT_EQ(ChildAge({Para("At 1 year 3 months of age Baby G was found unresponsive.")}),
            "1 year 3 months");
}

TEST(MetadataChildAge, HyphenatedYearOld) {
  EXPECT_EQ(ChildAge({Para("This review concerns Tyler, a 15-year-old boy who was found with "
                           "stab wounds in a park in the early hours of the morning.")}),
            "15 years");
  EXPECT_EQ(ChildAge({Para("Kacey was a one-year-old girl who lived with her grandmother.")}),
            "1 year");
}

TEST(MetadataChildAge, AgedWeeks) {
  Metadata m = ExtractMetadata(
      {Sec("Summary", SectionKind::kExecutiveSummary,
           {Para("Baby F was aged nine weeks when she was brought to the emergency department with "
                 "bruising to her face.",
                 2)})},
      {});
  EXPECT_EQ(m.child_age.value, "9 weeks");
  EXPECT_EQ(m.child_age.page, 2);
}

TEST(MetadataChildAge, SiblingsAgesInOrder) {
  EXPECT_EQ(ChildAge({Para("The review concerns three siblings. At the time of the referral Isla, "
                           "who was 13, Jayden, who was 11, and Amber, who was seven, lived with "
                           "their mother. Their mother, who was 32 at the time, worked nights.")}),
            "13, 11 and 7 years");
}

TEST(MetadataChildAge, WhenSheWasTwelve) {
  EXPECT_EQ(ChildAge({Para("Child Q moved to the area when she was twelve and was placed with "
                           "foster carers.")}),
            "12 years");
}

TEST(MetadataChildAge, OffenderConvictionAgeIsIgnored) {
  EXPECT_EQ(ChildAge({Para("Mother's partner had been convicted in 2012 of assaulting a "
                           "thirteen-year-old girl. Child P was aged nine weeks when she was "
                           "admitted to hospital.")}),
            "9 weeks");
  EXPECT_EQ(ChildAge({Para("Mother's partner had been convicted in 2012 of assaulting a "
                           "thirteen-year-old girl.")}),
            "");
}

TEST(MetadataChildAge, SubjectDescribedAsAVictimKeepsHerAge) {
  // Regression (this was wrong before): the offender filter drops every sentence with "victim",
  // "offences", "convicted", ..., including the sentence that states the subject's own age in a
  // review of child sexual exploitation: child_age is empty instead of "15 years".
  EXPECT_EQ(ChildAge({Para("This review concerns Jade, a 15-year-old girl who was the victim of "
                           "sexual exploitation by a group of adult men.")}),
            "15 years");
}

TEST(MetadataChildAge, NoneForAdultReviews) {
  EXPECT_EQ(ChildAge({Para("Mr K left care when he was seventeen and moved into a hostel.")},
                     "Safeguarding Adults Review: Mr K"),
            "");
  EXPECT_EQ(ChildAge({Para("Ms L's son, who was 12, was asleep upstairs. He was aged 12 years at "
                           "the time.")},
                     "Domestic Homicide Review into the death of Ms L"),
            "");
  // The same words in a review about a child are read.
  EXPECT_EQ(ChildAge({Para("Mr K left care when he was seventeen and moved into a hostel.")},
                     "Serious Case Review: Young Person K"),
            "17 years");
}

TEST(MetadataChildAge, OnlyTheOpeningSections) {
  Metadata m = ExtractMetadata(
      {Sec("Analysis", SectionKind::kAnalysis,
           {Para("Child P was aged nine weeks when she was admitted to hospital.")}),
       Intro({Para("Child P was aged nine weeks when she was admitted.", 8)})},
      {});
  EXPECT_FALSE(m.child_age.known());
}

// ---------------------------------------------------------------------------------------------
// Period under review

TEST(MetadataPeriod, FromAScopeSentence) {
  std::vector<Section> s = {
      Sec("Terms of reference", SectionKind::kTermsOfReference,
          {Para("The review considered agency involvement from 1 October 2019 to the death of "
                "Child H in March 2021.",
                4)})};
  Metadata m = ExtractMetadata(s, {});
  EXPECT_EQ(m.period_from.value, "2019-10");
  EXPECT_EQ(m.period_to.value, "2021-03");
  EXPECT_EQ(m.period_from.page, 4);
  EXPECT_EQ(m.period_to.page, 4);
}

TEST(MetadataPeriod, BetweenAndPeriodUnderReview) {
  std::vector<Section> s = {
      Sec("Scope", SectionKind::kTermsOfReference,
          {Para("The period under review is between April 2017 and September 2019, with relevant "
                "history summarised where it helps.")})};
  Metadata m = ExtractMetadata(s, {});
  EXPECT_EQ(m.period_from.value, "2017-04");
  EXPECT_EQ(m.period_to.value, "2019-09");
}

TEST(MetadataPeriod, DatesOutsideAScopeSentenceAreNotAPeriod) {
  std::vector<Section> s = {Sec(
      "Background", SectionKind::kBackground,
      {Para("The family lived in Eastholme from May 2015 to January 2017 and then moved away.")})};
  Metadata m = ExtractMetadata(s, {});
  EXPECT_FALSE(m.period_from.known());
  EXPECT_FALSE(m.period_to.known());
}

// ---------------------------------------------------------------------------------------------
// Review type

TEST(MetadataReviewType, FromTitlesOfEachKind) {
  struct Case {
    const char* title;
    const char* type;
  };
  const Case cases[] = {
      {"Serious Case Review: Baby F", "scr"},
      {"Child Safeguarding Practice Review: Child S", "cspr"},
      {"Local Child Safeguarding Practice Review: Siblings A and B", "lcspr"},
      {"LCSPR Child W overview report", "lcspr"},
      {"Safeguarding Adults Review: Mr K", "sar"},
      {"Domestic Homicide Review into the death of Ms L", "dhr"},
      {"Concise Child Practice Review: Baby M", "child_practice_review_wales"},
      {"Extended Child Practice Review: Child N", "child_practice_review_wales"},
      {"Adult Practice Review: Mrs G", "adult_practice_review_wales"},
      {"Child Safeguarding Practice Review Panel: national review of harm to disabled children",
       "national_review"},
      {"Learning Review: Baby H", "learning_review"},
  };
  for (const Case& c : cases) {
    PdfInfo info;
    info.title = c.title;
    Metadata m = ExtractMetadata({Cover("", {"Final report"})}, info);
    EXPECT_EQ(m.review_type.value, c.type) << c.title;
    EXPECT_EQ(m.title.value, c.title);
  }
}

TEST(MetadataReviewType, CoverTitleWhenThePdfTitleIsJunk) {
  PdfInfo info;
  info.title = "Microsoft Word - SAR final v3.docx";
  Metadata m = ExtractMetadata(
      {Cover("Safeguarding Adults Review: Mrs J",
             {"Safeguarding Adults Review: Mrs J", "Wendlemere Safeguarding Adults Board"})},
      info);
  EXPECT_EQ(m.title.value, "Safeguarding Adults Review: Mrs J");
  EXPECT_EQ(m.title.page, 1);
  EXPECT_EQ(m.review_type.value, "sar");
}

TEST(MetadataReviewType, FromTheFirstPagesWhenTitleAndCoverAreSilent) {
  std::vector<Section> s = {
      Intro({Para("This domestic homicide review examines the contact agencies had with Ms B "
                  "before her death.",
                  2)})};
  Metadata m = ExtractMetadata(s, {});
  EXPECT_EQ(m.review_type.value, "dhr");
  EXPECT_EQ(m.review_type.page, 2);
  // Not from later pages.
  s = {Intro(
      {Para("This domestic homicide review examines the contact agencies had with Ms B.", 7)})};
  EXPECT_FALSE(ExtractMetadata(s, {}).review_type.known());
}

TEST(MetadataReviewType, ThePanelsNameIsNotACspr) {
  std::vector<Section> s = {
      Cover("Learning from the experience of Child T",
            {"Learning from the experience of Child T",
             "A report shared with the Child Safeguarding Practice Review Panel"})};
  EXPECT_FALSE(ExtractMetadata(s, {}).review_type.known());
  // A local review that mentions the Panel is still local.
  s = {Cover("Local Child Safeguarding Practice Review: Child T",
             {"Local Child Safeguarding Practice Review: Child T",
              "Notified to the Child Safeguarding Practice Review Panel in May 2021"})};
  EXPECT_EQ(ExtractMetadata(s, {}).review_type.value, "lcspr");
}

// ---------------------------------------------------------------------------------------------
// Board

TEST(MetadataBoard, FromThePdfAuthor) {
  PdfInfo info;
  info.author = "Eastholme Safeguarding Children Partnership";
  Metadata m = ExtractMetadata({Cover("", {"Child Safeguarding Practice Review"})}, info);
  EXPECT_EQ(m.board.value, "Eastholme Safeguarding Children Partnership");
}

TEST(MetadataBoard, FromTheCoverOrTheFirstPages) {
  struct Case {
    const char* line;
    const char* board;
  };
  const Case cases[] = {
      {"Commissioned by the Wendlemere Safeguarding Adults Board",
       "Wendlemere Safeguarding Adults Board"},
      {"Brackenwick and Ravensmere Local Safeguarding Children Board",
       "Brackenwick and Ravensmere Local Safeguarding Children Board"},
      {"Mid Caerllan Regional Safeguarding Children Board",
       "Mid Caerllan Regional Safeguarding Children Board"},
      {"Brackenwick Community Safety Partnership", "Brackenwick Community Safety Partnership"},
      {"The Child Safeguarding Practice Review Panel", "Child Safeguarding Practice Review Panel"},
  };
  for (const Case& c : cases) {
    Metadata m = ExtractMetadata({Cover("", {c.line})}, {});
    EXPECT_EQ(m.board.value, c.board) << c.line;
    EXPECT_EQ(m.board.page, 1) << c.line;
  }
  Metadata m = ExtractMetadata(
      {Intro({Para("This review was commissioned by the Fenbridge Safeguarding Children "
                   "Partnership after Child C was injured.",
                   2)})},
      {});
  EXPECT_EQ(m.board.value, "Fenbridge Safeguarding Children Partnership");
  EXPECT_EQ(m.board.page, 2);
}

TEST(MetadataBoard, NameDoesNotTakeTheCapitalisedWordsBeforeIt) {
  // Regression (this was wrong before): the board pattern takes up to six capitalised words before
  // "Safeguarding ... Board" and only strips "The", "This", "By", ...; on a cover whose lines
  // segmentation has run together (see MetadataLaidOut.CoverAndIntroduction) the words of the line
  // above join the name: "Overview Report Fenbridge Local Safeguarding Children Board", "Ms B
  // Brackenwick Community Safety Partnership".
  Metadata m = ExtractMetadata(
      {Cover("", {"Overview Report Fenbridge Local Safeguarding Children Board Independent "
                  "Reviewer: Dr Ruth Callow"})},
      {});
  EXPECT_EQ(m.board.value, "Fenbridge Local Safeguarding Children Board");
  m = ExtractMetadata({Cover("", {"Domestic Homicide Review Overview Report Into the death of Ms "
                                  "B Brackenwick Community Safety Partnership"})},
                      {});
  EXPECT_EQ(m.board.value, "Brackenwick Community Safety Partnership");
}

// ---------------------------------------------------------------------------------------------
// Authors

TEST(MetadataAuthors, IndependentReviewerOnTheCover) {
  Metadata m = ExtractMetadata(
      {Cover("Serious Case Review: Child M",
             {"Serious Case Review: Child M", "Independent reviewer: Helen Ashworth"})},
      {});
  EXPECT_EQ(Values(m.authors), std::vector<std::string>{"Helen Ashworth"});
  EXPECT_EQ(m.authors[0].page, 1);
}

TEST(MetadataAuthors, WrittenByTwoPeople) {
  Metadata m = ExtractMetadata(
      {Sec("Methodology", SectionKind::kMethodology,
           {Para("The report was written by Dr Priya Lakhani and Tom Ferris, independent "
                 "safeguarding consultants with no connection to the agencies involved.",
                 4)})},
      {});
  EXPECT_EQ(Values(m.authors), (std::vector<std::string>{"Dr Priya Lakhani", "Tom Ferris"}));
  EXPECT_EQ(m.authors[1].page, 4);
}

TEST(MetadataAuthors, NotFromTheNarrative) {
  Metadata m =
      ExtractMetadata({Sec("Chronology", SectionKind::kChronology,
                           {Para("A letter written by Dr Samuel Okafor was sent to the school.")})},
                      {});
  EXPECT_TRUE(m.authors.empty());
}

TEST(MetadataAuthors, PostNominalLettersAreNotPartOfTheName) {
  // Regression (this was wrong before): the name pattern takes up to three capitalised words, so
  // qualifications printed after the name on a cover are kept: "Helen Ashworth MA" instead of
  // "Helen Ashworth".
  Metadata m = ExtractMetadata(
      {Cover("Serious Case Review: Child M",
             {"Serious Case Review: Child M", "Independent reviewer: Helen Ashworth MA CQSW"})},
      {});
  EXPECT_EQ(Values(m.authors), std::vector<std::string>{"Helen Ashworth"});
}

TEST(MetadataAuthors, NameStopsAtTheNextCoverLine) {
  // Regression (this was wrong before): see MetadataLaidOut.AuthorOnACoverWhoseLinesRunTogether;
  // the cover paragraph as segmentation gives it yields "Dr Ruth Callow Published".
  Metadata m = ExtractMetadata(
      {Cover("Serious Case Review: Baby F",
             {"Serious Case Review: Baby F",
              "Overview report Fenbridge Safeguarding Children Partnership Independent reviewer: "
              "Dr Ruth Callow Published: February 2020"})},
      {});
  EXPECT_EQ(Values(m.authors), std::vector<std::string>{"Dr Ruth Callow"});
}

TEST(MetadataAuthors, ThePanelChairIsNotTheAuthor) {
  // Regression (this was wrong before): "chaired by" is one of the author labels and the first
  // label in the paragraph wins, so the chair of the review panel is reported as the author
  // ("Graham Pike") and the named author is not.
  Metadata m = ExtractMetadata(
      {Sec("Methodology", SectionKind::kMethodology,
           {Para("The review panel was chaired by Graham Pike, Head of Quality Assurance at "
                 "Brackenwick Borough Council. The overview report was written by Dr Priya "
                 "Lakhani.",
                 4)})},
      {});
  EXPECT_EQ(Values(m.authors), std::vector<std::string>{"Dr Priya Lakhani"});
}

// ---------------------------------------------------------------------------------------------
// Subjects

TEST(MetadataSubjects, PseudonymAfterTheTitlesColon) {
  PdfInfo info;
  info.title = "Serious Case Review: Baby F";
  Metadata m = ExtractMetadata({Cover("", {"Overview report"})}, info);
  EXPECT_EQ(Values(m.subjects), std::vector<std::string>{"Baby F"});
  EXPECT_EQ(m.subjects[0].page, 1);

  info.title = "Serious Case Review: Children X, Y and Z";
  EXPECT_EQ(Values(ExtractMetadata({}, info).subjects), (std::vector<std::string>{"X", "Y", "Z"}));
  info.title = "Safeguarding Adults Review: Adult D - Final Report";
  EXPECT_EQ(Values(ExtractMetadata({}, info).subjects), std::vector<std::string>{"Adult D"});
  // Not a pseudonym: a description after the colon.
  info.title = "Serious Case Review: the response to neglect in Eastholme";
  EXPECT_TRUE(ExtractMetadata({}, info).subjects.empty());
}

TEST(MetadataSubjects, NameTheReportSaysItUses) {
  Metadata m = ExtractMetadata(
      {Intro({Para("The child at the centre of this review is known as Child S throughout the "
                   "report.")})},
      {});
  EXPECT_EQ(Values(m.subjects), std::vector<std::string>{"Child S"});
  EXPECT_EQ(m.subjects[0].page, 3);
  m = ExtractMetadata({Intro({Para("The young woman is referred to in this report as Ellie, a "
                                   "name she chose herself.")})},
                      {});
  EXPECT_EQ(Values(m.subjects), std::vector<std::string>{"Ellie"});
}

TEST(MetadataSubjects, CalledInTheNarrativeIsNotAPseudonym) {
  // Regression (this was wrong before): "called" is one of the naming phrases, so a sentence of the
  // chronology where someone telephones an agency makes the agency's first word a subject: subjects
  // = ["Brackenwick"].
  Metadata m = ExtractMetadata(
      {Sec("Chronology", SectionKind::kChronology,
           {Para("On 3 March 2020 Ms B called Brackenwick Police to report that her former "
                 "partner was outside the house.",
                 6)})},
      {});
  EXPECT_TRUE(m.subjects.empty());
}

// ---------------------------------------------------------------------------------------------
// Outcome

TEST(MetadataOutcome, DeathOrSeriousHarm) {
  Metadata m = ExtractMetadata(
      {Intro({Para("Child H died in hospital two days after she was found unresponsive at "
                   "home.")})},
      {});
  EXPECT_EQ(m.outcome.value, "death");
  EXPECT_EQ(m.outcome.page, 3);

  m = ExtractMetadata(
      {Intro({Para("Child J was admitted to hospital with a fractured skull and bleeding on the "
                   "brain. He has since made a good recovery.")})},
      {});
  EXPECT_EQ(m.outcome.value, "serious_harm");

  // Harm first, then the death: death.
  m = ExtractMetadata(
      {Intro({Para("Baby K was admitted to hospital with a serious head injury.", 2),
              Para("Despite treatment, Baby K died four days later.", 3)})},
      {});
  EXPECT_EQ(m.outcome.value, "death");
  EXPECT_EQ(m.outcome.page, 3);
}

TEST(MetadataOutcome, OnlyTheOpeningSections) {
  Metadata m = ExtractMetadata(
      {Sec("Analysis", SectionKind::kAnalysis,
           {Para("Had the risk been recognised, the death of a child in similar circumstances "
                 "might be prevented.")}),
       Intro({Para("Child J died in hospital.", 7)})},
      {});
  EXPECT_FALSE(m.outcome.known());
}

TEST(MetadataOutcome, StatutoryCriteriaQuotedInTheIntroductionDoNotMeanDeath) {
  // Regression (this was wrong before): an introduction that quotes the criteria for a review ("the
  // child has died or has been seriously harmed") is read as a death, and a death beats serious
  // harm: outcome is "death" for a child who survived his injuries.
  Metadata m = ExtractMetadata(
      {Intro({Para("A serious case review must be undertaken where abuse or neglect of a child is "
                   "known or suspected and either the child has died or the child has been "
                   "seriously harmed and there is cause for concern about how agencies worked "
                   "together.",
                   2),
              Para("Child J suffered serious head injuries in March 2019 and survived.", 3)})},
      {});
  EXPECT_EQ(m.outcome.value, "serious_harm");
}

// ---------------------------------------------------------------------------------------------
// Agencies

TEST(MetadataAgencies, ListIntroducedAsContributingAgencies) {
  std::vector<Section> s = {
      Sec("Terms of reference", SectionKind::kTermsOfReference,
          {Para("The review sought answers to the following questions for the agencies "
                "involved:"),
           Item("How well did Brackenwick Police respond to reports of domestic abuse?", 3),
           Item("Did Children's Social Care understand the risk posed by Mr Y?", 3),
           Item("Were the Health Visiting Service and the GP Practice aware of each other's "
                "concerns?",
                3)}),
      Sec("Methodology", SectionKind::kMethodology,
          {Para("The following agencies contributed chronologies and reports to the review:", 4),
           Item("Brackenwick Borough Council Children's Social Care (IMR);"),
           Item("Brackenwick Police (chronology and short report);"),
           Item("Kestrel Lane Medical Practice, GP practice of Adult B;"),
           Item("Ravensmere Healthcare NHS Foundation Trust, which also represented the health "
                "visiting service; and"),
           Item("Brackenwick Women's Refuge.", 5),
           Para("Each agency was asked to analyse its own practice.", 5),
           Item("Ravensmere Housing Association")})};
  Metadata m = ExtractMetadata(s, {});
  EXPECT_EQ(Values(m.agencies),
            (std::vector<std::string>{"Brackenwick Borough Council Children's Social Care",
                                      "Brackenwick Police", "Kestrel Lane Medical Practice",
                                      "Ravensmere Healthcare NHS Foundation Trust",
                                      "Brackenwick Women's Refuge"}));
  ASSERT_EQ(m.agencies.size(), 5u);
  EXPECT_EQ(m.agencies[4].page, 5);
}

TEST(MetadataAgencies, DescriptionAfterAColonIsStripped) {
  // Regression (this was wrong before): a description after a comma or in brackets is dropped, but
  // not one after a colon, a form DHRs use ("... NHS Foundation Trust: maternity services and the
  // emergency department" in corpus/dhr-ms-l-2022): the whole item is kept as the agency's name.
  std::vector<Section> s = {
      Sec("Methodology", SectionKind::kMethodology,
          {Para("The following agencies contributed to the review:"),
           Item("Ravensmere Healthcare NHS Foundation Trust: health visiting and school nursing;"),
           Item("Brackenwick Police.")})};
  EXPECT_EQ(Values(ExtractMetadata(s, {}).agencies),
            (std::vector<std::string>{"Ravensmere Healthcare NHS Foundation Trust",
                                      "Brackenwick Police"}));
}

TEST(MetadataAgencies, NamesWithoutAnOrganisationWordAreKept) {
  // Regression (this was wrong before): an item is kept only when its name contains a word of a
  // fixed vocabulary (Police, Council, Trust, ...). Voluntary organisations and housing providers
  // named otherwise are dropped ("Harwick Women's Aid" and "Harwick Homes" in
  // corpus/scr-baby-kai-2017, both in its gold file): here only 1 of the 3 agencies is returned.
  std::vector<Section> s = {
      Sec("Review panel", SectionKind::kMethodology,
          {Para("The panel comprised senior representatives of:"), Item("Fenbridge Women's Aid;"),
           Item("Eastholme Homes (housing provider);"), Item("Brackenwick Police.")})};
  EXPECT_EQ(
      Values(ExtractMetadata(s, {}).agencies),
      (std::vector<std::string>{"Fenbridge Women's Aid", "Eastholme Homes", "Brackenwick Police"}));
}

TEST(MetadataAgencies, NotFromAListWithoutAnAgencyIntroduction) {
  std::vector<Section> s = {
      Sec("Background", SectionKind::kBackground,
          {Para("Over the following year the family moved three times:"),
           Item("to a flat owned by Ravensmere Housing Association;"), Item("to a refuge; and"),
           Item("to the home of Mother's sister.")})};
  EXPECT_TRUE(ExtractMetadata(s, {}).agencies.empty());
}

TEST(MetadataAgencies, NotFromRecommendations) {
  std::vector<Section> s = {
      Sec("Recommendations", SectionKind::kRecommendations,
          {Para("The following agencies should report progress to the Board:"),
           Item("Brackenwick Police"), Item("Ravensmere Healthcare NHS Foundation Trust")})};
  EXPECT_TRUE(ExtractMetadata(s, {}).agencies.empty());
}

// ---------------------------------------------------------------------------------------------
// Never guessed

TEST(MetadataNeverGuess, AReportThatStatesNothingGivesNulls) {
  std::vector<Section> s = {
      Sec("", SectionKind::kOther,
          {Para("This report sets out what practitioners told us about working with families "
                "who find it hard to engage.",
                1)}),
      Intro({Para("Practitioners took part in two learning events and their views are reflected "
                  "throughout. The family were invited to contribute.",
                  2)}),
      Sec("Analysis", SectionKind::kAnalysis,
          {Para("Agencies did not always share what they knew, and plans were not reviewed when "
                "circumstances changed.",
                5)})};
  Metadata m = ExtractMetadata(s, {});
  EXPECT_FALSE(m.title.known());
  EXPECT_FALSE(m.review_type.known());
  EXPECT_FALSE(m.board.known());
  EXPECT_FALSE(m.published.known());
  EXPECT_FALSE(m.commissioned.known());
  EXPECT_FALSE(m.period_from.known());
  EXPECT_FALSE(m.period_to.known());
  EXPECT_FALSE(m.child_age.known());
  EXPECT_FALSE(m.outcome.known());
  EXPECT_TRUE(m.subjects.empty());
  EXPECT_TRUE(m.agencies.empty());
  EXPECT_TRUE(m.authors.empty());
  EXPECT_EQ(m.title.page, 0);
}

TEST(MetadataNeverGuess, ShortOrJunkTitlesAreNotTitles) {
  PdfInfo info;
  info.title = "Microsoft Word - Document1";
  EXPECT_FALSE(ExtractMetadata({}, info).title.known());
  info.title = "Final";
  EXPECT_FALSE(ExtractMetadata({}, info).title.known());
}

// ---------------------------------------------------------------------------------------------
// From laid-out pages: a cover (title in the largest type, board, reviewer, publication date)
// and an introduction.

SegmentedDocument LaidOutReview(std::string* dump) {
  testing::RawBuilder b;
  testing::Style title{20, true}, heading{14, true};
  b.Page();
  b.Line(72, 200, "Serious Case Review: Baby F", title);
  b.Line(72, 260, "Overview report");
  b.Line(72, 300, "Fenbridge Safeguarding Children Partnership");
  b.Line(72, 340, "Independent reviewer: Dr Ruth Callow");
  b.Line(72, 380, "Published: February 2020");
  b.Page();
  b.Line(72, 72, "1. Introduction", heading);
  b.Lines(72, 100,
          {"1.1 This review was commissioned by Fenbridge Safeguarding Children Partnership in",
           "June 2018 after Baby F, who was aged seven weeks, was admitted to hospital with",
           "fractures to her ribs and a head injury."});
  b.Lines(72, 160,
          {"1.2 The review considered agency involvement from the booking appointment in",
           "August 2017 to Baby F's admission to hospital in May 2018."});
  LaidOutDocument laid = layout::BuildLayout(b.Build(), {nullptr});
  SegmentedDocument seg = segment::Segment(laid);
  for (const Section& sec : seg.sections) {
    *dump += "## " + sec.title + "\n";
    for (const Paragraph& p : sec.paragraphs) *dump += "  [" + p.id + "] " + p.text + "\n";
  }
  return seg;
}

TEST(MetadataLaidOut, CoverAndIntroduction) {
  std::string dump;
  SegmentedDocument seg = LaidOutReview(&dump);
  Metadata m = ExtractMetadata(seg.sections, {});
  EXPECT_EQ(m.title.value, "Serious Case Review: Baby F") << dump;
  EXPECT_EQ(m.review_type.value, "scr");
  EXPECT_EQ(Values(m.subjects), std::vector<std::string>{"Baby F"});
  EXPECT_EQ(m.board.value, "Fenbridge Safeguarding Children Partnership") << dump;
  EXPECT_EQ(m.board.page, 1);
  EXPECT_EQ(m.published.value, "2020-02");
  EXPECT_EQ(m.published.page, 1);
  EXPECT_EQ(m.commissioned.value, "2018-06");
  EXPECT_EQ(m.commissioned.page, 2);
  EXPECT_EQ(m.child_age.value, "7 weeks");
  EXPECT_EQ(m.outcome.value, "serious_harm");
  EXPECT_EQ(m.period_from.value, "2017-08");
  EXPECT_EQ(m.period_to.value, "2018-05");
  ASSERT_EQ(m.authors.size(), 1u);
  EXPECT_EQ(m.authors[0].page, 1);
}

TEST(MetadataLaidOut, AuthorOnACoverWhoseLinesRunTogether) {
  // Regression (this was wrong before): segmentation joins the cover's lines below the title into
  // one paragraph ("Overview report Fenbridge ... Independent reviewer: Dr Ruth Callow Published:
  // February 2020"), and the author pattern takes up to three capitalised words, so the next line's
  // first word joins the name: "Dr Ruth Callow Published". The corpus shows the same ("Dr Helen
  // Marsh Final" in scr-baby-kai-2017, "Helen Marsh June" in sar-ms-r-learning-disability-2022).
  std::string dump;
  SegmentedDocument seg = LaidOutReview(&dump);
  Metadata m = ExtractMetadata(seg.sections, {});
  EXPECT_EQ(Values(m.authors), std::vector<std::string>{"Dr Ruth Callow"}) << dump;
}

}  // namespace
}  // namespace scrx::extract
