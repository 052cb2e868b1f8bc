"""Facts across languages: an article in another language joins the story's facts through its
word-for-word English gloss (:mod:`storylens.analyze.bridge`) when a dictionary joins the two.

Facts are first found within each language (:mod:`.claims`, :mod:`.quotes`, :mod:`.numbers`);
then a fact of a bridged language joins the main language's fact it translates:

- quotes and claims by their content words: each foreign word may mean any of the English words
  its dictionary entries give (FreeDict often lists a rare sense first), and enough of them must
  meet the English fact's words, with the glosses' embeddings close and numbers not
  contradicting. A translation is never a copy: such carriers are ``translated``.
- numbers by value and unit, which carry across languages as they are. A money, percent or
  measured quantity meets its own kind; a plain count ("22 Menschen") meets the main-language
  count of that value when there is only one and the two sentences share a glossed word, since
  what a count counts is read from English words.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from storylens.analyze.bridge import bridge, senses
from storylens.analyze.document import Analysis
from storylens.analyze.models import Models
from storylens.languages import primary
from storylens.storyview.facts import Draft
from storylens.storyview.model import TRANSLATED, Carrier
from storylens.storyview.numbers import COUNTED_KINDS, Reading, read, value_of

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_JOINABLE = frozenset({"claim", "quote"})


def bridge_method(language: str | None) -> str | None:
    """How a language reaches English: "english", the dictionaries' name, or None."""
    if not language:
        return None
    lang = primary(language)
    if lang == "en":
        return "english"
    from storylens.analyze.glossary import glossary

    book = glossary(lang)
    return book.name if book is not None else None


def joined_groups(languages: Sequence[str], main: str | None) -> dict[int, str]:
    """Language group -> the dictionaries that join it to the main group (group 0), for every
    other group whose language and the main language both reach English."""
    if bridge_method(main) is None:
        return {}
    out: dict[int, str] = {}
    for g, lang in enumerate(languages):
        if g and (method := bridge_method(lang)) is not None:
            out[g] = method if method != "english" else bridge_method(main) or method
    return out


def _gloss(text: str, language: str | None) -> list[str]:
    return list(bridge(text, language or "en").gloss)


def number_readings(
    analyses: Sequence[Analysis],
    languages: Sequence[str | None],
    groups: Sequence[int],
    joined: dict[int, str],
) -> tuple[list[Reading], list[int]]:
    """Every article's readings, and the group each article's numbers are matched in: a
    bridged article's numbers are matched with the main group's."""
    found: list[Reading] = []
    # one main-group count per value, with the glossed words of its sentences
    counts: dict[float, set[tuple[str, str | None]]] = {}
    context: dict[float, set[str]] = {}
    for i, analysis in enumerate(analyses):
        if groups[i] in joined:
            continue
        for q in analysis.quantities:
            if (r := read(analysis, i, q)) is None:
                continue
            found.append(r)
            if groups[i] == 0 and r.quantity not in ("money", "percent"):
                counts.setdefault(r.value, set()).add((r.quantity, r.unit))
                sentence = analysis.sentences[q.sentence].text
                context.setdefault(r.value, set()).update(_gloss(sentence, languages[i]))
    for i, analysis in enumerate(analyses):
        if groups[i] not in joined:
            continue
        for q in analysis.quantities:
            if q.kind not in COUNTED_KINDS:
                continue
            if q.kind != "number":
                # currencies, percent and units read the same in any language
                if (r := read(analysis, i, q)) is not None:
                    found.append(r)
                continue
            value = value_of(q.key)
            if value is None or len(counts.get(value, ())) != 1:
                continue
            sentence = analysis.sentences[q.sentence]
            if not context[value] & set(_gloss(sentence.text, languages[i])):
                continue
            at = sentence.text.find(q.text)
            if at < 0:
                continue
            quantity, unit = next(iter(counts[value]))
            span = (sentence.start + at, sentence.start + at + len(q.text))
            found.append(Reading(quantity, unit, value, q.text, i, span))
    number_groups = [0 if g in joined else g for g in groups]
    return found, number_groups


#: a translated quote or claim: the share of the shorter side's content words that meet the
#: other side, how many at least, and the cosine of the two glosses' embeddings. Set by hand on
#: German/English sentence pairs (tests/storyview/test_languages.py): a translation met 0.56-0.75
#: of its words at cosines 0.56-0.91, two unrelated sentences of one story at most 0.33 and 0.33.
MIN_SHARE = 0.5
MIN_SHARED = 2
MIN_COSINE = 0.5


