"""``storylens score`` on hostile pairs: each bad line or pair is skipped, the rest scored."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storylens.analyze.models import Models
from storylens.cli.app import app

pytestmark = pytest.mark.slow

FLOOD = "Floods hit the river valley on Monday, and thousands of people left their homes."
VOTE = "The city council approved the new budget on Tuesday after a long debate."


def test_score_skips_bad_lines_and_pairs_and_keeps_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Models.parse

    def parse(self: Models, texts: Sequence[str], batch_size: int = 64) -> list[object]:
        if any("poisoned" in t for t in texts):
            raise ValueError("spaCy fails on this text")
        return real(self, texts, batch_size)

    monkeypatch.setattr(Models, "parse", parse)
    pairs = tmp_path / "pairs.jsonl"
    lines = [
        json.dumps({"pair_id": "good", "a": FLOOD, "b": FLOOD + " Rain goes on."}),
        '{"pair_id": "deep", "a": ' + "[" * 5000 + "]" * 5000 + ', "b": "x"}',
        json.dumps({"pair_id": "bad", "a": "A poisoned text.", "b": VOTE}),
        '{"pair_id": "odd", "a": "Floods \\ud800 hit the valley on Monday.", "b": "' + VOTE + '"}',
    ]
    pairs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "scores.jsonl"
    problems = tmp_path / "problems.jsonl"
    result = CliRunner().invoke(
        app, ["score", str(pairs), "-o", str(out), "--problems", str(problems)]
    )
    assert result.exit_code == 1, result.output
    assert [json.loads(line)["pair_id"] for line in out.read_text().splitlines()] == [
        "good",
        "odd",
    ]
    skipped = [json.loads(line) for line in problems.read_text().splitlines()]
    assert [p["where"] for p in skipped] == [f"{pairs}:2", "pair bad"]
    assert "nested deeper than 64" in skipped[0]["message"]
    assert "spaCy fails on this text" in skipped[1]["message"]
