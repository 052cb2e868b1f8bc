"""Sentence boundaries: spaCy's, then repaired where news prose fools it.

The text is cut into lines first (a sentence never crosses a line break; wire copy often has one
paragraph a line), each line goes through spaCy, and the boundaries are then fixed: never inside a
quotation, and a quote is kept with its attribution (“…,” she said.).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from storylens.analyze.document import Sentence

OPEN_QUOTES = "“‘«„"
CLOSE_QUOTES = "”’»“"
_SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|added|adds|asked|asks|wrote|writes|stated|noted|warned|"
    r"explained|insisted|declared|continued|replied|argued|according)\b",
    re.I,
)


@dataclass
class Block:
    """One line of the body: the unit spaCy sees."""

    text: str
    #: offset of ``text`` in ``article.text``
    start: int
    #: index of its paragraph in ``article.paragraphs``
    paragraph: int


#: the longest text spaCy is given at once; a longer line is analysed in pieces cut at spaces.
#: spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters, error E088), and one long
#: line costs memory in proportion to its length.
MAX_BLOCK_CHARS = 100_000


def _pieces(line: str, start: int) -> Iterator[tuple[str, int]]:
    """``line`` cut into pieces of at most :data:`MAX_BLOCK_CHARS`, at a space when one is near."""
    while len(line) > MAX_BLOCK_CHARS:
        cut = line.rfind(" ", MAX_BLOCK_CHARS // 2, MAX_BLOCK_CHARS)
        cut = cut if cut > 0 else MAX_BLOCK_CHARS
        yield line[:cut], start
        rest = line[cut:]
        lead = len(rest) - len(rest.lstrip())
        line, start = rest[lead:], start + cut + lead
    if line:
        yield line, start


def blocks(text: str) -> list[Block]:
    """Non-empty lines of ``text`` with their offsets and paragraph indexes; a line over
    :data:`MAX_BLOCK_CHARS` becomes several blocks."""
    out: list[Block] = []
    paragraph = -1
    position = 0
    for chunk in text.split("\n\n"):
        if chunk.strip():
            paragraph += 1
            offset = position
            for line in chunk.split("\n"):
                stripped = line.strip()
                if stripped:
                    lead = len(line) - len(line.lstrip())
                    out.extend(
                        Block(piece, at, paragraph)
                        for piece, at in _pieces(stripped, offset + lead)
                    )
                offset += len(line) + 1
        position += len(chunk) + 2
    return out


def _open_balance(text: str) -> int:
    """How many quotations or brackets ``text`` leaves open (an odd count of ``"`` is one)."""
    curly = text.count("“") - text.count("”")
    straight = text.count('"') % 2
    brackets = text.count("[") - text.count("]") + text.count("(") - text.count(")")
    return max(curly, 0) + straight + max(brackets, 0)


def _starts_lower(text: str) -> bool:
    stripped = text.lstrip(" \"“”‘’'([—–-")
    return bool(stripped) and stripped[0].islower()


def _is_attribution(text: str) -> bool:
    """A short tail such as "Trump said." that belongs to the quote before it."""
    return (
        len(text.split()) <= 10 and not any(q in text for q in '“”"') and bool(_SPEECH.search(text))
    )


def repair(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge spaCy's sentence spans of ``text`` where a boundary cuts a quote or its speaker."""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if not text[start:end].strip():
            continue
        if out:
            prev_start, prev_end = out[-1]
            prev = text[prev_start:prev_end].rstrip()
            current = text[start:end]
            merge = (
                _open_balance(prev) > 0
                or prev.endswith((",”", ',"', ",’", ",'", ",", ";", ":"))
                or _starts_lower(current)
                or (prev[:1] in '“"' and prev[-1:] in '”"' and _is_attribution(current))
            )
            if merge:
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so that it has no surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def build(block_list: list[Block], docs: list[object], full_text: str) -> Iterator[Sentence]:
    """Sentences of a whole body from its blocks and their spaCy docs, offsets in ``full_text``."""
    index = 0
    for block, doc in zip(block_list, docs, strict=True):
        spans = [(s.start_char, s.end_char) for s in doc.sents]  # type: ignore[attr-defined]
        for start, end in repair(block.text, spans):
            start, end = trim(block.text, start, end)
            if start == end:
                continue
            a, b = block.start + start, block.start + end
            yield Sentence(index, full_text[a:b], block.paragraph, a, b)
            index += 1
