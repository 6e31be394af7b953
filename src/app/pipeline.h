// One review, start to finish: read the PDF, lay out, segment, tag, extract. The batch runner
// (analyze.h) calls this in a child process per file; tests call it directly.
#ifndef SCRX_APP_PIPELINE_H_
#define SCRX_APP_PIPELINE_H_

#include <string>

#include "base/status.h"
#include "document.h"
#include "layout/dehyphenate.h"
#include "tag/pattern_set.h"

namespace scrx::app {

struct PipelineOptions {
  std::string password;                       // for encrypted PDFs
  const tag::PatternSet* patterns = nullptr;  // required; not owned
  const layout::Lexicon* lexicon = layout::DefaultLexicon();
};

// Analyses the PDF at `path`; `display_name` is what source.file says (the path as the user gave
// it). On failure the Status names the file and the reason; *out is then unspecified.
Status AnalyzeFile(const std::string& path, const std::string& display_name,
                   const PipelineOptions& options, Review* out);

// The stages after ingest, on a document already read (for tests and fuzzing).
void AnalyzeDocument(RawDocument raw, const PipelineOptions& options, Review* out);

}  // namespace scrx::app

#endif  // SCRX_APP_PIPELINE_H_
