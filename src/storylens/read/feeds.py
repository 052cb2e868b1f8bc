"""RSS and Atom feeds: one article per entry, the entry's HTML content turned into paragraphs."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import feedparser

from storylens.errors import Problem
from storylens.model import Article
from storylens.read.assemble import build_article, outlet_from_url
from storylens.read.htmlpage import fragment_layout
from storylens.read.options import ReadOptions
from storylens.read.sources import Source


def _when(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed: time.struct_time | None = entry.get(key)
        if parsed:
            return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    return entry.get("published") or entry.get("updated")


def _content(entry: Any) -> str:
    """The fullest body an entry carries: content:encoded / atom content, else the summary."""
    bodies = [c.get("value", "") for c in entry.get("content") or []]
    bodies.append(entry.get("summary", ""))
    return max(bodies, key=len)


def read_feed(source: Source, options: ReadOptions) -> Iterator[Article | Problem]:
    """One article per entry; ``source`` is ``FILE:N`` with N the entry's number."""
    feed = feedparser.parse(source.data)
    if not feed.entries:
        reason = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        yield Problem(source.where, f"not an RSS or Atom feed with entries{reason}")
        return
    feed_title = feed.feed.get("title")
    feed_link = feed.feed.get("link")
    for number, entry in enumerate(feed.entries, 1):
        where = f"{source.where}:{number}"
        try:
            layout = fragment_layout(_content(entry), title=entry.get("title"))
        except ValueError as exc:
            yield Problem(where, str(exc))
            continue
        except Exception as exc:  # one hostile entry must not end the feed
            yield Problem(where, f"cannot read this entry ({type(exc).__name__})")
            continue
        if not layout.paragraphs:
            yield Problem(where, f"feed entry {number} has no text")
            continue
        authors = [a.get("name", "") for a in entry.get("authors") or [] if a.get("name")]
        url = entry.get("link")
        yield build_article(
            layout,
            source=where,
            id=entry.get("id"),
            url=url,
            outlet=feed_title or outlet_from_url(url or feed_link),
            published=_when(entry),
            language=entry.get("language") or feed.feed.get("language"),
            authors=authors,
        )
