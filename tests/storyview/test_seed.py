"""Done when: the seed story (the Reuters wire 004 and the Al Jazeera rewrite 000)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storylens.cli.app import app
from storylens.storyview import Fact, StoryView

WIRE, REWRITE = "75f8539cbf3bdc7f", "8f039e64ece7714e"


def carriers(fact: Fact) -> set[str]:
    return {c.article for c in fact.carried_by}


def facts_with(view: StoryView, words: str, kind: str | None = None) -> list[Fact]:
    return [
        f
        for f in view.facts
        if words.lower() in f.text.lower() and (kind is None or f.kind == kind)
    ]


def test_the_four_shared_quotes_are_one_fact_each_carried_by_both(seed_view: StoryView) -> None:
    for words in (
        "send delegates to put in place the tools",
        "need to be a conversation between the US and Iraqi governments",
        "The latest dangerous aggressive acts",
        "Iraq must govern itself",
    ):
        found = facts_with(seed_view, words, "quote")
        assert len(found) == 1, words
        assert carriers(found[0]) == {WIRE, REWRITE}, words
    trimmed = facts_with(seed_view, "Iraq must govern itself", "quote")[0]
    assert {c.article: c.how for c in trimmed.carried_by} == {WIRE: "partial", REWRITE: "verbatim"}
    assert trimmed.speaker == "Ali al-Sistani"


def test_what_only_the_wire_reports(seed_view: StoryView) -> None:
    money = [f for f in seed_view.facts if f.kind == "number" and f.quantity == "money"]
    assert [(f.text, f.value, f.unit) for f in money] == [("$35 billion", 35e9, "USD")]
    assert carriers(money[0]) == {WIRE}
    embassies = [f for f in seed_view.facts if f.kind == "number" and f.unit == "embassies"]
    assert len(embassies) == 1 and embassies[0].value == 4
    assert "four" in embassies[0].text and carriers(embassies[0]) == {WIRE}
    assert carriers(facts_with(seed_view, "four embassies", "quote")[0]) == {WIRE}
    champagne = facts_with(seed_view, "Champagne", "claim")
    assert len(champagne) == 1 and "Canadian" in champagne[0].text
    assert carriers(champagne[0]) == {WIRE}


def test_what_only_the_rewrite_reports(seed_view: StoryView) -> None:
    aliakbari = [
        f for f in seed_view.facts if f.kind == "quote" and "Aliakbari" in (f.speaker or "")
    ]
    assert len(aliakbari) == 1 and carriers(aliakbari[0]) == {REWRITE}
    # Trump at the Ohio rally, quoted by the rewrite only
    rally = facts_with(seed_view, "we stopped him cold", "quote")
    assert len(rally) == 1 and carriers(rally[0]) == {REWRITE}


def test_lineage_rewrite_derives_from_the_wire_and_credits_reuters(seed_view: StoryView) -> None:
    links = {link.article: link for link in seed_view.lineage}
    assert links[REWRITE].derived_from == WIRE
    assert links[REWRITE].relation == "derived"
    assert "Reuters" in links[REWRITE].credited_sources
    assert links[WIRE].derived_from is None
    # the source comes first, so its facts are its own and the rewrite's copies are not
    assert [a.id for a in seed_view.articles] == [WIRE, REWRITE]
    shares = {o.articles[0]: o.own_share for o in seed_view.outlets}
    assert shares[WIRE] == 1.0 and shares[REWRITE] < 0.6


def test_every_fact_once_with_verbatim_spans(seed_view: StoryView, seed_files) -> None:
    texts = {a.id: a.text for a in _articles(seed_files)}
    assert len({(f.kind, f.text) for f in seed_view.facts}) == len(seed_view.facts)
    for fact in seed_view.facts:
        assert len(carriers(fact)) == len(fact.carried_by), fact.id
        for c in fact.carried_by:
            assert c.text and c.text in texts[c.article], (fact.id, c.text)
    only = {o.articles[0]: set(o.only_here) for o in seed_view.outlets}
    assert {f.id for f in seed_view.facts if carriers(f) == {WIRE}} == only[WIRE]


def _articles(paths) -> list:
    from storylens.read import read_path

    return [read_path(p)[0] for p in paths]


def test_cli_json_has_the_documented_shape(seed_files: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(
        app, ["story", str(seed_files[0]), str(seed_files[1]), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {
        "id",
        "title",
        "articles",
        "facts",
        "numbers",
        "lineage",
        "outlets",
        "notes",
    }
    assert set(data["articles"][0]) == {
        "id", "outlet", "title", "published", "url", "duplicate_group"
    }  # fmt: skip
    assert set(data["facts"][0]) == {
        "id", "kind", "text", "speaker", "quantity", "value", "unit", "carried_by", "first"
    }  # fmt: skip
    assert set(data["facts"][0]["carried_by"][0]) == {"article", "outlet", "how", "text"}
    assert set(data["facts"][0]["first"]) == {"article", "outlet", "published"}
    assert set(data["lineage"][0]) == {"article", "derived_from", "relation", "credited_sources"}
    assert set(data["outlets"][0]) == {"outlet", "articles", "own_share", "only_here", "missing"}
    assert data["title"] == "US rejects Iraq request to discuss troop withdrawal"
    assert len(data["articles"]) == 2
