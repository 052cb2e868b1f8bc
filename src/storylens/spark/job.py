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
from typing import Any

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


def _featurize_partition(rows: Iterable[tuple[str, int]]) -> Iterator[tuple[int, StoryFeatures]]:
    from storylens.stories.features import featurize, load_encoder

    batch = list(rows)
    if not batch:
        return
    articles = [Article.from_dict(json.loads(text)) for text, _ in batch]
    features = featurize(articles, load_encoder())
    yield from zip((index for _, index in batch), features, strict=True)


def spark_features(
    articles: Sequence[Article], master: str | None = None, partitions: int | None = None
) -> list[StoryFeatures]:
    """Features of ``articles`` computed on Spark executors, in the input order."""
    if not articles:
        return []
    session = spark_session(master)
    context = session.sparkContext
    slices = partitions or max(1, min(len(articles) // 64 + 1, context.defaultParallelism * 4))
    payload = [json.dumps(a.to_dict(), ensure_ascii=False) for a in articles]
    rdd = context.parallelize(payload, slices).zipWithIndex()
    found = dict(rdd.mapPartitions(_featurize_partition).collect())
    return [found[i] for i in range(len(articles))]


def main(argv: Sequence[str] | None = None) -> int:
    """``spark-submit job.py INPUT... -o OUT.jsonl [--store PATH]``."""
    parser = argparse.ArgumentParser(prog="storylens-spark")
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("-o", "--output", default="-")
    parser.add_argument("--store", default=None)
    parser.add_argument("--master", default=None)
    args = parser.parse_args(argv)
    from pathlib import Path

    from storylens.cli.common import Tally, load_articles, output_stream, write_jsonl
    from storylens.stories.grouping import StoryGrouper
    from storylens.stories.store import StoryStore

    tally = Tally()
    articles = [a for a in load_articles(args.inputs, tally) if (a.title or a.text).strip()]
    features = spark_features(articles, master=args.master)
    if args.store:
        with StoryStore(args.store) as db:
            db.add_features(articles, features)
            records = db.assignments()
    else:
        records = StoryGrouper().add_features(articles, features).assignments()
    with output_stream(None if args.output == "-" else Path(args.output)) as out:
        write_jsonl(records, out)
    return tally.exit_code


if __name__ == "__main__":
    raise SystemExit(main())
