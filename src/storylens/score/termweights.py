"""How much a shared word says about two articles: inverse document frequencies learned from the
scorer's training articles, for the idf-weighted cosines of the bridge block.

Two reports of one event share their rare words (names, places, the glossed words of what
happened); two reports of one topic share common ones. A set overlap weighs them alike; an
idf-weighted cosine does not. Measured on the SemEval-2022 test pairs with the scorer refitted
on train (Overall Pearson): adding the two cosines lifted all pairs 0.698 -> 0.728, cross-lingual
0.626 -> 0.691 and de-en 0.495 -> 0.694 (README, "Languages").

Fitted by ``storylens train`` on the words of the training articles and written beside the
scorer: one table for the English gloss (and names) of each article, one for its words in ASCII,
each weighing a word by how rare it is among its own kind. Words met in a single training article
are not kept, and any word not kept weighs as one met once: a word the training set never saw is
rare, so it says much. (Giving unseen words no weight instead, or one table for both views, read
no better in 5-fold cross-validation on train with the weights refitted per fold.)
"""

from __future__ import annotations

import gzip
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from storylens.errors import StorylensError
from storylens.shared import ProcessShared

WEIGHTS_PATH = Path(__file__).resolve().parent / "models" / "term_weights.json.gz"


class Idf:
    """Smoothed idf per word (``ln((1 + n) / (1 + df)) + 1``, as scikit-learn's), with the weight
    of a word met once for every word not held."""

    def __init__(self, idf: dict[str, float], rare: float, documents: int) -> None:
        self.idf = idf
        self.rare = rare
        self.documents = documents

    @classmethod
    def fit(cls, documents: Iterable[Iterable[str]]) -> Idf:
        """Weights from documents given as their words (each document counted once per word)."""
        df: Counter[str] = Counter()
        n = 0
        for words in documents:
            df.update(set(words))
            n += 1

        def idf(count: int) -> float:
            return math.log((1 + n) / (1 + count)) + 1

        kept = {w: round(idf(c), 6) for w, c in sorted(df.items()) if c >= 2}
        return cls(kept, round(idf(1), 6), n)

    def weight(self, word: str) -> float:
        return self.idf.get(word, self.rare)

    def cosine(self, a: Sequence[str], b: Sequence[str]) -> float:
        """Cosine of the two word lists as sublinear-tf x idf vectors; NaN when either is empty."""
        va, vb = self._vector(a), self._vector(b)
        if not va or not vb:
            return math.nan
        norm = math.sqrt(sum(x * x for x in va.values()) * sum(x * x for x in vb.values()))
        if norm == 0:
            return math.nan
        # summed in one order whichever side comes first, so that the cosine is symmetric to the bit
        return sum(va[w] * vb[w] for w in sorted(va.keys() & vb.keys())) / norm

    def _vector(self, words: Sequence[str]) -> dict[str, float]:
        return {w: (1 + math.log(c)) * self.weight(w) for w, c in Counter(words).items()}

    def to_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "rare": self.rare, "idf": self.idf}

    @classmethod
    def from_dict(cls, body: dict[str, Any]) -> Idf:
        return cls(dict(body["idf"]), float(body["rare"]), int(body["documents"]))


class TermWeights(ProcessShared):
    """The two idf tables of the bridge block: ``gloss`` (English glosses and ASCII names) and
    ``ascii`` (every word in ASCII)."""

    def __init__(self, gloss: Idf, ascii: Idf) -> None:
        self.gloss = gloss
        self.ascii = ascii

    @classmethod
    def fit(
        cls, glosses: Iterable[Iterable[str]], ascii_texts: Iterable[Iterable[str]]
    ) -> TermWeights:
        return cls(Idf.fit(glosses), Idf.fit(ascii_texts))

    def save(self, path: Path | str = WEIGHTS_PATH) -> None:
        body = {"gloss": self.gloss.to_dict(), "ascii": self.ascii.to_dict()}
        # no name, mtime=0: the same weights write the same bytes, so a retrain that changes nothing
        # leaves the file unchanged in git
        with open(path, "wb") as raw, gzip.GzipFile("", "wb", fileobj=raw, mtime=0) as out:
            out.write(json.dumps(body, ensure_ascii=False, sort_keys=True).encode())

    @classmethod
    def load(cls, path: Path | str = WEIGHTS_PATH) -> TermWeights:
        try:
            body = json.loads(gzip.decompress(Path(path).read_bytes()))
            return cls(Idf.from_dict(body["gloss"]), Idf.from_dict(body["ascii"]))
        except (OSError, ValueError, KeyError, TypeError) as err:
            raise StorylensError(f"{path}: cannot read the term weights ({err})") from err

    @classmethod
    def make_shared(cls) -> TermWeights:
        return cls.load()

    @classmethod
    def shipped(cls) -> TermWeights:
        """The weights fitted with the shipped scorer, read once per process."""
        return cls.shared()
