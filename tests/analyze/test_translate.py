"""Apertium translation into English for the article-level bridge, and its fallbacks."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from storylens.analyze import bridge as bridge_module
from storylens.analyze.bridge import article_bridge, bridge
from storylens.analyze.translate import Apertium
from storylens.shared import ProcessShared

SPANISH = (
    "El gobierno de Pedro Sánchez aprobó el lunes en Madrid una nueva ley de vivienda. "
    "La oposición anunció un recurso."
)
installed = pytest.mark.skipif(
    Apertium().mode("es") is None, reason="apertium-eng-spa is not installed (make system-deps)"
)


@pytest.fixture
def translator(monkeypatch: pytest.MonkeyPatch):
    """Swap the process's translator for one a test makes, with fresh bridge caches."""

    def use(apertium: Apertium) -> Apertium:
        monkeypatch.setitem(ProcessShared._instances, Apertium, apertium)
        bridge_module._article_bridge.cache_clear()
        return apertium

    yield use
    bridge_module._article_bridge.cache_clear()


@installed
def test_a_spanish_article_is_read_through_its_translation(translator) -> None:
    translator(Apertium())
    view = article_bridge(SPANISH, "es")
    assert view.method == "apertium-spa-eng"
    assert {"government", "law", "monday", "madrid"} <= set(view.gloss)
    assert "sanchez" in view.names  # names stay the original's, in ASCII
    assert "gobierno" in view.lemmas
    assert 0.9 <= view.coverage <= 1.0
    # the dictionary view is what sentence-level readers keep
    assert bridge(SPANISH, "es").method != "apertium-spa-eng"


@installed
def test_many_texts_share_one_process_and_come_back_in_order() -> None:
    apertium = Apertium()
    texts = [f"El equipo {n} ganó el partido." for n in (17, 23, 42)]
    texts.append("Una línea con el marcador §§ 0 §§ dentro del texto.")
    found = apertium.to_english(texts, "es")
    assert all(t is not None for t in found)
    for n, translation in zip((17, 23, 42), found, strict=False):
        assert translation is not None and str(n) in translation.text
        assert "won" in translation.text.lower()
    assert found[3] is not None and "line" in found[3].text.lower()


@installed
def test_a_large_batch_goes_in_bounded_processes() -> None:
    apertium = Apertium(chunk=2)
    texts = [f"El equipo {n} ganó el partido." for n in range(5)]
    found = apertium.to_english(texts, "es")
    assert [t is not None and str(n) in t.text for n, t in enumerate(found)] == [True] * 5


def test_languages_without_a_pair_fall_back_to_the_dictionary(translator) -> None:
    translator(Apertium(program="/nonexistent/apertium"))
    assert Apertium.shared().mode("es") is None
    view = article_bridge(SPANISH, "es")
    assert view == bridge(SPANISH, "es")
    assert article_bridge("Die Regierung", "de") == bridge("Die Regierung", "de")


def fake(tmp_path: Path, body: str) -> str:
    """An ``apertium`` that lists the Spanish pair and runs ``body`` on every text."""
    program = tmp_path / "apertium"
    program.write_text(f'#!/bin/sh\n[ "$1" = -l ] && echo spa-eng && exit 0\n{body}\n')
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return str(program)


def test_a_batch_larger_than_the_memo_comes_back_whole(tmp_path: Path) -> None:
    apertium = Apertium(program=fake(tmp_path, "cat"), limit=4, chunk=2)
    texts = [f"texto {n}" for n in range(6)]
    assert [t.text if t else None for t in apertium.to_english(texts, "es")] == texts


@pytest.mark.parametrize(
    "body",
    [
        "sed 's/§§ 1 §§/lost/'",  # a marker dropped: no text is credited to its neighbour
        "head -c 12",  # output cut short by a stage that still exits 0
        "cat; exit 3",  # a failure
    ],
)
def test_output_that_does_not_come_back_whole_is_not_trusted(tmp_path: Path, body: str) -> None:
    apertium = Apertium(program=fake(tmp_path, body))
    assert apertium.to_english(["uno dos", "tres cuatro", "cinco"], "es") == [None] * 3


def test_a_translation_past_its_timeout_is_killed_with_its_pipeline(tmp_path: Path) -> None:
    apertium = Apertium(program=fake(tmp_path, "sleep 30 | cat"), timeout=1)
    assert apertium.to_english(["uno"], "es") == [None]


def test_a_failing_apertium_falls_back_without_an_error(translator, tmp_path: Path) -> None:
    apertium = translator(Apertium(program=fake(tmp_path, "exit 3")))
    assert apertium.mode("es") == "spa-eng"
    assert apertium.to_english(["hola"], "es") == [None]
    assert article_bridge(SPANISH, "es") == bridge(SPANISH, "es")
