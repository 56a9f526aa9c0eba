"""textstat, offline and fast: its dictionary provisioned without a download, bigger per-word caches.

:func:`textstat` is the only way briefkit imports textstat: the CMU dictionary is provisioned first
(:mod:`briefkit.compat.nltk`), then the per-word caches are widened.

textstat caches every function with ``lru_cache(maxsize=128)``. Its per-word helpers
(``is_difficult_word``, ``count_syllables`` of one word) are called once for every
word of the text, so on anything longer than a page the 128 entries are evicted
before they are reused and each word is looked up again and again (a 250,000-word
text took about 10 s). The helpers are pure functions; a larger cache of the
very same functions changes no number, only the time.

Syllables of English words come from a table of counts written once from the CMU dictionary
(:func:`briefkit.compat.nltk.syllable_table`), not from the dictionary itself, which textstat would parse
at every start (0.7-0.9 s). tests/compat/test_textstat_cache.py checks the table word by word.
"""

from __future__ import annotations

import functools
import sys


def textstat():
    """textstat, offline, with per-word caches large enough for long texts (same numbers)."""
    from .nltk import provision_nltk_data

    provision_nltk_data()  # imports nltk first, lean
    import textstat as _textstat

    widen_word_caches()
    return _textstat


# Distinct words (and short texts) kept: a long book has some tens of thousands.
WORD_CACHE_SIZE = 1 << 16

_WIDENED = ("count_syllables", "is_difficult_word")


@functools.lru_cache(maxsize=1)
def widen_word_caches() -> None:
    """Swap textstat's per-word helpers for the same functions behind a bigger cache.

    Every textstat module that imported the helper by name gets the new one.
    """
    import textstat  # noqa: F401 - loads every backend module that holds a reference
    from textstat.backend.counts import _count_syllables
    from textstat.backend.validations import _is_difficult_word

    originals = {"count_syllables": _count_syllables.count_syllables,
                 "is_difficult_word": _is_difficult_word.is_difficult_word}
    for name in _WIDENED:
        old = originals[name]
        inner = getattr(old, "__wrapped__", None)
        if inner is None:  # not an lru_cache in this textstat version: leave it
            continue
        if name == "count_syllables" and _same_syllable_body(inner):
            inner = _count_syllables_by_word
        new = functools.lru_cache(maxsize=WORD_CACHE_SIZE)(inner)
        for module_name, module in list(sys.modules.items()):
            if module_name.split(".")[0] != "textstat" or module is None:
                continue
            for attribute, value in list(vars(module).items()):
                if value is old:
                    setattr(module, attribute, new)


# textstat 0.7's count_syllables, word by word; checked against its source before use.
_SYLLABLE_BODY = (
    "cmu_phones = cmu_dict[word][0]",
    "count += sum(1 for p in cmu_phones if p[-1].isdigit())",
    "count += len(pyphen.positions(word)) + 1",
)


def _same_syllable_body(function) -> bool:
    import inspect

    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return False
    return all(line in source for line in _SYLLABLE_BODY)


def _count_syllables_by_word(text: str, lang: str) -> int:
    """textstat's ``count_syllables`` with each distinct word counted once.

    The same loop as textstat's (CMU dictionary, else Pyphen's hyphenation points
    plus one), but the per-word count is cached, so a long text costs one
    dictionary look-up per distinct word instead of one per word.
    """
    from textstat.backend.counts import _count_syllables as module

    if not text:
        return 0
    return sum(_word_syllables(word, lang) for word in module.list_words(text, lowercase=True))


@functools.lru_cache(maxsize=8)
def _english(lang: str) -> bool:
    from textstat.backend.utils import get_lang_root

    return get_lang_root(lang) == "en"


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _word_syllables(word: str, lang: str) -> int:
    from textstat.backend.counts import _count_syllables as module

    if _english(lang):  # the only language textstat has a CMU dictionary for
        from .nltk import syllable_table

        count = syllable_table().get(word)
        return count if count is not None else len(module.get_pyphen(lang).positions(word)) + 1
    cmu_dict = module.get_cmudict(lang)
    try:
        cmu_phones = cmu_dict[word][0]
        return sum(1 for p in cmu_phones if p[-1].isdigit())
    except (TypeError, IndexError, KeyError):
        return len(module.get_pyphen(lang).positions(word)) + 1
