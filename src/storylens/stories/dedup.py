"""Near-duplicate groups (wire copy and its reprints) by MinHash LSH over word shingles.

The signatures are the analysis stage's (:mod:`storylens.analyze.shingles`): one MinHash scheme
for the score's overlap features and for copy detection, so one text has one signature. The
banded index is ours (:class:`BandIndex`), kept in sorted numpy arrays rather than a dict per
band, which would hold 32 Python objects per article (hundreds of MB at 100k articles). Every
candidate pair the index returns is checked with the signatures' Jaccard estimate before it
joins a group, so LSH collisions never group two different texts. Groups are kept with
union-find and named after their oldest member, so an article's ``duplicate_group`` never
changes when later copies arrive.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from storylens.analyze.shingles import minhash, minhash_many, mix, shingle_array, shingle_arrays
from storylens.sets import UnionFind

NUM_PERM = 128
#: estimated Jaccard of shingle sets above which two texts are copies of one report
THRESHOLD = 0.5
#: words per shingle: the analysis stage's default (``AnalyzeOptions.shingle_size``)
SHINGLE = 5
#: candidate pairs compared at once (x 128 values x 2 signatures: 16 MB)
_PAIRS_AT_ONCE = 65_536


def signature(text: str, num_perm: int = NUM_PERM) -> np.ndarray:
    """MinHash signature of ``text``'s word shingles (uint64, ``num_perm`` values)."""
    return minhash(shingle_array(text, SHINGLE), num_perm)


def sign_many(texts: Sequence[str], num_perm: int = NUM_PERM) -> np.ndarray:
    """:func:`signature` of each text, one row each, hashed a batch at a time."""
    return minhash_many(shingle_arrays(texts, SHINGLE), num_perm)


def bands_for(threshold: float, num_perm: int) -> int:
    """The band count (a divisor of ``num_perm``) whose S-curve midpoint ``(1/b)^(1/r)`` sits
    closest below ``threshold``: more bands find lower similarities, and a little below the
    threshold keeps copies near it from being missed (the Jaccard check drops the rest)."""
    best, best_gap = 1, 1.0
    for bands in range(1, num_perm + 1):
        if num_perm % bands:
            continue
        rows = num_perm // bands
        gap = abs((1 / bands) ** (1 / rows) - threshold * 0.85)
        if gap < best_gap:
            best, best_gap = bands, gap
    return best


