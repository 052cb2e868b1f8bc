"""What a page says about itself: schema.org JSON-LD, Open Graph and ``<meta>`` tags.

Many news sites publish their article as ``NewsArticle`` JSON-LD. It names the headline, date,
authors and publisher without any guessing, and its ``articleBody`` is the article as the
newsroom's own system holds it. :func:`page_metadata` reads all of it once, before the scripts
are dropped from the tree; :func:`body_from_structured` decides whether ``articleBody`` may stand
in for the extracted body.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from storylens.read.dates import iso_date
from storylens.read.furniture import Unit, clean
from storylens.tokens import words

_ARTICLE_TYPES = re.compile(r"(?:Article|BlogPosting|Report)$")
_BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|blockquote)\s*>|<br\s*/?>", re.IGNORECASE)
_FRAGMENT_PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=True)
#: ``articleBody`` must hold this share of the extracted body's words: a teaser does not
MIN_BODY_SHARE = 0.9
#: and this share of its own words must be visible on the page, so it is not another article
MIN_VISIBLE_SHARE = 0.9


@dataclass
class PageMetadata:
    """Fields the page states; None where it states nothing."""

    title: str | None = None
    description: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    site_name: str | None = None
    url: str | None = None
    article_body: str | None = None

    def answers(self) -> bool:
        """Title and date stated: trafilatura's metadata and date searches have nothing to add."""
        return bool(self.title and self.published)


def _meta_tags(tree: etree._Element) -> dict[str, str]:
    """``property``/``name``/``itemprop`` -> content, first one wins, read in one pass."""
    tags: dict[str, str] = {}
    for meta in tree.iter("meta"):
        content = clean(meta.get("content") or "")
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            key = meta.get(attr)
            if key and key not in tags:
                tags[key] = content
    return tags


def _first(tags: dict[str, str], *keys: str) -> str | None:
    return next((tags[k] for k in keys if k in tags), None)


def _json_objects(tree: etree._Element) -> Iterator[dict[str, Any]]:
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "", strict=False)
        except (ValueError, RecursionError):
            continue  # sites ship broken JSON-LD; the rest of the page still counts
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))


def _is_article(item: dict[str, Any]) -> bool:
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds)


def _name(value: Any) -> list[str]:
    if isinstance(value, list):
        return [n for v in value for n in _name(v)]
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str) and clean(value) and "://" not in value:
        return [clean(value)]
    return []


def _text(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    if "<" in value:  # some CMSs put the article's HTML in articleBody
        marked = _BLOCK_END.sub("\n", value)
        try:
            root = etree.fromstring(f"<div>{marked}</div>".encode(), _FRAGMENT_PARSER)
        except (etree.XMLSyntaxError, ValueError):
            return None
        value = "".join(root.itertext()) if root is not None else ""
    return value.strip() or None


def page_metadata(tree: etree._Element) -> PageMetadata:
    """JSON-LD first (the article object), then Open Graph and ``<meta>``, field by field."""
    found = PageMetadata()
    tags = _meta_tags(tree)
    article = next((item for item in _json_objects(tree) if _is_article(item)), None)
    if article is not None:
        headline = _text(article.get("headline"))
        found.title = clean(headline) if headline else None
        found.description = _text(article.get("description"))
        found.published = iso_date(article.get("datePublished"))
        found.authors = _name(article.get("author"))
        found.site_name = next(iter(_name(article.get("publisher"))), None)
        found.article_body = _text(article.get("articleBody"))
        url = article.get("url")
        found.url = url if isinstance(url, str) and url.startswith("http") else None
    found.title = found.title or _first(tags, "og:title")
    found.description = found.description or _first(tags, "og:description", "description")
    found.published = found.published or iso_date(
        _first(tags, "article:published_time", "datePublished", "pubdate", "date")
    )
    if not found.authors:
        found.authors = _name(
            _first(tags, "author", "article:author", "dc.creator", "parsely-author", "byl")
        )
    found.site_name = _first(tags, "og:site_name") or found.site_name
    found.url = (
        _first(tags, "og:url")
        or next(iter(tree.xpath("//link[@rel='canonical']/@href")), None)
        or found.url
    )
    return found


def _share_within(words: list[str], bag: set[str]) -> float:
    return sum(w in bag for w in words) / len(words) if words else 0.0


def body_from_structured(
    metadata: PageMetadata, extracted: list[Unit], blocks: list[Unit], visible: str
) -> list[Unit] | None:
    """The page's blocks that make up ``articleBody``, when it is whole and on the page.

    ``extracted`` is what boilerplate removal found, ``blocks`` every text block of the page in
    order and ``visible`` the page's text. ``articleBody`` wins only when it holds at least
    :data:`MIN_BODY_SHARE` of the extracted words (a teaser or summary does not) and its words
    are on the page; its paragraphs then come from the page's own blocks, so the body keeps the
    page's paragraphs and cross-heads.
    """
    if not metadata.article_body:
        return None
    body = " ".join(metadata.article_body.split())
    body_words = words(body)
    extracted_words = [w for u in extracted if not u.heading for w in words(u.text)]
    if not body_words:
        return None
    # when extraction found nothing, a whole articleBody on the page is all there is
    if extracted_words and _share_within(extracted_words, set(body_words)) < MIN_BODY_SHARE:
        return None
    if _share_within(body_words, set(words(visible))) < MIN_VISIBLE_SHARE:
        return None
    inside = [i for i, b in enumerate(blocks) if clean(b.text) and clean(b.text) in body]
    long = [i for i in inside if len(blocks[i].text.split()) >= 8]
    if not long:
        return None
    # a short block (a menu item, "Reuters") may occur in the body by chance; it counts only
    # when it sits among the body's long blocks
    chosen = [blocks[i] for i in inside if long[0] <= i <= long[-1]]
    covered = sum(len(words(b.text)) for b in chosen)
    if covered < MIN_BODY_SHARE * len(body_words):
        return None
    # a lead paragraph that the page shows above the body is often left out of articleBody
    first = next((i for i, u in enumerate(extracted) if clean(u.text) in body), 0)
    lead = [u for u in extracted[:first] if not u.heading and len(u.text.split()) >= 8]
    return lead + chosen
