"""The embedded story store: one SQLite file that keeps articles, their features and stories.

Every ``add`` is one ``BEGIN IMMEDIATE`` transaction, so a crash mid-run leaves the file as it
was before the run (SQLite's journal rolls the half-written batch back) and two writers queue on
SQLite's lock; one that waits longer than ``timeout`` seconds gets :class:`StoreBusy`. WAL mode
lets readers (the web app) read while a batch is being written.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Literal

import numpy as np

from storylens.analyze.opening import interned
from storylens.errors import StorylensError
from storylens.isolate import Failed, isolate
from storylens.model import Article
from storylens.stories.features import Encoder, StoryFeatures, check_embedding, featurize
from storylens.stories.grouping import StoryGrouper
from storylens.stories.isolated import add_found, split_found
from storylens.stories.kept import KeptGrouper
from storylens.stories.store_reads import StoreReads

#: features of articles computed somewhere else (a ``Failed`` for each one that cannot be)
Featurize = Callable[[Sequence[Article]], Sequence[StoryFeatures | Failed[Article]]]

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    data TEXT NOT NULL,
    story TEXT NOT NULL,
    duplicate_group TEXT NOT NULL,
    outlet TEXT, title TEXT, published TEXT,
    embedding BLOB NOT NULL,
    keys TEXT NOT NULL,
    bridge BLOB
);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    n_articles INTEGER NOT NULL,
    last_seen TEXT,
    search TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS merged (old TEXT PRIMARY KEY, survivor TEXT NOT NULL);
"""


def _blob(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="float32").tobytes()


def _vector(blob: bytes | None) -> np.ndarray | None:
    return None if blob is None else np.frombuffer(blob, dtype="float32")


def _texts(article: Article) -> tuple[str, str]:
    return article.title or "", article.text or ""


class StoreBusy(StorylensError):
    """Another run holds the store's write lock for longer than we were willing to wait."""


