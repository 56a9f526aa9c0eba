"""The briefing as PDF: WeasyPrint lays out the HTML and may load nothing outside the template folder.

A user's own ``--template`` folder is trusted code; a document never is: its text reaches the
renderer escaped (:mod:`.html`), and the URL fetcher refuses anything but the template's own files,
so neither an input nor a mistake can make the renderer read a local file or open a socket.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..errors import PANGO_HINT, SystemDependencyError
from ..model import Briefing
from .json import render_json
from .templates import template_dir


def _weasyprint():
    try:
        import weasyprint
    except OSError as exc:  # cffi cannot dlopen libpango / libgobject
        raise SystemDependencyError(f"{PANGO_HINT} ({exc})") from None
    return weasyprint


def ensure_renderer() -> None:
    """Raise the one-line Pango error now rather than after the documents are analysed."""
    _weasyprint()


def make_url_fetcher(allowed_root: Path):
    """A WeasyPrint URL fetcher that serves files below ``allowed_root`` and nothing else."""
    weasyprint = _weasyprint()
    root = os.path.realpath(allowed_root)

    class TemplateOnlyFetcher(weasyprint.urls.URLFetcher):
        refused: list[str]

        def fetch(self, url, headers=None):
            parsed = urlparse(url)
            if parsed.scheme == "file":
                path = os.path.realpath(unquote(parsed.path))
                if path == root or path.startswith(root + os.sep):
                    return super().fetch(url, headers)
            self.refused.append(url)
            raise ValueError(f"briefkit does not load {url!r}: only files of the template folder are allowed")

    fetcher = TemplateOnlyFetcher()
    fetcher.refused = []
    return fetcher


def render_pdf(html: str, template: str | os.PathLike | None = None, pdf_variant: str | None = None,
               attachments: list | None = None) -> bytes:
    weasyprint = _weasyprint()
    folder = template_dir(template)
    fetcher = make_url_fetcher(folder)
    document = weasyprint.HTML(string=html, base_url=folder.as_uri() + "/", url_fetcher=fetcher)
    options = {"pdf_variant": pdf_variant} if pdf_variant else {}
    if attachments:
        options["attachments"] = attachments
        options["finisher"] = _one_entry_per_attachment
    return document.write_pdf(**options)


def _one_entry_per_attachment(document, pdf) -> None:
    """WeasyPrint 70 lists each PDF/A-3 attachment twice in the catalog's /AF; once is what the standard means."""
    associated = pdf.catalog.get("AF")
    if associated:
        associated[:] = list(dict.fromkeys(associated))


def json_attachment(briefing: Briefing, briefing_json: str | None = None):
    """The JSON briefing as a PDF attachment (PDF/A-3 allows any file, marked as the data behind the PDF).

    Its dates are the briefing's, not the clock's, so that the PDF can be reproduced.
    ``briefing_json`` is :func:`render_json`'s text when the caller already has it.
    """
    weasyprint = _weasyprint()
    return weasyprint.Attachment(string=briefing_json or render_json(briefing), name="briefing.json",
                                 description="The briefing as JSON (briefkit's schema)",
                                 created=briefing.generated, modified=briefing.generated, relationship="Data")
