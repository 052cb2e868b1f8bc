"""Grouping across languages: openings the model cannot read, hashed or met by their glosses."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np
import pytest

from storylens.analyze.glossary import glossary
from storylens.analyze.opening import hashing_encoder, stop_words
from storylens.model import Article
from storylens.stories.decision import Decision
from storylens.stories.evaluate import stories_from_pairs
from storylens.stories.features import GLOSS_OFFSET, StoryFeatures, featurize, story_analyzer
from storylens.stories.grouping import StoryGrouper

Encoder = Callable[[list[str]], np.ndarray]

# Two unrelated Spanish reports: an English-only model sees mostly "de", "la", "el" in both.
MADRID = Article(
    title="El Gobierno aprueba la subida del salario mínimo a 1.134 euros",
    text="El Consejo de Ministros ha aprobado este martes la subida del salario mínimo "
    "interprofesional hasta los 1.134 euros al mes en catorce pagas, según la ministra de "
    "Trabajo, Yolanda Díaz, que lo ha anunciado en la rueda de prensa de La Moncloa.",
    id="es-smi",
)
VALENCIA = Article(
    title="Un incendio forestal obliga a desalojar a 300 vecinos en Castellón",
    text="Los bomberos de la Generalitat trabajan desde la madrugada en un incendio forestal "
    "declarado en la sierra de Espadán, que ha obligado a desalojar a 300 vecinos de dos "
    "municipios de la provincia de Castellón, según ha informado el servicio de emergencias.",
    id="es-fuego",
)
SMI_AGAIN = Article(
    title="Yolanda Díaz anuncia que el salario mínimo sube a 1.134 euros",
    text="La ministra de Trabajo, Yolanda Díaz, ha anunciado que el Consejo de Ministros ha "
    "aprobado subir el salario mínimo interprofesional a 1.134 euros mensuales en catorce "
    "pagas, una subida que beneficiará a más de dos millones de trabajadores.",
    id="es-smi-2",
)


def test_openings_the_model_cannot_read_are_hashed_with_their_stop_words(
    encoder: Encoder,
) -> None:
    features = featurize([MADRID, VALENCIA], story_analyzer(encoder=encoder))
    assert [f.language for f in features] == ["es", "es"]
    assert not any(f.model_encoded for f in features)
    assert "de" in stop_words("es") and "the" in stop_words("en")
    # the model alone would call these two unrelated reports close
    raw = encoder([f"{a.title}. {a.text}" for a in (MADRID, VALENCIA)])
    assert float(raw[0] @ raw[1]) > float(features[0].embedding @ features[1].embedding)


def test_spanish_reports_group_by_event(encoder: Encoder) -> None:
    grouper = StoryGrouper(encoder=encoder, verify=False).fit([MADRID, VALENCIA, SMI_AGAIN])
    labels = dict(zip([MADRID.id, VALENCIA.id, SMI_AGAIN.id], grouper.labels_, strict=True))
    assert labels["es-smi"] == labels["es-smi-2"] != labels["es-fuego"]


def test_no_link_across_languages_without_a_dictionary_except_copies(
    fake_encoder: Encoder,
) -> None:
    english = Article(title="Wage rises", text="The minimum wage " * 20, id="en", language="en")
    finnish = Article(title="Minimipalkka nousee", text="Palkka " * 20, id="fi", language="fi")
    grouper = StoryGrouper(encoder=fake_encoder, threshold=-0.5, verify=False, cross_lingual=True)
    grouper.fit([english, finnish])
    assert all(r.features.bridge is None for r in grouper.rows_)
    assert grouper.decision.score(*(r.features for r in grouper.rows_)) == -1.0
    assert len(set(grouper.labels_)) == 2


needs_german = pytest.mark.skipif(
    glossary("de") is None, reason="dict-freedict-deu-eng is not installed (make system-deps)"
)


@needs_german
def test_a_glossed_opening_links_across_languages(fake_encoder: Encoder) -> None:
    english = Article(
        title="War and government", text="The war and the government. " * 10, id="en",
        language="en",
    )  # fmt: skip
    german = Article(
        title="Krieg und Regierung", text="Der Krieg und die Regierung. " * 10, id="de",
        language="de",
    )  # fmt: skip
    unrelated = Article(title="Hochwasser", text="Das Hochwasser steigt. " * 10, id="flood",
                        language="de")  # fmt: skip
    # the stand-in encoder hashes words, stop words and all: a lower bar than MiniLM's
    grouper = StoryGrouper(encoder=fake_encoder, threshold=0.3, verify=False, cross_lingual=True)
    grouper.fit([english, german, unrelated])
    rows = {r.features.id: r.features for r in grouper.rows_}
    assert rows["de"].bridge is not None and rows["en"].bridge is None
    assert grouper.cross_index_.query([0]) == [[1, 2]]  # other languages only, nearest first
    labels = dict(zip(rows, grouper.labels_, strict=True))
    assert labels["en"] == labels["de"] != labels["flood"]
    off = dataclasses.replace(grouper.decision, cross_lingual=False)
    assert off.score(rows["en"], rows["de"]) == -1.0


def test_a_model_vector_and_a_hashed_one_are_never_compared(fake_encoder: Encoder) -> None:
    # too short to tell its language: embedded by the model, while the Spanish one is hashed
    short = Article(title="Salario mínimo 1.134 euros", text="", id="short")
    for order in ([MADRID, short], [short, MADRID]):
        grouper = StoryGrouper(encoder=fake_encoder, verify=False).fit(order)
        a, b = (r.features for r in grouper.rows_)
        assert a.model_encoded != b.model_encoded
        assert grouper.decision.score(a, b) == grouper.decision.score(b, a) == -1.0
        assert len(set(grouper.labels_)) == 2


def test_hashing_encoder_is_cached_per_language() -> None:
    assert hashing_encoder(language="de") is hashing_encoder(language="de")
    assert hashing_encoder(language="de") is not hashing_encoder(language="fr")


def test_stories_from_pairs_joins_same_story_pairs_transitively() -> None:
    gold = stories_from_pairs(
        [("a", "b", True), ("b", "c", True), ("c", "d", False), ("e", "f", False)]
    )
    assert gold["a"] == gold["b"] == gold["c"]
    assert len({gold["a"], gold["d"], gold["e"], gold["f"]}) == 4


def _features(language: str, vector: list[float], gloss: list[float] | None) -> StoryFeatures:
    unit = np.asarray(vector, dtype="float32") / np.linalg.norm(vector)
    bridge = None if gloss is None else np.asarray(gloss, dtype="float32") / np.linalg.norm(gloss)
    return StoryFeatures(id=f"{language}{vector}", embedding=unit, language=language, bridge=bridge)


def test_one_language_the_model_cannot_read_meets_through_its_gloss() -> None:
    # hashed openings far apart (0.0), glosses close (0.8)
    a = _features("pl", [1, 0], [1, 0])
    b = _features("pl", [0, 1], [0.8, 0.6])
    glossed = Decision(threshold=0.62, hashed_offset=0.37, gloss_offset=-0.05)
    assert glossed.score(a, b) == glossed.score(b, a) == pytest.approx(0.8 - 0.05)
    # without an offset (``--fast``), or with a side stored before glosses were kept: hashed
    assert Decision(hashed_offset=0.37).score(a, b) == pytest.approx(0.37)
    unglossed = dataclasses.replace(b, bridge=None)
    assert glossed.score(a, unglossed) == glossed.score(unglossed, a) == pytest.approx(0.37)
    # English openings are read by the model as before
    en_a, en_b = _features("en", [1, 0], None), _features("en", [0.6, 0.8], None)
    assert glossed.score(en_a, en_b) == pytest.approx(0.6)
    # and two languages still meet only with cross-language links on
    assert glossed.score(a, _features("cs", [1, 0], [1, 0])) == -1.0


def test_the_grouper_reads_glosses_with_the_model_embedding_only(fake_encoder: Encoder) -> None:
    assert StoryGrouper(encoder=fake_encoder).decision.gloss_offset == GLOSS_OFFSET
    assert StoryGrouper.fast().decision.gloss_offset is None
    assert StoryGrouper.fast(gloss_offset=0.1).decision.gloss_offset == 0.1


@needs_german
def test_german_reports_of_one_event_meet_through_their_glosses(encoder: Encoder) -> None:
    strike = Article(
        title="Lokführer streiken: Bahn stellt Fernverkehr bundesweit ein",
        text="Die Gewerkschaft der Lokführer hat ihre Mitglieder zu einem Streik von Mittwoch "
        "an aufgerufen. Die Deutsche Bahn stellt deshalb den Fernverkehr bundesweit ein, "
        "teilte das Unternehmen am Dienstag in Berlin mit.",
        id="de-streik", language="de",
    )  # fmt: skip
    again = Article(
        title="Bahnstreik: Fernzüge fallen von Mittwoch an aus",
        text="Wegen des Streiks der Lokführergewerkschaft fallen von Mittwoch an fast alle "
        "Fernzüge der Deutschen Bahn aus. Die Gewerkschaft hatte den Streik am Dienstag "
        "angekündigt; Pendler müssen mit großen Einschränkungen rechnen.",
        id="de-streik-2", language="de",
    )  # fmt: skip
    flood = Article(
        title="Hochwasser in Bayern: Tausende Menschen in Sicherheit gebracht",
        text="Nach tagelangem Regen sind in Bayern mehrere Flüsse über die Ufer getreten. "
        "Tausende Menschen wurden in Sicherheit gebracht, die Feuerwehr ist im Dauereinsatz.",
        id="de-flut", language="de",
    )  # fmt: skip
    grouper = StoryGrouper(encoder=encoder, verify=False).fit([strike, again, flood])
    rows = [r.features for r in grouper.rows_]
    assert all(f.bridge is not None and not f.model_encoded for f in rows)
    decision = grouper.decision
    same, other = decision.score(rows[0], rows[1]), decision.score(rows[0], rows[2])
    assert same >= decision.threshold > other
    assert grouper.labels_[0] == grouper.labels_[1] != grouper.labels_[2]
