"""JSON Lines (one article object per line) and JSON files (one object or a list of them)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from storylens.errors import Problem
from storylens.model import Article
from storylens.read.decoding import NotText, decode
from storylens.read.options import ReadOptions
from storylens.read.records import article_from_record
from storylens.read.sources import Source


def _record(record: object, where: str, options: ReadOptions) -> Article | Problem:
    try:
        return article_from_record(record, options.fields, source=where)  # type: ignore[arg-type]
    except ValueError as exc:
        return Problem(where, str(exc))


def _json_document(text: str, source: Source, options: ReadOptions) -> Iterator[Article | Problem]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Problem(f"{source.where}:{exc.lineno}", f"invalid JSON ({exc.msg})")
        return
    if isinstance(data, dict):
        yield _record(data, source.where, options)
        return
    if not isinstance(data, list):
        yield Problem(source.where, "JSON file holds neither an object nor a list of objects")
        return
    for number, record in enumerate(data, 1):
        item = _record(record, f"{source.where}#{number}", options)
        if isinstance(item, Problem):
            item = Problem(source.where, f"record {number}: {item.message}")
        yield item


def read_jsonl(source: Source, options: ReadOptions) -> Iterator[Article | Problem]:
    """One article per line; a bad line is a problem at ``FILE:LINE`` and reading goes on."""
    try:
        text = decode(source.data)
    except NotText as exc:
        yield Problem(source.where, str(exc))
        return
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("["):
        yield from _json_document(stripped, source, options)
        return
    if stripped.startswith("{") and source.name.endswith(".json"):
        yield from _json_document(stripped, source, options)
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source.where}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        yield _record(record, where, options)
