"""Tell body paragraphs from page furniture by their shape, never by outlet-specific strings.

A page saved as text mixes the story with captions, photo credits, attribution lines, bylines,
cross-heads and share/subscribe boilerplate. :func:`separate` sorts a list of paragraph-like
units into a :class:`Layout` whose ``paragraphs`` hold only body text.

Inline wire credits at the start of the body (``WASHINGTON (Reuters) - The ...``) are recorded in
``credited_sources`` and removed from the text; the dateline place stays
(``WASHINGTON - The ...``) because where a story was filed is part of the story.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storylens.days import CENTURY_YEARS, MONTH_NAME
from storylens.model import Caption
from storylens.read.dates import iso_date

_TERMINAL = ".!?:;,…"
_QUOTES = "\"'‘’“”«»‹›"
_NAME = r"[A-Z][\w.'’-]*"

# [File: Name/Agency], [Name/Agency], (Photo: Name), (Name/Getty Images), "... Photo: Agency"
_CREDIT_PREFIX = r"(?:File|Files|Photo|Photos|Photograph|Image|Images|Picture|Pictures|Credit|Illustration|Video|Graphic)s?(?:\s+(?:by|credit))?\s*:?\s*"  # noqa: E501
_BRACKET_CREDIT = re.compile(r"\s*\[(?P<credit>[^\[\]]{2,160})\]\s*$")
_PAREN_CREDIT = re.compile(r"\s*\((?P<credit>[^()]{2,120})\)\s*$")
_TRAILING_CREDIT = re.compile(
    r"(?:^|\s)(?:(?:Photo|Image|Picture|Photograph|Foto|Bild)(?:\s+credit)?\s*:|©)"
    r"\s*(?P<credit>[A-Z][^.!?]{1,80})$"
)
_CREDIT_LABEL = re.compile(rf"^{_CREDIT_PREFIX}", re.IGNORECASE)
# A wire photo's caption ends in its credit ("REUTERS/Name", "Agency via REUTERS") and the picture
# desk's notes to editors, in capitals ("ATTENTION EDITORS - ... NO RESALES. NO ARCHIVE.").
_AGENCY = r"(?:REUTERS|Reuters|AFP|AP|EPA(?:-EFE)?|ANADOLU|Getty\s+Images|XINHUA|KCNA)"
_DESK_NOTES = (
    r"(?:ATTENTION\s+EDITORS|THIS\s+(?:IMAGE|PICTURE)\s+(?:WAS|HAS)|NO\s+RESALES|NO\s+ARCHIVES?|"
    r"MANDATORY\s+CREDIT|EDITORIAL\s+USE\s+ONLY|FOR\s+EDITORIAL\s+USE)\b"
)
_WIRE_PHOTO_CREDIT = re.compile(
    r"(?:^|(?<=[.!?\"”’)]\s))(?P<credit>(?:[A-Z][^.!?]{0,80}?\s+)?via\s+"
    + _AGENCY
    + r"|(?:REUTERS|AFP|EPA(?:-EFE)?|AP|ANADOLU)\s*/\s*[A-Z][^/.!?]{1,60}?(?:\s*/\s*File\s+Photo)?)"
    + r"\s*(?:[-–—]\s*)?(?P<notes>"
    + _DESK_NOTES
    + r".*)?$"
)
_DESK_NOTE_LINE = re.compile(r"^" + _DESK_NOTES)

_SOURCE_LINE = re.compile(r"^(?:Sources?|Via)\s*:\s*(?P<src>.{2,120}?)\.?$", re.IGNORECASE)
_AGENCY_IN_PARENS = re.compile(r"^\(\s*(?P<src>[A-Z][\w&.'’ -]{0,40}?)\s*\)\.?$")
_AGENCY_AFTER_DASH = re.compile(r"^[—–-]{1,2}\s*(?P<src>[A-Z][\w&.'’ -]{0,40}?)\.?$")
_CONTRIBUTED = re.compile(
    r"^(?P<src>.{2,80}?)\s+contributed(?:\s+reporting)?(?:\s+to\s+this\s+(?:report|story|article))?\.?$",
    re.IGNORECASE,
)
_REPUBLISHED = re.compile(
    r"^This (?:story|article|report) (?:was |is )?(?:originally |first )?(?:published|appeared|"
    r"produced) (?:by|in|on|with) (?P<src>[^.]{2,80})\.?$",
    re.IGNORECASE,
)
_DESK_CREDIT = re.compile(
    r"^(?:Additional\s+)?(?:Reporting|Writing|Editing|Edited|Compiled|Written)\s+by\s+",
    re.IGNORECASE,
)
_REPORTERS = re.compile(r"(?:^|;)\s*(?:Additional\s+)?Reporting\s+by\s+(?P<names>[^;]+)", re.I)
_BYLINE = re.compile(r"^By\s+(?P<names>[A-Z][^.!?]{1,100})$")
_DATELINE_CREDIT = re.compile(
    r"^(?P<place>[A-Z][A-Z.,'’ /-]{1,60}?)?\s*\(\s*(?P<src>[A-Z][\w&.'’ -]{0,30}?)\s*\)"
    r"\s*(?P<dash>[-–—]+|:)\s*"
)

_BOILER_STRONG = re.compile(
    r"^(?:©|\(c\)\s)|^(?:share(?:\s+this)?|tweet|subscribe|sign\s+up|read\s+more|read\s+also|also\s+read|"
    r"advertisement|click\s+here|follow\s+us|newsletter|skip\s+to|back\s+to\s+top|copyright|"
    r"all\s+rights\s+reserved|download\s+(?:our|the)\s+app|get\s+(?:our|the)\s+newsletter|"
    r"sponsored|continue\s+reading|keep\s+reading|comments?\s*\(\d*\))\b"
    # the same furniture in the other languages of the news web: "read also", "you may also like",
    # share, newsletter, comments, "loading"
    r"|^(?:(?:lea|lee|lire|lesen\s+sie|lies|leggi|leia|lees)\s+(?:tambi[eé]n|m[aá]s|aussi|auch|anche|"
    r"mais|tamb[eé]m|ook)\b|(?:à\s+)?lire\s+aussi\b|lea\s*:|(?:le|te)\s+puede\s+interesar\b|"
    r"(?:das|dies)(?:\s+thema)?\s+könnte\s+(?:sie|dich)\s+auch\s+interessieren|"
    r"zum\s+newsletter\b|teilen\s+mit\b|wird\s+geladen\b|keine\s+kommentare\b|no\s+comments\b|"
    r"follow\b.{0,40}\bon\s+(?:twitter|facebook|instagram)\b)",
    re.IGNORECASE,
)
_LINK_LABEL = re.compile(
    r"^(?:(?:read|see)\s+(?:also|more)|related|(?:lea|lee|lire|lesen\s+sie|lies|leggi|leia|lees)"
    r"(?:\s+(?:tambi[eé]n|m[aá]s|aussi|auch|anche|mais|tamb[eé]m|ook))?|(?:à\s+)?lire\s+aussi|"
    r"(?:le|te)\s+puede\s+interesar|mira|v[eé]ase|siehe|auch\s+interessant)\s*:",
    re.IGNORECASE,
)
_BOILER_WEAK = re.compile(
    r"^(?:related|watch|listen|see\s+also|more|recommended|print|email|most\s+read|"
    r"trending|you\s+may\s+also\s+like|topics?|tags?)\b",
    re.IGNORECASE,
)
# Calls to action run long (a handle, a phone number, two addresses), so they are furniture at any
# length a sentence of the story would not have.
_CALL_TO_ACTION = re.compile(
    r"^(?:follow\b.{0,40}\bon\s+(?:twitter|facebook|instagram)\b|"
    r"to\s+(?:view|read|continue\s+reading)\b.{0,30}\b(?:subscribe|log\s+in|sign\s+in)\b|"
    r"we\s+(?:want|would\s+love|'d\s+love)\s+to\s+hear\s+(?:from\s+you|what\s+you\s+think)\b)",
    re.IGNORECASE,
)
# a table of contents' label, alone on its line
_CONTENTS_LABEL = re.compile(
    r"^(?:table\s+of\s+contents|contents|inhaltsverzeichnis|inhalt|sommaire|table\s+des\s+"
    r"mati[eè]res|[íi]ndice|contenidos?|indice\s+dei\s+contenuti|inhoudsopgave|spis\s+tre[śs]ci)"
    r"\s*:?$",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(
    r"^(?:(?:Published|Updated|Posted|Last\s+updated|Date)(?:\s+on)?\s*:?\s*)?"
    rf"(?P<date>(?:\w+,?\s+)?(?:\d{{1,2}}\s+{MONTH_NAME}\s+{CENTURY_YEARS}|{MONTH_NAME}\s+"
    rf"\d{{1,2}},?\s+{CENTURY_YEARS}|{CENTURY_YEARS}-\d\d-\d\d)"
    r"(?:[\sT,|]+\d{1,2}:\d\d(?::\d\d)?\s*\w*)?)\s*$",
    re.IGNORECASE,
)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_MARKDOWN_EMPHASIS = re.compile(r"^(?:\*\*?|__?)(?P<text>[^*_].*?)(?:\*\*?|__?)$")
_ORG_WORDS = re.compile(r"\b(?:News|Press|Agency|Times|Post|Wire|Media|Network|Service)\b")


@dataclass
class Unit:
    """One paragraph-like piece of a page; ``group`` numbers the blank-line block it sat in.

    ``heading`` and ``body`` are what markup says about it: a heading element, or an element
    (list item, table row) that is body text however short it is.
    """

    text: str
    group: int = 0
    heading: bool = False
    body: bool = False


@dataclass
class Layout:
    """A page sorted into body and furniture."""

    title: str = ""
    standfirst: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    credited_sources: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: str | None = None


def clean(text: str) -> str:
    """One line of text with every whitespace run (tabs, no-break spaces) made one space."""
    return " ".join(text.split())


def _words(text: str) -> int:
    return len(text.split())


def _ends_open(text: str) -> bool:
    """No sentence punctuation at the end, ignoring closing quotes."""
    core = text.rstrip(_QUOTES + " )")
    return bool(core) and core[-1] not in _TERMINAL


def _starts_capital(text: str) -> bool:
    core = text.lstrip(_QUOTES + " (")
    return bool(core) and (core[0].isupper() or core[0].isdigit())


def is_short_label(text: str) -> bool:
    """A few words with no sentence punctuation: a cross-head, image label or kicker."""
    return _words(text) <= 12 and len(text) <= 100 and _ends_open(text) and _starts_capital(text)


def looks_like_title(text: str) -> bool:
    """A headline: not too long, and not a full sentence that ends with a period."""
    words = _words(text)
    return 0 < words <= 25 and len(text) <= 220 and not (text.endswith(".") and words > 12)


def _credit_text(raw: str) -> str:
    return _CREDIT_LABEL.sub("", raw).strip(" .;,|")


def _plausible_credit(raw: str) -> bool:
    if _CREDIT_LABEL.match(raw):
        return True
    # Name/Agency: letters on both sides of a slash, a handful of words
    return bool(re.search(r"[A-Za-z]\s*/\s*[A-Za-z]", raw)) and _words(raw) <= 12


def split_caption(text: str) -> tuple[str, str] | None:
    """``(caption, credit)`` when the line ends in a photo credit, else None."""
    for pattern in (_BRACKET_CREDIT, _PAREN_CREDIT):
        match = pattern.search(text)
        if match and _plausible_credit(match["credit"]):
            return text[: match.start()].strip(), _credit_text(match["credit"])
    match = _TRAILING_CREDIT.search(text)
    if match:
        return text[: match.start()].strip(), match["credit"].strip()
    match = _WIRE_PHOTO_CREDIT.search(text)
    if match:
        return text[: match.start()].strip(), match["credit"].strip()
    return None


def _names(raw: str) -> list[str]:
    raw = re.sub(r"\s+in\s+[A-Z][\w ,'-]*$", "", raw.strip())  # "John Smith in Baghdad"
    parts = re.split(r"\s*(?:,|;|&|\band\b)\s*", raw)
    return [p.strip(" .") for p in parts if p.strip(" .")]


def _looks_like_org(name: str) -> bool:
    return (
        " " not in name
        or name.isupper()
        or name.startswith("The ")
        or bool(_ORG_WORDS.search(name))
    )


def attribution(text: str) -> tuple[list[str], list[str]] | None:
    """``(credited sources, authors)`` for an attribution line, else None."""
    if _words(text) > 20:
        return None
    for pattern in (_SOURCE_LINE, _AGENCY_IN_PARENS, _AGENCY_AFTER_DASH, _REPUBLISHED):
        match = pattern.match(text)
        if match:
            return [n for n in _names(match["src"]) if _starts_capital(n)], []
    match = _CONTRIBUTED.match(text)
    if match:
        names = _names(match["src"])
        return [n for n in names if _looks_like_org(n)], []
    if _DESK_CREDIT.match(text):
        authors = [n for m in _REPORTERS.finditer(text) for n in _names(m["names"])]
        return [], authors
    return None


def byline(text: str) -> tuple[list[str], list[str]] | None:
    """``(authors, credited sources)`` for a ``By Name`` line, else None."""
    match = _BYLINE.match(text)
    if not match or _words(text) > 12:
        return None
    names = _names(match["names"])
    people = [n for n in names if " " in n]
    agencies = [n for n in names if " " not in n]
    return people, agencies


def is_boilerplate(text: str) -> bool:
    if _DESK_NOTE_LINE.match(text):
        return True  # picture-desk notes, however long
    if (_words(text) <= 50 and _CALL_TO_ACTION.match(text)) or _CONTENTS_LABEL.match(text):
        return True
    if _words(text) > 15:
        # "Read also: <a linked headline>" runs as long as the headline
        return _words(text) <= 30 and bool(_LINK_LABEL.match(text))
    if _BOILER_STRONG.match(text):
        return True
    return bool(_BOILER_WEAK.match(text)) and (":" in text[:30] or _ends_open(text))


def is_furniture_line(text: str) -> bool:
    """A caption, attribution, byline or boilerplate line, whatever sits around it."""
    text = clean(text)
    return (
        is_boilerplate(text)
        or split_caption(text) is not None
        or attribution(text) is not None
        or byline(text) is not None
    )


def take_captions(paragraphs: list[str]) -> tuple[list[str], list[Caption]]:
    """``(body, captions)``: photo captions and picture-desk notes taken out of body paragraphs.

    For text that arrives already split into a story (a JSONL or CSV record): nothing but the
    furniture a wire photo leaves in it moves, so a record's paragraphs, headings and bylines stay
    as the dataset gave them.
    """
    body: list[str] = []
    captions: list[Caption] = []
    for paragraph in paragraphs:
        if _DESK_NOTE_LINE.match(paragraph):
            continue  # the notes of the caption above, set as a paragraph of their own
        if (caption := split_caption(paragraph)) is not None:
            captions.append(Caption(text=caption[0], credit=caption[1] or None))
        else:
            body.append(paragraph)
    return body, captions


def date_line(text: str) -> str | None:
    """The date of a short ``Published 10 Jan 2020`` line, ISO formatted, else None."""
    if _words(text) > 10:
        return None
    match = _DATE_LINE.match(text)
    if not match:
        return None
    return iso_date(match["date"].strip(" ,|"))


def dateline_credit(paragraph: str) -> tuple[str, str | None]:
    """``WASHINGTON (Reuters) - Text`` -> ``("WASHINGTON - Text", "Reuters")``."""
    match = _DATELINE_CREDIT.match(paragraph)
    if not match:
        return paragraph, None
    rest = paragraph[match.end() :]
    place = (match["place"] or "").strip()
    dash = "-" if match["dash"] == ":" else match["dash"]
    return (f"{place} {dash} {rest}" if place else rest), match["src"].strip()


BODY, HEADING, CAPTION, LABEL, CREDIT, BYLINE, DATE, BOILER = range(8)


def _classify(unit: Unit, layout: Layout) -> int:
    text = unit.text
    if is_boilerplate(text):
        return BOILER
    if (caption := split_caption(text)) is not None:
        layout.captions.append(Caption(text=caption[0], credit=caption[1] or None))
        return CAPTION
    if (credit := attribution(text)) is not None:
        layout.credited_sources.extend(credit[0])
        layout.authors.extend(credit[1])
        return CREDIT
    if (names := byline(text)) is not None:
        layout.authors.extend(names[0])
        layout.credited_sources.extend(names[1])
        return BYLINE
    if (when := date_line(text)) is not None:
        layout.published = layout.published or when
        return DATE
    if unit.heading or (not unit.body and is_short_label(text)):
        return HEADING
    return BODY


def _attach_labels(units: list[Unit], kinds: list[int], layout: Layout) -> None:
    """The short line right above a caption, in the same block, is the image's label or alt."""
    captions = iter(layout.captions)
    for i, kind in enumerate(kinds):
        if kind != CAPTION:
            continue
        caption = next(captions)
        before = i - 1
        if (
            before < 0
            or units[before].group != units[i].group
            or kinds[before]
            not in (
                BODY,
                HEADING,
            )
        ):
            continue
        if not caption.text:
            caption.text = units[before].text
            kinds[before] = LABEL
        elif is_short_label(units[before].text):
            kinds[before] = LABEL


