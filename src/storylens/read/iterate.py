"""The reading loop: every path, every format, problems reported instead of raised."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from storylens.errors import Problem, ReadError
from storylens.model import Article
from storylens.read.interstitial import refusal
from storylens.read.jsonlines import is_json_document
from storylens.read.lines import streamable
from storylens.read.options import ReadOptions
from storylens.read.registry import READERS, detect_format
from storylens.read.sources import Source, expand, load

log = logging.getLogger(__name__)

#: readers that can go a record at a time, so their files need no whole-file limit
STREAMED = frozenset({"jsonl", "csv"})


def _streamed(options: ReadOptions) -> Callable[[Source], bool]:
    def decide(head: Source) -> bool:
        name = options.format or detect_format(head)
        if name not in STREAMED or not streamable(head.data):
            return False
        return name != "jsonl" or not is_json_document(head)

    return decide


def iter_articles(
    paths: Sequence[str], options: ReadOptions | None = None
) -> Iterator[Article | Problem]:
    """Articles from files, directories (recursive), ``-`` (stdin) and ``.gz`` files.

    A bad file yields ``Problem(path, message)``; a bad record yields
    ``Problem("path:LINE", message)``; reading goes on either way. Never raises for bad input.
    """
    options = options or ReadOptions()
    streamed = _streamed(options)
    for item in expand(paths):
        if isinstance(item, Problem):
            yield item
            continue
        source = load(item, options.max_bytes, streamed)
        if isinstance(source, Problem):
            yield source
            continue
        name = options.format or detect_format(source)
        if name is None:
            yield Problem(
                source.where,
                "binary file, not a format storylens reads; "
                "use --input-format if it really is text, HTML, JSONL, CSV, WARC or a feed",
            )
            continue
        try:
            yield from _articles(READERS[name](source, options), source.where)
        except Exception as exc:
            # Third-party parsers raise many kinds of error on hostile input (RecursionError,
            # AttributeError, ...); one file's failure must not end the batch. Readers isolate
            # their records themselves, so what lands here costs only the rest of one file.
            log.debug("reader %s failed on %s", name, source.where, exc_info=True)
            yield Problem(source.where, f"cannot read as {name} ({type(exc).__name__}: {exc})")


def _articles(found: Iterator[Article | Problem], where: str) -> Iterator[Article | Problem]:
    """What a reader found, with a page served in place of an article reported as a problem."""
    for item in found:
        refused = refusal(item) if isinstance(item, Article) else None
        if refused:
            yield Problem(item.source or where, refused)
        else:
            yield item


def read_path(path: str | Path, options: ReadOptions | None = None) -> list[Article]:
    """Every article in one path; raises :class:`ReadError` when nothing is readable."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in iter_articles([str(path)], options):
        (problems if isinstance(item, Problem) else articles).append(item)  # type: ignore[arg-type]
    if not articles:
        first = problems[0] if problems else Problem(str(path), "no articles found")
        raise ReadError(first.where, first.message)
    return articles
