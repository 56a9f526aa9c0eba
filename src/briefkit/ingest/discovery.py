"""Finding the inputs: folders walked in a stable order, ``.briefkitignore``, ``.urls`` lists, links
that lead out of a folder refused."""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from pathlib import Path
from typing import Iterable

from ..model import InputFile, Problem
from . import fetch, formats
from .read import not_regular

# A file of URLs, one a line, fetched when the file is named as an input (never found in a folder).
# A file of URLs, one a line, fetched when the file is named as an input (never found in a folder).
URL_LIST_SUFFIXES = {".urls"}

IGNORE_FILE = ".briefkitignore"


def _ignore_patterns(folder: Path) -> list[str]:
    """Glob patterns, one a line, from a folder's ``.briefkitignore`` (``#`` starts a comment)."""
    try:
        if not stat.S_ISREG(os.stat(folder / IGNORE_FILE).st_mode):
            return []  # a FIFO called .briefkitignore must not block the walk
        lines = (folder / IGNORE_FILE).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def discover(inputs: Iterable[str]) -> tuple[list[InputFile], list[Problem]]:
    """Expand the inputs: folders recursively, in a stable sorted order.

    Hidden files, files of unsupported types and files matched by a
    ``.briefkitignore`` in the folder given are skipped silently (a folder
    holds all sorts of things); a file named explicitly is always attempted.
    """
    found: list[InputFile] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for raw in inputs:
        if raw == "-":
            found.append(InputFile(source="-", path=None))
            continue
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", raw):
            found.append(InputFile(source=raw, path=None, url=raw))
            continue
        path = Path(raw)
        if path.suffix.lower() in URL_LIST_SUFFIXES and path.is_file():  # is_file: a FIFO is not read
            urls, problem = _read_url_list(path, raw)
            found.extend(InputFile(source=url, path=None, url=url, group=path.stem) for url in urls)
            problems.extend([problem] if problem else [])
            continue
        if path.is_dir():
            root_real = os.path.realpath(path)
            ignored = _ignore_patterns(path)
            for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    if name.startswith(".") or not formats.wanted_suffix(Path(dirpath) / name):
                        continue
                    file_path = Path(dirpath) / name
                    relative = os.path.relpath(file_path, path)
                    if any(fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(name, pattern) for pattern in ignored):
                        continue
                    real = os.path.realpath(file_path)
                    if not (real == root_real or real.startswith(root_real + os.sep)):
                        # An unpacked archive or a shared folder can hold a link to
                        # ~/.ssh/id_rsa; only the user, by naming it, can say to read it.
                        problems.append(Problem(str(file_path), f"is a link to a file outside {path} "
                                                                "(name it explicitly to read it)"))
                        continue
                    try:
                        what = not_regular(os.stat(file_path).st_mode)
                    except OSError:
                        what = None  # the reader says why it cannot be read
                    if what:
                        # A FIFO would block the build for ever, a device never end: never opened.
                        problems.append(Problem(str(file_path), f"is {what}, not a regular file; skipped"))
                        continue
                    if not formats.wanted_in_folder(file_path):  # an .xml is opened to sniff only now
                        continue
                    if real in seen:
                        continue
                    seen.add(real)
                    rel_parent = os.path.relpath(dirpath, path)
                    group = "" if rel_parent == "." else rel_parent
                    if not os.path.realpath(dirpath).startswith(root_real):
                        group = rel_parent
                    found.append(InputFile(source=str(file_path), path=file_path, group=group))
        elif path.exists() or path.is_symlink():
            real = os.path.realpath(path)
            if real not in seen:
                seen.add(real)
                found.append(InputFile(source=raw, path=path))
        else:
            problems.append(Problem(raw, "no such file or folder"))
    return found, problems


def _read_url_list(path: Path, source: str) -> tuple[list[str], Problem | None]:
    try:
        urls = fetch.read_url_list(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        return [], Problem(source, f"cannot read the URL list ({exc})")
    return urls, (None if urls else Problem(source, "the URL list has no URLs in it"))
