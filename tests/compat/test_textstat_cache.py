"""Bigger textstat caches give the very same numbers, on long and short real texts."""

from __future__ import annotations

import json
import subprocess
import sys

from helpers import ROOT, shared_data

# One fresh process: textstat's numbers first as shipped, then with briefkit's caches
# (every textstat cache emptied in between, so nothing is carried over).
SCRIPT = r"""
import json, sys
sys.path.insert(0, {src!r})
texts = json.load(open({path!r}))
from briefkit.compat.nltk import provision_nltk_data
provision_nltk_data()
import textstat as _shipped  # textstat as shipped: with the dictionary, before briefkit widens anything

def plain():
    return _shipped

def numbers(ts):
    return [[ts.syllable_count(t), ts.difficult_words(t), ts.text_standard(t, float_output=True),
             ts.flesch_kincaid_grade(t), ts.smog_index(t), ts.gunning_fog(t),
             ts.dale_chall_readability_score(t), ts.linsear_write_formula(t)] for t in texts]

before = numbers(plain())
from briefkit.compat.textstat import textstat
ts = textstat()
for name, module in list(sys.modules.items()):
    if name.startswith("textstat"):
        for value in list(vars(module).values()):
            if hasattr(value, "cache_clear"):
                value.cache_clear()
from briefkit.compat.textstat import _word_syllables
widened = sys.modules["textstat.backend.counts._count_syllables"].count_syllables
print(json.dumps([before, numbers(ts), widened.cache_info().maxsize]))
"""


def test_widened_caches_change_no_number(tmp_path):
    with open(shared_data("dev", "bbc-news.jsonl"), encoding="utf-8") as handle:
        articles = [json.loads(line)["article"] for line in list(handle)[:40]]
    texts = articles[:10] + ["\n\n".join(articles)]  # short texts and one of ~16,000 words
    path = tmp_path / "texts.json"
    path.write_text(json.dumps(texts), encoding="utf-8")
    code = SCRIPT.format(src=str(ROOT / "src"), path=str(path))
    before, after, maxsize = json.loads(
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert maxsize > 128  # the widened cache is in place
    assert len(before) == 11
    assert after == before


def test_the_syllable_table_agrees_with_the_cmu_dictionary_for_every_word():
    from briefkit.compat.nltk import import_nltk, provision_nltk_data, syllable_table
    from briefkit.compat.textstat import _word_syllables

    provision_nltk_data()
    dictionary = import_nltk().corpus.cmudict.dict()  # what textstat itself would load
    table = syllable_table()
    expected = {w: sum(1 for p in prons[0] if p[-1].isdigit()) for w, prons in dictionary.items() if prons}
    assert table == expected
    assert _word_syllables("every", "en_US") == 3  # from the dictionary; Pyphen alone says 1 or 2
    assert _word_syllables("zzyzxqk", "en_US") >= 1  # not in it: Pyphen's hyphenation points + 1


def test_a_damaged_syllable_table_is_rebuilt(tmp_path, monkeypatch):
    from briefkit.compat import nltk as nlp

    monkeypatch.setattr(nlp, "provision_nltk_data", lambda: tmp_path)
    table_file = tmp_path / nlp._SYLLABLE_TABLE
    table_file.write_text('{"every": 3, "trunc')
    nlp.syllable_table.cache_clear()
    try:
        monkeypatch.setattr(nlp, "import_nltk", lambda: _FakeNltk)
        assert nlp.syllable_table() == {"every": 3, "read": 1}
        assert json.loads(table_file.read_text()) == {"every": 3, "read": 1}
    finally:
        nlp.syllable_table.cache_clear()


class _FakeNltk:
    class corpus:
        class cmudict:
            @staticmethod
            def dict():
                return {"every": [["EH1", "V", "ER0", "IY0"]], "read": [["R", "IY1", "D"]], "empty": []}
