#!/usr/bin/python3
"""Render the scrx test corpus: corpus/src/NAME.rv -> corpus/NAME.pdf + corpus/NAME.gold.json.

The source format is described in tools/corpus/FORMAT.md; how to run this script and what each
style option produces is in tools/corpus/README.md.

Two producers:
  reportlab    ReportLab platypus, rendered in-process (deterministic: invariant=1).
  libreoffice  python-docx builds a .docx, `soffice --headless --convert-to pdf` renders it.

Both are rendered in passes until the page numbers printed on the contents page, the total page
count ({pages}) and (ReportLab) the pages that carry footnotes no longer change.

Run with /usr/bin/python3 (Debian's python3-reportlab, python3-docx, python3-yaml,
python3-pyphen, python3-fitz).
"""

import argparse
import copy
import datetime
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import yaml

REPO = Path(__file__).resolve().parents[2]
TAXONOMY = REPO.parent / "shared" / "TAXONOMY.md"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
LIBERATION = Path("/usr/share/fonts/truetype/liberation2")
OPENSYMBOL = Path("/usr/share/fonts/truetype/libreoffice/opens___.ttf")
MAX_PASSES = 6


class SourceError(Exception):
    """A problem in a source file; str() is 'path:line: message'."""

    def __init__(self, path, line, msg):
        self.path, self.line, self.msg = path, line, msg
        where = f"{path}:{line}" if line else f"{path}"
        super().__init__(f"{where}: {msg}")


class RenderError(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Front matter

PAGE_SIZES = ("A4", "letter")
BULLETS = ("•", "▪", "◦", "o", "–", "symbol")
CONTENTS_FORMS = ("dotted", "same_line", "own_line", "page_prefix", "no_numbers", "none")
HEADING_STYLES = ("bold", "large", "caps", "plain-large")

# key -> (default, checker). Order = order in gold.json's "style".
STYLE_SPEC = {
    "page": ("A4", ("enum", PAGE_SIZES)),
    "font": ("sans", ("enum", ("sans", "serif"))),
    "body_size": (11, ("num", 7, 16)),
    "columns": (1, ("enum", (1, 2))),
    "justify": (False, ("bool",)),
    "hyphenate": (False, ("bool",)),
    "ligatures": (False, ("bool",)),
    "heading_style": ("bold", ("enum", HEADING_STYLES)),
    "bullet": ("•", ("enum", BULLETS)),
    "header": (None, ("str",)),
    "header_right": (None, ("str",)),
    "footer": (None, ("str",)),
    "footer_align": ("center", ("enum", ("left", "center", "right", "outside"))),
    "first_page_furniture": (False, ("bool",)),
    "contents": ("dotted", ("enum", CONTENTS_FORMS)),
    "contents_title": ("Contents", ("str",)),
    "contents_depth": (2, ("enum", (1, 2, 3))),
    "number_paragraphs": (False, ("bool",)),
    "table_header_repeat": (True, ("bool",)),
}

TOP_KEYS = ("name", "producer", "style", "gold")
PRODUCERS = ("reportlab", "libreoffice")
GOLD_KEYS = ("review_type", "themes_present", "tempting_negatives", "metadata",
             "findings_count", "recommendations")
REVIEW_TYPES = ("scr", "cspr", "lcspr", "national_review", "sar", "dhr",
                "child_practice_review_wales", "adult_practice_review_wales",
                "learning_review", "other")
METADATA_KEYS = ("title", "subjects", "board", "published", "commissioned", "period_from",
                 "period_to", "child_age", "outcome", "agencies", "authors")
OUTCOMES = ("death", "serious_harm", "other")
# starts: the first words of the recommendation text; ends: its last words (5 to 8), as written.
REC_KEYS = ("number", "addressee", "kind", "starts", "ends")
# src/document.h SectionKind, spelled in snake_case.
SECTION_KINDS = ("cover", "contents", "foreword", "executive_summary", "introduction",
                 "terms_of_reference", "methodology", "background", "chronology", "analysis",
                 "findings", "good_practice", "conclusion", "recommendations", "action_plan",
                 "references", "glossary", "appendix", "other")
# Themes the taxonomy names as optional adult-review themes (listed without ** markup).
OPTIONAL_THEMES = ("making_safeguarding_personal", "legal_literacy", "carer_involvement",
                   "homelessness", "organisational_abuse")


def load_taxonomy_ids():
    """Theme ids from ../shared/TAXONOMY.md, or None when the file is not there."""
    if not TAXONOMY.exists():
        return None
    ids = set(re.findall(r"^\*\*([a-z][a-z0-9_]+)\*\*", TAXONOMY.read_text(), re.M))
    ids.update(OPTIONAL_THEMES)
    return ids


def _mapping_lines(node, base):
    """{key: line} for a YAML mapping node; base = file line of the YAML text's first line."""
    out = {}
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            out[k.value] = k.start_mark.line + base
    return out


def _child(node, key):
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return v
    return None


def _jsonable(v):
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_jsonable(x) for x in v]
    return v


def check_style(path, raw, node, base, key_line):
    """base: file line of the front matter's first line; key_line: the 'style:' line."""
    lines = _mapping_lines(node, base)
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise SourceError(path, key_line, "style: must be a mapping")
    style = {}
    for key in raw:
        if key not in STYLE_SPEC:
            raise SourceError(path, lines.get(key, key_line),
                              f"style: unknown key '{key}' (known: {', '.join(STYLE_SPEC)})")
    for key, (default, check) in STYLE_SPEC.items():
        if key not in raw or raw[key] is None:
            style[key] = default
            continue
        v, ln = raw[key], lines.get(key, key_line)
        kind = check[0]
        if kind == "bool" and not isinstance(v, bool):
            raise SourceError(path, ln, f"style.{key}: expected true or false, got {v!r}")
        if kind == "num" and (isinstance(v, bool) or not isinstance(v, (int, float))
                              or not check[1] <= v <= check[2]):
            raise SourceError(path, ln,
                              f"style.{key}: expected a number {check[1]}..{check[2]}, got {v!r}")
        if kind == "str" and not isinstance(v, str):
            raise SourceError(path, ln, f"style.{key}: expected a string (quote it), got {v!r}")
        if kind == "enum" and (v not in check[1] or isinstance(v, bool)):
            choices = " | ".join(str(c) for c in check[1])
            raise SourceError(path, ln, f"style.{key}: {v!r} is not one of {choices}")
        if kind == "str":
            for m in re.finditer(r"\{([^}]*)\}", v):
                if m.group(1) not in ("page", "pages"):
                    raise SourceError(path, ln, f"style.{key}: unknown placeholder "
                                      f"'{{{m.group(1)}}}' (only {{page}} and {{pages}})")
        style[key] = v
    return style


def check_gold(path, raw, node, base, key_line, taxonomy):
    """base: file line of the front matter's first line; key_line: the 'gold:' line."""
    lines = _mapping_lines(node, base)
    if not isinstance(raw, dict):
        raise SourceError(path, key_line, "gold: must be a mapping")
    for key in raw:
        if key not in GOLD_KEYS:
            raise SourceError(path, lines.get(key, key_line),
                              f"gold: unknown key '{key}' (known: {', '.join(GOLD_KEYS)})")
    for key in ("review_type", "themes_present"):
        if key not in raw:
            raise SourceError(path, key_line, f"gold: '{key}' is required")
    if raw["review_type"] not in REVIEW_TYPES:
        raise SourceError(path, lines["review_type"],
                          f"gold.review_type: {raw['review_type']!r} is not one of "
                          + " | ".join(REVIEW_TYPES))

    def check_theme(t, ln, what):
        if not isinstance(t, str):
            raise SourceError(path, ln, f"{what}: theme id must be a string, got {t!r}")
        if taxonomy is not None and t not in taxonomy:
            raise SourceError(path, ln, f"{what}: '{t}' is not a theme id in {TAXONOMY}")

    tp = raw["themes_present"] or []
    if not isinstance(tp, list):
        raise SourceError(path, lines["themes_present"], "gold.themes_present: must be a list")
    tnode = _child(node, "themes_present")
    for i, t in enumerate(tp):
        ln = (tnode.value[i].start_mark.line + base) if isinstance(tnode, yaml.SequenceNode) \
            else lines["themes_present"]
        check_theme(t, ln, "gold.themes_present")
    tn = raw.get("tempting_negatives") or []
    if not isinstance(tn, list):
        raise SourceError(path, lines["tempting_negatives"],
                          "gold.tempting_negatives: must be a list")
    nnode = _child(node, "tempting_negatives")
    for i, t in enumerate(tn):
        ln = (nnode.value[i].start_mark.line + base) if isinstance(nnode, yaml.SequenceNode) \
            else key_line
        if not isinstance(t, dict) or set(t) - {"theme", "why"} or "theme" not in t:
            raise SourceError(path, ln, "gold.tempting_negatives: each item is "
                              "{theme: <id>, why: \"...\"}")
        check_theme(t["theme"], ln, "gold.tempting_negatives")
        if t["theme"] in tp:
            raise SourceError(path, ln, f"gold.tempting_negatives: '{t['theme']}' is also in "
                              "themes_present")
    md = raw.get("metadata")
    if md is not None:
        if not isinstance(md, dict):
            raise SourceError(path, lines["metadata"], "gold.metadata: must be a mapping or null")
        mlines = _mapping_lines(_child(node, "metadata"), base)
        for k in md:
            if k not in METADATA_KEYS:
                raise SourceError(path, mlines.get(k, key_line), f"gold.metadata: unknown key '{k}' "
                                  f"(known: {', '.join(METADATA_KEYS)})")
        if md.get("outcome") is not None and md["outcome"] not in OUTCOMES:
            raise SourceError(path, mlines["outcome"], "gold.metadata.outcome: one of "
                              + " | ".join(OUTCOMES))
    fc = raw.get("findings_count")
    if fc is not None and (isinstance(fc, bool) or not isinstance(fc, int) or fc < 0):
        raise SourceError(path, lines["findings_count"],
                          "gold.findings_count: a non-negative integer or null")
    recs = raw.get("recommendations") or []
    if not isinstance(recs, list):
        raise SourceError(path, lines["recommendations"], "gold.recommendations: must be a list")
    rnode = _child(node, "recommendations")
    rec_lines = []
    for i, r in enumerate(recs):
        ln = (rnode.value[i].start_mark.line + base) if isinstance(rnode, yaml.SequenceNode) \
            else key_line
        rec_lines.append(ln)
        if not isinstance(r, dict):
            raise SourceError(path, ln, "gold.recommendations: each item is a mapping")
        for k in r:
            if k not in REC_KEYS:
                raise SourceError(path, ln, f"gold.recommendations: unknown key '{k}' "
                                  f"(known: {', '.join(REC_KEYS)})")
    out = {}
    defaults = {"tempting_negatives": [], "metadata": None, "findings_count": None,
                "recommendations": []}
    for k in GOLD_KEYS:
        out[k] = _jsonable(raw[k]) if k in raw else defaults.get(k)
    return out, rec_lines


