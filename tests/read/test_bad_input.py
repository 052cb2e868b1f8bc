"""Hostile but fair inputs: each bad record costs only itself, and no input hangs or eats memory.

The committed corpus under fixtures/bad/ holds one case per file; expected.json says what
reading it must give.
"""

from __future__ import annotations

import io
import json
import os
import sys
import threading
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storylens.errors import Problem
from storylens.model import Article
from storylens.read import ReadOptions, iter_articles
from storylens.read import lines as lines_module

BAD = Path(__file__).parent / "fixtures" / "bad"
EXPECTED = {k: v for k, v in json.loads((BAD / "expected.json").read_text()).items() if k[0] != "_"}


def _split(items: list[Article | Problem]) -> tuple[list[Article], list[Problem]]:
    return (
        [i for i in items if isinstance(i, Article)],
        [i for i in items if isinstance(i, Problem)],
    )


def test_every_corpus_file_has_an_expected_outcome() -> None:
    assert sorted(p.name for p in BAD.iterdir() if p.name != "expected.json") == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_input_corpus(name: str) -> None:
    path = BAD / name
    articles, problems = _split(list(iter_articles([str(path)])))
    expected = EXPECTED[name]
    assert [a.id if a.id in expected["articles"] else a.title for a in articles] == expected[
        "articles"
    ]
    assert len(problems) == len(expected["problems"]), problems
    for problem, (where, words) in zip(problems, expected["problems"], strict=True):
        assert problem.where == f"{path}{where}"
        assert words in problem.message
        assert "\n" not in str(problem)
    for article in articles:
        # everything kept can be written as UTF-8 by every later stage
        for value in (article.title, article.text, article.id):
            value.encode("utf-8")
            assert not any(ord(c) < 32 and c not in "\t\n\r" for c in value)


def test_lone_surrogates_become_replacement_characters() -> None:
    articles, _ = _split(list(iter_articles([str(BAD / "surrogate.jsonl")])))
    (odd,) = [a for a in articles if a.id == "s1"]
    assert odd.title == "Lone \ufffd surrogate"
    assert "lone \ufffd surrogate and a control char in it" in odd.text


def _finishes(run: object, seconds: float = 10.0) -> list[object]:
    """``run()``'s items, failing (not hanging) when it takes longer than ``seconds``."""
    out: list[object] = []
    worker = threading.Thread(target=lambda: out.extend(run()), daemon=True)  # type: ignore[operator]
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "reading did not finish"
    return out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_is_refused_in_one_line_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    (problem,) = _finishes(lambda: list(iter_articles([str(fifo)])))
    assert isinstance(problem, Problem)
    assert "named pipe (FIFO), not a regular file" in problem.message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_devices_are_refused() -> None:
    (problem,) = _finishes(lambda: list(iter_articles(["/dev/zero"])))
    assert isinstance(problem, Problem) and "character device" in problem.message


class _Endless(io.RawIOBase):
    """stdin fed from /dev/zero: zeros for ever, counting what was asked of it."""

    asked = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        self.asked += len(buffer)
        buffer[:] = b"\0" * len(buffer)
        return len(buffer)


def test_endless_stdin_is_capped_while_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _Endless()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(raw)))
    (problem,) = _finishes(lambda: list(iter_articles(["-"], ReadOptions(max_bytes=100_000))))
    assert isinstance(problem, Problem) and "over the --max-bytes limit" in problem.message
    assert raw.asked < 1_000_000


def test_newline_in_a_file_name_keeps_the_error_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines.txt"
    path.write_bytes(b"")
    (problem,) = list(iter_articles([str(path)]))
    assert isinstance(problem, Problem)
    assert "\n" not in str(problem) and "two\\nlines.txt: empty file" in str(problem)


def _record(i: int) -> str:
    return json.dumps({"id": f"r{i}", "title": f"Story {i}", "text": f"Town {i} voted on Monday."})


def test_jsonl_is_read_record_by_record_with_no_file_limit(tmp_path: Path) -> None:
    path = tmp_path / "many.jsonl"
    path.write_text("\n".join(_record(i) for i in range(300)) + "\n", encoding="utf-8")
    assert path.stat().st_size > 10_000
    articles, problems = _split(list(iter_articles([str(path)], ReadOptions(max_bytes=10_000))))
    assert len(articles) == 300 and not problems


def test_a_record_over_the_record_cap_is_one_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lines_module, "MAX_RECORD_BYTES", 2_000)
    huge = json.dumps({"id": "big", "text": "word " * 1_000})
    path = tmp_path / "big.jsonl"
    path.write_text(f"{_record(1)}\n{huge}\n{_record(3)}\n", encoding="utf-8")
    articles, problems = _split(list(iter_articles([str(path)])))
    assert [a.id for a in articles] == ["r1", "r3"]
    assert [p.where for p in problems] == [f"{path}:2"]
    assert "limit for one JSON line or CSV row" in problems[0].message


def test_csv_row_over_the_cap_and_quoted_newlines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lines_module, "MAX_RECORD_BYTES", 500)
    path = tmp_path / "rows.csv"
    path.write_text(
        'title,text\nOne,"A cell over\n\ntwo lines, read as one row."\n'
        f"Two,{'x' * 600}\nThree,The third row.\n",
        encoding="utf-8",
    )
    articles, problems = _split(list(iter_articles([str(path)])))
    assert [a.title for a in articles] == ["One", "Three"]
    assert articles[0].text.startswith("A cell over")
    assert [p.where for p in problems] == [f"{path}:5"]


def test_latin1_csv_streams(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(
        "title,text\nGrève,La grève générale a commencé lundi à Paris.\n".encode("cp1252")
    )
    (article,) = list(iter_articles([str(path)]))
    assert isinstance(article, Article) and article.title == "Grève"


def _warc_bytes(count: int) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for i in range(count):
        body = f"<html><body><h1>Page {i}</h1><p>{'Officials said the river rose. ' * 20}</p>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        writer.write_record(
            writer.create_warc_record(
                f"https://example.com/{i}",
                "response",
                payload=io.BytesIO(body.encode()),
                http_headers=headers,
            )
        )
    return buf.getvalue()


@pytest.mark.parametrize("cut", [10, 400, 900])
def test_truncated_warc_is_reported_and_earlier_pages_kept(tmp_path: Path, cut: int) -> None:
    path = tmp_path / "cut.warc"
    path.write_bytes(_warc_bytes(2)[:-cut])
    articles, problems = _split(list(iter_articles([str(path)])))
    assert len(articles) == 1
    (problem,) = problems
    assert problem.where == f"{path}:2" and "truncated" in problem.message
