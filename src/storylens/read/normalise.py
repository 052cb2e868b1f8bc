"""Text cleaned once, at read: what every later stage (spaCy, the tokenizer, SQLite, JSON
output) can encode.

A lone surrogate (``"\\ud800"`` is valid JSON) cannot be encoded as UTF-8 and crashes the sentence
encoder's tokenizer; control characters confuse the sentence splitter. Both are replaced here so
that no later stage has to guard against them.
"""

from __future__ import annotations

import re
from typing import Any

#: deepest nesting of arrays and objects in one record; no news record needs more than a few
MAX_JSON_DEPTH = 64


def too_deep(value: object, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether ``value`` nests lists/dicts deeper than ``limit`` (walked without recursion)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


_INVALID = re.compile("[\ud800-\udfff\ufffe\uffff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Lone surrogates and non-characters become U+FFFD; control characters (not tab or line
    breaks) become spaces."""
    if text.isascii():
        return _CONTROL.sub(" ", text) if _CONTROL.search(text) else text
    return _CONTROL.sub(" ", _INVALID.sub("\ufffd", text))


def clean_value(value: Any) -> Any:
    """:func:`clean_text` over every string in a parsed JSON value (keys included)."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_value(k): clean_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_value(v) for v in value]
    return value


def clean_article(article: Any) -> Any:
    """Every text field of an Article cleaned in place; returns the article."""
    for name, value in vars(article).items():
        if isinstance(value, str):
            setattr(article, name, clean_text(value))
        elif isinstance(value, list) and any(isinstance(v, str) for v in value):
            setattr(article, name, [clean_text(v) if isinstance(v, str) else v for v in value])
    for caption in article.captions:
        caption.text = clean_text(caption.text)
        caption.credit = clean_text(caption.credit) if caption.credit else caption.credit
    return article
