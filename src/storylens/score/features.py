"""Pair features: what two analysed articles share, as one symmetric numeric row.

Every feature is symmetric in its two arguments (directional measures come in min/max pairs),
so that ``pair_features(a, b) == pair_features(b, a)``. Undefined values (no title, no dates in
one of the texts) are NaN: gradient boosting routes them on its own, linear models impute.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date

import numpy as np

from storylens.analyze.bridge import language_in
from storylens.analyze.document import Analysis
from storylens.days import CENTURY_YEARS
from storylens.score.bridged import (
    BRIDGE_FEATURE_NAMES,
    GlossVectors,
    bridge_features,
    bridge_text,
)
from storylens.score.overlaps import containments_or_nan, cosine_or_nan, jaccard_or_nan
from storylens.score.termweights import TermWeights
from storylens.tokens import words

#: entity labels grouped the way a reader compares them: who, where, which body, which group
ENTITY_GROUPS: dict[str, tuple[str, ...]] = {
    "person": ("PERSON",),
    "place": ("GPE", "LOC", "FAC"),
    "org": ("ORG",),
    "norp": ("NORP",),
    "other": ("EVENT", "PRODUCT", "LAW", "WORK_OF_ART"),
}
NUMBER_KINDS = frozenset({"money", "percent", "number", "quantity", "cardinal"})
#: sentences two texts must share at this cosine to count as "the same sentence, reworded"
ALIGNED = 0.7
#: days between two date mentions still read as the same happening
NEAR_DAYS = 1

_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")
_YEAR = re.compile(rf"\b{CENTURY_YEARS}\b")
#: capitalised words after the first word of a sentence: a script-agnostic proxy for names
_PROPER = re.compile(r"(?<=[^\s.!?\"'“”«»]\s)([A-ZÀ-ÖØ-ÞĀ-ŽА-Я][\w\-]{2,})")
_DATE_KEY = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_LEAD_SENTENCES = 3


def _names() -> list[str]:
    names = [
        "cos_embedding",
        "cos_title",
        "has_title_both",
        "cos_lead",
        "cos_centroid",
        "align_mean_min",
        "align_mean_max",
        "align_max",
        "align_cover_min",
        "align_cover_max",
    ]
    for group in ENTITY_GROUPS:
        names += [f"ent_{group}_jaccard", f"ent_{group}_contain_min", f"ent_{group}_contain_max"]
    names += ["ent_all_jaccard", "ent_lead_jaccard"]
    names += [
        "date_jaccard",
        "date_near_frac_min",
        "date_near_frac_max",
        "date_min_distance_days",
        "date_lead_conflict",
        "published_distance_days",
        "year_jaccard",
    ]
    names += [
        "num_jaccard",
        "num_contain_min",
        "num_contain_max",
        "num_lead_jaccard",
        "regex_num_jaccard",
    ]
    names += [
        "shingle_contain_min",
        "shingle_contain_max",
        "minhash_jaccard",
        "word_jaccard",
        "proper_jaccard",
        "proper_contain_max",
        "quote_overlap_max",
        "speaker_jaccard",
        "quotes_both",
    ]
    names += ["log_len_ratio", "log_len_min", "same_language", "n_english"]
    # the cross-lingual bridge's own block (storylens.score.bridged), kept last
    names += list(BRIDGE_FEATURE_NAMES)
    return names


FEATURE_NAMES: tuple[str, ...] = tuple(_names())


def pair_features(
    a: Analysis,
    b: Analysis,
    glosses: GlossVectors | None = None,
    weights: TermWeights | None = None,
) -> np.ndarray:
    """One float64 row of ``len(FEATURE_NAMES)`` values describing how ``a`` and ``b`` meet;
    ``glosses`` holds gloss vectors encoded for a batch (:func:`feature_matrix`), ``weights``
    the words' idf (the shipped ones when None)."""
    row = [
        *_embedding_features(a, b),
        *_entity_features(a, b),
        *_date_features(a, b),
        *_number_features(a, b),
        *_text_features(a, b),
        *_shape_features(a, b),
        *bridge_features(a, b, glosses, weights),
    ]
    # Rounded so that matrix products summed in another order (b @ a.T) give the same row.
    return np.round(np.asarray(row, dtype=np.float64), 10)


