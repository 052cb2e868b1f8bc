"""The import contracts in pyproject.toml (layers, no circles) hold; `make test` runs them."""

from __future__ import annotations

from pathlib import Path

import pytest
from importlinter.application.use_cases import lint_imports
from importlinter.configuration import configure

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"

# what the `lint-imports` command does first: plug in the file readers and the import graph
configure()


def test_import_contracts_hold(capsys: pytest.CaptureFixture[str]) -> None:
    kept = lint_imports(config_filename=str(PYPROJECT), cache_dir=None, no_logo=True)
    report = capsys.readouterr().out
    assert kept, report
    # both contracts ran: a renamed or dropped contract must not pass by checking nothing
    assert "Contracts: 2 kept, 0 broken." in report


def test_a_circle_breaks_the_contract(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # the same contract on a two-module circle, so a passing run above means something
    package = tmp_path / "circled"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "app.py").write_text("from circled import command\n")
    (package / "command.py").write_text("from circled import app\n")
    config = tmp_path / "contracts.ini"
    config.write_text(
        "[importlinter]\nroot_package = circled\n"
        "[importlinter:contract:circles]\nname = circles\ntype = acyclic_siblings\n"
        "ancestors = circled\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert not lint_imports(config_filename=str(config), cache_dir=None, no_logo=True)
    assert "No cycles are allowed in circled" in capsys.readouterr().out
