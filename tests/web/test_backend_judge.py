"""The web backend holds one judge: a cross-lingual pair compared again encodes nothing again
(its analyses are in the analyzer's cache, its glosses' vectors in the judge's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens.analyze.bridge import bridge
from storylens.analyze.glossary import glossary
from storylens.model import Article
from storylens.score.bridged import bridge_text
from storylens.web.backend import Backend

from ..conftest import CountingModels

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        glossary("de") is None, reason="dict-freedict-deu-eng is not installed (make system-deps)"
    ),
]

GERMAN = Article(
    title="",
    text="Die Regierung erklärt heute den Krieg gegen das Nachbarland. Das Hochwasser in der "
    "Stadt steigt weiter.",
    id="de",
    language="de",
)
ENGLISH = Article(
    title="",
    text="The government declares war against the neighbouring country today. Tourists "
    "enjoyed a sunny beach holiday.",
    id="en",
    language="en",
)


def test_a_cross_lingual_pair_compared_again_encodes_no_gloss_again(
    tmp_path: Path, counting_models: CountingModels
) -> None:
    backend = Backend(tmp_path / "unused.db", models=counting_models)
    first = backend.compare(GERMAN, ENGLISH).to_dict()
    assert first["bridge"] == "freedict-deu-eng"
    # the first compare encoded the German article's gloss (the pair feature) and the glosses
    # of its sentences (the alignment)
    gloss = bridge(bridge_text(GERMAN), "de").gloss_text
    assert gloss in counting_models.encoded
    assert "war" in " ".join(counting_models.encoded)
    done = len(counting_models.encoded)
    second = backend.compare(GERMAN, ENGLISH).to_dict()
    assert counting_models.encoded[done:] == []
    assert second == first
