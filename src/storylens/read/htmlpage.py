"""HTML pages: what the page states about itself first, then trafilatura, then the furniture pass.

schema.org JSON-LD, Open Graph and ``<meta>`` give the title, date, authors and publisher (see
:mod:`storylens.read.structured`); trafilatura's slower searches only fill what they leave out.
trafilatura finds the main text; a whole JSON-LD ``articleBody`` that is visible on the page may
stand in for it. trafilatura drops ``<figure>`` captions, so captions and their photo credits are
taken out of the tree with lxml before extraction. The extracted paragraphs then get the same
shape-based furniture pass as plain text (share lines, attribution lines, bylines in the body).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import lxml.html
import trafilatura
import trafilatura.metadata
from lxml import etree
from trafilatura.settings import Document

from storylens.errors import Problem
from storylens.model import Article, Caption
from storylens.read.assemble import build_article
from storylens.read.dates import iso_date
from storylens.read.decoding import NotText, decode
from storylens.read.furniture import Layout, Unit, clean, separate, split_caption
from storylens.read.options import ReadOptions
from storylens.read.sources import Source
from storylens.read.structured import PageMetadata, body_from_structured, page_metadata

logging.getLogger("trafilatura").addHandler(logging.NullHandler())

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w-]+)", re.IGNORECASE)
_CREDIT_CLASS = re.compile(r"credit|copyright|attribution|photographer|source|byline", re.I)
_NOSCRIPT = re.compile(r"<noscript\b[^>]*>.*?</noscript\s*>", re.IGNORECASE | re.DOTALL)
# the parser trafilatura itself uses, comments and all: React's empty <!-- --> inside a paragraph
# made trafilatura drop the paragraph
_PARSER = lxml.html.HTMLParser(
    collect_ids=False,
    default_doctype=False,
    encoding="utf-8",
    remove_comments=True,
    remove_pis=True,
)
# wire captions run to 50-odd words; a "caption" of several long sentences is the article's lead
_LONGEST_CAPTION_WORDS = 70
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote")


def declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def _text(el: etree._Element) -> str:
    return "".join(el.itertext())


def _drop(el: etree._Element) -> None:
    """Remove an element and keep the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _figure_captions(tree: etree._Element) -> list[Caption]:
    """Captions and credits of every image figure, removing those figures from the tree."""
    captions: list[Caption] = []
    for figure in tree.xpath("//figure"):
        if figure.find(".//table") is not None:
            # a results table set in a <figure> is article text; only its caption is furniture
            for node in figure.xpath(".//figcaption"):
                if text := clean(_text(node)):
                    captions.append(Caption(text=text, credit=None))
                _drop(node)
            continue
        credit_nodes = [
            el
            for el in figure.iter()
            if isinstance(el.tag, str)
            and (el.tag in ("cite", "small") or _CREDIT_CLASS.search(el.get("class") or ""))
        ]
        credit = clean(" ".join(clean(_text(el)) for el in credit_nodes)) or None
        for el in credit_nodes:
            _drop(el)
        caption_nodes = figure.xpath(".//figcaption")
        text = clean(" ".join(_text(el) for el in caption_nodes))
        parent = figure.getparent()
        if len(text.split()) > _LONGEST_CAPTION_WORDS and parent is not None:
            # a lead paragraph laid over the picture: article text, kept in its place
            lead = etree.Element("p")
            lead.text, lead.tail = text, figure.tail
            parent.replace(figure, lead)
            continue
        if not credit and text and (split := split_caption(text)):
            text, credit = split
        if text or credit:
            captions.append(Caption(text=text, credit=credit))
        _drop(figure)
    return captions


def _sentence_in_heading(el: etree._Element) -> bool:
    """A lead paragraph set in a heading element: far longer than any cross-head."""
    text = clean("".join(el.itertext()))
    words = len(text.split())
    return words > 15 or (words > 10 and text.endswith((".", "!", "?")))


def _table_units(table: etree._Element, group: int) -> list[Unit]:
    """One unit per row, cells joined as trafilatura's text output joins them."""
    units = []
    for row in table.iter("row"):
        cells = [clean("".join(cell.itertext())) for cell in row.iter("cell")]
        cells = [c for c in cells if c]
        if cells:
            units.append(Unit(" | ".join(cells), group, body=True))
    return units


def _units_from_body(body: etree._Element) -> list[Unit]:
    units: list[Unit] = []
    for i, el in enumerate(body):
        if el.tag == "table":
            units.extend(_table_units(el, i))
        elif el.tag == "list":
            # list items are body text, however short: spec bullets are not cross-heads
            units.extend(Unit("".join(item.itertext()), i, body=True) for item in el.iter("item"))
        elif el.tag not in ("graphic", "ref"):
            head = el.tag == "head" and not _sentence_in_heading(el)
            units.append(Unit("".join(el.itertext()), i, heading=head, body=not head))
        # text loose after an element (a heading's tail) belongs to the body too
        if el.tail and el.tail.strip():
            units.append(Unit(el.tail, i, body=True))
    return units


