"""Reading what Chromium prints: A4 pages and their words."""

import io
import unicodedata

from pypdf import PdfReader

# A4 in PDF points (1/72 inch): 210 × 297 mm.
A4 = (595, 842)


def pdf_of(page) -> PdfReader:
    return PdfReader(io.BytesIO(page.pdf(format="A4")))


def text_of(reader: PdfReader) -> str:
    """The PDF's words, with ligatures such as "ﬁ" spelled out and spaces made plain."""
    text = " ".join(p.extract_text() or "" for p in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def assert_a4(reader: PdfReader) -> None:
    for pdf_page in reader.pages:
        size = (float(pdf_page.mediabox.width), float(pdf_page.mediabox.height))
        assert abs(size[0] - A4[0]) < 2 and abs(size[1] - A4[1]) < 2, size
