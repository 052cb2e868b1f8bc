"""The Spark side of ``storylens cluster --engine spark``.

The costly, embarrassingly parallel step — reading each article's opening, encoding it and
extracting its keys — runs inside ``mapPartitions`` on the executors, one encoder per partition.
Grouping then runs once on the driver over the collected features, with exactly the code of the
local engine, so both engines give the same stories. Run as a script under ``spark-submit``
(see README.md beside this file).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from typing import Any

from storylens.errors import Problem, one_line
from storylens.isolate import Failed, isolate
from storylens.model import Article
from storylens.stories.features import StoryFeatures

DEFAULT_MASTER = "local[2]"


def spark_session(master: str | None = None, app_name: str = "storylens") -> Any:
    """A SparkSession; quiet, no UI, few shuffle partitions (our data is small per row)."""
    # executors must run the interpreter that has storylens installed
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master or "spark.master" not in os.environ.get("SPARK_CONF", ""):
        builder = builder.master(master or os.environ.get("STORYLENS_SPARK_MASTER", DEFAULT_MASTER))
    session = (
        builder.config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    return session


def _featurize_partition(
    rows: Iterable[tuple[str, int]], embedding: str
) -> Iterator[tuple[int, StoryFeatures | Failed[Article]]]:
    from storylens.stories.features import featurize, get_encoder

    batch = list(rows)
    if not batch:
        return
    articles = [Article.from_dict(json.loads(text)) for text, _ in batch]
    encoder = get_encoder(embedding)
    # a failed partition is retried an article at a time: one bad article costs only itself
    features = isolate(articles, lambda items: featurize(items, encoder))
    yield from zip((index for _, index in batch), features, strict=True)


def spark_features(
    articles: Sequence[Article],
    master: str | None = None,
    partitions: int | None = None,
    embedding: str = "minilm",
) -> list[StoryFeatures | Failed[Article]]:
    """Features of ``articles`` computed on Spark executors, in the input order; a ``Failed``
    for each article that cannot be analysed."""
    if not articles:
        return []
    session = spark_session(master)
    context = session.sparkContext
    slices = partitions or max(1, min(len(articles) // 64 + 1, context.defaultParallelism * 4))
    payload = [json.dumps(a.to_dict(), ensure_ascii=False) for a in articles]
    rdd = context.parallelize(payload, slices).zipWithIndex()
    found = dict(rdd.mapPartitions(partial(_featurize_partition, embedding=embedding)).collect())
    return [found[i] for i in range(len(articles))]


def main(argv: Sequence[str] | None = None) -> int:
    """``spark-submit job.py INPUT... -o OUT.jsonl [--store PATH]``."""
    parser = argparse.ArgumentParser(prog="storylens-spark")
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("-o", "--output", default="-")
    parser.add_argument("--store", default=None)
    parser.add_argument("--master", default=None)
    parser.add_argument(
        "--fast", action="store_true", help="hashing embeddings and the light decision"
    )
    parser.add_argument(
        "--max-bytes", type=int, default=50_000_000, help="skip input files larger than this"
    )
    args = parser.parse_args(argv)
    from pathlib import Path

    from storylens.batch import Tally, load_articles, output_stream, write_jsonl
    from storylens.read import ReadOptions
    from storylens.stories.grouping import StoryGrouper
    from storylens.stories.isolated import add_isolated
    from storylens.stories.store import StoryStore

    # this entry point is a shell like the CLI: skipped items are said on stderr as it says them
    tally = Tally(report=lambda message: print(f"storylens: {one_line(message)}", file=sys.stderr))
    articles = []
    for article in load_articles(args.inputs, tally, ReadOptions(max_bytes=args.max_bytes)):
        if (article.title or article.text).strip():
            articles.append(article)
        else:  # said, as the CLI says it, not dropped silently
            tally.good -= 1
            tally.skip(Problem(article.source or article.id, "empty article (no title, no text)"))
    grouper = StoryGrouper.fast() if args.fast else StoryGrouper()

    def features_of(items: Sequence[Article]) -> list[StoryFeatures | Failed[Article]]:
        return spark_features(items, master=args.master, embedding=grouper.embedding)

    if args.store:
        # the store's own add: the embedding check, and only new or changed articles encoded
        with StoryStore(args.store, grouper=grouper) as db:
            db.add(articles, featurize=features_of)
            failed = db.failed
            records = db.assignments()
    else:
        found = features_of(articles)
        failed = [
            Failed(f.item, f"cannot analyse this article ({f.reason})")
            for f in found
            if isinstance(f, Failed)
        ]
        kept = [(a, f) for a, f in zip(articles, found, strict=True) if not isinstance(f, Failed)]
        failed += [
            Failed(f.item, f"cannot group this article ({f.reason})")
            for f in add_isolated(grouper, [a for a, _ in kept], [f for _, f in kept])
        ]
        records = grouper.assignments()
    for item in failed:
        tally.skip(Problem(item.item.source or item.item.id, f"{item.item.id}: {item.reason}"))
        tally.good -= 1
    with output_stream(None if args.output == "-" else Path(args.output)) as out:
        write_jsonl(records, out)
    return tally.exit_code


if __name__ == "__main__":
    raise SystemExit(main())
