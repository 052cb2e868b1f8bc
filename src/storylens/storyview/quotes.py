"""Quotes across a story: each quotation once, with every article that runs it, trimmed or not.

Quotes are taken longest first; each joins the quote whose words it is found in (in order, 80%
of them, as :func:`storylens.compare.evidence.match_quotes` decides for two articles) or starts
its own. Candidates come from an index of word pairs, not from all pairs. Last, every article
whose text holds a quote's words (quote marks, case and spacing aside) carries it, even where
the analysis did not read them as a quote (a quote without marks, a line break inside one).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from storylens.analyze.document import Analysis
from storylens.compare.evidence import QUOTE_CONTAINMENT, merge_speaker
from storylens.compare.words import containment, tokens
from storylens.storyview.spans import FoldedText, fold

#: quotes shorter than this (in words) are scare quotes ("appropriate"), not statements
MIN_QUOTE_WORDS = 3


@dataclass
class QuoteCarrier:
    article: int
    how: str
    #: (start, end) in the article's text
    span: tuple[int, int]


@dataclass
class QuoteGroup:
    text: str
    speaker: str | None
    #: the article and position of the longest wording (the group's text)
    origin: tuple[int, int]
    carriers: list[QuoteCarrier] = field(default_factory=list)


def _pairs(words: list[str]) -> set[tuple[str, str]]:
    return {(words[i], words[i + 1]) for i in range(len(words) - 1)}


def _span(analysis: Analysis, folded: FoldedText, text: str, sentence: int) -> tuple[int, int]:
    found = folded.find(text)
    if found is not None:
        return found
    s = analysis.sentences[sentence]
    return s.start, s.end


def find_quotes(
    analyses: Sequence[Analysis], groups: Sequence[int], folded: Sequence[FoldedText]
) -> list[QuoteGroup]:
    """Every quote of the story once; ``groups[i]`` is article i's language group."""
    items = [
        (len(words), i, q_index, words)
        for i, a in enumerate(analyses)
        for q_index, q in enumerate(a.quotes)
        if len(words := tokens(q.text)) >= MIN_QUOTE_WORDS
    ]
    items.sort(key=lambda t: (-t[0], t[1], t[2]))
    found: list[QuoteGroup] = []
    group_words: list[list[str]] = []
    group_bags: list[Counter[str]] = []
    group_lang: list[int] = []
    index: dict[tuple[str, str], set[int]] = defaultdict(set)
    for _, i, q_index, words in items:
        quote = analyses[i].quotes[q_index]
        best, best_g = 0.0, -1
        candidates = set().union(*(index.get(p, set()) for p in _pairs(words)))
        bag = Counter(words)
        for g in sorted(candidates):
            if group_lang[g] != groups[i]:
                continue
            if words == group_words[g]:
                share = 1.0
            elif (bag & group_bags[g]).total() < QUOTE_CONTAINMENT * len(words):
                continue  # too few of its words are there at all, in any order: it cannot join
            else:
                share = containment(words, group_words[g])
            if share > best:
                best, best_g = share, g
        span = _span(analyses[i], folded[i], quote.text, quote.sentence)
        if best >= QUOTE_CONTAINMENT:
            group = found[best_g]
            group.speaker = merge_speaker(group.speaker, quote.speaker)
            if all(c.article != i for c in group.carriers):
                how = "verbatim" if words == group_words[best_g] else "partial"
                group.carriers.append(QuoteCarrier(i, how, span))
            continue
        found.append(QuoteGroup(quote.text, quote.speaker, (i, q_index)))
        found[-1].carriers.append(QuoteCarrier(i, "verbatim", span))
        group_words.append(words)
        group_bags.append(bag)
        group_lang.append(groups[i])
        for p in _pairs(words):
            index[p].add(len(found) - 1)
    holders: dict[str, set[int]] = defaultdict(set)
    for i, text in enumerate(folded):
        for word in text.folded.split(" "):
            holders[word].add(i)
    for group in found:
        _sweep(group, folded, holders)
    return found


def _sweep(group: QuoteGroup, folded: Sequence[FoldedText], holders: dict[str, set[int]]) -> None:
    """Every article holding the quote's words carries it, whatever the analysis read.

    ``holders`` maps each folded word to the articles that have it. The words inside the quote
    (not its first and last, which may be the end of a longer word such as '"we') are whole
    words of any article that has the quote, so only the holders of the rarest are searched.
    """
    carrying = {c.article for c in group.carriers}
    inner = fold(group.text).split(" ")[1:-1]
    searched = (
        sorted(min((holders.get(w, set()) for w in inner), key=len))
        if inner
        else range(len(folded))
    )
    for i in searched:
        if i in carrying:
            continue
        text = folded[i]
        span = text.find(group.text)
        if span is not None:
            group.carriers.append(QuoteCarrier(i, "verbatim", span))
    group.carriers.sort(key=lambda c: c.article)
