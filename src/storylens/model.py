"""The records that flow through storylens: Article in, Comparison and Story out.

Every record is a plain dataclass with ``to_dict()`` / ``from_dict()`` so that the CLI, the web
app and the Spark job exchange the same JSON.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCORE_DIMENSIONS: tuple[str, ...] = (
    "overall",
    "geography",
    "entities",
    "time",
    "narrative",
    "style",
    "tone",
)


def content_id(title: str, text: str) -> str:
    """A stable id for an article that came without one: the same words give the same id."""
    norm = " ".join(f"{title}\n{text}".split()).lower()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


@dataclass
class Caption:
    """An image caption with its photo credit (``"Khalid al-Mousily/Reuters"``)."""

    text: str
    credit: str | None = None


@dataclass
class Article:
    """One news article, body kept apart from the furniture of the page it came from."""

    title: str = ""
    text: str = ""
    id: str = ""
    standfirst: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    authors: list[str] = field(default_factory=list)
    credited_sources: list[str] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    #: where the article was read from (``"feed.jsonl:12"``); not part of its identity
    source: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.title, self.text)

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        known = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["captions"] = [
            c if isinstance(c, Caption) else Caption(**c) for c in data.get("captions") or []
        ]
        for key in ("authors", "credited_sources", "headings"):
            kwargs[key] = list(data.get(key) or [])
        for key in ("title", "text", "id"):
            kwargs[key] = kwargs.get(key) or ""
        return cls(**kwargs)


@dataclass
class Scores:
    """SemEval-2022 Task 8 scale: 1 = very similar … 4 = very dissimilar."""

    overall: float
    geography: float
    entities: float
    time: float
    narrative: float
    style: float
    tone: float

    def to_dict(self) -> dict[str, float]:
        return {k: round(float(getattr(self, k)), 3) for k in SCORE_DIMENSIONS}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scores:
        return cls(**{k: float(data[k]) for k in SCORE_DIMENSIONS})


@dataclass
class Judgement:
    """What the scoring model says of a pair: seven scores and the same-story decision."""

    scores: Scores
    same_story: bool
    same_story_probability: float
    #: what the same-event judgement read: shared and conflicting dates, editions, places,
    #: actors and counts (see ``storylens.score.same_story.Evidence``)
    evidence: dict[str, Any] = field(default_factory=dict)
    #: the cross-lingual bridge the scores read through ("freedict-deu-eng", "cc-cedict"), None
    #: when both texts are English or a language has no installed dictionary
    bridge: str | None = None
    #: the two languages as read (ISO 639-1), so a view can say when no bridge joined them
    languages: tuple[str, str] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "scores": self.scores.to_dict(),
            "same_story": self.same_story,
            "same_story_probability": round(float(self.same_story_probability), 3),
            "evidence": self.evidence,
            "bridge": self.bridge,
            "languages": list(self.languages) if self.languages else None,
        }

    @property
    def unbridged(self) -> bool:
        """Two languages met with no dictionary between them: only names, numbers and dates
        carried across."""
        return bool(self.languages) and self.languages[0] != self.languages[1] and not self.bridge

    @property
    def bridge_note(self) -> str | None:
        """One line for the views: how two languages met, or that nothing joined them."""
        if self.unbridged and self.languages:
            first, second = self.languages
            return (
                f"no bridge between {first} and {second}: no dictionary joins them, so only "
                "names, numbers and dates carried across"
            )
        return f"read across languages through {self.bridge}" if self.bridge else None


@dataclass
class StoryMember:
    """One article as it stands in a story."""

    id: str
    title: str
    outlet: str | None
    url: str | None
    published: str | None
    duplicate_group: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Story:
    """A specific event and every article that reported it."""

    id: str
    title: str
    articles: list[StoryMember] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    first_seen: str | None = None
    last_seen: str | None = None
    first_reported_by: str | None = None
    #: groups of near-identical copies (wire copy), each a list of article ids, largest first
    duplicate_groups: list[list[str]] = field(default_factory=list)

    def to_dict(self, with_articles: bool = True) -> dict[str, Any]:
        data = asdict(self)
        if not with_articles:
            data["articles"] = len(self.articles)
        return data
