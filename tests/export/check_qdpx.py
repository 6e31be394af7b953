#!/usr/bin/env python3
"""Checks an `scrx export --format qdpx` project against the REFI-QDA schema and the database.

Usage: check_qdpx.py PROJECT.qdpx scrx.sqlite Project-mrt2019.xsd
The project.qde must validate against the published schema (xmllint); the codable codes must be
the collection's themes; each source's text file must be in the zip; the text at every
selection's start/end positions (Unicode code points) must be an evidence quote of that review
for each theme coded there; and every evidence quote of the database must be coded. Exits 0 when
all holds, printing every problem otherwise.
"""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile

NS = "{urn:QDA-XML:project:1.0}"
problems = []


def check(cond, what):
    if not cond:
        problems.append(what)


def main(qdpx, dbpath, xsd):
    db = sqlite3.connect("file:%s?mode=ro" % dbpath, uri=True)
    z = zipfile.ZipFile(qdpx)
    names = set(z.namelist())
    check("project.qde" in names, "no project.qde in the zip")
    qde = z.read("project.qde")
    xmllint = shutil.which("xmllint")
    check(xmllint is not None, "xmllint is not installed (apt-get install libxml2-utils)")
    if xmllint:
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "project.qde")
            with open(path, "wb") as f:
                f.write(qde)
            r = subprocess.run([xmllint, "--noout", "--schema", xsd, path], capture_output=True, text=True)
            check(r.returncode == 0, "schema validation failed:\n" + r.stderr[-2000:])

    root = ET.fromstring(qde)
    check(root.tag == NS + "Project", "root element %r" % root.tag)
    users = root.findall(NS + "Users/" + NS + "User")
    check(len(users) == 1, "%d users" % len(users))
    user = users[0].get("guid") if users else None
    guids = [e.get("guid") for e in root.iter() if e.get("guid")]
    check(len(guids) == len(set(guids)), "GUIDs are not unique")

    # Codes: the codable ones are the themes; their descriptions end with "(scrx theme ID, ...".
    theme_of = {}
    for code in root.iter(NS + "Code"):
        if code.get("isCodable") != "true":
            continue
        desc = code.findtext(NS + "Description") or ""
        m = re.search(r"\(scrx theme (\w+), group (\w+)\)$", desc)
        check(m is not None, "code %r: description %r" % (code.get("name"), desc[-80:]))
        if m:
            theme_of[code.get("guid")] = m.group(1)
    themes = dict(db.execute("SELECT theme, max(label) FROM themes GROUP BY theme"))
    check(sorted(theme_of.values()) == sorted(themes), "codes %r != themes %r" % (sorted(theme_of.values()), sorted(themes)))
    for code in root.iter(NS + "Code"):
        if code.get("guid") in theme_of:
            check(code.get("name") == themes.get(theme_of[code.get("guid")]), "code name %r" % code.get("name"))

    # Sources and selections.
    files = [f for (f,) in db.execute("SELECT file FROM reviews ORDER BY file")]
    sources = root.findall(NS + "Sources/" + NS + "TextSource")
    check(len(sources) == len(files), "%d sources for %d reviews" % (len(sources), len(files)))
    coded = set()
    selections = 0
    shifted = 0  # selections after non-ASCII text, where code points and bytes differ
    for src in sources:
        file = (src.findtext(NS + "Description") or "").split("\n")[0]
        check(file in files, "source %r names no review" % file)
        check(src.get("creatingUser") == user, "source %r: creatingUser" % file)
        path = src.get("plainTextPath", "")
        check(path.startswith("internal://"), "source %r: plainTextPath %r" % (file, path))
        entry = "sources/" + path[len("internal://"):]
        check(entry in names, "source %r: %s is not in the zip" % (file, entry))
        if entry not in names:
            continue
        text = z.read(entry).decode("utf-8")
        quotes = {}
        for theme, quote in db.execute(
                "SELECT e.theme, e.quote FROM evidence e JOIN reviews r ON r.id = e.review_id WHERE r.file = ?",
                (file,)):
            quotes.setdefault(theme, set()).add(quote)
        last = -1
        for sel in src.findall(NS + "PlainTextSelection"):
            selections += 1
            start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            check(0 <= start < end <= len(text), "%s: selection %d-%d outside the text" % (file, start, end))
            check(start >= last, "%s: selections not in text order" % file)
            last = start
            segment = text[start:end]
            shifted += len(text[:start].encode("utf-8")) != start
            codings = sel.findall(NS + "Coding")
            check(len(codings) >= 1, "%s: selection %d-%d has no coding" % (file, start, end))
            for coding in codings:
                ref = coding.find(NS + "CodeRef")
                theme = theme_of.get(ref.get("targetGUID") if ref is not None else None)
                check(theme is not None, "%s: a coding refers to no theme code" % file)
                check(segment in quotes.get(theme, ()),
                      "%s %d-%d: %r is no %s quote of the review" % (file, start, end, segment[:60], theme))
                coded.add((file, theme, segment))
    everything = set(db.execute(
        "SELECT r.file, e.theme, e.quote FROM evidence e JOIN reviews r ON r.id = e.review_id"))
    missing = everything - coded
    check(not missing, "%d evidence quotes are not coded, e.g. %r" % (len(missing), sorted(missing)[:2]))
    print("%d sources, %d codes, %d selections (%d after non-ASCII text), %d evidence quotes coded" %
          (len(sources), len(theme_of), selections, shifted, len(coded)))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3]))
