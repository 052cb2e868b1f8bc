"""Numbers, money, percentages and dates, keyed so that every way of writing one value meets.

"$35 billion", "35 billion dollars" and "US$35bn" all key to ``money:USD:35000000000``;
"Jan. 3" and "January 3" to ``date:2020-01-03`` when the article is dated 2020; "Friday" to the
last Friday on or before the publication date. What cannot be resolved keeps its words
(``date:last week``, ``weekday:friday``) rather than a guess.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from storylens.analyze.document import Quantity, Sentence
from storylens.days import DATE_ENTITY_YEARS, MONTH_NAME, MONTHS, month_number
from storylens.languages import primary

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}  # fmt: skip
_SCALES = {
    "dozen": 12, "hundred": 100, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6,
    "m": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "bln": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20,
}  # fmt: skip
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CURRENCIES = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "us dollars": "USD", "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "pounds sterling": "GBP",
    "¥": "JPY", "yen": "JPY", "jpy": "JPY", "yuan": "CNY", "rupees": "INR", "rupee": "INR",
    "a$": "AUD", "c$": "CAD", "riyals": "SAR", "dinars": "IQD",
}  # fmt: skip

_NUM = r"\d[\d,]*(?:\.\d+)?|(?:[a-z]+[- ])?[a-z]+"
_SCALE = r"trillion|billion|million|thousand|bn|mn|mln|bln|tn|m|k|b"
_MONEY_BEFORE = re.compile(
    r"(?P<cur>US\$|A\$|C\$|\$|€|£|¥|USD|EUR|GBP)\s?(?P<num>\d[\d,]*(?:\.\d+)?)"
    rf"(?:\s*(?P<scale>{_SCALE})\b)?",
    re.I,
)
_MONEY_AFTER = re.compile(
    rf"\b(?P<num>\d[\d,]*(?:\.\d+)?|[a-z]+)(?:\s*(?P<scale>{_SCALE}))?\s+"
    r"(?P<cur>US dollars|dollars|euros|pounds sterling|pounds|yen|yuan|rupees|riyals|dinars)\b",
    re.I,
)
_PERCENT = re.compile(
    r"\b(?P<num>\d[\d,]*(?:\.\d+)?|[a-z]+(?:-[a-z]+)?)\s*(?:%|percent\b|per cent\b|pct\b)", re.I
)
_MONTH = rf"(?P<month>{MONTH_NAME})"
_MONTH_DAY = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?", re.I
)
_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year>\d{{4}}))?", re.I
)
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<year>\d{{4}})\b", re.I)
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
_YEAR = re.compile(rf"^(?:in\s+|the\s+year\s+)?(?P<year>{DATE_ENTITY_YEARS})$", re.I)
_WEEKDAY = re.compile(r"\b(?P<wd>" + "|".join(_WEEKDAYS) + r")\b", re.I)
_RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
#: "2020年3月5日", "3月5日": how Chinese and Japanese write a day
_CJK_DAY = re.compile(
    r"(?:(?P<year>\d{4})\s*年\s*)?(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号]"
)
_CJK = frozenset({"zh", "ja"})


def published_date(published: str | None) -> dt.date | None:
    """The calendar date of an ISO-like publication time, or None."""
    match = re.search(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})", published or "")
    if not match:
        return None
    try:
        return dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def parse_number(text: str) -> float | None:
    """ "35", "2,000", "1.5 million", "35bn", "four", "twenty-five", "a dozen" → a float."""
    words = re.findall(r"\d[\d,]*(?:\.\d+)?|[a-z]+", text.casefold().replace("-", " "))
    if not words:
        return None
    total, current, seen = 0.0, 0.0, False
    for word in words:
        if word[0].isdigit():
            try:
                current += float(word.replace(",", ""))
            except ValueError:
                return None
            seen = True
        elif word in _UNITS:
            current += _UNITS[word]
            seen = True
        elif word in _SCALES and seen:
            scale = _SCALES[word]
            if scale >= 1000:
                total += (current or 1) * scale
                current = 0.0
            else:
                current = (current or 1) * scale
        elif word in {"and", "of"}:
            continue
        else:
            return None
    return total + current if seen else None


def number_text(value: float) -> str:
    if value == int(value):
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _year_for(month: int, day: int, published: dt.date) -> int | None:
    """The year that puts month/day nearest the publication date."""
    best: tuple[int, int] | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            distance = abs((dt.date(year, month, day) - published).days)
        except ValueError:
            continue
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else None


def date_key(text: str, published: dt.date | None) -> str:
    """Key of a date expression, resolved against ``published`` only where that is certain."""
    low = " ".join(text.casefold().split())
    for pattern in (_ISO, _MONTH_DAY, _DAY_MONTH):
        match = pattern.search(low)
        if not match:
            continue
        month = match["month"]
        month_no = int(month) if month.isdigit() else month_number(month)
        if key := _day_key(match["year"], month_no, int(match["day"]), published):
            return key
    if match := _MONTH_YEAR.search(low):
        return f"date:{int(match['year']):04d}-{month_number(match['month']):02d}"
    if match := _YEAR.match(low):
        return f"date:{match['year']}"
    if match := _WEEKDAY.search(low):
        weekday = _WEEKDAYS.index(match["wd"])
        if published and not re.search(r"\b(?:next|last|previous|coming)\b", low):
            back = (published.weekday() - weekday) % 7
            return f"date:{(published - dt.timedelta(days=back)).isoformat()}"
        return f"weekday:{match['wd']}"
    for word, shift in _RELATIVE.items():
        if re.search(rf"\b{word}\b", low) and published:
            return f"date:{(published + dt.timedelta(days=shift)).isoformat()}"
    return "date:" + re.sub(r"[^\w\s-]", "", low).strip()


#: a language code dateparser may keep month names for ("de", "pt"), after any region is cut
_CODE = re.compile(r"^[a-z]{2,3}$")


def _month_key(word: str) -> str:
    # Turkish upper case: "KASIM" folds to "kasim", "NİSAN" to "ni" + a combining dot + "san"
    return word.casefold().rstrip(".").replace("\u0307", "")


@lru_cache(maxsize=64)
def _foreign_day(
    language: str,
) -> tuple[re.Pattern[str], dict[str, int], frozenset[str]] | None:
    """The day-month pattern of a language that writes months in its own words ("5. März 2020",
    "5 de marzo de 2020", "5 марта"), the month of each name (by :func:`_month_key`), and the
    names that are abbreviations; None for English (the patterns above), Chinese and Japanese
    (:data:`_CJK_DAY`) and a language dateparser does not know.

    Dates carry across languages as they are, so two articles in different languages can meet on
    them; the scorer's time features and the story view's facts read these keys.
    """
    if not _CODE.match(language) or language in ("en", "und") or language in _CJK:
        return None
    try:
        data = importlib.import_module(f"dateparser.data.date_translation_data.{language}").info
    except ImportError:
        return None
    names: dict[str, int] = {}
    short: set[str] = set()
    for number, month in enumerate(MONTHS, 1):
        # two-letter stubs ("Oc", "Ni") are prefixes of ordinary words
        forms = {_month_key(n) for n in data.get(month, ())}
        forms = {f for f in forms if len(f) >= 3 and not f.isdigit()}
        for form in forms:
            for key in (form, _month_key(form.upper())):
                names.setdefault(key, number)
                # an abbreviation ("mar" of "marzo", "set" of "settembre") is also a word
                # ("mar": sea), so it counts only with its dot or a year
                if any(other != form and other.startswith(form) for other in forms):
                    short.add(key)
    if not names:
        return None
    months = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    # the day, an optional "." (German, Polish) or "de" (Spanish, Portuguese), the month, an
    # optional year (after "de" in Spanish; a comma before it is English and a count after it,
    # "5 de marzo, 2000 personas", is not a year)
    pattern = re.compile(
        rf"(?<!\w)(?P<day>\d{{1,2}})(?:er|º|°)?\.?\s+(?:de\s+)?(?P<month>{months})(?P<dot>\.)?"
        rf"(?!\w)(?:\s+(?:de\s+|del\s+)?(?P<year>{DATE_ENTITY_YEARS})(?!\d))?",
        re.I,
    )
    return pattern, names, frozenset(short)


def _foreign_hits(
    text: str, language: str, published: dt.date | None
) -> Iterable[tuple[int, int, str]]:
    """(start, end, key) of the days ``text`` writes in ``language``'s own words."""
    if language in _CJK:
        for match in _CJK_DAY.finditer(text):
            if key := _day_key(match["year"], int(match["month"]), int(match["day"]), published):
                yield match.start(), match.end(), key
        return
    found = _foreign_day(language)
    if found is None:
        return
    pattern, names, short = found
    for match in pattern.finditer(text):
        name = _month_key(match["month"])
        month = names.get(name)
        if month is None or (name in short and not (match["year"] or _abbreviated(match))):
            continue
        if key := _day_key(match["year"], month, int(match["day"]), published):
            yield match.start(), match.end(), key


