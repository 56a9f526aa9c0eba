"""Stage 6, render: the briefing as HTML, PDF and JSON, one module each, one table of outputs.

Document text is data, never markup: the Jinja2 environment escapes every value (:mod:`.html`),
and WeasyPrint's URL fetcher refuses anything outside the template folder (:mod:`.pdf`). Every
output is written beside the PDF with the suffix given here; adding one is a module and a line in
:data:`OUTPUTS` (and the ``--<name>`` flag and setting that ask for it).
"""

from __future__ import annotations

from dataclasses import dataclass

from .html import render_html
from .json import render_json
from .pdf import ensure_renderer, json_attachment, make_url_fetcher, render_pdf
from .templates import TEMPLATE_NAME, default_template_dir, template_dir


@dataclass(frozen=True)
class Output:
    name: str
    suffix: str
    description: str


# In the order they are written: the PDF last, so a build that stops early never leaves a new PDF
# beside an old JSON.
OUTPUTS: dict[str, Output] = {o.name: o for o in (
    Output("json", ".json", "the briefing as data (src/briefkit/schemas/briefing.json)"),
    Output("html", ".html", "the briefing as a web page, from the same template"),
    Output("pdf", ".pdf", "the briefing as print-ready PDF"),
)}

__all__ = ["OUTPUTS", "Output", "TEMPLATE_NAME", "default_template_dir", "ensure_renderer", "json_attachment",
           "make_url_fetcher", "render_html", "render_json", "render_pdf", "template_dir"]