def _units_from_tree(tree: etree._Element) -> list[Unit]:
    """Fallback when trafilatura finds nothing (short pages, feed fragments): every text block."""
    units: list[Unit] = []
    for i, el in enumerate(tree.iter(*_BLOCKS)):
        if any(parent.tag in _BLOCKS for parent in el.iterancestors()):
            continue
        units.append(Unit(_text(el), i, heading=el.tag.startswith("h")))
    return units


def _parse(html: str) -> etree._Element:
    html = _XML_DECLARATION.sub("", html, count=1)
    # A browser running scripts reads <noscript> as raw text up to its end tag; parsed as markup,
    # a stray <noscript><div></noscript> swallows the rest of the page.
    html = _NOSCRIPT.sub("", html)
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise ValueError(f"malformed HTML that cannot be parsed ({exc})") from None
    return tree


def _strip_code(tree: etree._Element) -> None:
    etree.strip_elements(tree, "script", "style", "noscript", "template", with_tail=False)


def fragment_layout(html: str, *, title: str | None) -> Layout:
    """Body and furniture of an HTML fragment (a feed entry's content)."""
    if "<" not in html:
        from storylens.read.plaintext import text_units

        return separate(text_units(html), title=title or "")
    tree = _parse(f"<html><body>{html}</body></html>")
    _strip_code(tree)
    captions = _figure_captions(tree)
    units = _units_from_tree(tree) or [Unit(_text(tree))]
    layout = separate(units, title=title or "", find_standfirst=False)
    layout.captions[:0] = captions
    return layout


def _extract(tree: etree._Element, url: str | None) -> Document | None:
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=False,
        include_comments=False,
        include_tables=True,
        include_formatting=False,
    )
    return doc if isinstance(doc, Document) else None


def _fill_gaps(tree: etree._Element, stated: PageMetadata) -> None:
    """What the page does not state, searched for in its markup, cheapest searches only.

    trafilatura's full metadata pass (author search in the markup, htmldate's extensive search
    of the page text) took half of all reading time; a byline in the body is still found by the
    furniture pass.
    """
    if not stated.title:
        stated.title = trafilatura.metadata.extract_title(tree)
    if not stated.site_name:
        stated.site_name = trafilatura.metadata.extract_sitename(tree)
    if not stated.published:
        from htmldate import find_date

        stated.published = iso_date(find_date(tree, original_date=True, extensive_search=False))


def _structured_units(tree: etree._Element, stated: PageMetadata, units: list[Unit]) -> list[Unit]:
    if not stated.article_body:
        return units
    blocks = _units_from_tree(tree)
    chosen = body_from_structured(stated, units, blocks, _text(tree))
    if chosen is None:
        return units
    # markup says what is a heading here; the rest is body however short
    return [Unit(u.text, u.group, u.heading, not u.heading) for u in chosen]


def article_from_html(
    html: str,
    *,
    source: str | None,
    url: str | None = None,
    published: str | None = None,
) -> Article:
    """One article from a whole HTML page; ValueError with a user-facing message when none."""
    tree = _parse(html)
    stated = page_metadata(tree)
    _strip_code(tree)
    captions = _figure_captions(tree)
    if not stated.answers():
        _fill_gaps(tree, stated)
    doc = _extract(tree, url)
    units = _units_from_body(doc.body) if doc is not None and doc.body is not None else []
    units = _structured_units(tree, stated, units) or _units_from_tree(tree)
    title = clean(stated.title or "")
    if not title:
        title = clean(next((_text(h) for h in tree.iter("h1")), "") or "")
    if units and title and clean(units[0].text) == title:
        units = units[1:]  # the page's own <h1>
    layout = separate(units, title=title, find_standfirst=False, cross_heads_in_text=True)
    if not layout.paragraphs:
        raise ValueError("no article text found in the HTML page")
    layout.captions[:0] = captions
    description = stated.description
    first = layout.paragraphs[0]
    if (
        description
        and description != title
        and not first.startswith(description.rstrip(".… ")[:60])
    ):
        layout.standfirst = clean(description)
    lang = next(iter(tree.xpath("/html/@lang")), None)
    article = build_article(
        layout,
        source=source,
        url=url or stated.url,
        outlet=stated.site_name,
        published=stated.published or published,
        authors=stated.authors,
    )
    # <html lang> is often a site-wide default, so it only fills in when detection cannot tell.
    if article.language is None and lang:
        article.language = str(lang).split("-")[0].lower()[:2] or None
    return article


def read_html(source: Source, options: ReadOptions) -> Iterator[Article | Problem]:
    """The HTML reader of the registry: one article per page."""
    try:
        html = decode(source.data, declared_charset(source.data))
        yield article_from_html(html, source=source.where)
    except NotText as exc:
        yield Problem(source.where, str(exc))
    except ValueError as exc:
        yield Problem(source.where, str(exc))
