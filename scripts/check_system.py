"""Check, before anything is installed, that the system libraries WeasyPrint needs are present.

WeasyPrint draws text with Pango (and GObject, HarfBuzz, fontconfig), which pip
cannot install. This script says which one is missing and how to install it.
"""

import ctypes.util
import sys

if sys.version_info < (3, 11):
    sys.exit(f"briefkit needs Python 3.11 or newer; this is {sys.version.split()[0]}. Set PYTHON=python3.11 (or newer).")

LIBRARIES = {
    "pango-1.0": "libpango-1.0-0",
    "pangoft2-1.0": "libpangoft2-1.0-0",
    "gobject-2.0": "libglib2.0-0",
    "harfbuzz": "libharfbuzz0b",
    "fontconfig": "libfontconfig1",
}

missing = [package for library, package in LIBRARIES.items() if ctypes.util.find_library(library) is None]
if missing:
    sys.exit(
        "briefkit: WeasyPrint needs Pango and its libraries, which are not installed.\n"
        f"  Debian/Ubuntu: sudo apt-get install {' '.join(missing)}\n"
        "  Fedora: sudo dnf install pango    macOS: brew install pango"
    )
