#!/usr/bin/python3
"""Where `scrx analyze` spends its time, by stage: a perf profile filed under scrx's stages.

    tools/bench/profile.py [PDFDIR] [-j N] [--freq HZ] [--out DIR]

Runs `scrx analyze PDFDIR -o NEW -jN --force` under `perf record --call-graph dwarf` (all
processes: the main one and its workers), then files each sample under the innermost of the
functions below that is on its stack: Poppler's text_list (what the floor measures), the rest
of reading the PDF, layout, text quality, segmentation, tagging, extraction, writing the JSON,
the main process's storing and reading back, the pattern load. Prints the shares, the parts of
tagging, and the top symbols by self time. Needs perf (Debian: linux-perf) and a build with
symbols (the default RelWithDebInfo, or Release: function names are enough).
"""

import argparse
import collections
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BUILD = Path(os.environ.get("SCRX_BUILD", ROOT / "build"))

# (stage, a piece of the mangled name of a function that starts it). The innermost match on a
# sample's stack wins, so the order only matters between names on the same frame.
STAGES = [
    ("poppler text_list (the floor)", "page9text_list"),
    ("malloc_trim", "malloc_trim"),
    ("tagging", "Tagger3Tag"),
    ("text quality", "MeasureTextQuality"),
    ("layout", "BuildLayout"),
    ("segmentation", "segment7Segment"),
    ("extraction", "scrx7extract"),
    ("JSON writing", "ReviewJson"),
    ("JSON writing", "WriteFileTemp"),
    ("main: reading the JSON back", "ReadReview"),
    ("main: storing (SQLite)", "StoreInCollection"),
    ("main: storing (SQLite)", "FlushTextIndex"),
    ("main: pattern load", "LiteralFilter7Analyze"),
    ("main: pattern load", "PatternSet7Compile"),
    ("main: pattern load", "LoadPattern"),
    ("main: hashing", "Sha256File"),
    ("reading the PDF, rest (load, destructors)", "ReadPdf"),
    ("pipeline, rest", "AnalyzeDocument"),
    ("pipeline, rest", "AnalyzeFile"),
    ("worker, rest", "WorkerMain"),
    ("main, rest", "RunAnalyze"),
]


def samples(script_output):
    """Yields the stack (innermost first) of each sample of `perf script` output."""
    stack = []
    for line in script_output:
        if not line.strip():
            if stack:
                yield stack
            stack = []
        elif line[0] == "\t":
            parts = line.strip().split(None, 1)
            stack.append(parts[1] if len(parts) > 1 else parts[0])
    if stack:
        yield stack


def demangled(names):
    """The names as C++ prints them (c++filt, from binutils), or as they are without it."""
    if shutil.which("c++filt") is None:
        return list(names)
    out = subprocess.run(["c++filt"], input="\n".join(names), capture_output=True, text=True)
    lines = out.stdout.split("\n")
    return lines[: len(names)] if len(lines) >= len(names) else list(names)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pdfdir", nargs="?", default="/tmp/scrx-bench/pdfs")
    ap.add_argument("-j", type=int, default=1, help="workers (default 1)")
    ap.add_argument("--freq", type=int, default=299, help="samples per second (default 299)")
    ap.add_argument("--out", default="/tmp/scrx-bench", help="where perf.data is written")
    args = ap.parse_args()
    if shutil.which("perf") is None:
        sys.exit("profile.py: perf is not installed (Debian: apt-get install linux-perf)")
    scrx = BUILD / "src/scrx"
    if not scrx.exists():
        sys.exit(f"profile.py: {scrx} is missing: build first (cd build && cmake .. && make)")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    data = out / "perf.data"
    with tempfile.TemporaryDirectory(prefix="scrx-profile-", dir=out) as analysed:
        subprocess.run(["perf", "record", "-q", "-F", str(args.freq), "--call-graph",
                        "dwarf,16384", "-o", str(data), "--", str(scrx), "analyze",
                        args.pdfdir, "-o", analysed, f"-j{args.j}", "--force"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    script = subprocess.Popen(["perf", "script", "-i", str(data), "--no-demangle"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                              errors="replace")
    stages, tagging, leaves = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for stack in samples(script.stdout):
        total += 1
        leaves[stack[0].split("+0x")[0]] += 1
        stage = "other"
        for depth, frame in enumerate(stack):
            hit = next((name for name, piece in STAGES if piece in frame), None)
            if hit is not None:
                stage = hit
                if hit == "tagging" and depth > 0:
                    tagging[stack[depth - 1].split("+0x")[0]] += 1
                break
        stages[stage] += 1
    script.wait()
    if total == 0:
        sys.exit("profile.py: perf recorded no samples")
    print(f"scrx analyze {args.pdfdir} -j{args.j}: {total} samples at {args.freq} Hz "
          f"({total / args.freq:.1f} CPU s), all processes\n")
    print("| stage | share |\n|---|---:|")
    for name, n in stages.most_common():
        print(f"| {name} | {100 * n / total:.1f}% |")
    print("\nTagging, by the function it called (share of all samples):")
    top = tagging.most_common(8)
    for (_, n), name in zip(top, demangled([k for k, _ in top])):
        print(f"  {100 * n / total:5.1f}%  {name[:110]}")
    print("\nTop symbols by self time:")
    top = leaves.most_common(12)
    for (_, n), name in zip(top, demangled([k for k, _ in top])):
        print(f"  {100 * n / total:5.1f}%  {name[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
