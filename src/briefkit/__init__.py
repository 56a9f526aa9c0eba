"""briefkit: turn a pile of documents into a PDF briefing.

The public API is imported lazily so that ``briefkit --help`` starts fast::

    from briefkit import Settings, build
    result = build(["seeds/"], Settings(output="reports/briefing.pdf"))
"""

from __future__ import annotations

from ._version import __version__

__all__ = ["Settings", "build", "analyse", "load_settings", "__version__"]


def __getattr__(name: str):
    if name == "build":
        from . import pipeline

        return pipeline.build
    if name == "analyse":
        from . import run

        return run.analyse
    if name in ("Settings", "load_settings"):
        from . import config

        return getattr(config, name)
    raise AttributeError(f"module 'briefkit' has no attribute {name!r}")
