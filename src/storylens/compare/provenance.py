"""Provenance: did one article take its text from the other, did both take it from a third?

Reuse alone says *that* text travelled, not *which way*: a rewrite may trim the wire (the copy
is contained in the source) or add to it (the source is contained in the copy). So the direction
comes, in order of trust, from credits ("Source: Reuters" naming the other article's outlet, or
naming a wire when the other article carries no outlet or credit of its own and so reads like
the wire copy), then publication times, then, for a copy that only trims, containment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache

from storylens.analyze.document import Analysis
from storylens.compare.comparison import Passage, Provenance
from storylens.compare.words import tokens
from storylens.sets import containment

#: below this share of reused words (paraphrases counting half) the two texts are independent
INDEPENDENT_BELOW = 0.2
#: a text this much contained in the other, with the other adding much, is a trimmed copy
TRIMMED_COPY = 0.85
#: share of an uncredited, outlet-less text found in a crediting one for it to be the credited copy
COPY_FOUND = 0.5

_CREDIT_LINE = re.compile(
    r"^\s*(?:sources?|credit|via|with (?:additional )?reporting by|reporting by)\s*[:\-–]\s*"
    r"(?P<names>[^\n]{2,80}?)\s*\.?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_DATELINE = re.compile(r"\((?P<name>Reuters|AP|AFP|Associated Press|Bloomberg|dpa|Xinhua)\)")


def credits(analysis: Analysis) -> list[str]:
    """Sources the article credits: those the reader found plus "Source: X" lines and datelines."""
    art = analysis.article
    return list(_credits(tuple(art.credited_sources), art.text))


@lru_cache(maxsize=1024)
def _credits(read: tuple[str, ...], text: str) -> tuple[str, ...]:
    # cached: a story traces each article against several others, each trace reading both
    found = list(read)
    for m in _CREDIT_LINE.finditer(text):
        found.extend(n.strip() for n in re.split(r",|\band\b|/", m.group("names")) if n.strip())
    found.extend(m.group("name") for m in _DATELINE.finditer(text[:400]))
    seen: dict[str, str] = {}
    for name in found:
        seen.setdefault(name.lower(), name)
    return tuple(seen.values())


def _names_meet(x: str, y: str) -> bool:
    tx, ty = set(tokens(x)), set(tokens(y))
    return bool(tx and ty) and (tx <= ty or ty <= tx)


def _credits_article(
    credited: list[str], other: Analysis, other_credits: list[str], other_share: float
) -> bool:
    """Does a credit name ``other``: its outlet, or a source ``other`` reads like the copy of?"""
    outlet = other.article.outlet
    if outlet:
        return any(_names_meet(c, outlet) for c in credited)
    # without an outlet name, a text that credits no one itself and is mostly found in the
    # crediting article reads like the credited copy (wire files often carry no outlet)
    return bool(credited) and not other_credits and other_share >= COPY_FOUND


def _published(analysis: Analysis) -> datetime | None:
    value = analysis.article.published
    if not value:
        return None
    try:
        stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    # naive stamps are taken as UTC so that every pair of times compares
    return stamp.astimezone(UTC).replace(tzinfo=None) if stamp.tzinfo else stamp


def sentence_words(analysis: Analysis) -> list[int]:
    """Words in each sentence, as the shares below count them."""
    return [len(tokens(s.text)) for s in analysis.sentences]


def _word_share(counts: Sequence[int], indices: set[int]) -> float:
    total = sum(counts)
    return sum(counts[i] for i in indices) / total if total else 0.0


def trace(
    a: Analysis,
    b: Analysis,
    passages: list[Passage],
    words: tuple[Sequence[int], Sequence[int]] | None = None,
) -> Provenance:
    """Decide the relation of A and B from the alignment, shingles, credits and times.

    ``words`` are :func:`sentence_words` of A and B, for a caller that traces one article
    against several and counts its words once.
    """
    words_a, words_b = words or (sentence_words(a), sentence_words(b))
    aligned_a = {i for p in passages for i in p.a}
    aligned_b = {j for p in passages for j in p.b}
    verbatim_a = {i for p in passages if p.kind == "verbatim" for i in p.a}
    verbatim_b = {j for p in passages if p.kind == "verbatim" for j in p.b}
    share_a = max(_word_share(words_a, aligned_a), containment(a.shingles, b.shingles))
    share_b = max(_word_share(words_b, aligned_b), containment(b.shingles, a.shingles))
    credits_a, credits_b = credits(a), credits(b)
    verbatim_share_a = min(_word_share(words_a, verbatim_a), share_a)
    verbatim_share_b = min(_word_share(words_b, verbatim_b), share_b)
    # paraphrases count half towards "text travelled": two reports of the same people doing
    # similar things paraphrase each other by accident; copied words do not happen by accident
    evidence = max(
        verbatim_share_a + (share_a - verbatim_share_a) / 2,
        verbatim_share_b + (share_b - verbatim_share_b) / 2,
    )
    relation, reason = _decide(a, b, share_a, share_b, credits_a, credits_b, evidence)
    return Provenance(
        relation=relation,
        reused_share_a=share_a,
        reused_share_b=share_b,
        credited_sources={"a": credits_a, "b": credits_b},
        reason=reason,
        verbatim_share_a=verbatim_share_a,
        verbatim_share_b=verbatim_share_b,
    )


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _decide(
    a: Analysis,
    b: Analysis,
    share_a: float,
    share_b: float,
    credits_a: list[str],
    credits_b: list[str],
    evidence: float,
) -> tuple[str, str]:
    shares = f"{_pct(share_a)} of A is found in B and {_pct(share_b)} of B in A"
    if evidence < INDEPENDENT_BELOW:
        return "independent", f"The two share little text ({shares})."
    b_credits_a = _credits_article(credits_b, a, credits_a, share_a)
    a_credits_b = _credits_article(credits_a, b, credits_b, share_b)
    if b_credits_a and not a_credits_b:
        return "b_derived_from_a", f"B credits {', '.join(credits_b)} and {shares}."
    if a_credits_b and not b_credits_a:
        return "a_derived_from_b", f"A credits {', '.join(credits_a)} and {shares}."
    common = {c.lower() for c in credits_a} & {c.lower() for c in credits_b}
    if common:
        names = ", ".join(c for c in credits_a if c.lower() in common)
        return "common_source", f"Both credit {names} and {shares}."
    time_a, time_b = _published(a), _published(b)
    if time_a and time_b and time_a != time_b and max(share_a, share_b) >= 0.5:
        if time_b > time_a:
            return "b_derived_from_a", f"B was published after A and {shares}."
        return "a_derived_from_b", f"A was published after B and {shares}."
    if share_b >= TRIMMED_COPY and share_a <= TRIMMED_COPY - 0.2:
        return "b_derived_from_a", f"B reads as a trimmed copy of A: {shares}."
    if share_a >= TRIMMED_COPY and share_b <= TRIMMED_COPY - 0.2:
        return "a_derived_from_b", f"A reads as a trimmed copy of B: {shares}."
    return "common_source", f"Both reuse the same text with neither containing the other: {shares}."
