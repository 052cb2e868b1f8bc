from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storylens.cli.app import app

from .conftest import BILL, HURRICANE

DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "pages-stories-dev"
FLOORS = json.loads((Path(__file__).with_name("floors.json")).read_text())

pytestmark = pytest.mark.slow


def write_corpus(path: Path, bad: bool = False) -> Path:
    lines = [
        json.dumps({"id": f"{p}{i}", "title": t, "text": x, "outlet": f"o{i}.com", "published": d})
        for p, items, d in (("ian-", HURRICANE, "2022-09-28"), ("bill-", BILL, "2022-09-26"))
        for i, (t, x) in enumerate(items)
    ]
    if bad:
        lines += ["{not json", json.dumps({"id": "empty", "title": "", "text": ""})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cluster_writes_one_line_per_article(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "in.jsonl", bad=True)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["cluster", str(src), "-o", str(out)])
    assert result.exit_code == 1, result.output  # bad records skipped and reported
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == [f"ian-{i}" for i in range(3)] + [
        f"bill-{i}" for i in range(3)
    ]
    assert set(records[0]) == {"id", "story", "duplicate_group", "outlet", "title", "published"}
    assert len({r["story"] for r in records[:3]}) == 1
    assert records[0]["story"] != records[3]["story"]


def test_cluster_light_and_verified_agree_on_plain_events(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "in.jsonl")
    stories = []
    for flag in ("--light", "--verify"):
        out = tmp_path / f"out{flag}.jsonl"
        result = CliRunner().invoke(app, ["cluster", str(src), "-o", str(out), flag])
        assert result.exit_code == 0, result.output
        labels = [json.loads(line)["story"] for line in out.read_text().splitlines()]
        stories.append([len(set(labels[:3])), len(set(labels[3:])), len(set(labels))])
    assert stories == [[1, 1, 2], [1, 1, 2]]


def test_cluster_with_store_then_stories(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "in.jsonl")
    store = tmp_path / "stories.db"
    runner = CliRunner()
    first = runner.invoke(
        app, ["cluster", str(src), "-o", str(tmp_path / "a.jsonl"), "--store", str(store)]
    )
    assert first.exit_code == 0, first.output
    extra = tmp_path / "more.jsonl"
    extra.write_text(
        json.dumps(
            {
                "id": "ian-9",
                "title": HURRICANE[0][0] + " (update)",
                "text": HURRICANE[0][1],
                "published": "2022-09-29",
            }
        )
        + "\n"
    )
    second = runner.invoke(
        app, ["cluster", str(extra), "-o", str(tmp_path / "b.jsonl"), "--store", str(store)]
    )
    assert second.exit_code == 0, second.output
    before = {
        json.loads(x)["id"]: json.loads(x)["story"]
        for x in (tmp_path / "a.jsonl").read_text().splitlines()
    }
    after = {
        json.loads(x)["id"]: json.loads(x)["story"]
        for x in (tmp_path / "b.jsonl").read_text().splitlines()
    }
    assert len(after) == 7 and all(after[k] == v for k, v in before.items())
    assert after["ian-9"] == after["ian-0"]
    listed = runner.invoke(app, ["stories", "--store", str(store), "--format", "json"])
    assert listed.exit_code == 0, listed.output
    listing = json.loads(listed.stdout)
    # the same shape as GET /api/stories
    assert set(listing) == {"stories", "total", "limit", "offset"}
    assert listing["total"] == len(listing["stories"]) and listing["limit"] == 50
    stories = listing["stories"]
    assert stories[0]["articles"] == 4 and stories[0]["id"] == after["ian-0"]
    assert set(stories[0]) == {
        "id",
        "title",
        "articles",
        "outlets",
        "first_seen",
        "last_seen",
        "first_reported_by",
        "duplicate_groups",
    }
    table = runner.invoke(app, ["stories", "--store", str(store)])
    assert table.exit_code == 0 and "Hurricane" in table.stdout


