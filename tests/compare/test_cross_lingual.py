"""A compare across languages aligns sentences through the bridge and shows both originals."""

from __future__ import annotations

import pytest

from storylens.analyze.glossary import glossary
from storylens.analyze.translate import Apertium
from storylens.compare import compare
from storylens.model import Article

pytestmark = pytest.mark.skipif(
    glossary("de") is None, reason="dict-freedict-deu-eng is not installed (make system-deps)"
)


def test_german_and_english_align_as_paraphrase_with_both_originals() -> None:
    german = Article(
        title="",
        text="Die Regierung erklärt heute den Krieg gegen das Nachbarland. Das Hochwasser in der "
        "Stadt steigt weiter.",
        id="de",
        language="de",
    )
    english = Article(
        title="",
        text="The government declares war against the neighbouring country today. Tourists "
        "enjoyed a sunny beach holiday.",
        id="en",
        language="en",
    )
    result = compare(german, english).to_dict()
    assert result["bridge"] == "freedict-deu-eng"
    assert result["languages"] == ["de", "en"]
    pairs = [(p["a"], p["b"], p["kind"]) for p in result["alignment"]]
    assert pairs == [
        (
            "Die Regierung erklärt heute den Krieg gegen das Nachbarland.",
            "The government declares war against the neighbouring country today.",
            "paraphrase",
        )
    ]


@pytest.mark.skipif(
    Apertium().mode("es") is None, reason="apertium-eng-spa is not installed (make system-deps)"
)
def test_spanish_sentences_align_through_their_translation() -> None:
    # the Spanish dictionary is too small to gloss these; Apertium translates the sentences
    spanish = Article(
        text="Los trabajadores de los casinos de Macao marcharán el jueves para exigir salarios "
        "más altos. El museo de la ciudad abrió una nueva sala de pintura.",
        id="es",
        language="es",
    )
    english = Article(
        text="Macau casino workers will march on Thursday to demand higher wages. The football "
        "club signed a new goalkeeper.",
        id="en",
        language="en",
    )
    result = compare(spanish, english).to_dict()
    assert result["bridge"] == "apertium-spa-eng"
    pairs = [(p["a"], p["b"], p["kind"]) for p in result["alignment"]]
    assert pairs == [
        (
            "Los trabajadores de los casinos de Macao marcharán el jueves para exigir salarios "
            "más altos.",
            "Macau casino workers will march on Thursday to demand higher wages.",
            "paraphrase",
        )
    ]
    assert [x["text"] for x in result["only_in_a"]] == [
        "El museo de la ciudad abrió una nueva sala de pintura."
    ]
