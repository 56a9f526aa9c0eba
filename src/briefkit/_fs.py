"""Files: writing without ever leaving half of one behind, checking a path is writable, the cache folder.

Every file briefkit writes (reports, cache entries, the provisioned dictionary) goes through
:func:`replace_file`: a temporary file beside the target, renamed into place, so a reader or a
build killed half-way sees the old file or the new one, never a half-written one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import UsageError


def cache_dir() -> Path:
    """briefkit's cache folder (``$BRIEFKIT_CACHE_DIR`` or the XDG cache)."""
    explicit = os.environ.get("BRIEFKIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "briefkit"


def check_writable(path: Path) -> None:
    """Fail before any work when ``path`` cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise UsageError(f"{path}: is a folder; give a file name such as {path / 'briefing.pdf'}")
    if not folder.exists():
        raise UsageError(f"{path}: the folder {folder} does not exist (create it first)")
    if not folder.is_dir():
        raise UsageError(f"{path}: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{path}: cannot write to the folder {folder} (permission denied)")
    if path.exists() and not os.access(path, os.W_OK):
        raise UsageError(f"{path}: the file exists and is read-only")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write to a temporary file in the same folder, then rename it into place.

    A reader (or a build killed half-way) sees the old file or the new one,
    never a half-written one.
    """
    atomic_write_all({path: data})


def atomic_write_all(files: dict[Path, bytes | str]) -> None:
    """Replace several files together: every new file is written to a temporary file beside its
    target and flushed to disk first; only when all of them are written are they renamed into place,
    one after another. A failure while writing (a full disk) removes the new temporaries and leaves
    every old file as it was, so a report's JSON, HTML and PDF are never of two different builds.

    "Together" on POSIX: each rename is atomic, the renames of one call follow one another with no
    writing in between, so only a crash in the microseconds between two renames could leave some
    files new and some old (never a half-written file).
    """
    temporaries: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            if isinstance(data, str):
                data = data.encode("utf-8")
            try:
                temporaries.append((_write_temporary(path, data, durable=True), path))
            except OSError as exc:  # every old output kept
                raise _cannot_write(path, exc) from None
        for index, (tmp, path) in enumerate(temporaries):
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise _cannot_write(path, exc) from None
            temporaries[index] = ("", path)
    finally:
        for tmp, _ in temporaries:
            if tmp:
                _remove_quietly(tmp)


def _cannot_write(path: Path, exc: OSError) -> UsageError:
    # The folder went away or the disk filled up after check_writable.
    return UsageError(f"{path}: cannot write the file ({exc.strerror or exc})")


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _write_temporary(path: Path, data: bytes, durable: bool) -> str:
    """``data`` in a new temporary file beside ``path`` (removed again if writing fails); its name."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
    except BaseException:
        _remove_quietly(tmp)
        raise
    return tmp


def replace_file(path: Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    ``durable`` also flushes it to disk first (a report); a cache entry that is lost
    in a power cut is only rebuilt, so it skips the fsync.
    """
    tmp = _write_temporary(path, data, durable)
    try:
        os.replace(tmp, path)
    except BaseException:
        _remove_quietly(tmp)
        raise
