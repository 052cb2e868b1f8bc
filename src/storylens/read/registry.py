"""Which reader reads which input: by name (``--input-format``), by extension, then by content."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from storylens.errors import Problem
from storylens.model import Article
from storylens.read.csvfile import read_csv
from storylens.read.decoding import is_binary
from storylens.read.feeds import read_feed
from storylens.read.htmlpage import read_html
from storylens.read.jsonlines import read_jsonl
from storylens.read.options import ReadOptions
from storylens.read.plaintext import read_text
from storylens.read.sources import Source
from storylens.read.warcfile import read_warc

Reader = Callable[[Source, ReadOptions], Iterator[Article | Problem]]

READERS: dict[str, Reader] = {
    "text": read_text,
    "html": read_html,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "warc": read_warc,
    "feed": read_feed,
}

EXTENSIONS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".warc": "warc", ".arc": "warc",
    ".rss": "feed", ".atom": "feed",
}  # fmt: skip

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|div|p)[\s>]", re.IGNORECASE)


def _by_extension(name: str) -> str | None:
    suffix = name[name.rfind(".") :] if "." in name else ""
    return EXTENSIONS.get(suffix)


def sniff(data: bytes) -> str | None:
    """Guess a format from the first bytes; None when the content is not recognisable."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"<?xml") or _FEED_ROOT.search(head[:512]):
        return "feed" if _FEED_ROOT.search(head) else "html"
    if _HTML_START.search(head[:1024]):
        return "html"
    if head[:1] in (b"{", b"["):
        return "jsonl"
    if is_binary(data):
        return None
    first_line = head.split(b"\n", 1)[0]
    if first_line.count(b",") >= 1 and re.search(
        rb"(?i)\b(text|body|content|article)\b", first_line
    ):
        return "csv"
    return "text"


def detect_format(source: Source) -> str | None:
    """The reader for ``source``: by extension, else (``.xml``, no extension) by content."""
    by_name = _by_extension(source.name)
    if by_name and by_name != "text":
        return by_name
    guessed = sniff(source.data)
    # A .txt that happens to start with "<p>" is still text; content only decides unknown names.
    return by_name or guessed