def feature_matrix(
    pairs: Iterable[tuple[Analysis, Analysis]],
    glosses: GlossVectors | None = None,
    weights: TermWeights | None = None,
) -> np.ndarray:
    """The rows of many pairs; their glosses are encoded in one batch, into ``glosses`` when
    given (a caller scoring batch after batch keeps the vectors) or a fresh one. ``weights``:
    the words' idf (the shipped ones when None; ``storylens train`` passes those it fits)."""
    pairs = list(pairs)
    glosses = glosses if glosses is not None else GlossVectors()
    weights = weights if weights is not None else TermWeights.shipped()
    glosses.prepare(pairs)
    rows = [pair_features(a, b, glosses, weights) for a, b in pairs]
    if not rows:
        return np.zeros((0, len(FEATURE_NAMES)))
    return np.vstack(rows)


# -- sets and overlaps ------------------------------------------------------------------------


# -- embeddings --------------------------------------------------------------------------------


def _embedding_features(a: Analysis, b: Analysis) -> list[float]:
    cos_title = cosine_or_nan(a.title_embedding, b.title_embedding)
    sa, sb = a.sentence_embeddings, b.sentence_embeddings
    if sa.ndim != 2 or sb.ndim != 2 or 0 in sa.shape or 0 in sb.shape or sa.shape[1] != sb.shape[1]:
        return [
            cosine_or_nan(a.embedding, b.embedding),
            cos_title,
            float(not math.isnan(cos_title)),
            *[math.nan] * 7,
        ]
    sim = sa.astype(np.float64) @ sb.astype(np.float64).T
    best_a, best_b = sim.max(axis=1), sim.max(axis=0)
    mean_a, mean_b = float(best_a.mean()), float(best_b.mean())
    cover_a, cover_b = float((best_a >= ALIGNED).mean()), float((best_b >= ALIGNED).mean())
    k = _LEAD_SENTENCES
    return [
        cosine_or_nan(a.embedding, b.embedding),
        cos_title,
        float(not math.isnan(cos_title)),
        cosine_or_nan(sa[:k].mean(axis=0), sb[:k].mean(axis=0)),
        cosine_or_nan(sa.mean(axis=0), sb.mean(axis=0)),
        min(mean_a, mean_b),
        max(mean_a, mean_b),
        float(sim.max()),
        min(cover_a, cover_b),
        max(cover_a, cover_b),
    ]


# -- entities ----------------------------------------------------------------------------------


def _entity_keys(x: Analysis, labels: tuple[str, ...] | None, lead: bool = False) -> set[str]:
    return {
        e.key.lower()
        for e in x.entities
        if e.key
        and (labels is None or e.label in labels)
        and (not lead or e.sentence < _LEAD_SENTENCES)
    }


def _entity_features(a: Analysis, b: Analysis) -> list[float]:
    out: list[float] = []
    for labels in ENTITY_GROUPS.values():
        ka, kb = _entity_keys(a, labels), _entity_keys(b, labels)
        out += [jaccard_or_nan(ka, kb), *containments_or_nan(ka, kb)]
    out.append(jaccard_or_nan(_entity_keys(a, None), _entity_keys(b, None)))
    out.append(jaccard_or_nan(_entity_keys(a, None, lead=True), _entity_keys(b, None, lead=True)))
    return out


# -- dates -------------------------------------------------------------------------------------


def _parse_day(key: str) -> date | None:
    """A day-precise date from a quantity key or ISO string; None when coarser or malformed."""
    m = _DATE_KEY.search(key)
    if not m or not m.group(3):
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


#: a day named in the text: (year or None, month, day); "January 13" has no year
Day = tuple[int | None, int, int]

_DAY_KEY = re.compile(r"^date:(\d{4}|-)-(\d{2})-(\d{2})$")


