"""What an analysed article says about the one happening it reports: when, which edition, where,
who and how many.

Two reports of one topic (two Super Bowls, two earthquakes in Turkey, two Fed decisions) differ
in these facts even when their words and embeddings agree, so the same-event judgement
(:mod:`storylens.score.same_story`) reads them here. The event's date comes first from the
publication date (news of an event is written within a day or two of it) and else from the days
the opening names; the opening (headline and first sentences) is where a report says what
happened, so facts are read from it and not from the background further down.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from storylens.analyze.document import Analysis
from storylens.days import EVENT_YEARS, day_range

#: sentences of the body that make up the opening (the headline is read too)
LEAD_SENTENCES = 3
#: days apart two named days may be and still date one story: a developing story is reported
#: over a day or two ("Friday's quake", "on Saturday the toll rose to 38")
NEAR_DAYS = 2
#: a day range: first and last ordinal day it may stand for
DayRange = tuple[int, int]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "EVENT"})
COUNT_KINDS = frozenset({"money", "percent", "number", "quantity"})
#: nouns an edition number belongs to ("second test flight", "Super Bowl LVII", "Flight 3"),
#: each with the one key its synonyms share. Not "cup", "title" or "final": "Liverpool's sixth
#: European Cup" counts a club's titles, and two reports of one final count differently.
EDITION_NOUNS = {
    "flight": "flight", "launch": "flight", "test": "flight", "mission": "flight",
    "bowl": "bowl", "election": "election", "elections": "election", "summit": "summit",
    "debate": "debate", "edition": "edition", "season": "season", "games": "games",
    "olympics": "games", "olympiad": "games", "wrestlemania": "wrestlemania",
    "conference": "conference", "congress": "congress", "festival": "festival",
    "anniversary": "anniversary",
}  # fmt: skip
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_ROMAN_RE = r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_ORDINAL_WORD_RE = "|".join(_ORDINAL_WORDS)
#: "second test flight", "57th Super Bowl", "the third Starship flight"
_ORDINAL_BEFORE = re.compile(
    rf"\b(?P<n>\d{{1,3}})(?:st|nd|rd|th)\b|\b(?P<w>{_ORDINAL_WORD_RE})\b", re.IGNORECASE
)
#: "Super Bowl LVII", "Super Bowl 57", "Flight 2", "WrestleMania XL"
_NUMBER_AFTER = re.compile(
    rf"\b(?P<noun>[A-Za-z]+)\s+(?P<n>(?=[IVXLCDM]){_ROMAN_RE}|\d{{1,3}})\b(?![.,]\d)"
)
_WORD = re.compile(r"[A-Za-z][\w'-]*")
#: a year the report is set in; not one it looks back to ("the largest hike since 1994", "the
#: first cut since March 2020") and not the first of a season ("2021-22")
_YEAR = re.compile(rf"\b({EVENT_YEARS})\b(?![-/–]\d)")
_LOOKING_BACK = re.compile(r"\b(?:since|than|until|before)\s+(?:[A-Za-z]+\.?\s+){0,2}$", re.I)
_DAY_KEY = re.compile(r"^date:(\d{4})-(\d{2})-(\d{2})$")
_MONTHDAY_KEY = re.compile(r"^date:--(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class EventFacts:
    """The facts of one report that tell its happening from another of the same kind."""

    #: when the article was published, as a day range (partial dates are wider); None: unknown
    published: DayRange | None
    #: day-precise dates (with a year) named in the opening, as ordinals
    lead_days: frozenset[int]
    #: days the opening names without a year ("Wednesday, 15 June" in an undated report)
    lead_monthdays: frozenset[tuple[int, int]]
    #: every day-precise date the text names, and every yearless day ("Monday, January 13")
    text_days: frozenset[int]
    text_monthdays: frozenset[tuple[int, int]]
    #: years named in the headline and opening (not in the background further down)
    lead_years: frozenset[int]
    #: edition numbers by the noun they number: {("bowl", 57), ("flight", 2)}
    editions: frozenset[tuple[str, int]]
    #: place keys (GPE, LOC, FAC) of the opening
    places: frozenset[str]
    #: people, organisations, groups and named events of the opening
    actors: frozenset[str]
    #: counts, amounts and percentages of the whole text ("number:38", "percent:0.75")
    counts: frozenset[str]

    @property
    def event_day(self) -> DayRange | None:
        """The days the event may have happened on: the publication date, else the first day
        the opening names. A year alone is no date here: openings look back ("the first cut
        since March 2020") as often as they name their own year."""
        if self.published is not None:
            return self.published
        if self.lead_days:
            first = min(self.lead_days)
            return first, first
        return None


def gap(a: DayRange | None, b: DayRange | None) -> int | None:
    """Days between two day ranges (0 when they overlap); None when either is unknown."""
    if a is None or b is None:
        return None
    return max(a[0] - b[1], b[0] - a[1], 0)


def monthday_gap(days: frozenset[tuple[int, int]], when: DayRange) -> int | None:
    """Days between yearless days and a precise date, each day in the year that puts it nearest.

    A day after the date counts for nothing: a report may name the day of what it announces
    ("Apple will hold its event on September 12"), which is no sign of when it was written."""
    if not days or when[1] - when[0] > 3:
        return None
    anchor = when[0]
    best: int | None = None
    for month, day in days:
        found: list[int] = []
        for year in range(date.fromordinal(anchor).year - 1, date.fromordinal(anchor).year + 2):
            try:
                found.append(date(year, month, day).toordinal())
            except ValueError:
                continue
        if not found:
            continue
        nearest = min(found, key=lambda d: abs(d - anchor))
        if nearest <= anchor + 1:
            distance = abs(anchor - nearest)
            best = distance if best is None else min(best, distance)
    return best


def _calendar(day: int) -> tuple[int, int]:
    d = date.fromordinal(day)
    return d.month, d.day


def _monthdays_apart(x: tuple[int, int], y: tuple[int, int]) -> int:
    # 2000 is a leap year, so February 29 is a day to measure from
    diff = abs(date(2000, *x).toordinal() - date(2000, *y).toordinal())
    return min(diff, 366 - diff)


def dates_disagree(fa: EventFacts, fb: EventFacts) -> bool:
    """Both openings date what they report, and no day either text names is within a day of
    within :data:`NEAR_DAYS` of one the other names: "January 13" and "March 14" are two
    happenings, however alike the rest.
    A day without a year meets any day of that date in any year."""
    if not (fa.lead_days or fa.lead_monthdays) or not (fb.lead_days or fb.lead_monthdays):
        return False
    if any(abs(d - e) <= NEAR_DAYS for d in fa.text_days for e in fb.text_days):
        return False
    a_calendar = fa.text_monthdays | {_calendar(d) for d in fa.text_days}
    b_calendar = fb.text_monthdays | {_calendar(d) for d in fb.text_days}
    for yearless, others in ((fa.text_monthdays, b_calendar), (fb.text_monthdays, a_calendar)):
        if any(_monthdays_apart(m, o) <= NEAR_DAYS for m in yearless for o in others):
            return False
    return True


def roman(numeral: str) -> int | None:
    """The value of an upper-case Roman numeral, None for anything else (including "")."""
    if not numeral or not re.fullmatch(_ROMAN_RE, numeral):
        return None
    total = 0
    for i, ch in enumerate(numeral):
        value = _ROMAN[ch]
        total += -value if i + 1 < len(numeral) and _ROMAN[numeral[i + 1]] > value else value
    return total


def editions(text: str) -> frozenset[tuple[str, int]]:
    """Edition numbers a text gives, keyed by the noun they number, so that "Super Bowl LVII",
    "Super Bowl 57" and "the 57th Super Bowl" all read ``("bowl", 57)``."""
    found: set[tuple[str, int]] = set()
    for m in _ORDINAL_BEFORE.finditer(text):
        value = int(m.group("n")) if m.group("n") else _ORDINAL_WORDS[m.group("w").lower()]
        # the numbered noun follows within three words: "second (integrated) test flight"
        for word in _WORD.findall(text[m.end() : m.end() + 40])[:3]:
            if word.lower() in EDITION_NOUNS:
                found.add((EDITION_NOUNS[word.lower()], value))
                break
    for m in _NUMBER_AFTER.finditer(text):
        noun = m.group("noun")
        if noun.lower() not in EDITION_NOUNS or not noun[0].isupper():
            continue  # "test 2" in running text is no edition; "Flight 2" and "Bowl LVII" are
        raw = m.group("n")
        value = int(raw) if raw.isdigit() else roman(raw)
        if value:
            found.add((EDITION_NOUNS[noun.lower()], value))
    return frozenset(found)


def _lead(analysis: Analysis) -> str:
    title = analysis.article.title or ""
    body = " ".join(s.text for s in analysis.sentences[:LEAD_SENTENCES])
    return f"{title}\n{body}" if title else body


def facts(analysis: Analysis) -> EventFacts:
    """The :class:`EventFacts` of one analysed article."""
    lead = _lead(analysis)
    days: set[int] = set()
    monthdays: set[tuple[int, int]] = set()
    all_days: set[int] = set()
    all_monthdays: set[tuple[int, int]] = set()
    for q in analysis.quantities:
        if q.kind != "date":
            continue
        in_lead = q.sentence < LEAD_SENTENCES
        if m := _DAY_KEY.match(q.key):
            try:
                day = date(int(m.group(1)), int(m.group(2)), int(m.group(3))).toordinal()
            except ValueError:
                continue
            all_days.add(day)
            if in_lead:
                days.add(day)
        elif m := _MONTHDAY_KEY.match(q.key):
            all_monthdays.add((int(m.group(1)), int(m.group(2))))
            if in_lead:
                monthdays.add((int(m.group(1)), int(m.group(2))))
    in_lead = [e for e in analysis.entities if e.key and e.sentence < LEAD_SENTENCES]
    return EventFacts(
        published=day_range(analysis.article.published),
        lead_days=frozenset(days),
        lead_monthdays=frozenset(monthdays),
        text_days=frozenset(all_days),
        text_monthdays=frozenset(all_monthdays),
        lead_years=frozenset(
            int(m.group(1))
            for m in _YEAR.finditer(lead)
            if not _LOOKING_BACK.search(lead[max(0, m.start() - 30) : m.start()])
        ),
        editions=editions(lead),
        places=frozenset(e.key.lower() for e in in_lead if e.label in PLACE_LABELS),
        actors=frozenset(e.key.lower() for e in in_lead if e.label in ACTOR_LABELS),
        counts=frozenset(q.key for q in analysis.quantities if q.kind in COUNT_KINDS),
    )
