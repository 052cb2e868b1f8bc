"""Progress on stderr: rate and time left when stderr is a terminal, nothing when it is not."""

from __future__ import annotations

import io
import sys

import pytest
from rich.console import Console
from rich.progress import Progress

from storylens.cli import common


def test_quiet_when_stderr_is_not_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    assert list(common.progress(range(5), "reading", total=5)) == [0, 1, 2, 3, 4]
    out, err = capsys.readouterr()
    assert out == "" and err == ""


def _rendered(total: int | None, unit: str, done: int) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=120, color_system=None)
    with Progress(*common.progress_columns(total, unit), console=console) as bar:
        task = bar.add_task("analysing", total=total)
        for _ in range(done):
            bar.advance(task)
        bar.refresh()
    return buffer.getvalue()


def test_known_total_shows_count_rate_and_time_left() -> None:
    shown = _rendered(total=40, unit="articles", done=40)
    assert "analysing" in shown and "40/40" in shown
    assert "articles/s" in shown
    assert "0:00:00" in shown  # the time left once done


def test_unknown_total_shows_count_rate_and_time_spent() -> None:
    shown = _rendered(total=None, unit="records", done=7)
    assert "records/s" in shown and "7" in shown
    assert "-:--:--" not in shown  # elapsed time, not an unknowable ETA


def test_drawn_on_stderr_never_on_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_err = io.StringIO()
    monkeypatch.setattr(fake_err, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys, "stderr", fake_err)
    fake_out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", fake_out)
    assert list(common.progress(range(3), "scoring", total=3, unit="pairs")) == [0, 1, 2]
    assert fake_out.getvalue() == ""
