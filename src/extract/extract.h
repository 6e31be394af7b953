// Extract: the records users copy out of a review by hand: its recommendations (number, text,
// addressee and the addressee's kind, any response printed with it), its key findings or
// learning points, and its metadata (review type, subjects, board, dates, agencies, authors).
// All work on the segmented sections; metadata fields are filled only when the report says
// them, never guessed.
#ifndef SCRX_EXTRACT_EXTRACT_H_
#define SCRX_EXTRACT_EXTRACT_H_

#include <string>
#include <string_view>
#include <vector>

#include "document.h"

namespace scrx::extract {

// Recommendations in document order: labelled ("Recommendation 1:", "R1", "Rec 1"), numbered
// paragraphs or list items inside a recommendations section, rows of a recommendations table
// (continued over page breaks), separate lists per agency (numbering that restarts), national
// recommendations, and "Finding 1 ... Recommendation 1" pairs. An action plan table that repeats
// recommendations already found is not counted twice.
std::vector<Recommendation> ExtractRecommendations(const std::vector<Section>& sections);

// The addressee at the start of a recommendation ("The LSCB", "Eastbridge Police"), or "" when
// the text does not name one before its verb ("should", "must", "to ensure", ...).
std::string FindAddressee(std::string_view text);

// The kind of an addressee: partnership_board, childrens_social_care, police, health_acute,
// health_community, health_primary_care, mental_health, education, probation, housing,
// national_government or other. `context` (the recommendation's text) settles councils and NHS
// trusts whose names alone do not say what service they run.
std::string AddresseeKind(std::string_view addressee, std::string_view context = {});

// Key findings / learning points: headed findings ("Finding 1: ..."), numbered or bulleted
// learning points, or headed paragraphs, from the sections of kind findings (else conclusion).
std::vector<Finding> ExtractFindings(const std::vector<Section>& sections);

// Metadata from the cover, the PDF information and the body text.
Metadata ExtractMetadata(const std::vector<Section>& sections, const PdfInfo& info);

}  // namespace scrx::extract

#endif  // SCRX_EXTRACT_EXTRACT_H_
