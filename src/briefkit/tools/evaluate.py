"""Summary quality as a number: ROUGE of every algorithm on a set of articles with reference summaries.

Input is JSON Lines, one article a line: ``{"id", "article", "references": [...]}`` (an optional
``title`` is passed to the summarisers, as a document's title is in a briefing).

Scores are Google's ``rouge-score`` F1 with Porter stemming, as percentages. ROUGE-L is the
summary-level variant ``rougeLsum`` (sentences separated by newlines), the usual choice for
extractive summaries: plain ``rougeL`` would treat the three sentences as one run-on sentence.
With several references, each metric takes the best-scoring reference (``score_multi``).

Every table has two extra rows: ``lead`` (the first N sentences, the news floor) and ``oracle``
(N sentences picked greedily against the references, the extractive ceiling). Means come with a
95% percentile bootstrap interval over articles; the resamples are drawn once from a fixed seed
and shared by all rows, so intervals are reproducible and differences between rows are paired.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import numpy as np

from ..errors import UsageError
from ..model import AnalysisOptions, Document

METRICS = ("rouge1", "rouge2", "rougeL")
ROUGE_TYPES = ("rouge1", "rouge2", "rougeLsum")  # what rouge-score computes for METRICS
ROUGE_L_VARIANT = "rougeLsum"
BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 20191  # fixed: the same data always gives the same intervals
ORACLE = "oracle"
LEAD = "lead"

# Sentences glued without a space ("...$10.9bn.For the full-year"), as in the BBC set's extractive
# references: a full stop right after a lower-case letter, digit or closing bracket/quote and right
# before a capital. "U.S.A" and "3.5" do not match.
_GLUED_SENTENCES = re.compile(r"(?<=[a-z0-9%)\]\"'’”][.!?])(?=[A-Z\"“‘])")


@dataclass
class Record:
    id: str
    article: str
    references: list[str]
    title: str = ""


def load_dataset(path: str | Path, limit: int | None = None) -> list[Record]:
    """Read a JSON Lines dataset; any problem is one clear :class:`UsageError` naming file and line."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: dataset not found") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder; give a .jsonl file") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the dataset ({exc.strerror or exc})") from None
    records: list[Record] = []
    with handle:
        try:
            for number, line in enumerate(handle, 1):
                if limit is not None and len(records) >= limit:
                    break
                if not line.strip():
                    continue
                records.append(_record(path, number, line))
        except UnicodeDecodeError:
            raise UsageError(f"{path}: not UTF-8 text") from None
    if not records:
        raise UsageError(f"{path}: no records")
    return records


def _record(path: Path, number: int, line: str) -> Record:
    where = f"{path}:{number}"
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise UsageError(f"{where}: a record must be a JSON object")
    article, references = data.get("article"), data.get("references")
    if not isinstance(article, str) or not article.strip():
        raise UsageError(f"{where}: 'article' must be a non-empty string")
    if isinstance(references, str):
        references = [references]
    if (not isinstance(references, list) or not references
            or not all(isinstance(r, str) and r.strip() for r in references)):
        raise UsageError(f"{where}: 'references' must be a non-empty list of non-empty strings")
    title = data.get("title") if isinstance(data.get("title"), str) else ""
    return Record(str(data.get("id", number)), article, references, title)


def article_paragraphs(article: str) -> list[str]:
    """Each non-blank line of an article is a paragraph (CNN/DailyMail has one line, BBC blank-line breaks)."""
    return [line.strip() for line in article.splitlines() if line.strip()]


def split_sentences(text: str, tokenizer) -> list[str]:
    sentences: list[str] = []
    for line in text.splitlines():
        for piece in _GLUED_SENTENCES.split(line):
            sentences.extend(tokenizer.to_sentences(piece))
    return sentences


# --------------------------------------------------------------------------- #
# Scoring.


class Rouge:
    """rouge-score with stemming; summaries and references as newline-separated sentences."""

    def __init__(self):
        from rouge_score import rouge_scorer

        self._scorer = rouge_scorer.RougeScorer(list(ROUGE_TYPES), use_stemmer=True)
        self.tokenize = self._scorer._tokenizer.tokenize

    def score(self, summary_sentences: list[str], references: list[str]) -> tuple[float, float, float]:
        """F1 of ROUGE-1, -2 and -L (``rougeLsum``) in percent, each against its best reference."""
        prediction = "\n".join(summary_sentences)
        scores = self._scorer.score_multi(references, prediction)
        return tuple(100.0 * scores[t].fmeasure for t in ROUGE_TYPES)  # type: ignore[return-value]


def _ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def _f1(overlap: int, predicted: int, reference: int) -> float:
    if overlap == 0:
        return 0.0
    precision, recall = overlap / predicted, overlap / reference
    return 2 * precision * recall / (precision + recall)


