"""The benchmark's score is the article-extraction benchmark's: word 4-gram shingles, counted."""

from __future__ import annotations

import importlib.util

import pytest

from helpers import ROOT


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("extraction", ROOT / "benchmarks" / "extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_one_wrong_word_at_the_end_costs_one_shingle_each_way(bench):
    # truth shingles: (a b c d), (b c d e); prediction: (a b c d), (b c d x) -> tp 1, fp 1, fn 1
    assert bench.precision_recall("a b c d e", "a b c d x") == (0.5, 0.5)


def test_repeated_shingles_count_with_multiplicity(bench):
    # truth has (a b c d) once; the prediction has it twice: one true positive, one false positive
    assert bench.precision_recall("a b c d", "a b c d a b c d") == (pytest.approx(1 / 5), 1.0)


def test_empty_prediction_and_averaging(bench):
    assert bench.precision_recall("one two three four", "") == (0.0, 0.0)
    precision, recall, f1 = bench.score({"x": "a b c d e", "y": "p q r s"}, {"x": "a b c d x", "y": "p q r s"})
    assert (precision, recall) == (0.75, 0.75) and f1 == pytest.approx(0.75)