def _key_day(key: str) -> Day | None:
    m = _DAY_KEY.match(key)
    if not m:
        return None
    year = None if m.group(1) == "-" else int(m.group(1))
    try:
        date(year or 2000, int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
    return (year, int(m.group(2)), int(m.group(3)))


def _days(x: Analysis, lead: bool = False) -> set[Day]:
    days = set()
    for q in x.quantities:
        if q.kind == "date" and (not lead or q.sentence < _LEAD_SENTENCES):
            day = _key_day(q.key)
            if day is not None:
                days.add(day)
    return days


def _day_distance(d: Day, e: Day) -> int:
    if d[0] is not None and e[0] is not None:
        return abs((date(d[0], d[1], d[2]) - date(e[0], e[1], e[2])).days)
    # A day without a year ("January 13") meets that day in any year; 2000 is a leap year, so
    # February 29 is a valid day to measure from.
    diff = abs((date(2000, d[1], d[2]) - date(2000, e[1], e[2])).days)
    return min(diff, 366 - diff)


def _near_frac(x: set[Day], y: set[Day]) -> float:
    return sum(any(_day_distance(d, e) <= NEAR_DAYS for e in y) for d in x) / len(x)


def _date_features(a: Analysis, b: Analysis) -> list[float]:
    keys_a = {q.key for q in a.quantities if q.kind == "date"}
    keys_b = {q.key for q in b.quantities if q.kind == "date"}
    da, db = _days(a), _days(b)
    if da and db:
        near_a, near_b = _near_frac(da, db), _near_frac(db, da)
        min_dist = float(min(_day_distance(d, e) for d in da for e in db))
        near_min, near_max = min(near_a, near_b), max(near_a, near_b)
    else:
        near_min = near_max = min_dist = math.nan
    # The lead names the day of the happening; two leads naming days apart are two happenings.
    la, lb = _days(a, lead=True), _days(b, lead=True)
    if la and lb:
        conflict = float(not any(_day_distance(d, e) <= NEAR_DAYS for d in la for e in lb))
    else:
        conflict = math.nan
    pa = _parse_day(a.article.published or "")
    pb = _parse_day(b.article.published or "")
    published = float(abs((pa - pb).days)) if pa and pb else math.nan
    years_a = set(_YEAR.findall(a.article.text))
    years_b = set(_YEAR.findall(b.article.text))
    return [
        jaccard_or_nan(keys_a, keys_b),
        near_min,
        near_max,
        min_dist,
        conflict,
        published,
        jaccard_or_nan(years_a, years_b),
    ]


# -- numbers -----------------------------------------------------------------------------------


def _number_keys(x: Analysis, lead: bool = False) -> set[str]:
    return {
        q.key
        for q in x.quantities
        if q.kind in NUMBER_KINDS and (not lead or q.sentence < _LEAD_SENTENCES)
    }


def _regex_numbers(text: str) -> set[str]:
    # Separators differ by language ("1,5" / "1.5"): compare digits only, skip years and 0-9.
    found = {re.sub(r"\D", "", n) for n in _NUMBER.findall(text)}
    return {n for n in found if len(n) >= 2 and not _YEAR.fullmatch(n)}


def _number_features(a: Analysis, b: Analysis) -> list[float]:
    na, nb = _number_keys(a), _number_keys(b)
    return [
        jaccard_or_nan(na, nb),
        *containments_or_nan(na, nb),
        jaccard_or_nan(_number_keys(a, lead=True), _number_keys(b, lead=True)),
        jaccard_or_nan(_regex_numbers(a.article.text), _regex_numbers(b.article.text)),
    ]


# -- surface text ------------------------------------------------------------------------------


def _words(text: str) -> set[str]:
    return {w for w in words(text) if len(w) > 2}


def _shingle_containment(a: Analysis, b: Analysis) -> tuple[float, float]:
    return containments_or_nan(set(a.shingles), set(b.shingles))


def _minhash_jaccard(a: Analysis, b: Analysis) -> float:
    if a.minhash.size == 0 or a.minhash.shape != b.minhash.shape:
        return math.nan
    return float(np.mean(a.minhash == b.minhash))


def _quote_features(a: Analysis, b: Analysis) -> list[float]:
    qa = [_words(q.text) for q in a.quotes if q.text]
    qb = [_words(q.text) for q in b.quotes if q.text]
    qa, qb = [q for q in qa if q], [q for q in qb if q]
    if qa and qb:
        overlap = max(len(x & y) / min(len(x), len(y)) for x in qa for y in qb)
    else:
        overlap = math.nan
    sa = {q.speaker.lower() for q in a.quotes if q.speaker}
    sb = {q.speaker.lower() for q in b.quotes if q.speaker}
    return [overlap, jaccard_or_nan(sa, sb), float(bool(qa) and bool(qb))]


def _text_features(a: Analysis, b: Analysis) -> list[float]:
    ta, tb = a.article.text, b.article.text
    pa, pb = set(_PROPER.findall(ta)), set(_PROPER.findall(tb))
    return [
        *_shingle_containment(a, b),
        _minhash_jaccard(a, b),
        jaccard_or_nan(_words(ta), _words(tb)),
        jaccard_or_nan(pa, pb),
        containments_or_nan(pa, pb)[1],
        *_quote_features(a, b),
    ]


# -- length and language -----------------------------------------------------------------------


def language_of(x: Analysis) -> str:
    """The article's language as analysed, else guessed from its opening: the language its
    bridge view reads it in."""
    return language_in(bridge_text(x.article), x.article.language)


def _shape_features(a: Analysis, b: Analysis) -> list[float]:
    la = len(a.article.text.split()) + 1
    lb = len(b.article.text.split()) + 1
    lang_a, lang_b = language_of(a), language_of(b)
    return [
        abs(math.log(la) - math.log(lb)),
        math.log(min(la, lb)),
        float(lang_a == lang_b),
        float((lang_a == "en") + (lang_b == "en")),
    ]
