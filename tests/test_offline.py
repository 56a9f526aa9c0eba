"""The whole pipeline with sockets blocked and NLTK's data path pointing at an empty folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from helpers import SEEDS

BLOCKED_RUN = textwrap.dedent("""
    import socket, sys

    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted during an offline build")

    socket.socket.connect = refuse
    socket.socket.connect_ex = refuse
    socket.create_connection = refuse
    socket.getaddrinfo = refuse

    from briefkit.cli import cli
    try:
        cli(sys.argv[1:], prog_name="briefkit")
    except SystemExit as exit:
        code = exit.code
    if attempts:
        print("NETWORK ATTEMPTS:", attempts, file=sys.stderr)
        sys.exit(99)
    sys.exit(code)
""")


def test_build_runs_with_sockets_blocked_and_empty_nltk_data(tmp_path):
    empty_nltk = tmp_path / "nltk_data"
    empty_nltk.mkdir()
    cache = tmp_path / "cache"  # a fresh machine: nothing provisioned yet
    env = {**os.environ, "NLTK_DATA": str(empty_nltk), "BRIEFKIT_CACHE_DIR": str(cache),
           "HOME": str(tmp_path / "home"), "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    out = tmp_path / "offline.pdf"
    result = subprocess.run(
        [sys.executable, "-c", BLOCKED_RUN, "build", str(SEEDS), "-o", str(out), "--json", "-q"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert len(data["documents"]) == 3
    # textstat counted syllables with the CMU dictionary we provisioned, not a download.
    assert list(cache.glob("nltk_data-cmudict-*/corpora/cmudict/cmudict"))
    assert not any(empty_nltk.iterdir())
    for doc in data["documents"]:
        assert doc["summaries"]["short"]["sentences"]
        assert doc["readability"]["syllables"] > doc["words"]


def test_syllables_come_from_the_cmu_dictionary():
    from briefkit.compat.textstat import textstat

    ts = textstat()
    # "every" is EH1 V ER0 IY0 in the CMU dictionary: three syllables. Without the
    # dictionary textstat falls back to pyphen's hyphenation, which finds one.
    assert ts.syllable_count("every") == 3
