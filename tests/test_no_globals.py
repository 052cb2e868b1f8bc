"""No module keeps state through a ``global`` statement: models and caches are held by objects
(an Analyzer's Models, a Judge), so they can be injected, pickled and replaced in tests."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "storylens"


def test_no_module_under_src_storylens_has_a_global_statement() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 50  # the scan reads the package, not an empty folder
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
        for path in modules
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Global)
    ]
    assert found == []
