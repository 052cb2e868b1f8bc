"""The plain-text reader on the seed pages and on a Markdown wire fixture."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storylens.model import Caption
from storylens.read import parse_text, read_path

FIXTURES = Path(__file__).parent / "fixtures"


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?”])\s+", " ".join(text.split())) if s]


def test_seed_page_title_standfirst_and_furniture(seeds: tuple[Path, Path]) -> None:
    _, rewrite = seeds
    (article,) = read_path(rewrite)
    assert article.title == "US rejects Iraq request to discuss troop withdrawal"
    assert article.standfirst is not None
    assert article.standfirst.startswith("Prime Minister Adel Abdul Mahdi made the request")
    assert article.credited_sources == ["Reuters"]
    assert article.captions == [
        Caption(
            text="A a US Marine who is part of a quick reaction force, carries a sand bag during "
            "the reinforcement of the US embassy compound in Baghdad, Iraq",
            credit="Handout/US Marine Corps/Kyle C Talbot/AP Photo",
        ),
        Caption(
            text="Iraqi Prime Minister Adel Abdul Mahdi speaking during a symbolic funeral "
            "ceremony of Major General Ali al-Lami, who commands the Iraqi Federal Police’s "
            "Fourth Division",
            credit="Khalid al-Mousily/Reuters",
        ),
    ]
    assert article.headings == ["‘Suffered enough from wars’"]
    assert article.language == "en"
    assert article.source == str(rewrite)


def test_seed_page_text_has_every_body_sentence_and_no_furniture(seeds: tuple[Path, Path]) -> None:
    _, rewrite = seeds
    raw = rewrite.read_text(encoding="utf-8")
    (article,) = read_path(rewrite)
    furniture = [
        "US rejects Iraq request to discuss troop withdrawal",
        "Prime Minister Adel Abdul Mahdi made the request in a phone call",
        "US troops Iraq",
        "[File:",
        "carries a sand bag",
        "symbolic funeral ceremony",
        "‘Suffered enough from wars’",
        "Source: Reuters",
    ]
    for piece in furniture:
        assert piece not in article.text, piece
    assert "Adel Abdul Mahdi" not in article.paragraphs  # the second image's label
    blocks = [b for b in raw.split("\n\n") if b.strip()]
    body = [b for b in blocks if len(b.split()) > 8 and "[File:" not in b][1:]  # minus standfirst
    for block in body:
        for sentence in _sentences(block):
            assert sentence in " ".join(article.text.split()), sentence
    assert len(article.paragraphs) == len(body)


def test_wire_without_blank_lines_is_one_paragraph_per_line(seeds: tuple[Path, Path]) -> None:
    wire, _ = seeds
    (article,) = read_path(wire)
    lines = [line for line in wire.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert article.title == ""  # the first line is a body sentence, not a headline
    assert article.paragraphs == [" ".join(line.split()) for line in lines]
    assert article.captions == [] and article.headings == [] and article.credited_sources == []


def test_markdown_wire_fixture() -> None:
    (article,) = read_path(FIXTURES / "wire.md")
    assert article.title == "Storm closes ports across the region"
    assert article.standfirst == "Shipping halted as winds of 150 km/h batter the coast."
    assert article.authors == ["Maria Lopez", "Tom Chen"]
    assert article.published == "2021-03-04"
    # inline wire credit recorded, dateline place kept
    assert article.credited_sources == ["Reuters", "The Associated Press"]
    assert article.paragraphs[0].startswith("LISBON - A storm closed ports")
    assert article.captions == [
        Caption("Cranes stand idle at the container terminal in Lisbon", "Rui Silva/AFP")
    ]
    assert article.headings == ["Damage assessment"]
    for furniture in ("Harbour workers", "Follow us", "Reporting by", "contributed", "By Maria"):
        assert furniture not in article.text
    assert article.paragraphs[-1].startswith("Insurers said")
    assert len(article.paragraphs) == 4


def test_parse_text_meta_and_short_strings() -> None:
    article = parse_text(
        "Ships stay in port as the storm passes.\n\nMore text follows here.",
        title="Given title",
        url="https://www.example.org/a",
        id="x1",
    )
    assert article.title == "Given title"
    assert article.outlet == "example.org"
    assert article.id == "x1"
    assert article.paragraphs[0] == "Ships stay in port as the storm passes."
    lone = parse_text("Trump visits Iraq")
    assert lone.title == "Trump visits Iraq" and lone.text == "Trump visits Iraq"
    assert lone.language is None  # too short to tell
    with pytest.raises(TypeError):
        parse_text("x", colour="red")


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = (
        "Headline here\n\n"
        "The committee met on Tuesday to discuss the proposal and\n"
        "decided after a long debate that the vote would be delayed\n"
        "until next month.\n\n"
        "A second paragraph follows, which is short."
    )
    article = parse_text(text)
    assert article.paragraphs[0] == (
        "The committee met on Tuesday to discuss the proposal and decided after a long debate "
        "that the vote would be delayed until next month."
    )


def test_content_hash_id_is_stable() -> None:
    assert parse_text("Title\n\nSame body text.").id == parse_text("Title\n\nSame  body text.").id
