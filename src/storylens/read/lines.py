"""Record-by-record lines of a source, each under a size cap, whether streamed or in memory.

JSONL and CSV files are read a line at a time from disk, so a 100k-article file needs no
``--max-bytes``; the cap moves from the file to the record (:data:`MAX_RECORD_BYTES`).
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable, Iterator

from storylens.read.decoding import NotText, decode, is_binary
from storylens.read.sources import Source

#: the largest single JSONL line or CSV row; a longer one is skipped as one bad record
MAX_RECORD_BYTES = 10_000_000

Line = tuple[int, str | None]


def too_long_record() -> str:
    return (
        f"record is over the {MAX_RECORD_BYTES / 1_000_000:.1f} MB limit for one JSON line or "
        "CSV row; split it or leave it out"
    )


def streamable(head: bytes) -> bool:
    """Lines can be cut on ``\\n`` bytes: not UTF-16/32 (their BOMs), not binary."""
    return not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not is_binary(head)


def _byte_lines(path: str) -> Iterator[tuple[int, bytes | None]]:
    with open(path, "rb") as fh:
        number = 0
        while line := fh.readline(MAX_RECORD_BYTES + 1):
            number += 1
            if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
                # skip the rest of the line a slice at a time: never held whole in memory
                while line and not line.endswith(b"\n"):
                    line = fh.readline(1_000_000)
                yield number, None
                continue
            yield number, line


def _line_decoder(head: bytes) -> Callable[[bytes], str]:
    """One codec for every line, chosen from the head (a cut multibyte character at its end is
    not evidence against UTF-8). Lines are UTF-8, bad bytes replaced, unless the head is
    clearly in another encoding: one garbled line must not cost the file."""

    def utf8(raw: bytes) -> str:
        return raw.decode("utf-8", errors="replace")

    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return utf8
    except UnicodeDecodeError:
        pass
    sample = head[: head.rfind(b"\n") + 1] or head
    try:
        text = decode(sample)
    except NotText:
        return utf8
    for name in ("utf-8", "cp1252", "latin_1"):
        try:
            if sample.decode(name) == text:
                return lambda raw, name=name: raw.decode(name, errors="replace")  # type: ignore[misc]
        except UnicodeDecodeError:
            continue
    return utf8


def text_lines(source: Source) -> Iterator[Line]:
    """``(line number, text)`` of every line; text ``None`` for a line over the cap. Raises
    :class:`NotText` before the first line when the source is not text."""
    if source.path is None:
        text = decode(source.data)
        return (
            (n, None if len(line) > MAX_RECORD_BYTES else line)
            for n, line in enumerate(io.StringIO(text, newline=None), 1)
        )
    decoder = _line_decoder(source.data)
    return ((n, None if raw is None else decoder(raw)) for n, raw in _byte_lines(source.path))


__all__ = ["MAX_RECORD_BYTES", "Line", "NotText", "streamable", "text_lines", "too_long_record"]
