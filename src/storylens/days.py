"""The days a publication date may stand for, read the same way by story grouping and by the
same-event judgement (so that what one calls the same day the other does too).

A module of its own, below ``read`` and ``analyze``, so that grouping's light path imports no
reader (the readers pull in trafilatura).
"""

from __future__ import annotations

import re
from datetime import date

#: month names, January first: the one month table of every stage
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
#: a month's name or its abbreviation ("Sept.", "oct", "January"), for patterns read without case
MONTH_NAME = "(?:" + "|".join(m[:3] for m in MONTHS) + r")[a-z]*\.?"

# The years, one place for every stage. Three ranges, each kept for what reads it:
#: the years a report can be set in: grouping's year keys and the same-event judgement's event
#: years ("1848" in a news text is history, not the year of what happened)
EVENT_YEARS = r"19[5-9]\d|20[0-4]\d"
#: an event year standing alone as a word
EVENT_YEAR = re.compile(rf"\b({EVENT_YEARS})\b")
#: any year of the 1900s and 2000s: page date lines ("Published 12 May 2015"), and the years
#: the scorer's pair features compare (it was trained on this range, so it stays this range)
CENTURY_YEARS = r"(?:19|20)\d\d"
#: a DATE entity that is a bare year: spaCy's dates reach back further than events do
#: ("the revolution of 1848"), and their keys are what the scorer was trained on
DATE_ENTITY_YEARS = r"1[89]\d\d|20\d\d"
_ISO_PREFIX = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")
_MIDNIGHT_FIRST = re.compile(r"^\d{4}-\d{1,2}-0?1(?:[T ]00:00(?::00)?(?:\.0+)?(?:Z|[+-]00:?00)?)?$")


def day_range(published: str | None) -> tuple[int, int] | None:
    """An ISO date, full or partial ("2023", "2023-11"), as the first and last day (ordinals)
    it may stand for; None when it is no date."""
    m = _ISO_PREFIX.match((published or "").strip())
    if not m:
        return None
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    try:
        if month is None or (day == 1 and _MIDNIGHT_FIRST.match(published or "")):
            # date parsers pad "2023" to the 1st of January (or of today's month) at midnight,
            # so such a date is trusted for its year only
            return date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        if day is None:
            end = date(year + month // 12, month % 12 + 1, 1).toordinal() - 1
            return date(year, month, 1).toordinal(), end
        ordinal = date(year, month, day).toordinal()
        return ordinal, ordinal
    except ValueError:
        return None


def month_number(word: str) -> int:
    """1-12 for a month name or its abbreviation ("Sept.", "oct", "January"); KeyError else."""
    return _MONTH_NUMBERS[word[:3].lower()]


_MONTH_NUMBERS = {name[:3]: number for number, name in enumerate(MONTHS, 1)}
