"""keep_reading_level: summaries chosen to read at their document's grade, and the grade arithmetic behind it."""

from __future__ import annotations

import importlib
import json
import statistics

import numpy as np
import pytest
from click.testing import CliRunner

from briefkit.cli import cli
from briefkit.measure import grade_counts, grades_from_counts, measure
from briefkit.model import Length
from briefkit.summarisers import is_near_duplicate, select, summarise
from briefkit.text import ParsedDocument
from briefkit.tools.evaluate import Record, article_paragraphs, evaluate

# The module itself: the package's name "select" is the function.
select_module = importlib.import_module("briefkit.summarisers.selection")

from helpers import SEED_ARTICLE, shared_data


def grade_of(doc: ParsedDocument, indices: list[int]) -> float:
    sentences = [doc.sentences[i] for i in indices]
    return measure(" ".join(sentences), sentence_count=len(sentences)).grade


def counted_grade(sentences: list[str]) -> float:
    return float(grades_from_counts(np.sum([grade_counts(s) for s in sentences], axis=0))[0])


def test_grade_from_sentence_counts_matches_the_measured_grade(seed_doc):
    # The summariser compares candidate summaries by adding per-sentence counts; for prose that must
    # agree with what measure() reports for the same text.
    whole = measure(" ".join(seed_doc.sentences)).grade
    assert counted_grade(seed_doc.sentences) == pytest.approx(whole, abs=0.3)
    first_three = seed_doc.sentences[:3]
    assert counted_grade(first_three) == pytest.approx(measure(" ".join(first_three)).grade, abs=0.3)


def test_grades_from_counts_is_the_median_of_the_five_formulas():
    sentence = "The committee postponed its controversial decision about municipal infrastructure funding."
    words, sentences, syllables, poly, letters, chars, tokens, hard = grade_counts(sentence)
    assert (words, sentences) == (10, 1)
    formulas = [0.39 * words + 11.8 * syllables / words - 15.59,
                0.4 * (words + 100 * hard / words),
                1.043 * (30 * poly) ** 0.5 + 3.1291,
                5.8 * letters / words - 29.6 / words - 15.8,
                4.71 * chars / tokens + 0.5 * words - 21.43]
    assert grades_from_counts([words, sentences, syllables, poly, letters, chars, tokens, hard])[0] == \
        pytest.approx(statistics.median(formulas))


def test_keeping_the_level_brings_the_seed_summary_to_the_article_grade(seed_doc):
    target = measure(" ".join(seed_doc.sentences)).grade
    (plain,) = summarise(seed_doc, ["3"])
    (kept,) = summarise(seed_doc, ["3"], keep_reading_level=True)
    assert abs(grade_of(seed_doc, kept.indices) - target) < abs(grade_of(seed_doc, plain.indices) - target)
    assert len(kept.indices) == 3 and kept.indices == sorted(kept.indices)
    assert plain.indices[0] in kept.indices or min(plain.indices) in kept.indices
    for a in kept.indices:  # the no-duplicates rule still holds
        for b in kept.indices:
            assert a == b or not is_near_duplicate(seed_doc.content_stems[a], seed_doc.content_stems[b])


def test_the_best_rated_sentence_always_stays(seed_doc):
    scores = [float(len(s)) for s in seed_doc.sentences]  # longest first: far above the article's grade
    best = max(range(len(seed_doc)), key=lambda i: scores[i])
    for count in (2, 3, 7):
        kept = select(seed_doc, scores, Length("sentences", count), keep_reading_level=True)
        assert best in kept and len(kept) == count


def test_a_summary_already_at_the_level_is_left_alone():
    doc = ParsedDocument(["The cat sat on the warm mat by the door. A dog ran across the wet field to the gate. "
                          "Two cows ate fresh grass near the old barn. The hen laid an egg in the straw box. "
                          "My pig rolled happily in the brown mud. A fox hid quietly under the garden shed."])
    assert len(doc) == 6
    scores = [float(-i) for i in range(len(doc))]
    assert select(doc, scores, Length("sentences", 3), keep_reading_level=True) == [0, 1, 2]


