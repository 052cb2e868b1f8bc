from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

import storylens
from storylens.model import Article
from storylens.stories.grouping import StoryGrouper
from storylens.stories.kept import KeptGrouper
from storylens.stories.store import StoryStore

Encoder = Callable[[list[str]], np.ndarray]
TEST_DIR = Path(__file__).resolve().parent
#: the folder that holds the storylens package these tests import
SOURCE_DIR = Path(storylens.__file__).resolve().parents[1]


def arts(prefix: str, n: int, day: str = "2024-01-0") -> list[Article]:
    return [
        Article(
            title=f"{prefix} story {i}",
            text=f"{prefix} happened in town {i} with {i * 11 + 10} people.",
            id=f"{prefix}{i}",
            outlet=f"{prefix}-outlet.com",
            published=f"{day}{i % 9 + 1}",
        )
        for i in range(n)
    ]


def test_store_api_roundtrip(tmp_path: Path, fake_encoder: Encoder) -> None:
    path = tmp_path / "s.db"
    with StoryStore(path, encoder=fake_encoder) as store:
        first = store.add(arts("alpha", 3))
        assert set(first) == {"alpha0", "alpha1", "alpha2"}
        assert all(sid.startswith("s-") for sid in first.values())
        store.add(arts("beta", 2))
        total = store.count_stories()
        assert total == len({r["story"] for r in store.assignments()})
        listed = store.stories(limit=100)
        assert len(listed) == total
        sizes = [len(s.articles) for s in listed]
        assert sizes == sorted(sizes, reverse=True)
        assert store.count_stories(q="beta-outlet") >= 1 and store.count_stories(q="nope") == 0
        story = store.story(listed[0].id)
        assert story is not None and story.articles and story.duplicate_groups
        assert store.story("s-999999") is None
        article = store.article("alpha1")
        assert article is not None and article.text.startswith("alpha happened")
        assert store.article("missing") is None
        assert store.outlet_counts() == {"alpha-outlet.com": 3, "beta-outlet.com": 2}
        rows = store.coverage(listed[0].id)
        assert sum(r["articles"] for r in rows) == len(listed[0].articles)
        assert set(rows[0]) == {"outlet", "day", "articles"}
    with StoryStore(path, encoder=fake_encoder) as again:
        # reopening and re-adding keeps every id; the counter never goes back
        before = {r["id"]: r["story"] for r in again.assignments()}
        again.add(arts("alpha", 3))
        assert {r["id"]: r["story"] for r in again.assignments()} == before


def test_crash_mid_add_leaves_store_as_it_was(
    tmp_path: Path, fake_encoder: Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.db"
    with StoryStore(path, encoder=fake_encoder) as store:
        store.add(arts("alpha", 3))
        before = store.assignments()
        real_write = StoryStore._write

        def crash(self: StoryStore, *args: object) -> None:
            real_write(self, *args)  # type: ignore[arg-type]
            raise RuntimeError("power cut")

        monkeypatch.setattr(StoryStore, "_write", crash)
        with pytest.raises(RuntimeError):
            store.add(arts("beta", 4))
        monkeypatch.undo()
        assert store.assignments() == before
        assert store.add(arts("beta", 4))
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


SCRIPT = """
import os, sys
sys.path.insert(0, {tests!r})
from conftest import hashed_encoder
from storylens.model import Article
from storylens.stories.store import StoryStore, StoreBusy
mode, path, prefix = sys.argv[1:4]
store = StoryStore(path, timeout=float(sys.argv[4]), encoder=hashed_encoder)
arts = [Article(title=prefix + str(i), text=prefix + " text " + str(i), id=prefix + str(i))
        for i in range(5)]
if mode == "kill":
    # die inside the write transaction, after rows went in, without any cleanup
    real = StoryStore._write
    def write(self, *a):
        real(self, *a)
        os._exit(3)
    StoryStore._write = write
if mode == "hold":
    store._db.execute("BEGIN IMMEDIATE")
    # the handshake: say the lock is held, then hold it until the test says "release"
    print("locked", flush=True)
    assert sys.stdin.readline().strip() == "release"
    store._db.execute("ROLLBACK")
    sys.exit(0)
print("trying", flush=True)
try:
    store.add(arts)
except StoreBusy as exc:
    print("busy:", exc)
    sys.exit(2)
print("added")
"""


def run(*args: str) -> subprocess.Popen[str]:
    code = SCRIPT.format(tests=str(TEST_DIR))
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # the child imports the storylens under test, not whichever one the venv installed
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(TEST_DIR), str(SOURCE_DIR)])},
    )


