"""`eval stories`, `eval semeval` and `score` read their JSONL a line at a time, as `read` and
`cluster` do: no file is read whole, and one line over the record cap costs only itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storylens.cli.app import app
from storylens.read.lines import MAX_RECORD_BYTES
from storylens.score.semeval import load_pairs

FIXTURES = Path(__file__).resolve().parents[1] / "score" / "fixtures"
STORIES = [
    ("Floods hit the river valley", "Floods hit the river valley on Monday; 300 people left.", "f"),
    ("River valley flooded", "The river valley flooded on Monday and 300 people left home.", "f"),
    ("Council passes budget", "The city council passed its budget on Tuesday after a debate.", "b"),
    ("Budget passed by council", "On Tuesday the council passed the city budget, 7 to 2.", "b"),
]


@pytest.fixture
def no_whole_reads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a .jsonl input whole fails the test (libraries may read their own files)."""
    read_text, read_bytes = Path.read_text, Path.read_bytes

    def guard(self: Path) -> None:
        if self.suffix == ".jsonl":
            raise AssertionError(f"{self} was read whole")

    def text(self: Path, *args: object, **kwargs: object) -> str:
        guard(self)
        return read_text(self, *args, **kwargs)  # type: ignore[arg-type]

    def raw(self: Path) -> bytes:
        guard(self)
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_text", text)
    monkeypatch.setattr(Path, "read_bytes", raw)


def test_eval_stories_streams_and_skips_only_the_oversized_line(
    tmp_path: Path, no_whole_reads: None
) -> None:
    lines = [
        json.dumps({"id": f"a{i}", "title": t, "text": x, "story": s, "published": "2024-03-04"})
        for i, (t, x, s) in enumerate(STORIES)
    ]
    huge = json.dumps({"id": "huge", "text": "word " * (MAX_RECORD_BYTES // 5), "story": "f"})
    path = tmp_path / "labelled.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join([lines[0], huge, *lines[1:]]) + "\n")
    result = CliRunner().invoke(app, ["eval", "stories", str(path), "--fast", "--json"])
    assert result.exit_code == 1, result.output
    assert f"storylens: {path}:2: record is over the" in result.output
    assert json.loads(result.stdout[result.stdout.index("{") :])["gold_stories"] == 2


def test_eval_semeval_reads_pairs_a_line_at_a_time(no_whole_reads: None) -> None:
    problems: list[object] = []
    pairs = load_pairs(FIXTURES / "semeval_small.jsonl", on_problem=problems.append)
    assert pairs and problems == []


def test_an_unreadable_labelled_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "labelled.jsonl"
    path.write_bytes(b"\x00\x01\x02binary\xff\xfe" * 100)
    result = CliRunner().invoke(app, ["eval", "stories", str(path), "--fast"])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"storylens: {path}: ")
    assert len(result.output.splitlines()) == 1
