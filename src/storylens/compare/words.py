"""Word normalisation shared by alignment, quote matching and provenance."""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

#: words that carry no facts: overlap on these must not make two sentences "the same"
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "after",
        "before",
        "than",
        "then",
        "that",
        "this",
        "these",
        "those",
        "there",
        "here",
        "it",
        "its",
        "it's",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "not",
        "no",
        "nor",
        "so",
        "such",
        "very",
        "can",
        "could",
        "would",
        "should",
        "will",
        "shall",
        "may",
        "might",
        "must",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "your",
        "them",
        "him",
        "us",
        "me",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "some",
        "own",
        "same",
        "also",
        "just",
        "only",
        "said",
        "says",
        "say",
        "told",
        "according",
        "while",
        "amid",
        "during",
        "since",
        "until",
        "against",
        "between",
        "through",
        "up",
        "down",
        "out",
        "off",
        "again",
        "further",
        "once",
        "new",
        "one",
    ]
)


def tokens(text: str) -> list[str]:
    """Lower-cased words, curly and straight apostrophes alike, punctuation dropped."""
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


def content_words(words: list[str]) -> set[str]:
    """The words that carry facts: no stopwords, no one-letter words; numbers kept."""
    return {w for w in words if w not in STOPWORDS and (len(w) > 1 or w.isdigit())}


def shared_count(x: list[str], y: list[str]) -> int:
    """Words the two lists share, repeats counted: no in-order match finds more, so it bounds
    :func:`containment` and :func:`sequence_ratio` without running difflib."""
    return sum((Counter(x) & Counter(y)).values())


def containment(part: list[str], whole: list[str]) -> float:
    """Share of ``part``'s words that appear, in order, in ``whole`` (tolerates trims, ellipses)."""
    if not part:
        return 0.0
    blocks = SequenceMatcher(None, part, whole, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) / len(part)


def sequence_ratio(x: list[str], y: list[str]) -> float:
    if not x and not y:
        return 0.0
    return SequenceMatcher(None, x, y, autojunk=False).ratio()