class StoryStore(StoreReads):
    """``with StoryStore(path) as store: store.add(articles)``; reads are plain methods."""

    def __init__(
        self,
        path: str | Path,
        timeout: float = 60.0,
        encoder: Encoder | None = None,
        grouper: StoryGrouper | None = None,
        kept: KeptGrouper | None = None,
    ) -> None:
        self.path = Path(path)
        #: the grouper of the last write, reused by the next one while the store is unchanged;
        #: a writer that opens a store per request passes one to each (``kept``)
        self.kept = kept if kept is not None else KeptGrouper()
        self.timeout = timeout
        self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        try:
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.executescript(SCHEMA)
            self._add_bridge_column()
        except sqlite3.OperationalError as exc:
            self._db.close()
            raise StoreBusy(f"{self.path}: {exc}; is another run writing to it?") from exc
        # without a grouper of its own the store groups the way it was built
        if grouper is None:
            built_fast = self.embedding == "hashing"
            grouper = (
                StoryGrouper.fast(encoder=encoder) if built_fast else StoryGrouper(encoder=encoder)
            )
        self.grouper = grouper
        #: what the last add did with each id given it: "added", "updated" or "unchanged"
        self.status: dict[str, Literal["added", "updated", "unchanged"]] = {}
        #: the articles the last add could neither analyse nor group, and why
        self.failed: list[Failed[Article]] = []

    def _add_bridge_column(self) -> None:
        """Stores written before gloss vectors were kept gain the column; their rows stay
        without one (grouping reads such a row's language by hashing, as it was grouped). A
        store opened read-only stays as it is and reads without it."""
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(articles)")}
        self._has_bridge = True
        if "bridge" in columns:
            return
        try:
            self._db.execute("ALTER TABLE articles ADD COLUMN bridge BLOB")
        except sqlite3.OperationalError as exc:
            if "readonly" in str(exc):  # this connection may only read the store
                self._has_bridge = False
            elif "duplicate column" not in str(exc):  # not another process adding it first
                raise

    @property
    def embedding(self) -> str | None:
        """The embedding this store's vectors come from; None while it is empty."""
        recorded = self._meta("embedding")
        if recorded is None and self._db.execute("SELECT 1 FROM articles LIMIT 1").fetchone():
            return "minilm"  # stores written before the choice existed
        return recorded

    def check_compatible(self) -> None:
        """Vectors of two embeddings share a size but not a space: never mix them in one store."""
        wanted, built = check_embedding(self.grouper.embedding), self.embedding
        if built is not None and built != wanted:
            hint = "run with --fast" if built == "hashing" else "run without --fast"
            raise StorylensError(
                f"{self.path}: this store holds {built} embeddings and this run makes {wanted}"
                f" ones; {hint}, or use a new store"
            )

    def __enter__(self) -> StoryStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # -- writing -------------------------------------------------------------------------
    def add(
        self, articles: Sequence[Article], featurize: Featurize | None = None
    ) -> dict[str, str]:
        """Group ``articles`` with what is stored; returns article id -> story id for them. The
        one way in for every shell: the CLI, Spark and the web app.

        Only articles new to the store or with changed text are featurized, by ``featurize``
        (Spark executors, the CLI's batches with a progress bar) or else the grouper's story
        analyzer;
        a ``Failed`` in its answer stands for an article it could not analyse. An id stored
        before with another title or text (:meth:`changed_ids`) is replaced: its new text is
        analysed and grouped again. Afterwards :attr:`status` tells each id added, updated or
        unchanged, and :attr:`failed` holds each article that could not be analysed or grouped
        (the others are stored all the same)."""
        articles = list({a.id: a for a in articles}.values())  # an id given twice: the last
        stored = self._stored_texts(articles)
        fresh = [a for a in articles if stored.get(a.id) != _texts(a)]
        self.check_compatible()  # before the costly encoding, not after
        # the slow part (the sentence encoder) runs before taking the write lock; what another
        # writer changes meanwhile is sorted out under it (_commit)
        features = (featurize or self._featurize)(fresh) if fresh else []
        return self._commit(articles, dict(zip((a.id for a in fresh), features, strict=True)))

    def _featurize(self, articles: Sequence[Article]) -> list[StoryFeatures | Failed[Article]]:
        if not articles:
            return []
        analyzer = self.grouper.story_analyzer()
        return isolate(articles, lambda items: featurize(items, analyzer))

    def changed_ids(self, articles: Sequence[Article]) -> set[str]:
        """Ids of ``articles`` this store holds with another title or text."""
        stored = self._stored_texts(articles)
        return {a.id for a in articles if a.id in stored and stored[a.id] != _texts(a)}

    def _stored_texts(self, articles: Sequence[Article]) -> dict[str, tuple[str, str]]:
        """(title, text) of each of these ids that the store holds."""
        ids = list({a.id for a in articles})
        stored: dict[str, tuple[str, str]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = self._db.execute(
                "SELECT id, title, json_extract(data, '$.text') FROM articles"
                f" WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            stored.update((r[0], (r[1] or "", r[2] or "")) for r in rows)
        return stored

    def _commit(
        self, articles: list[Article], known: Mapping[str, StoryFeatures | Failed[Article]]
    ) -> dict[str, str]:
        """Store and group ``articles`` in one write transaction. Which of them are new, changed
        or unchanged is decided here, under the write lock: another writer may have stored or
        changed these ids since the caller looked."""
        self.status, self.failed = {}, []
        if not articles:
            return {}
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreBusy(
                f"{self.path}: another run is writing to this store ({exc}); try again later"
            ) from exc
        try:
            self.check_compatible()
            stored = self._stored_texts(articles)
            changed = {a.id for a in articles if a.id in stored and stored[a.id] != _texts(a)}
            todo = [a for a in articles if a.id not in stored or a.id in changed]
            late = [a for a in todo if a.id not in known]  # changed by another writer meanwhile
            known = {**known, **dict(zip((a.id for a in late), self._featurize(late), strict=True))}
            keep, failed = split_found(todo, [known[a.id] for a in todo])
            self.failed += failed
            # an article whose new text cannot be analysed keeps its stored text
            touched = self._drop(changed & {a.id for a, _ in keep})
            grouper = self._grouper()
            before = dict(zip((r.features.id for r in grouper.rows_), grouper.labels_, strict=True))
            self.failed += add_found(grouper, keep)
            lost = {f.item.id for f in self.failed}
            added = [a for a, _ in keep if a.id not in lost]
            self._write(grouper, before, added, touched)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            self.kept.forget()  # the kept grouper may hold what was just rolled back
            raise
        self.kept.remember(self.path, self._meta("version"), grouper)
        fresh = {a.id for a in added}
        self.status = {
            a.id: ("updated" if a.id in changed else "added") if a.id in fresh else "unchanged"
            for a in articles
            if a.id not in lost
        }
        return self._stories_of([a.id for a in articles])

    def _drop(self, ids: set[str]) -> set[str]:
        """Delete these articles (inside the caller's transaction); returns their stories."""
        if not ids:
            return set()
        marks = ",".join("?" * len(ids))
        stories = {
            r[0]
            for r in self._db.execute(f"SELECT story FROM articles WHERE id IN ({marks})", [*ids])
        }
        self._db.execute(f"DELETE FROM articles WHERE id IN ({marks})", [*ids])
        self.kept.forget()  # the kept grouper still holds the dropped rows: reload the rest
        return stories

    def _grouper(self) -> StoryGrouper:
        """The stored state in ``self.grouper``: kept from this writer's last write to the same
        unchanged store when the settings match, else loaded (seconds for 100k articles)."""
        kept = self.kept.get(self.path, self._meta("version"), self.grouper)
        if kept is None:
            return self._load()
        learned = {k: v for k, v in vars(kept).items() if k.endswith("_")}
        vars(self.grouper).update(learned)
        return self.grouper

    def _stories_of(self, ids: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT id, story FROM articles WHERE id IN ({marks})", chunk)
            out.update({r[0]: r[1] for r in rows})
        return out

    def _load(self) -> StoryGrouper:
        articles: list[Article] = []
        features: list[StoryFeatures] = []
        labels: list[str] = []
        # grouping needs only these fields: SQLite reads them out of each stored article's JSON
        # faster than Python parses it whole (seconds at 100k articles)
        rows = self._db.execute(
            "SELECT id, title, outlet, published, story, embedding, keys,"
            f" {'bridge' if self._has_bridge else 'NULL AS bridge'},"
            " json_extract(data, '$.text') AS text, json_extract(data, '$.url') AS url"
            " FROM articles ORDER BY seq"
        )
        for row in rows:
            title, text = row["title"] or "", row["text"] or ""
            article = Article(
                title=title,
                text=text,
                id=row["id"],
                outlet=row["outlet"],
                url=row["url"],
                published=row["published"],
            )
            keys = json.loads(row["keys"])
            articles.append(article)
            labels.append(row["story"])
            features.append(
                StoryFeatures(
                    id=article.id,
                    embedding=np.frombuffer(row["embedding"], dtype="float32"),
                    names=interned(keys["names"]),
                    numbers=interned(keys["numbers"]),
                    years=frozenset(keys["years"]),
                    days=tuple(keys["days"]) if keys["days"] else None,  # type: ignore[arg-type]
                    language=keys.get("language"),
                    bridge=_vector(row["bridge"]),
                    body=f"{title}\n{text}",
                    title=title,
                )
            )
        merged = dict(self._db.execute("SELECT old, survivor FROM merged").fetchall())
        next_story = int(self._meta("next_story") or 1)
        return self.grouper.restore(articles, features, labels, next_story, merged)

    def _write(
        self,
        grouper: StoryGrouper,
        before: dict[str, str],
        fresh: list[Article],
        touched: set[str] | None = None,
    ) -> None:
        db = self._db
        affected: set[str] = set(touched or ())
        for article in fresh:
            row = grouper.row_of_[article.id]
            feats = grouper.rows_[row].features
            keys = {
                "names": sorted(feats.names),
                "numbers": sorted(feats.numbers),
                "years": sorted(feats.years),
                "days": list(feats.days) if feats.days else None,
                "language": feats.language,
            }
            db.execute(
                "INSERT INTO articles (id, data, story, duplicate_group, outlet, title, published,"
                " embedding, keys, bridge) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id,
                    json.dumps(article.to_dict(), ensure_ascii=False),
                    grouper.labels_[row],
                    grouper.duplicate_groups_[row],
                    article.outlet,
                    article.title,
                    article.published,
                    _blob(feats.embedding),
                    json.dumps(keys),
                    None if feats.bridge is None else _blob(feats.bridge),
                ),
            )
            affected.add(grouper.labels_[row])
        for aid, old in before.items():
            new = grouper.labels_[grouper.row_of_[aid]]
            if new != old:
                db.execute("UPDATE articles SET story = ? WHERE id = ?", (new, aid))
                affected |= {old, new}
        for old, survivor in grouper.merged_.items():
            db.execute("INSERT OR REPLACE INTO merged VALUES (?, ?)", (old, survivor))
        for sid in affected:
            db.execute("DELETE FROM stories WHERE id = ?", (sid,))
            story = grouper.story(sid) if sid in grouper.members_ else None
            if story is None:
                continue
            search = " ".join([m.title or "" for m in story.articles] + story.outlets).lower()
            db.execute(
                "INSERT INTO stories VALUES (?, ?, ?, ?, ?)",
                (sid, story.title, len(story.articles), story.last_seen, search),
            )
        db.execute(
            "INSERT OR REPLACE INTO meta VALUES ('next_story', ?)", (str(grouper.next_story_),)
        )
        # a fresh token on every write: a grouper kept from an older version is never reused
        db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (uuid.uuid4().hex,))
        if fresh:  # an empty run must not decide what the store holds
            db.execute("INSERT OR IGNORE INTO meta VALUES ('embedding', ?)", (grouper.embedding,))

    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None
