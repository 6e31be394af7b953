#include "app/pipeline.h"

#include "base/sha256.h"
#include "extract/extract.h"
#include "layout/layout.h"
#include "layout/text_quality.h"
#include "pdf/pdf_reader.h"
#include "segment/segment.h"
#include "tag/tagger.h"

namespace scrx::app {

void AnalyzeDocument(RawDocument raw, const PipelineOptions& options, Review* out) {
  out->source.pdf = raw.info;
  out->warnings = std::move(raw.warnings);
  out->source.page_text = layout::MeasureTextQuality(raw, options.lexicon, &out->warnings);
  layout::LayoutOptions lo;
  lo.lexicon = options.lexicon;
  LaidOutDocument laid = layout::BuildLayout(raw, lo);
  raw.pages.clear();  // the words are no longer needed
  SegmentedDocument seg = segment::Segment(laid);
  out->contents = std::move(seg.contents);
  out->sections = std::move(seg.sections);
  out->furniture = std::move(laid.furniture);
  for (Warning& w : laid.warnings) out->warnings.push_back(std::move(w));
  for (Warning& w : seg.warnings) out->warnings.push_back(std::move(w));
  out->metadata = extract::ExtractMetadata(out->sections, out->source.pdf);
  tag::Tagger tagger(options.patterns);
  tag::TagContext context;
  const std::string& type = out->metadata.review_type.value;
  context.adult_review = type == "sar" || type == "dhr" || type == "adult_practice_review_wales";
  out->themes = tagger.Tag(out->sections, &out->word_count, context);
  out->recommendations = extract::ExtractRecommendations(out->sections);
  out->findings = extract::ExtractFindings(out->sections);
}

Status AnalyzeFile(const std::string& path, const std::string& display_name,
                   const PipelineOptions& options, Review* out) {
  *out = Review{};
  out->source.file = display_name;
  RawDocument raw;
  pdf::ReadOptions ro;
  ro.password = options.password;
  if (Status s = pdf::ReadPdf(path, ro, &raw); !s.ok()) return s;
  if (Status s = Sha256File(path, &out->source.sha256, &out->source.bytes); !s.ok()) return s;
  AnalyzeDocument(std::move(raw), options, out);
  return Status::Ok();
}

}  // namespace scrx::app
