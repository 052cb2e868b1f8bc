"""One same-event judgement: do two analysed articles report the same specific happening?

``same_story(a, b)`` (:mod:`.judge`, with the weights a judge holds) gives a probability and the
evidence behind it. It is the one answer ``compare``, ``storylens score``, the story grouper's
link check and the web app all show.

SemEval's Overall score (:mod:`.scorer`) says how close two texts are; a story is one happening,
and two Super Bowls or two earthquakes in Turkey are close texts about different happenings. So
the judgement weighs topic closeness (opening embedding, aligned sentences, shared words) with
what tells events apart (:mod:`.event`): how far apart their dates are, editions that disagree
("Super Bowl LVII" vs "LIV"), places and actors the openings share, and shared counts. Counts that
differ are shown but count only when shared, never against: a death toll that rises from 6 to 38
over two days is one story. The weights are a logistic model (:mod:`.same_story_train`), shipped
as JSON; when the facts alone say two happenings (dates more than a week apart, editions that
disagree) P is capped at :data:`CONFLICT_CAP`, however alike the texts are.

The answer depends on ``a`` and ``b`` only (no corpus statistics), and is symmetric.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from storylens.analyze.document import Analysis
from storylens.errors import StorylensError
from storylens.score.event import EventFacts, dates_disagree, facts, gap, monthday_gap
from storylens.sets import jaccard

MODEL_PATH = Path(__file__).resolve().parent / "models" / "same_story.json"

#: the judgement's inputs, each symmetric in the two articles
FEATURES: tuple[str, ...] = (
    "cos_opening",
    "align_mean",
    "word_overlap",
    "actor_overlap",
    "place_overlap",
    "count_overlap",
    "event_gap",
    "event_gap_known",
    "lead_day_gap",
    "lead_day_gap_known",
    "years_later",
    "edition_conflict",
    "edition_shared",
)
_WORD = re.compile(r"[^\W\d_]{4,}")


@dataclass(frozen=True)
class Evidence:
    """What the judgement read: facts both articles give, and facts on which they disagree."""

    #: days between the two events' dates (publication, else the opening's); None: unknown
    days_apart: int | None = None
    #: both openings date what they report, and no day either text names meets the other's
    dates_disagree: bool = False
    shared_dates: list[str] = field(default_factory=list)
    conflicting_dates: list[str] = field(default_factory=list)
    shared_editions: list[str] = field(default_factory=list)
    conflicting_editions: list[str] = field(default_factory=list)
    shared_places: list[str] = field(default_factory=list)
    places_only_a: list[str] = field(default_factory=list)
    places_only_b: list[str] = field(default_factory=list)
    shared_actors: list[str] = field(default_factory=list)
    shared_counts: list[str] = field(default_factory=list)
    #: counts only one side gives: shown, never held against a developing story
    differing_counts: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


#: P(same story) at most, whatever the texts share, when the facts say two happenings
CONFLICT_CAP = 0.1
#: days between two events' dates beyond which no closeness of text makes them one story (news
#: of a happening is written within a day or two; a week leaves room for late copies)
APART_DAYS = 7


@dataclass(frozen=True)
class SameStory:
    """P(same story), the decision at the shipped threshold, and the evidence."""

    probability: float
    same_story: bool
    evidence: Evidence

    @property
    def conflict(self) -> bool:
        """Whether the facts alone say two happenings (what a grouper should never link,
        however close): dates more than :data:`APART_DAYS` apart, openings dated to days that no
        day of the other text meets, or editions that disagree."""
        ev = self.evidence
        far = ev.days_apart is not None and ev.days_apart > APART_DAYS
        return far or ev.dates_disagree or bool(ev.conflicting_editions)

    def to_dict(self) -> dict[str, Any]:
        return {
            "same_story": self.same_story,
            "same_story_probability": round(self.probability, 3),
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True)
class SameStoryModel:
    """Standardised logistic weights over :data:`FEATURES` and the decision threshold."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float
    features: tuple[str, ...] = FEATURES

    def probability(self, X: np.ndarray) -> np.ndarray:
        # One dot product per row: a matrix product blocks its sums by batch size, and a pair's
        # answer must not move in the last digit with the pairs scored beside it.
        Z = (np.atleast_2d(X) - self.mean) / self.scale
        z = np.array([float(np.dot(row, self.coef)) for row in Z]) + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def to_dict(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "mean": [round(float(v), 8) for v in self.mean],
            "scale": [round(float(v), 8) for v in self.scale],
            "coef": [round(float(v), 8) for v in self.coef],
            "intercept": round(float(self.intercept), 8),
            "threshold": self.threshold,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SameStoryModel:
        if tuple(data.get("features", ())) != FEATURES:
            raise StorylensError("the same-story model was built on other features; `make train`")
        return cls(
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=float(data["intercept"]),
            threshold=float(data["threshold"]),
        )

    def save(self, path: Path = MODEL_PATH) -> None:
        path.write_text(json.dumps(self.to_dict(), indent=2) + "\n")

    @classmethod
    def load(cls, path: Path | None = None) -> SameStoryModel:
        path = path or MODEL_PATH
        try:
            return cls.from_dict(json.loads(path.read_text()))
        except FileNotFoundError:
            raise StorylensError(
                f"{path}: no same-story model; build it with `make train`"
            ) from None
        except (ValueError, KeyError) as exc:
            raise StorylensError(f"{path}: unreadable ({exc}); rebuild with `make train`") from None


# -- features ---------------------------------------------------------------------------------


def _cos(u: np.ndarray, v: np.ndarray) -> float:
    if u.size == 0 or u.shape != v.shape:
        return 0.0
    nu, nv = float(np.linalg.norm(u)), float(np.linalg.norm(v))
    return float(u @ v) / (nu * nv) if nu and nv else 0.0


def _align_mean(a: Analysis, b: Analysis) -> float:
    sa, sb = a.sentence_embeddings, b.sentence_embeddings
    if sa.ndim != 2 or sb.ndim != 2 or 0 in sa.shape or 0 in sb.shape or sa.shape[1] != sb.shape[1]:
        return 0.0
    sim = sa.astype(np.float64) @ sb.astype(np.float64).T
    return min(float(sim.max(axis=1).mean()), float(sim.max(axis=0).mean()))


def _words(x: Analysis) -> frozenset[str]:
    return frozenset(_WORD.findall(f"{x.article.title}\n{x.article.text}".lower()))


def _log_days(days: int | None) -> float:
    return math.log1p(days) if days is not None else 0.0


def _lead_day_gap(fa: EventFacts, fb: EventFacts) -> int | None:
    if not fa.lead_days or not fb.lead_days:
        return None
    return min(abs(d - e) for d in fa.lead_days for e in fb.lead_days)


#: a date range wider than this (a month, a year) overlapping another is no sign of one day
PRECISE_DAYS = 3


def event_gap(fa: EventFacts, fb: EventFacts) -> int | None:
    """Days between the two events' dates; None when unknown, or when a vague date ("2023-02")
    overlaps the other: they may be weeks apart. An undated report that names a day without a
    year ("Wednesday, 15 June") is measured from that day, in the year nearest the other's."""
    ra, rb = fa.event_day, fb.event_day
    if ra is None and rb is not None:
        return monthday_gap(fa.lead_monthdays, rb)
    if rb is None and ra is not None:
        return monthday_gap(fb.lead_monthdays, ra)
    days = gap(ra, rb)
    if days == 0 and any(r is not None and r[1] - r[0] > PRECISE_DAYS for r in (ra, rb)):
        return None
    return days


def years_later(fa: EventFacts, fb: EventFacts) -> int:
    """Years by which one opening's latest year comes after the other event's date: a report
    seldom names a year after its own ("Fed cuts rates in 2024" is no report of June 2022)."""
    out = 0
    for x, y in ((fa, fb), (fb, fa)):
        if x.lead_years and y.event_day is not None:
            out = max(out, max(x.lead_years) - date.fromordinal(y.event_day[1]).year)
    return out


def _edition_conflicts(fa: EventFacts, fb: EventFacts) -> list[str]:
    """Nouns both number, with no number in common: "bowl 54 / 57"."""
    out = []
    for noun in sorted({n for n, _ in fa.editions} & {n for n, _ in fb.editions}):
        va = {v for n, v in fa.editions if n == noun}
        vb = {v for n, v in fb.editions if n == noun}
        if not va & vb:
            out.append(
                f"{noun} {'/'.join(map(str, sorted(va)))} vs {'/'.join(map(str, sorted(vb)))}"
            )
    return out


def features(a: Analysis, b: Analysis, fa: EventFacts, fb: EventFacts) -> np.ndarray:
    """One row of :data:`FEATURES`; ``fa``/``fb`` are the facts of ``a``/``b`` (or edits of them,
    which is how training makes its confusable pairs)."""
    days = event_gap(fa, fb)
    lead_gap = _lead_day_gap(fa, fb)
    row = [
        _cos(a.embedding, b.embedding),
        _align_mean(a, b),
        jaccard(_words(a), _words(b)),
        jaccard(fa.actors, fb.actors),
        jaccard(fa.places, fb.places),
        jaccard(fa.counts, fb.counts),
        _log_days(days),
        float(days is not None),
        _log_days(lead_gap),
        float(lead_gap is not None),
        math.log1p(years_later(fa, fb)),
        float(bool(_edition_conflicts(fa, fb))),
        float(bool(fa.editions & fb.editions)),
    ]
    # Rounded so that sums taken in the other order (b, a) give the very same row.
    return np.round(np.asarray(row, dtype=np.float64), 10)


def _iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def evidence(fa: EventFacts, fb: EventFacts) -> Evidence:
    near = {d for d in fa.lead_days for e in fb.lead_days if abs(d - e) <= 1}
    near |= {e for e in fb.lead_days for d in fa.lead_days if abs(d - e) <= 1}
    both_dated = bool(fa.lead_days and fb.lead_days)
    conflicting = sorted((fa.lead_days | fb.lead_days) - near) if both_dated else []
    return Evidence(
        days_apart=event_gap(fa, fb),
        dates_disagree=dates_disagree(fa, fb),
        shared_dates=[_iso(d) for d in sorted(near)],
        conflicting_dates=[_iso(d) for d in conflicting],
        shared_editions=sorted(f"{n} {v}" for n, v in fa.editions & fb.editions),
        conflicting_editions=_edition_conflicts(fa, fb),
        shared_places=sorted(fa.places & fb.places),
        places_only_a=sorted(fa.places - fb.places),
        places_only_b=sorted(fb.places - fa.places),
        shared_actors=sorted(fa.actors & fb.actors),
        shared_counts=sorted(fa.counts & fb.counts),
        differing_counts=sorted(fa.counts ^ fb.counts),
    )


def verdicts(pairs: list[tuple[Analysis, Analysis]], model: SameStoryModel) -> list[SameStory]:
    """The same-story verdict of each pair under ``model``'s weights (facts of an article met
    twice are read once). ``same_story`` / ``same_story_many`` in :mod:`.judge` give them with
    the weights a judge holds."""
    if not pairs:
        return []
    read: dict[int, EventFacts] = {}

    def facts_of(x: Analysis) -> EventFacts:
        if id(x) not in read:
            read[id(x)] = facts(x)
        return read[id(x)]

    rows, found = [], []
    for a, b in pairs:
        fa, fb = facts_of(a), facts_of(b)
        rows.append(features(a, b, fa, fb))
        found.append(evidence(fa, fb))
    out = []
    for p, ev in zip(model.probability(np.vstack(rows)), found, strict=True):
        if SameStory(float(p), False, ev).conflict:
            p = min(float(p), CONFLICT_CAP)
        out.append(SameStory(float(p), bool(p >= model.threshold), ev))
    return out
