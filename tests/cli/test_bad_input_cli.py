"""The CLI on hostile input: one line per skipped record, --problems, exit codes 0/1/2, and no
other library's log lines on stderr."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from .test_read_cli import storylens

REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests" / "read" / "fixtures" / "bad"
GOOD = json.dumps({"id": "ok", "title": "Council vote", "text": "The council voted on Monday."})


def _lines(stderr: str) -> list[str]:
    lines = stderr.splitlines()
    assert all(line.startswith("storylens: ") for line in lines), stderr
    return lines


def test_read_bad_corpus_keeps_good_records_and_writes_problems(tmp_path: Path) -> None:
    corpus = tmp_path / "bad"
    shutil.copytree(BAD, corpus)
    (corpus / "expected.json").unlink()
    problems = tmp_path / "problems.jsonl"
    result = storylens("read", str(corpus), "--problems", str(problems))
    assert result.returncode == 1, result.stderr
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert {"g1", "g2", "g3", "s1", "long1"} <= set(ids)
    written = [json.loads(line) for line in problems.read_text().splitlines()]
    assert len(written) == len(_lines(result.stderr))
    assert {
        "where": f"{corpus / 'deep.jsonl'}:2",
        "message": "JSON nested deeper than 64 levels",
    } in (written)
    assert any(p["where"] == f"{corpus / 'unterminated.csv'}:3" for p in written)


def test_exit_codes_and_an_empty_problems_file(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text(GOOD + "\n", encoding="utf-8")
    problems = tmp_path / "problems.jsonl"
    result = storylens("read", str(good), "--problems", str(problems))
    assert (result.returncode, result.stderr, problems.read_text()) == (0, "", "")
    result = storylens("read", str(BAD / "empty.jsonl"), "--problems", str(problems))
    assert result.returncode == 2
    assert json.loads(problems.read_text())["message"] == "empty file"


def test_other_libraries_log_lines_stay_off_stderr(tmp_path: Path) -> None:
    page = tmp_path / "blank.html"
    page.write_text("<html><body></body></html>", encoding="utf-8")
    result = storylens("read", str(page))
    assert result.returncode == 2
    assert _lines(result.stderr) == [
        f"storylens: {page}: no article text found in the HTML page",
        "storylens: nothing readable in the given inputs",
    ]
    debug = storylens("--debug", "read", str(page))
    assert "trafilatura" in debug.stderr  # still there for whoever asks for the debug log


def test_a_newline_in_a_file_name_gives_one_line(tmp_path: Path) -> None:
    path = tmp_path / "evil\nname.txt"
    path.write_text("", encoding="utf-8")
    result = storylens("read", str(path))
    assert _lines(result.stderr)[0] == f"storylens: {tmp_path}/evil\\nname.txt: empty file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_special_files_are_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    result = storylens("read", str(fifo), "/dev/zero")  # storylens() times out after 120 s
    assert result.returncode == 2
    first, second, _ = _lines(result.stderr)
    assert first == (
        f"storylens: {fifo}: is a named pipe (FIFO), not a regular file; storylens reads files,"
        " folders and - (stdin)"
    )
    assert second.startswith("storylens: /dev/zero: is a character device")


def test_cluster_fast_skips_only_the_bad_records(tmp_path: Path) -> None:
    problems = tmp_path / "problems.jsonl"
    out = tmp_path / "out.jsonl"
    result = storylens(
        "cluster", "--fast", str(BAD / "deep.jsonl"), str(BAD / "surrogate.jsonl"),
        str(BAD / "long.jsonl.gz"), "-o", str(out), "--problems", str(problems),
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    ids = sorted(json.loads(line)["id"] for line in out.read_text().splitlines())
    assert ids == ["g1", "g2", "g3", "long1", "s1"]  # g1, g2 twice: one id, one article
    assert len(problems.read_text().splitlines()) == 2


def test_cluster_store_replaces_an_id_seen_with_new_text(tmp_path: Path) -> None:
    store = tmp_path / "stories.db"
    first = tmp_path / "first.jsonl"
    second = tmp_path / "second.jsonl"
    flood = "Floods hit the river valley on Monday; thousands of people left their homes."
    vote = "The city council approved the new budget on Tuesday after a long debate."
    first.write_text(
        "\n".join(
            json.dumps({"id": i, "title": t, "text": x, "published": "2024-05-01"})
            for i, t, x in (
                ("a", "Floods in the valley", flood),
                ("b", "Valley floods force thousands out", flood + " Rain goes on."),
                ("c", "Council approves budget", vote),
            )
        )
        + "\n",
        encoding="utf-8",
    )
    assert storylens("cluster", "--fast", str(first), "--store", str(store)).returncode == 0
    second.write_text(
        json.dumps({"id": "b", "title": "Council budget approved", "text": vote + " Again."})
        + "\n",
        encoding="utf-8",
    )
    result = storylens("cluster", "--fast", str(second), "--store", str(store))
    assert result.returncode == 0
    assert _lines(result.stderr) == [
        "storylens: b: stored before with other text; replaced and grouped again"
    ]
    rows = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert rows["b"]["updated"] is True and "updated" not in rows["a"]
    assert rows["b"]["title"] == "Council budget approved"
    assert rows["b"]["story"] == rows["c"]["story"] != rows["a"]["story"]
    again = storylens("cluster", "--fast", str(second), "--store", str(store))
    assert again.stderr == "" and "updated" not in again.stdout  # same text: nothing to do


def test_truncated_warc_exits_1_keeping_the_pages_before_it(tmp_path: Path) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    for i in range(2):
        body = f"<html><body><h1>Page {i}</h1><p>{'The river rose on Monday. ' * 20}</p>"
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.0")
        record = writer.create_warc_record(
            f"https://example.com/{i}", "response", payload=io.BytesIO(body.encode()),
            http_headers=headers,
        )  # fmt: skip
        writer.write_record(record)
    path = tmp_path / "cut.warc"
    path.write_bytes(buf.getvalue()[:-400])
    result = storylens("read", str(path))
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 1
    assert _lines(result.stderr) == [
        f"storylens: {path}:2: WARC record is truncated (file cut off)"
    ]


def test_a_run_that_fails_still_writes_its_problems(tmp_path: Path) -> None:
    """Exit 2 after records were skipped: the --problems file holds them and the fatal one."""
    src = tmp_path / "in.jsonl"
    src.write_text(GOOD + "\n{not json\n", encoding="utf-8")
    store = tmp_path / "store.db"
    store.write_bytes(b"this is not a SQLite database\n" * 200)
    problems = tmp_path / "problems.jsonl"
    result = storylens(
        "cluster", str(src), "--fast", "--store", str(store), "--problems", str(problems)
    )
    assert result.returncode == 2, result.stderr
    lines = _lines(result.stderr)
    written = [json.loads(line) for line in problems.read_text().splitlines()]
    assert len(written) == len(lines) == 2
    assert written[0]["where"] == f"{src}:2"
    assert written[1]["where"] == str(store)
    assert written[1]["message"].startswith("not a usable story store")
    assert lines[1].startswith(f"storylens: {store}: not a usable story store")
