#!/usr/bin/python3
"""The scrx benchmark: scrx and the alternatives, side by side, on one collection of PDFs.

    tools/bench/run.py [PDFDIR] [--out DIR] [--only NAME,...] [--skip NAME,...]
                       [--pdfminer-files N] [--small N] [--rounds N]

PDFDIR defaults to /tmp/scrx-bench/pdfs (make it with tools/bench/make_collection.py); results
go to --out (default /tmp/scrx-bench): results.md (the table and the goals) and results.json.
Needs a built tree (build/src/scrx, build/tools/bench/scrx-bench-floor; SCRX_BUILD=DIR for
another build folder), pdftotext and grep, and Debian's python3-fitz and python3-pdfminer.

Runs, one after the other:
  floor        scrx-bench-floor: Poppler's word extraction alone, the call scrx makes, with the
               allocator scrx links (tcmalloc unless built with -DSCRX_TCMALLOC=OFF)
  floor-glibc  the same with glibc's malloc (scrx-bench-floor-glibc), for comparison
  floor-x2     two scrx-bench-floor processes at once, each on half the files (the ceiling
               of a two-process speed-up on this machine)
  grep         pdftotext per file, then `grep -cP` per theme over that file (what a shell user
               does; patterns from the shipped pack, tools/bench/pattern_dump.py)
  grep-batch   pdftotext per file, then one `grep -cP` per theme over all the texts at once
  pymupdf      PyMuPDF text extraction + Python `re` with the same theme patterns
  pdfminer     pdfminer.six extract_text (text only; on --pdfminer-files files when given)
  scrx-j1      scrx analyze DIR -o NEW -j1 --force
  scrx-j2      scrx analyze DIR -o NEW -j2 --force
  memory       scrx analyze -j1 on the big review alone, on --small files (default 20) and on
               all the files: the peak of each worker (RSS), to see whether it grows with files
With --rounds N, then N rounds of floor, scrx -j1 and scrx -j2 in a row: each round's two ratios
and the ratios of the median times, less at the mercy of one noisy run on a shared machine.
Each is measured for wall seconds, CPU seconds (user + system, children included), and peak
RSS: the largest of the process and its children (getrusage, as /usr/bin/time %M reports) and,
sampled from /proc every 20 ms, the peak of the main process alone and of each child.
"""

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BUILD = Path(os.environ.get("SCRX_BUILD", ROOT / "build"))
sys.path.insert(0, str(HERE))
try:
    import pattern_dump  # noqa: E402  (needs python3-yaml: checked with the other rows' needs)
except ImportError:
    pattern_dump = None

ALL = ["floor", "floor-glibc", "floor-x2", "grep", "grep-batch", "pymupdf", "pdfminer", "scrx-j1", "scrx-j2",
       "memory"]


# ------------------------------------------------------------------------------------------
# Measuring a command


def vm_kb(pid):
    """(peak RSS so far (VmHWM), current RSS (VmRSS)) of one process in KB, or None once it is
    gone."""
    hwm = rss = None
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
                elif line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
    except OSError:
        return None
    return None if hwm is None else (hwm, rss or 0)


