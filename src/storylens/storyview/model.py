"""The story view model: one story's facts, who carried them, numbers, lineage and outlets.

Every renderer (terminal, JSON, HTML report, web page, API) reads this one record; ``to_dict``
is the JSON documented in the README.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

#: how an article carries a fact; ``translated``: in another language, matched through the
#: English gloss of a bilingual dictionary (:mod:`storylens.storyview.bridging`)
VERBATIM, PARAPHRASE, PARTIAL, TRANSLATED = "verbatim", "paraphrase", "partial", "translated"


@dataclass
class ViewArticle:
    id: str
    outlet: str
    title: str
    published: str | None
    url: str | None
    duplicate_group: str
    #: ISO 639-1 as read or detected; facts of another language than the story's main one are
    #: matched to its facts only through a dictionary (else they stay their own)
    language: str | None = None
    #: the title, or the article's lead (first sentence, shortened) when it has none
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published,
            "url": self.url,
            "duplicate_group": self.duplicate_group,
        }


@dataclass
class Carrier:
    article: str
    outlet: str
    #: verbatim | paraphrase | partial (a trimmed quote) | translated
    how: str
    #: a verbatim span of the article's text
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "outlet": self.outlet, "how": self.how, "text": self.text}


@dataclass
class First:
    article: str
    outlet: str
    #: None when no carrier is dated (undated carriers come last)
    published: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "outlet": self.outlet, "published": self.published}


@dataclass
class Fact:
    id: str
    #: claim | quote | number
    kind: str
    text: str
    carried_by: list[Carrier]
    first: First
    speaker: str | None = None
    #: what a number counts (deaths, injured, money, ...); None for claims and quotes
    quantity: str | None = None
    value: float | None = None
    unit: str | None = None

    @property
    def outlets(self) -> list[str]:
        return list(dict.fromkeys(c.outlet for c in self.carried_by))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "speaker": self.speaker,
            "quantity": self.quantity,
            "value": self.value,
            "unit": self.unit,
            "carried_by": [c.to_dict() for c in self.carried_by],
            "first": self.first.to_dict(),
        }


@dataclass
class NumberValue:
    value: float
    unit: str | None
    text: str
    articles: list[str]
    outlets: list[str]
    first_published: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "unit": self.unit,
            "text": self.text,
            "articles": self.articles,
            "outlets": self.outlets,
            "first_published": self.first_published,
        }


@dataclass
class NumberGroup:
    """One quantity reported with two or more values, values in order of first report."""

    quantity: str
    values: list[NumberValue]

    @property
    def development(self) -> str:
        """``rising`` / ``falling`` when dated values move one way over time, else ``differs``."""
        dated = [v.value for v in self.values if v.first_published]
        if len(dated) >= 2 and all(x < y for x, y in itertools.pairwise(dated)):
            return "rising"
        if len(dated) >= 2 and all(x > y for x, y in itertools.pairwise(dated)):
            return "falling"
        return "differs"

    def to_dict(self) -> dict[str, Any]:
        return {"quantity": self.quantity, "values": [v.to_dict() for v in self.values]}


@dataclass
class LineageLink:
    article: str
    #: the earlier article this one took its text from, or None
    derived_from: str | None
    #: derived | wire_copy | common_source | original
    relation: str
    credited_sources: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "derived_from": self.derived_from,
            "relation": self.relation,
            "credited_sources": self.credited_sources,
        }


@dataclass
class OutletView:
    outlet: str
    articles: list[str]
    #: share of its words found in no earlier article of the story
    own_share: float
    only_here: list[str]
    #: widely carried facts (by most other outlets) this outlet omits
    missing: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet,
            "articles": self.articles,
            "own_share": round(self.own_share, 3),
            "only_here": self.only_here,
            "missing": self.missing,
        }


@dataclass
class StoryView:
    id: str
    title: str
    articles: list[ViewArticle]
    facts: list[Fact]
    numbers: list[NumberGroup]
    lineage: list[LineageLink]
    outlets: list[OutletView]
    #: what a reader must know to read the view right (articles in another language, ...)
    notes: list[str] = field(default_factory=list)

    def fact(self, fact_id: str) -> Fact:
        return next(f for f in self.facts if f.id == fact_id)

    def cell(self, fact: Fact, outlet: str) -> str | None:
        """How ``outlet`` carries ``fact`` (its fullest way over its articles), None if absent."""
        ways = {c.how for c in fact.carried_by if c.outlet == outlet}
        for how in (VERBATIM, PARAPHRASE, PARTIAL, TRANSLATED):
            if how in ways:
                return how
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "articles": [a.to_dict() for a in self.articles],
            "facts": [f.to_dict() for f in self.facts],
            "numbers": [n.to_dict() for n in self.numbers],
            "lineage": [link.to_dict() for link in self.lineage],
            "outlets": [o.to_dict() for o in self.outlets],
            "notes": self.notes,
        }
