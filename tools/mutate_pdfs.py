#!/usr/bin/env python3
"""Writes deterministic damaged copies of PDFs, for the batch test over hostile input
(tests/hostile/mutated_batch.py). Python 3 standard library only.

    tools/mutate_pdfs.py OUTDIR [--count 1000] [--seed 1] [--pages 3] [PDF...]

With no PDF given, the sources are corpus/*.pdf. Copy number i is made from source i mod n by
mutation kind i mod 6 (a quarter of them get a second, random kind as well):

  truncate      cut at a random offset
  flip          1 to 64 random bytes XORed with random values
  zero          a run of 16 to 4096 bytes set to zero
  drop_object   one `N G obj ... endobj` removed (a page, a font, a content stream, the catalog)
  xref          the cross-reference data damaged: startxref moved, entries overwritten,
                the table cut, or `trailer` removed
  cut_stream    part of a stream's data removed (its /Length now wrong)

Before mutating, every source is shortened to its first --pages pages (0 = all) by editing its
page tree in place (/Kids and /Count rewritten and padded to the same length, so every offset
stays right): the copies stay cheap to analyse while their bytes are those of real PDFs.
The same arguments always give the same files. OUTDIR/mutations.tsv says what each copy is.
"""
import argparse
import os
import random
import re
import sys

KINDS = ["truncate", "flip", "zero", "drop_object", "xref", "cut_stream"]

OBJ_RE = re.compile(rb"(?<![0-9])(\d+)\s+(\d+)\s+obj\b.*?\bendobj\b", re.S)
STREAM_RE = re.compile(rb"\bstream\r?\n(.*?)\bendstream\b", re.S)


def shorten(data, pages):
    """Keeps the first `pages` pages of a PDF whose page tree is one /Pages object with all the
    pages as /Kids (what ReportLab and LibreOffice write). Returns the data unchanged when the
    tree has another shape."""
    if pages <= 0:
        return data
    for m in OBJ_RE.finditer(data):
        body = m.group(0)
        if not re.search(rb"/Type\s*/Pages\b", body):
            continue
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body)
        count = re.search(rb"/Count\s+(\d+)", body)
        if not kids or not count:
            return data
        refs = re.findall(rb"\d+\s+\d+\s+R", kids.group(1))
        if len(refs) <= pages or int(count.group(1)) != len(refs):
            return data
        new_kids = b" ".join(refs[:pages])
        new_kids = new_kids + b" " * (len(kids.group(1)) - len(new_kids))
        new_count = str(pages).encode()
        new_count = new_count + b" " * (len(count.group(1)) - len(new_count))
        start = m.start()
        body = (body[: kids.start(1)] + new_kids + body[kids.end(1):])
        body = (body[: count.start(1)] + new_count + body[count.end(1):])
        assert len(body) == m.end() - start
        return data[:start] + body + data[m.end():]
    return data


def truncate(data, rng):
    at = rng.randrange(1, len(data))
    return data[:at], "at %d of %d" % (at, len(data))


def flip(data, rng):
    out = bytearray(data)
    n = rng.randint(1, 64)
    for _ in range(n):
        i = rng.randrange(len(out))
        out[i] ^= rng.randint(1, 255)
    return bytes(out), "%d bytes" % n


def zero(data, rng):
    n = rng.randint(16, 4096)
    at = rng.randrange(max(1, len(data) - n))
    out = bytearray(data)
    out[at:at + n] = bytes(min(n, len(out) - at))
    return bytes(out), "%d bytes at %d" % (n, at)


def drop_object(data, rng):
    objs = list(OBJ_RE.finditer(data))
    if not objs:
        return truncate(data, rng)
    m = rng.choice(objs)
    return data[:m.start()] + data[m.end():], "object %s %s" % (
        m.group(1).decode(), m.group(2).decode())


