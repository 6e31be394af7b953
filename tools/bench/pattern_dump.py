#!/usr/bin/python3
"""The theme patterns of a pack as plain regular expressions, for grep -P and Python `re`.

    tools/bench/pattern_dump.py [DIR...] [--format json|grep]

Reads every theme file of the folders given (default: the shipped patterns/) and turns each
theme's `term`/`terms` and `regex` match entries into one regular expression per theme, the way
scrx compiles them (patterns/README.md): a term matches case-insensitively on word boundaries,
a space in it matches spaces or hyphens, an apostrophe is optional, a trailing `*` matches the
rest of the word; a regex is case-insensitive unless `case: sensitive`. Proximity (`near`)
rules, exclusions, cues and verdict rules are not expressible in grep and are left out: this is
what a shell user can do, not what scrx does. Entries Python or PCRE cannot compile are dropped
and counted. `--format json` prints {theme: regex}; `--format grep` prints "theme<TAB>regex".
"""

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def term_to_regex(term: str) -> str:
    """A Python port of tag::TermToRegex (src/tag/pattern_set.cc)."""
    t = term.strip(" ")
    wildcard = t.endswith("*")
    if wildcard:
        t = t[:-1]

    def word(c):
        return c.isascii() and (c.isalnum() or c == "_")

    out = []
    if t and word(t[0]):
        out.append(r"\b")
    space = False
    for c in t:
        if c in " -":
            space = True
            continue
        if space:
            out.append(r"[\s\-]+")
            space = False
        if c == "'":
            out.append("'?")
        elif (c.isascii() and c.isalnum()) or not c.isascii():
            out.append(c)
        else:
            out.append("\\" + c)
    if wildcard:
        out.append(r"\w*")
    elif t and word(t[-1]):
        out.append(r"\b")
    return "".join(out)


def theme_regexes(dirs):
    """{theme id: [(regex, case_sensitive)]}, later folders replacing themes of earlier ones."""
    themes = {}
    for d in dirs:
        for p in sorted(Path(d).glob("*.y*ml")):
            doc = yaml.safe_load(p.read_text(encoding="utf-8"))
            if not isinstance(doc, dict) or doc.get("kind", "theme") != "theme":
                continue
            pats = []
            for entry in doc.get("match") or []:
                sensitive = entry.get("case") == "sensitive"
                terms = ([entry["term"]] if "term" in entry else []) + list(entry.get("terms") or [])
                pats += [(term_to_regex(str(t)), False) for t in terms]
                if "regex" in entry:
                    rx = str(entry["regex"])
                    # a leading global flag, which RE2 allows and Python does not
                    for flag, sens in (("(?-i)", True), ("(?i)", False)):
                        if rx.startswith(flag):
                            rx, sensitive = rx[len(flag):], sens
                    pats.append((rx, sensitive))
            themes[doc["id"]] = pats
    return themes


def combined(pats):
    """One alternation, case-insensitive as a whole (a leading (?i), which both Python and PCRE
    optimise far better than a (?i:...) group per entry), the case-sensitive entries in one
    (?-i:...) group."""
    ins = [p for p, s in pats if not s]
    sens = [p for p, s in pats if s]
    parts = []
    if ins:
        parts.append("(?i)(?:" + "|".join(ins) + ")")
    if sens:
        parts.append("(?-i:" + "|".join(sens) + ")")
    return "|".join(parts)


def compilable(pats):
    """The entries Python's re accepts (RE2 syntax is nearly a subset); (kept, dropped)."""
    kept, dropped = [], 0
    for p, s in pats:
        try:
            re.compile(f"(?-i:{p})" if s else f"(?i:{p})")
            kept.append((p, s))
        except re.error:
            dropped += 1
    return kept, dropped


def load(dirs=None):
    """{theme id: combined regex} and the number of entries dropped."""
    dirs = dirs or [ROOT / "patterns"]
    out, dropped = {}, 0
    for tid, pats in theme_regexes(dirs).items():
        kept, d = compilable(pats)
        dropped += d
        if kept:
            out[tid] = combined(kept)
    return out, dropped


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="*")
    ap.add_argument("--format", choices=["json", "grep"], default="json")
    args = ap.parse_args()
    pats, dropped = load(args.dirs)
    if args.format == "json":
        json.dump(pats, sys.stdout, indent=1)
        print()
    else:
        for tid, rx in pats.items():
            print(f"{tid}\t{rx}")
    print(f"{len(pats)} themes, {dropped} entries dropped", file=sys.stderr)


if __name__ == "__main__":
    main()
