"""Text: sentences and words offline (:mod:`.tokenize`) and the parsed document every summariser reads
(:mod:`.document`)."""

from __future__ import annotations

from .document import ParsedDocument, stem_rows
from .tokenize import OfflineTokenizer

__all__ = ["OfflineTokenizer", "ParsedDocument", "stem_rows"]
