"""Stage 5, render: the briefing as HTML, PDF and JSON.

Document text is data, never markup: the Jinja2 environment escapes every
value, and WeasyPrint's URL fetcher refuses anything outside the template
folder, so neither an input nor a mistake can make the renderer read a local
file or open a socket. A user's own ``--template`` folder is trusted code.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlparse

from .assemble import Briefing
from .errors import PANGO_HINT, SystemDependencyError, UsageError

TEMPLATE_NAME = "briefing.html.j2"


def default_template_dir() -> Path:
    """The template shipped inside the package, or the repository's ``templates/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parents[1] / "templates"):
        if (candidate / TEMPLATE_NAME).is_file():
            return candidate
    raise UsageError("the default template is missing from this installation of briefkit; reinstall it")


def template_dir(custom: str | os.PathLike | None) -> Path:
    if custom is None:
        return default_template_dir()
    folder = Path(custom)
    if not (folder / TEMPLATE_NAME).is_file():
        raise UsageError(f"{folder}: not a briefkit template folder (it needs a {TEMPLATE_NAME})")
    return folder.resolve()


# --------------------------------------------------------------------------- #
# HTML


def _describe_length(spec: str) -> str:
    from .summarise import Length

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
        lang=LANGUAGE_TAGS.get(language, "en"), compact=is_compact(briefing),
    )


def is_compact(briefing: Briefing) -> bool:
    """Whether the document sections use the compact layout (see ``Settings.layout``)."""
    from .config import COMPACT_FROM

    layout = str(briefing.settings.get("layout", "auto")).lower()
    return layout == "compact" or (layout == "auto" and len(briefing.documents) >= COMPACT_FROM)


# --------------------------------------------------------------------------- #
# PDF


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


def render_json(briefing: Briefing) -> str:
    return json.dumps(briefing.to_dict(), ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- #
# Writing files without ever leaving half of one behind.


def check_writable(path: Path) -> None:
    """Fail before any work when ``path`` cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise UsageError(f"{path}: is a folder; give a file name such as {path / 'briefing.pdf'}")
    if not folder.exists():
        raise UsageError(f"{path}: the folder {folder} does not exist (create it first)")
    if not folder.is_dir():
        raise UsageError(f"{path}: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError(f"{path}: cannot write to the folder {folder} (permission denied)")
    if path.exists() and not os.access(path, os.W_OK):
        raise UsageError(f"{path}: the file exists and is read-only")


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write to a temporary file in the same folder, then rename it into place.

    A reader (or a build killed half-way) sees the old file or the new one,
    never a half-written one.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        _atomic_write(path, data)
    except OSError as exc:  # the folder went away or the disk filled up after check_writable
        raise UsageError(f"{path}: cannot write the file ({exc.strerror or exc})") from None


def _atomic_write(path: Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    ``durable`` also flushes it to disk first (a report); a cache entry that is lost
    in a power cut is only rebuilt, so it skips the fsync.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
