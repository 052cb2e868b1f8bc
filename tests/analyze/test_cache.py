"""The analyzer's caches: bounded in memory, and on disk under names stable between runs."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

from storylens.analyze import Analysis, Analyzer, DiskCache, LRUCache
from storylens.model import Article


def _analysis(text: str) -> Analysis:
    return Analysis(article=Article(title="t", text=text))


def test_lru_drops_the_least_recently_used_and_pickles_empty() -> None:
    cache = LRUCache(size=2)
    keys = [Analyzer().key(Article(text=t)) for t in ("a", "b", "c")]
    cache.put(keys[0], _analysis("a"))
    cache.put(keys[1], _analysis("b"))
    assert cache.get(keys[0]) is not None  # "a" is now the most recently used
    cache.put(keys[2], _analysis("c"))
    assert cache.get(keys[1]) is None and len(cache) == 2
    copy = pickle.loads(pickle.dumps(cache))
    assert len(copy) == 0 and copy.size == 2


def test_disk_cache_round_trip_and_names_that_survive_a_new_process(tmp_path: Path) -> None:
    key = Analyzer().key(Article(title="t", text="words"))
    DiskCache(tmp_path).put(key, _analysis("words"))
    found = DiskCache(tmp_path).get(key)
    assert found is not None and found.article.text == "words"
    # step names are a frozenset, whose order changes with the hash seed: the file name must not
    script = (
        "from storylens.analyze import Analyzer, DiskCache; from storylens.model import Article;"
        f"print(DiskCache({str(tmp_path)!r})._path(Analyzer().key("
        "Article(title='t', text='words'))).name)"
    )
    names = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in ("1", "2")
    }
    assert names == {p.name for p in tmp_path.glob("*.pkl")}


def test_disk_cache_keeps_the_story_embeddings_apart(tmp_path: Path) -> None:
    from storylens.analyze import STORY, AnalyzeOptions
    from storylens.analyze.opening import hashing_encoder

    article = Article(title="t", text="words")
    cache = DiskCache(tmp_path)
    keys = [
        Analyzer(AnalyzeOptions(steps=STORY, embedding=embedding)).key(article)
        for embedding in ("minilm", "hashing")
    ] + [Analyzer(AnalyzeOptions(steps=STORY, lead_encoder=hashing_encoder())).key(article)]
    for key in keys:
        cache.put(key, _analysis("words"))
    # one file each: an encoder given in the options names its own analyses
    assert len({cache._path(key) for key in keys}) == len(list(tmp_path.glob("*.pkl"))) == 3


def test_analyzers_with_other_models_never_share_a_cached_analysis(tmp_path: Path) -> None:
    from storylens.analyze.models import Models

    article = Article(id="x", text="A flood hit Dresden on Monday.")
    shipped, other = Analyzer(), Analyzer(models=Models(tmp_path / "another-encoder"))
    assert shipped.key(article) != other.key(article)
    assert Analyzer(models=Models()).key(article) == shipped.key(article)  # both ship the same


def test_a_lent_encode_method_names_one_disk_file_whether_or_not_its_model_has_loaded(
    tmp_path: Path,
) -> None:
    from storylens.analyze import STORY, AnalyzeOptions
    from storylens.analyze.models import Models

    cache, article, models = DiskCache(tmp_path), Article(id="x", text="A flood."), Models()

    def path(lender: Models) -> Path:
        options = AnalyzeOptions(steps=STORY, lead_encoder=lender.encode)
        return cache._path(Analyzer(options, models=lender).key(article))

    before = path(models)
    models._encoder = object()  # what loading sets: its repr now says "encoder" is loaded
    assert path(models) == before
    assert path(Models(tmp_path / "another-encoder")) != before
