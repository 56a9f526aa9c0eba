"""The headline grade: the median of five grade formulas, and it orders texts rewritten for three levels."""

from __future__ import annotations

import json
import statistics

import pytest

from briefkit.tools.evaluate import article_paragraphs
from briefkit.measure import headline_grade, measure

from helpers import shared_data


def test_headline_grade_is_the_median_of_the_grade_formulas(seed_text):
    metrics = measure(seed_text)
    formulas = [metrics.flesch_kincaid_grade, metrics.gunning_fog, metrics.smog_index,
                metrics.coleman_liau_index, metrics.automated_readability_index]
    assert metrics.grade == round(statistics.median(formulas), 2)
    assert metrics.consensus_grade is not None  # textstat's consensus is still reported


def test_headline_grade_skips_missing_formulas():
    assert headline_grade([None, None]) is None
    assert headline_grade([3.0, None, 9.0]) == 6.0
    assert headline_grade([12.0, 1.0, 5.0]) == 5.0


@pytest.mark.slow
def test_levels_are_ordered_for_at_least_95_percent_of_leveled_articles():
    path = shared_data("leveled", "onestopenglish.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    ordered = 0
    for record in records:
        grades = [measure(" ".join(article_paragraphs(record["levels"][level]))).grade
                  for level in ("elementary", "intermediate", "advanced")]
        ordered += grades[0] < grades[1] < grades[2]
    assert ordered / len(records) >= 0.95
