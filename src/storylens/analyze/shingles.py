"""Hashed word shingles and their MinHash signature: exact-overlap evidence between two texts.

Hashes are computed with blake2b and a fixed splitmix64 mixer, never Python's ``hash()``, so a
shingle or a signature is the same in every process (Spark workers, a cache on disk, tomorrow).
The signature is computed in numpy straight from the 64-bit shingle hashes; it is the one MinHash
scheme of the project: the score's overlap features and story dedup (:mod:`storylens.stories.dedup`)
both read it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np

from storylens.tokens import folded_words

_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)
_EMPTY: frozenset[int] = frozenset()
_NONE = np.zeros(0, "uint64")


@lru_cache(maxsize=200_000)
def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser, vectorised (uint64 arithmetic wraps, which is what we want)."""
    return _mix_in_place(x.copy())


def _mix_in_place(x: np.ndarray) -> np.ndarray:
    # in place with one scratch array: a signature mixes 128 x (words) values, and the copies
    # that ``x = x ^ (x >> 30)`` makes cost a third of its time
    scratch = np.right_shift(x, np.uint64(30))
    with np.errstate(over="ignore"):
        x ^= scratch
        x *= np.uint64(0xBF58476D1CE4E5B9)
        np.right_shift(x, np.uint64(27), out=scratch)
        x ^= scratch
        x *= np.uint64(0x94D049BB133111EB)
        np.right_shift(x, np.uint64(31), out=scratch)
        x ^= scratch
    return x


def shingle_array(text: str, size: int = 5) -> np.ndarray:
    """Hashes of the word ``size``-grams of ``text`` (uint64, one per position, with repeats)."""
    tokens = folded_words(text)
    return shingle_array_of(np.fromiter(map(_word_hash, tokens), "uint64", len(tokens)), size)


def shingle_arrays(texts: Sequence[str], size: int = 5) -> list[np.ndarray]:
    """:func:`shingle_array` of many texts, the same values, mixed in one pass over all of
    them (for short texts the numpy calls cost more than the hashing)."""
    hashes = [np.fromiter(map(_word_hash, t), "uint64", len(t)) for t in map(folded_words, texts)]
    whole = [i for i, h in enumerate(hashes) if len(h) >= size]
    # texts shorter than ``size`` (one shingle of all their words) on their own
    out = [_NONE if len(h) >= size else shingle_array_of(h, size) for h in hashes]
    if not whole:
        return out
    joined = np.concatenate([hashes[i] for i in whole])
    lengths = np.array([len(hashes[i]) for i in whole])
    counts = lengths - size + 1
    # the first position of each shingle in ``joined``
    base = np.repeat(np.cumsum(lengths) - lengths, counts)
    firsts = base + np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    acc = np.full(len(firsts), np.uint64(size), "uint64")
    for offset in range(size):
        acc = _mix_in_place(acc ^ joined[firsts + offset])
    for i, part in zip(whole, np.split(acc, np.cumsum(counts)[:-1]), strict=True):
        out[i] = part
    return out


def shingle_array_of(hashes: np.ndarray, size: int) -> np.ndarray:
    """The shingles of a text from its word hashes (see :func:`shingle_array`)."""
    if not hashes.size:
        return np.zeros(0, "uint64")
    size = max(1, min(size, len(hashes)))
    count = len(hashes) - size + 1
    acc = np.full(count, np.uint64(size), "uint64")
    for offset in range(size):
        acc = _mix_in_place(acc ^ hashes[offset : offset + count])
    return acc


def shingle(text: str, size: int = 5) -> frozenset[int]:
    """The set of hashed word ``size``-grams (a text shorter than ``size`` gives one shingle)."""
    array = shingle_array(text, size)
    return frozenset(array.tolist()) if array.size else _EMPTY


@lru_cache(maxsize=8)
def _seeds(num_perm: int) -> np.ndarray:
    base = np.arange(1, num_perm + 1, dtype="uint64") * np.uint64(0x9E3779B97F4A7C15)
    return mix(base)


def minhash(shingles: Iterable[int], num_perm: int = 128) -> np.ndarray:
    """MinHash signature (uint64, ``num_perm`` values); all-max for an empty set.

    The estimated Jaccard similarity of two sets is ``np.mean(sig_a == sig_b)``.
    """
    values = np.fromiter(shingles, "uint64")
    if values.size == 0:
        return np.full(num_perm, _MASK, "uint64")
    permuted = _mix_in_place(values[None, :] ^ _seeds(num_perm)[:, None])
    return permuted.min(axis=1)


#: shingle hashes permuted at once by :func:`minhash_many` (x 128 permutations x 8 bytes: 32 MB)
_CHUNK = 32_768


def minhash_many(arrays: Sequence[np.ndarray], num_perm: int = 128) -> np.ndarray:
    """:func:`minhash` of many shingle arrays (one row each), the same values in far fewer
    numpy calls: short texts (openings, page furniture) cost more in calls than in hashing."""
    out = np.full((len(arrays), num_perm), _MASK, "uint64")
    rows = [i for i, array in enumerate(arrays) if array.size]
    seeds = _seeds(num_perm)[:, None]
    start = 0
    while start < len(rows):
        end, total = start, 0
        while end < len(rows) and (end == start or total + arrays[rows[end]].size <= _CHUNK):
            total += arrays[rows[end]].size
            end += 1
        chunk = rows[start:end]
        values = np.concatenate([arrays[i] for i in chunk])
        offsets = np.cumsum([0] + [arrays[i].size for i in chunk[:-1]])
        permuted = _mix_in_place(values[None, :] ^ seeds)
        out[chunk] = np.minimum.reduceat(permuted, offsets, axis=1).T
        start = end
    return out


def jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Jaccard similarity estimated from two signatures of the same length."""
    if sig_a.size == 0 or sig_a.size != sig_b.size:
        return 0.0
    return float(np.mean(sig_a == sig_b))