def test_word_budgets_are_not_changed(seed_doc):
    scores = [float(len(s)) for s in seed_doc.sentences]
    budget = Length("words", 60)
    assert select(seed_doc, scores, budget, keep_reading_level=True) == select(seed_doc, scores, budget)


def test_the_local_search_for_long_summaries_never_moves_away_from_the_level(seed_doc, monkeypatch):
    scores = [float(len(s)) for s in seed_doc.sentences]
    target = counted_grade(seed_doc.sentences)
    base = select(seed_doc, scores, Length("sentences", 5))
    exhaustive = select(seed_doc, scores, Length("sentences", 5), keep_reading_level=True)
    monkeypatch.setattr(select_module, "LEVEL_EXHAUSTIVE", 0)  # as for a 20% summary of a long report
    local = select(seed_doc, scores, Length("sentences", 5), keep_reading_level=True)
    assert len(local) == 5 and max(range(len(seed_doc)), key=lambda i: scores[i]) in local

    def off(indices):
        return abs(counted_grade([seed_doc.sentences[i] for i in indices]) - target)

    assert off(local) < off(base) and off(exhaustive) < off(base)


def test_cli_flag_and_configuration_key_choose_the_same_summary(tmp_path):
    runner = CliRunner()
    plain = runner.invoke(cli, ["summarise", str(SEED_ARTICLE)])
    flagged = runner.invoke(cli, ["summarise", str(SEED_ARTICLE), "--keep-reading-level"])
    config = tmp_path / "briefkit.toml"
    config.write_text("keep_reading_level = true\n")
    configured = runner.invoke(cli, ["summarise", str(SEED_ARTICLE), "--config", str(config)])
    assert plain.exit_code == flagged.exit_code == configured.exit_code == 0
    assert flagged.stdout == configured.stdout != plain.stdout


def test_evaluate_keeps_lead_and_oracle_rows_as_they_are(seed_text):
    records = [Record("seed", seed_text, [" ".join(article_paragraphs(seed_text)[:2])])]
    plain = evaluate(records, ["briefkit", "lead", "oracle"], 3)
    kept = evaluate(records, ["briefkit", "lead", "oracle"], 3, keep_reading_level=True)
    for name in ("lead", "oracle"):
        assert np.array_equal(plain.rows[name].scores, kept.rows[name].scores)
    assert not np.array_equal(plain.rows["briefkit"].scores, kept.rows["briefkit"].scores)


@pytest.mark.slow
def test_kept_summaries_stay_closer_to_their_source_than_one_reading_level():
    """The issue's goal on OneStopEnglish: mean |grade(short summary) - grade(text)| below the mean grade
    gap between adjacent levels of the same article."""
    path = shared_data("leveled", "onestopenglish.jsonl")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    drift, gaps = [], []
    for record in records:
        grades = []
        for level in ("elementary", "intermediate", "advanced"):
            doc = ParsedDocument(article_paragraphs(record["levels"][level]))
            grade = measure(" ".join(doc.sentences), sentence_count=len(doc)).grade
            (short,) = summarise(doc, ["3"], keep_reading_level=True)
            drift.append(abs(grade_of(doc, short.indices) - grade))
            grades.append(grade)
        gaps += [grades[1] - grades[0], grades[2] - grades[1]]
    assert statistics.mean(drift) < statistics.mean(gaps)


def test_evaluate_says_when_it_kept_the_reading_level(tmp_path, seed_text):
    data = tmp_path / "seed.jsonl"
    data.write_text(json.dumps({"id": "seed", "article": seed_text, "references": ["Russian troops arrived."]}) + "\n")
    runner = CliRunner()
    kept = json.loads(runner.invoke(cli, ["evaluate", str(data), "--json", "--keep-reading-level"]).stdout)
    plain = json.loads(runner.invoke(cli, ["evaluate", str(data), "--json"]).stdout)
    assert kept["keep_reading_level"] is True and "keep_reading_level" not in plain
    text = runner.invoke(cli, ["evaluate", str(data), "-q", "--keep-reading-level"]).stdout
    assert "keeping the reading level" in text.splitlines()[0]
