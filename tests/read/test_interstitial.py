"""Pages served in place of an article are reported, not read as articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens.errors import Problem
from storylens.model import Article
from storylens.read import iter_articles
from storylens.read.interstitial import MAX_CHARS, an_article, interstitial

# the three kinds as SemEval-2022 pages hold them (Polish, and the English translation)
POLISH_BLOCK = (
    "Przykro nam, ale z adresu IP z którego się łączysz odnotowaliśmy ogromną ilość połączeń.\n\n"
    "Podejrzewamy, że ktoś nadużył adresu IP, z którego korzystasz.\n\n"
    'Jeśli chcesz połączyć się z nami zaznacz "NIE JESTEM ROBOTEM".'
)
AD_WALL = (
    "Wyborcza.pl\nDisable AdBlock / uBlock\n\nTo read our articles, disable AdBlock / uBlock or "
    "add an exception for our domain."
)
ROBOT = "Just a moment...\nChecking your browser before accessing example.com."
STORY = (
    "Floods hit the river valley on Monday, and thousands of people left their homes. "
    "Rescue teams reached the last villages by boat on Tuesday."
)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (POLISH_BLOCK, "a block page for too many requests"),
        (AD_WALL, "an ad-block wall"),
        ("Did you know you are using adblock?\n\nThe ads aren't that bad.", "an ad-block wall"),
        (ROBOT, "a robot check"),
    ],
)
def test_a_page_served_instead_of_an_article_says_what_it_is(text: str, kind: str) -> None:
    assert interstitial(Article(text=text)) == kind
    with pytest.raises(ValueError, match=f"^not an article: the page is {kind}$"):
        an_article(Article(text=text))


def test_an_article_that_names_the_phrases_is_read() -> None:
    assert interstitial(Article(title="Floods", text=STORY)) is None
    # a report on ad blockers quotes a wall's words; it runs longer than any wall
    report = "Publishers ask readers to disable AdBlock before they read on. " + STORY * 8
    assert len(report) > MAX_CHARS
    assert interstitial(Article(title="The war on ad blockers", text=report)) is None


def test_a_batch_reports_the_block_page_by_line_and_keeps_the_articles(tmp_path: Path) -> None:
    import json

    path = tmp_path / "pages.jsonl"
    rows = [
        {"id": "s1", "text": STORY},
        {"id": "b1", "text": POLISH_BLOCK},
        {"id": "s2", "text": STORY + " More."},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    found = list(iter_articles([str(path)]))
    assert [a.id for a in found if isinstance(a, Article)] == ["s1", "s2"]
    (problem,) = [p for p in found if isinstance(p, Problem)]
    assert (
        str(problem) == f"{path}:2: not an article: the page is a block page for too many requests"
    )


def test_an_html_robot_check_is_reported_by_file(tmp_path: Path) -> None:
    page = tmp_path / "blocked.html"
    page.write_text(
        "<html><head><title>Just a moment...</title></head><body><h1>example.com</h1>"
        "<p>Checking your browser before accessing example.com.</p>"
        "<p>Enable JavaScript and cookies to continue</p></body></html>",
        "utf-8",
    )
    (problem,) = list(iter_articles([str(page)]))
    assert isinstance(problem, Problem)
    assert problem.where == str(page)
    assert problem.message == "not an article: the page is a robot check"


def test_a_labelled_set_reports_the_block_page_as_read_would(tmp_path: Path) -> None:
    import json

    from storylens.stories.evaluate import read_labelled

    path = tmp_path / "labelled.jsonl"
    rows = [{"id": "s1", "text": STORY, "story": "f"}, {"id": "b1", "text": AD_WALL, "story": "f"}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    articles, gold, problems = read_labelled(str(path))
    assert [a.id for a in articles] == ["s1"] and gold == ["f"]
    assert [str(p) for p in problems] == [f"{path}:2: not an article: the page is an ad-block wall"]
