"""Errors that reach the user as one clear line."""

from __future__ import annotations


class BriefkitError(Exception):
    """An error whose message is meant for the user, without a traceback."""

    exit_code = 2


class UsageError(BriefkitError):
    """Bad options, bad configuration, no usable input: exit code 2."""

    exit_code = 2


class DocumentError(BriefkitError):
    """One document cannot be used; the rest of the batch goes on."""

    exit_code = 1


class SystemDependencyError(BriefkitError):
    """A system library (Pango for WeasyPrint) is missing."""

    exit_code = 2


PANGO_HINT = (
    "WeasyPrint cannot load Pango, which it needs to lay out text. Install it with "
    "'apt-get install libpango-1.0-0 libpangoft2-1.0-0' (Debian/Ubuntu), "
    "'dnf install pango' (Fedora) or 'brew install pango' (macOS)"
)
