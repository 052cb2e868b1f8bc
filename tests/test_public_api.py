"""The curated public API resolves, and the README documents every command and route."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import storylens

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", storylens.__all__)
def test_public_names_resolve(name: str) -> None:
    assert getattr(storylens, name) is not None


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        _ = storylens.no_such_thing  # type: ignore[attr-defined]


def _commands() -> list[str]:
    import typer.main

    from storylens.cli import app

    group = typer.main.get_command(app)
    names = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        if subcommands:
            names += [f"{name} {sub}" for sub in subcommands]
        else:
            names.append(name)
    return sorted(names)


def test_every_cli_command_is_in_the_readme() -> None:
    commands = _commands()
    assert {"read", "compare", "score", "cluster", "stories", "serve"} <= set(commands)
    missing = [c for c in commands if f"storylens {c}" not in README]
    assert not missing, f"README does not show: {missing}"


def test_every_api_route_is_in_the_readme(tmp_path: Path) -> None:
    from storylens.web.app import create_app

    app = create_app(tmp_path / "store.db")
    routes = {
        re.sub(r"\{[^}]+\}", "{id}", path)
        for path in app.openapi()["paths"]
        if path.startswith("/api/")
    }
    assert routes >= {"/api/health", "/api/compare", "/api/articles", "/api/stories"}
    missing = [r for r in sorted(routes) if r not in README]
    assert not missing, f"README does not document: {missing}"