# ---------------------------------------------------------------------------------------------
# Body model

@dataclass
class Span:
    text: str = ""
    bold: bool = False
    italic: bool = False
    fn: Optional[int] = None     # footnote number (printed) when this span is a marker


@dataclass
class Block:
    kind: str                    # cover contents pagebreak heading para item quote table
    line: int
    spans: list = field(default_factory=list)
    level: int = 0               # heading 1..3; list items 0..3
    label: Optional[str] = None  # list label / paragraph number as written
    bullet: bool = False         # item printed with the style's bullet glyph
    sec_kind: Optional[str] = None
    lines: list = field(default_factory=list)   # cover: list of span lists
    rows: list = field(default_factory=list)    # table: rows of cells (span lists)
    index: int = -1              # heading: index into Review.headings


@dataclass
class Heading:
    printed: str                 # text as printed (caps applied)
    written: str                 # text as written in the source, markup stripped
    number: Optional[str]
    title: str
    level: int
    kind: str
    line: int


@dataclass
class Review:
    path: Path
    name: str
    producer: str
    style: dict
    gold: dict
    blocks: list
    headings: list
    footnotes: list              # [(number, spans)] in print order
    rec_lines: list


RE_HEADING = re.compile(r"^(#+)\s+(.*?)\s*$")
RE_KIND = re.compile(r"\s*\{kind=([a-z_]+)\}\s*$")
RE_DIRECTIVE = re.compile(r"^:::\s*(\S*)\s*$")
RE_FNDEF = re.compile(r"^\[\^([^\]\s]+)\]:\s*(.*)$")
RE_BULLET = re.compile(r"^( *)- +(.*)$")
RE_LABEL = re.compile(r"^( *)(\((?:[a-z]{1,4}|\d{1,3})\)|[a-z]{1,4}\)|\d{1,3}[.)])\s+(.*)$")
RE_NUMPARA = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+\.?)\s+(.*)$")
RE_TABLE = re.compile(r"^\s*\|")
RE_SEPROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def parse_inline(text, path, line, fnmap, fnorder):
    """Inline markup -> [Span]. fnmap: footnote id -> printed number (assigned on first use)."""
    spans, buf = [], []
    bold = italic = False
    i, n = 0, len(text)

    def flush():
        if buf:
            spans.append(Span("".join(buf), bold, italic))
            buf.clear()

    while i < n:
        c = text[i]
        if c == "\\" and i + 1 < n and text[i + 1] in "\\*[]|>#%-":
            buf.append(text[i + 1])
            i += 2
            continue
        if text.startswith("**", i):
            flush()
            bold = not bold
            i += 2
            continue
        if c == "*":
            flush()
            italic = not italic
            i += 1
            continue
        if text.startswith("[^", i):
            j = text.find("]", i)
            if j < 0:
                raise SourceError(path, line, "unclosed footnote marker '[^'")
            fid = text[i + 2:j]
            if fid not in fnmap:
                fnorder.append(fid)
                fnmap[fid] = len(fnorder)
            flush()
            spans.append(Span("", bold, italic, fn=fnmap[fid]))
            i = j + 1
            continue
        buf.append(c)
        i += 1
    flush()
    if bold:
        raise SourceError(path, line, "unclosed '**' (bold)")
    if italic:
        raise SourceError(path, line, "unclosed '*' (italic); write \\* for a literal asterisk")
    return spans


def plain(spans):
    return "".join(s.text for s in spans if s.fn is None)


def heading_number(text):
    """(number, title) of a heading as written; number None when it has none."""
    m = re.match(r"^(?:Section|Chapter)\s+(\d+(?:\.\d+)*)\.?(?:\s*[:.\-–—]\s*|\s+|$)(.*)$",
                 text, re.I)
    if m:
        return m.group(1), m.group(2).strip() or text
    m = re.match(r"^((?:Appendix|Annex|Annexe|Part|Schedule)\s+(?:\d+|[A-Z]|[IVX]+))\b"
                 r"\.?(?:\s*[:.\-–—]\s*|\s+|$)(.*)$", text, re.I)
    if m:
        return m.group(1), m.group(2).strip() or text
    m = re.match(r"^(\d+(?:\.\d+)*)\.?(?:\s+|$)(.*)$", text)
    months = (r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|"
              r"sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\b")
    # "12 May 2021: ..." is a date and "10 to 13 June" a range, not a numbered heading.
    if m and "." not in m.group(1) and (re.match(months, m.group(2), re.I) or
                                         re.match(r"[a-z]", m.group(2))):
        m = None
    if m:
        return m.group(1), m.group(2).strip() or text
    m = re.match(r"^([A-Z]|[IVX]+)[.)]\s+(.*)$", text)
    if m:
        return m.group(1), m.group(2).strip() or text
    return None, text


