"""JSONL, JSON and CSV readers, and the record-to-article field mapping."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from storylens.errors import Problem
from storylens.model import Caption
from storylens.read import ReadOptions, article_from_record, iter_articles, read_path

FIXTURES = Path(__file__).parent / "fixtures"


def test_jsonl_skips_bad_lines_and_keeps_the_good_ones() -> None:
    path = str(FIXTURES / "articles.jsonl")
    items = list(iter_articles([path]))
    articles = [i for i in items if not isinstance(i, Problem)]
    problems = [i for i in items if isinstance(i, Problem)]
    assert [a.id for a in articles] == ["a1", "a3", "a5"]
    assert [p.where for p in problems] == [f"{path}:2", f"{path}:4"]
    assert problems[0].message.startswith("invalid JSON")
    assert problems[1].message.startswith("record has no text")
    first, third, fifth = articles
    assert first.outlet == "citynews.example" and first.published == "2021-05-03"
    assert first.paragraphs == [
        "The city council approved a new budget on Monday after weeks of debate.",
        "The plan raises spending on schools and roads.",
    ]
    assert first.source == f"{path}:1"
    assert third.title == "River levels fall after floods"
    assert third.outlet == "Valley Times"
    assert third.authors == ["Ann Lee", "Bob Ray"]
    assert third.published == "2021-05-04T09:30:00+00:00"
    assert fifth.source == f"{path}:5"


def test_csv_with_field_mapping() -> None:
    path = str(FIXTURES / "custom.csv")
    fields = {"title": "headline", "text": "story", "url": "web_address", "id": "ident"}
    items = list(iter_articles([path], ReadOptions(fields=fields)))
    assert [getattr(i, "id", None) for i in items[:2]] == ["c1", "c2"]
    assert items[0].title == "Bridge reopens after repairs"
    assert items[0].outlet == "roads.example"
    assert items[0].source == f"{path}:2"
    assert items[2] == Problem(
        f"{path}:4",
        "record has no text (looked for field 'story'; map yours with --field text=NAME)",
    )


def test_csv_without_mapping_reports_every_row() -> None:
    items = list(iter_articles([str(FIXTURES / "custom.csv")]))
    assert all(isinstance(i, Problem) for i in items) and len(items) == 3


def test_json_array_file(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(
        '[{"title": "One", "text": "First story text here."}, {"title": "Two"}]', encoding="utf-8"
    )
    items = list(iter_articles([str(path)]))
    assert items[0].title == "One"
    assert items[1] == Problem(
        str(path),
        "record 2: record has no text "
        "(looked for text, body, content, article; map yours with "
        "--field text=NAME)",
    )


def test_record_with_html_document_goes_through_html_reader() -> None:
    html = (FIXTURES / "page.html").read_text(encoding="utf-8")
    article = article_from_record({"headline": "Given", "html": html})
    assert article.title == "Given"
    assert article.captions and "Share this" not in article.text
    assert article.outlet == "Daily Planet"


def test_record_errors() -> None:
    with pytest.raises(ValueError, match="has no text"):
        article_from_record({"title": "x"})
    with pytest.raises(ValueError, match="not an object"):
        article_from_record(["a", "b"])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown model field"):
        article_from_record({"text": "x"}, {"colour": "c"})


def test_declared_language_wins_for_records() -> None:
    article = article_from_record(
        {"text": "A story written in English about football.", "lang": "de"}
    )
    assert article.language == "de"


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2023", "2023"),
        ("2023-11", "2023-11"),
        ("2023-02-20", "2023-02-20"),
        ("2023-02-20T10:30:00Z", "2023-02-20T10:30:00+00:00"),
        ("Sat, 18 Nov 2023 14:02:00 GMT", "2023-11-18T14:02:00+00:00"),
        ("not a date", None),
    ],
)
def test_dates_keep_their_precision(given: str, expected: str | None) -> None:
    from storylens.read.dates import iso_date

    assert iso_date(given) == expected


WIRE_RECORDS = Path(__file__).parent / "fixtures" / "wire_records.jsonl"


def test_photo_captions_and_desk_notes_leave_a_record_body() -> None:
    wire, plain, lines = read_path(WIRE_RECORDS)
    for piece in ("ATTENTION", "RESALES", "REUTERS", "Ihlas", "riot police"):
        assert piece not in wire.text, piece
    assert wire.captions == [
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
    assert wire.paragraphs == [
        "ISTANBUL - Turkish police detained dozens of protesters on Sunday in central Istanbul, "
        "witnesses said.",
        "Lawyers for the protesters said they had not been told what the charges were.",
        "The protesters were released later in the day, a lawyer said.",
        "Police said the protest had not been authorised.",
    ]
    # only captions move: a one-paragraph body, and a heading line, stay as the record gave them
    assert plain.text.startswith("By Ann Lee The mayor opened the new bridge on Friday")
    assert plain.captions == []
    assert lines.paragraphs == [
        "Rescue efforts",
        "Crews searched the rubble through the night.",
        "More rain is expected on Monday.",
    ]
    assert lines.headings == []


def test_a_csv_record_loses_its_photo_caption(tmp_path: Path) -> None:
    path = tmp_path / "wire.csv"
    path.write_text(
        'title,text\nStorm,"Winds hit the coast on Monday.\n\n'
        'A fallen tree blocks Main Street. REUTERS/Jane Doe\n\nSchools stayed shut."\n',
        encoding="utf-8",
    )
    (article,) = read_path(path)
    assert article.paragraphs == ["Winds hit the coast on Monday.", "Schools stayed shut."]
    assert article.captions == [Caption("A fallen tree blocks Main Street.", "REUTERS/Jane Doe")]


def test_common_english_dates_are_read_without_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    from storylens.read.dates import iso_date

    # a None entry in sys.modules makes `import dateparser` fail, so only the fast path can answer
    monkeypatch.setitem(sys.modules, "dateparser", None)
    assert iso_date("April 26, 2022") == "2022-04-26"
    assert iso_date("09 Oct 2018") == "2018-10-09"
    # a dotted date is day first, with or without a weekday word and a time
    assert iso_date("Di., 25.01.2022 - 14:45") == "2022-01-25T14:45:00"
    assert iso_date("1.2.2020") == "2020-02-01"
    assert iso_date("31.02.2020") is None
    with pytest.raises(ImportError):
        iso_date("the 5th of May, 2021")
