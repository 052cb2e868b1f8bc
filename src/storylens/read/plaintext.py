"""Plain text and Markdown in the seed layout: title line, then paragraphs and page furniture.

Paragraphs are separated by blank lines, or — in wire copy with no blank lines — one per line.
Hard-wrapped paragraphs (lines of similar length that stop mid-sentence) are joined back up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from storylens.errors import Problem
from storylens.model import Article
from storylens.read.assemble import build_article
from storylens.read.decoding import NotText, decode
from storylens.read.furniture import Unit, is_furniture_line, separate
from storylens.read.normalise import clean_text
from storylens.read.options import ReadOptions
from storylens.read.sources import Source

_BLANK_LINE = re.compile(r"\n[ \t\xa0]*\n")
_SENTENCE_END = tuple(".!?\"'”’:")


def _hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    inner = lines[:-1]
    if any(not 30 <= len(line) <= 100 for line in inner):
        return False
    if any(is_furniture_line(line) for line in lines):
        return False
    open_ended = sum(1 for line in inner if not line.rstrip().endswith(_SENTENCE_END))
    return open_ended * 2 > len(inner)


def text_units(text: str) -> list[Unit]:
    """Paragraph-like units of a text, each tagged with the blank-line block it came from."""
    units: list[Unit] = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for group, block in enumerate(_BLANK_LINE.split(text)):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if _hard_wrapped(lines):
            units.append(Unit(" ".join(lines), group))
        else:
            units.extend(Unit(line, group) for line in lines)
    return units


def parse_text(text: str, **meta: Any) -> Article:
    """Parse a string in the plain-text seed layout.

    ``meta`` holds Article fields known from elsewhere (``title``, ``outlet``, ``url``,
    ``published``, ``id``, ``source``, ``language``, ``authors``); a given ``title`` is not searched
    for in the text. A lone headline-like line becomes both title and text, so the article is
    never empty when the string is not.
    """
    known = {"title", "outlet", "url", "published", "id", "source", "language", "authors"}
    unknown = set(meta) - known
    if unknown:
        raise TypeError(f"parse_text got unknown fields: {', '.join(sorted(unknown))}")
    title = clean_text(meta["title"]) if meta.get("title") else None
    layout = separate(text_units(clean_text(text)), title=title)
    if not layout.paragraphs and layout.title and not title:
        layout.paragraphs = [layout.title]
    return build_article(
        layout,
        source=meta.get("source"),
        id=meta.get("id"),
        url=meta.get("url"),
        outlet=meta.get("outlet"),
        published=meta.get("published"),
        language=meta.get("language"),
        authors=list(meta.get("authors") or []),
    )


def read_text(source: Source, options: ReadOptions) -> Iterator[Article | Problem]:
    """The text reader of the registry: one article per file."""
    try:
        text = decode(source.data)
    except NotText as exc:
        yield Problem(source.where, str(exc))
        return
    article = parse_text(text, source=source.where)
    if not article.text:
        yield Problem(source.where, "no article text found (only page furniture)")
        return
    yield article
