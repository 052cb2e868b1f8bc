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


def write_stories(path: Path) -> Path:
    lines = (
        json.dumps({"id": f"a{i}", "title": t, "text": x, "published": "2022-09-28"}) + "\n"
        for i, (t, x) in enumerate(STORIES)
    )
    path.write_text("".join(lines))
    return path


@pytest.fixture(scope="module")
def java() -> None:
    if shutil.which("java") is None:
        reason = "java is not installed (the spark engine needs a JRE: `make test` installs one)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def test_spark_engine_gives_the_local_output(tmp_path: Path, java: None) -> None:
    src = write_stories(tmp_path / "in.jsonl")
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


def test_fast_engines_agree_and_the_job_script_runs(tmp_path: Path, java: None) -> None:
    from storylens.spark.job import main

    src = write_stories(tmp_path / "in.jsonl")
    local = CliRunner().invoke(
        app, ["cluster", str(src), "-o", str(tmp_path / "l.jsonl"), "--fast"]
    )
    assert local.exit_code == 0, local.output
    job = tmp_path / "job.jsonl"
    assert (
        main(
            [
                str(src),
                "-o",
                str(job),
                "--fast",
                "--master",
                "local[2]",
                "--store",
                str(tmp_path / "s.db"),
            ]
        )
        == 0
    )
    theirs = [json.loads(x) for x in (tmp_path / "l.jsonl").read_text().splitlines()]
    assert [json.loads(x) for x in job.read_text().splitlines()] == theirs
    assert theirs[0]["story"] == theirs[1]["story"] != theirs[2]["story"]
