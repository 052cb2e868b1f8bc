from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storylens.cli.app import app

pytestmark = [pytest.mark.spark, pytest.mark.slow]

STORIES = [
    (
        "Hurricane Ian makes landfall in Florida",
        "Ian came ashore at Cayo Costa with 150 mph winds.",
    ),
    ("Ian slams into Florida coast", "Hurricane Ian hit Cayo Costa, Florida with 150 mph winds."),
    ("DeSantis signs TikTok school ban", "Florida bans TikTok on public school devices."),
    ("Florida bans TikTok in schools", "Gov. DeSantis signed the TikTok school devices ban."),
]


@pytest.fixture(scope="module")
def java() -> None:
    if shutil.which("java") is None:
        reason = "java is not installed (the spark engine needs a JRE: `make test` installs one)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def test_spark_engine_gives_the_local_output(tmp_path: Path, java: None) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(
            json.dumps({"id": f"a{i}", "title": t, "text": x, "published": "2022-09-28"}) + "\n"
            for i, (t, x) in enumerate(STORIES)
        )
    )
    runner = CliRunner()
    local = runner.invoke(app, ["cluster", str(src), "-o", str(tmp_path / "local.jsonl")])
    spark = runner.invoke(
        app,
        [
            "cluster",
            str(src),
            "-o",
            str(tmp_path / "spark.jsonl"),
            "--engine",
            "spark",
            "--master",
            "local[2]",
        ],
    )
    assert local.exit_code == 0, local.output
    assert spark.exit_code == 0, spark.output
    ours = [json.loads(x) for x in (tmp_path / "spark.jsonl").read_text().splitlines()]
    theirs = [json.loads(x) for x in (tmp_path / "local.jsonl").read_text().splitlines()]
    assert ours == theirs
    assert len(ours) == 4 and set(ours[0]) == {
        "id",
        "story",
        "duplicate_group",
        "outlet",
        "title",
        "published",
    }