class BandIndex:
    """Banded LSH: ``add`` takes a batch of signatures with their row numbers and returns the
    ``(new, older)`` row pairs that agree on all ``rows`` values of at least one band."""

    def __init__(self, bands: int, rows: int) -> None:
        self.bands = bands
        self.rows = rows
        #: per band, the band keys of every signature added so far, sorted, and the row of each
        self._keys = [np.zeros(0, "uint64") for _ in range(bands)]
        self._rows = [np.zeros(0, "int64") for _ in range(bands)]

    def __len__(self) -> int:
        return len(self._rows[0]) if self._rows else 0

    def band_keys(self, signatures: np.ndarray) -> np.ndarray:
        """One uint64 per band and signature, mixed from the band's ``rows`` values."""
        count = signatures.shape[0]
        cut = signatures[:, : self.bands * self.rows].reshape(count, self.bands, self.rows)
        acc = np.full((count, self.bands), np.uint64(self.rows), "uint64")
        for row in range(self.rows):
            acc = mix(acc ^ cut[:, :, row])
        return acc

    def add(self, signatures: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Index ``signatures`` as ``rows`` (ascending, above every row added before); returns
        the candidate pairs they make with earlier rows, ``(new, older)``, each pair once."""
        keys = self.band_keys(signatures)
        rows = np.asarray(rows, "int64")
        found: list[np.ndarray] = []
        for band in range(self.bands):
            column = keys[:, band]
            stored, stored_rows = self._keys[band], self._rows[band]
            low = np.searchsorted(stored, column, "left")
            counts = np.searchsorted(stored, column, "right") - low
            if counts.any():
                # every stored row in [low, high) of each new row, without a Python loop
                firsts = np.repeat(low - (np.cumsum(counts) - counts), counts)
                older = stored_rows[np.arange(int(counts.sum())) + firsts]
                found.append(np.stack([np.repeat(rows, counts), older], axis=1))
            # rows of this batch that share a key with an earlier row of the batch; the stable
            # sort keeps each run of equal keys in row order
            order = np.argsort(column, kind="stable")
            ordered, ordered_rows = column[order], rows[order]
            run_start = np.maximum.accumulate(
                np.where(np.r_[True, ordered[1:] != ordered[:-1]], np.arange(len(ordered)), 0)
            )
            before = np.arange(len(ordered)) - run_start  # earlier rows in the same run
            if before.any():
                firsts = np.repeat(run_start - (np.cumsum(before) - before), before)
                earlier = ordered_rows[np.arange(int(before.sum())) + firsts]
                found.append(np.stack([np.repeat(ordered_rows, before), earlier], axis=1))
            at = np.searchsorted(stored, ordered, "right")
            self._keys[band] = np.insert(stored, at, ordered)
            self._rows[band] = np.insert(stored_rows, at, ordered_rows)
        if not found:
            return np.zeros((0, 2), "int64")
        pairs = np.concatenate(found)
        # one int64 per pair, so that the pairs several bands found come once (``np.unique``
        # over rows sorts a structured view, several times slower)
        packed = np.unique((pairs[:, 0] << 32) | pairs[:, 1])
        return np.stack([packed >> 32, packed & 0xFFFFFFFF], axis=1)


class DuplicateIndex:
    """Incremental near-duplicate grouping: ``add(ids, texts)`` returns each text's group."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        bands = bands_for(threshold, num_perm)
        self._lsh = BandIndex(bands, num_perm // bands)
        #: the signature of every row (those of features are shared, not copied)
        self._sigs: list[np.ndarray] = []
        #: the first row of each distinct signature, by a hash of it: an identical copy (a
        #: reprinted wire, a boilerplate page) joins it at once and stays out of the LSH,
        #: where a thousand copies would make half a million candidate pairs per band
        self._exact: dict[int, int] = {}
        self._ids: list[str] = []
        self._sets: UnionFind[int] = UnionFind()

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, ids: Sequence[str], texts: Sequence[str]) -> list[str]:
        if len(ids) != len(texts):
            raise ValueError(f"{len(ids)} ids for {len(texts)} texts")
        return self.add_signatures(ids, sign_many(texts, self.num_perm))

    def add_signatures(
        self, ids: Sequence[str], signatures: np.ndarray | Sequence[np.ndarray]
    ) -> list[str]:
        """:meth:`add` for signatures computed elsewhere (:func:`signature` of each text, as
        story features carry it)."""
        if len(ids) != len(signatures):
            raise ValueError(f"{len(ids)} ids for {len(signatures)} signatures")
        start = len(self._ids)
        if not len(ids):
            return []
        self._ids.extend(ids)
        self._sigs.extend(signatures)
        signatures = np.stack(signatures)
        whole = BandIndex(1, self.num_perm).band_keys(signatures)[:, 0].tolist()
        distinct: list[int] = []
        for offset, key in enumerate(whole):
            row = start + offset
            self._sets.find(row)
            first = self._exact.setdefault(key, row)
            if first != row and np.array_equal(self._sigs[first], signatures[offset]):
                self._sets.union(row, first)
            else:
                distinct.append(offset)
        pairs = self._lsh.add(signatures[distinct], np.asarray(distinct, "int64") + start)
        for row, older in self._similar(pairs).tolist():
            self._sets.union(row, older)  # the older member names the group
        return [self.group(i) for i in range(start, len(self._ids))]

    def _similar(self, pairs: np.ndarray) -> np.ndarray:
        """The candidate pairs whose estimated Jaccard reaches the threshold."""
        if not len(pairs):
            return pairs
        involved = np.unique(pairs)
        matrix = np.stack([self._sigs[row] for row in involved.tolist()])
        where = np.searchsorted(involved, pairs)
        keep = np.zeros(len(pairs), bool)
        for start in range(0, len(pairs), _PAIRS_AT_ONCE):
            part = where[start : start + _PAIRS_AT_ONCE]
            same = (matrix[part[:, 0]] == matrix[part[:, 1]]).mean(axis=1)
            keep[start : start + _PAIRS_AT_ONCE] = same >= self.threshold
        return pairs[keep]

    def group(self, index: int) -> str:
        return f"d-{self._ids[self._sets.find(index)]}"

    def groups(self) -> list[str]:
        """The group of every text added so far, in the order they were added."""
        return [self.group(i) for i in range(len(self._ids))]


def find_duplicates(
    texts: Sequence[str], ids: Sequence[str] | None = None, threshold: float = THRESHOLD
) -> list[str]:
    """Function twin of :class:`DuplicateIndex`: the group of each text, in one call."""
    keys = list(ids) if ids is not None else [str(i) for i in range(len(texts))]
    return DuplicateIndex(threshold).add(keys, texts)