def test_killed_writer_leaves_a_consistent_store(tmp_path: Path, fake_encoder: Encoder) -> None:
    path = tmp_path / "s.db"
    with StoryStore(path, encoder=fake_encoder) as store:
        store.add(arts("alpha", 2))
    proc = run("kill", str(path), "k", "5")
    proc.communicate(timeout=60)
    assert proc.returncode == 3
    with StoryStore(path, encoder=fake_encoder) as store:
        assert [r["id"] for r in store.assignments()] == ["alpha0", "alpha1"]
        assert store.count_stories() == len({r["story"] for r in store.assignments()})


def test_concurrent_writers_serialize_or_fail_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    holder = run("hold", str(path), "h", "5")
    assert holder.stdin is not None and holder.stdout is not None
    # no sleeps: each step waits for the line the other process writes once it is there
    assert holder.stdout.readline().strip() == "locked", holder.stderr
    impatient = run("add", str(path), "i", "0.2")
    out, err = impatient.communicate(timeout=60)
    assert impatient.returncode == 2, err
    assert out.splitlines()[-1].startswith("busy:") and "Traceback" not in err
    patient = run("add", str(path), "p", "30")
    assert patient.stdout is not None and patient.stdout.readline().strip() == "trying"
    # the lock is still held, so the patient writer cannot have finished: it waits for it
    assert patient.poll() is None
    holder.stdin.write("release\n")
    holder.stdin.flush()
    out, err = patient.communicate(timeout=60)
    assert patient.returncode == 0 and out.strip() == "added", err
    holder.communicate(timeout=60)
    assert holder.returncode == 0
    with StoryStore(path) as store:
        assert len(store.assignments()) == 5


def test_a_store_keeps_the_embedding_it_was_built_with(
    tmp_path: Path, fake_encoder: Encoder
) -> None:
    from storylens.errors import StorylensError
    from storylens.stories.grouping import StoryGrouper

    path = tmp_path / "fast.db"
    with StoryStore(path, grouper=StoryGrouper(embedding="hashing", verify=False)) as store:
        store.add(arts("alpha", 3))
    with StoryStore(path) as store:
        assert store.embedding == "hashing" and store.grouper.embedding == "hashing"
        store.add(arts("beta", 2))  # a plain open groups the way the store was built
        assert len(store.assignments()) == 5
    minilm = StoryGrouper(encoder=fake_encoder, embedding="minilm")
    with StoryStore(path, grouper=minilm) as store:
        with pytest.raises(StorylensError, match=r"holds hashing embeddings.*--fast"):
            store.add(arts("gamma", 2))
        assert len(store.assignments()) == 5
    assert StoryStore(tmp_path / "new.db").embedding is None


def test_unknown_embedding_is_a_clear_error(fake_encoder: Encoder) -> None:
    from storylens.stories.grouping import StoryGrouper

    with pytest.raises(ValueError, match="unknown embedding 'bert'"):
        StoryGrouper(encoder=fake_encoder, embedding="bert").fit(arts("alpha", 2))


def test_an_empty_run_does_not_fix_the_embedding(tmp_path: Path, fake_encoder: Encoder) -> None:
    from storylens.stories.grouping import StoryGrouper

    path = tmp_path / "s.db"
    with StoryStore(path, grouper=StoryGrouper(embedding="hashing", verify=False)) as store:
        store.add([])
        assert store.embedding is None
    with StoryStore(path, encoder=fake_encoder) as store:
        store.add(arts("alpha", 2))
        assert store.embedding == "minilm"


def test_merge_chains_of_older_stores_lead_to_the_survivor(
    tmp_path: Path, fake_encoder: Encoder
) -> None:
    path = tmp_path / "s.db"
    with StoryStore(path, encoder=fake_encoder) as store:
        store.add(arts("alpha", 2))
        sid = store.assignments()[0]["story"]
    db = sqlite3.connect(path)
    # as the grouper before chains were flattened could leave them (and with no version then)
    db.executemany(
        "INSERT INTO merged VALUES (?, ?)", [("s-000090", "s-000091"), ("s-000091", sid)]
    )
    db.execute("DELETE FROM meta WHERE key = 'version'")
    db.commit()
    db.close()
    with StoryStore(path, encoder=fake_encoder) as store:
        store.add(arts("beta", 1))
        assert store.grouper.merged_["s-000090"] == sid
        story = store.story("s-000090")
        assert story is not None and story.id == sid


