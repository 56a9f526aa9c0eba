"""Bigger caches for textstat's per-word functions, so long texts are measured in seconds.

textstat caches every function with ``lru_cache(maxsize=128)``. Its per-word helpers
(``is_difficult_word``, ``count_syllables`` of one word) are called once for every
word of the text, so on anything longer than a page the 128 entries are evicted
before they are reused and each word is looked up again and again (a 250,000-word
text took about 10 s). The helpers are pure functions; a larger cache of the
very same functions changes no number, only the time.
"""

from __future__ import annotations

import functools
import sys

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
        new = functools.lru_cache(maxsize=WORD_CACHE_SIZE)(inner)
        for module_name, module in list(sys.modules.items()):
            if module_name.split(".")[0] != "textstat" or module is None:
                continue
            for attribute, value in list(vars(module).items()):
                if value is old:
                    setattr(module, attribute, new)
