"""Baselines every storylens score is measured against in the same run.

Both return a *cosine similarity* per pair. SemEval scores run the other way (1 = very similar),
so the evaluation correlates ``-cosine`` with the scores: no fitting, and since Pearson is
unchanged by any increasing linear map, that equals the best linear fit of the cosine.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from storylens.analyze.document import Analysis


def tfidf_cosine(pairs: Sequence[tuple[str, str]]) -> np.ndarray:
    """Cosine of word TF-IDF vectors, the IDF learned from the texts of ``pairs`` themselves."""
    if not pairs:
        return np.zeros(0)
    texts = [t for pair in pairs for t in pair]
    vectorizer = TfidfVectorizer(sublinear_tf=True, min_df=1, token_pattern=r"(?u)\b\w\w+\b")
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no word at all in any text
        return np.zeros(len(pairs))
    left, right = matrix[0::2], matrix[1::2]
    # Rows are L2-normalised by the vectorizer: the row-wise dot product is the cosine.
    return np.asarray(left.multiply(right).sum(axis=1)).ravel()


def embedding_cosine(pairs: Sequence[tuple[Analysis, Analysis]]) -> np.ndarray:
    """Cosine of the analysis embeddings (title + opening, all-MiniLM-L6-v2)."""
    out = np.zeros(len(pairs))
    for i, (a, b) in enumerate(pairs):
        if a.embedding.size and a.embedding.shape == b.embedding.shape:
            na, nb = np.linalg.norm(a.embedding), np.linalg.norm(b.embedding)
            if na > 0 and nb > 0:
                out[i] = float(np.dot(a.embedding, b.embedding) / (na * nb))
    return out
