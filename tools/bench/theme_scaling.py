#!/usr/bin/python3
"""Tagging time with 45 themes and with 450 themes (goal: at most 2x for 10x the themes).

    tools/bench/theme_scaling.py [--docs DIR] [--pdfs DIR] [--files N] [--repeat N] [--keep DIR]
                                 [--style qualified|duplicate] [--warm]

Builds two theme packs in a temporary folder, in the format of patterns/README.md:

  pack45   45 of the shipped themes, unchanged, with the shipped context.yaml;
  pack450  the same 45 plus 9 variants of each (405 more): ids `<id>_v1`..`<id>_v9`, labels
           "(variant k)", and altered wording: every term and regex of variant k must be preceded
           by a qualifier word of its own ("reported", "repeated", "historic", ...), so each
           variant is a distinct, narrower theme that still matches real sentences at times,
           with the same kinds of patterns (literal lists, alternations, proximity rules,
           counted repetition) as the shipped pack. Exclusions and examples are kept; derived
           themes derive from their own variants.
           With --style duplicate the variants keep the original wording (a worst case: every
           variant fires wherever its original does, so the evidence grows 10x too).
  extra403 the 403 variants that, added to the 47 shipped themes with `--patterns`, make 450
           (scrx analyze always loads the shipped pack).

Then it measures:

  1. build/tools/bench/scrx-bench-tag on the documents of --docs (default: corpus/): the tagger
     alone over documents already read and segmented, with pack45 and with pack450.
     CPU seconds: "cold" is what a worker of `scrx analyze` pays (each document is tagged in a
     child forked after the pack was compiled: RE2 builds its DFA states lazily, and each PDF is
     analysed in a new child process); "first" is one pass over all the documents in one process
     (states built for one document serve the next); "best" is the best of --repeat more passes
     over the same documents. --warm calls PatternSet::Warm() before forking.
  2. `scrx analyze -j1 --force` over the first --files PDFs of --pdfs (default 20 of
     /tmp/scrx-bench/pdfs) with the shipped 47 themes and with 47 + extra403 = 450 themes:
     whole-run wall seconds and the difference.

Prints a markdown table and writes it to /tmp/scrx-bench/theme_scaling.md.
"""

import argparse
import copy
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
BUILD = Path(os.environ.get("SCRX_BUILD", ROOT / "build"))
QUALIFIERS = ["reported", "repeated", "historic", "alleged", "ongoing", "significant",
              "recent", "chronic", "serious"]
VARIANTS = len(QUALIFIERS)  # 9 variants + the original = 10x


def load_shipped():
    themes, context = {}, None
    for p in sorted((ROOT / "patterns").glob("*.yaml")):
        doc = yaml.safe_load(p.read_text(encoding="utf-8"))
        if doc.get("kind") == "context":
            context = p
        else:
            themes[doc["id"]] = doc
    return themes, context


def pick45(themes):
    """45 shipped themes: drop two that no derive rule names (the last two in id order)."""
    needed = set()
    for t in themes.values():
        needed.update((t.get("derive") or {}).get("all_of", []))
    droppable = [i for i in sorted(themes) if i not in needed and "derive" not in themes[i]]
    drop = set(droppable[-(len(themes) - 45):]) if len(themes) > 45 else set()
    return {i: t for i, t in themes.items() if i not in drop}


def qualify_term(term, q):
    return f"{q} {term}"


def qualify_regex(rx, q):
    return rf"\b{q}\W+(?:{rx})"


def variant(theme, k, ids, style):
    q = QUALIFIERS[k - 1]
    t = copy.deepcopy(theme)
    t["id"] = f"{theme['id']}_v{k}"
    t["label"] = f"{theme['label']} (variant {k})"
    if "derive" in t:
        t["derive"]["all_of"] = [f"{i}_v{k}" if i in ids else i for i in t["derive"]["all_of"]]
    if style == "duplicate":
        return t
    for entry in t["match"]:
        if "term" in entry:
            entry["term"] = qualify_term(entry["term"], q)
        if "terms" in entry:
            entry["terms"] = [qualify_term(x, q) for x in entry["terms"]]
        if "regex" in entry:
            entry["regex"] = qualify_regex(entry["regex"], q)
        if "near" in entry:
            entry["near"]["a"] = [qualify_regex(x, q) for x in entry["near"]["a"]]
    return t


def write_theme(folder, theme):
    with open(folder / f"{theme['id']}.yaml", "w", encoding="utf-8") as f:
        yaml.safe_dump(theme, f, sort_keys=False, allow_unicode=True, width=100)


def make_packs(base, style):
    themes, context = load_shipped()
    t45 = pick45(themes)
    pack45, pack450, extra = base / "pack45", base / "pack450", base / "extra403"
    for d in (pack45, pack450, extra):
        d.mkdir(parents=True)
    for d in (pack45, pack450):
        shutil.copy(context, d / "context.yaml")
    for t in t45.values():
        write_theme(pack45, t)
        write_theme(pack450, t)
    ids = set(t45)
    n_extra = 0
    for k in range(1, VARIANTS + 1):
        for t in t45.values():
            v = variant(t, k, ids, style)
            write_theme(pack450, v)
            if n_extra < 450 - len(themes):
                # extra403 keeps derived themes only when their parts are in it too
                parts = (v.get("derive") or {}).get("all_of", [])
                if all((extra / f"{p}.yaml").exists() or p in themes for p in parts):
                    write_theme(extra, v)
                    n_extra += 1
    return pack45, pack450, extra, len(t45), len(themes), n_extra


