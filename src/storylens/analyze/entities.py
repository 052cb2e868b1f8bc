"""Named entities with keys that let two spellings of one thing meet ("U.S." == "United States")."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from storylens.analyze.document import Entity
from storylens.analyze.speakers import (
    ROLES,
    SpeakerBook,
    display_name,
    name_key,
    name_tokens,
    roles_in,
)

#: spaCy labels we keep as entities; numbers and dates go to quantities instead
ENTITY_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)
QUANTITY_LABELS = frozenset({"MONEY", "PERCENT", "CARDINAL", "DATE", "TIME", "QUANTITY", "ORDINAL"})

#: spellings of one place or body that spaCy keeps apart
ALIASES = {
    "united states": "us",
    "united states of america": "us",
    "usa": "us",
    "america": "us",
    "united kingdom": "uk",
    "britain": "uk",
    "great britain": "uk",
    "united nations": "un",
    "european union": "eu",
    "islamic state": "isis",
    "isil": "isis",
    "is": "isis",
    "daesh": "isis",
    "north atlantic treaty organization": "nato",
    "us state department": "state department",
    "u s state department": "state department",
    "americans": "american",
    "iranians": "iranian",
    "iraqis": "iraqi",
}

_LEADING = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass
class RawEntity:
    """A spaCy span moved to article offsets, before normalisation."""

    text: str
    label: str
    start: int
    end: int
    sentence: int


def thing_key(text: str) -> str:
    """Key of a non-person entity: no article, possessive or dots, lowercase, aliases folded."""
    value = unicodedata.normalize("NFKC", text).strip()
    value = _POSSESSIVE.sub("", value)
    value = _LEADING.sub("", value)
    value = value.replace(".", "")
    value = value.casefold()
    value = re.sub(r"[^\w\s-]", " ", value)
    value = re.sub(r"[-\s]+", " ", value).strip()
    return ALIASES.get(value, value)


def clean_span(text: str) -> str:
    """An entity's surface text without a trailing possessive or stray punctuation."""
    return _POSSESSIVE.sub("", text.strip()).strip(" ,.;:\"“”‘’'()")


_ROLE_BEFORE = re.compile(
    r"\b(?:" + "|".join(r.replace(" ", r"\s+") for r in ROLES) + r")\s+$", re.I
)


def person_text(text: str) -> str:
    """A PERSON span's name: a photo credit "Khalid al-Mousily/Reuters" is the photographer."""
    name = clean_span(text).split("/")[0].strip() or clean_span(text)
    return display_name(name)


def people(raw: Sequence[RawEntity], full_text: str) -> SpeakerBook:
    """Every PERSON of an article and the roles it introduced them with.

    spaCy's small model calls some people ORG ("spokeswoman Morgan Ortagus"); a two-to-four
    word name right after a role word is taken for a person.
    """
    for entity in raw:
        if entity.label in {"ORG", "GPE", "NORP"} and 2 <= len(entity.text.split()) <= 4:
            before = full_text[max(0, entity.start - 30) : entity.start]
            if _ROLE_BEFORE.search(before) and entity.text[:1].isupper():
                entity.label = "PERSON"
    book = SpeakerBook(person_text(e.text) for e in raw if e.label == "PERSON")
    for entity in raw:
        if entity.label != "PERSON":
            continue
        before = full_text[max(0, entity.start - 40) : entity.start]
        before = re.split(r"[.;!?\n“”\"]", before)[-1]
        # spaCy sometimes takes the title into the name: "Spokeswoman Morgan Ortagus"
        name = clean_span(entity.text)
        before += " " + name[: max(0, name.rfind(display_name(name)))]
        after = full_text[entity.end : entity.end + 60]
        appositive = re.match(r"^,\s*(?:an?|the)\s+([^,.;]{1,50}),", after)
        found = roles_in(before)[-1:] + (roles_in(appositive.group(1)) if appositive else [])
        for role in found:
            book.add_role(role, person_text(entity.text))
    return book


def normalise(raw: Sequence[RawEntity], book: SpeakerBook) -> list[Entity]:
    """Entities of an article with keys; a surname or a mislabelled person joins the full name."""
    out: list[Entity] = []
    for entity in raw:
        if entity.label not in ENTITY_LABELS:
            continue
        text = clean_span(entity.text)
        if not text:
            continue
        label = entity.label
        # spaCy calls "Sistani" an ORG in one sentence and a PERSON in the next
        mislabelled = label in {"ORG", "GPE", "NORP", "LOC"} and len(name_tokens(text)) <= 3
        if mislabelled and book.refers_to_known(text):
            label = "PERSON"
        if label == "PERSON":
            text = person_text(text)
            name = book.canonical(text)
            key = name_key(name)
        else:
            name = text
            key = thing_key(text)
        if key:
            out.append(Entity(entity.text, label, key, entity.sentence, name))
    return out
