// Fuzz entry points: each turns arbitrary bytes into the input of one part of scrx and runs it.
// The libFuzzer targets (fuzz/*_fuzzer.cc) call them from LLVMFuzzerTestOneInput; the replay
// program (fuzz/replay_main.cc) calls them on the seed corpora and on saved crash reproducers,
// with any compiler, as part of the normal test suite. The input formats are described in
// fuzz/README.md; every byte string is a valid input.
#ifndef SCRX_FUZZ_FUZZ_ENTRY_H_
#define SCRX_FUZZ_FUZZ_ENTRY_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "document.h"

namespace scrx::fuzz {

// The targets, by name: "layout", "analyze", "tag", "patterns".
using EntryFn = void (*)(const std::uint8_t* data, std::size_t size);
EntryFn FindEntry(std::string_view name);

// (a) Word boxes -> layout::BuildLayout -> segment::Segment.
void FuzzLayout(const std::uint8_t* data, std::size_t size);
// (b) Marked-up text -> RawDocument -> app::AnalyzeDocument (layout, segment, tag, extract).
void FuzzAnalyze(const std::uint8_t* data, std::size_t size);
// (c) Sections of text -> tag::Tagger::Tag and Tagger::SentencePresent (shipped patterns).
void FuzzTag(const std::uint8_t* data, std::size_t size);
// (d) YAML files -> tag::PatternSet::FromStrings; a set that loads tags its own examples.
void FuzzPatterns(const std::uint8_t* data, std::size_t size);

// The decoders, for seed making and tests.
RawDocument DecodeWords(const std::uint8_t* data, std::size_t size);
std::string EncodeWords(const RawDocument& raw, int max_pages);
RawDocument DecodeText(std::string_view text);

}  // namespace scrx::fuzz

#endif  // SCRX_FUZZ_FUZZ_ENTRY_H_