def _abbreviated(match: re.Match[str]) -> bool:
    """Whether a short month name has the dot of an abbreviation ("12. Jan. hat"), not a full
    stop ("dopo 3 set."): the sentence goes on after it in lower case or digits."""
    if not match["dot"]:
        return False
    after = match.string[match.end() :].lstrip()
    return bool(after) and (after[0].isdigit() or after[0].islower())


def _day_key(written: str | None, month: int, day: int, published: dt.date | None) -> str | None:
    """``date:YYYY-MM-DD`` from a match's year as written (None: resolved against ``published``,
    else ``date:--MM-DD``); None for a month or a day out of range."""
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return None
    year = int(written) if written else None
    if year is None and published:
        year = _year_for(month, day, published)
    return f"date:{year:04d}-{month:02d}-{day:02d}" if year else f"date:--{month:02d}-{day:02d}"


def money_key(number: str, scale: str | None, currency: str) -> str | None:
    value = parse_number(f"{number} {scale or ''}".strip())
    code = _CURRENCIES.get(currency.casefold())
    if value is None or code is None:
        return None
    return f"money:{code}:{number_text(value)}"


def _regex_hits(
    text: str, published: dt.date | None, language: str
) -> Iterable[tuple[int, int, str, str]]:
    for match in _MONEY_BEFORE.finditer(text):
        if key := money_key(match["num"], match["scale"], match["cur"]):
            yield match.start(), match.end(), "money", key
    for match in _MONEY_AFTER.finditer(text):
        if key := money_key(match["num"], match["scale"], match["cur"]):
            yield match.start(), match.end(), "money", key
    for match in _PERCENT.finditer(text):
        value = parse_number(match["num"])
        if value is not None:
            yield match.start(), match.end(), "percent", f"percent:{number_text(value)}"
    # English month and weekday names only in English: "5 mar" in Spanish is the sea, and each
    # other language's own month names are read below
    english = language == "en"
    for pattern in (_ISO, _MONTH_DAY, _DAY_MONTH) if english else (_ISO,):
        for match in pattern.finditer(text):
            yield match.start(), match.end(), "date", date_key(match.group(0), published)
    for match in _WEEKDAY.finditer(text) if english else ():
        yield match.start(), match.end(), "date", date_key(match.group(0), published)
    for start, end, key in _foreign_hits(text, language, published):
        yield start, end, "date", key