@dataclass(frozen=True)
class _Read:
    """A fact's text as the matcher reads it: per content word, the English words it may mean."""

    meanings: list[frozenset[str]]

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset().union(*self.meanings)


def _glossed(english: _Read, other: _Read) -> list[str]:
    """``other`` glossed with the meaning of each word that meets ``english`` where one does
    (its first listed meaning otherwise)."""
    known = english.words
    return [min(m & known) if m & known else min(m) for m in other.meanings if m]


def join_facts(
    drafts: list[Draft],
    group_language: Sequence[str],
    order: dict[str, int],
    groups: Sequence[int],
    joined: dict[int, str],
    models: Models | None = None,
) -> list[Draft]:
    """Quote and claim drafts of bridged groups joined to the main group's drafts they
    translate (best first, each once); ``order`` maps article ids to their index, ``groups``
    an index to its language group. A number's carrier in a bridged language is translated.
    ``models`` encodes the glosses (the process's shared ones when None)."""
    if not joined:
        return drafts
    for d in drafts:
        if d.fact.kind == "number":
            d.fact.carried_by = [
                Carrier(c.article, c.outlet, TRANSLATED, c.text)
                if groups[order[c.article]] in joined
                else c
                for c in d.fact.carried_by
            ]
    main = [d for d in drafts if d.group == 0 and d.fact.kind in _JOINABLE]
    other = [d for d in drafts if d.group in joined and d.fact.kind in _JOINABLE]
    if not main or not other:
        return drafts
    main_read = [_Read(senses(d.fact.text, group_language[0])) for d in main]
    other_read = [_Read(senses(d.fact.text, group_language[d.group])) for d in other]
    # only pairs that share a word are judged: a story's facts are not compared all with all
    postings: dict[str, set[int]] = defaultdict(set)
    for x, rx in enumerate(main_read):
        for word in rx.words:
            postings[word].add(x)
    candidates = []
    for y, (e, ry) in enumerate(zip(other, other_read, strict=True)):
        met: Counter[int] = Counter()
        for meaning in ry.meanings:
            # a foreign word counts once per main fact, whichever of its meanings meets it
            met.update(set().union(*(postings.get(w, set()) for w in meaning)))
        # ``met[x]``: how many of this fact's words meet main fact x
        for x, shared in sorted(met.items()):
            rx = main_read[x]
            small = min(len(rx.meanings), len(ry.meanings))
            if shared < MIN_SHARED or shared / small < MIN_SHARE:
                continue
            if _contradict(main[x].fact.text, e.fact.text):
                continue
            candidates.append((shared / small, x, y, " ".join(_glossed(rx, ry))))
    if not candidates:
        return drafts
    english = {x: " ".join(min(m) for m in main_read[x].meanings) for _, x, _, _ in candidates}
    # each distinct text once: a main fact is often a candidate for several foreign ones, and a
    # sentence's vector does not depend on what it is encoded with
    texts = list(dict.fromkeys([*english.values(), *(c[3] for c in candidates)]))
    encoded = (models or Models.shared()).encode(texts)
    vectors = dict(zip(texts, encoded, strict=True))
    ranked = []
    for share, x, y, glossed in candidates:
        cos = float(vectors[english[x]] @ vectors[glossed])
        if cos >= MIN_COSINE:
            ranked.append((cos + share, x, y))
    ranked.sort(key=lambda c: (-c[0], c[1], c[2]))
    taken: set[int] = set()
    for _, x, y in ranked:
        target, source = main[x], other[y]
        held = {c.article for c in target.fact.carried_by}
        if y in taken or held & {c.article for c in source.fact.carried_by}:
            continue
        taken.add(y)
        target.fact.carried_by = sorted(
            target.fact.carried_by
            + [Carrier(c.article, c.outlet, TRANSLATED, c.text) for c in source.fact.carried_by],
            key=lambda c: order[c.article],
        )
        if source.place < target.place:
            target.place, target.fact.first = source.place, source.fact.first
    gone = {id(other[y]) for y in taken}
    return [d for d in drafts if id(d) not in gone]


def _contradict(x: str, y: str) -> bool:
    """Both name numbers and share none: another fact ("two killed" / "five killed")."""
    nx = {n.replace(",", ".") for n in _DIGITS.findall(x)}
    ny = {n.replace(",", ".") for n in _DIGITS.findall(y)}
    return bool(nx and ny and not nx & ny)
