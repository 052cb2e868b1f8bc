"""storylens.batch: a corpus read with a tally, as a library: it logs, never prints."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from storylens.batch import EXIT_NOTHING, EXIT_SKIPPED, Tally, load_articles


def test_a_bad_input_is_tallied_and_logged_not_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    good = tmp_path / "storm.txt"
    good.write_text("Storm hits the coast\n\nA storm hit the coast on Monday.\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    tally = Tally()
    with caplog.at_level(logging.WARNING, logger="storylens.batch"):
        articles = load_articles([str(good), str(missing)], tally)
    assert [a.title for a in articles] == ["Storm hits the coast"]
    assert tally.good == 1 and [p.where for p in tally.problems] == [str(missing)]
    assert tally.exit_code == EXIT_SKIPPED
    assert str(missing) in caplog.text
    assert capsys.readouterr() == ("", "")


def test_a_shell_reports_its_own_way_and_nothing_read_is_exit_2(tmp_path: Path) -> None:
    said: list[str] = []
    tally = Tally(report=said.append)
    assert load_articles([str(tmp_path / "none.txt")], tally) == []
    assert tally.exit_code == EXIT_NOTHING and len(said) == 1 and "none.txt" in said[0]
