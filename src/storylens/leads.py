"""What to call an article or a story that has no title: its lead, the first sentence, shortened.

Page openings and wire copy often come without a headline; a list that says "(untitled)" tells
the reader nothing, the first sentence of the article tells them what happened.
"""

from __future__ import annotations

import re

_SPACE = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s")
#: characters of a lead shown for an untitled article or story
LEAD_CHARS = 90


def lead(text: str, limit: int = LEAD_CHARS) -> str:
    """The first sentence of ``text``, shortened to ``limit`` characters at a word boundary."""
    flat = _SPACE.sub(" ", text).strip()
    if not flat:
        return ""
    end = _SENTENCE_END.search(flat)
    first = flat[: end.start() + 1].strip() if end else flat
    if len(first) <= limit:
        return first
    cut = first[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def label(title: str | None, text: str | None) -> str:
    """What to call an article or story: its title, else its lead."""
    return (title or "").strip() or lead(text or "")
