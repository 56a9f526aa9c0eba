"""The word tokeniser on stdlib ``re`` gives NLTK's tokens exactly, on real sentences."""

from __future__ import annotations

import json

from nltk.tokenize import NLTKWordTokenizer

from briefkit.compat.wordtokens import PlainReWordTokenizer
from briefkit.text import OfflineTokenizer

from helpers import shared_data

TRICKY = [
    'He said: "I can\'t, won\'t and shouldn\'t go" -- then left...',
    "'Tis the U.S. (and the U.K.) that we're gonna wanna see; isn't it?",
    "Prices rose 3.5% to $11.1bn [in Q4] – a «record» for ‘Time Warner’.",
    "Mr. O'Neill's well-known cat*dog ate 1,000 fish: 20:15, #tags & @names!",
]


def test_same_tokens_as_nltk_on_dev_sentences():
    sentences = list(TRICKY)
    splitter = OfflineTokenizer("english")
    for name in ("bbc-news.jsonl", "cnndm-gpt4.jsonl"):
        with open(shared_data("dev", name), encoding="utf-8") as handle:
            for line in list(handle)[:150]:
                for paragraph in json.loads(line)["article"].split("\n"):
                    sentences.extend(splitter.to_sentences(paragraph))
    assert len(sentences) > 2000
    reference, ours = NLTKWordTokenizer(), PlainReWordTokenizer()
    for sentence in sentences:
        assert ours.tokenize(sentence) == reference.tokenize(sentence), sentence


def test_the_offline_tokenizer_uses_it():
    words = OfflineTokenizer("english").to_words("We can't stop -- it's 3.5 times the U.S. rate.")
    assert words == ("We", "ca", "n't", "stop", "it", "times", "the", "rate")
