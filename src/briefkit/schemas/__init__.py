"""The JSON Schemas of briefkit's JSON output, shipped in the package (``briefkit schema NAME``).

* ``briefing``: the briefing (``build --json``, ``Briefing.to_dict()``), the contract of
  ``model.SCHEMA_VERSION``;
* ``check``: ``check --format json``; ``summarise`` and ``readability``: their ``--json`` for one
  input (a list of those for several, one per line with ``--jsonl``).
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

SCHEMAS = ("briefing", "check", "readability", "summarise")


def text(name: str) -> str:
    """The schema ``name`` as it is shipped (JSON text)."""
    if name not in SCHEMAS:
        raise KeyError(name)
    return resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8")


def load(name: str) -> dict[str, Any]:
    return json.loads(text(name))
