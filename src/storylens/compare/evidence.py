"""Quotes, entities and numbers: what both articles carry and what only one of them does."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from storylens.analyze.document import Analysis, Entity, Quantity
from storylens.analyze.entities import thing_key
from storylens.analyze.speakers import display_name, name_key
from storylens.compare.comparison import EvidenceDiff, SharedQuote
from storylens.compare.words import containment, shared_count, tokens

#: share of the shorter quote's words that must appear, in order, in the longer one
QUOTE_CONTAINMENT = 0.8

#: entity labels that are really numbers; they are compared as quantities instead
_NUMERIC_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})

#: ``(type, key, text)`` of one mention: keys decide what meets, the text is shown
Item = tuple[str, str, str]

_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|an|as|ar|at|ash)-", re.IGNORECASE)


def _surname(name: str) -> str:
    """Last name without the Arabic article, so "al-Sistani" meets "Sistani"."""
    parts = tokens(_ARTICLE_PREFIX.sub("", name.split()[-1])) if name.split() else []
    return parts[-1] if parts else name.lower()


def same_speaker(x: str | None, y: str | None) -> bool:
    if not x or not y:
        return False
    return x.lower() == y.lower() or _surname(x) == _surname(y)


def merge_speaker(x: str | None, y: str | None) -> str | None:
    """The fuller of two names for the same person; A's name when they disagree."""
    if not x or not y:
        return x or y
    if same_speaker(x, y):
        return max((x, y), key=lambda n: (len(n.split()), len(n)))
    return x


def _quote_match(words_a: list[str], words_b: list[str]) -> float:
    if not words_a or not words_b:
        return 0.0
    short, long_ = (words_a, words_b) if len(words_a) <= len(words_b) else (words_b, words_a)
    if len(short) < 3 and len(long_) > len(short) + 1:
        # a one-word quote ("appropriate") inside a long one is a coincidence, not a trim
        return 0.0
    return containment(short, long_)


def match_quotes(a: Analysis, b: Analysis) -> list[SharedQuote]:
    """Each quote once: shared when the same words are in both, even if one side trims."""
    words_a = [tokens(q.text) for q in a.quotes]
    words_b = [tokens(q.text) for q in b.quotes]
    taken_b: set[int] = set()
    found: list[SharedQuote] = []
    for i, qa in enumerate(a.quotes):
        best, best_j = 0.0, -1
        for j in range(len(b.quotes)):
            if j in taken_b:
                continue
            # the shared words bound the share: skip difflib where it could not win
            small = min(len(words_a[i]), len(words_b[j]))
            bound = shared_count(words_a[i], words_b[j]) / small if small else 0.0
            if bound <= best or bound < QUOTE_CONTAINMENT:
                continue
            share = _quote_match(words_a[i], words_b[j])
            if share > best:
                best, best_j = share, j
        if best >= QUOTE_CONTAINMENT:
            qb = b.quotes[best_j]
            taken_b.add(best_j)
            found.append(
                SharedQuote(
                    text=max((qa.text, qb.text), key=len),
                    speaker=merge_speaker(qa.speaker, qb.speaker),
                    where="both",
                    text_a=qa.text,
                    text_b=qb.text,
                    sentence_a=qa.sentence,
                    sentence_b=qb.sentence,
                )
            )
        else:
            found.append(
                SharedQuote(qa.text, qa.speaker, "a", text_a=qa.text, sentence_a=qa.sentence)
            )
    for j, qb in enumerate(b.quotes):
        if j not in taken_b:
            found.append(
                SharedQuote(qb.text, qb.speaker, "b", text_b=qb.text, sentence_b=qb.sentence)
            )
    _name_speakers_alike(found)
    return found


def _name_speakers_alike(quotes: list[SharedQuote]) -> None:
    """One name per person across both articles ("Sistani" and "al-Sistani" -> "Ali al-Sistani")."""
    names = [q.speaker for q in quotes if q.speaker]
    for q in quotes:
        if q.speaker:
            for other in names:
                q.speaker = merge_speaker(q.speaker, other)


