"""Quotations and who said them.

For every quoted stretch of a sentence the speaker is looked for where news prose puts it: the
subject of a speech verb before a partial quote ("Abdul Mahdi asked Pompeo to “…”"), the
attribution after a quote ("“…,” spokeswoman Morgan Ortagus said"; "“…,” said Trump"), or, for a
quote standing alone, the speaker of the quote just before it. Pronouns go to the last person
named, role nouns ("the prime minister") to the one person introduced with that role.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storylens.analyze.document import Quote, Sentence
from storylens.analyze.entities import RawEntity, clean_span
from storylens.analyze.speakers import ROLES, SpeakerBook

_PATTERNS = (
    # German „…“ and French «…» first: their closing mark is an English opening one, which
    # the next pattern would otherwise read as a quote running to the end of the sentence
    re.compile(r"„(?P<q>[^„“”]+)[“”]"),
    re.compile(r"«\s*(?P<q>[^«»]+?)\s*»"),
    re.compile(r"“(?P<q>[^“”]+)(?:”|$)"),
    re.compile(r'"(?P<q>[^"]+)"'),
    re.compile(r"(?:^|(?<=[\s(\[—–-]))[‘'](?P<q>[^‘’']*?[^\s‘’'])[’'](?=[\s.,;:!?)\]—–-]|$)"),
)
SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|asked|asks|stated|wrote|writes|noted|warned|explained|"
    "insisted|declared|continued|replied|responded|argued|claimed|announced|tweeted|urged|"
    "suggested|stressed|vowed|acknowledged|admitted|described|according to|quoted|called"
)
_VERB = re.compile(rf"\b(?:{SPEECH_VERBS})\b", re.I)
_PRONOUN = re.compile(r"\b(?:he|she|his office|her office)\b", re.I)
_ROLE_PHRASE = re.compile(
    r"\b(?:the|a|an|his|her|its|their)\s+(?:[\w-]+\s+){0,2}?(?:"
    + "|".join(r.replace(" ", r"\s+") for r in ROLES)
    + r")\b",
    re.I,
)
_CAPITALISED = re.compile(r"(?:\b[A-Z][\w’'-]*(?:\s+|$)){1,4}$")
_TRAILING_APPOSITIVE = re.compile(r",[^,“”\"]{1,90},\s*$")
_APPOSITIVE = re.compile(r"^\s*,[^,“”\"]{1,90},\s*$")
_NOT_NAMES = frozenset({"The", "A", "An", "It", "They", "We", "I", "This", "That", "But", "And"})


@dataclass
class _Mention:
    start: int
    end: int
    kind: str  # person | thing | pronoun | role | name
    text: str


def _spans(text: str) -> list[tuple[int, int, int, int]]:
    """(outer_start, outer_end, inner_start, inner_end) of each quotation in ``text``."""
    found: list[tuple[int, int, int, int]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            outer = (match.start(), match.end())
            if any(a < outer[1] and outer[0] < b for a, b, _, _ in found):
                continue
            found.append((*outer, match.start("q"), match.end("q")))
    return sorted(found)


class Attributor:
    """Finds the speakers of one article's quotes, remembering who spoke and who was named."""

    def __init__(self, text: str, entities: Sequence[RawEntity], book: SpeakerBook) -> None:
        self.text = text
        self.entities = entities
        self.book = book
        self.last_speaker: tuple[int, str] | None = None

    def _mentions(self, sentence: Sentence) -> list[_Mention]:
        out = [
            _Mention(
                e.start - sentence.start,
                e.end - sentence.start,
                "person" if e.label == "PERSON" else "thing",
                e.text,
            )
            for e in self.entities
            if e.sentence == sentence.index and e.label in {"PERSON", "ORG", "GPE"}
        ]
        for pattern, kind in ((_PRONOUN, "pronoun"), (_ROLE_PHRASE, "role")):
            for match in pattern.finditer(sentence.text):
                if not any(m.start < match.end() and match.start() < m.end for m in out):
                    out.append(_Mention(match.start(), match.end(), kind, match.group(0)))
        return sorted(out, key=lambda m: m.start)

    def _last_person(self, before: int) -> str | None:
        best: RawEntity | None = None
        for entity in self.entities:
            later = best is None or entity.end > best.end
            if entity.label == "PERSON" and entity.end <= before and later:
                best = entity
        return self.book.canonical(clean_span(best.text)) if best else None

    def _name(self, mention: _Mention, sentence: Sentence) -> str | None:
        position = sentence.start + mention.start
        if mention.kind == "person":
            return self.book.canonical(clean_span(mention.text))
        if mention.kind == "pronoun":
            if self.last_speaker and sentence.index - self.last_speaker[0] <= 1:
                last = self._last_person(position)
                # "he" after a quote by X is X unless someone else was named since
                recent = self._last_person_in(sentence, mention.start)
                return recent or self.last_speaker[1] or last
            return self._last_person(position)
        if mention.kind == "role":
            return self.book.by_role(mention.text)
        if mention.kind == "name":
            return self.book.canonical(mention.text)
        cleaned = clean_span(re.sub(r"^(?:the|a|an)\s+", "", mention.text, flags=re.I))
        # "the US State Department" and "the State Department" are one speaker
        cleaned = re.sub(r"^(?:US|U\.S\.|UK)\s+(?=[A-Z])", "", cleaned)
        if self.book.refers_to_known(cleaned):
            return self.book.canonical(cleaned)
        return cleaned or None

    def _last_person_in(self, sentence: Sentence, before: int) -> str | None:
        people = [
            e
            for e in self.entities
            if e.sentence == sentence.index
            and e.label == "PERSON"
            and e.end - sentence.start <= before
        ]
        return self.book.canonical(clean_span(people[-1].text)) if people else None

    def _subject(
        self, sentence: Sentence, mentions: list[_Mention], lo: int, hi: int
    ) -> str | None:
        """Speaker of the first speech verb in ``sentence.text[lo:hi]``, before or after it."""
        segment = sentence.text[lo:hi]
        for verb in _VERB.finditer(segment):
            v_start, v_end = lo + verb.start(), lo + verb.end()
            before = [m for m in mentions if lo <= m.start and m.end <= v_start]
            # "X, a mid-ranking Muslim leader, told …": the speaker stands before the appositive
            appositive = _TRAILING_APPOSITIVE.search(sentence.text[lo:v_start])
            if appositive:
                edge = lo + appositive.start()
                outside = [m for m in before if m.end <= edge]
                if outside and not sentence.text[outside[-1].end : edge].strip():
                    return self._name(outside[-1], sentence)
            if before:
                mention = before[-1]
                gap = sentence.text[mention.end : v_start]
                if len(gap.split()) <= 2 or _APPOSITIVE.match(gap):
                    return self._name(mention, sentence)
            plain = _CAPITALISED.search(sentence.text[lo:v_start])
            if plain and plain.group(0).split()[0] not in _NOT_NAMES:
                return self._name(_Mention(0, 0, "name", plain.group(0).strip()), sentence)
            after = [m for m in mentions if m.start >= v_end and m.end <= hi]
            if after and not sentence.text[v_end : after[0].start].strip(" ,:"):
                return self._name(after[0], sentence)
            if verb.group(0).casefold() != "according to":
                return None
        return None

    def quotes(self, sentence: Sentence, previous: Quote | None) -> list[Quote]:
        spans = _spans(sentence.text)
        if not spans:
            return []
        mentions = self._mentions(sentence)
        out: list[Quote] = []
        for i, (o_start, o_end, i_start, i_end) in enumerate(spans):
            words = sentence.text[i_start:i_end].strip(" ,;:")
            if not words:
                continue
            lead = sentence.text[:o_start].strip(" \t—–-:")
            nxt = spans[i + 1][0] if i + 1 < len(spans) else len(sentence.text)
            prev_end = spans[i - 1][1] if i else 0
            speaker: str | None = None
            if lead:
                speaker = self._subject(sentence, mentions, prev_end, o_start)
            if speaker is None:
                speaker = self._subject(sentence, mentions, o_end, nxt)
            if speaker is None and out:
                speaker = out[-1].speaker
            # a quote standing alone continues the one just before (single quotes: a headline)
            alone = not lead and sentence.text[o_start] != "‘"
            near = previous is not None and sentence.index - previous.sentence <= 1
            if speaker is None and alone and near and previous is not None:
                speaker = previous.speaker
            quote = Quote(words, speaker, sentence.index)
            out.append(quote)
            if speaker:
                self.last_speaker = (sentence.index, speaker)
        return out


def extract(
    sentences: Sequence[Sentence], entities: Sequence[RawEntity], book: SpeakerBook, text: str
) -> list[Quote]:
    """Every quotation of an article with its speaker (None when nobody can be named)."""
    attributor = Attributor(text, entities, book)
    out: list[Quote] = []
    for sentence in sentences:
        found = attributor.quotes(sentence, out[-1] if out else None)
        out.extend(found)
    return out