def greedy_oracle(sentences: list[str], references: list[str], count: int,
                  tokenize: Callable[[str], list[str]]) -> list[int]:
    """Indices (document order) of up to ``count`` sentences chosen greedily against the references.

    Each step adds the sentence that raises ROUGE-1 F1 + ROUGE-2 F1 (against the best reference)
    the most, and stops early when no sentence raises it (Nallapati et al. 2017; Liu and Lapata
    2019). Greedy, not exhaustive: it is a practical ceiling, not the true maximum.
    """
    sentence_tokens = [tokenize(s) for s in sentences]
    sentence_grams = [(_ngrams(t, 1), _ngrams(t, 2)) for t in sentence_tokens]
    reference_grams = []
    for reference in references:
        tokens = tokenize(reference)
        reference_grams.append((_ngrams(tokens, 1), _ngrams(tokens, 2)))

    def objective(grams: tuple[Counter, Counter]) -> float:
        best = 0.0
        for ref1, ref2 in reference_grams:
            value = 0.0
            for ours, theirs in ((grams[0], ref1), (grams[1], ref2)):
                value += _f1(sum((ours & theirs).values()), sum(ours.values()), sum(theirs.values()))
            best = max(best, value)
        return best

    chosen: list[int] = []
    current: tuple[Counter, Counter] = (Counter(), Counter())
    current_value = 0.0
    for _ in range(min(count, len(sentences))):
        best_index, best_value, best_grams = -1, current_value, current
        for index, grams in enumerate(sentence_grams):
            if index in chosen:
                continue
            candidate = (current[0] + grams[0], current[1] + grams[1])
            value = objective(candidate)
            if value > best_value:  # strict: ties keep the earlier sentence
                best_index, best_value, best_grams = index, value, candidate
        if best_index < 0:
            break
        chosen.append(best_index)
        current, current_value = best_grams, best_value
    return sorted(chosen)


# --------------------------------------------------------------------------- #
# The evaluation.


@dataclass
class Interval:
    mean: float
    low: float
    high: float

    def to_dict(self) -> dict:
        return {"mean": round(self.mean, 2), "low": round(self.low, 2), "high": round(self.high, 2)}


@dataclass
class Row:
    algorithm: str
    scores: np.ndarray  # articles x 3 (R1, R2, RL), percent
    words: np.ndarray
    seconds: np.ndarray
    fallbacks: int = 0
    intervals: dict[str, Interval] = field(default_factory=dict)

    @property
    def mean_of_three(self) -> np.ndarray:
        return self.scores.mean(axis=1)


@dataclass
class Evaluation:
    dataset: str
    records: int
    length: int
    default: str
    rows: dict[str, Row]
    resamples: np.ndarray  # BOOTSTRAP_RESAMPLES x records, article indices
    keep_reading_level: bool = False

    def interval(self, values: np.ndarray) -> Interval:
        means = values[self.resamples].mean(axis=1)
        low, high = np.percentile(means, [2.5, 97.5])
        return Interval(float(values.mean()), float(low), float(high))

    def gap(self) -> tuple[str, Interval] | None:
        """The default minus the best other row (lead included, oracle excluded) on the mean of R1/R2/RL."""
        if self.default not in self.rows:
            return None
        others = [r for name, r in self.rows.items() if name not in (self.default, ORACLE)]
        if not others:
            return None
        best = max(others, key=lambda r: float(r.mean_of_three.mean()))
        return best.algorithm, self.interval(self.rows[self.default].mean_of_three - best.mean_of_three)

    def to_dict(self) -> dict:
        # keep_reading_level appears only when it was on, so the usual table keeps its exact keys.
        return {
            "dataset": self.dataset,
            "records": self.records,
            "length": self.length,
            "default": self.default,
            **({"keep_reading_level": True} if self.keep_reading_level else {}),
            "results": {
                name: {
                    **{metric: row.intervals[metric].to_dict() for metric in METRICS},
                    "words": round(float(row.words.mean()), 1),
                    "seconds_per_article": round(float(row.seconds.mean()), 5),
                }
                for name, row in self.rows.items()
            },
        }


def resolve_algorithms(spec: str | None) -> list[str]:
    """``all``, or names separated by commas; lead and oracle are always added."""
    from ..summarisers import ALGORITHMS, DEFAULT_ALGORITHM

    if spec is None or not spec.strip():
        names = [DEFAULT_ALGORITHM]
    elif spec.strip().lower() == "all":
        names = list(ALGORITHMS)
    else:
        names = []
        for raw in spec.split(","):
            name = raw.strip().lower()
            if not name:
                continue
            if name != ORACLE and name not in ALGORITHMS:
                raise UsageError(f"unknown algorithm {raw.strip()!r}; choose from: all, "
                                 f"{', '.join(sorted(ALGORITHMS))}")
            names.append(name)
    ordered = [n for n in dict.fromkeys(names) if n not in (LEAD, ORACLE)]
    return ordered + [LEAD, ORACLE]


