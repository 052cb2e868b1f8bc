"""Read articles from every format a newsroom holds them in.

>>> from storylens.read import iter_articles, ReadOptions
>>> for item in iter_articles(["pages/", "feed.jsonl"], ReadOptions(fields={"title": "headline"})):
...     ...  # an Article, or a Problem("feed.jsonl:12", "invalid JSON (...)")
"""

from __future__ import annotations

import logging

from storylens.errors import Problem, ReadError
from storylens.read.iterate import iter_articles, read_path
from storylens.read.options import FORMATS, ReadOptions
from storylens.read.plaintext import parse_text
from storylens.read.records import article_from_record

logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "FORMATS",
    "Problem",
    "ReadError",
    "ReadOptions",
    "article_from_record",
    "iter_articles",
    "parse_text",
    "read_path",
]
