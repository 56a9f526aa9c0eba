"""Stage 5, assemble: the briefing model that every renderer reads, the anchors, the layout decision.

The model is plain data (:mod:`briefkit.model`); ``Briefing.to_dict`` is the JSON contract
(``src/briefkit/schemas/briefing.json``) and the HTML template reads the same objects.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from typing import Any

from .model import Briefing, DocumentReport, Overview, Problem

# With layout "auto", a briefing of this many documents or more is compact: nobody reads a
# thousand full-page sections, and laying them out is most of a big build's time.
COMPACT_FROM = 50


def build_time() -> _dt.datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set, so that builds can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            pass
    return _dt.datetime.now(tz=_dt.timezone.utc).replace(microsecond=0)


def anchor_for(index: int, title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40]
    return f"doc-{index + 1}-{slug}" if slug else f"doc-{index + 1}"


def assemble(title: str, settings: dict[str, Any], documents: list[DocumentReport],
             problems: list[Problem], overview: Overview | None = None) -> Briefing:
    for index, report in enumerate(documents):
        report.anchor = anchor_for(index, report.title)
    return Briefing(title=title, generated=build_time(), settings=settings, documents=documents,
                    problems=problems, overview=overview)


# The report's Problems section lists this many entries and counts the rest by kind (every entry is
# in the JSON), so that 10,000 dead links cost a page, not a thousand, and rendering stays linear.
PROBLEMS_LISTED = 30


def problem_kind(message: str) -> str:
    """What a problem is, without what differs from one input to the next (numbers, quoted parts)."""
    kind = message.split(" (", 1)[0]
    kind = re.sub(r"\d[\d,.]*", "N", kind)
    return re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", kind)[:120]


def problem_summary(problems: list[Problem], listed: int = PROBLEMS_LISTED) -> dict[str, Any]:
    """The Problems section: the first ``listed`` entries, and the counts by kind when there are more."""
    counts: dict[str, int] = {}
    if len(problems) > listed:
        for problem in problems:
            kind = problem_kind(problem.message)
            counts[kind] = counts.get(kind, 0) + 1
    kinds = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return {"listed": problems[:listed], "total": len(problems), "more": max(0, len(problems) - listed),
            "kinds": kinds}


def is_compact(briefing: Briefing) -> bool:
    """Whether the document sections use the compact layout (see ``Settings.layout``)."""
    layout = str(briefing.settings.get("layout", "auto")).lower()
    return layout == "compact" or (layout == "auto" and len(briefing.documents) >= COMPACT_FROM)
