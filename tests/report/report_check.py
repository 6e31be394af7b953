#!/usr/bin/env python3
"""End-to-end check of `scrx report` on a small collection analysed from corpus PDFs.

  report_check.py --scrx BIN --source-dir DIR [--browser]

Copies five corpus PDFs into a temporary folder (one renamed to a name full of HTML
metacharacters), runs `scrx analyze` and `scrx report`, and computes the expected numbers from
the review JSON files (docs/collection.md "Query semantics"): reviews where each theme is
present, the same per year of publication, and the c-coefficient of each pair of themes. Then
it parses the report and asserts that the charts hold exactly those numbers (bars, heat-map and
matrix cells carry them as data-* attributes and text labels), that every review has its
section with the right themes, quotes, findings, recommendations and page links, and that the
page references nothing outside the file.

Without --browser the report file itself is parsed. With --browser the report is loaded in
headless Chromium (Debian's `chromium`): the DOM Chromium built is parsed instead (so markup
that only a browser mis-reads is caught), the page must log nothing to the console, and
tools/render_report.sh must render a screenshot. Without Chromium the browser check is skipped
(exit code 77, ctest's SKIP_RETURN_CODE) with a message saying so.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from html.parser import HTMLParser

SKIP = 77

# Small PDFs of five years (two from 2022), four review types. Analysing them takes ~3 s.
PDFS = [
    "briefing-baby-r-2020.pdf",
    "example-cspr-docx.pdf",
    "cspr-siblings-k-csa-2022.pdf",
    "lr-family-toxic-trio-2021.pdf",
    "sar-mr-k-homeless-2023.pdf",
]
# The second PDF is copied under this name: it reaches the report as text (the File row), in an
# href (percent-encoded) and must survive both.
ODD_NAME = "Child \"Q\" & <sibling>'s review #2.pdf"

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

failures = []
checked = {"bars": 0, "heat-map cells": 0, "matrix cells": 0, "quotes": 0, "page links": 0}


def check(cond, message):
    if not cond:
        failures.append(message)
    return cond


# ---------------------------------------------------------------------------------------------
# A small DOM from html.parser: enough to find elements by tag, class and attributes.

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []  # Nodes and strings

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        for c in self.children:
            if isinstance(c, Node):
                yield c
                yield from c.iter()

    def find_all(self, tag=None, cls=None, attr=None):
        return [n for n in self.iter()
                if (tag is None or n.tag == tag) and (cls is None or cls in n.classes())
                and (attr is None or attr in n.attrs)]

    def child_text(self, tag, cls=None):
        for c in self.children:
            if isinstance(c, Node) and c.tag == tag and (cls is None or cls in c.classes()):
                return c.text()
        return None


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not None and n.tag != tag:
            n = n.parent
        if n is None:
            failures.append(f"unmatched </{tag}>")
            return
        self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(html):
    b = TreeBuilder()
    b.feed(html)
    b.close()
    return b.root


# ---------------------------------------------------------------------------------------------
# Expected numbers from the review JSON files.

def year_of(review):
    pub = (review["metadata"].get("published") or {}).get("value") or ""
    return pub[:4] if re.match(r"^\d{4}(-|$)", pub) else "unknown"


def expected_numbers(reviews):
    themes = {}  # id -> set of review indexes where present
    for i, r in enumerate(reviews):
        for t in r["themes"]:
            themes.setdefault(t["id"], set())
            if t["present"]:
                themes[t["id"]].add(i)
    by_year = {}
    for tid, where in themes.items():
        for i in where:
            key = (tid, year_of(reviews[i]))
            by_year[key] = by_year.get(key, 0) + 1
    return themes, by_year


# ---------------------------------------------------------------------------------------------
# The checks on the parsed report.

def check_self_contained(html):
    for bad in ["<script", "<link", "<img", "<iframe", "<object", "<embed", "@import",
                "http://", "https://", " src="]:
        check(bad not in html, f"the report is not self-contained: it contains {bad!r}")
    check(not re.search(r"url\((?!#)", html), "the report's CSS/SVG loads a url()")


def check_charts(dom, reviews):
    n = len(reviews)
    themes, by_year = expected_numbers(reviews)

    # Theme frequency bars: one per theme, value = reviews where present, label "N (P%)".
    bars = dom.find_all("g", cls="bar")
    got = {b.attrs.get("data-theme"): b for b in bars}
    check(set(got) == set(themes), f"bar themes {sorted(got)} != JSON themes {sorted(themes)}")
    values = []
    for tid, where in themes.items():
        b = got.get(tid)
        if b is None:
            continue
        value = int(b.attrs.get("data-value", "-1"))
        values.append(value)
        check(value == len(where), f"bar {tid}: data-value {value}, JSON says {len(where)}")
        label = f"{len(where)} ({int(100 * len(where) / n + 0.5)}%)"
        check(b.child_text("text", "value") == label,
              f"bar {tid}: label {b.child_text('text', 'value')!r}, expected {label!r}")
        check(b.child_text("title") is not None, f"bar {tid} has no <title>")
    checked["bars"] += len(bars)
    values = [int(b.attrs["data-value"]) for b in bars]
    check(values == sorted(values, reverse=True), f"bars are not sorted: {values}")

    # Heat map: present themes x years.
    years = sorted({year_of(r) for r in reviews}, key=lambda y: (y == "unknown", y))
    present = [t for t, w in themes.items() if w]
    cells = [c for c in dom.find_all("g", cls="cell") if "data-year" in c.attrs]
    check(len(cells) == len(present) * len(years),
          f"heat map has {len(cells)} cells, expected {len(present)} x {len(years)}")
    for c in cells:
        key = (c.attrs["data-theme"], c.attrs["data-year"])
        want = by_year.get(key, 0)
        check(int(c.attrs["data-value"]) == want,
              f"heat map {key}: data-value {c.attrs['data-value']}, JSON says {want}")
        text = c.child_text("text")
        check((text or "") == (str(want) if want else ""),
              f"heat map {key}: label {text!r}, expected {want}")
    checked["heat-map cells"] += len(cells)
    heat_years = {c.attrs["data-year"] for c in cells}
    check(heat_years == set(years), f"heat map years {sorted(heat_years)} != {years}")

    # Co-occurrence matrix: lower triangle over the present themes (all of them: fewer than 30).
    cells = [c for c in dom.find_all("g", cls="cell") if "data-a" in c.attrs]
    k = len(present)
    checked["matrix cells"] += len(cells)
    check(len(cells) == k * (k + 1) // 2, f"matrix has {len(cells)} cells, expected {k}x{k} / 2")
    for c in cells:
        a, b = themes[c.attrs["data-a"]], themes[c.attrs["data-b"]]
        both = len(a & b)
        check(int(c.attrs["data-both"]) == both,
              f"matrix {c.attrs['data-a']}/{c.attrs['data-b']}: both {c.attrs['data-both']}, "
              f"JSON says {both}")
        if c.attrs.get("data-diagonal") == "1":
            check(int(c.attrs["data-value"]) == len(a), f"matrix diagonal {c.attrs['data-a']}")
            continue
        cc = both / (len(a) + len(b) - both) if len(a) + len(b) - both else 0.0
        check(abs(float(c.attrs["data-value"]) - cc) < 1e-4,
              f"matrix {c.attrs['data-a']}/{c.attrs['data-b']}: c {c.attrs['data-value']}, "
              f"JSON says {cc:.4f}")
        text = c.child_text("text")
        if both:
            check(text is not None and abs(float(text) - cc) <= 0.005 + 1e-9,
                  f"matrix label {text!r} != {cc:.2f}")

    # Overview cards.
    cards = {c.child_text("span", "l"): c.child_text("span", "n") for c in dom.find_all("div", "card")}
    check(cards.get("reviews") == str(n), f"overview says {cards.get('reviews')} reviews, not {n}")
    pages = sum(r["source"]["pages"] for r in reviews)
    check(cards.get("pages") == f"{pages:,}", f"overview says {cards.get('pages')} pages, not {pages}")


def check_reviews(dom, reviews, report_dir, pdf_of):
    articles = dom.find_all("article", cls="review")
    check(len(articles) == len(reviews), f"{len(articles)} review sections for {len(reviews)} reviews")
    toc = {a.attrs["href"] for a in dom.find_all("table", cls="toc")[0].find_all("a")} \
        if dom.find_all("table", cls="toc") else set()
    check(toc == {"#" + a.attrs["id"] for a in articles}, "the table of contents does not link every review")
    by_file = {r["source"]["file"]: r for r in reviews}
    seen = set()
    for art in articles:
        files = [td.text() for tr in art.find_all("tr") for td in tr.find_all("td")
                 if tr.child_text("th") == "File"]
        if not check(len(files) == 1 and files[0] in by_file, f"{art.attrs['id']}: unknown File {files}"):
            continue
        r = by_file[files[0]]
        seen.add(files[0])
        name = files[0]
        present = {t["id"]: t for t in r["themes"] if t["present"]}
        sections = {s.attrs["data-theme"]: s for s in art.find_all("section", cls="theme")}
        check(set(sections) == set(present), f"{name}: evidence sections {sorted(sections)} != "
                                             f"present themes {sorted(present)}")
        for tid, s in sections.items():
            counted = [e for e in present[tid]["evidence"] if e["counted"]]
            quotes = {(e["paragraph"], e["quote"]) for e in counted}
            got = len(s.find_all("q"))
            check(got == len(quotes), f"{name}/{tid}: {got} quotes, JSON has {len(quotes)} counted")
            # Each quote with the page it is on.
            pages = {(e["quote"], e["page"]) for e in counted}
            checked["quotes"] += got
            for li in s.find_all("li"):
                link = li.find_all("a", cls="page")
                m = re.search(r"#page=(\d+)$", link[0].attrs.get("href", "")) if link else None
                item = (li.child_text("q"), int(m.group(1)) if m else None)
                check(item in pages, f"{name}/{tid}: quote {item} is not counted evidence in the JSON")
        findings = art.find_all("ul", cls="findings")
        got = len([li for ul in findings for li in ul.children if isinstance(li, Node)])
        check(got == len(r["findings"]), f"{name}: {got} findings, JSON has {len(r['findings'])}")
        recs = [li for ul in art.find_all("ul", cls="recs") for li in ul.children if isinstance(li, Node)]
        check(len(recs) == len(r["recommendations"]),
              f"{name}: {len(recs)} recommendations, JSON has {len(r['recommendations'])}")
        kinds = {h.attrs["data-addressee-kind"] for h in art.find_all("h5", attr="data-addressee-kind")}
        want = {x["addressee_kind"] or "" for x in r["recommendations"]}
        check(kinds == want, f"{name}: addressee groups {sorted(kinds)} != {sorted(want)}")
        # Page links: every page reference links to that page of this review's PDF.
        links = art.find_all("a", cls="page")
        check(len(links) > 0, f"{name}: no page links")
        checked["page links"] += len(links)
        pdf = os.path.realpath(pdf_of[name])
        for a in links:
            m = re.fullmatch(r"(.+)#page=(\d+)", a.attrs["href"])
            if not check(m is not None, f"{name}: page link {a.attrs['href']!r}"):
                continue
            check(1 <= int(m.group(2)) <= r["source"]["pages"], f"{name}: link to page {m.group(2)}")
            target = os.path.realpath(os.path.join(report_dir, urllib.parse.unquote(m.group(1))))
            check(target == pdf, f"{name}: page link to {target}, not {pdf}")
            check(re.fullmatch(r"pp?\. " + m.group(2) + r"(\u2013\d+)?", a.text()) is not None,
                  f"{name}: link text {a.text()!r} for page {m.group(2)}")
    check(seen == set(by_file), f"reviews without a section: {sorted(set(by_file) - seen)}")
    check(any(ODD_NAME in f for f in seen), "the review with the odd file name is missing")


# ---------------------------------------------------------------------------------------------
# Chromium.

def run_chromium(chromium, url, work, extra):
    profile = tempfile.mkdtemp(dir=work)
    cmd = [chromium] + CHROMIUM_FLAGS + [f"--user-data-dir={profile}"] + extra + [url]
    return subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=25)


# Chromium writes every console message (console.* calls, uncaught exceptions, and HTML/SVG
# attribute errors such as `<rect> attribute height: Expected length, "abc".`) to stderr as
# `...:INFO:CONSOLE...] "message", source: URL (line)` when run with --enable-logging=stderr
# --v=0. The report has no script, so ANY console line is a failure. This catches what an
# injected window.onerror would miss (attribute errors in the generated SVG are not script
# errors), and needs no change to the page. Failed resource loads are not logged; the static
# self-containment check covers those. A deliberately broken page is loaded first to prove the
# capture works in the installed Chromium, so the check cannot pass vacuously.
CONSOLE = re.compile(r"^\[[^\]]*CONSOLE[^\]]*\].*$", re.M)


def console_lines(stderr):
    return CONSOLE.findall(stderr)


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--scrx", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--browser", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()
    args.scrx = os.path.abspath(args.scrx)
    args.source_dir = os.path.abspath(args.source_dir)

    chromium = None
    if args.browser:
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium is None:
            print("SKIPPED: chromium is not installed, so the report was not checked in a browser "
                  "(apt-get install chromium, or run tools/install-deps.sh)")
            return SKIP

    started = time.time()
    work = tempfile.mkdtemp(prefix="scrx-report-check-")
    try:
        corpus = os.path.join(args.source_dir, "corpus")
        os.makedirs(os.path.join(work, "in"))
        pdf_of = {}
        for i, name in enumerate(PDFS):
            dest = ODD_NAME if i == 1 else name
            shutil.copy(os.path.join(corpus, name), os.path.join(work, "in", dest))
            pdf_of[os.path.join("in", dest)] = os.path.join(work, "in", dest)
        r = subprocess.run([args.scrx, "analyze", "in", "-o", "out", "-j", "2"], cwd=work,
                           capture_output=True, text=True, errors="replace")
        if r.returncode != 0:
            print(r.stdout, r.stderr)
            print("FAILED: scrx analyze exited with", r.returncode)
            return 1
        run = json.load(open(os.path.join(work, "out", "run.json"), encoding="utf-8"))
        reviews = []
        for res in run["results"]:
            assert res["status"] == "ok", res
            reviews.append(json.load(open(os.path.join(work, "out", res["output"]), encoding="utf-8")))
        report = os.path.join(work, "report", "report.html")
        r = subprocess.run([args.scrx, "report", "--db", "out", "-o", report, "--quotes", "0"],
                           cwd=work, capture_output=True, text=True, errors="replace")
        if r.returncode != 0:
            print(r.stdout, r.stderr)
            print("FAILED: scrx report exited with", r.returncode)
            return 1
        html = open(report, encoding="utf-8").read()
        check_self_contained(html)

        if not args.browser:
            dom = parse(html)
        else:
            broken = os.path.join(work, "broken.html")
            with open(broken, "w") as f:
                f.write("<!DOCTYPE html><svg><rect width='1' height='abc'/></svg>"
                        "<script>undefinedFunction()</script>")
            r = run_chromium(chromium, "file://" + broken, work,
                             ["--enable-logging=stderr", "--v=0", "--dump-dom"])
            if len(console_lines(r.stderr)) < 2:
                print(r.stderr[-3000:])
                print("FAILED: Chromium's console messages cannot be captured here, so the "
                      "report cannot be checked for console errors")
                return 1
            r = run_chromium(chromium, "file://" + urllib.parse.quote(report), work,
                             ["--enable-logging=stderr", "--v=0", "--dump-dom"])
            check(r.returncode == 0, f"chromium exited with {r.returncode}")
            for line in console_lines(r.stderr):
                failures.append("console: " + line)
            check("</html>" in r.stdout, "chromium dumped no DOM")
            dom = parse(r.stdout)
            png = os.path.join(work, "report.png")
            s = subprocess.run([os.path.join(args.source_dir, "tools", "render_report.sh"),
                                report, png], capture_output=True, text=True, timeout=30)
            check(s.returncode == 0, f"tools/render_report.sh failed: {s.stderr}")
            check(os.path.exists(png) and png_size(png) == (1280, 2000)
                  and os.path.getsize(png) > 20000, "tools/render_report.sh wrote no 1280x2000 PNG")

        check_charts(dom, reviews)
        check_reviews(dom, reviews, os.path.dirname(report), pdf_of)
    finally:
        if args.keep:
            print("kept", work)
        else:
            shutil.rmtree(work, ignore_errors=True)

    what = "in Chromium" if args.browser else "as a file"
    if failures:
        for f in failures[:60]:
            print("FAIL:", f)
        print(f"FAILED: {len(failures)} problems in the report checked {what}")
        return 1
    print(f"ok: the report of {len(reviews)} reviews checked {what} in {time.time() - started:.1f} s: "
          + ", ".join(f"{n} {k}" for k, n in checked.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
