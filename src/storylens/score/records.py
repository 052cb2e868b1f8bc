"""Pair records for ``storylens score``: ``{pair_id, a, b}`` where a side is an object or text."""

from __future__ import annotations

from typing import Any

from storylens.errors import Problem
from storylens.model import Article
from storylens.read import article_from_record, parse_text


def _article(side: Any, name: str) -> Article:
    """An Article from an article object or a plain string, read as ``storylens read`` would."""
    if isinstance(side, str):
        if not side.strip():
            raise ValueError(f"'{name}' is empty")
        return parse_text(side)
    if not isinstance(side, dict):
        raise ValueError(f"'{name}' must be an article object or a string of text")
    if not isinstance(side.get("text"), str) or not side["text"].strip():
        raise ValueError(f"'{name}' has no 'text'")
    try:
        return article_from_record(side)
    except ValueError as exc:
        raise ValueError(f"'{name}': {exc}") from None


def parse_pair_record(record: Any, default_id: str) -> tuple[str, Article, Article]:
    """(pair_id, a, b) from one JSON value; ValueError with a one-line reason otherwise."""
    if not isinstance(record, dict):
        raise ValueError("expected a JSON object with 'a' and 'b'")
    for name in ("a", "b"):
        if name not in record:
            raise ValueError(f"missing '{name}'")
    pair_id = record.get("pair_id")
    pair_id = default_id if pair_id is None or pair_id == "" else str(pair_id)
    try:
        return pair_id, _article(record["a"], "a"), _article(record["b"], "b")
    except (TypeError, AttributeError) as exc:
        raise ValueError(f"not a usable article: {exc}") from None


def read_pairs(path: str) -> tuple[list[tuple[str, Article, Article]], list[Problem]]:
    """Every usable ``(pair_id, a, b)`` of a JSONL file, read a line at a time, and a
    :class:`~storylens.errors.Problem` per bad line; ReadError when the file cannot be read."""
    from storylens.read.jsonstream import parsed_records

    return parsed_records(
        path, lambda where, record: parse_pair_record(record, default_id=where.rsplit(":", 1)[1])
    )
