#!/usr/bin/env python3
"""The batch runner over damaged PDFs: tools/mutate_pdfs.py writes deterministic mutated copies
of the corpus PDFs (truncated, bytes flipped or zeroed, objects removed, cross-reference data
damaged, streams cut), then `scrx analyze DIR -o OUT -j2 --timeout 20` runs over them. Checked:

  - scrx exits 0 or 1: never killed by a signal, never 2 (a usage error);
  - run.json lists every input exactly once, as ok, duplicate or failed with a code and a
    message that names the file;
  - every ok file has its JSON (a review, scrx.review/1) and it parses; no failed or duplicate
    file has one;
  - nothing else is left in OUT: no *.tmp* or other half-written files;
  - in a sanitizer build (the children's reports reach scrx's stderr): no UndefinedBehavior-
    Sanitizer report, and no AddressSanitizer report other than a SEGV outside scrx's own code
    (Poppler, uninstrumented, may crash on a damaged file: that is the "crash" failure the
    batch runner exists to contain).

Prints the counts by status and failure code and the time taken. Standard library only.

    tests/hostile/mutated_batch.py --scrx build/src/scrx [--count 1000] [--keep DIR]

SCRX_MUTATED_COUNT and SCRX_MUTATED_SEED in the environment override --count and --seed.
"""
import argparse
import collections
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def fail(problems):
    for p in problems[:50]:
        print("FAIL:", p)
    if len(problems) > 50:
        print("... and %d more" % (len(problems) - 50))
    sys.exit(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scrx", required=True)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pages", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--timeout", type=int, default=20)
    ap.add_argument("--memory-limit", default=None,
                    help="passed to scrx as --memory-limit (MB); default: scrx's own")
    ap.add_argument("--keep", help="work in this folder and keep it (default: a temporary one)")
    args = ap.parse_args()
    # The sanitizer CI runs a smaller batch, as its own slice (.ci/run).
    args.count = int(os.environ.get("SCRX_MUTATED_COUNT", args.count))
    args.seed = int(os.environ.get("SCRX_MUTATED_SEED", args.seed))

    work = args.keep or tempfile.mkdtemp(prefix="scrx-mutated-")
    if args.keep:
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
    indir, outdir = os.path.join(work, "in"), os.path.join(work, "out")
    try:
        t0 = time.monotonic()
        subprocess.run([sys.executable, os.path.join(ROOT, "tools", "mutate_pdfs.py"), indir,
                        "--count", str(args.count), "--seed", str(args.seed),
                        "--pages", str(args.pages)], check=True)
        # mutations.tsv is not a PDF by name: scrx does not read it.
        inputs = sorted(os.path.join(indir, f) for f in os.listdir(indir) if f.endswith(".pdf"))
        t1 = time.monotonic()
        cmd = [args.scrx, "analyze", indir, "-o", outdir, "-j", str(args.jobs),
               "--timeout", str(args.timeout)]
        if args.memory_limit is not None:
            cmd += ["--memory-limit", str(args.memory_limit)]
        print(" ".join(cmd), flush=True)
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        t2 = time.monotonic()
        problems = check(proc, inputs, outdir)
        problems += sanitizer_findings(proc.stderr.decode(errors="replace"))
        report(outdir, len(inputs), t1 - t0, t2 - t1)
        if problems:
            print(proc.stderr.decode(errors="replace")[-3000:])
            fail(problems)
        print("OK")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def check(proc, inputs, outdir):
    problems = []
    rc = proc.returncode
    if rc < 0:
        return ["scrx was killed by signal %d (%s)" % (-rc, signal.Signals(-rc).name)]
    if rc not in (0, 1):
        return ["scrx exited with %d (expected 0 or 1)" % rc]
    run_path = os.path.join(outdir, "run.json")
    try:
        with open(run_path, encoding="utf-8") as f:
            run = json.load(f)
    except (OSError, ValueError) as e:
        return ["run.json: %s" % e]
    results = run.get("results", [])
    by_file = collections.Counter(r.get("file") for r in results)
    for f in inputs:
        if by_file[f] != 1:
            problems.append("%s: listed %d times in run.json" % (f, by_file[f]))
    for f in set(by_file) - set(inputs):
        problems.append("%s: in run.json but not an input" % f)
    if run.get("files") != len(inputs):
        problems.append("run.json: files = %s, expected %d" % (run.get("files"), len(inputs)))
    expected_files = {"run.json", "scrx.sqlite"}
    for r in results:
        f, status = r.get("file"), r.get("status")
        name = os.path.basename(f or "")
        if status == "ok":
            out = r.get("output")
            if not out:
                problems.append("%s: ok without an output" % name)
                continue
            expected_files.add(out)
            try:
                with open(os.path.join(outdir, out), encoding="utf-8") as fh:
                    review = json.load(fh)
                if review.get("schema") != "scrx.review/1":
                    problems.append("%s: %s is not a review (schema %r)" %
                                    (name, out, review.get("schema")))
            except (OSError, ValueError) as e:
                problems.append("%s: %s does not parse: %s" % (name, out, e))
        elif status == "duplicate":
            if r.get("duplicate_of") not in inputs:
                problems.append("%s: duplicate of %r, not an input" % (name, r.get("duplicate_of")))
        elif status == "failed":
            err = r.get("error") or {}
            if not err.get("code") or not err.get("message"):
                problems.append("%s: failed without a code and a message: %r" % (name, err))
            elif name not in err["message"]:
                problems.append("%s: the message does not name the file: %r" %
                                (name, err["message"]))
        else:
            problems.append("%s: unexpected status %r" % (name, status))
    # Nothing else in OUT: no temporary or half-written files, no JSON of a failed file.
    for dirpath, _, files in os.walk(outdir):
        for fn in files:
            rel = os.path.relpath(os.path.join(dirpath, fn), outdir)
            if rel not in expected_files:
                problems.append("left in the output folder: %s" % rel)
    return problems


def sanitizer_findings(stderr):
    """The sanitizer reports in `stderr` that point at a bug of scrx."""
    findings = []
    lines = stderr.splitlines()
    for i, line in enumerate(lines):
        if "runtime error:" in line:
            findings.append("UBSan: " + line.strip())
        elif "ERROR: AddressSanitizer:" in line or "ERROR: LeakSanitizer:" in line:
            frames = [l.strip() for l in lines[i + 1:i + 40] if l.strip().startswith("#")]
            top = frames[0] if frames else ""
            ours = "scrx::" in top or os.path.join(ROOT, "src") in top
            if "SEGV" in line and not ours:
                print("note: a crash outside scrx, contained: %s | %s" % (line.strip(), top))
                continue
            findings.append("ASan: %s | %s" % (line.strip(), top))
    return findings


def report(outdir, n, mutate_s, analyze_s):
    try:
        with open(os.path.join(outdir, "run.json"), encoding="utf-8") as f:
            results = json.load(f).get("results", [])
    except (OSError, ValueError):
        results = []
    status = collections.Counter(r.get("status") for r in results)
    codes = collections.Counter((r.get("error") or {}).get("code") for r in results
                                if r.get("status") == "failed")
    slowest = max(results, key=lambda r: r.get("seconds", 0), default={})
    print("files %d: %s" % (n, ", ".join("%s %d" % kv for kv in sorted(status.items()))))
    print("failed by code: %s" % ", ".join("%s %d" % kv for kv in sorted(codes.items())))
    print("mutating %.1f s, scrx analyze %.1f s (slowest file %.1f s: %s)" %
          (mutate_s, analyze_s, slowest.get("seconds", 0),
           os.path.basename(slowest.get("file", "-"))))


if __name__ == "__main__":
    main()
