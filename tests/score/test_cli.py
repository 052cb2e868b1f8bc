from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storylens.cli.app import app

from .conftest import FIXTURES

pytestmark = pytest.mark.slow


def test_score_skips_a_malformed_line_and_keeps_the_rest(
    tmp_path: Path, seed_articles, hard_pair
) -> None:
    wire, rewrite = seed_articles
    a, b = hard_pair
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        json.dumps({"pair_id": "seeds", "a": wire.to_dict(), "b": rewrite.to_dict()})
        + "\n{broken\n"
        + json.dumps({"pair_id": "base", "a": a.text, "b": b.text})
        + "\n"
    )
    out = tmp_path / "scores.jsonl"
    result = CliRunner().invoke(app, ["score", str(pairs), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert f"{pairs}:2:" in result.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["pair_id"] for r in rows] == ["seeds", "base"]
    assert rows[0]["same_story"] is True
    assert rows[1]["same_story"] is False
    assert all(1 <= v <= 4 for r in rows for v in r["scores"].values())
    assert set(rows[0]["scores"]) == {
        "overall", "geography", "entities", "time", "narrative", "style", "tone"
    }  # fmt: skip


def test_score_with_nothing_usable_exits_2(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text('{"pair_id": "x", "a": "only one side"}\n')
    result = CliRunner().invoke(app, ["score", str(pairs)])
    assert result.exit_code == 2
    assert "missing 'b'" in result.stderr
    missing = CliRunner().invoke(app, ["score", str(tmp_path / "absent.jsonl")])
    assert missing.exit_code == 2
    assert "Traceback" not in missing.output


def test_eval_semeval_prints_json_with_baselines() -> None:
    result = CliRunner().invoke(app, ["eval", "semeval", str(FIXTURES / "semeval_small.jsonl"),
                                      "--json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["pairs"] == 5
    overall = report["dimensions"]["overall"]
    assert set(overall) >= {"storylens", "tfidf_cosine", "embedding_cosine"}
    assert overall["storylens"] > 0.5
    assert set(report["language_pairs"]) == {"en-en", "de-en"}


def test_eval_semeval_prints_a_table_and_writes_the_report(tmp_path) -> None:
    out = tmp_path / "report.json"
    result = CliRunner().invoke(
        app, ["eval", "semeval", str(FIXTURES / "semeval_small.jsonl"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "overall" in result.stdout and "tfidf_cosine" in result.stdout
    assert "95% bootstrap interval" in " ".join(result.stdout.split())
    report = json.loads(out.read_text())
    assert set(report["groups"]) == {"all", "same_language", "cross_lingual"}
    assert report["groups"]["all"]["pairs"] == 5
    for row in report["language_pairs"].values():
        assert len(row["interval_95"]) == 2