def cpu_seconds(pid):
    """User + system seconds of one process itself (not its children), or None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


class Sampler(threading.Thread):
    """Polls the VmHWM of a process and of its descendants until stopped."""

    def __init__(self, pid, interval=0.02):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peaks = {}  # pid -> KB, in the order the processes were first seen
        self.main_cpu = 0.0  # CPU seconds of the main process itself, last seen
        self.main_rss = []  # (seconds since start, KB): the main process's current RSS
        self.child_rss = []  # (seconds since start, KB): the largest current RSS of a descendant
        self.stop = threading.Event()

    def run(self):
        t0 = time.monotonic()
        while not self.stop.is_set():
            cpu = cpu_seconds(self.pid)
            if cpu is not None:
                self.main_cpu = cpu
            todo = [self.pid]
            largest_child = 0
            while todo:
                p = todo.pop()
                vm = vm_kb(p)
                if vm is not None:
                    self.peaks[p] = max(self.peaks.get(p, 0), vm[0])
                    if p == self.pid:
                        self.main_rss.append((time.monotonic() - t0, vm[1]))
                    else:
                        largest_child = max(largest_child, vm[1])
                todo += children(p)
            if largest_child:
                self.child_rss.append((time.monotonic() - t0, largest_child))
            self.stop.wait(self.interval)


def measure(cmd, shell=False, stdout=subprocess.DEVNULL, cwd=None):
    """Runs `cmd`; returns wall, cpu (user+sys, children included), the getrusage peak of the
    whole tree (KB), the sampled peak of the main process and of each descendant (KB)."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, shell=shell, stdout=stdout, stderr=subprocess.DEVNULL, cwd=cwd)
    sampler = Sampler(p.pid)
    sampler.start()
    captured = p.stdout.read().decode("utf-8", "replace") if stdout == subprocess.PIPE else ""
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t0
    sampler.stop.set()
    sampler.join()
    p.returncode = os.waitstatus_to_exitcode(status)
    main_peak = sampler.peaks.pop(p.pid, 0)
    return {
        "wall": wall,
        "cpu": ru.ru_utime + ru.ru_stime,
        "rss_tree_kb": ru.ru_maxrss,  # max over the process and its waited-for descendants
        "rss_main_kb": main_peak,
        "rss_children_kb": sorted(sampler.peaks.values(), reverse=True),
        "rss_children_in_order_kb": list(sampler.peaks.values()),
        "rss_main_timeline_kb": sampler.main_rss[:: max(1, len(sampler.main_rss) // 200)],
        "rss_worker_timeline_kb": sampler.child_rss[:: max(1, len(sampler.child_rss) // 200)],
        "main_cpu": sampler.main_cpu,  # sampled: the main process alone, without its children
        "exit": p.returncode,
        "stdout": captured,
    }


def loadavg():
    return os.getloadavg()[0]


# ------------------------------------------------------------------------------------------
# The contenders


def run_floor(pdfs, pdfdir, work, exe_name="scrx-bench-floor"):
    exe = BUILD / "tools/bench" / exe_name
    m = measure([str(exe), str(pdfdir)], stdout=subprocess.PIPE)
    m["note"] = m["stdout"].strip()
    return m


def run_floor_x2(pdfs, work):
    """Two floor processes side by side, each on every other file by size: what two cores
    give to Poppler's extraction alone, the ceiling for any -j2 speed-up on this machine."""
    exe = shlex.quote(str(BUILD / "tools/bench/scrx-bench-floor"))
    by_size = sorted(pdfs, key=lambda p: p.stat().st_size, reverse=True)
    halves = [" ".join(shlex.quote(str(p)) for p in by_size[k::2]) for k in (0, 1)]
    return measure(f"{exe} {halves[0]} & {exe} {halves[1]}; wait", shell=True, cwd=work)


def grep_script(pdfs, work, batch):
    """A shell script doing what a shell user would: pdftotext, then grep -c per theme."""
    pats, dropped = pattern_dump.load()
    pdir = work / "grep-patterns"
    pdir.mkdir(exist_ok=True)
    for tid, rx in pats.items():
        (pdir / tid).write_text(rx, encoding="utf-8")
    txt = work / "txt"
    txt.mkdir(exist_ok=True)
    lines = ["set -u", f"cd {work}", ": > counts.txt"]
    if batch:
        lines += [f'for f in {" ".join(map(str, pdfs))}; do',
                  f'  pdftotext -q "$f" "{txt}/$(basename "$f" .pdf).txt"',
                  "done",
                  f"for t in {pdir}/*; do",
                  f'  grep -cP -e "$(cat "$t")" {txt}/*.txt >> counts.txt',
                  "done"]
    else:
        lines += [f'for f in {" ".join(map(str, pdfs))}; do',
                  f'  pdftotext -q "$f" {txt}/one.txt',
                  f"  for t in {pdir}/*; do",
                  f'    grep -cP -e "$(cat "$t")" {txt}/one.txt >> counts.txt',
                  "  done",
                  "done"]
    script = work / ("grep-batch.sh" if batch else "grep.sh")
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return script, dropped


def run_grep(pdfs, pdfdir, work, batch=False):
    script, dropped = grep_script(pdfs, work, batch)
    m = measure(["bash", str(script)])
    m["note"] = (f"{len(pattern_dump.load()[0])} themes: their term and regex entries "
                 f"({dropped} not expressible in Python/PCRE); no proximity rules, exclusions, "
                 "cues or verdicts")
    return m


PYMUPDF = r"""
import re, sys, json, fitz
sys.path.insert(0, %(here)r)
import pattern_dump
pats, _ = pattern_dump.load()
rx = {t: re.compile(p) for t, p in pats.items()}
files = json.load(open(%(files)r))
total = 0
t_text = t_re = 0.0
import time
for f in files:
    t0 = time.process_time()
    doc = fitz.open(f)
    text = "".join(page.get_text() for page in doc)
    t1 = time.process_time()
    for t, r in rx.items():
        total += sum(1 for _ in r.finditer(text))
    t_text += t1 - t0
    t_re += time.process_time() - t1
print(json.dumps({"matches": total, "text_cpu": t_text, "re_cpu": t_re}))
"""

PDFMINER = r"""
import sys, json
from pdfminer.high_level import extract_text
files = json.load(open(%(files)r))
n = 0
for f in files:
    n += len(extract_text(f))
print(n)
"""


def run_python(code, pdfs, work, name):
    files = work / f"{name}-files.json"
    files.write_text(json.dumps([str(p) for p in pdfs]), encoding="utf-8")
    script = work / f"bench_{name}.py"  # not pdfminer.py: it would import itself
    script.write_text(code % {"here": str(HERE), "files": str(files)}, encoding="utf-8")
    m = measure(["/usr/bin/python3", str(script)], stdout=subprocess.PIPE)
    if m.get("stdout", "").startswith("{"):
        detail = json.loads(m["stdout"])
        m["note"] = (f"text extraction {detail['text_cpu']:.1f} s CPU, "
                     f"regexes {detail['re_cpu']:.1f} s CPU")
    return m


def run_scrx(inputs, work, jobs, name):
    out = work / f"out-{name}"
    shutil.rmtree(out, ignore_errors=True)
    m = measure([str(BUILD / "src/scrx"), "analyze", *map(str, inputs), "-o", str(out),
                 "-j", str(jobs), "--force"])
    try:
        run = json.loads((out / "run.json").read_text())
        m["scrx_seconds"] = run.get("seconds")
        m["failed"] = run.get("failed")
        m["succeeded"] = run.get("succeeded")
        m["note"] = (f"{run.get('succeeded')} ok, {run.get('failed')} failed; main process "
                     f"(discovery, hashing, collection database) {m['main_cpu']:.1f} s CPU, "
                     f"the workers {m['cpu'] - m['main_cpu']:.1f} s")
    except (OSError, ValueError):
        pass
    shutil.rmtree(out, ignore_errors=True)
    return m


# ------------------------------------------------------------------------------------------


def page_counts(pdfs):
    import fitz
    return {str(p): fitz.open(str(p)).page_count for p in pdfs}


def mb(kb):
    return kb / 1024.0


# What each row needs besides scrx's build: programs on PATH and Python modules, with the
# Debian package that provides each.
NEEDS = {
    "grep": [("program", "pdftotext", "poppler-utils"), ("program", "grep", "grep"),
             ("module", "yaml", "python3-yaml")],
    "grep-batch": [("program", "pdftotext", "poppler-utils"), ("program", "grep", "grep"),
                   ("module", "yaml", "python3-yaml")],
    "pymupdf": [("module", "fitz", "python3-fitz"), ("module", "yaml", "python3-yaml")],
    "pdfminer": [("module", "pdfminer", "python3-pdfminer")],
}


def missing_dependencies(names):
    """The Debian packages the chosen rows need and this machine lacks, with what is missing."""
    import importlib.util
    missing = {}
    for name in names:
        for kind, what, package in NEEDS.get(name, []):
            found = (shutil.which(what) is not None if kind == "program"
                     else importlib.util.find_spec(what) is not None)
            if not found:
                missing[package] = what
    return missing


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("pdfdir", nargs="?", default="/tmp/scrx-bench/pdfs")
    ap.add_argument("--out", default="/tmp/scrx-bench")
    ap.add_argument("--only", help="comma-separated: " + ",".join(ALL))
    ap.add_argument("--skip", default="", help="comma-separated names to leave out")
    ap.add_argument("--pdfminer-files", type=int, default=0,
                    help="run pdfminer on the first N files only (0 = all; it is slow)")
    ap.add_argument("--small", type=int, default=20, help="files of the small memory run")
    ap.add_argument("--rounds", type=int, default=0,
                    help="then N rounds of floor, scrx -j1 and -j2 in a row (default 0)")
    args = ap.parse_args()

    pdfdir = Path(args.pdfdir)
    pdfs = sorted(pdfdir.glob("*.pdf"))
    if not pdfs:
        sys.exit(f"run.py: no PDFs in {pdfdir} (tools/bench/make_collection.py makes them)")
    for exe in (BUILD / "src/scrx", BUILD / "tools/bench/scrx-bench-floor",
                BUILD / "tools/bench/scrx-bench-floor-glibc"):
        if not exe.exists():
            sys.exit(f"run.py: {exe} is missing: build first (cd build && cmake .. && make)")
    names = args.only.split(",") if args.only else ALL
    names = [n for n in names if n not in args.skip.split(",")]
    unknown = [n for n in names if n not in ALL]
    if unknown:
        sys.exit(f"run.py: unknown row {', '.join(unknown)} (rows: {', '.join(ALL)})")
    missing = missing_dependencies(names)
    if missing:
        sys.exit("run.py: missing " + ", ".join(f"{w} ({p})" for p, w in missing.items()) +
                 "; on Debian: apt-get install " + " ".join(sorted(missing)) +
                 " (or leave those rows out with --skip)")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="scrx-bench-", dir=out))

    pages = page_counts(pdfs)
    total_pages = sum(pages.values())
    big = max(pdfs, key=lambda p: pages[str(p)])
    small = [p for p in pdfs if p != big][: args.small]
    print(f"{len(pdfs)} PDFs, {total_pages} pages in {pdfdir}; {os.cpu_count()} CPUs; "
          f"load {loadavg():.2f}", file=sys.stderr)

    results = {}
    rows = []  # (label, files, pages, measurement)

    def record(name, label, files, m):
        m["load_before"] = record.load
        m["load_after"] = loadavg()
        m["files"] = len(files)
        m["pages"] = sum(pages[str(p)] for p in files)
        results[name] = m
        rows.append((name, label, m))
        print(f"  {name}: {m['wall']:.1f} s wall, {m['cpu']:.1f} s CPU, "
              f"{m['pages'] / m['wall']:.1f} pages/s, exit {m['exit']}", file=sys.stderr)

    for name in names:
        record.load = loadavg()
        print(f"{name} ...", file=sys.stderr)
        if name == "floor":
            record(name, "floor: Poppler text_list only (scrx-bench-floor)", pdfs,
                   run_floor(pdfs, pdfdir, work))
        elif name == "floor-glibc":
            record(name, "floor with glibc's malloc (scrx-bench-floor-glibc)", pdfs,
                   run_floor(pdfs, pdfdir, work, "scrx-bench-floor-glibc"))
        elif name == "floor-x2":
            record(name, "floor x2: two floor processes side by side, half the files each",
                   pdfs, run_floor_x2(pdfs, work))
        elif name == "grep":
            record(name, "pdftotext + grep -cP per file per theme", pdfs,
                   run_grep(pdfs, pdfdir, work, batch=False))
        elif name == "grep-batch":
            record(name, "pdftotext per file + grep -cP per theme over all texts", pdfs,
                   run_grep(pdfs, pdfdir, work, batch=True))
        elif name == "pymupdf":
            record(name, "PyMuPDF get_text + Python re (theme patterns)", pdfs,
                   run_python(PYMUPDF, pdfs, work, name))
        elif name == "pdfminer":
            files = pdfs[: args.pdfminer_files] if args.pdfminer_files else pdfs
            label = "pdfminer.six extract_text" + (
                f" (first {len(files)} files)" if len(files) < len(pdfs) else "")
            record(name, label, files, run_python(PDFMINER, files, work, name))
        elif name == "scrx-j1":
            record(name, "scrx analyze -j1 --force", pdfs, run_scrx([pdfdir], work, 1, name))
        elif name == "scrx-j2":
            record(name, "scrx analyze -j2 --force", pdfs, run_scrx([pdfdir], work, 2, name))
        elif name == "memory":
            record("mem-big", f"scrx analyze -j1, {big.name} alone ({pages[str(big)]} pages)",
                   [big], run_scrx([big], work, 1, "mem-big"))
            record("mem-small", f"scrx analyze -j1, {len(small)} files", small,
                   run_scrx(small, work, 1, "mem-small"))
            if "scrx-j1" not in results:
                record("scrx-j1", "scrx analyze -j1 --force", pdfs,
                       run_scrx([pdfdir], work, 1, "scrx-j1"))

    # ---- rounds: the two ratios again, each round's three runs one after the other
    rounds = []
    for k in range(args.rounds):
        print(f"round {k + 1} of {args.rounds} ...", file=sys.stderr)
        f = run_floor(pdfs, pdfdir, work)["wall"]
        a = run_scrx([pdfdir], work, 1, "round-j1")["wall"]
        b = run_scrx([pdfdir], work, 2, "round-j2")["wall"]
        rounds.append((f, a, b))
        print(f"  floor {f:.2f} s, -j1 {a:.2f} s, -j2 {b:.2f} s", file=sys.stderr)

    # ---- the table
    lines = [
        f"# scrx benchmark",
        "",
        f"{len(pdfs)} PDFs, {total_pages} pages ({pdfdir}); {os.cpu_count()} CPUs; "
        f"scrx {BUILD / 'src/scrx'}; {time.strftime('%Y-%m-%d %H:%M')}.",
        "",
        "| run | files | pages | wall s | CPU s | pages/s | peak RSS, MB (tree) | "
        "main process MB | largest child MB | load avg |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, label, m in rows:
        child = mb(m["rss_children_kb"][0]) if m["rss_children_kb"] else 0
        lines.append(
            f"| {label} | {m['files']} | {m['pages']} | {m['wall']:.1f} | {m['cpu']:.1f} | "
            f"{m['pages'] / m['wall']:.1f} | {mb(m['rss_tree_kb']):.0f} | "
            f"{mb(m['rss_main_kb']):.0f} | {child:.0f} | "
            f"{m['load_before']:.1f}-{m['load_after']:.1f} |")
    lines.append("")
    notes = [f"- {label}: {m['note']}" for name, label, m in rows if m.get("note")]
    if notes:
        lines += ["Notes:", ""] + notes + [""]

    def pps(n):
        m = results.get(n)
        return m["pages"] / m["wall"] if m else None

    goals = ["## Goals", ""]
    if pps("floor") and pps("scrx-j1"):
        r = results["scrx-j1"]["wall"] / results["floor"]["wall"]
        rc = results["scrx-j1"]["cpu"] / results["floor"]["cpu"]
        goals.append(f"- scrx -j1 / floor (wall): **{r:.2f}** (goal <= 1.3) "
                     f"{'MET' if r <= 1.3 else 'NOT MET'}; in CPU seconds: {rc:.2f}")
    for other, label in (("pymupdf", "PyMuPDF + re"), ("grep", "pdftotext + grep (per file)"),
                         ("grep-batch", "pdftotext + grep (batch)"), ("pdfminer", "pdfminer")):
        if pps(other) and pps("scrx-j1"):
            r = pps("scrx-j1") / pps(other)
            goals.append(f"- scrx -j1 vs {label}: {r:.2f}x the pages/s "
                         f"({'faster' if r > 1 else 'SLOWER'}; goal: faster)")
    if pps("scrx-j1") and pps("scrx-j2"):
        a, b = results["scrx-j1"], results["scrx-j2"]
        r = a["wall"] / b["wall"]
        goals.append(f"- -j2 speed-up over -j1: **{r:.2f}** (goal >= 1.8) "
                     f"{'MET' if r >= 1.8 else 'NOT MET'}; CPU s -j1 {a['cpu']:.0f}, -j2 "
                     f"{b['cpu']:.0f}; load average during -j2 {b['load_before']:.1f}-"
                     f"{b['load_after']:.1f} on {os.cpu_count()} CPUs")
    if pps("floor-glibc") and pps("scrx-j1"):
        r = results["scrx-j1"]["wall"] / results["floor-glibc"]["wall"]
        goals.append(f"- scrx -j1 / the floor with glibc's malloc (wall): {r:.2f}: not the "
                     f"goal's figure (the two use different allocators), shown for scale")
    if pps("floor") and pps("floor-x2"):
        goals.append(f"- the floor's own speed-up with two processes (floor x2): "
                     f"{results['floor']['wall'] / results['floor-x2']['wall']:.2f}: what "
                     f"this machine gives two processes doing Poppler's work alone")
    if "mem-big" in results:
        m = results["mem-big"]
        peak = mb(max(m["rss_children_kb"] or [m["rss_tree_kb"]]))
        goals.append(f"- peak RSS of the worker on {big.name} ({pages[str(big)]} pages): "
                     f"**{peak:.0f} MB** sampled, {mb(m['rss_tree_kb']):.0f} MB getrusage "
                     f"(goal < 150) {'MET' if max(peak, mb(m['rss_tree_kb'])) < 150 else 'NOT MET'}")
    if "scrx-j1" in results and results["scrx-j1"]["rss_main_timeline_kb"]:
        tl = results["scrx-j1"]["rss_main_timeline_kb"]
        at = [tl[min(len(tl) - 1, int(len(tl) * f))][1] for f in (0.1, 0.5, 0.9)]
        workers = len(results["scrx-j1"]["rss_children_in_order_kb"])
        wt = results["scrx-j1"].get("rss_worker_timeline_kb") or [(0, 0)]
        wat = [wt[min(len(wt) - 1, int(len(wt) * f))][1] for f in (0.1, 0.5, 0.9)]
        # A worker reads many files in turn: its current RSS over the run shows whether what it
        # keeps grows with the files it has read.
        goals.append(f"- main process RSS during the -j1 run over all files: {mb(at[0]):.0f} MB "
                     f"at 10% of the run, {mb(at[1]):.0f} MB at 50%, {mb(at[2]):.0f} MB at 90%; "
                     f"the worker's current RSS at the same points {mb(wat[0]):.0f}, "
                     f"{mb(wat[1]):.0f}, {mb(wat[2]):.0f} MB ({workers} worker processes in all)")
    if "mem-small" in results and "scrx-j1" in results:
        a, b = results["mem-small"], results["scrx-j1"]
        wa = mb(max(a["rss_children_kb"] or [0]))
        wb = mb(max(b["rss_children_kb"] or [0]))
        goals.append(f"- growth with files: main process {mb(a['rss_main_kb']):.0f} MB on "
                     f"{a['files']} files vs {mb(b['rss_main_kb']):.0f} MB on {b['files']}; "
                     f"largest worker {wa:.0f} MB vs {wb:.0f} MB (the {b['files']} include "
                     f"{big.name})")
        if a["rss_children_kb"] and b["rss_children_kb"]:
            med = lambda xs: xs[len(xs) // 2]  # noqa: E731
            goals.append(f"- median worker peak: {mb(med(a['rss_children_kb'])):.0f} MB on "
                         f"{a['files']} files vs {mb(med(b['rss_children_kb'])):.0f} MB on "
                         f"{b['files']} files")
    if rounds:
        goals += ["", "## Rounds", "",
                  f"{len(rounds)} rounds of floor, scrx -j1 and scrx -j2 in a row, after the "
                  "rows above (wall seconds):", "",
                  "| round | floor | -j1 | -j2 | -j1 / floor | -j2 speed-up |",
                  "|---:|---:|---:|---:|---:|---:|"]
        for k, (f, a, b) in enumerate(rounds, 1):
            goals.append(f"| {k} | {f:.2f} | {a:.2f} | {b:.2f} | {a / f:.2f} | {a / b:.2f} |")
        f, a, b = (statistics.median(r[i] for r in rounds) for i in range(3))
        goals += ["", f"- medians: floor {f:.2f} s, -j1 {a:.2f} s, -j2 {b:.2f} s: -j1 / floor "
                      f"**{a / f:.2f}** (goal <= 1.3), -j2 speed-up **{a / b:.2f}** (goal >= 1.8)"]
        results["rounds"] = [{"floor": f, "j1": a, "j2": b} for f, a, b in rounds]
    text = "\n".join(lines + goals) + "\n"
    print(text)
    (out / "results.md").write_text(text, encoding="utf-8")
    (out / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    print(f"written: {out / 'results.md'}, {out / 'results.json'}", file=sys.stderr)


if __name__ == "__main__":
    main()
