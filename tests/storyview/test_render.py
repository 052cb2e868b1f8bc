"""The story view rendered: a terminal view in 100 columns, an escaped self-contained report."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from storylens.model import Article
from storylens.render.story_html import story_report
from storylens.render.story_text import WIDTH, render_story
from storylens.storyview import StoryView, story_view

EVIL = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def evil_view() -> StoryView:
    quote = f"“{EVIL} is not a plan for the valley,” the minister said on Monday."
    articles = [
        Article(
            id=f"evil-{i}",
            title=f"Dam plan <b>{i}</b>",
            outlet=f"<img src=x onerror=alert({i})>.example",
            url="javascript:alert(1)",
            published=f"2024-05-0{i + 1}",
            text=f"The minister rejected the dam plan on Monday in the capital.\n\n{quote}\n\n"
            f"Article {i} adds something only it says about the river basin.",
        )
        for i in range(2)
    ]
    return story_view(articles)


def test_html_escapes_article_text(evil_view: StoryView) -> None:
    quotes = [f for f in evil_view.facts if f.kind == "quote"]
    assert any(EVIL in f.text for f in quotes)  # the quote really is a fact of the view
    html = story_report(evil_view)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;" in html
    assert "<img" not in html and "<b>" not in html
    assert "javascript:" not in html
    # self-contained: nothing is fetched from anywhere
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)
    assert "default-src 'none'" in html


@pytest.mark.parametrize("which", ["seed_view", "toll_view", "evil_view"])
def test_text_view_fits_100_columns(which: str, request: pytest.FixtureRequest) -> None:
    view: StoryView = request.getfixturevalue(which)
    out = io.StringIO()
    render_story(view, Console(file=out, width=WIDTH, force_terminal=False))
    lines = out.getvalue().splitlines()
    assert len(lines) > 10
    assert max(len(line) for line in lines) <= 100
    assert view.facts[0].id in out.getvalue()


def test_report_shows_matrix_numbers_and_lineage_with_text_equivalents(
    toll_view: StoryView,
) -> None:
    html = story_report(toll_view)
    for outlet in ("morning-herald.example", "state-wire.example"):
        assert html.count(outlet) >= 2
    assert 'class="sl-matrix"' in html
    assert "rising over time" in html
    # each chart is an image with a label and is followed by the same in words
    assert html.count('role="img"') == html.count("<svg") == 2
    assert '<table class="sl-values">' in html and '<ul class="sl-lineage-list">' in html
    assert "(untitled)" not in html
