"""`storylens serve` refuses to expose an unauthenticated server beyond loopback."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from storylens.cli import serve as serve_module
from storylens.cli.app import app
from storylens.web.security import is_loopback


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.4", False),
        ("example.com", False),
        ("", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_non_loopback_without_token_exits_2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STORYLENS_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "refusing" in result.output and "STORYLENS_TOKEN" in result.output


def test_token_allows_any_host(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    started: list[tuple] = []
    monkeypatch.setenv("STORYLENS_TOKEN", "t")
    monkeypatch.setattr(serve_module, "serve", lambda *args: started.append(args))
    store = tmp_path / "s.db"
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert started == [(store, "0.0.0.0", 8000, "t", 10_000_000)]
