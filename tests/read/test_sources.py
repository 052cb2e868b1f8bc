"""Inputs: directories, stdin, gzip, format detection, and every kind of bad file."""

from __future__ import annotations

import gzip
import io
import sys
from pathlib import Path

import pytest

from storylens.errors import Problem, ReadError
from storylens.read import ReadOptions, iter_articles, read_path

FIXTURES = Path(__file__).parent / "fixtures"
STORY = (
    "Storm hits the coast\n\nA powerful storm hit the coast on Thursday, cutting power to homes.\n"
)


def _only_problem(path: Path, options: ReadOptions | None = None) -> Problem:
    (item,) = iter_articles([str(path)], options)
    assert isinstance(item, Problem), item
    return item


def test_directory_is_read_recursively_and_ignores_unknown_files(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "top.md").write_text(STORY.replace("Storm", "Flood"), encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\x00\x00")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "skip.txt").write_text(STORY, encoding="utf-8")
    articles = read_path(tmp_path)
    assert [Path(a.source or "").name for a in articles] == ["deep.txt", "top.md"]


def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b'{"title": "From stdin", "text": "Piped articles are read like files."}\n{oops\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    article, problem = iter_articles(["-"])
    assert article.title == "From stdin" and article.source == "<stdin>:1"
    assert isinstance(problem, Problem) and problem.where == "<stdin>:2"


def test_gzip_file_uses_inner_extension(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl.gz"
    path.write_bytes(gzip.compress((FIXTURES / "articles.jsonl").read_bytes()))
    items = list(iter_articles([str(path)]))
    assert [getattr(i, "id", None) for i in items] == ["a1", None, "a3", None, "a5"]


def test_input_format_forces_a_reader(tmp_path: Path) -> None:
    path = tmp_path / "page.data"
    path.write_bytes((FIXTURES / "page.html").read_bytes())
    (article,) = read_path(path, ReadOptions(format="html"))
    assert article.title == "Storm hits coast"
    with pytest.raises(ValueError, match="unknown input format"):
        ReadOptions(format="pdf")


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_bytes((FIXTURES / "feed.atom").read_bytes())
    (article,) = read_path(path)
    assert article.title == "Avalanche warning raised"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.jsonl", b"\n  \n", "empty file"),
        ("binary.txt", b"GIF89a\x00\x01\x00\x00\xff", "binary file"),
        ("image.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not a format"),
        ("broken.gz", b"\x1f\x8b\x08\x00garbage", "not a valid gzip file"),
        ("controls.txt", bytes(range(1, 9)) * 200, "binary file"),
    ],
)
def test_bad_files_are_problems(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    problem = _only_problem(path)
    assert problem.where == str(path)
    assert message in problem.message


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    assert list(iter_articles([str(tmp_path / "nope.txt")])) == [
        Problem(str(tmp_path / "nope.txt"), "no such file or directory")
    ]
    assert "no readable files" in _only_problem(tmp_path).message


def test_file_over_max_bytes(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(STORY * 50, encoding="utf-8")
    problem = _only_problem(path, ReadOptions(max_bytes=1000))
    assert "over the --max-bytes limit" in problem.message
    gz = tmp_path / "big.txt.gz"
    gz.write_bytes(gzip.compress(path.read_bytes()))
    assert "over the --max-bytes limit" in _only_problem(gz, ReadOptions(max_bytes=1000)).message


def test_latin1_file_without_declaration(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    text = (
        "Grève générale à Paris\n\nLes syndicats appellent à une grève générale contre la "
        "réforme des retraites, annoncée mercredi par le président de la République.\n"
    )
    path.write_bytes(text.encode("latin-1"))
    (article,) = read_path(path)
    assert article.title == "Grève générale à Paris"
    assert "réforme des retraites" in article.text
    assert article.language == "fr"


def test_utf8_with_a_few_bad_bytes_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "mostly.txt"
    good = "Café owners in Zürich said on Monday that prices would rise, citing energy costs. "
    path.write_bytes(b"Headline\n\n" + (good * 20).encode("utf-8") + b"\xff\xfe tail.")
    (article,) = read_path(path)
    assert "Café owners in Zürich" in article.text


def test_read_path_raises_when_nothing_readable(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(ReadError, match="empty file"):
        read_path(path)