def _pick_standfirst(units: list[Unit], kinds: list[int]) -> int | None:
    """The first paragraph is a standfirst when furniture (image, byline) parts it from the body."""
    first = next((i for i, k in enumerate(kinds) if k == BODY), None)
    if first is None or _words(units[first].text) > 60:
        return None
    if _MARKDOWN_EMPHASIS.match(units[first].text):
        return first
    later = next((i for i in range(first + 1, len(kinds)) if kinds[i] == BODY), None)
    if later is None:
        return None
    between = set(kinds[first + 1 : later])
    return first if between & {CAPTION, LABEL, BYLINE, DATE} else None


def separate(
    units: list[Unit],
    *,
    title: str | None = None,
    find_standfirst: bool = True,
    cross_heads_in_text: bool = False,
) -> Layout:
    """Sort ``units`` into body and furniture; find the title in the first unit unless given.

    With ``cross_heads_in_text`` a unit that markup calls a heading and that sits between body
    paragraphs stays in the text as its own paragraph as well as in ``headings``: on a web page
    such a cross-head is part of what the author wrote, and readers of ``text`` alone (word-bag
    recall, snippet checks) expect it there. Plain text has no markup to say so, so it keeps them
    out.
    """
    units = [Unit(clean(u.text), u.group, u.heading, u.body) for u in units if clean(u.text)]
    for unit in units:
        if _MARKDOWN_HEADING.match(unit.text):
            unit.text, unit.heading = _MARKDOWN_HEADING.sub("", unit.text), True
    layout = Layout()
    if title is not None:
        layout.title = clean(title)
    elif units:
        probe = Layout()
        kind = _classify(units[0], probe)
        if kind in (BODY, HEADING) and (units[0].heading or looks_like_title(units[0].text)):
            layout.title = units.pop(0).text
    kinds = [_classify(u, layout) for u in units]
    _attach_labels(units, kinds, layout)
    # Cross-heads sit between body paragraphs; a short line before or after all of them is a kicker
    # or a "Related topics" label.
    body_at = [i for i, k in enumerate(kinds) if k == BODY]
    for i, kind in enumerate(kinds):
        if kind == HEADING and body_at and body_at[0] < i < body_at[-1]:
            layout.headings.append(units[i].text.strip())
            if cross_heads_in_text and units[i].heading:
                kinds[i] = BODY
    if find_standfirst and layout.title:
        chosen = _pick_standfirst(units, kinds)
        if chosen is not None:
            match = _MARKDOWN_EMPHASIS.match(units[chosen].text)
            layout.standfirst = match["text"] if match else units[chosen].text
            kinds[chosen] = LABEL
    paragraphs = [units[i].text for i, k in enumerate(kinds) if k == BODY]
    if paragraphs:
        paragraphs[0], credit = dateline_credit(paragraphs[0])
        if credit:
            layout.credited_sources.insert(0, credit)
    layout.paragraphs = [p for p in paragraphs if p]
    return layout
