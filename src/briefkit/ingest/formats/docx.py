"""Word .docx files, by python-docx: body paragraphs and table cells as text, headings as structure."""

from __future__ import annotations

import io

from ...errors import DocumentError
from ...model import Extracted


# A .docx is a ZIP: its XML inflates, typically ten times. A member, or all of them, larger than
# this once inflated is refused before a byte is inflated (a 1.5 MB file whose document.xml
# inflates to 1.5 GB peaked at 3.1 GB of memory). zipfile never returns more than a member's
# declared size, so the declared sizes are what to check.
MAX_INFLATED_BYTES = 256 * 1024 * 1024


def check_inflated_size(data: bytes, limit: int = MAX_INFLATED_BYTES) -> None:
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(max(0, info.file_size) for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # python-docx says what is wrong with it
    if total > limit:
        raise DocumentError(f"is a .docx that inflates to {total / (1024 * 1024):,.0f} MB, over the "
                            f"{limit / (1024 * 1024):,.0f} MB limit for unpacked documents; not read")


def read(data: bytes, source: str) -> list[Extracted]:
    import docx
    from docx.table import Table
    from docx.opc.exceptions import PackageNotFoundError

    check_inflated_size(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise DocumentError(f"is not a readable Word .docx file ({type(exc).__name__})") from None
    except Exception as exc:  # noqa: BLE001 - zipfile and lxml raise many types for damaged files
        raise DocumentError(f"is a damaged Word .docx file ({type(exc).__name__})") from None
    title = ""
    headings: list[str] = []
    paragraphs: list[str] = []
    for block in document.iter_inner_content():  # paragraphs and tables in document order
        if isinstance(block, Table):
            paragraphs.extend(_table_rows(block))
            continue
        text = " ".join(block.text.split())
        if not text:
            continue
        style = (block.style.name if block.style is not None else "") or ""
        if style == "Title" and not title:
            title = text
        elif style.startswith("Heading"):
            headings.append(text)
        else:
            paragraphs.append(text)
    core = document.core_properties
    metadata = {}
    if core.author:
        metadata["author"] = core.author
    if core.created:
        metadata["date"] = core.created.date().isoformat()
    title = title or (core.title or "").strip() or (headings.pop(0) if headings else "")
    if headings:
        metadata["headings"] = " | ".join(headings)
    return [Extracted(title=title, paragraphs=paragraphs, metadata=metadata)]


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and text not in cells:  # a merged cell repeats its text in every column it spans
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return rows
