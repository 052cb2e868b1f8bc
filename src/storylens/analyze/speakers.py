"""Person names normalised so that every way an article names someone meets in one name.

"Grand Ayatollah Ali al-Sistani", "al-Sistani", "Al-Sistani" and "Sistani" all become
"Ali al-Sistani"; "Abdul Mahdi" becomes "Adel Abdul Mahdi" when the article has the full name;
"the prime minister" becomes the person the article introduced with that role, when only one was.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

#: honorifics and offices that may stand before a name and are not part of it
TITLES = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "president",
        "vice", "prime", "minister", "premier", "chancellor", "secretary", "state", "foreign",
        "defense", "defence", "interior", "finance", "general", "gen", "lt", "col", "colonel",
        "major", "sgt", "captain", "capt", "admiral", "commander", "chief", "senator", "sen",
        "rep", "representative", "governor", "gov", "mayor", "king", "queen", "prince",
        "princess", "sheikh", "grand", "ayatollah", "imam", "pope", "cardinal", "bishop", "rabbi",
        "reverend", "rev", "father", "judge", "justice", "supreme", "leader", "spokeswoman",
        "spokesman", "spokesperson", "ambassador", "caretaker", "acting", "deputy", "former",
        "late",
    }
)  # fmt: skip

#: roles a person is introduced with, longest first so "prime minister" wins over "minister"
ROLES = (
    "secretary of state",
    "foreign minister",
    "defense minister",
    "defence minister",
    "prime minister",
    "vice president",
    "supreme leader",
    "grand ayatollah",
    "spokesperson",
    "spokeswoman",
    "spokesman",
    "ambassador",
    "president",
    "chancellor",
    "minister",
    "ayatollah",
    "governor",
    "senator",
    "general",
    "cleric",
    "leader",
    "official",
    "mayor",
    "king",
    "queen",
)

_ROLE_RE = re.compile(r"\b(" + "|".join(r.replace(" ", r"\s+") for r in ROLES) + r")\b", re.I)
_ROLE_MENTION = re.compile(
    r"^(?:the|this|that|his|her|their|its|iraq['’]s|[a-z]+['’]s)?\s*(?:[\w-]+\s+){0,3}?("
    + "|".join(r.replace(" ", r"\s+") for r in ROLES)
    + r")$",
    re.I,
)
_PARTICLE = re.compile(r"^(?:al|el|ad|as|ash|an|ar|at|az)[-‐‑]", re.I)
_POSSESSIVE = re.compile(r"['’]s?$")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


@lru_cache(maxsize=65_536)
def name_tokens(name: str) -> tuple[str, ...]:
    """Comparable tokens of a person's name: no titles, no possessive, no al-/el- prefix.

    Cached: resolving an article's mentions asks for the same few names thousands of times
    (a sixth of a 700-word analysis before)."""
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).strip()
    text = _POSSESSIVE.sub("", text) if text.endswith(("'s", "'")) else text
    raw = [t for t in re.split(r"[\s]+", text) if t]
    tokens: list[str] = []
    for token in raw:
        low = token.casefold().strip(".,;:()[]\"'")
        if not low:
            continue
        if not tokens and low in TITLES:
            continue
        low = _PARTICLE.sub("", low)
        tokens.extend(part for part in re.split(r"[^\w]+", low) if part)
    return tuple(tokens)


def name_key(name: str) -> str:
    """The comparison key of a name: ``"Al-Sistani's"`` → ``"sistani"``."""
    return " ".join(name_tokens(name))


def display_name(name: str) -> str:
    """A name without its leading titles or possessive: "Grand Ayatollah Ali al-Sistani" →
    "Ali al-Sistani"."""
    text = unicodedata.normalize("NFKC", name).strip()
    text = re.sub(r"['’]s?$", "", text).strip(" ,.;:")
    words = text.split()
    while len(words) > 1 and words[0].casefold().strip(".") in TITLES:
        words.pop(0)
    return " ".join(words)


def _ends_with(full: tuple[str, ...], part: tuple[str, ...]) -> bool:
    return 0 < len(part) <= len(full) and full[-len(part) :] == part


def canonical(name: str, known_names: Iterable[str]) -> str:
    """The fullest name in ``known_names`` that ``name`` refers to, else ``name`` cleaned up.

    A mention refers to a known name when its tokens equal the name's or are its last tokens
    (a surname, "Abdul Mahdi" of "Adel Abdul Mahdi"); when two different people fit, the mention
    is ambiguous and is returned as it is, cleaned.
    """
    tokens = name_tokens(name)
    if not tokens:
        return display_name(name)
    matches: dict[tuple[str, ...], str] = {}
    for known in known_names:
        known_tokens = name_tokens(known)
        if known_tokens == tokens or _ends_with(known_tokens, tokens):
            shown = display_name(known)
            best = matches.get(known_tokens)
            if best is None or _prefer(shown, best):
                matches[known_tokens] = shown
    if not matches:
        return display_name(name)
    longest = max(matches, key=len)
    # every candidate must be a variant of the longest one, otherwise it is two people
    if any(not _ends_with(longest, other) for other in matches):
        return display_name(name)
    return matches[longest]


def _prefer(candidate: str, current: str) -> bool:
    """Between two spellings of one name, prefer the one starting with a capital ("Ali al-…")."""
    return candidate[:1].isupper() and not current[:1].isupper()


def role_of(mention: str) -> str | None:
    """The role a mention is made of ("the prime minister" → "prime minister"), or None."""
    match = _ROLE_MENTION.match(" ".join(mention.split()))
    return " ".join(match.group(1).casefold().split()) if match else None


def roles_in(context: str) -> list[str]:
    """Roles named in a stretch of text next to a name ("Iraq's caretaker prime minister, ")."""
    return [" ".join(m.group(1).casefold().split()) for m in _ROLE_RE.finditer(context)]


class SpeakerBook:
    """The people of one article, to turn any mention of them into one canonical name."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.names: list[str] = []
        self.roles: dict[str, set[str]] = {}
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        if name_tokens(name) and name not in self.names:
            self.names.append(name)

    def add_role(self, role: str, name: str) -> None:
        self.roles.setdefault(role, set()).add(self.canonical(name))

    def canonical(self, name: str) -> str:
        return canonical(name, self.names)

    def refers_to_known(self, name: str) -> bool:
        """Whether ``name`` is one of the people of the article, in full or by surname."""
        tokens = name_tokens(name)
        return any(_ends_with(name_tokens(known), tokens) for known in self.names)

    def by_role(self, mention: str) -> str | None:
        """The one person introduced with the role in ``mention``; None if none or several."""
        role = role_of(mention)
        if role is None:
            return None
        people = self.roles.get(role, set())
        if len(people) == 1:
            return next(iter(people))
        if not people:
            # "the minister" may refer to the one "prime minister" or "foreign minister"
            wider = {p for r, ps in self.roles.items() if r.endswith(" " + role) for p in ps}
            if len(wider) == 1:
                return next(iter(wider))
        return None
