"""Words of a text: the one tokenizer module of every stage.

Most stages read runs of word characters, lower-cased (:func:`words`). Two keep a variant, each
named here with the reason, because a trained model or a fitted index reads its output:

- :func:`folded_words` also folds accents' compatibility forms and case the Unicode way
  (``casefold``): the MinHash shingles of :mod:`storylens.analyze.shingles`, which the scorer's
  overlap features were trained on and every stored signature was made from;
- :data:`HASHING_TOKEN` is scikit-learn's default token pattern (two word characters or more):
  the hashing encoder of story grouping tokenizes with it, so its stop words must be its tokens.

Other tokenizers in the package read something other than words (names, numbers, letters of a
script) and live beside what they read.
"""

from __future__ import annotations

import re
import unicodedata

#: a run of word characters (letters, digits, underscore, in any script)
WORD = re.compile(r"\w+")
#: scikit-learn's default ``token_pattern``: what ``HashingVectorizer`` counts as a word
HASHING_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def words(text: str) -> list[str]:
    """Lower-case word tokens, in order, with repeats."""
    return WORD.findall(text.lower())


def folded_words(text: str) -> list[str]:
    """Word tokens with compatibility forms (ligatures, full-width letters) and case folded."""
    return WORD.findall(unicodedata.normalize("NFKC", text).casefold())