def test_a_long_lived_writer_loads_the_store_once(
    tmp_path: Path, fake_encoder: Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[int] = []
    real_load = StoryStore._load

    def counting(self: StoryStore) -> object:
        loads.append(1)
        return real_load(self)

    monkeypatch.setattr(StoryStore, "_load", counting)
    path = tmp_path / "s.db"
    writer = KeptGrouper()
    for prefix in ("alpha", "beta", "gamma"):  # one store object per add, as the web app does
        with StoryStore(path, encoder=fake_encoder, kept=writer) as store:
            store.add(arts(prefix, 3))
    assert len(loads) == 1  # the first add; the others reuse what it kept
    with StoryStore(path, encoder=fake_encoder, kept=writer) as store:
        kept = store.assignments()
    # another process wrote since: the store's version moved, so it is loaded again
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = 'elsewhere' WHERE key = 'version'")
    db.commit()
    db.close()
    with StoryStore(path, encoder=fake_encoder, kept=writer) as store:
        store.add(arts("delta", 2))
        assert len(loads) == 2
        assert store.assignments()[: len(kept)] == kept
    # other settings never reuse a grouper kept under different ones
    other = StoryGrouper(encoder=fake_encoder, threshold=0.9)
    with StoryStore(path, grouper=other, kept=writer) as store:
        store.add(arts("omega", 1))
    assert len(loads) == 3
    # what one writer keeps is its own: a store opened without it loads, and its own adds reuse
    with StoryStore(path, encoder=fake_encoder) as store:
        store.add(arts("sigma", 1))
        assert len(loads) == 4
        store.add(arts("tau", 1))
    assert len(loads) == 4


def as_written_before_gloss_vectors(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("ALTER TABLE articles DROP COLUMN bridge")
    db.commit()
    db.close()


def test_a_store_keeps_gloss_vectors_and_opens_older_stores_without_them(
    tmp_path: Path, fake_encoder: Encoder
) -> None:
    from storylens.analyze.glossary import glossary

    if glossary("de") is None:
        pytest.skip("dict-freedict-deu-eng is not installed (make system-deps)")
    german = [
        Article(title="Krieg und Regierung", text="Der Krieg und die Regierung. " * 10,
                id=f"de{i}", language="de")
        for i in range(2)
    ]  # fmt: skip
    path = tmp_path / "s.db"
    with StoryStore(path, encoder=fake_encoder) as store:
        store.add(german[:1])
        made = store.grouper.rows_[0].features.bridge
    assert made is not None
    with StoryStore(path, encoder=fake_encoder) as store:
        read = store._load().rows_[0].features.bridge
        assert read is not None and np.array_equal(read, made)
    # a store written before gloss vectors were kept has no column for them
    as_written_before_gloss_vectors(path)
    with StoryStore(path, encoder=fake_encoder) as store:
        assert store._load().rows_[0].features.bridge is None  # read as it was grouped: hashed
        store.add(german[1:])
        assert len(store.assignments()) == 2
    with StoryStore(path, encoder=fake_encoder) as store:
        bridges = [row.features.bridge for row in store._load().rows_]
        assert bridges[0] is None and bridges[1] is not None


def test_an_older_store_opened_read_only_is_read_without_gloss_vectors(
    tmp_path: Path, fake_encoder: Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.db"
    with StoryStore(path, encoder=fake_encoder) as store:
        store.add(arts("alpha", 2))
    as_written_before_gloss_vectors(path)
    connect = sqlite3.connect

    def read_only(*args: object, **kwargs: object) -> sqlite3.Connection:
        connection = connect(*args, **kwargs)  # type: ignore[arg-type]
        connection.execute("PRAGMA query_only = ON")
        return connection

    monkeypatch.setattr(sqlite3, "connect", read_only)
    with StoryStore(path, encoder=fake_encoder) as store:
        assert len(store.assignments()) == 2
        assert all(row.features.bridge is None for row in store._load().rows_)
    monkeypatch.setattr(sqlite3, "connect", connect)
    columns = {row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(articles)")}
    assert "bridge" not in columns  # left as it was
