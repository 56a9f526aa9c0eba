"""nltk is imported without scipy.stats and scikit-learn, which it would load for nothing (0.9 s)."""

from __future__ import annotations

import json
import subprocess
import sys

from helpers import SEED_ARTICLE

PROBE = r"""
import json, sys
from click.testing import CliRunner
from briefkit.cli import cli
result = CliRunner().invoke(cli, {args!r})
loaded = {{name: name in sys.modules for name in ("nltk", "scipy.stats", "sklearn")}}
import scipy.stats, sklearn.feature_extraction  # both still import normally afterwards
from nltk.stem.snowball import SnowballStemmer
print(json.dumps({{"exit": result.exit_code, "output": result.output, "loaded": loaded,
                   "stem": SnowballStemmer("english").stem("running")}}))
"""


def probe(*args: str) -> dict:
    out = subprocess.run([sys.executable, "-c", PROBE.format(args=list(args))], capture_output=True, text=True,
                         timeout=120, check=True)
    return json.loads(out.stdout.splitlines()[-1])


def test_summarise_and_readability_do_not_load_scipy_stats_or_sklearn():
    for command in ("summarise", "readability"):
        report = probe(command, str(SEED_ARTICLE))
        assert report["exit"] == 0, report["output"]
        assert report["loaded"] == {"nltk": True, "scipy.stats": False, "sklearn": False}, command
        assert report["stem"] == "run"


def test_a_summariser_that_needs_scipy_still_gets_it():
    # sumy's LSA and LexRank, and briefkit's vectorised LexRank, each run after nltk was imported lean.
    for algorithm in ("lsa", "sumy-lexrank", "lexrank"):
        report = probe("summarise", str(SEED_ARTICLE), "--algorithm", algorithm)
        assert report["exit"] == 0 and len(report["output"].strip().splitlines()) == 3, algorithm


def test_import_nltk_when_nltk_is_already_loaded_is_that_module():
    from briefkit.compat.nltk import import_nltk

    import nltk

    assert import_nltk() is nltk


def test_an_nltk_that_needs_scipy_stats_is_imported_as_it_is(tmp_path):
    # A future nltk might import scipy.stats without a fallback: import_nltk must then import it plainly.
    fake = tmp_path / "nltk"
    fake.mkdir()
    (fake / "__init__.py").write_text("import scipy.stats\nFAKE = True\n")
    code = ("import sys; sys.path.insert(0, sys.argv[1]); from briefkit.compat.nltk import import_nltk; "
            "nltk = import_nltk(); import scipy.stats; "
            "print(nltk.FAKE, sys.modules['scipy.stats'] is not None, 'sklearn' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "True", "False"]
