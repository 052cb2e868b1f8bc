"""The Comparison record: everything ``compare(a, b)`` found, and its JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from storylens.analyze.document import Analysis
from storylens.model import Judgement


@dataclass
class Passage:
    """Sentences of A paired with sentences of B (one-to-many when a sentence was split)."""

    a: list[int]
    b: list[int]
    #: ``verbatim`` (same words, tiny edits) or ``paraphrase`` (same content, reworded)
    kind: str
    #: 0..1: word-sequence ratio for verbatim passages, embedding cosine for paraphrases
    similarity: float


@dataclass
class SharedQuote:
    """One quote, listed once, with where it appears."""

    text: str
    speaker: str | None
    #: ``a``, ``b`` or ``both``
    where: str
    text_a: str | None = None
    text_b: str | None = None
    sentence_a: int | None = None
    sentence_b: int | None = None


@dataclass
class EvidenceDiff:
    """Keys grouped by type (entity label or quantity kind): what both, or only one, mention."""

    shared: dict[str, list[str]] = field(default_factory=dict)
    only_in_a: dict[str, list[str]] = field(default_factory=dict)
    only_in_b: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, dict[str, list[str]]]:
        return {"shared": self.shared, "only_in_a": self.only_in_a, "only_in_b": self.only_in_b}


@dataclass
class Provenance:
    """Who took text from whom."""

    #: ``a_derived_from_b`` | ``b_derived_from_a`` | ``common_source`` | ``independent``
    relation: str
    #: fraction of A's words that are found in B (aligned sentences or shared shingles)
    reused_share_a: float
    reused_share_b: float
    credited_sources: dict[str, list[str]]
    reason: str
    #: fraction of A's words in verbatim passages only
    verbatim_share_a: float = 0.0
    verbatim_share_b: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "relation": self.relation,
            "reused_share_a": round(self.reused_share_a, 3),
            "reused_share_b": round(self.reused_share_b, 3),
            "verbatim_share_a": round(self.verbatim_share_a, 3),
            "verbatim_share_b": round(self.verbatim_share_b, 3),
            "credited_sources": self.credited_sources,
            "reason": self.reason,
        }


@dataclass
class Comparison:
    """Two analysed articles side by side with the evidence. See :meth:`to_dict` for the JSON."""

    a: Analysis
    b: Analysis
    judgement: Judgement
    alignment: list[Passage]
    only_in_a: list[int]
    only_in_b: list[int]
    quotes: list[SharedQuote]
    entities: EvidenceDiff
    numbers: EvidenceDiff
    provenance: Provenance

    @property
    def same_story(self) -> bool:
        return self.judgement.same_story

    def name(self, side: str) -> str:
        """How to call one side: its outlet, else the file it came from, else its id."""
        art = (self.a if side == "a" else self.b).article
        if art.outlet:
            return art.outlet
        if art.source:
            return PurePath(art.source.rsplit(":", 1)[0]).name or art.source
        return art.id

    def sentence_text(self, side: str, index: int) -> str:
        analysis = self.a if side == "a" else self.b
        return analysis.sentences[index].text

    def passage_text(self, side: str, indices: list[int]) -> str:
        return " ".join(self.sentence_text(side, i) for i in indices)

    def to_dict(self) -> dict[str, Any]:
        """The JSON view shared by ``storylens compare --format json`` and the web API.

        Keys:

        - ``a``, ``b``: the two articles: ``id``, ``title``, ``outlet``, ``published``,
          ``language``, ``credited_sources`` (as the reader found them), ``url``,
          ``n_sentences``.
        - ``same_story`` (bool): both report the same specific event, not just the same topic;
          ``same_story_probability`` (0..1), both from the one same-event judgement
          (``storylens.score.same_story``) that ``storylens score`` and story grouping use;
          ``same_story_evidence``: what it read, ``{days_apart, shared_dates,
          conflicting_dates, shared_editions, conflicting_editions, shared_places,
          places_only_a, places_only_b, shared_actors, shared_counts, differing_counts}``.
        - ``scores``: SemEval-2022 Task 8 dimensions ``overall, geography, entities, time,
          narrative, style, tone``, each 1 (very similar) … 4 (very dissimilar).
        - ``bridge``: the dictionaries the scores read a non-English text through
          (``freedict-deu-eng``, ``cc-cedict``, …), or null: both English, or a language with
          no installed dictionary; ``languages``: the two languages as read (ISO 639-1).
        - ``alignment``: passages in A order, each ``{a, b, kind, similarity, a_sentences,
          b_sentences}``: ``a``/``b`` the text of the sentences on each side, ``kind``
          ``verbatim`` | ``paraphrase``, ``similarity`` 0..1, ``a_sentences``/``b_sentences``
          the sentence indices (several on one side when a sentence was split or merged).
        - ``only_in_a``, ``only_in_b``: unaligned sentences, each ``{sentence, text}``.
        - ``quotes``: each quote once, ``{text, speaker, in, text_a, text_b, sentence_a,
          sentence_b}``; ``in`` is ``a``, ``b`` or ``both`` (same words, even if one side
          trims); ``text`` is the longer wording.
        - ``entities``: ``{shared, only_in_a, only_in_b}``, each ``{label: [names]}`` by spaCy
          label (PERSON, GPE, ORG, …).
        - ``numbers``: ``{shared, only_in_a, only_in_b}``, each ``{kind: [texts]}`` by kind
          (money, percent, number, date, …), matched on normalised values.
        - ``provenance``: ``relation`` (``a_derived_from_b`` | ``b_derived_from_a`` |
          ``common_source`` | ``independent``), ``reused_share_a``/``reused_share_b`` (fraction
          of each text's words found in the other), ``verbatim_share_a``/``verbatim_share_b``
          (the same, verbatim passages only), ``credited_sources`` ``{a: [...], b: [...]}``
          (credits found by the reader or in lines like "Source: Reuters"), ``reason``
          (one sentence).
        """
        return {
            "a": _article_dict(self.a),
            "b": _article_dict(self.b),
            "same_story": self.judgement.same_story,
            "same_story_probability": round(float(self.judgement.same_story_probability), 3),
            "same_story_evidence": self.judgement.evidence,
            "scores": self.judgement.scores.to_dict(),
            "bridge": self.judgement.bridge,
            "languages": list(self.judgement.languages) if self.judgement.languages else None,
            "alignment": [
                {
                    "a": self.passage_text("a", p.a),
                    "b": self.passage_text("b", p.b),
                    "kind": p.kind,
                    "similarity": round(p.similarity, 3),
                    "a_sentences": p.a,
                    "b_sentences": p.b,
                }
                for p in self.alignment
            ],
            "only_in_a": [
                {"sentence": i, "text": self.sentence_text("a", i)} for i in self.only_in_a
            ],
            "only_in_b": [
                {"sentence": i, "text": self.sentence_text("b", i)} for i in self.only_in_b
            ],
            "quotes": [
                {
                    "text": q.text,
                    "speaker": q.speaker,
                    "in": q.where,
                    "text_a": q.text_a,
                    "text_b": q.text_b,
                    "sentence_a": q.sentence_a,
                    "sentence_b": q.sentence_b,
                }
                for q in self.quotes
            ],
            "entities": self.entities.to_dict(),
            "numbers": self.numbers.to_dict(),
            "provenance": self.provenance.to_dict(),
        }


def _article_dict(analysis: Analysis) -> dict[str, Any]:
    art = analysis.article
    return {
        "id": art.id,
        "title": art.title,
        "outlet": art.outlet,
        "published": art.published,
        "language": art.language,
        "credited_sources": list(art.credited_sources),
        "url": art.url,
        "n_sentences": len(analysis.sentences),
    }