def _display(items: list[tuple[str, str]]) -> dict[str, str]:
    """key -> the longest way the articles wrote it (most informative: "Adel Abdul Mahdi")."""
    texts: dict[str, Counter[str]] = defaultdict(Counter)
    for key, text in items:
        texts[key][text] += 1
    return {key: max(c, key=lambda t: (len(t), c[t])) for key, c in texts.items()}


def _diff(a_items: list[Item], b_items: list[Item]) -> EvidenceDiff:
    """Items are ``(type, key, text)``; keys decide, the type of the first mention labels it."""
    label: dict[str, str] = {}
    for typ, key, _ in a_items + b_items:
        label.setdefault(key, typ)
    display = _display([(k, t) for _, k, t in a_items + b_items])
    keys_a = {k for _, k, _ in a_items}
    keys_b = {k for _, k, _ in b_items}
    diff = EvidenceDiff()
    for target, keys in (
        (diff.shared, keys_a & keys_b),
        (diff.only_in_a, keys_a - keys_b),
        (diff.only_in_b, keys_b - keys_a),
    ):
        for key in keys:
            target.setdefault(label[key], []).append(display[key])
        for typ in target:
            target[typ].sort(key=str.lower)
    for target in (diff.shared, diff.only_in_a, diff.only_in_b):
        ordered = dict(sorted(target.items()))
        target.clear()
        target.update(ordered)
    return diff


#: a "US"/"U.S." in front of a body's name ("the US State Department" == "the State Department")
_US_PREFIX = re.compile(r"^(?:u ?s|united states(?: of america)?) (?=\w)")
_THE = re.compile(r"^the\s+", re.I)
#: date keys a reader can put on a calendar: "date:2020-01-03", "date:--01-03", "date:2020"
_CALENDAR_DATE = re.compile(r"^date:(?:\d|--)")


def _org_key(key: str) -> str:
    value = thing_key(key)
    stripped = _US_PREFIX.sub("", value)
    return thing_key(stripped) if stripped else value


def _person_key(key: str) -> str:
    # titles do not make another person: "president donald trump" is "donald trump"
    return name_key(key) or key


def _entity_items(entities: list[Entity]) -> list[Item]:
    items: list[Item] = []
    for e in entities:
        if e.label in _NUMERIC_LABELS or not e.key:
            continue
        if e.label == "PERSON":
            items.append((e.label, _person_key(e.key), display_name(e.name or e.text)))
        elif e.label == "ORG":
            items.append((e.label, _org_key(e.key), _THE.sub("", e.name or e.text)))
        else:
            items.append((e.label, e.key, e.text))
    return items


def _ends_with(full: tuple[str, ...], part: tuple[str, ...]) -> bool:
    return 0 < len(part) < len(full) and full[-len(part) :] == part


def _join_people(a_items: list[Item], b_items: list[Item]) -> tuple[list[Item], list[Item]]:
    """A surname or shorter name ("Trump") joins the one fuller name it ends ("Donald Trump").

    The articles name people differently ("President Donald Trump" in one, "Trump" in the other),
    so the analysis of each alone cannot meet them; when the short form ends two different
    people's names ("Donald Trump", "Ivanka Trump") it stays apart.
    """
    names = {tuple(k.split()) for typ, k, _ in a_items + b_items if typ == "PERSON"}
    into: dict[str, str] = {}
    for short in names:
        longer = [full for full in names if _ends_with(full, short)]
        if not longer:
            continue
        longest = max(longer, key=len)
        if all(other == longest or _ends_with(longest, other) for other in longer):
            into[" ".join(short)] = " ".join(longest)

    def join(items: list[Item]) -> list[Item]:
        return [(t, into.get(k, k) if t == "PERSON" else k, text) for t, k, text in items]

    return join(a_items), join(b_items)


#: the shortest name a one-letter difference may join: below it "Iran"/"Iraq" would meet
MIN_VARIANT_CHARS = 6


