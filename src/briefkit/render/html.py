"""The briefing as HTML: the Jinja2 template, every value escaped (documents are data, never markup)."""

from __future__ import annotations

import os
from pathlib import Path

from ..assemble import is_compact, problem_summary
from ..measure import formulas
from ..model import Briefing, Length
from .templates import TEMPLATE_NAME, template_dir


def _describe_length(spec: str) -> str:
    return Length.parse(spec).describe()


def _environment(folder: Path):
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=True,  # every value is escaped: documents are data, never markup
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["minutes"] = lambda seconds: f"{max(1, round((seconds or 0) / 60))} min"
    env.filters["num"] = lambda value, digits=1: "–" if value is None else f"{value:,.{digits}f}"
    env.filters["thousands"] = lambda value: f"{value:,}"
    env.filters["summary_length"] = _describe_length
    return env


# The document language of the HTML and the PDF (PDF/UA requires it) from briefkit's language setting.
LANGUAGE_TAGS = {"czech": "cs", "danish": "da", "dutch": "nl", "english": "en", "english_web": "en", "estonian": "et",
                 "finnish": "fi", "french": "fr", "german": "de", "greek": "el", "italian": "it", "malayalam": "ml",
                 "norwegian": "no", "polish": "pl", "portuguese": "pt", "russian": "ru", "slovene": "sl",
                 "spanish": "es", "swedish": "sv", "turkish": "tr"}


def render_html(briefing: Briefing, template: str | os.PathLike | None = None, page_size: str = "A4") -> str:
    folder = template_dir(template)
    language = str(briefing.settings.get("language", "english")).lower()
    return _environment(folder).get_template(TEMPLATE_NAME).render(
        briefing=briefing, page_size="letter" if page_size.lower() == "letter" else "A4",
        lang=LANGUAGE_TAGS.get(language, "en"), compact=is_compact(briefing), formulas=formulas.FORMULAS,
        problem_summary=problem_summary(briefing.problems),
    )
