"""E-mail messages (.eml), by the standard library: subject, sender, date and the readable body.

The plain-text part is preferred; an HTML-only message is reduced to text.
Quoted replies ("> ...") and the signature after "-- " are not the message's
own words and are dropped. Attachments are listed, not read.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import re

from ...errors import DocumentError
from ...model import Extracted
from .html import html_to_text


def _plain_paragraphs(text: str) -> list[str]:
    text = text.replace("\r\n", "\n")
    text = re.split(r"\n-- \n", text, maxsplit=1)[0]
    lines = [line for line in text.split("\n") if not line.lstrip().startswith(">")]
    blocks = re.split(r"\n[ \t]*\n", "\n".join(lines))
    return [" ".join(block.split()) for block in blocks if block.strip()]


def _part_text(part) -> str:
    try:
        return part.get_content()
    except (LookupError, UnicodeError, AssertionError, KeyError):
        payload = part.get_payload(decode=True) or b""
        return payload.decode(part.get_content_charset() or "utf-8", "replace")


def read(data: bytes, source: str) -> list[Extracted]:
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not message.keys():
        raise DocumentError("is not an e-mail message (no headers found)")
    plain: list[str] = []
    html: list[str] = []
    attachments: list[str] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        if part.get_content_disposition() == "attachment" or part.get_filename():
            attachments.append(part.get_filename() or kind)
            continue
        if kind == "text/plain":
            plain.append(_part_text(part))
        elif kind == "text/html":
            html.append(_part_text(part))
    paragraphs: list[str] = []
    for text in plain:
        paragraphs.extend(_plain_paragraphs(text))
    if not paragraphs:
        for text in html:
            paragraphs.extend(html_to_text(text))
    metadata = {}
    sender = message.get("From")
    if sender:
        name, address = email.utils.parseaddr(str(sender))
        metadata["author"] = name or address
    if message.get("Date"):
        try:
            metadata["date"] = email.utils.parsedate_to_datetime(str(message["Date"])).date().isoformat()
        except (TypeError, ValueError):
            metadata["date"] = str(message["Date"])
    if message.get("To"):
        metadata["to"] = str(message["To"])
    if attachments:
        metadata["attachments"] = ", ".join(attachments)
    return [Extracted(title=" ".join(str(message.get("Subject") or "").split()), paragraphs=paragraphs,
                      metadata=metadata)]
