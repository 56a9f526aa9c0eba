"""Readability: metrics, bands and the hardest sentences."""

from __future__ import annotations

import math

import pytest

from briefkit.measure import grade_band, hardest_sentences, measure


def test_seed_metrics_are_finite_and_consistent(seed_text):
    r = measure(seed_text)
    for name, value in r.to_dict().items():
        if isinstance(value, float):
            assert math.isfinite(value), name
    assert r.words == 459
    assert r.syllables > r.words
    assert 0 < r.difficult_word_share < 1
    assert r.band == grade_band(r.grade)
    assert 30 < r.reading_time_seconds < 200


def test_simple_text_reads_easier_than_the_seed(seed_text):
    simple = "The cat sat on the mat. It was a warm day. The dog ran to the park. We had fun in the sun."
    assert measure(simple).grade < measure(seed_text).grade
    assert measure(simple).flesch_reading_ease > measure(seed_text).flesch_reading_ease


@pytest.mark.parametrize("grade, band", [
    (3, "Very easy: primary school"), (7.5, "Easy: middle school"), (9, "Plain: early high school"),
    (11, "Fairly difficult: late high school"), (14, "Difficult: college level"),
    (19, "Very difficult: graduate level"), (None, "Not enough text"),
])
def test_bands_speak_plain_language(grade, band):
    assert grade_band(grade) == band


def test_empty_text_is_not_enough_text():
    r = measure("")
    assert not r.enough_text and r.grade is None and r.words == 0


def test_hardest_sentences_are_sorted_hardest_first():
    sentences = [
        "The cat sat on the mat today.",
        "Notwithstanding considerable institutional opposition, the administration implemented comprehensive regulatory modifications.",
        "We went home after the long game.",
        "Interdisciplinary collaboration facilitates unprecedented methodological innovation across organisations.",
        "Too short.",
    ]
    hardest = hardest_sentences(sentences, 2)
    assert {h.index for h in hardest} == {1, 3}
    assert hardest[0].grade >= hardest[1].grade


def test_short_lines_and_list_lead_ins_are_not_hardest_sentences():
    sentences = [
        "Responsible Testing: When testing potential vulnerabilities:",
        "Report the following to the security team before you publish anything at all:",
        "The committee reviewed the proposal and approved the budget after a long debate.",
    ]
    assert [h.index for h in hardest_sentences(sentences, 3)] == [2]
