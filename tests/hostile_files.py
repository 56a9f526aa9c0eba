"""Generators of the hostile files of issue 17 (shared by tests/test_hostile_inputs_2.py and
benchmarks/hostile.py). Each is built in memory, small where the shape allows."""

from __future__ import annotations

import io
import random
import zipfile
import zlib


def pdf_with_content(stream: bytes, filter_flate: bool = False, encrypt: bool = False) -> bytes:
    """A one-page PDF whose page content stream is ``stream`` (deflated first when ``filter_flate``)."""
    body = zlib.compress(stream, 9) if filter_flate else stream
    extra = b" /Filter /FlateDecode" if filter_flate else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(body)).encode() + extra + b" >>\nstream\n" + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    data = out.getvalue()
    if encrypt:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
        writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
        buffer = io.BytesIO()
        writer.write(buffer)
        data = buffer.getvalue()
    return data


def text_pdf(text: str = "A plain sentence on the page.") -> bytes:
    return pdf_with_content(b"BT /F1 12 Tf 72 700 Td (" + text.encode() + b") Tj ET")


def nested_array_pdf(depth: int = 100_000) -> bytes:
    return pdf_with_content(b"BT /F1 12 Tf 72 700 Td " + b"[" * depth + b" ET")


def flate_bomb_pdf(inflated: int = 120_000_000) -> bytes:
    return pdf_with_content(b"BT /F1 12 Tf 72 700 Td (" + b"a" * inflated + b") Tj ET", filter_flate=True)


def nested_email(depth: int = 5_000) -> bytes:
    head = (b"From: a@example.com\nTo: b@example.com\nSubject: nested\nDate: Tue, 1 Dec 2026 10:00:00 +0000\n"
            b"MIME-Version: 1.0\n")
    lines = [head]
    for level in range(depth):
        lines.append(f"Content-Type: multipart/mixed; boundary=\"b{level}\"\n\n--b{level}\n".encode())
    lines.append(b"Content-Type: text/plain\n\nThe innermost part says hello. It is short.\n")
    for level in reversed(range(depth)):
        lines.append(f"--b{level}--\n".encode())
    return b"".join(lines)


def docx_bomb(inflated: int = 200_000_000) -> bytes:
    """A .docx whose word/document.xml inflates to ``inflated`` bytes (a few hundred KB zipped)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/'
                         b'wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>')
            block = b"a" * (1 << 20)
            for _ in range(inflated // len(block)):
                member.write(block)
            member.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buffer.getvalue()


WORDS = ["alpha", "beta", "gamma", "delta", "river", "mountain", "table", "garden", "policy", "market"]


def shape(name: str, size: int) -> tuple[str, bytes]:
    rnd = random.Random(17)
    if name == "words":  # one sentence of words, no punctuation at all
        out, total = [], 0
        while total < size:
            word = rnd.choice(WORDS)
            out.append(word)
            total += len(word) + 1
        return "one-sentence.txt", " ".join(out).encode()
    if name == "nospace":  # one token, no spaces
        return "no-spaces.txt", b"a" * size
    if name == "dots":  # "A. A. A. ...": a sentence of one letter, over and over
        return "dots.txt", b"A. " * (size // 3)
    if name == "stars":  # Markdown emphasis openers that never close
        return "stars.md", b"*a " * (size // 3)
    raise ValueError(name)
