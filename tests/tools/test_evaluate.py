"""briefkit evaluate: ROUGE wiring, the greedy oracle, the JSON table and the command's errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from briefkit.cli import cli
from briefkit.errors import UsageError
from briefkit.model import DEFAULT_ALGORITHM
from briefkit.text import OfflineTokenizer
from briefkit.tools.evaluate import Rouge, greedy_oracle, load_dataset, resolve_algorithms, split_sentences

from helpers import shared_data


@pytest.fixture(scope="module")
def rouge():
    return Rouge()


def test_perfect_summary_scores_100_and_empty_scores_0(rouge):
    reference = "The cat sat on the mat.\nThe dog slept in the sun."
    perfect = rouge.score(["The cat sat on the mat.", "The dog slept in the sun."], [reference])
    assert perfect == pytest.approx((100.0, 100.0, 100.0))
    assert rouge.score([], [reference]) == (0.0, 0.0, 0.0)


def test_partial_summary_matches_hand_computed_f1(rouge):
    # Summary "the cat sat" against "the cat sat on the mat":
    # ROUGE-1: 3 of 3 summary words match, 3 of 6 reference words are covered: F1 = 2*1*0.5/1.5.
    # ROUGE-2: 2 of 2 summary bigrams match, 2 of 5 reference bigrams: F1 = 2*1*0.4/1.4.
    r1, r2, rl = rouge.score(["the cat sat"], ["the cat sat on the mat"])
    assert r1 == pytest.approx(100 * 2 / 3)
    assert r2 == pytest.approx(100 * 0.8 / 1.4)
    assert rl == pytest.approx(100 * 2 / 3)  # the longest common subsequence is "the cat sat"


def test_best_reference_counts(rouge):
    assert rouge.score(["Stocks fell sharply."], ["Rain is expected.", "Stocks fell sharply."])[0] == 100.0


def test_stemming_is_on(rouge):
    assert rouge.score(["The cats were running"], ["the cat was run"])[0] > rouge.score(
        ["The cats were running"], ["the dog was asleep"])[0]


def test_oracle_is_greedy_not_exhaustive(rouge):
    # One reference "alpha bravo charlie delta". Sentence 0 is the best single sentence, so greedy
    # takes it first and then the sentence that adds most (2); the best pair overall is (1, 2),
    # which greedy never reaches. A third sentence lowers the score, so greedy stops at two.
    sentences = ["alpha bravo charlie xray", "alpha bravo", "charlie delta"]
    reference = ["alpha bravo charlie delta"]
    assert greedy_oracle(sentences, reference, 1, rouge.tokenize) == [0]
    assert greedy_oracle(sentences, reference, 2, rouge.tokenize) == [0, 2]
    assert greedy_oracle(sentences, reference, 3, rouge.tokenize) == [0, 2]
    greedy = rouge.score([sentences[0], sentences[2]], reference)
    best_pair = rouge.score([sentences[1], sentences[2]], reference)
    assert sum(best_pair[:2]) > sum(greedy[:2])


def test_glued_reference_sentences_are_split():
    tokenizer = OfflineTokenizer("english")
    text = "Sales rose 2% to $11.1bn.For the full year, the U.S. firm grew.It said so."
    assert split_sentences(text, tokenizer) == ["Sales rose 2% to $11.1bn.", "For the full year, the U.S. firm grew.",
                                                "It said so."]


def test_lead_and_oracle_are_always_rows():
    assert resolve_algorithms(None) == [DEFAULT_ALGORITHM, "lead", "oracle"]
    assert resolve_algorithms("textrank, lead") == ["textrank", "lead", "oracle"]
    with pytest.raises(UsageError, match="unknown algorithm 'nope'"):
        resolve_algorithms("nope")


def _write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


ARTICLE = ("The city council approved a new budget for the river bridge on Monday. "
           "The bridge has been closed since the spring floods damaged its supports. "
           "Engineers say the repairs will take eighteen months and cost four million pounds. "
           "Local shops have lost trade while the bridge is closed. "
           "The mayor said the council had no other choice.")


def test_json_table_has_the_documented_shape(tmp_path):
    data = _write(tmp_path / "news.jsonl", [
        {"id": "a", "article": ARTICLE, "references": ["The council approved money to repair the river bridge, "
                                                       "closed since floods damaged it."]},
        {"id": "b", "article": ARTICLE, "references": ["Repairs to the bridge will take eighteen months.",
                                                       "Shops lost trade."]},
    ])
    result = CliRunner().invoke(cli, ["evaluate", str(data), "--algorithms", "lead,textrank", "--length", "2",
                                      "--json"])
    assert result.exit_code == 0, result.output
    table = json.loads(result.stdout)
    assert set(table) == {"dataset", "records", "length", "default", "results"}
    assert (table["dataset"], table["records"], table["length"], table["default"]) == ("news.jsonl", 2, 2,
                                                                                       DEFAULT_ALGORITHM)
    assert list(table["results"]) == ["textrank", "lead", "oracle"]
    for row in table["results"].values():
        assert set(row) == {"rouge1", "rouge2", "rougeL", "words", "seconds_per_article"}
        for metric in ("rouge1", "rouge2", "rougeL"):
            assert set(row[metric]) == {"mean", "low", "high"}
            assert 0 <= row[metric]["low"] <= row[metric]["mean"] <= row[metric]["high"] <= 100
        assert row["words"] > 0 and row["seconds_per_article"] >= 0
    assert table["results"]["oracle"]["rouge1"]["mean"] >= table["results"]["lead"]["rouge1"]["mean"]


def test_text_table_says_which_rouge_l(tmp_path):
    data = _write(tmp_path / "news.jsonl", [{"id": "a", "article": ARTICLE, "references": ["Bridge repairs."]}])
    result = CliRunner().invoke(cli, ["evaluate", str(data), "--algorithms", "lead"])
    assert result.exit_code == 0, result.output
    assert "rougeLsum" in result.stdout and "| oracle |" in result.stdout


def test_missing_dataset_is_one_line_exit_2(tmp_path):
    result = CliRunner().invoke(cli, ["evaluate", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "dataset not found" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("line, message", [
    ('{"id": 1, "article": "x", ', "not valid JSON"),
    ('{"id": 1, "article": "Some text.", "references": []}', "'references' must be"),
    ('{"id": 1, "references": ["a"]}', "'article' must be"),
    ('[1, 2]', "a record must be a JSON object"),
])
def test_bad_line_is_one_line_exit_2(tmp_path, line, message):
    data = tmp_path / "bad.jsonl"
    data.write_text(json.dumps({"id": 0, "article": ARTICLE, "references": ["x"]}) + "\n" + line + "\n",
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(data)])
    assert result.exit_code == 2
    assert f"bad.jsonl:2: {message}" in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.output


def test_limit_reads_only_the_first_records(tmp_path):
    data = tmp_path / "many.jsonl"
    good = json.dumps({"id": 0, "article": ARTICLE, "references": ["x"]})
    data.write_text(good + "\n" + good + "\nnot json\n", encoding="utf-8")
    assert len(load_dataset(data, limit=2)) == 2
    with pytest.raises(UsageError):
        load_dataset(data)


def test_dev_set_rows_are_sane():
    path = shared_data("dev", "cnndm-gpt4.jsonl")
    result = CliRunner().invoke(cli, ["evaluate", str(path), "--limit", "20", "--json", "-q"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["results"]
    assert list(rows) == [DEFAULT_ALGORITHM, "lead", "oracle"]
    mean = {name: sum(row[m]["mean"] for m in ("rouge1", "rouge2", "rougeL")) / 3 for name, row in rows.items()}
    assert mean["oracle"] > mean["lead"] > 20 and mean["oracle"] > mean[DEFAULT_ALGORITHM] > 20
