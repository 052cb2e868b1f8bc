"""JSON Lines (one article object per line) and JSON files (one object or a list of them)."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator

from storylens.errors import Problem
from storylens.model import Article
from storylens.read.decoding import NotText, decode
from storylens.read.lines import text_lines, too_long_record
from storylens.read.normalise import MAX_JSON_DEPTH, too_deep
from storylens.read.options import ReadOptions
from storylens.read.records import article_from_record
from storylens.read.sources import Source

log = logging.getLogger(__name__)


def parse_json(text: str) -> object:
    """``json.loads`` with the nesting limit; ValueError (never RecursionError) past it."""
    try:
        value = json.loads(text)
    except RecursionError:
        value = None
    else:
        if not too_deep(value):
            return value
    raise ValueError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")


def record_article(record: object, where: str, options: ReadOptions) -> Article | Problem:
    """One record's Article, or the Problem that says why it has none; never raises."""
    try:
        return article_from_record(record, options.fields, source=where)  # type: ignore[arg-type]
    except ValueError as exc:
        return Problem(where, str(exc))
    except Exception as exc:  # one hostile record must not end its file
        log.debug("record %s failed", where, exc_info=True)
        return Problem(where, f"cannot read this record ({type(exc).__name__}: {exc})")


_DECODER = json.JSONDecoder()
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_SPACE = re.compile(r"[ \t\r\n]*")


def _value_end(text: str, pos: int) -> int:
    """Where the array or object starting at ``pos`` ends, found without recursion (for a
    value too deep for the json module)."""
    depth = 0
    for match in _TOKEN.finditer(text, pos):
        token = match.group()
        if token in "[{":
            depth += 1
        elif token in "]}":
            depth -= 1
            if depth == 0:
                return match.end()
    raise json.JSONDecodeError("unterminated array or object", text, pos)


def _array_items(text: str) -> Iterator[tuple[int, object]]:
    """``(number, value)`` of each element of the JSON array ``text``, one at a time, so that
    one element nested too deep costs only itself (its value is then a ValueError)."""
    pos = _SPACE.match(text, 1).end()  # type: ignore[union-attr]
    number = 0
    while pos < len(text) and text[pos] != "]":
        number += 1
        try:
            value, end = _DECODER.raw_decode(text, pos)
            item: object = value
            if too_deep(value):
                item = ValueError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
        except RecursionError:
            end = _value_end(text, pos)
            item = ValueError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
        yield number, item
        pos = _SPACE.match(text, end).end()  # type: ignore[union-attr]
        if pos < len(text) and text[pos] == ",":
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
        elif pos >= len(text) or text[pos] != "]":
            raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
    if pos >= len(text):
        raise json.JSONDecodeError("unterminated array", text, pos)
    if text[pos + 1 :].strip():
        raise json.JSONDecodeError("Extra data", text, pos + 1)


def _json_document(text: str, source: Source, options: ReadOptions) -> Iterator[Article | Problem]:
    try:
        if text.startswith("["):
            for number, record in _array_items(text):
                if isinstance(record, ValueError):
                    yield Problem(source.where, f"record {number}: {record}")
                    continue
                item = record_article(record, f"{source.where}#{number}", options)
                if isinstance(item, Problem):
                    item = Problem(source.where, f"record {number}: {item.message}")
                yield item
            return
        data = parse_json(text)
    except json.JSONDecodeError as exc:
        yield Problem(f"{source.where}:{exc.lineno}", f"invalid JSON ({exc.msg})")
        return
    except ValueError as exc:
        yield Problem(source.where, str(exc))
        return
    if isinstance(data, dict):
        yield record_article(data, source.where, options)
    else:
        yield Problem(source.where, "JSON file holds neither an object nor a list of objects")


def is_json_document(source: Source) -> bool:
    """A ``[…]`` file, or one object in a ``.json`` file: read whole, not line by line."""
    head = source.data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"[") or (head.startswith(b"{") and source.name.endswith(".json"))


def read_jsonl(source: Source, options: ReadOptions) -> Iterator[Article | Problem]:
    """One article per line; a bad line is a problem at ``FILE:LINE`` and reading goes on."""
    if source.path is None and is_json_document(source):
        try:
            text = decode(source.data)
        except NotText as exc:
            yield Problem(source.where, str(exc))
            return
        yield from _json_document(text.lstrip("\ufeff \t\r\n"), source, options)
        return
    try:
        lines = text_lines(source)
    except NotText as exc:
        yield Problem(source.where, str(exc))
        return
    for number, line in lines:
        where = f"{source.where}:{number}"
        if line is None:
            yield Problem(where, too_long_record())
            continue
        line = line.lstrip("\ufeff") if number == 1 else line
        if not line.strip():
            continue
        try:
            record = parse_json(line)
        except json.JSONDecodeError as exc:
            yield Problem(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        except ValueError as exc:
            yield Problem(where, str(exc))
            continue
        yield record_article(record, where, options)
