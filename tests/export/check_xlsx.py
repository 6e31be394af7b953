#!/usr/bin/env python3
"""Checks an `scrx export --format xlsx` workbook with openpyxl against the collection database.

Usage: check_xlsx.py WORKBOOK.xlsx scrx.sqlite
Exits 0 when the workbook opens and holds what the database says; prints every problem
otherwise. Run by the ctest ExportXlsx.OpensInOpenpyxlWithTheDatabaseValues.
"""
import datetime
import sqlite3
import sys

try:
    import openpyxl
    from openpyxl.utils import get_column_letter
except ImportError:
    print("python3-openpyxl is not installed (apt-get install python3-openpyxl)")
    sys.exit(2)

SHEETS = ["Reviews", "Themes", "Evidence", "Findings", "Recommendations"]
problems = []


def check(cond, what):
    if not cond:
        problems.append(what)


def main(xlsx, dbpath):
    wb = openpyxl.load_workbook(xlsx)
    db = sqlite3.connect("file:%s?mode=ro" % dbpath, uri=True)
    check(wb.sheetnames == SHEETS, "sheets %r" % wb.sheetnames)
    counts = {
        "Reviews": "SELECT count(*) FROM reviews",
        "Themes": "SELECT count(*) FROM themes",
        "Evidence": "SELECT count(*) FROM evidence",
        "Findings": "SELECT count(*) FROM findings",
        "Recommendations": "SELECT count(*) FROM recommendations",
    }
    for name in SHEETS:
        if name not in wb.sheetnames:
            continue
        ws = wb[name]
        rows = db.execute(counts[name]).fetchone()[0]
        check(ws.max_row == rows + 1, "%s: %d rows, expected %d + header" % (name, ws.max_row, rows))
        check(ws.freeze_panes == "A2", "%s: freeze panes %r" % (name, ws.freeze_panes))
        ref = "A1:%s%d" % (get_column_letter(ws.max_column), rows + 1)
        check(ws.auto_filter.ref == ref, "%s: autofilter %r, expected %r" % (name, ws.auto_filter.ref, ref))
        check(all(c.font.b for c in ws[1]), "%s: header not bold" % name)
        widths = [ws.column_dimensions[get_column_letter(i)].width for i in range(1, ws.max_column + 1)]
        check(all(w and 6 <= w <= 91 for w in widths), "%s: column widths %r" % (name, widths))

    ws = wb["Reviews"]
    header = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(header)}
    themes = [t for (t,) in db.execute("SELECT DISTINCT theme FROM themes ORDER BY theme")]
    check(header[-len(themes):] == themes, "Reviews: theme columns %r" % header[-len(themes):])
    reviews = db.execute(
        "SELECT id, file, title, published, year, words, analysed_at FROM reviews ORDER BY file").fetchall()
    for r, (rid, file, title, published, year, words, analysed_at) in enumerate(reviews, start=2):
        row = [c for c in ws[r]]
        check(row[col["file"]].value == file, "Reviews row %d: file %r" % (r, row[col["file"]].value))
        check(row[col["title"]].value == title, "Reviews row %d: title" % r)
        check(row[col["year"]].value == year, "Reviews row %d: year" % r)
        check(row[col["words"]].value == words, "Reviews row %d: words" % r)
        cell = row[col["published"]]
        if published:
            y, m = int(published[:4]), int(published[5:7])
            d = int(published[8:10]) if len(published) >= 10 else 1
            check(cell.is_date and isinstance(cell.value, datetime.datetime),
                  "Reviews row %d: published is not a date: %r" % (r, cell.value))
            check(cell.value == datetime.datetime(y, m, d),
                  "Reviews row %d: published %r, expected %s" % (r, cell.value, published))
            check("yy" in cell.number_format, "Reviews row %d: date format %r" % (r, cell.number_format))
        cell = row[col["analysed_at"]]
        check(cell.is_date, "Reviews row %d: analysed_at is not a date: %r" % (r, cell.value))
        present = dict(db.execute("SELECT theme, present FROM themes WHERE review_id = ?", (rid,)))
        for t in themes:
            got = row[col[t]].value
            check(got == present.get(t), "Reviews row %d: %s = %r, expected %r" % (r, t, got, present.get(t)))

    ws = wb["Evidence"]
    header = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(header)}
    evidence = db.execute(
        "SELECT r.file, e.theme, e.page, e.paragraph, e.quote, e.counted FROM evidence e"
        " JOIN reviews r ON r.id = e.review_id ORDER BY r.file, e.theme, e.id").fetchall()
    for r, want in enumerate(evidence, start=2):
        row = [c.value for c in ws[r]]
        got = (row[col["file"]], row[col["theme"]], row[col["page"]], row[col["paragraph"]],
               row[col["quote"]], row[col["counted"]])
        if got != want:
            check(False, "Evidence row %d: %r, expected %r" % (r, got, want))
            break

    ws = wb["Recommendations"]
    header = [c.value for c in ws[1]]
    col = {h: i for i, h in enumerate(header)}
    recs = db.execute(
        "SELECT r.file, c.number, c.text, c.addressee_kind FROM recommendations c"
        " JOIN reviews r ON r.id = c.review_id ORDER BY r.file, c.ord").fetchall()
    for r, want in enumerate(recs, start=2):
        row = [c.value for c in ws[r]]
        got = (row[col["file"]], row[col["number"]], row[col["text"]], row[col["addressee_kind"]])
        if got != want:
            check(False, "Recommendations row %d: %r, expected %r" % (r, got, want))
            break

    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
