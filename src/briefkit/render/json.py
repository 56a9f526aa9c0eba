"""The briefing as JSON: ``Briefing.to_dict``, the contract described by ``src/briefkit/schemas/briefing.json``."""

from __future__ import annotations

import json

from ..model import Briefing


def render_json(briefing: Briefing) -> str:
    return json.dumps(briefing.to_dict(), ensure_ascii=False, indent=2) + "\n"
