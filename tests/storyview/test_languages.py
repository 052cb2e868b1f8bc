"""Articles in another language join the story's facts through a dictionary, or keep their own."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from storylens.analyze.glossary import glossary
from storylens.model import Article
from storylens.render.story_html import story_report
from storylens.render.story_text import WIDTH, render_story
from storylens.storyview import StoryView, story_view

#: one tornado reported by two English outlets and a German one (words in FreeDict deu-eng)
BILINGUAL = Path(__file__).resolve().parent / "fixtures" / "tornado_de_en.jsonl"
EN = next(r["text"] for r in map(json.loads, BILINGUAL.open(encoding="utf-8")) if r["id"] == "en-1")
#: Dutch: no Dutch-English dictionary is installed (make system-deps installs none)
NL = (
    "Minstens 22 mensen kwamen om toen een tornado dinsdag de stad Millbrook trof, meldden de "
    "autoriteiten.\n\nDe storm verwoestte huizen langs de rivier."
)

needs_german = pytest.mark.skipif(
    glossary("de") is None, reason="FreeDict deu-eng is not installed (make system-deps)"
)


def _carriers(view: StoryView) -> list[set[str]]:
    return [{c.article for c in fact.carried_by} for fact in view.facts]


@pytest.fixture(scope="module")
def bilingual() -> StoryView:
    with BILINGUAL.open(encoding="utf-8") as fh:
        return story_view([Article.from_dict(json.loads(line)) for line in fh])


@needs_german
def test_a_translated_quote_is_one_fact_with_the_english_one(bilingual: StoryView) -> None:
    quote = next(f for f in bilingual.facts if f.kind == "quote" and "house is gone" in f.text)
    how = {c.article: c.how for c in quote.carried_by}
    assert how == {"en-1": "verbatim", "en-2": "verbatim", "de-1": "translated"}
    german = next(c for c in quote.carried_by if c.article == "de-1")
    # the carrier shows the German original, not the gloss
    assert german.text == "Wir haben alles verloren, unser Haus ist weg"
    assert not any(f.kind == "quote" and f.text.startswith("Wir haben") for f in bilingual.facts)


@needs_german
def test_a_number_carries_across_languages_by_value(bilingual: StoryView) -> None:
    deaths = next(f for f in bilingual.facts if f.kind == "number" and f.value == 22)
    assert deaths.quantity == "deaths"
    assert {c.article for c in deaths.carried_by} == {"en-1", "en-2", "de-1"}
    homes = next(f for f in bilingual.facts if f.kind == "number" and f.value == 40)
    assert {c.article for c in homes.carried_by} == {"en-1", "de-1"}


@needs_german
def test_translated_claims_join_and_unshared_ones_stay_apart(bilingual: StoryView) -> None:
    storm = next(f for f in bilingual.facts if f.text.startswith("The storm destroyed"))
    assert {c.article for c in storm.carried_by} == {"en-1", "de-1"}
    rescue = next(f for f in bilingual.facts if f.text.startswith("Rescue teams"))
    assert {c.article for c in rescue.carried_by} == {"en-2"}
    # no fact holds only German text: every German sentence found its English twin
    assert {"de-1"} not in _carriers(bilingual)
    assert any(
        "matched to the facts in en" in n and "freedict-deu-eng" in n for n in bilingual.notes
    )


@needs_german
def test_the_json_and_the_text_view_show_translated_carriers(bilingual: StoryView) -> None:
    hows = {c["how"] for f in bilingual.to_dict()["facts"] for c in f["carried_by"]}
    assert "translated" in hows
    out = io.StringIO()
    render_story(bilingual, Console(file=out, width=WIDTH, force_terminal=False))
    assert "x translated" in out.getvalue()
    assert max(len(line) for line in out.getvalue().splitlines()) <= WIDTH
    assert 'class="sl-cell sl-translated"' in story_report(bilingual)


def test_without_a_dictionary_articles_keep_their_own_facts_and_the_view_says_so() -> None:
    assert glossary("nl") is None
    articles = [
        Article(id="en-1", text=EN, outlet="a.example", language="en", published="2023-03-07"),
        Article(id="en-2", text=EN, outlet="b.example", language="en", published="2023-03-07"),
        Article(id="nl-1", text=NL, outlet="c.example", language="nl", published="2023-03-07"),
    ]
    view = story_view(articles)
    assert any("1 article(s) in another language (1 in nl) have their own" in n for n in view.notes)
    for carriers in _carriers(view):
        assert carriers <= {"en-1", "en-2"} or carriers == {"nl-1"}, carriers
    assert {"en-1", "en-2"} in _carriers(view)
    assert {"nl-1"} in _carriers(view)
    dutch = next(o for o in view.outlets if o.outlet == "c.example")
    # an English fact is no blind spot of a Dutch outlet
    assert dutch.missing == []
