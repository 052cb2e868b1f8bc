"""``storylens compare``: formats, output file, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storylens.cli.app import app

runner = CliRunner()


def test_missing_file_is_one_line_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", str(tmp_path / "nope.txt"), str(tmp_path / "x.txt")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("storylens: A:")


def test_file_with_several_articles_is_refused(tmp_path: Path) -> None:
    many = tmp_path / "two.jsonl"
    many.write_text('{"title": "a", "text": "one"}\n{"title": "b", "text": "two"}\n')
    result = runner.invoke(app, ["compare", str(many), str(many)])
    assert result.exit_code == 2
    assert "holds 2 articles; compare takes one each" in result.stderr


@pytest.mark.slow
def test_json_and_html_outputs(seeds: tuple[Path, Path], tmp_path: Path) -> None:
    wire, rewrite = map(str, seeds)
    result = runner.invoke(app, ["compare", wire, rewrite, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["provenance"]["relation"] == "b_derived_from_a"
    report = tmp_path / "r.html"
    result = runner.invoke(app, ["compare", wire, rewrite, "--format", "html", "-o", str(report)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == str(report)
    assert "sl-column-b" in report.read_text(encoding="utf-8")
    result = runner.invoke(app, ["compare", wire, rewrite])
    assert result.exit_code == 0 and "Aligned passages" in result.stdout