def parse_source(path, taxonomy):
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise SourceError(path, 1, "expected '---' (start of the front matter) on line 1")
    end = None
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            end = i
            break
    if end is None:
        raise SourceError(path, 1, "front matter is not closed by a '---' line")
    fm_text = "\n".join(lines[1:end])
    base = 2  # file line of fm_text's first line
    try:
        node = yaml.compose(fm_text)
        raw = yaml.safe_load(fm_text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        ln = mark.line + base if mark else 1
        raise SourceError(path, ln, f"front matter: {getattr(e, 'problem', None) or e}")
    if not isinstance(raw, dict):
        raise SourceError(path, base, "front matter must be a YAML mapping")
    top_lines = _mapping_lines(node, base)
    for k in raw:
        if k not in TOP_KEYS:
            raise SourceError(path, top_lines.get(k, base),
                              f"unknown front matter key '{k}' (known: {', '.join(TOP_KEYS)})")
    for k in ("name", "producer", "gold"):
        if k not in raw:
            raise SourceError(path, base, f"front matter: '{k}' is required")
    if raw["name"] != path.stem:
        raise SourceError(path, top_lines["name"],
                          f"name: '{raw['name']}' must equal the file name '{path.stem}'")
    if raw["producer"] not in PRODUCERS:
        raise SourceError(path, top_lines["producer"],
                          f"producer: {raw['producer']!r} is not one of " + " | ".join(PRODUCERS))
    style = check_style(path, raw.get("style"), _child(node, "style"), base,
                        top_lines.get("style", base))
    gold, rec_lines = check_gold(path, raw["gold"], _child(node, "gold"), base,
                                 top_lines["gold"], taxonomy)
    blocks, headings, footnotes = parse_body(path, lines, end + 1, style)
    return Review(path, raw["name"], raw["producer"], style, gold, blocks, headings, footnotes,
                  rec_lines)


def parse_body(path, lines, start, style):
    fnmap, fnorder, fndefs = {}, [], {}
    blocks, headings = [], []
    cur = None        # block being continued (para / item / quote / footnote def)
    cur_buf = []      # its raw text lines
    cur_fn = None
    i = start

    def close():
        nonlocal cur, cur_buf, cur_fn
        if cur is not None:
            joined = " ".join(s.strip() for s in cur_buf)
            if cur_fn is not None:
                fndefs[cur_fn] = (cur.line, joined)
            else:
                cur.spans = parse_inline(joined, path, cur.line, fnmap, fnorder)
                blocks.append(cur)
        cur, cur_buf, cur_fn = None, [], None

    while i < len(lines):
        raw = lines[i]
        ln = i + 1
        s = raw.rstrip()
        i += 1
        if s.lstrip().startswith("%"):
            continue
        if not s.strip():
            close()
            continue
        m = RE_DIRECTIVE.match(s)
        if m:
            close()
            what = m.group(1)
            if what == "cover":
                cover = Block("cover", ln)
                closed = False
                while i < len(lines):
                    t = lines[i].rstrip()
                    i += 1
                    if t.strip() == ":::":
                        closed = True
                        break
                    if t.lstrip().startswith("%"):
                        continue
                    cover.lines.append(parse_inline(t.strip(), path, i, fnmap, fnorder)
                                       if t.strip() else [])
                if not closed:
                    raise SourceError(path, ln, "'::: cover' is not closed by a ':::' line")
                while cover.lines and not cover.lines[0]:
                    cover.lines.pop(0)
                while cover.lines and not cover.lines[-1]:
                    cover.lines.pop()
                if not cover.lines:
                    raise SourceError(path, ln, "'::: cover' has no lines")
                if any(b.kind == "cover" for b in blocks):
                    raise SourceError(path, ln, "a second '::: cover' block")
                blocks.append(cover)
            elif what in ("contents", "pagebreak"):
                if what == "contents" and any(b.kind == "contents" for b in blocks):
                    raise SourceError(path, ln, "a second '::: contents' directive")
                blocks.append(Block(what, ln))
            elif what == "":
                raise SourceError(path, ln, "':::' without an open '::: cover' block")
            else:
                raise SourceError(path, ln, f"unknown directive '::: {what}' "
                                  "(known: cover, contents, pagebreak)")
            continue
        if s.startswith("#"):
            close()
            m = RE_HEADING.match(s)
            if not m:
                raise SourceError(path, ln, "a heading needs a space after the '#'s")
            level = len(m.group(1))
            if level > 3:
                raise SourceError(path, ln, f"heading level {level}: only #, ## and ### exist")
            body = m.group(2)
            km = RE_KIND.search(body)
            if not km:
                raise SourceError(path, ln, "heading without a trailing {kind=...} attribute")
            kind = km.group(1)
            if kind not in SECTION_KINDS:
                raise SourceError(path, ln, f"heading kind '{kind}' is not one of "
                                  + ", ".join(SECTION_KINDS))
            if kind in ("cover", "contents"):
                raise SourceError(path, ln, f"kind={kind} is reserved for the '::: {kind}' block")
            spans = parse_inline(body[:km.start()].strip(), path, ln, fnmap, fnorder)
            written = plain(spans).strip()
            if not written:
                raise SourceError(path, ln, "empty heading")
            printed = written.upper() if style["heading_style"] == "caps" else written
            number, title = heading_number(printed)
            b = Block("heading", ln, spans=spans, level=level, sec_kind=kind,
                      index=len(headings))
            headings.append(Heading(printed, written, number, title, level, kind, ln))
            blocks.append(b)
            continue
        m = RE_FNDEF.match(s)
        if m:
            close()
            fid = m.group(1)
            if fid in fndefs:
                raise SourceError(path, ln, f"footnote [^{fid}] is defined twice")
            cur = Block("fndef", ln)
            cur_fn = fid
            cur_buf = [m.group(2)]
            continue
        if RE_TABLE.match(s):
            close()
            tb = Block("table", ln)
            ncols = None
            j = i - 1
            while j < len(lines) and RE_TABLE.match(lines[j].rstrip() or " "):
                t = lines[j].strip()
                tln = j + 1
                j += 1
                if RE_SEPROW.match(t):
                    continue
                cells = split_cells(t)
                if ncols is None:
                    ncols = len(cells)
                elif len(cells) != ncols:
                    raise SourceError(path, tln, f"table row has {len(cells)} cells, the header "
                                      f"row has {ncols}")
                tb.rows.append([parse_inline(c, path, tln, fnmap, fnorder) for c in cells])
            i = j
            if len(tb.rows) < 1:
                raise SourceError(path, ln, "empty table")
            blocks.append(tb)
            continue
        if s.lstrip().startswith(">"):
            content = s.lstrip()[1:].strip()
            if cur is not None and cur.kind == "quote" and cur_fn is None:
                cur_buf.append(content)
            else:
                close()
                cur = Block("quote", ln)
                cur_buf = [content]
            continue
        m = RE_BULLET.match(s)
        if m:
            close()
            cur = Block("item", ln, level=min(len(m.group(1)) // 2, 3), bullet=True)
            cur_buf = [m.group(2)]
            continue
        m = RE_LABEL.match(s)
        if m:
            close()
            cur = Block("item", ln, level=min(len(m.group(1)) // 2, 3), label=m.group(2))
            cur_buf = [m.group(3)]
            continue
        if cur is not None and cur.kind in ("para", "item", "fndef"):
            cur_buf.append(s)
            continue
        if cur is not None and cur.kind == "quote":
            close()
        cur = Block("para", ln)
        m = RE_NUMPARA.match(s.strip())
        if m:
            cur.label = m.group(1)
        cur_buf = [s]
    close()

    # footnotes: every marker defined, every definition used
    for fid in fnorder:
        if fid not in fndefs:
            ln = next((b.line for b in blocks if any(sp.fn == fnmap[fid] for sp in all_spans(b))),
                      0)
            raise SourceError(path, ln, f"footnote marker [^{fid}] has no definition "
                              f"'[^{fid}]: text'")
    for fid, (ln, _) in fndefs.items():
        if fid not in fnmap:
            raise SourceError(path, ln, f"footnote [^{fid}] is defined but never referenced")
    footnotes = []
    for fid in fnorder:
        ln, t = fndefs[fid]
        sp = parse_inline(t, path, ln, {}, [])
        footnotes.append((fnmap[fid], sp))
    if not any(b.kind not in ("cover", "contents", "pagebreak") for b in blocks):
        raise SourceError(path, start + 1, "the body is empty")
    return blocks, headings, footnotes


def split_cells(row):
    t = row.strip()
    if t.startswith("|"):
        t = t[1:]
    if t.endswith("|") and not t.endswith("\\|"):
        t = t[:-1]
    cells, buf, k = [], [], 0
    while k < len(t):
        if t[k] == "\\" and k + 1 < len(t):
            buf.append(t[k:k + 2])
            k += 2
            continue
        if t[k] == "|":
            cells.append("".join(buf).strip())
            buf = []
        else:
            buf.append(t[k])
        k += 1
    cells.append("".join(buf).strip())
    return cells


def all_spans(b):
    out = list(b.spans)
    for l in b.lines:
        out.extend(l)
    for r in b.rows:
        for c in r:
            out.extend(c)
    return out


def item_label(b, style):
    """The printed label of a list item (bullet glyph or the label as written)."""
    if not b.bullet:
        return b.label
    return "\uf0b7" if style["bullet"] == "symbol" else style["bullet"]


# ---------------------------------------------------------------------------------------------
# Text helpers

LIGATURES = (("ffi", "\ufb03"), ("ffl", "\ufb04"), ("ff", "\ufb00"), ("fi", "\ufb01"),
             ("fl", "\ufb02"))


def ligate(s):
    for a, b in LIGATURES:
        s = s.replace(a, b)
    return s


def subst(template, page, pages):
    return template.replace("{page}", str(page)).replace("{pages}", str(pages))


def has_furniture(style, page):
    return page != 1 or style["first_page_furniture"]


def footer_alignment(style, page):
    a = style["footer_align"]
    if a == "outside":
        return "right" if page % 2 == 1 else "left"
    return a


def running_text(style, pages):
    """Header/footer strings as printed on the first page that carries them."""
    if pages < 1:
        return []
    page = 1 if style["first_page_furniture"] else min(2, pages)
    if not has_furniture(style, page):
        return []
    out = []
    for key in ("header", "header_right", "footer"):
        if style[key]:
            out.append(subst(style[key], page, pages))
    return out


def contents_headings(review):
    return [h for h in review.headings if h.level <= review.style["contents_depth"]]


def has_contents_page(review):
    return (review.style["contents"] != "none"
            and any(b.kind == "contents" for b in review.blocks))


_MEASURE_FONTS = {}


def text_width(fontfile, text, size):
    """Width in points of `text` set in the TrueType font `fontfile` at `size`."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    name = _MEASURE_FONTS.get(fontfile)
    if name is None:
        name = f"scrx-measure-{len(_MEASURE_FONTS)}"
        pdfmetrics.registerFont(TTFont(name, str(fontfile)))
        _MEASURE_FONTS[fontfile] = name
    return pdfmetrics.stringWidth(text, name, size)


CM = 72 / 2.54


@dataclass
class Indents:
    """Horizontal geometry of numbered paragraphs, list items and quotes, in points, shared by
    both producers so that they look alike."""
    num: float            # hanging indent of numbered paragraphs (0 when not number_paragraphs)
    label_gap: dict       # list level -> gap from label start to text, for non-bullet labels
    bullet_gap: float = 0.6 * CM
    quote_left: float = 0.0

    def label_x(self, level):
        return (self.num if self.num else 0.4 * CM) + 0.8 * CM * level

    def gap(self, b):
        return self.bullet_gap if b.bullet else self.label_gap.get(b.level, 0.7 * CM)


def indents(review, width_of):
    """width_of(text) -> points in the body face at the body size."""
    num = 0.0
    if review.style["number_paragraphs"]:
        w = max([width_of(b.label) for b in review.blocks if b.kind == "para" and b.label]
                + [0])
        num = max(1.0 * CM, w + 0.35 * CM)
    gaps = {}
    for b in review.blocks:
        if b.kind == "item" and not b.bullet:
            gaps[b.level] = max(gaps.get(b.level, 0.7 * CM), width_of(b.label) + 0.3 * CM)
    return Indents(num, gaps, quote_left=num + 1.0 * CM)


# ---------------------------------------------------------------------------------------------
# Layout result shared by both producers

@dataclass
class Layout:
    heading_pages: list
    pages: int
    cover_page: Optional[int] = None
    contents_page: Optional[int] = None
    fn_pages: dict = field(default_factory=dict)

    def key(self):
        return (tuple(self.heading_pages), self.pages, self.cover_page, self.contents_page,
                tuple(sorted(self.fn_pages.items())))


# ---------------------------------------------------------------------------------------------
# ReportLab producer

_RL_FONTS_DONE = False
FAMILY_FILES = {
    "sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
             "DejaVuSans-BoldOblique.ttf"),
    "serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf",
              "DejaVuSerif-BoldItalic.ttf"),
}
# LibreOffice producer: font name -> (regular, bold) files, for measuring
DOCX_FONT_FILES = {
    "DejaVu Sans": (DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf"),
    "DejaVu Serif": (DEJAVU / "DejaVuSerif.ttf", DEJAVU / "DejaVuSerif-Bold.ttf"),
    "Liberation Sans": (LIBERATION / "LiberationSans-Regular.ttf",
                        LIBERATION / "LiberationSans-Bold.ttf"),
    "Liberation Serif": (LIBERATION / "LiberationSerif-Regular.ttf",
                         LIBERATION / "LiberationSerif-Bold.ttf"),
}


def rl_fonts():
    """Register the TTF families once; returns {family: {regular,bold,italic,bolditalic}}."""
    global _RL_FONTS_DONE
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.lib.fonts import addMapping
    names = {}
    for fam, files in FAMILY_FILES.items():
        n = {}
        for face, f in zip(("regular", "bold", "italic", "bolditalic"), files):
            nm = f"scrx-{fam}-{face}"
            if not _RL_FONTS_DONE:
                pdfmetrics.registerFont(TTFont(nm, str(DEJAVU / f)))
            n[face] = nm
        if not _RL_FONTS_DONE:
            addMapping(n["regular"], 0, 0, n["regular"])
            addMapping(n["regular"], 1, 0, n["bold"])
            addMapping(n["regular"], 0, 1, n["italic"])
            addMapping(n["regular"], 1, 1, n["bolditalic"])
            for face in ("bold", "italic", "bolditalic"):
                addMapping(n[face], 0, 0, n["regular"])
                addMapping(n[face], 1, 0, n["bold"])
                addMapping(n[face], 0, 1, n["italic"])
                addMapping(n[face], 1, 1, n["bolditalic"])
        names[fam] = n
    if not _RL_FONTS_DONE:
        # A Symbol-like font for "symbol" bullets: OpenSymbol (a TrueType symbol font that
        # LibreOffice ships) with the Symbol-font private-use code U+F0B7 mapped to its bullet
        # glyph, so the text layer carries U+F0B7 as Word's PDFs do.
        sym = TTFont("scrx-symbol", str(OPENSYMBOL))
        c2g = sym.face.charToGlyph
        c2g[0xF0B7] = c2g[0x2022]
        pdfmetrics.registerFont(sym)
    _RL_FONTS_DONE = True
    return names


def rl_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class RLRenderer:
    MARGIN_CM = 2.5

    def __init__(self, review):
        from reportlab.lib.pagesizes import A4, letter
        from reportlab.lib.units import cm
        self.r = review
        self.st = review.style
        self.fonts = rl_fonts()[self.st["font"]]
        self.pagesize = A4 if self.st["page"] == "A4" else letter
        self.cm = cm
        self.margin = self.MARGIN_CM * cm
        self.frame_w = self.pagesize[0] - 2 * self.margin
        self.frame_h = self.pagesize[1] - 2 * self.margin
        self._styles()

    # -- styles -------------------------------------------------------------------------------
    def _styles(self):
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_CENTER
        st, f, bs = self.st, self.fonts, float(self.st["body_size"])
        hy = "en_GB" if st["hyphenate"] else ""
        self.ind = indents(self.r, lambda t: text_width(DEJAVU / FAMILY_FILES[st["font"]][0],
                                                        t, bs))
        self.num_indent = self.ind.num
        self.body = ParagraphStyle(
            "body", fontName=f["regular"], fontSize=bs, leading=bs * 1.3,
            alignment=TA_JUSTIFY if st["justify"] else TA_LEFT, spaceAfter=bs * 0.6,
            hyphenationLang=hy, bulletFontName=f["regular"], bulletFontSize=bs)
        self.quote = ParagraphStyle("quote", parent=self.body, fontName=f["italic"],
                                    leftIndent=self.ind.quote_left,
                                    rightIndent=1.0 * self.cm)
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=bs - 1,
                                   leading=(bs - 1) * 1.25, alignment=TA_LEFT, spaceAfter=0,
                                   hyphenationLang="")
        self.cell_head = ParagraphStyle("cellhead", parent=self.cell, fontName=f["bold"])
        self.fn = ParagraphStyle("fn", parent=self.body, fontSize=bs - 2.5,
                                 leading=(bs - 2.5) * 1.25, alignment=TA_LEFT, spaceAfter=1,
                                 hyphenationLang="")
        self.furn_font, self.furn_size = f["regular"], max(7.5, bs - 2)
        hs = st["heading_style"]
        sizes = {"bold": (2, 1, 0), "large": (7, 4, 2), "caps": (1, 0, 0),
                 "plain-large": (7, 4, 2)}[hs]
        face = f["regular"] if hs == "plain-large" else f["bold"]
        self.heads = {}
        for lvl in (1, 2, 3):
            size = bs + sizes[lvl - 1]
            self.heads[lvl] = ParagraphStyle(
                f"h{lvl}", fontName=face, fontSize=size, leading=size * 1.25,
                spaceBefore=size * (1.1 if lvl == 1 else 0.8), spaceAfter=size * 0.5,
                alignment=TA_LEFT, keepWithNext=1, hyphenationLang="")
        self.cover_title = ParagraphStyle("ct", fontName=f["bold"], fontSize=22, leading=28,
                                          alignment=TA_CENTER, spaceAfter=18)
        self.cover_line = ParagraphStyle("cl", fontName=f["regular"], fontSize=13, leading=18,
                                         alignment=TA_CENTER, spaceAfter=6)
        self.toc_size = bs

    # -- inline ---------------------------------------------------------------------------------
    def markup(self, spans, lig=None, caps=False):
        lig = self.st["ligatures"] if lig is None else lig
        out = []
        for s in spans:
            if s.fn is not None:
                out.append(f'<super>{s.fn}</super><onDraw name="scrx_mark" label="fn:{s.fn}"/>')
                continue
            t = s.text.upper() if caps else s.text
            t = rl_escape(ligate(t) if lig else t)
            if s.bold:
                t = f"<b>{t}</b>"
            if s.italic:
                t = f"<i>{t}</i>"
            out.append(t)
        return "".join(out)

    # -- story ----------------------------------------------------------------------------------
    def story(self, prev):
        from reportlab.platypus import Paragraph, Spacer, PageBreak, CondPageBreak
        from reportlab.platypus.flowables import PageBreakIfNotEmpty, BalancedColumns
        st, bs = self.st, float(self.st["body_size"])
        out = []
        col_buf = []
        two = st["columns"] == 2

        def flush_cols():
            if col_buf:
                if two:
                    out.append(BalancedColumns(list(col_buf), nCols=2, innerPadding=0.5 * self.cm,
                                               leftPadding=0, rightPadding=0, topPadding=0,
                                               bottomPadding=0, needed=3 * bs))
                else:
                    out.extend(col_buf)
                col_buf.clear()

        for b in self.r.blocks:
            if b.kind == "cover":
                flush_cols()
                out.append(PageBreakIfNotEmpty())
                out.append(Spacer(1, 5 * self.cm))
                first = True
                for l in b.lines:
                    if not l:
                        out.append(Spacer(1, 12))
                        continue
                    m = self.markup(l)
                    if first:
                        m = '<onDraw name="scrx_mark" label="cover"/>' + m
                        out.append(Paragraph(m, self.cover_title))
                        first = False
                    else:
                        out.append(Paragraph(m, self.cover_line))
                out.append(PageBreak())
            elif b.kind == "contents":
                if st["contents"] == "none":
                    continue
                flush_cols()
                out.append(PageBreakIfNotEmpty())
                title = rl_escape(ligate(st["contents_title"]) if st["ligatures"]
                                  else st["contents_title"])
                if st["heading_style"] == "caps":
                    title = title.upper()
                out.append(Paragraph('<onDraw name="scrx_mark" label="contents"/>' + title,
                                     self.heads[1]))
                for h in contents_headings(self.r):
                    page = prev.heading_pages[self.r.headings.index(h)] if prev else 0
                    out.append(TocEntry(self, h, page))
                out.append(PageBreak())
            elif b.kind == "pagebreak":
                flush_cols()
                out.append(PageBreak())
            elif b.kind == "heading":
                m = f'<onDraw name="scrx_mark" label="h:{b.index}"/>' + self.markup(
                    b.spans, caps=st["heading_style"] == "caps")
                p = Paragraph(m, self.heads[b.level])
                if two and b.level == 1:
                    # full width; keepWithNext would wrap it and the BalancedColumns after it in
                    # a KeepTogether, which BalancedColumns cannot live in
                    p.keepWithNext = 0
                    flush_cols()
                    out.append(CondPageBreak(5 * bs * 1.3))
                    out.append(p)
                else:
                    col_buf.append(p)
            elif b.kind == "table":
                flush_cols()
                out.append(self.table(b))
            else:
                col_buf.append(self.block_para(b))
        flush_cols()
        return out

    def block_para(self, b):
        from reportlab.platypus import Paragraph
        from reportlab.lib.styles import ParagraphStyle
        bs = float(self.st["body_size"])
        if b.kind == "quote":
            return Paragraph(self.markup(b.spans), self.quote)
        if b.kind == "item":
            label = item_label(b, self.st)
            bullet_x, gap = self.ind.label_x(b.level), self.ind.gap(b)
            sty = ParagraphStyle(f"item{b.level}", parent=self.body, leftIndent=bullet_x + gap,
                                 bulletIndent=bullet_x, spaceAfter=bs * 0.35)
            if b.bullet and self.st["bullet"] == "symbol":
                sty.bulletFontName = "scrx-symbol"
            return Paragraph(self.markup(b.spans), sty, bulletText=label)
        if b.kind == "para" and b.label and self.st["number_paragraphs"]:
            # the label is printed as the bullet of a hanging indent
            stripped = self.markup(strip_label(b.spans, b.label))
            sty = ParagraphStyle("numpara", parent=self.body, leftIndent=self.num_indent,
                                 bulletIndent=0)
            return Paragraph(stripped, sty, bulletText=b.label)
        return Paragraph(self.markup(b.spans), self.body)

    def table(self, b):
        from reportlab.platypus import Paragraph, LongTable, TableStyle
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.lib import colors
        data = []
        for ri, row in enumerate(b.rows):
            sty = self.cell_head if ri == 0 else self.cell
            data.append([Paragraph(self.markup(c), sty) for c in row])
        widths = column_widths(
            [[plain(c) for c in row] for row in b.rows], self.frame_w, 12,
            lambda s, bold: stringWidth(s, self.fonts["bold" if bold else "regular"],
                                        self.st["body_size"] - 1))
        t = LongTable(data, colWidths=widths, repeatRows=1 if self.st["table_header_repeat"]
                      else 0, splitByRow=1, spaceBefore=4, spaceAfter=10, hAlign="LEFT")
        t.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.5, colors.Color(0.45, 0.45, 0.45)),
            ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.88, 0.88, 0.88)),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]))
        return t

    # -- page furniture and footnotes ----------------------------------------------------------
    def fn_paragraphs(self, numbers):
        from reportlab.platypus import Paragraph
        fns = dict(self.r.footnotes)
        return [Paragraph(f"<super>{n}</super> " + self.markup(fns[n]), self.fn)
                for n in numbers]

    def fn_height(self, numbers):
        if not numbers:
            return 0
        h = sum(p.wrap(self.frame_w, 1000)[1] + 1 for p in self.fn_paragraphs(numbers))
        return h + 14

    def draw_furniture(self, canv, page, pages):
        st = self.st
        if not has_furniture(st, page):
            return
        canv.saveState()
        canv.setFont(self.furn_font, self.furn_size)
        ph = self.pagesize[1]
        left, right = self.margin, self.pagesize[0] - self.margin
        y = ph - self.margin + 0.9 * self.cm
        if st["header"]:
            t = subst(st["header"], page, pages)
            if st["header_right"]:
                canv.drawString(left, y, t)
            else:
                canv.drawCentredString((left + right) / 2, y, t)
        if st["header_right"]:
            canv.drawRightString(right, y, subst(st["header_right"], page, pages))
        if st["footer"]:
            t = subst(st["footer"], page, pages)
            y = self.margin - 1.1 * self.cm
            a = footer_alignment(st, page)
            if a == "left":
                canv.drawString(left, y, t)
            elif a == "right":
                canv.drawRightString(right, y, t)
            else:
                canv.drawCentredString((left + right) / 2, y, t)
        canv.restoreState()

    def draw_footnotes(self, canv, numbers):
        if not numbers:
            return
        paras = self.fn_paragraphs(numbers)
        hs = [p.wrap(self.frame_w, 1000)[1] + 1 for p in paras]
        y = self.margin + sum(hs) + 4
        canv.saveState()
        canv.setLineWidth(0.5)
        canv.line(self.margin, y + 4, self.margin + self.frame_w / 3, y + 4)
        canv.restoreState()
        for p, h in zip(paras, hs):
            y -= h
            p.drawOn(canv, self.margin, y)

    # -- build ----------------------------------------------------------------------------------
    def build(self, out_path, prev, reserve):
        from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
        renderer = self
        meta = self.r.gold.get("metadata") or {}
        title = meta.get("title") or cover_title(self.r) or self.r.name
        author = meta.get("board") or ""
        marks = {"h": {}, "fn": {}, "cover": None, "contents": None}
        pages_prev = prev.pages if prev else 0

        def mark(canv, kind, label):
            page = canv.getPageNumber()
            if label.startswith("h:"):
                marks["h"].setdefault(int(label[2:]), page)
            elif label.startswith("fn:"):
                marks["fn"].setdefault(int(label[3:]), page)
            elif marks.get(label) is None:
                marks[label] = page

        class Doc(BaseDocTemplate):
            def beforeDocument(self):
                self.canv.scrx_mark = mark

            def handle_frameBegin(self, *a, **k):
                super().handle_frameBegin(*a, **k)
                f = self.frame
                f._geom()
                r = reserve.get(self.page, 0)
                if r:
                    f._y1p += r
                    f._aH -= r

        def on_page_end(canv, doc):
            page = canv.getPageNumber()
            renderer.draw_furniture(canv, page, pages_prev)
            here = sorted(n for n, p in marks["fn"].items() if p == page)
            renderer.draw_footnotes(canv, here)

        frame = Frame(self.margin, self.margin, self.frame_w, self.frame_h, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc = Doc(str(out_path), pagesize=self.pagesize, invariant=1, title=title,
                  author=author, creator="scrx tools/corpus/make_corpus.py",
                  subject="", initialFontName=self.fonts["regular"],
                  leftMargin=self.margin, rightMargin=self.margin, topMargin=self.margin,
                  bottomMargin=self.margin)
        doc.addPageTemplates([PageTemplate("page", [frame], onPageEnd=on_page_end)])
        doc.build(self.story(prev))
        hp = [marks["h"].get(i, 0) for i in range(len(self.r.headings))]
        return Layout(hp, doc.page, marks["cover"], marks["contents"], dict(marks["fn"]))


def strip_label(spans, label):
    """spans of a numbered paragraph without its leading label (and following spaces)."""
    out, todo = [], label
    for s in spans:
        if todo and s.fn is None:
            t = s.text
            if t.startswith(todo):
                t, todo = t[len(todo):], ""
            elif todo.startswith(t):
                todo, t = todo[len(t):], ""
            t = t.lstrip() if not todo else t
            if not t:
                continue
            out.append(Span(t, s.bold, s.italic))
        else:
            out.append(s)
    if out and out[0].fn is None:
        out[0] = Span(out[0].text.lstrip(), out[0].bold, out[0].italic)
    return out


def cover_title(review):
    for b in review.blocks:
        if b.kind == "cover":
            return plain(b.lines[0]).strip()
    return None


def column_widths(rows, total, pad, width_of):
    """Column widths that fill `total`: a column whose longest cell fits in a modest share
    keeps that width; the others share what is left in proportion to (their amount of
    text)^0.6, never narrower than their longest word."""
    ncols = len(rows[0])
    natural, minimum, amount = [0.0] * ncols, [0.0] * ncols, [0.0] * ncols
    for ri, row in enumerate(rows):
        for ci, text in enumerate(row):
            natural[ci] = max(natural[ci], width_of(text, ri == 0) + pad)
            amount[ci] += width_of(text, ri == 0)
            for w in text.split():
                minimum[ci] = max(minimum[ci], width_of(w, ri == 0) + pad)
    minimum = [max(m, 24) for m in minimum]
    if sum(natural) <= total:
        extra = total - sum(natural)
        return [n + extra * n / sum(natural) for n in natural]
    widths = [None] * ncols
    while True:
        free = [c for c in range(ncols) if widths[c] is None]
        left = total - sum(w for w in widths if w is not None)
        weight = {c: max(amount[c], 1.0) ** 0.6 for c in free}
        share = {c: left * weight[c] / sum(weight.values()) for c in free}
        fixed = [c for c in free if natural[c] <= share[c] or minimum[c] >= share[c]]
        if not fixed or len(fixed) == len(free):
            for c in free:
                widths[c] = share[c] if c not in fixed else (
                    natural[c] if natural[c] <= share[c] else minimum[c])
            break
        for c in fixed:
            widths[c] = natural[c] if natural[c] <= share[c] else minimum[c]
    scale = total / sum(widths)
    return [w * scale for w in widths]


def _toc_flowable_base():
    from reportlab.platypus import Flowable
    return Flowable


class TocEntry(_toc_flowable_base()):
    """One contents line in the chosen form (dotted, same_line, own_line, page_prefix,
    no_numbers), title wrapped before the page-number column."""

    def __init__(self, rr, heading, page):
        super().__init__()
        self.rr, self.h, self.page = rr, heading, page
        st = rr.st
        self.form = st["contents"]
        self.font = rr.fonts["bold"] if heading.level == 1 else rr.fonts["regular"]
        self.size = rr.toc_size
        self.leading = self.size * 1.45
        self.indent = (heading.level - 1) * 0.8 * rr.cm
        text = heading.written
        self.text = ligate(text) if st["ligatures"] else text
        self.num = {"page_prefix": f"Page {page}", "no_numbers": ""}.get(self.form, str(page))
        self.spaceAfter = 2

    def wrap(self, aW, aH):
        from reportlab.lib.utils import simpleSplit
        from reportlab.pdfbase.pdfmetrics import stringWidth
        self.aW = aW
        numw = stringWidth(self.num, self.font, self.size) if self.num else 0
        avail = aW - self.indent - (numw + 24 if self.form in ("dotted", "same_line",
                                                               "page_prefix") else 0)
        self.lines = simpleSplit(self.text, self.font, self.size, avail)
        n = len(self.lines) + (1 if self.form == "own_line" else 0)
        self.height = n * self.leading
        return aW, self.height

    def draw(self):
        from reportlab.pdfbase.pdfmetrics import stringWidth
        c = self.canv
        c.setFont(self.font, self.size)
        y = self.height - self.size
        for line in self.lines:
            c.drawString(self.indent, y, line)
            y -= self.leading
        y += self.leading
        last_end = self.indent + stringWidth(self.lines[-1], self.font, self.size)
        if self.form in ("dotted", "same_line", "page_prefix"):
            c.drawRightString(self.aW, y, self.num)
        if self.form == "dotted":
            numw = stringWidth(self.num, self.font, self.size)
            dot = stringWidth(".", self.font, self.size)
            space = self.aW - numw - 6 - (last_end + 6)
            n = int(space / dot)
            if n > 0:
                c.drawRightString(self.aW - numw - 6, y, "." * n)
        if self.form == "own_line":
            c.setFont(self.rr.fonts["regular"], self.size)
            c.drawString(self.indent, y - self.leading, self.num)



def render_reportlab(review, out_pdf):
    rr = RLRenderer(review)
    prev = None
    reserve_sets = {}     # page -> set of footnote numbers ever placed there
    for _ in range(MAX_PASSES):
        reserve = {p: rr.fn_height(sorted(ns)) for p, ns in reserve_sets.items()}
        lay = rr.build(out_pdf, prev, reserve)
        fits = all(n in reserve_sets.get(p, set()) for n, p in lay.fn_pages.items())
        if prev is not None and lay.key()[:4] == prev.key()[:4] and fits:
            return lay
        for n, p in lay.fn_pages.items():
            reserve_sets.setdefault(p, set()).add(n)
        prev = lay
    raise RenderError(f"{review.path}: page layout did not settle after {MAX_PASSES} passes")


# ---------------------------------------------------------------------------------------------
# LibreOffice producer (python-docx -> soffice)

class Soffice:
    """soffice --headless with a private user profile (so it never collides with another
    LibreOffice running on the machine)."""

    def __init__(self, workdir):
        self.profile = Path(workdir) / "lo-profile"
        if not shutil.which("soffice"):
            raise RenderError("soffice not found: install libreoffice-writer-nogui")

    def convert(self, docx_path, outdir, bookmarks):
        opts = json.dumps({"ExportBookmarks": {"type": "boolean",
                                               "value": "true" if bookmarks else "false"}})
        cmd = ["soffice", "--headless", "--norestore", "--nolockcheck",
               f"-env:UserInstallation=file://{self.profile}",
               "--convert-to", f"pdf:writer_pdf_Export:{opts}", "--outdir", str(outdir),
               str(docx_path)]
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        pdf = Path(outdir) / (Path(docx_path).stem + ".pdf")
        if res.returncode != 0 or not pdf.exists():
            raise RenderError(f"{docx_path}: soffice failed ({res.returncode}): "
                              f"{res.stderr.strip() or res.stdout.strip()}")
        return pdf


def _w(tag, **attrs):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(k.replace("_", ":", 1)), str(v))
    return el


_PPR_AFTER_SUPPRESS = (
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE",
    "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
    "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
    "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr",
    "w:sectPr", "w:pPrChange")


def _no_hyphens(el):
    """Add w:suppressAutoHyphens to a paragraph's (or paragraph style's) w:pPr, in schema
    order."""
    ppr = el.get_or_add_pPr()
    if ppr.find(_qn("w:suppressAutoHyphens")) is None:
        ppr.insert_element_before(_w("w:suppressAutoHyphens"), *_PPR_AFTER_SUPPRESS)


def _qn(tag):
    from docx.oxml.ns import qn
    return qn(tag)


class DocxBuilder:
    def __init__(self, review, heading_pages):
        import docx
        from docx.shared import Pt, Cm
        self.r, self.st = review, review.style
        self.hp = heading_pages
        self.Pt, self.Cm = Pt, Cm
        self.d = docx.Document()
        st = self.st
        if st["ligatures"]:
            # Liberation has no ff/ffi/ffl glyphs; DejaVu has all five.
            self.font = "DejaVu Sans" if st["font"] == "sans" else "DejaVu Serif"
        else:
            self.font = "Liberation Sans" if st["font"] == "sans" else "Liberation Serif"
        self.bs = float(st["body_size"])
        self.ind = indents(review, lambda t: text_width(DOCX_FONT_FILES[self.font][0], t,
                                                        self.bs))
        self.break_before = False
        self.fn_xml = []
        self.in_body_cols = False
        self._setup()

    # -- document setup -------------------------------------------------------------------------
    def _setup(self):
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import RGBColor
        from docx.oxml.ns import qn
        d, st, Pt, Cm = self.d, self.st, self.Pt, self.Cm
        sec = d.sections[0]
        if st["page"] == "A4":
            sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
        else:
            sec.page_width, sec.page_height = Cm(21.59), Cm(27.94)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(sec, side, Cm(2.5))
        sec.header_distance, sec.footer_distance = Cm(1.2), Cm(1.1)
        self.text_width = sec.page_width - sec.left_margin - sec.right_margin
        # document defaults: font, size, language (en-US: the only hyphenation dictionary
        # Debian's LibreOffice has is hyphen-en-us)
        styles = d.styles.element
        rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        for el in list(rpr_default):
            if el.tag in (qn("w:rFonts"), qn("w:lang")):
                rpr_default.remove(el)
        rpr_default.insert(0, _w("w:rFonts", w_ascii=self.font, w_hAnsi=self.font,
                                 w_cs=self.font, w_eastAsia=self.font))
        rpr_default.append(_w("w:lang", w_val="en-US"))
        normal = d.styles["Normal"]
        normal.font.name = self.font
        normal.font.size = Pt(self.bs)
        pf = normal.paragraph_format
        pf.space_after = Pt(self.bs * 0.6)
        pf.space_before = Pt(0)
        pf.line_spacing = 1.12
        pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if st["justify"] else WD_ALIGN_PARAGRAPH.LEFT
        if st["hyphenate"]:
            settings = d.settings.element
            settings.append(_w("w:autoHyphenation"))
            settings.append(_w("w:consecutiveHyphenLimit", w_val="0"))
        else:
            _no_hyphens(normal.element)
        hs = st["heading_style"]
        sizes = {"bold": (2, 1, 0), "large": (7, 4, 2), "caps": (1, 0, 0),
                 "plain-large": (7, 4, 2)}[hs]
        for lvl in (1, 2, 3):
            s = d.styles[f"Heading {lvl}"]
            rpr = s.element.get_or_add_rPr()
            for el in list(rpr):
                if el.tag in (qn("w:rFonts"), qn("w:color"), qn("w:i"), qn("w:b"),
                              qn("w:sz"), qn("w:szCs")):
                    rpr.remove(el)
            s.font.name = self.font
            s.font.size = Pt(self.bs + sizes[lvl - 1])
            s.font.bold = hs != "plain-large"
            s.font.italic = False
            s.font.color.rgb = RGBColor(0, 0, 0)
            s.paragraph_format.space_before = Pt((self.bs + sizes[lvl - 1]) * 1.0)
            s.paragraph_format.space_after = Pt((self.bs + sizes[lvl - 1]) * 0.45)
            s.paragraph_format.keep_with_next = True
            s.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
            _no_hyphens(s.element)
        self._furniture(sec)

    def _field_runs(self, p, template, size):
        parts = re.split(r"(\{page\}|\{pages\})", template)
        for part in parts:
            if not part:
                continue
            if part in ("{page}", "{pages}"):
                instr = "PAGE" if part == "{page}" else "NUMPAGES"
                for el in (_w("w:fldChar", w_fldCharType="begin"),):
                    r = p.add_run()
                    r._r.append(el)
                r = p.add_run()
                it = _w("w:instrText")
                it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                it.text = f" {instr} "
                r._r.append(it)
                r = p.add_run()
                r._r.append(_w("w:fldChar", w_fldCharType="separate"))
                r = p.add_run("1")
                r.font.size = size
                r = p.add_run()
                r._r.append(_w("w:fldChar", w_fldCharType="end"))
            else:
                r = p.add_run(part)
                r.font.size = size

    def _furniture(self, sec):
        from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
        st, Pt = self.st, self.Pt
        size = Pt(max(7.5, self.bs - 2))
        if not st["first_page_furniture"]:
            sec.different_first_page_header_footer = True
        outside = st["footer_align"] == "outside"
        if outside:
            self.d.settings.odd_and_even_pages_header_footer = True

        for name in ("Header", "Footer"):
            # the template's Letter-sized centre/right tab stops would catch our tab
            try:
                self.d.styles[name].paragraph_format.tab_stops.clear_all()
            except KeyError:
                pass

        def fill_header(h):
            p = h.paragraphs[0]
            if st["header"] or st["header_right"]:
                if st["header_right"]:
                    p.paragraph_format.tab_stops.add_tab_stop(self.text_width,
                                                              WD_TAB_ALIGNMENT.RIGHT)
                    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
                    if st["header"]:
                        self._field_runs(p, st["header"], size)
                    p.add_run("\t")
                    self._field_runs(p, st["header_right"], size)
                else:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    self._field_runs(p, st["header"], size)
            p.paragraph_format.space_after = Pt(0)

        def fill_footer(f, align):
            p = f.paragraphs[0]
            p.paragraph_format.space_after = Pt(0)
            if st["footer"]:
                p.alignment = {"left": WD_ALIGN_PARAGRAPH.LEFT,
                               "center": WD_ALIGN_PARAGRAPH.CENTER,
                               "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
                self._field_runs(p, st["footer"], size)

        fill_header(sec.header)
        fill_footer(sec.footer, "right" if outside else st["footer_align"])
        if outside:
            fill_header(sec.even_page_header)
            fill_footer(sec.even_page_footer, "left")
        if not st["first_page_furniture"]:
            sec.first_page_header.is_linked_to_previous = False
            sec.first_page_footer.is_linked_to_previous = False
            sec.first_page_header.paragraphs[0].text = ""
            sec.first_page_footer.paragraphs[0].text = ""

    # -- sections (columns) ---------------------------------------------------------------------
    def _section_break(self, cols):
        """End the current section at the last paragraph (continuous break) and start one with
        `cols` columns."""
        from docx.oxml.ns import qn
        body = self.d.element.body
        last_p = None
        for el in reversed(list(body)):
            if el.tag == qn("w:p"):
                last_p = el
                break
            if el.tag == qn("w:tbl"):
                break
        if last_p is None:
            last_p = self.d.add_paragraph()._p
            last_p.get_or_add_pPr()
        sentinel = body.get_or_add_sectPr()
        clone = copy.deepcopy(sentinel)
        last_p.get_or_add_pPr().append(clone)
        for ref in sentinel.xpath("w:headerReference|w:footerReference|w:titlePg"):
            sentinel.remove(ref)
        for t in sentinel.xpath("w:type"):
            sentinel.remove(t)
        # w:type follows the header/footer references, which a new section does not have
        sentinel.insert(0, _w("w:type", w_val="continuous"))
        self._set_cols(sentinel, cols)

    def _set_cols(self, sectPr, cols):
        from docx.oxml.ns import qn
        for c in sectPr.xpath("w:cols"):
            sectPr.remove(c)
        el = _w("w:cols", w_num=cols, w_space=454) if cols > 1 else _w("w:cols", w_space=454)
        # schema order: w:cols comes before these
        for tag in ("w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
                    "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings"):
            nxt = sectPr.find(qn(tag))
            if nxt is not None:
                nxt.addprevious(el)
                return
        sectPr.append(el)

    def _enter_cols(self):
        if self.st["columns"] == 2 and not self.in_body_cols:
            self._section_break(2)
            self.in_body_cols = True

    def _leave_cols(self):
        if self.in_body_cols:
            self._section_break(1)
            self.in_body_cols = False

    # -- paragraphs -----------------------------------------------------------------------------
    def para(self, style=None):
        p = self.d.add_paragraph(style=style)
        if self.break_before:
            p.paragraph_format.page_break_before = True
            self.break_before = False
        return p

    def runs(self, p, spans, caps=False, size=None, italic=None, font=None):
        for s in spans:
            if s.fn is not None:
                self.footnote_ref(p, s.fn)
                continue
            t = s.text.upper() if caps else s.text
            if self.st["ligatures"]:
                t = ligate(t)
            r = p.add_run(t)
            if s.bold:
                r.bold = True
            if s.italic or italic:
                r.italic = True
            if size:
                r.font.size = size
            if font:
                r.font.name = font

    def footnote_ref(self, p, n):
        r = p.add_run()
        r.font.superscript = True
        r._r.append(_w("w:footnoteReference", w_id=n))

    def add_footnotes_part(self):
        from docx.opc.part import Part
        from docx.opc.packuri import PackURI
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from xml.sax.saxutils import escape
        if not self.r.footnotes:
            return
        W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        sz = int(round((self.bs - 2) * 2))
        font = self.font
        items = [
            '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0"/>'
            '</w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>',
            '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr>'
            '<w:spacing w:after="0"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
            '</w:footnote>']
        for n, spans in self.r.footnotes:
            runs = [f'<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>'
                    f'<w:vertAlign w:val="superscript"/><w:sz w:val="{sz}"/></w:rPr>'
                    f'<w:footnoteRef/></w:r>',
                    f'<w:r><w:rPr><w:sz w:val="{sz}"/></w:rPr><w:t xml:space="preserve"> </w:t>'
                    f'</w:r>']
            for s in spans:
                t = ligate(s.text) if self.st["ligatures"] else s.text
                props = ("<w:b/>" if s.bold else "") + ("<w:i/>" if s.italic else "")
                runs.append(f'<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/>{props}'
                            f'<w:sz w:val="{sz}"/></w:rPr><w:t xml:space="preserve">'
                            f'{escape(t)}</w:t></w:r>')
            items.append(f'<w:footnote w:id="{n}"><w:p><w:pPr><w:spacing w:after="40" '
                         f'w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>'
                         f'<w:suppressAutoHyphens/></w:pPr>{"".join(runs)}</w:p></w:footnote>')
        xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               f'<w:footnotes xmlns:w="{W}">{"".join(items)}</w:footnotes>')
        part = Part(PackURI("/word/footnotes.xml"),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml."
                    "footnotes+xml", xml.encode("utf-8"), self.d.part.package)
        self.d.part.relate_to(part, RT.FOOTNOTES)

    # -- blocks ---------------------------------------------------------------------------------
    def build(self, path):
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        Pt, st = self.Pt, self.st
        for b in self.r.blocks:
            if b.kind == "cover":
                self._leave_cols()
                if self.d.paragraphs:
                    self.break_before = True
                first = True
                for l in b.lines:
                    p = self.para()
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    p.paragraph_format.keep_together = True
                    if first:
                        p.paragraph_format.space_before = Pt(140)
                        p.paragraph_format.space_after = Pt(18)
                        self.runs(p, l, size=Pt(22))
                        for r in p.runs:
                            r.bold = True
                        first = False
                    else:
                        self.runs(p, l, size=Pt(13))
                self.break_before = True
            elif b.kind == "contents":
                if st["contents"] == "none":
                    continue
                self._leave_cols()
                self.break_before = True
                p = self.para()
                s = self.d.styles["Heading 1"]
                title = st["contents_title"]
                if st["heading_style"] == "caps":
                    title = title.upper()
                r = p.add_run(ligate(title) if st["ligatures"] else title)
                r.font.size = s.font.size
                r.bold = s.font.bold
                p.paragraph_format.space_after = Pt(self.bs + 6)
                p.paragraph_format.keep_with_next = True
                for h in contents_headings(self.r):
                    page = self.hp[self.r.headings.index(h)] if self.hp else 0
                    self.toc_entry(h, page)
                self.break_before = True
            elif b.kind == "pagebreak":
                self.break_before = True
            elif b.kind == "heading":
                caps = st["heading_style"] == "caps"
                if st["columns"] == 2 and b.level == 1:
                    self._leave_cols()
                    p = self.para(style=f"Heading {b.level}")
                    self.runs(p, b.spans, caps=caps)
                    self._enter_cols()
                else:
                    self._enter_cols()
                    p = self.para(style=f"Heading {b.level}")
                    self.runs(p, b.spans, caps=caps)
            elif b.kind == "table":
                self._enter_cols() if st["columns"] == 1 else self._leave_cols()
                self.table(b)
            else:
                self._enter_cols()
                self.block_para(b)
        self._finish_sections()
        self.add_footnotes_part()
        meta = self.r.gold.get("metadata") or {}
        cp = self.d.core_properties
        cp.title = meta.get("title") or cover_title(self.r) or self.r.name
        cp.author = meta.get("board") or ""
        cp.last_modified_by = ""
        cp.comments = ""
        cp.created = datetime.datetime(2000, 1, 1)
        cp.modified = datetime.datetime(2000, 1, 1)
        cp.revision = 1
        self.d.save(str(path))

    def _finish_sections(self):
        # the final section's sectPr is the body-level one; make sure it has its columns
        sentinel = self.d.element.body.get_or_add_sectPr()
        if not sentinel.xpath("w:cols"):
            self._set_cols(sentinel, 1)

    def toc_entry(self, h, page):
        from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
        Pt, Cm, st = self.Pt, self.Cm, self.st
        form = st["contents"]
        p = self.para()
        pf = p.paragraph_format
        pf.alignment = 0
        pf.left_indent = Cm(0.8 * (h.level - 1))
        pf.space_after = Pt(3)
        _no_hyphens(p._p)
        text = ligate(h.written) if st["ligatures"] else h.written
        r = p.add_run(text)
        if h.level == 1:
            r.bold = True
        if form in ("dotted", "same_line", "page_prefix"):
            leader = WD_TAB_LEADER.DOTS if form == "dotted" else WD_TAB_LEADER.SPACES
            pf.tab_stops.add_tab_stop(self.text_width, WD_TAB_ALIGNMENT.RIGHT, leader)
            num = f"Page {page}" if form == "page_prefix" else str(page)
            p.add_run("\t" + num)
        elif form == "own_line":
            pf.space_after = Pt(0)
            pf.keep_with_next = True
            q = self.para()
            q.paragraph_format.left_indent = Cm(0.8 * (h.level - 1))
            q.paragraph_format.space_after = Pt(4)
            q.add_run(str(page))

    def block_para(self, b):
        Pt, Cm, st = self.Pt, self.Cm, self.st
        ind = self.ind
        if b.kind == "quote":
            p = self.para()
            p.paragraph_format.left_indent = Pt(ind.quote_left)
            p.paragraph_format.right_indent = Cm(1.0)
            self.runs(p, b.spans, italic=True)
            return
        if b.kind == "item":
            label = item_label(b, st)
            x, gap = ind.label_x(b.level), ind.gap(b)
            p = self.para()
            pf = p.paragraph_format
            pf.left_indent = Pt(x + gap)
            pf.first_line_indent = Pt(-gap)
            pf.space_after = Pt(self.bs * 0.35)
            pf.tab_stops.add_tab_stop(Pt(x + gap))
            r = p.add_run()
            if b.bullet and st["bullet"] == "symbol":
                # Word's own way: w:sym in the Symbol font; LibreOffice draws it with
                # OpenSymbol and keeps U+F0B7 in the text layer
                r._r.append(_w("w:sym", w_font="Symbol", w_char="F0B7"))
            else:
                r.text = label
            p.add_run("\t")
            self.runs(p, b.spans)
            return
        p = self.para()
        if b.kind == "para" and b.label and st["number_paragraphs"]:
            pf = p.paragraph_format
            pf.left_indent = Pt(ind.num)
            pf.first_line_indent = Pt(-ind.num)
            pf.tab_stops.add_tab_stop(Pt(ind.num))
            p.add_run(b.label + "\t")
            self.runs(p, strip_label(b.spans, b.label))
            return
        self.runs(p, b.spans)

    def table(self, b):
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        Pt, st = self.Pt, self.st
        if self.break_before:
            self.para()
        nrows, ncols = len(b.rows), len(b.rows[0])
        t = self.d.add_table(rows=nrows, cols=ncols)
        t.style = self.d.styles["Table Grid"]
        t.autofit = False
        width = self.text_width
        # the width of a string in EMU, roughly: 0.5 em per character
        files = DOCX_FONT_FILES[self.font]
        from docx.shared import Emu
        widths = column_widths([[plain(c) for c in row] for row in b.rows], Emu(int(width)).pt,
                               12,
                               lambda s, bold: text_width(files[1 if bold else 0], s,
                                                          self.bs - 1))
        widths = [Pt(w) for w in widths]
        for ri, row in enumerate(b.rows):
            tr = t.rows[ri]
            if ri == 0 and st["table_header_repeat"]:
                tr._tr.get_or_add_trPr().append(_w("w:tblHeader"))
            for ci, cell_spans in enumerate(row):
                cell = tr.cells[ci]
                cell.width = int(widths[ci])
                p = cell.paragraphs[0]
                p.alignment = WD_ALIGN_PARAGRAPH.LEFT
                p.paragraph_format.space_after = Pt(2)
                _no_hyphens(p._p)
                spans = [Span(s.text, s.bold or ri == 0, s.italic, s.fn) for s in cell_spans]
                self.runs(p, spans, size=Pt(self.bs - 1))
                if ri == 0:
                    shd = _w("w:shd", w_val="clear", w_color="auto", w_fill="E0E0E0")
                    cell._tc.get_or_add_tcPr().append(shd)
        for ci, col in enumerate(t.columns):
            col.width = int(widths[ci])
        # a small empty paragraph after the table, as word processors need
        p = self.d.add_paragraph()
        p.paragraph_format.space_after = Pt(2)


def outline_pages(pdf_path, review):
    import fitz
    doc = fitz.open(str(pdf_path))
    toc = doc.get_toc(simple=True)
    n = doc.page_count
    doc.close()
    if len(toc) != len(review.headings):
        raise RenderError(f"{review.path}: soffice's outline has {len(toc)} entries for "
                          f"{len(review.headings)} headings")
    return [e[2] for e in toc], n


def norm(s):
    s = unicodedata.normalize("NFKC", s).replace("\u00ad", "")
    return re.sub(r"\s+", " ", s).strip()


def find_page_of(pdf_path, needle, start=1):
    import fitz
    doc = fitz.open(str(pdf_path))
    try:
        for i in range(start - 1, doc.page_count):
            if norm(needle) in norm(doc[i].get_text()):
                return i + 1
    finally:
        doc.close()
    return None


def render_libreoffice(review, out_pdf, soffice, workdir):
    prev = None
    hp = None
    tmp = Path(workdir) / review.name
    tmp.mkdir(parents=True, exist_ok=True)
    docx_path = tmp / f"{review.name}.docx"
    for _ in range(MAX_PASSES):
        DocxBuilder(review, hp).build(docx_path)
        pdf = soffice.convert(docx_path, tmp, bookmarks=True)
        pages_list, n = outline_pages(pdf, review)
        lay = Layout(pages_list, n)
        if prev is not None and lay.key() == prev.key():
            break
        prev, hp = lay, pages_list
    else:
        raise RenderError(f"{review.path}: page layout did not settle after {MAX_PASSES} passes")
    # final conversion without the outline (a plain export, like most published reports)
    pdf = soffice.convert(docx_path, tmp, bookmarks=False)
    shutil.copyfile(pdf, out_pdf)
    shutil.copyfile(docx_path, Path(workdir) / f"{review.name}.docx")
    if any(b.kind == "cover" for b in review.blocks):
        lay.cover_page = find_page_of(out_pdf, cover_title(review)) or 1
    if has_contents_page(review):
        title = review.style["contents_title"]
        if review.style["heading_style"] == "caps":
            title = title.upper()
        lay.contents_page = find_page_of(out_pdf, title, start=(lay.cover_page or 0) + 1)
    return lay


# ---------------------------------------------------------------------------------------------
# gold.json

def body_lines(review):
    out = []
    for b in review.blocks:
        if b.kind == "cover":
            out.extend(plain(l).strip() for l in b.lines if l)
        elif b.kind == "heading":
            out.append(review.headings[b.index].printed)
        elif b.kind in ("para", "quote"):
            out.append(plain(b.spans).strip())
        elif b.kind == "item":
            t = plain(b.spans).strip()
            out.append(t if b.bullet else f"{b.label} {t}")
        elif b.kind == "table":
            for row in b.rows:
                out.extend(plain(c).strip() for c in row)
    return [re.sub(r"\s+", " ", l) for l in out if l.strip()]


def make_gold(review, lay, pdf_path):
    import fitz
    with fitz.open(str(pdf_path)) as d:
        pages = d.page_count
    st = review.style
    sections = []
    for b in review.blocks:
        if b.kind == "cover":
            sections.append({"title": None, "number": None, "level": 1, "kind": "cover",
                             "page": lay.cover_page or 1})
        elif b.kind == "contents" and has_contents_page(review):
            title = st["contents_title"]
            if st["heading_style"] == "caps":
                title = title.upper()
            sections.append({"title": title, "number": None, "level": 1, "kind": "contents",
                             "page": lay.contents_page})
        elif b.kind == "heading":
            h = review.headings[b.index]
            sections.append({"title": h.title, "number": h.number, "level": h.level,
                             "kind": h.kind, "page": lay.heading_pages[b.index]})
    gold = {
        "name": review.name,
        "producer": review.producer,
        "pages": pages,
        "style": dict(st),
        "running_text": running_text(st, pages),
        "sections": sections,
        "body_text": "\n".join(body_lines(review)),
        "footnotes": [re.sub(r"\s+", " ", plain(sp)).strip() for _, sp in review.footnotes],
    }
    gold.update(review.gold)
    return gold


def check_recommendations(review, body_text):
    flat = re.sub(r"\s+", " ", body_text)
    for rec, ln in zip(review.gold.get("recommendations") or [], review.rec_lines):
        starts = rec.get("starts")
        if starts and starts not in flat:
            raise SourceError(review.path, ln, f"gold.recommendations: starts {starts!r} does "
                              "not occur in the body text")
        ends = rec.get("ends")
        if ends is not None and (not isinstance(ends, str) or ends not in flat):
            raise SourceError(review.path, ln, f"gold.recommendations: ends {ends!r} does "
                              "not occur in the body text")


# ---------------------------------------------------------------------------------------------

def write_atomic(path, data):
    tmp = path.with_name(path.name + ".tmp")
    if isinstance(data, bytes):
        tmp.write_bytes(data)
    else:
        tmp.write_text(data, encoding="utf-8")
    os.replace(tmp, path)


def render_one(src, out_dir, taxonomy, workdir, soffice_holder):
    review = parse_source(src, taxonomy)
    check_recommendations(review, "\n".join(body_lines(review)))
    out_pdf = out_dir / f"{review.name}.pdf"
    tmp_pdf = Path(workdir) / f"{review.name}.pdf"
    if review.producer == "reportlab":
        lay = render_reportlab(review, tmp_pdf)
    else:
        if soffice_holder[0] is None:
            soffice_holder[0] = Soffice(workdir)
        lay = render_libreoffice(review, tmp_pdf, soffice_holder[0], workdir)
    gold = make_gold(review, lay, tmp_pdf)
    write_atomic(out_pdf, tmp_pdf.read_bytes())
    write_atomic(out_dir / f"{review.name}.gold.json",
                 json.dumps(gold, ensure_ascii=False, indent=2) + "\n")
    return gold


def main(argv=None):
    ap = argparse.ArgumentParser(description="Render corpus/src/*.rv to corpus/*.pdf and "
                                 "corpus/*.gold.json (see tools/corpus/README.md).")
    ap.add_argument("--only", nargs="+", action="append", metavar="NAME",
                    help="render only these sources (file names without .rv)")
    ap.add_argument("--src", default=str(REPO / "corpus" / "src"),
                    help="folder of .rv sources (default: corpus/src)")
    ap.add_argument("--out", default=str(REPO / "corpus"),
                    help="output folder (default: corpus)")
    ap.add_argument("--keep-docx", action="store_true",
                    help="libreoffice producer: also write NAME.docx beside the PDF")
    args = ap.parse_args(argv)
    src_dir, out_dir = Path(args.src), Path(args.out)
    if not src_dir.is_dir():
        print(f"make_corpus: {src_dir}: no such folder", file=sys.stderr)
        return 2
    only = [n[:-3] if n.endswith(".rv") else n for group in (args.only or []) for n in group]
    sources = sorted(src_dir.glob("*.rv"))
    if only:
        names = {p.stem for p in sources}
        missing = [n for n in only if n not in names]
        if missing:
            for n in missing:
                print(f"make_corpus: {src_dir / (n + '.rv')}: no such source", file=sys.stderr)
            return 2
        sources = [p for p in sources if p.stem in only]
    if not sources:
        print(f"make_corpus: no .rv sources in {src_dir}", file=sys.stderr)
        return 2
    out_dir.mkdir(parents=True, exist_ok=True)
    taxonomy = load_taxonomy_ids()
    if taxonomy is None:
        print(f"make_corpus: warning: {TAXONOMY} not found; theme ids are not checked",
              file=sys.stderr)
    failed = 0
    soffice_holder = [None]
    with tempfile.TemporaryDirectory(prefix="scrx-corpus-") as workdir:
        for src in sources:
            try:
                gold = render_one(src, out_dir, taxonomy, workdir, soffice_holder)
                if args.keep_docx and gold["producer"] == "libreoffice":
                    shutil.copyfile(Path(workdir) / f"{gold['name']}.docx",
                                    out_dir / f"{gold['name']}.docx")
                print(f"{out_dir / (gold['name'] + '.pdf')}: {gold['pages']} pages "
                      f"({gold['producer']})")
            except (SourceError, RenderError) as e:
                print(f"make_corpus: {e}", file=sys.stderr)
                failed += 1
            except Exception:  # a bug in this script: report it, go on with the next source
                import traceback
                print(f"make_corpus: {src}: internal error while rendering:\n"
                      f"{traceback.format_exc()}", file=sys.stderr)
                failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
