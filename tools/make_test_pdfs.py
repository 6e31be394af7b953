#!/usr/bin/python3
"""Makes the small PDFs in tests/data that the tests read: a good two-page review, and the
kinds of bad input a batch meets (encrypted, truncated, damaged cross-reference table, not a
PDF, empty, no text layer). Run with Debian's python3 (python3-reportlab) and qpdf:
    /usr/bin/python3 tools/make_test_pdfs.py tests/data
The outputs are committed; the tests never run this script."""
import os, subprocess, sys
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

out = sys.argv[1] if len(sys.argv) > 1 else "tests/data"
os.makedirs(out, exist_ok=True)

def good(path, title="Serious Case Review: Child Q"):
    c = canvas.Canvas(path, pagesize=A4, invariant=1)
    c.setTitle(title)
    c.setAuthor("Ambervale Safeguarding Children Partnership")
    lines1 = [("Helvetica-Bold", 16, "1. Introduction"),
              ("Helvetica", 11, "1.1 This review concerns Child Q, who was nine months old when she was"),
              ("Helvetica", 11, "admitted to hospital with a fractured skull. Domestic abuse had been"),
              ("Helvetica", 11, "reported to the police four times, and the father was never assessed."),
              ("Helvetica-Bold", 16, "2. Findings"),
              ("Helvetica", 11, "2.1 Information about the domestic abuse was not shared with the health"),
              ("Helvetica", 11, "visitor, and no strategy discussion was held after the second incident.")]
    lines2 = [("Helvetica-Bold", 16, "3. Recommendations"),
              ("Helvetica", 11, "Recommendation 1: The Partnership should ensure that police notifications"),
              ("Helvetica", 11, "of domestic abuse reach the health visitor within two working days.")]
    for lines in (lines1, lines2):
        c.setFont("Helvetica", 9)
        c.drawString(72, 800, "Serious Case Review: Child Q")
        y = 760
        for font, size, text in lines:
            c.setFont(font, size)
            c.drawString(72, y, text)
            y -= size + 8
        c.setFont("Helvetica", 9)
        c.drawCentredString(297, 40, "Page %d" % c.getPageNumber())
        c.showPage()
    c.save()

good(os.path.join(out, "good.pdf"))
good(os.path.join(out, "good-copy.pdf"))  # same content, another name: a duplicate
subprocess.run(["qpdf", "--encrypt", "secret", "owner-secret", "256", "--",
                os.path.join(out, "good.pdf"), os.path.join(out, "encrypted.pdf")], check=True)
data = open(os.path.join(out, "good.pdf"), "rb").read()
open(os.path.join(out, "truncated.pdf"), "wb").write(data[: len(data) // 3])
# Damaged cross-reference table: the xref keyword and offsets overwritten.
i = data.rfind(b"\nxref") + 1
bad = bytearray(data)
bad[i:i + 4] = b"XXXX"
j = data.rfind(b"trailer")
for k in range(i + 5, j):
    if chr(bad[k]).isdigit():
        bad[k] = ord("9")
open(os.path.join(out, "damaged-xref.pdf"), "wb").write(bytes(bad))
open(os.path.join(out, "not-a-pdf.pdf"), "w").write("This is a Word document saved with the wrong name.\n")
open(os.path.join(out, "empty.pdf"), "wb").close()
# No text layer: a page with only a drawn rectangle (what a scanner produces, minus the image).
c = canvas.Canvas(os.path.join(out, "scanned.pdf"), pagesize=A4, invariant=1)
c.rect(72, 72, 451, 698, fill=1)
c.showPage()
c.save()
# A text layer that is not text: what Poppler extracts from a font without a Unicode map is
# the font's own codes, which read as shifted letters and symbols. Page 1 is real text, pages
# 2 and 3 are such codes (a Caesar shift of real sentences), as pdftotext would show them.
def shifted(s, k=3):
    return "".join(chr((ord(ch) - 97 + k) % 26 + 97) if ch.islower() else
                   chr((ord(ch) - 65 + k) % 26 + 65) if ch.isupper() else ch for ch in s)
plain = ["The health visitor saw the mother and the baby at home in March.",
         "Domestic abuse had been reported to the police on three occasions.",
         "No agency spoke to the father or asked who else lived in the household.",
         "The school raised concerns about the older child's attendance and weight.",
         "A strategy discussion was not held, and the referral was closed after a week."]
c = canvas.Canvas(os.path.join(out, "garbage-text.pdf"), pagesize=A4, invariant=1)
for page in range(3):
    y = 780
    c.setFont("Helvetica", 11)
    for rep in range(6):
        for s in plain:
            c.drawString(72, y, s if page == 0 else shifted(s, 3 + page))
            y -= 16
    c.showPage()
c.save()
# Zero pages: a well-formed PDF whose page tree is empty.
subprocess.run(["qpdf", "--empty", os.path.join(out, "zero-pages.pdf")], check=True)
