"""End to end: ``.venv/bin/storylens read`` on the seeds, on bad files and on a broken JSONL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "read" / "fixtures"


def storylens(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).parent / "storylens"
    if not exe.exists():
        exe = REPO / ".venv" / "bin" / "storylens"
    if not exe.exists():
        pytest.skip("the storylens console script is not installed (run make install)")
    return subprocess.run(
        [str(exe), *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_read_seeds_as_jsonl(seeds: tuple[Path, Path]) -> None:
    wire, rewrite = seeds
    result = storylens("read", str(rewrite), str(wire))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["title"] == "US rejects Iraq request to discuss troop withdrawal"
    assert first["credited_sources"] == ["Reuters"]
    assert [c["credit"] for c in first["captions"]] == [
        "Handout/US Marine Corps/Kyle C Talbot/AP Photo",
        "Khalid al-Mousily/Reuters",
    ]
    assert second["text"].startswith("Washington on Friday spurned an Iraqi request")


def test_read_table_and_json_output(seeds: tuple[Path, Path], tmp_path: Path) -> None:
    wire, rewrite = seeds
    table = storylens("read", str(rewrite.parent), "--format", "table")
    assert table.returncode == 0, table.stderr
    assert "US rejects Iraq request" in table.stdout and "Reuters" in table.stdout
    out = tmp_path / "seeds.json"
    written = storylens("read", str(wire), "-f", "json", "-o", str(out))
    assert written.returncode == 0 and written.stdout == ""
    assert len(json.loads(out.read_text(encoding="utf-8"))) == 1


def test_broken_jsonl_line_is_skipped_with_exit_1() -> None:
    path = FIXTURES / "articles.jsonl"
    result = storylens("read", str(path))
    assert result.returncode == 1
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a1", "a3", "a5"]
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"storylens: {path}:2: invalid JSON (")
    assert lines[1].startswith(f"storylens: {path}:4: record has no text")
    assert "Traceback" not in result.stderr


def test_bad_file_alone_exits_2_and_beside_good_exits_1(
    tmp_path: Path, seeds: tuple[Path, Path]
) -> None:
    bad = tmp_path / "blob.bin"
    bad.write_bytes(b"\x00\x01\x02\x03binary")
    alone = storylens("read", str(bad))
    assert alone.returncode == 2 and alone.stdout == ""
    assert alone.stderr.splitlines()[0].startswith(f"storylens: {bad}: binary file, not ")
    mixed = storylens("read", str(bad), str(seeds[0]))
    assert mixed.returncode == 1 and len(mixed.stdout.splitlines()) == 1
    assert "Traceback" not in mixed.stderr


def test_field_mapping_and_stdin() -> None:
    csv_text = (FIXTURES / "custom.csv").read_bytes()
    result = storylens(
        "read",
        "-",
        "--field",
        "title=headline",
        "--field",
        "text=story",
        "--input-format",
        "csv",
        stdin=csv_text,
    )
    assert result.returncode == 1
    titles = [json.loads(line)["title"] for line in result.stdout.splitlines()]
    assert titles == ["Bridge reopens after repairs", "Museum extends opening hours"]
    assert result.stderr.startswith("storylens: <stdin>:4: record has no text")


def test_bad_options_are_one_line_errors() -> None:
    result = storylens("read", str(FIXTURES / "wire.md"), "--field", "nonsense")
    assert result.returncode == 2
    assert "MODEL=SOURCE" in result.stderr and "Traceback" not in result.stderr