def run_tag(patterns, docs, repeat, warm):
    exe = BUILD / "tools/bench/scrx-bench-tag"
    args = [str(exe), "--patterns", str(patterns), "--repeat", str(repeat), "--cold", str(docs)]
    if warm:
        args.insert(-1, "--warm")
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    toks = out.split()
    return {toks[i]: toks[i + 1] for i in range(0, len(toks) - 1, 2)}


def run_analyze(files, extra, workdir):
    exe = BUILD / "src/scrx"
    out = workdir / f"out-{time.monotonic_ns()}"
    args = [str(exe), "analyze", *map(str, files), "-o", str(out), "-j1", "--force"]
    if extra:
        args += ["--patterns", str(extra)]
    t = time.monotonic()
    subprocess.run(args, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sec = time.monotonic() - t
    shutil.rmtree(out, ignore_errors=True)
    return sec


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", default=str(ROOT / "corpus"),
                    help="PDFs for the tagger-only timing (default: corpus/)")
    ap.add_argument("--pdfs", default="/tmp/scrx-bench/pdfs",
                    help="collection for the scrx analyze timing")
    ap.add_argument("--files", type=int, default=20, help="PDFs of --pdfs for scrx analyze")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep", help="write the packs here and keep them")
    ap.add_argument("--style", choices=["qualified", "duplicate"], default="qualified")
    ap.add_argument("--warm", action="store_true", help="PatternSet::Warm() before forking")
    ap.add_argument("--results", default="/tmp/scrx-bench/theme_scaling.md")
    args = ap.parse_args()

    base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="scrx-themes-"))
    if args.keep and base.exists():
        shutil.rmtree(base)
    pack45, pack450, extra, n45, n_shipped, n_extra = make_packs(base, args.style)
    n450 = len(list(pack450.glob("*.yaml"))) - 1
    print(f"packs in {base}: pack45 {n45} themes, pack450 {n450} themes, "
          f"extra {n_extra} (+{n_shipped} shipped = {n_shipped + n_extra})", file=sys.stderr)

    a = run_tag(pack45, args.docs, args.repeat, args.warm)
    b = run_tag(pack450, args.docs, args.repeat, args.warm)

    pdfs = sorted(Path(args.pdfs).glob("*.pdf"))[: args.files]
    work = Path(tempfile.mkdtemp(prefix="scrx-themes-out-"))
    s47 = s450 = None
    if pdfs:
        run_analyze(pdfs[:1], None, work)  # file cache
        s47 = run_analyze(pdfs, None, work)
        s450 = run_analyze(pdfs, extra, work)
    shutil.rmtree(work, ignore_errors=True)

    def ratio(key):
        return float(b[key]) / float(a[key])

    lines = [
        f"Tagger alone (scrx-bench-tag{' --warm' if args.warm else ''}) on {a['documents']} "
        f"documents, {a['pages']} pages; variant style: {args.style}. CPU seconds:",
        "",
        "| themes | load s (wall) | tag cold (per worker) | tag first pass | tag best of "
        f"{args.repeat} | evidence | themes present |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in (a, b):
        lines.append(f"| {r['themes']} | {r['compile_seconds']} | {float(r['tag_seconds_cold']):.3f} "
                     f"| {float(r['tag_seconds_first']):.3f} | {float(r['tag_seconds_best']):.3f} "
                     f"| {r['evidence']} | {r['present']} |")
    lines += [
        f"| ratio | {ratio('compile_seconds'):.1f}x | **{ratio('tag_seconds_cold'):.2f}x** "
        f"| **{ratio('tag_seconds_first'):.2f}x** | **{ratio('tag_seconds_best'):.2f}x** | "
        f"{ratio('evidence'):.1f}x | |",
        "",
        "Goal: tagging time grows at most 2x when the theme count grows 10x.",
        "",
    ]
    if pdfs:
        pages = sum(int(subprocess.run(["qpdf", "--show-npages", str(p)], capture_output=True,
                                       text=True).stdout.strip() or 0) for p in pdfs)
        lines += [
            f"`scrx analyze -j1 --force` on {len(pdfs)} PDFs ({pages} pages) of {args.pdfs}:",
            "",
            "| themes | wall s | pages/s |",
            "|---:|---:|---:|",
            f"| {n_shipped} (shipped) | {s47:.2f} | {pages / s47:.1f} |",
            f"| {n_shipped + n_extra} (shipped + {n_extra}) | {s450:.2f} | {pages / s450:.1f} |",
            f"| ratio | {s450 / s47:.2f}x | |",
            "",
        ]
    text = "\n".join(lines)
    print(text)
    Path(args.results).parent.mkdir(parents=True, exist_ok=True)
    Path(args.results).write_text(text + "\n", encoding="utf-8")
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
