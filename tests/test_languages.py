"""One reading of a language tag for every stage."""

from __future__ import annotations

import pytest

from storylens.analyze.bridge import bridge
from storylens.analyze.document import Sentence
from storylens.analyze.quantities import extract
from storylens.languages import primary


@pytest.mark.parametrize("tag", ["es", "es-ES", "es_es", " ES ", "es-419"])
def test_a_region_or_script_does_not_change_the_language(tag: str) -> None:
    assert primary(tag) == "es"


def test_the_bridge_and_the_dates_read_a_regional_tag_as_its_language() -> None:
    text = "El 3 de enero de 2019 dimitió el gobierno."
    assert bridge(text, "es_ES").language == bridge(text, "es").language == "es"
    one = [Sentence(0, text, 0, 0, len(text))]
    assert [q.key for q in extract(one, [], None, "es_ES")] == ["date:2019-01-03"]