def evaluate(records: list[Record], algorithms: Iterable[str], length: int = 3, dataset: str = "",
             language: str = "english", progress: Callable[[str], None] | None = None,
             keep_reading_level: bool = False) -> Evaluation:
    """Score every algorithm (plus lead and oracle) on every record. ``progress`` is called once per summary.

    Each article is analysed as a briefing analyses a document (:func:`briefkit.run.analyse`), with
    one summary of ``length`` sentences and nothing measured. ``keep_reading_level`` applies to the
    summarisers, not to the lead and oracle rows: the floor and the ceiling stay the same whatever
    is being compared.
    """
    from ..run import analyse, parse
    from ..summarisers import DEFAULT_ALGORITHM
    from ..text import OfflineTokenizer

    if length < 1:
        raise UsageError("--length must be at least 1 sentence")
    names = list(algorithms)
    rouge = Rouge()
    tokenizer = OfflineTokenizer(language)
    references = [["\n".join(split_sentences(r, tokenizer)) for r in record.references] for record in records]
    documents = [Document(source=record.id, title=record.title, paragraphs=article_paragraphs(record.article),
                          format="text", sha256="") for record in records]
    count = len(records)
    rows: dict[str, Row] = {}
    for name in names:
        row = Row(name, np.zeros((count, 3)), np.zeros(count), np.zeros(count))
        options = AnalysisOptions(language=language, algorithm=name, short=str(length), medium=None,
                                  keep_reading_level=keep_reading_level and name != LEAD, hardest_sentences=0,
                                  measure=False)
        for i, document in enumerate(documents):
            started = time.perf_counter()
            if name == ORACLE:
                parsed = parse(document, options)
                sentences = [parsed.sentences[j] for j in greedy_oracle(parsed.sentences, references[i], length,
                                                                        rouge.tokenize)]
            else:
                summary = analyse(document, options).short.summary
                sentences = summary.sentences
                row.fallbacks += bool(summary.fallback_from)
            row.seconds[i] = time.perf_counter() - started
            row.scores[i] = rouge.score(sentences, references[i])
            row.words[i] = sum(len(s.split()) for s in sentences)
            if progress is not None:
                progress(name)
        rows[name] = row
    rng = np.random.default_rng(BOOTSTRAP_SEED)
    result = Evaluation(dataset, count, length, DEFAULT_ALGORITHM, rows,
                        rng.integers(0, count, size=(BOOTSTRAP_RESAMPLES, count)), keep_reading_level)
    for row in rows.values():
        row.intervals = {metric: result.interval(row.scores[:, k]) for k, metric in enumerate(METRICS)}
    return result


def format_table(result: Evaluation) -> str:
    """The evaluation as a Markdown table (readable in a terminal, pastes into docs)."""
    lines = [
        f"{result.dataset}: {result.records} articles, {result.length}-sentence summaries"
        f"{' keeping the reading level (not lead, oracle)' if result.keep_reading_level else ''}. "
        f"ROUGE F1 (%) with stemming, best reference; ROUGE-L is {ROUGE_L_VARIANT} "
        f"(sentences split by newline); 95% bootstrap intervals ({BOOTSTRAP_RESAMPLES} resamples, seed "
        f"{BOOTSTRAP_SEED}).",
        "",
        "| algorithm | ROUGE-1 | ROUGE-2 | ROUGE-L | mean R | words | s/article |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]

    def cell(interval: Interval) -> str:
        return f"{interval.mean:.1f} [{interval.low:.1f}, {interval.high:.1f}]"

    for name, row in result.rows.items():
        label = f"**{name}** (default)" if name == result.default else name
        if row.fallbacks:
            label += f" ({row.fallbacks} fell back to lead)"
        mean_r = float(row.mean_of_three.mean())
        lines.append(
            f"| {label} | {cell(row.intervals['rouge1'])} | {cell(row.intervals['rouge2'])} | "
            f"{cell(row.intervals['rougeL'])} | {mean_r:.1f} | {row.words.mean():.0f} | "
            f"{row.seconds.mean():.4f} |"
        )
    gap = result.gap()
    if gap is not None:
        best, interval = gap
        lines += ["", f"Default ({result.default}) minus the best other row ({best}) on mean R: "
                      f"{interval.mean:+.2f} (95% CI {interval.low:+.2f} to {interval.high:+.2f})."]
    return "\n".join(lines)


def to_json(result: Evaluation) -> str:
    return json.dumps(result.to_dict(), indent=2, ensure_ascii=False)


def dataset_name(path: str | Path) -> str:
    return Path(path).name

