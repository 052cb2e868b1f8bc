"""The HTML reader: trafilatura text plus figure captions, bylines and boilerplate removal."""

from __future__ import annotations

from pathlib import Path

from storylens.errors import Problem
from storylens.model import Caption
from storylens.read import iter_articles, read_path
from storylens.read.htmlpage import article_from_html

FIXTURES = Path(__file__).parent / "fixtures"


def test_page_metadata_captions_and_body() -> None:
    (article,) = read_path(FIXTURES / "page.html")
    assert article.title == "Storm hits coast"
    assert article.outlet == "Daily Planet"
    assert article.url == "https://www.dailyplanet.example/news/storm-hits-coast"
    assert article.published == "2021-03-04T10:15:00+00:00"
    assert article.authors == ["Lois Lane"]
    assert article.standfirst == "Thousands lose power as winds reach 100 mph."
    assert article.language == "en"
    assert article.credited_sources == ["Reuters"]
    assert article.headings == ["Rescue efforts"]
    assert article.captions == [
        Caption("Waves crash over the sea wall in Metropolis", "John Smith/AP Photo"),
        Caption("A fallen tree blocks Main Street", "Jane Doe/Reuters"),
    ]
    # four body paragraphs and the cross-head between them, which is also in headings
    assert len(article.paragraphs) == 5 and article.paragraphs[2] == "Rescue efforts"
    for furniture in ("Share this", "Subscribe", "contributed", "Waves crash", "By Lois", "Home"):
        assert furniture not in article.text, furniture


def test_malformed_but_recoverable_html_is_read() -> None:
    html = (
        "<html><body><div><p>The council voted on Monday to close the old library after "
        "years of falling visitor numbers, officials said.<p>Residents protested <b>outside "
        "the town hall for several hours on Monday evening.</div"
    )
    article = article_from_html(html, source="x.html")
    assert "close the old library" in article.text
    assert "Residents protested outside" in article.text


def test_html_without_article_text_is_a_problem(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text("<html><head><title>x</title></head><body><div><p", encoding="utf-8")
    (item,) = iter_articles([str(page)])
    assert isinstance(item, Problem)
    assert item.where == str(page)
    assert "no article text" in item.message


def test_wrongly_declared_charset_is_detected(tmp_path: Path) -> None:
    body = (
        "<p>Le président a annoncé mercredi une réforme des retraites très contestée par les "
        "syndicats, qui appellent à la grève générale dans toute la France.</p>" * 3
    )
    page = tmp_path / "fr.html"
    head = '<html><head><meta charset="utf-8"><title>Réforme</title></head>'
    page.write_bytes(f"{head}<body>{body}</body></html>".encode("cp1252"))
    (article,) = read_path(page)
    assert "président a annoncé" in article.text
    assert article.language == "fr"
