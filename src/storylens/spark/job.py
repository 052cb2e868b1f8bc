"""The Spark side of ``storylens cluster --engine spark``.

The costly, embarrassingly parallel step — reading each article's opening, encoding it and
extracting its keys — runs inside ``mapPartitions`` on the executors: the grouper's analyzer of
the story steps is shipped to them pickled (without its cache), one batch per partition. When
grouping will check its links, the executors also analyse each opening with the grouper's light
:class:`~storylens.analyze.Analyzer`, shipped the same way, and the driver's analyzer takes
those analyses into its cache: the spaCy passes run in parallel instead
of on the driver. Grouping then runs once on the driver over the collected features, with
exactly the code of the local engine, so both engines give the same stories. Run as a script
under ``spark-submit`` (see README.md beside this file).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from storylens.errors import Problem, one_line
from storylens.isolate import Failed, isolate
from storylens.model import Article
from storylens.stories.features import StoryFeatures

if TYPE_CHECKING:
    from storylens.analyze.analyzer import Analyzer
    from storylens.analyze.document import Analysis

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


Featured = tuple[int, StoryFeatures | Failed[Article], "Analysis | None"]


def _featurize_partition(
    rows: Iterable[tuple[str, int]], story: Analyzer, checking: Analyzer | None = None
) -> Iterator[Featured]:
    from storylens.stories.features import featurize
    from storylens.stories.verify import opening

    batch = list(rows)
    if not batch:
        return
    articles = [Article.from_dict(json.loads(text)) for text, _ in batch]
    # a failed partition is retried an article at a time: one bad article costs only itself
    features = isolate(articles, lambda items: featurize(items, story))
    analyses: list[Analysis | None] = [None] * len(batch)
    if checking is not None:
        # the openings the link check reads, built as the driver's grouper will build them
        done = [(i, f) for i, f in enumerate(features) if not isinstance(f, Failed)]
        views = [opening(f, articles[i].published) for i, f in done]
        for (i, _), analysis in zip(done, checking.each(views), strict=True):
            # an opening that fails here is analysed again, and reported, on the driver
            analyses[i] = None if isinstance(analysis, Failed) else analysis
    yield from zip((index for _, index in batch), features, analyses, strict=True)


def spark_features(
    articles: Sequence[Article],
    story: Analyzer,
    master: str | None = None,
    partitions: int | None = None,
    checking: Analyzer | None = None,
) -> list[StoryFeatures | Failed[Article]]:
    """Features of ``articles`` computed on Spark executors by ``story`` (the grouper's
    :meth:`~storylens.stories.grouping.StoryGrouper.story_analyzer`), in the input order; a
    ``Failed`` for each article that cannot be analysed. With ``checking`` (the grouper's
    :meth:`~storylens.stories.grouping.StoryGrouper.link_analyzer`) the executors also analyse
    each opening (:func:`storylens.stories.verify.opening`) and ``checking``'s cache takes the
    analyses."""
    if not articles:
        return []
    session = spark_session(master)
    context = session.sparkContext
    slices = partitions or max(1, min(len(articles) // 64 + 1, context.defaultParallelism * 4))
    payload = [json.dumps(a.to_dict(), ensure_ascii=False) for a in articles]
    rdd = context.parallelize(payload, slices).zipWithIndex()
    work = partial(_featurize_partition, story=story, checking=checking)
    found: dict[int, StoryFeatures | Failed[Article]] = {}
    for index, features, analysis in rdd.mapPartitions(work).collect():
        found[index] = features
        if checking is not None and analysis is not None:
            checking.cache.put(checking.key(analysis.article), analysis)
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
        "--one-language",
        action="store_true",
        help="keep each story in one language (by default the scoring model links across"
        " languages, reading whole texts on the driver)",
    )
    parser.add_argument(
        "--max-bytes", type=int, default=50_000_000, help="skip input files larger than this"
    )
    args = parser.parse_args(argv)
    from pathlib import Path

    from storylens.batch import Tally, drop_empty, load_articles, output_stream, write_jsonl
    from storylens.read import ReadOptions
    from storylens.stories.grouping import StoryGrouper
    from storylens.stories.isolated import add_found, split_found
    from storylens.stories.store import StoryStore

    # this entry point is a shell like the CLI: skipped items are said on stderr as it says them
    tally = Tally(report=lambda message: print(f"storylens: {one_line(message)}", file=sys.stderr))
    articles = drop_empty(
        load_articles(args.inputs, tally, ReadOptions(max_bytes=args.max_bytes)), tally
    )
    crossing = False if args.one_language else None
    grouper = (
        StoryGrouper.fast(cross_lingual=crossing)
        if args.fast
        else StoryGrouper(cross_lingual=crossing)
    )

    def features_of(items: Sequence[Article]) -> list[StoryFeatures | Failed[Article]]:
        checking = grouper.link_analyzer(len(items))
        return spark_features(items, grouper.story_analyzer(), args.master, None, checking)

    if args.store:
        # the store's own add: the embedding check, and only new or changed articles encoded
        with StoryStore(args.store, grouper=grouper) as db:
            db.add(articles, featurize=features_of)
            failed = db.failed
            records = db.assignments()
    else:
        kept, failed = split_found(articles, features_of(articles))
        failed += add_found(grouper, kept)
        records = grouper.assignments()
    for item in failed:
        tally.skip(Problem(item.item.source or item.item.id, f"{item.item.id}: {item.reason}"))
        tally.good -= 1
    with output_stream(None if args.output == "-" else Path(args.output)) as out:
        write_jsonl(records, out)
    return tally.exit_code


if __name__ == "__main__":
    raise SystemExit(main())
