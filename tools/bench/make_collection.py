#!/usr/bin/python3
"""Builds the benchmark collection: review-like PDFs made of page ranges of the corpus PDFs.

    tools/bench/make_collection.py [OUTDIR] [--docs N] [--seed S] [--big-pages P]

Writes OUTDIR/review-NNN.pdf (N documents of 10 to 60 pages, default 205) and
OUTDIR/big-review.pdf (one document of about P pages, default 300; the memory goal) and
OUTDIR/manifest.tsv (file, pages, the page ranges it was cut from). Each document starts with
the first pages of one corpus review (its cover and contents), then continues with page ranges
of other reviews, so ReportLab and LibreOffice layouts, one- and two-column pages, tables and
furniture are mixed as they are in the corpus. The choice of ranges is fixed by the seed, and
qpdf writes with --deterministic-id, so the same seed gives byte-identical files. Needs qpdf.
"""

import argparse
import hashlib
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def page_count(pdf: Path) -> int:
    out = subprocess.run(["qpdf", "--show-npages", str(pdf)], check=True, capture_output=True,
                         text=True).stdout
    return int(out.strip())


def plan_document(rng: random.Random, sources, target: int):
    """A list of (source, first, last) ranges (1-based, inclusive) totalling `target` pages."""
    ranges = []
    # The opening source: pages from 1, so the document has a cover and usually a contents page.
    src, n = rng.choice(sources)
    take = min(n, target, rng.randint(4, 14))
    ranges.append((src, 1, take))
    left = target - take
    last_src = src
    while left > 0:
        src, n = rng.choice(sources)
        if src == last_src and len(sources) > 1:
            continue
        length = min(left, n, rng.randint(3, 12))
        first = rng.randint(1, n - length + 1)
        ranges.append((src, first, first + length - 1))
        left -= length
        last_src = src
    return ranges


def write_pdf(ranges, out: Path):
    args = ["qpdf", "--deterministic-id", "--empty", "--pages"]
    for src, first, last in ranges:
        args += [str(src), f"{first}-{last}"]
    args += ["--", str(out)]
    subprocess.run(args, check=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir", nargs="?", default="/tmp/scrx-bench/pdfs")
    ap.add_argument("--docs", type=int, default=205, help="documents of 10-60 pages")
    ap.add_argument("--big-pages", type=int, default=300, help="pages of the one big review")
    ap.add_argument("--seed", type=int, default=20240611)
    ap.add_argument("--corpus", default=str(ROOT / "corpus"))
    args = ap.parse_args()

    if shutil.which("qpdf") is None:
        print("make_collection: qpdf is not installed (Debian: apt-get install qpdf)",
              file=sys.stderr)
        return 2
    sources = [(p, page_count(p)) for p in sorted(Path(args.corpus).glob("*.pdf"))]
    if len(sources) < 2:
        print(f"make_collection: no corpus PDFs in {args.corpus}", file=sys.stderr)
        return 2
    out = Path(args.outdir)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.pdf"):
        old.unlink()

    rng = random.Random(args.seed)
    plans = []
    for i in range(args.docs):
        # 10 to 60 pages, most between 15 and 35 (as published reviews are).
        target = int(round(rng.triangular(10, 60, 20)))
        plans.append((f"review-{i + 1:03d}.pdf", plan_document(rng, sources, target)))
    plans.append(("big-review.pdf", plan_document(rng, sources, args.big_pages)))

    seen = {}
    total = 0
    with open(out / "manifest.tsv", "w", encoding="utf-8") as manifest:
        manifest.write("file\tpages\tranges\n")
        for name, ranges in plans:
            path = out / name
            write_pdf(ranges, path)
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest in seen:  # scrx would skip a duplicate; the plans never repeat in practice
                print(f"make_collection: {name} duplicates {seen[digest]}", file=sys.stderr)
                return 1
            seen[digest] = name
            pages = sum(last - first + 1 for _, first, last in ranges)
            total += pages
            desc = " ".join(f"{src.stem}:{first}-{last}" for src, first, last in ranges)
            manifest.write(f"{name}\t{pages}\t{desc}\n")
    print(f"{len(plans)} PDFs, {total} pages in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
