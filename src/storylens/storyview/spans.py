"""Finding a fact's words in an article: normalised search mapped back to a verbatim span.

Outlets retype quotes (curly or straight marks, "Parliament" or "parliament", a line break in
the middle), so the search runs on a folded copy of the text, and every character of the folded
copy remembers where it came from: what a carrier shows is always a slice of its article.
"""

from __future__ import annotations

import re

_MARKS = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "`": "'"}
)
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Quote marks made plain, case folded, runs of whitespace one space, ends trimmed."""
    return _SPACE.sub(" ", text.translate(_MARKS).lower()).strip()


class FoldedText:
    """An article's text folded like :func:`fold`, with a map back to the original offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        chars: list[str] = []
        where: list[int] = []
        in_space = True  # drops leading whitespace, as fold() strips it
        for i, ch in enumerate(text):
            if ch.isspace():
                if not in_space:
                    chars.append(" ")
                    where.append(i)
                in_space = True
                continue
            in_space = False
            low = ch.translate(_MARKS).lower()
            for part in low:  # a few characters lower-case to two ("İ")
                chars.append(part)
                where.append(i)
        self.folded = "".join(chars)
        self._where = where

    def find(self, needle: str) -> tuple[int, int] | None:
        """``(start, end)`` in the original text of the first occurrence of folded ``needle``."""
        key = fold(needle)
        if not key:
            return None
        at = self.folded.find(key)
        if at < 0:
            return None
        return self._where[at], self._where[at + len(key) - 1] + 1

    def contains(self, needle: str) -> bool:
        key = fold(needle)
        return bool(key) and key in self.folded
