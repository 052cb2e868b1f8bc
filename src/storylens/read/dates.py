"""Dates as storylens stores them: ISO 8601 text read from any common shape.

Its own module so that the page readers (``assemble``, ``furniture``, ``structured``, ``records``)
share one date reading without importing each other.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")

# the commonest prose dates on English pages, read without importing dateparser, whose import and
# first parse took a third of a second of every reading run
_ENGLISH_DATES = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y")
# 25.01.2022, "Di., 25.01.2022 - 14:45", "25.01.2022 um 14:45 Uhr": a dotted date is day first
# wherever it is written (German, French, Russian, Polish, Czech ... pages), and dateparser's
# language detection for the weekday word cost another quarter second
_DOTTED_DATE = re.compile(
    r"^(?:[^\W\d]{2,12}\.?,?\s+)?(?P<day>\d{1,2})\.\s?(?P<month>\d{1,2})\.\s?(?P<year>\d{4})"
    r"(?:\s*[-,|]?\s*(?:um\s+|à\s+|в\s+)?(?P<hour>\d{1,2})[:h](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"(?:\s*Uhr)?)?$",
    re.IGNORECASE,
)
_PARTIAL_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def iso_date(value: object) -> str | None:
    """ISO 8601 text for a date in any common shape (ISO, RFC 2822, epoch seconds, prose)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, int | float):
        try:
            return datetime.fromtimestamp(float(value), tz=UTC).isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if _PARTIAL_ISO.fullmatch(text):
        # "2023", "2023-11" and "2023-11-18" say no more than that: inventing a month, day or
        # midnight would make a crawl date look like a publication time.
        return text
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    if not re.search(r"\d", text) or len(text) > 80:
        return None
    if dotted := _DOTTED_DATE.match(text):
        day, month, year, hour, minute, second = (int(g) if g else 0 for g in dotted.groups())
        try:
            when = datetime(year, month, day, hour, minute, second)
        except ValueError:
            return None
        return when.isoformat() if dotted["hour"] else when.date().isoformat()
    for shape in _ENGLISH_DATES:
        try:
            return datetime.strptime(text, shape).date().isoformat()
        except ValueError:
            pass
    import dateparser  # slow to import; only prose dates need it

    parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        return None
    return parsed.isoformat() if _HAS_TIME.search(text) else parsed.date().isoformat()
