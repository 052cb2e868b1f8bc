"""One JSON/CSV record to an Article, recognising the field names news datasets commonly use."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from storylens.model import Article
from storylens.read.assemble import build_article
from storylens.read.dates import iso_date
from storylens.read.furniture import Layout, take_captions
from storylens.read.normalise import MAX_JSON_DEPTH, clean_article, clean_value, too_deep

#: model field -> field names tried in order (case-insensitive) when no mapping is given
COMMON_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "heading", "name"),
    "text": ("text", "body", "content", "article", "maintext", "main_text", "html"),
    "url": ("url", "link", "href", "uri"),
    "outlet": ("outlet", "source", "site", "publisher", "domain", "site_name", "sitename"),
    "published": (
        "published", "date", "pubdate", "datetime", "published_at", "publish_date",
        "date_publish", "pub_date", "timestamp",
    ),
    "authors": ("authors", "author", "byline", "creator"),
    "id": ("id", "guid", "uuid", "article_id", "doc_id"),
    "language": ("language", "lang", "language_code"),
    "standfirst": ("standfirst", "description", "summary", "dek", "subtitle", "lead"),
}  # fmt: skip
_HTML_DOCUMENT = re.compile(r"<(?:!doctype\s+html|html[\s>]|body[\s>])", re.IGNORECASE)
_HTML_BLOCKS = re.compile(r"<(?:p|div|br|h[1-6])[\s/>]", re.IGNORECASE)


def _lookup(record: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for name in names:
        value = lowered.get(name.lower())
        if value not in (None, "", [], {}):
            return value
    return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):  # {"name": "Reuters"} style nested values
        value = value.get("name") or value.get("value") or value.get("text")
    return " ".join(str(value).split()) if value not in (None, "") else None


def _authors(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [a for a in (_text(v) for v in value) if a]
    return [a.strip() for a in re.split(r"\s*(?:;|,|\band\b|&)\s*", str(value)) if a.strip()]


def article_from_record(
    record: dict[str, Any], fields: Mapping[str, str] | None = None, *, source: str | None = None
) -> Article:
    """Map a record to an Article; ``fields`` maps model fields to this record's names.

    A text that is a whole HTML document is read as an HTML page. Raises ValueError when the
    record has no text.
    """
    if not isinstance(record, dict):
        raise ValueError(f"record is a JSON {type(record).__name__}, not an object")
    if too_deep(record):
        raise ValueError(f"record nests deeper than {MAX_JSON_DEPTH} levels")
    record = clean_value(record)
    fields = fields or {}
    unknown = set(fields) - set(COMMON_FIELDS)
    if unknown:
        raise ValueError(
            f"unknown model field {sorted(unknown)[0]!r} in --field; "
            f"use one of {', '.join(COMMON_FIELDS)}"
        )

    def get(name: str) -> Any:
        if name in fields:
            return record.get(fields[name])
        return _lookup(record, COMMON_FIELDS[name])

    raw_text = get("text")
    if raw_text is None or not str(raw_text).strip():
        mapped = f"field {fields['text']!r}" if "text" in fields else "text, body, content, article"
        raise ValueError(
            f"record has no text (looked for {mapped}; map yours with --field text=NAME)"
        )
    raw_text = str(raw_text)
    url = _text(get("url"))
    if _HTML_DOCUMENT.search(raw_text[:2000]) or len(_HTML_BLOCKS.findall(raw_text[:5000])) >= 3:
        from storylens.read.htmlpage import article_from_html

        article = article_from_html(raw_text, source=source, url=url)
        given_title = _text(get("title"))
        article.title = given_title or article.title
        article.outlet = _text(get("outlet")) or article.outlet
        article.published = build_published(get("published")) or article.published
        article.id = _text(get("id")) or article.id
        return clean_article(article)
    blocks = re.split(r"\n\s*\n", raw_text.strip())
    if len(blocks) == 1:  # wire copy: one paragraph per line
        blocks = raw_text.strip().splitlines()
    paragraphs, captions = take_captions([p for p in (" ".join(b.split()) for b in blocks) if p])
    layout = Layout(
        title=_text(get("title")) or "",
        standfirst=_text(get("standfirst")),
        paragraphs=paragraphs,
        captions=captions,
    )
    return build_article(
        layout,
        source=source,
        id=_text(get("id")),
        url=url,
        outlet=_text(get("outlet")),
        published=get("published"),
        language=_text(get("language")),
        authors=_authors(get("authors")),
    )


def build_published(value: Any) -> str | None:
    return iso_date(value)