def test_cluster_fast_groups_and_its_store_refuses_a_default_run(tmp_path: Path) -> None:
    src = write_corpus(tmp_path / "in.jsonl")
    store = tmp_path / "fast.db"
    runner = CliRunner()
    out = tmp_path / "fast.jsonl"
    fast = runner.invoke(
        app, ["cluster", str(src), "-o", str(out), "--fast", "--store", str(store)]
    )
    assert fast.exit_code == 0, fast.output
    labels = [json.loads(line)["story"] for line in out.read_text().splitlines()]
    assert len(set(labels[:3])) == len(set(labels[3:])) == 1 and labels[0] != labels[3]
    extra = tmp_path / "more.jsonl"
    extra.write_text(json.dumps({"id": "x", "title": "Ian", "text": HURRICANE[1][1]}) + "\n")
    mixed = runner.invoke(app, ["cluster", str(extra), "--store", str(store)])
    assert mixed.exit_code == 2 and "Traceback" not in mixed.output
    assert "holds hashing embeddings" in mixed.output and "--fast" in mixed.output
    listed = runner.invoke(app, ["stories", "--store", str(store), "-f", "json"])
    assert (
        sum(s["articles"] for s in json.loads(listed.stdout)["stories"]) == 6
    )  # nothing was added


def test_cluster_says_when_a_batch_is_too_big_to_verify(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("storylens.stories.verify.MAX_VERIFIED_ROWS", 4)
    src = write_corpus(tmp_path / "in.jsonl")
    result = CliRunner().invoke(app, ["cluster", str(src), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 0, result.output
    assert "6 new articles in one batch: over 4 the scoring model does not check" in result.output
    quiet = CliRunner().invoke(app, ["cluster", str(src), "--light", "-o", str(tmp_path / "q")])
    assert quiet.exit_code == 0 and "does not check" not in quiet.output


def test_bad_store_and_missing_input_fail_in_one_line(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    src = write_corpus(tmp_path / "in.jsonl")
    result = CliRunner().invoke(app, ["cluster", str(src), "--store", str(junk)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "storylens:" in result.output
    missing = CliRunner().invoke(app, ["stories", "--store", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "no such store" in missing.output


def test_eval_stories_on_dev_set_beats_floor_and_baseline() -> None:
    path = DEV / "articles.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is absent: run from a checkout with ../shared beside it")
    result = CliRunner().invoke(app, ["eval", "stories", str(path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    floor = FLOORS["pages-stories-dev"]
    assert scores["articles"] == 90 and scores["gold_stories"] == 25
    assert scores["storylens"]["f1"] >= floor["storylens_f1"]
    assert scores["storylens"]["f1"] - scores["baseline"]["f1"] >= floor["margin_over_baseline"]
    fast = CliRunner().invoke(app, ["eval", "stories", str(path), "--json", "--fast"])
    assert fast.exit_code == 0, fast.output
    assert json.loads(fast.stdout)["storylens"]["f1"] >= floor["fast_f1"]


def test_cluster_links_across_languages_unless_told_one_language(tmp_path: Path) -> None:
    from storylens.analyze.glossary import glossary

    from .test_across import FLOOD_EN, STRIKE_DE, STRIKE_EN

    if glossary("de") is None:
        pytest.skip("dict-freedict-deu-eng is not installed (make system-deps)")
    src = tmp_path / "in.jsonl"
    articles = (STRIKE_EN, STRIKE_DE, FLOOD_EN)
    src.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in articles), encoding="utf-8")
    found = []
    for flags in ([], ["--one-language"]):
        out = tmp_path / "out.jsonl"
        result = CliRunner().invoke(app, ["cluster", str(src), "-o", str(out), *flags])
        assert result.exit_code == 0, result.output
        found.append([json.loads(line)["story"] for line in out.read_text().splitlines()])
    across, within = found
    assert across[0] == across[1] != across[2]
    assert len(set(within)) == 3
