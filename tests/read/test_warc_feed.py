"""WARC archives (built here with warcio) and RSS/Atom feeds."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storylens.errors import Problem
from storylens.model import Caption
from storylens.read import iter_articles, read_path

FIXTURES = Path(__file__).parent / "fixtures"


def _warc(path: Path, pages: list[tuple[str, bytes, str]]) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, body, content_type in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.0"
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2021-03-09T08:00:00Z"},
            )
            writer.write_record(record)


def test_warc_gz_html_records(tmp_path: Path) -> None:
    page = (FIXTURES / "page.html").read_bytes()
    undated = (
        b"<html><body><article><h1>Quay repaired</h1><p>Workers finished repairing the quay on "
        b"Monday, two weeks after the storm tore away part of the harbour wall.</p><p>The harbour "
        b"master said ships could dock there again from Wednesday.</p></article></body></html>"
    )
    path = tmp_path / "crawl.warc.gz"
    _warc(
        path,
        [
            (
                "https://www.dailyplanet.example/news/storm-hits-coast",
                page,
                "text/html; charset=utf-8",
            ),
            ("https://www.dailyplanet.example/logo.png", b"\x89PNG\x00\x00", "image/png"),
            ("https://news.example.org/quay", undated, "text/html"),
        ],
    )
    first, second = read_path(path)
    assert first.title == "Storm hits coast"
    assert first.captions[0] == Caption(
        "Waves crash over the sea wall in Metropolis", "John Smith/AP Photo"
    )
    assert first.source == f"{path}:1"
    assert second.url == "https://news.example.org/quay"
    assert second.outlet == "news.example.org"
    assert second.published is not None and second.published.startswith("2021-03-09")


def test_warc_without_html_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "images.warc.gz"
    _warc(path, [("https://x.example/a.png", b"\x89PNG", "image/png")])
    assert list(iter_articles([str(path)])) == [
        Problem(str(path), "WARC file has no HTML response records")
    ]


def test_rss_feed() -> None:
    ferry, festival = read_path(FIXTURES / "feed.rss")
    assert ferry.title == "Ferry service resumes"
    assert ferry.outlet == "Harbour Gazette"
    assert ferry.published == "2021-03-05T08:00:00+00:00"
    assert ferry.authors == ["Pat Quinn"]
    assert ferry.id == "ferry-2021"
    assert ferry.captions == [Caption("A ferry leaves the harbour", "Lee Wong/AP")]
    assert ferry.paragraphs == [
        "Ferry services to the islands resumed on Friday after a two-day suspension caused by "
        "the storm.",
        "Operators said timetables would return to normal by the weekend.",
    ]
    assert festival.text.startswith("The annual harbour festival has been postponed")


def test_atom_feed() -> None:
    (entry,) = read_path(FIXTURES / "feed.atom")
    assert entry.title == "Avalanche warning raised"
    assert entry.url == "https://mountainpost.example/avalanche"
    assert entry.authors == ["Kim Berg"]
    assert len(entry.paragraphs) == 2