def _one_edit_apart(x: str, y: str) -> bool:
    """One substitution, insertion or deletion turns ``x`` into ``y`` (and they differ)."""
    if x == y or abs(len(x) - len(y)) > 1:
        return False
    if len(x) > len(y):
        x, y = y, x
    i = next((i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), len(x))
    rest = x[i + 1 :] if len(x) == len(y) else x[i:]
    return rest == y[i + 1 :]


def _join_spellings(a_items: list[Item], b_items: list[Item]) -> tuple[list[Item], list[Item]]:
    """Two spellings of one name, each article using its own ("Kerbala" / "Karbala"), meet.

    Only names of one type that neither article shares with the other are paired, only when one
    letter apart with the same first letter, and only when each has no other such partner; the
    joined name shows both spellings.
    """
    keys_a = {(t, k) for t, k, _ in a_items}
    keys_b = {(t, k) for t, k, _ in b_items}
    only_a, only_b = keys_a - keys_b, keys_b - keys_a

    def partners(item: tuple[str, str], pool: set[tuple[str, str]]) -> list[tuple[str, str]]:
        typ, key = item
        if typ in _NUMERIC_LABELS or len(key) < MIN_VARIANT_CHARS:
            return []
        return [
            (t, k)
            for t, k in pool
            if t == typ
            and k[0] == key[0]
            and len(k) >= MIN_VARIANT_CHARS
            and _one_edit_apart(k, key)
        ]

    into: dict[tuple[str, str], str] = {}
    for item in only_b:
        found = partners(item, only_a)
        if len(found) == 1 and partners(found[0], only_b) == [item]:
            into[item] = found[0][1]
    if not into:
        return a_items, b_items
    text_a = {(t, k): text for t, k, text in a_items}
    text_b = {(t, k): text for t, k, text in b_items}
    shown = {
        (t, key): f"{text_a[(t, key)]} / {text_b[(t, b_key)]}" for (t, b_key), key in into.items()
    }
    joined_a = [(t, k, shown.get((t, k), text)) for t, k, text in a_items]
    joined_b = []
    for t, k, text in b_items:
        key = into.get((t, k), k)
        joined_b.append((t, key, shown.get((t, key), text)))
    return joined_a, joined_b


def _drop_org_fragments(items: list[Item], other: list[Item]) -> list[Item]:
    """Without one-word ORGs that are a word of a longer ORG of the same article.

    spaCy tags "State" of "Secretary of State" as a body; next to "the State Department" it is a
    fragment. It stays when the other article has it on its own (it may be the one thing they
    share there) and when it is written in capitals, an acronym that names a body by itself.
    """
    orgs = {k for t, k, _ in items if t == "ORG"}
    other_orgs = {k for t, k, _ in other if t == "ORG"}

    def inside(word: str, keys: set[str]) -> bool:
        return any(word in k.split() for k in keys if " " in k)

    acronyms = {k for t, k, text in items if t == "ORG" and text.isupper() and len(text) > 1}
    drop = {
        k
        for k in orgs
        if " " not in k
        and k not in acronyms
        and inside(k, orgs)
        and (k not in other_orgs or inside(k, other_orgs))
    }
    return [(t, k, text) for t, k, text in items if not (t == "ORG" and k in drop)]


def _number_items(quantities: list[Quantity]) -> list[Item]:
    """Quantities a reader can compare: "decades" and "this year" are no date to set side by side.

    A weekday keeps its place even unresolved ("weekday:friday"): both articles naming the
    same day is a fact worth showing.
    """
    return [
        (q.kind, q.key, q.text)
        for q in quantities
        if q.key
        and (q.kind != "date" or _CALENDAR_DATE.match(q.key) or q.key.startswith("weekday:"))
    ]


def diff_entities(a: Analysis, b: Analysis) -> EvidenceDiff:
    items_a, items_b = _join_people(_entity_items(a.entities), _entity_items(b.entities))
    items_a, items_b = _join_spellings(items_a, items_b)
    return _diff(_drop_org_fragments(items_a, items_b), _drop_org_fragments(items_b, items_a))


def diff_numbers(a: Analysis, b: Analysis) -> EvidenceDiff:
    return _diff(_number_items(a.quantities), _number_items(b.quantities))
