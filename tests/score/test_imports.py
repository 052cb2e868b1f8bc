"""The library and the Spark job stand without the CLI, and the score records read articles
with the reader itself (no optional look-up that could silently fall back)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "storylens"


def test_library_and_spark_do_not_import_the_cli() -> None:
    """Every import, lazy ones inside functions included, outside storylens/cli/."""
    offenders = []
    for path in SRC.rglob("*.py"):
        if path.relative_to(SRC).parts[0] in ("cli", "__main__.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [
                f"{path.name}:{node.lineno}" for n in names if n.startswith("storylens.cli")
            ]
    assert offenders == []


def test_score_records_use_the_reader() -> None:
    from storylens import read
    from storylens.score import records

    assert records.parse_text is read.parse_text
    assert records.article_from_record is read.article_from_record
    _, a, b = records.parse_pair_record(
        {"a": "Floods hit the valley.\n\nThousands left.", "b": {"title": "H", "text": "B."}},
        "1",
    )
    assert a.text and b.title == "H" and b.text == "B."
