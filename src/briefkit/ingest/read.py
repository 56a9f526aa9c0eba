"""Reading one input's bytes within the size limit, and decoding text whatever its encoding."""

from __future__ import annotations

import os
import re
import stat
import sys

from ..errors import DocumentError
from ..model import InputFile

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def read_bytes(item: InputFile, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    if item.path is None:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            info = item.path.stat()
        except OSError as exc:
            raise DocumentError(_os_message(exc)) from None
        check_regular(info.st_mode)  # a FIFO would block the read for ever, a device never end
        size = info.st_size
        if size > max_bytes:
            raise DocumentError(
                f"file is {_size(size)}, over the {_size(max_bytes)} limit (raise it with --max-bytes)"
            )
        try:
            # Non-blocking, so that a file swapped for a FIFO after the stat cannot block the open;
            # the open file is checked again before a byte is read.
            with open(item.path, "rb", opener=_open_nonblocking) as handle:
                check_regular(os.fstat(handle.fileno()).st_mode)
                if hasattr(os, "set_blocking"):
                    os.set_blocking(handle.fileno(), True)
                data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise DocumentError(_os_message(exc)) from None
    if len(data) > max_bytes:
        raise DocumentError(f"input is over the {_size(max_bytes)} limit (raise it with --max-bytes)")
    return data


def _open_nonblocking(path, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))


_NOT_REGULAR = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


def not_regular(mode: int) -> str | None:
    """What a file that is not a regular file is ("a FIFO (named pipe)"), or ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _NOT_REGULAR if test(mode)), "not a regular file")


def check_regular(mode: int) -> None:
    what = not_regular(mode)
    if what == "a folder":
        raise DocumentError("is a folder, not a file")
    if what:
        raise DocumentError(f"is {what}, not a regular file; not read (pipe it to standard input with - instead)")


def _size(count: int) -> str:
    """Bytes for a reader: binary units, as the default limit (20 MB = 20 * 1024 * 1024) is."""
    if count >= 1024 * 1024:
        return f"{count / (1024 * 1024):.1f} MB"
    if count >= 1024:
        return f"{count / 1024:.1f} KB"
    return f"{count} bytes"


def _os_message(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "cannot read the file: permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot read the file: {exc.strerror or exc}"


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode(data: bytes) -> str:
    """Decode bytes to text: BOMs first, then strict UTF-8, then detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        # UTF-8 with a few broken bytes (a truncated or damaged file): keep the
        # good text, mark each broken byte with U+FFFD rather than guess a code page.
        return data.decode("utf-8", errors="replace")
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise DocumentError("looks like a binary file, not text")
    for match in results:
        # On short texts the Latin code pages tie (cp1250 reads "crème" as
        # "crčme"); Windows-1252 is by far the most common of them.
        if match.encoding == "cp1252" and match.chaos <= best.chaos + 0.02:
            return str(match)
    return str(best)


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _mostly_utf8(data: bytes) -> bool:
    """More valid multi-byte UTF-8 sequences than stray high bytes."""
    sequences = _UTF8_SEQUENCE.findall(data)
    stray = sum(1 for byte in data if byte >= 0x80) - sum(len(m) for m in sequences)
    return bool(sequences) and len(sequences) >= stray


_BINARY_SIGNATURES = {
    b"%PDF": "a PDF file",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
    b"\x7fELF": "an executable",
}


def check_not_binary(data: bytes) -> None:
    for signature, what in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise DocumentError(f"is {what}, not a text, Markdown or HTML document")
    head = data[:4096]
    if b"\x00" in head and not any(head.startswith(b) for b, _ in _BOMS):
        # UTF-16 without a BOM has NULs in every other byte; anything else is binary.
        even, odd = head[0::2].count(0), head[1::2].count(0)
        half = max(1, len(head) // 2)
        if not ((odd > 0.3 * half and even == 0) or (even > 0.3 * half and odd == 0)):
            raise DocumentError("looks like a binary file, not text")