def xref(data, rng):
    how = rng.randrange(4)
    sx = data.rfind(b"startxref")
    table = data.rfind(b"\nxref")
    if how == 0 and sx >= 0:
        m = re.compile(rb"startxref\s+(\d+)").match(data, sx)
        if m:
            value = int(m.group(1)) + rng.choice([-1000, -17, -1, 1, 5, 333, 10 ** 7])
            value = max(0, value)
            return (data[:m.start(1)] + str(value).encode() + data[m.end(1):],
                    "startxref %s -> %d" % (m.group(1).decode(), value))
    if how == 1 and table >= 0:
        # Overwrite some 20-byte entries with plausible but wrong offsets.
        out = bytearray(data)
        entries = [m.start() for m in re.finditer(rb"\d{10} \d{5} [nf]", data[table:])]
        n = 0
        for e in rng.sample(entries, min(len(entries), rng.randint(1, 8))):
            off = b"%010d" % rng.randrange(0, len(data) + 1000)
            out[table + e:table + e + 10] = off
            n += 1
        return bytes(out), "%d xref entries rewritten" % n
    if how == 2 and table >= 0:
        end = data.find(b"trailer", table)
        if end > table:
            cut = rng.randrange(table + 1, end)
            return data[:cut] + data[end:], "xref table cut at %d" % cut
    if sx >= 0:
        t = data.rfind(b"trailer")
        if t >= 0:
            return data[:t] + b"tra1ler" + data[t + 7:], "trailer keyword damaged"
        return data[:sx] + data[sx + 9:], "startxref removed"
    return flip(data, rng)


def cut_stream(data, rng):
    streams = list(STREAM_RE.finditer(data))
    if not streams:
        return zero(data, rng)
    m = rng.choice(streams)
    a, b = m.start(1), m.end(1)
    if b - a < 2:
        return data[:a] + data[b:], "empty stream"
    start = rng.randrange(a, b)
    stop = rng.randrange(start + 1, b + 1)
    return data[:start] + data[stop:], "stream at %d: %d of %d bytes removed" % (
        a, stop - start, b - a)


MUTATORS = dict(truncate=truncate, flip=flip, zero=zero, drop_object=drop_object, xref=xref,
                cut_stream=cut_stream)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("sources", nargs="*", help="PDFs (default: corpus/*.pdf)")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pages", type=int, default=3,
                    help="keep the first N pages of each source before mutating (0 = all)")
    args = ap.parse_args()
    sources = args.sources
    if not sources:
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        corpus = os.path.join(root, "corpus")
        sources = sorted(os.path.join(corpus, f) for f in os.listdir(corpus)
                         if f.lower().endswith(".pdf"))
    if not sources:
        sys.exit("mutate_pdfs.py: no source PDFs")
    bases = []
    for s in sorted(sources):
        with open(s, "rb") as f:
            bases.append((os.path.splitext(os.path.basename(s))[0], shorten(f.read(), args.pages)))
    os.makedirs(args.outdir, exist_ok=True)
    lines = ["file\tsource\tmutations"]
    for i in range(args.count):
        rng = random.Random("%d:%d" % (args.seed, i))
        name, data = bases[i % len(bases)]
        kinds = [KINDS[i % len(KINDS)]]
        if rng.random() < 0.25:
            kinds.append(rng.choice(KINDS))
        what = []
        for k in kinds:
            if len(data) < 2:
                break
            data, detail = MUTATORS[k](data, rng)
            what.append("%s (%s)" % (k, detail))
        out = "%04d-%s-%s.pdf" % (i, kinds[0], name)
        with open(os.path.join(args.outdir, out), "wb") as f:
            f.write(data)
        lines.append("%s\t%s\t%s" % (out, name, "; ".join(what)))
    with open(os.path.join(args.outdir, "mutations.tsv"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("%d mutated copies of %d PDFs in %s" % (args.count, len(bases), args.outdir))


if __name__ == "__main__":
    main()
