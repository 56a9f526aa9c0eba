"""Sentences offline: the parsed document every summariser reads splits where a reader would."""

from __future__ import annotations


def test_seed_has_23_sentences_with_initialisms_kept_whole(seed_doc):
    assert len(seed_doc) == 23
    # Punkt alone splits after "(E.U.)" and "The E.U."; the tokenizer mends both.
    assert any("European Union (E.U.) does not recognize" in s for s in seed_doc.sentences)
    assert any(s.startswith("The E.U. has sanctioned") for s in seed_doc.sentences)
