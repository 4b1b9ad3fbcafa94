#!/usr/bin/env python3
"""Writes examples/invoice.pdf: the invoice of invoice.txt as a one-page PDF
with a text layer, in raw PDF syntax with the standard Helvetica fonts.

Only the standard library is used and the output is byte-for-byte
reproducible (no dates, no ids), so the committed PDF can be regenerated and
compared. The content stream is left uncompressed so tests can damage it in
known places. Table cells are placed one by one, numbers right-aligned, the way
report generators draw tables.

Usage: python3 examples/make_invoice_pdf.py [output path]
"""

import pathlib
import sys

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
LEFT = 56
BODY_SIZE = 11
LEADING = 16

# Advance widths (1/1000 em, from the fonts' AFM files) of the characters in
# right-aligned cells: numbers in Helvetica, headers in Helvetica-Bold.
WIDTHS = {
    "F1": {**{d: 556 for d in "0123456789"}, ".": 278, ",": 278, " ": 278},
    "F2": {
        "A": 722, "P": 667, "Q": 778, "U": 722, "c": 556, "e": 556, "i": 278, "m": 889,
        "n": 611, "o": 611, "r": 389, "t": 333, "u": 611, "y": 556, " ": 278,
    },
}

LABELS = [
    None,
    "Invoice No.: INV-2024-0042",
    "Invoice Date: 5 March 2024",
    "Due Date: 4 April 2024",
    None,
    "Seller: Northwind Traders GmbH",
    "Buyer: Contoso Retail Ltd.",
    None,
]
# Column x positions: (left edge, or right edge for right-aligned columns).
COLUMNS = [(LEFT, "left"), (250, "right"), (370, "right"), (470, "right")]
HEADER = ["Item", "Qty", "Unit Price", "Amount"]
ROWS = [
    ["Office chair", "2", "120.00", "240.00"],
    ["Standing desk", "1", "450.00", "450.00"],
    ["Monitor arm", "3", "35.00", "105.00"],
]
TOTALS = [
    None,
    "Net Amount: 795.00",
    "Tax Rate: 19%",
    "Tax Amount: 151.05",
    "Total: EUR 946.05",
    None,
    "Payment by bank transfer within 30 days.",
]


def escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def text_width(font, text, size):
    return sum(WIDTHS[font][c] for c in text) * size / 1000


def show(font, size, x, y, text):
    return f"BT /{font} {size} Tf {x:.2f} {y:.2f} Td ({escape(text)}) Tj ET"


def content():
    ops = []
    y = 780
    ops.append(show("F2", 18, LEFT, y, "INVOICE"))
    y -= 10
    for line in LABELS:
        y -= LEADING
        if line:
            ops.append(show("F1", BODY_SIZE, LEFT, y, line))
    for cells, font in [(HEADER, "F2")] + [(row, "F1") for row in ROWS]:
        y -= LEADING
        for (x, align), cell in zip(COLUMNS, cells):
            if align == "right":
                x = x - text_width(font, cell, BODY_SIZE)
            ops.append(show(font, BODY_SIZE, x, y, cell))
    for line in TOTALS:
        y -= LEADING
        if line:
            ops.append(show("F1", BODY_SIZE, LEFT, y, line))
    return ("\n".join(ops) + "\n").encode("latin-1")


def pdf():
    stream = content()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            "/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>"
        ).encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def main():
    default = pathlib.Path(__file__).with_name("invoice.pdf")
    target = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else default
    target.write_bytes(pdf())


if __name__ == "__main__":
    main()
