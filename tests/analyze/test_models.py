"""An analyzer holds its models: it uses the ones it is given, never the shared ones, and it
pickles without a loaded model (Spark ships it) and analyses the same once unpickled."""

from __future__ import annotations

import pickle
import subprocess
import sys

import numpy as np
import pytest

from storylens.analyze import Analyzer
from storylens.analyze.models import Models
from storylens.model import Article

from ..conftest import CountingModels

pytestmark = pytest.mark.slow

ARTICLE = Article(
    title="Floods in Porto",
    text="Officials in Porto said the Douro rose again on Tuesday. "
    "About 300 people left their homes, the mayor said.",
    id="porto",
)


def test_an_analyzer_uses_the_models_it_holds_never_the_shared_ones(
    counting_models: CountingModels,
) -> None:
    analysis = Analyzer(models=counting_models).run(ARTICLE)
    assert counting_models.parsed == [ARTICLE.text]
    assert set(counting_models.encoded) >= {s.text for s in analysis.sentences} | {ARTICLE.title}
    assert len(analysis.sentences) == 2 and analysis.sentence_embeddings.shape == (2, 384)


def test_every_analyzer_defaults_to_the_one_shared_models() -> None:
    assert Analyzer().models is Analyzer.light().models is Models.shared()
    assert Analyzer(models=Models()).models is not Models.shared()


def test_a_used_analyzer_pickles_without_its_models_and_analyses_the_same() -> None:
    models = Models()
    analyzer = Analyzer(models=models)
    before = analyzer.run(ARTICLE)
    assert models._nlp is not None and models._encoder is not None  # loaded by the run
    blob = pickle.dumps(analyzer)
    # spaCy's pipeline alone pickles to megabytes: a few hundred bytes carry no model
    assert len(blob) < 2_000, len(blob)
    again = pickle.loads(blob)
    assert again.models is not models
    assert again.models._nlp is None and again.models._encoder is None
    after = again.run(ARTICLE)
    assert [(s.text, s.start) for s in after.sentences] == [
        (s.text, s.start) for s in before.sentences
    ]
    assert after.entities == before.entities and after.quantities == before.quantities
    assert np.array_equal(after.sentence_embeddings, before.sentence_embeddings)
    assert np.array_equal(after.embedding, before.embedding)


def test_the_shared_models_unpickle_as_the_receiving_process_shared_ones() -> None:
    Models.shared().encode(["Load the encoder first."])
    blob = pickle.dumps(Analyzer())
    assert len(blob) < 2_000
    assert pickle.loads(blob).models is Models.shared()
    # in a fresh process (a Spark executor): its own shared models, nothing loaded yet
    check = (
        "import pickle, sys; from storylens.analyze.models import Models; "
        "a = pickle.loads(sys.stdin.buffer.read()); "
        "print(a.models is Models.shared(), a.models._nlp is None, a.models._encoder is None)"
    )
    found = subprocess.run(
        [sys.executable, "-c", check], input=blob, capture_output=True, check=True
    )
    assert found.stdout.decode().split() == ["True", "True", "True"]
