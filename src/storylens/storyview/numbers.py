"""Numbers of a story: each value with what it counts, and quantities reported with several values.

The analysis keys a number by its value ("number:22", "money:USD:35000000000"); a story needs
to know what it counts, so that 6 deaths in one report and 22 in another meet as one quantity
(a rising toll) while 22 deaths and 22 injured stay apart. What is counted is read from the
words around the number: death and injury words win ("22 people were killed", "the death toll
rose to 38"), else the noun it counts ("four embassies").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from storylens.analyze.document import Analysis, Quantity
from storylens.compare.words import STOPWORDS

#: what a count is of, by the words right after or right before the number
_AFTER = (
    ("deaths", re.compile(r"^\W*(?:\S+\s+){0,4}?(?:killed|dead|died|deaths?|fatalities|lives)\b")),
    ("injured", re.compile(r"^\W*(?:\S+\s+){0,4}?(?:injured|wounded|hurt|injuries)\b")),
    ("missing", re.compile(r"^\W*(?:\S+\s+){0,3}?missing\b")),
    ("arrested", re.compile(r"^\W*(?:\S+\s+){0,3}?(?:arrested|detained)\b")),
    ("evacuated", re.compile(r"^\W*(?:\S+\s+){0,3}?(?:evacuated|displaced)\b")),
)
_BEFORE = (
    ("deaths", re.compile(r"(?:death toll|killing|killed|deaths of|dead)\b[^.;]{0,40}$")),
    ("injured", re.compile(r"(?:injuring|wounding|injured|wounded)\b[^.;]{0,20}$")),
)
_WORD = re.compile(r"[\w’'-]+")
#: words between a number and the noun it counts
_FILLER = frozenset(
    [
        "more",
        "than",
        "other",
        "additional",
        "new",
        "of",
        "the",
        "a",
        "an",
        "about",
        "some",
        "least",
        "at",
        "most",
        "nearly",
        "almost",
        "over",
        "under",
        "around",
        "roughly",
        "per",
        "cent",
        "percent",
    ]
)
#: who a death or injury count counts, when it says so ("killed 22 people")
_PERSONS = frozenset(
    ["people", "persons", "civilians", "soldiers", "children", "migrants", "workers", "others"]
)
_PLURALS = frozenset(["people", "children", "men", "women", "police", "cattle", "feet", "staff"])
COUNTED_KINDS = frozenset({"number", "money", "percent", "quantity"})


@dataclass(frozen=True)
class Reading:
    """One number in one article: its value, what it counts and where it stands."""

    quantity: str
    unit: str | None
    value: float
    text: str
    article: int
    #: (start, end) in the article's text
    span: tuple[int, int]


def value_of(key: str) -> float | None:
    """The value an analysis key holds ("number:22" -> 22.0); None when it holds none."""
    try:
        return float(key.split(":")[-1] if not key.startswith("quantity:") else key.split(":")[1])
    except (ValueError, IndexError):
        return None


def _counted(after: str, before: str) -> tuple[str, str | None] | None:
    low_after, low_before = after.lower(), before.lower()
    for name, pattern in _AFTER:
        if match := pattern.search(low_after):
            # the noun between the number and the verb ("22 people were killed"), if any
            return name, _noun(after[: match.end()])
    for name, pattern in _BEFORE:
        if pattern.search(low_before):
            noun = _noun(after[:30])
            return name, noun if noun in _PERSONS else None
    noun = _noun(after)
    return (noun, noun) if noun and _plural(noun) else None


def _plural(noun: str) -> bool:
    """A count names a plural ("four embassies"); "Reporter 3 spoke" counts nothing."""
    return noun.endswith("s") or noun in _PLURALS


def _noun(after: str) -> str | None:
    """The noun right after the number, past fillers and names ("four US embassies")."""
    for word in _WORD.findall(after)[:4]:
        low = word.lower()
        if low in _FILLER or (word[0].isupper() and word.isalpha()):
            continue
        if low in STOPWORDS or not word.isalpha():
            return None
        return low
    return None


def read(analysis: Analysis, article: int, quantity: Quantity) -> Reading | None:
    """What one analysed number counts, or None for dates, ordinals and bare numbers."""
    if quantity.kind not in COUNTED_KINDS:
        return None
    value = value_of(quantity.key)
    if value is None:
        return None
    sentence = analysis.sentences[quantity.sentence]
    at = sentence.text.find(quantity.text)
    if at < 0:
        return None
    start = sentence.start + at
    span = (start, start + len(quantity.text))
    after = sentence.text[at + len(quantity.text) :]
    before = sentence.text[:at]
    if quantity.kind == "money":
        return Reading("money", quantity.key.split(":")[1], value, quantity.text, article, span)
    if quantity.kind == "percent":
        noun = _noun(re.sub(r"^\W*(?:of\s+)?", "", after))
        return Reading("percent", noun, value, quantity.text, article, span)
    if quantity.kind == "quantity":
        unit = quantity.key.split(":")[2] if quantity.key.count(":") >= 2 else None
        return Reading(unit or "quantity", unit, value, quantity.text, article, span)
    counted = _counted(after, before)
    if counted is None:
        return None
    if counted[1] and (
        noun := re.match(rf"^\W{{0,2}}(?:[\w’'-]+\s+){{0,2}}?{counted[1]}\b", after, re.I)
    ):
        # "four embassies" says what it counts; "four" alone does not
        span = (span[0], span[1] + noun.end())
    text = analysis.article.text[span[0] : span[1]]
    return Reading(counted[0], counted[1], value, text, article, span)


def readings(analyses: Sequence[Analysis]) -> list[Reading]:
    out: list[Reading] = []
    for i, analysis in enumerate(analyses):
        for quantity in analysis.quantities:
            if (found := read(analysis, i, quantity)) is not None:
                out.append(found)
    return out


#: (language group, quantity, value): one fact per value, never across languages
ValueKey = tuple[int, str, float]


def by_value(found: Sequence[Reading], groups: Sequence[int]) -> dict[ValueKey, list[Reading]]:
    """Readings of one quantity and value, the first reading of each article only."""
    out: dict[ValueKey, list[Reading]] = defaultdict(list)
    for r in found:
        key = (groups[r.article], r.quantity, r.value)
        if all(other.article != r.article for other in out[key]):
            out[key].append(r)
    return dict(out)
