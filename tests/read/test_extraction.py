"""Regression tests for the ways a web page lost article text or kept furniture (issue 17)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import htmldate
import pytest
import trafilatura.metadata

from storylens.model import Article, Caption
from storylens.read import iter_articles, read_path
from storylens.read.furniture import is_boilerplate, split_caption
from storylens.read.htmlpage import article_from_html
from storylens.read.plaintext import parse_text

PAGES = Path(__file__).parent / "fixtures" / "extraction"


def _page(name: str) -> Article:
    (article,) = read_path(PAGES / name)
    return article


def test_empty_comments_do_not_cost_a_paragraph() -> None:
    article = _page("comments.html")
    assert "Residents gathered outside the town hall for several hours on Monday" in article.text
    assert len(article.paragraphs) == 4


def test_text_loose_after_a_heading_is_body() -> None:
    article = _page("tails.html")
    # the cross-head is its own paragraph of the text, and the loose text after it the next one
    assert article.paragraphs[1] == "Today's best deal"
    assert "The cheapest laptop this week costs 299 dollars" in article.paragraphs[2]
    assert article.headings == ["Today's best deal"]


def test_tables_are_kept_as_rows_of_text() -> None:
    article = _page("table.html")
    assert "Party | Votes | Seats\n\nGreens | 12,345 | 7\n\nLiberals | 9,876 | 5" in article.text
    assert article.headings == []


def test_a_table_set_in_a_figure_is_kept() -> None:
    article = _page("table_figure.html")
    assert "Greens | 12,345 | 7\n\nLiberals | 9,876 | 5" in article.text
    assert article.captions == [Caption("Votes counted by Sunday night", None)]


def test_list_items_and_short_paragraphs_are_not_cross_heads() -> None:
    article = _page("list.html")
    for item in ("The phone comes with these features:", "Six-inch screen", "Two-day battery"):
        assert item in article.paragraphs
    assert article.headings == []


def test_stray_noscript_does_not_swallow_the_page() -> None:
    article = _page("noscript.html")
    assert article.paragraphs[0].startswith("The national park reopened on Tuesday")
    assert len(article.paragraphs) == 4


def test_json_ld_article_body_and_metadata_win_when_whole() -> None:
    article = _page("jsonld.html")
    assert "donation" not in article.text  # shown in the article, absent from articleBody
    assert "The library opened in 1904" in article.text
    assert article.headings == ["What happens next"]
    assert article.title == "Council votes to close library"
    assert article.published == "2024-02-05T09:00:00+00:00"
    assert article.authors == ["Ann Reporter"]
    assert article.outlet == "Town Crier"


def test_json_ld_teaser_falls_back_to_extraction() -> None:
    article = _page("jsonld_teaser.html")
    assert "The library opened in 1904" in article.text
    assert "A final decision on the sale is expected" in article.text
    assert article.authors == ["Ann Reporter"]


def test_article_body_missing_from_the_page_is_not_used() -> None:
    html = (PAGES / "jsonld.html").read_text(encoding="utf-8")
    # the same JSON-LD on a page that shows another article
    other = (
        "<p>Rail workers in the capital walked out on Friday over pay, stopping most trains "
        "into the city for the whole day, the union said in a statement.</p>" * 4
    )
    start, end = html.index("<article>"), html.index("</article>")
    html = html[:start] + f"<article><h1>Rail strike</h1>{other}" + html[end:]
    article = article_from_html(html, source="x.html")
    assert "Rail workers" in article.text
    assert "library" not in article.text


def test_stated_metadata_skips_the_searches(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_date, real_title = htmldate.find_date, trafilatura.metadata.extract_title

    def date_spy(*args: Any, **kwargs: Any) -> Any:
        calls.append("date")
        return real_date(*args, **kwargs)

    def title_spy(*args: Any, **kwargs: Any) -> Any:
        calls.append("title")
        return real_title(*args, **kwargs)

    monkeypatch.setattr(htmldate, "find_date", date_spy)
    monkeypatch.setattr(trafilatura.metadata, "extract_title", title_spy)
    html = (PAGES / "table.html").read_text(encoding="utf-8")
    assert article_from_html(html, source="x").published == "2024-02-05T09:00:00+00:00"
    assert calls == []
    undated = html.replace('property="article:published_time"', 'property="x"')
    undated = undated.replace("<article>", "<article><time>6 February 2024</time>")
    article = article_from_html(undated, source="x")
    assert calls == ["date"]
    assert article.published == "2024-02-06"
    assert article.title == "Election results in the north"


DESK = (
    "Police officers detain a demonstrator during a protest in Istanbul, Turkey, January 5, "
    "2020. Ihlas News Agency (IHA) via REUTERS ATTENTION EDITORS – THIS PICTURE WAS PROVIDED BY "
    "A THIRD PARTY. NO RESALES. NO ARCHIVE. TURKEY OUT."
)
WIRE_TEXT = (
    "Turkish police detain protesters in Istanbul\n\n"
    "ISTANBUL (Reuters) - Turkish police detained dozens of protesters on Sunday in central "
    "Istanbul, witnesses said.\n\n"
    "Lawyers for the protesters said they had not been told what the charges were.\n\n"
    f"{DESK}\n\n"
    "The protesters were released later in the day, a lawyer said.\n\n"
    "A woman walks past riot police in Istanbul, Turkey, January 5, 2020. REUTERS/Murad Sezer\n\n"
    "ATTENTION EDITORS - THIS IMAGE WAS PROVIDED BY A THIRD PARTY.\n\n"
    "Police said the protest had not been authorised."
)


def _no_desk_notes(article: Article) -> None:
    for piece in ("ATTENTION", "RESALES", "REUTERS", "Ihlas", "riot police"):
        assert piece not in article.text, piece
    assert article.captions == [
        Caption(
            "Police officers detain a demonstrator during a protest in Istanbul, Turkey, "
            "January 5, 2020.",
            "Ihlas News Agency (IHA) via REUTERS",
        ),
        Caption(
            "A woman walks past riot police in Istanbul, Turkey, January 5, 2020.",
            "REUTERS/Murad Sezer",
        ),
    ]
    assert "Police said the protest had not been authorised." in article.paragraphs


def test_picture_desk_notes_are_caption_furniture_in_text() -> None:
    _no_desk_notes(parse_text(WIRE_TEXT))


def test_picture_desk_notes_are_caption_furniture_in_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "opening.txt"
    path.write_text(WIRE_TEXT, encoding="utf-8")
    (article,) = iter_articles([str(path)])
    assert isinstance(article, Article)
    _no_desk_notes(article)


def test_a_sentence_about_reuters_is_not_a_credit() -> None:
    article = parse_text(
        "Agency wins award\n\nThe photograph was distributed to newspapers around the world "
        "via Reuters and was later shown at an exhibition in Paris.\n\nIt sold for a record sum."
    )
    assert "via Reuters" in article.text
    assert article.captions == []


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        (
            "Marco Odermatt, Ski-Star aus der Schweiz. © AFP / MARCO BERTORELLO",
            "Marco Odermatt, Ski-Star aus der Schweiz.",
            "AFP / MARCO BERTORELLO",
        ),
        (
            "Der Hafen von Kiel am Morgen. Foto: Jan Petersen",
            "Der Hafen von Kiel am Morgen.",
            "Jan Petersen",
        ),
    ],
)
def test_trailing_copyright_and_foto_credits(line: str, caption: str, credit: str) -> None:
    assert split_caption(line) == (caption, credit)


@pytest.mark.parametrize(
    "line",
    [
        "Lea también: Impiden ingreso a Nicaragua a reportero y camarógrafo estadounidenses que "
        "cubrían la visita del enviado especial",
        "MIRA: Madre se acerca a conocer los motivos de captura de su hijo y termina detenida",
        "Lesen Sie auch: Warum die Bahn im Winter so oft zu spät kommt",
        "Zum Newsletter anmelden",
    ],
)
def test_read_also_links_in_other_languages_are_furniture(line: str) -> None:
    assert is_boilerplate(line)


def test_a_long_sentence_with_a_colon_is_body() -> None:
    line = (
        "Mira said: the council will meet again next week to decide whether the library "
        "should stay open for another year or close in the summer as planned."
    )
    assert not is_boilerplate(line)


LEAD = (
    "The council met on Wednesday, ten months after the new chamber first sat in the old "
    "parliament building, and with only two weeks left before the drafting committee receives "
    "the text approved by the plenary, questions are being asked about how it would be put into "
    "force if voters approve it. A gradual move from the old constitution to the new one could "
    "take years, even decades, above all for the most complex changes."
)


def test_a_lead_paragraph_set_as_a_figure_caption_is_text() -> None:
    html = (
        "<html><head><title>Constitution could take decades</title></head><body><article>"
        f"<figure><img src='a.jpg'><figcaption>{LEAD}</figcaption></figure>"
        "<figure><img src='b.jpg'><figcaption>The old parliament building in the capital."
        "</figcaption></figure>"
        "<p>Lawmakers said the timetable depended on how many laws would have to be rewritten, "
        "and that committees would sit through the summer to keep it short.</p>"
        "<p>The government said it would publish its own plan for the transition next month, "
        "after talks with the main parties in both chambers.</p>"
        "</article></body></html>"
    )
    article = article_from_html(html, source="x")
    assert article.paragraphs[0] == LEAD
    assert article.captions == [Caption("The old parliament building in the capital.", None)]
