"""Turn what a reader found into an :class:`Article`, filling the fields every article gets."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from storylens.languages import detect_language, primary
from storylens.model import Article, Caption
from storylens.read.dates import iso_date
from storylens.read.furniture import Layout
from storylens.read.normalise import clean_article, clean_text

_ISO_LANG = re.compile(r"^[a-z]{2}$")


def outlet_from_url(url: str | None) -> str | None:
    """``https://www.reuters.com/world/...`` -> ``reuters.com``."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    if not host:
        return None
    return host.removeprefix("www.")


def _language(declared: str | None, title: str, text: str) -> str | None:
    if declared:
        code = primary(declared)
        if _ISO_LANG.match(code):
            return code
    return detect_language(f"{title}\n{text}")


def _unique(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        item = " ".join(item.split()).strip(" ,;")
        if item and item.lower() not in {s.lower() for s in seen}:
            seen[item] = None
    return list(seen)


def build_article(
    layout: Layout,
    *,
    source: str | None,
    id: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    language: str | None = None,
    authors: list[str] | None = None,
) -> Article:
    """The final article: given metadata wins over what the text layout suggested."""
    text = clean_text("\n\n".join(layout.paragraphs))
    captions = [Caption(text=c.text, credit=c.credit) for c in layout.captions]
    article = Article(
        title=layout.title,
        text=text,
        id=id or "",
        standfirst=layout.standfirst or None,
        outlet=outlet or outlet_from_url(url),
        url=url or None,
        published=iso_date(published) or layout.published,
        language=_language(language, layout.title, text),
        authors=_unique([*(authors or []), *layout.authors]),
        credited_sources=_unique(layout.credited_sources),
        captions=captions,
        headings=_unique(layout.headings),
        source=source,
    )
    return clean_article(article)
