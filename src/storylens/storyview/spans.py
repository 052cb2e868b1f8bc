"""Finding a fact's words in an article: normalised search mapped back to a verbatim span.

Outlets retype quotes (curly or straight marks, "Parliament" or "parliament", a line break in
the middle), so the search runs on a folded copy of the text, and every character of the folded
copy remembers where it came from: what a carrier shows is always a slice of its article.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_MARKS = str.maketrans(
    {"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "‚": "'", "`": "'"}
)
_SPACE = re.compile(r"\s+")
_RUN = re.compile(r"\S+")


def fold(text: str) -> str:
    """Quote marks made plain, case folded, runs of whitespace one space, ends trimmed."""
    return _SPACE.sub(" ", text.translate(_MARKS).lower()).strip()


class FoldedText:
    """An article's text folded like :func:`fold`, with a map back to the original offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        low = text.translate(_MARKS).lower()
        if len(low) != len(text):  # a few characters lower-case to two ("İ"): fold one by one
            low = "".join(c if len(c := ch.translate(_MARKS).lower()) == 1 else ch for ch in text)
        # the folded text is the runs of non-space characters joined by one space; each run
        # remembers where it starts in both texts
        runs = [(m.start(), m.group()) for m in _RUN.finditer(low)]
        self.folded = " ".join(run for _, run in runs)
        self._folded_starts: list[int] = []
        self._starts: list[int] = []
        at = 0
        for start, run in runs:
            self._folded_starts.append(at)
            self._starts.append(start)
            at += len(run) + 1

    def _original(self, offset: int) -> int:
        """The original offset of folded ``offset`` (a joining space maps to the run's end)."""
        run = bisect_right(self._folded_starts, offset) - 1
        return self._starts[run] + offset - self._folded_starts[run]

    def find(self, needle: str) -> tuple[int, int] | None:
        """``(start, end)`` in the original text of the first occurrence of folded ``needle``."""
        key = fold(needle)
        if not key:
            return None
        at = self.folded.find(key)
        if at < 0:
            return None
        return self._original(at), self._original(at + len(key) - 1) + 1

    def contains(self, needle: str) -> bool:
        key = fold(needle)
        return bool(key) and key in self.folded
