"""Claims, quotes and numbers turned into facts: each once, with its carriers and first carrier.

Articles arrive oldest first (undated last), so the first carrier of a fact is its carrier with
the lowest article index.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storylens.analyze.document import Analysis
from storylens.storyview.claims import Claim
from storylens.storyview.model import PARAPHRASE, VERBATIM, Carrier, Fact, First, ViewArticle
from storylens.storyview.numbers import Reading, ValueKey
from storylens.storyview.quotes import QuoteGroup
from storylens.storyview.spans import fold

_KIND_ORDER = {"quote": 0, "claim": 1, "number": 2}


@dataclass
class Draft:
    """A fact before it is ranked and named: where it first appears orders equals."""

    fact: Fact
    #: (first article index, position in that article)
    place: tuple[int, int]
    #: the language group of its articles
    group: int


def _first(articles: Sequence[ViewArticle], index: int) -> First:
    art = articles[index]
    return First(article=art.id, outlet=art.outlet, published=art.published)


def _carrier(articles: Sequence[ViewArticle], index: int, how: str, text: str) -> Carrier:
    art = articles[index]
    return Carrier(article=art.id, outlet=art.outlet, how=how, text=text)


def claim_facts(
    analyses: Sequence[Analysis],
    articles: Sequence[ViewArticle],
    claims: Sequence[Claim],
    groups: Sequence[int],
) -> list[Draft]:
    out: list[Draft] = []
    for claim in claims:
        head = claim.members[0]
        carriers = []
        for node in claim.members:
            sentences = analyses[node[0]].sentences
            parts = claim.sentences_of(node[0])
            # one span over the sentences it carries (two when it split what others kept whole)
            start, end = sentences[parts[0]].start, sentences[parts[-1]].end
            text = analyses[node[0]].article.text[start:end]
            how = claim.how.get(node, VERBATIM)
            carriers.append(_carrier(articles, node[0], how, text))
        fact = Fact("", "claim", carriers[0].text, carriers, _first(articles, head[0]))
        out.append(Draft(fact, head, groups[head[0]]))
    return out


def quote_facts(
    analyses: Sequence[Analysis],
    articles: Sequence[ViewArticle],
    quotes: Sequence[QuoteGroup],
    groups: Sequence[int],
) -> list[Draft]:
    out: list[Draft] = []
    for group in quotes:
        carriers = [
            _carrier(articles, c.article, c.how, analyses[c.article].article.text[slice(*c.span)])
            for c in group.carriers
        ]
        head = group.carriers[0]
        fact = Fact(
            "", "quote", group.text, carriers, _first(articles, head.article), speaker=group.speaker
        )
        out.append(Draft(fact, (head.article, head.span[0]), groups[group.origin[0]]))
    return out


def number_facts(
    analyses: Sequence[Analysis],
    articles: Sequence[ViewArticle],
    by_value: dict[ValueKey, list[Reading]],
) -> list[Draft]:
    out: list[Draft] = []
    for (group, quantity, value), found in by_value.items():
        found = sorted(found, key=lambda r: r.article)
        head = found[0]
        carriers = [
            _carrier(
                articles,
                r.article,
                VERBATIM if fold(r.text) == fold(head.text) else PARAPHRASE,
                analyses[r.article].article.text[slice(*r.span)],
            )
            for r in found
        ]
        fact = Fact(
            "",
            "number",
            head.text,
            carriers,
            _first(articles, head.article),
            quantity=quantity,
            value=value,
            unit=head.unit,
        )
        out.append(Draft(fact, (head.article, head.span[0]), group))
    return out


def rank(drafts: list[Draft]) -> list[Draft]:
    """Most widely carried first; the facts get their ids (f1, f2, …) in that order."""
    drafts.sort(
        key=lambda d: (
            -len(d.fact.outlets),
            -len(d.fact.carried_by),
            _KIND_ORDER[d.fact.kind],
            d.place,
        )
    )
    for number, draft in enumerate(drafts, 1):
        draft.fact.id = f"f{number}"
    return drafts