def entity_key(text: str, label: str, published: dt.date | None) -> tuple[str, str] | None:
    """(kind, key) of a spaCy numeric entity, or None when it is not a value we can key."""
    if label in {"DATE", "TIME"}:
        kind = "date" if label == "DATE" else "time"
        key = date_key(text, published)
        if label == "TIME" and key.startswith("date:") and not key[5:6].isdigit():
            key = "time:" + key[5:]
        return kind, key
    if label == "ORDINAL":
        low = text.casefold().strip()
        value = _ORDINALS.get(low)
        if value is None and (digits := re.match(r"\d+", low)):
            value = int(digits.group(0))
        return ("ordinal", f"ordinal:{value}") if value is not None else None
    if label == "QUANTITY":
        match = re.match(r"^(.*?\d[\d,.]*|[a-z -]+?)\s+([a-z]+)", text.casefold())
        if match and (value := parse_number(match.group(1))) is not None:
            return "quantity", f"quantity:{number_text(value)}:{match.group(2)}"
        return None
    if label in {"CARDINAL", "MONEY", "PERCENT"}:
        cleaned = re.sub(
            r"^(?:about|around|some|nearly|almost|over|more than|at least)\s+",
            "",
            text.casefold().strip(),
        )
        value = parse_number(cleaned)
        return ("number", f"number:{number_text(value)}") if value is not None else None
    return None


def extract(
    sentences: Sequence[Sentence],
    spacy_hits: Sequence[tuple[int, int, str, str]],
    published: str | None,
    language: str | None = None,
) -> list[Quantity]:
    """Quantities of an article from its sentences and spaCy's numeric entities.

    ``spacy_hits`` are (start, end, text, label) in article offsets; regex matches come first and
    a spaCy entity overlapping one of them is dropped. ``language`` (ISO 639-1) adds the dates it
    writes in its own month names.
    """
    day = published_date(published)
    language = primary(language or "en")
    found: list[tuple[int, int, str, str, str, int]] = []
    for sentence in sentences:
        for start, end, kind, key in _regex_hits(sentence.text, day, language):
            a, b = sentence.start + start, sentence.start + end
            found.append((a, b, sentence.text[start:end], kind, key, sentence.index))
    for start, end, text, label in spacy_hits:
        if any(a < end and start < b for a, b, *_ in found):
            continue
        keyed = entity_key(text, label, day)
        if keyed is None:
            continue
        index = next((s.index for s in sentences if s.start <= start < s.end), None)
        if index is not None:
            found.append((start, end, text, keyed[0], keyed[1], index))
    found.sort(key=lambda hit: (hit[0], -hit[1]))
    out: list[Quantity] = []
    last_end = -1
    for start, end, text, kind, key, index in found:
        if start < last_end:
            continue
        last_end = end
        out.append(Quantity(text, kind, key, index))
    return out
