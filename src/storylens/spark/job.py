"""The Spark side of ``storylens cluster --engine spark``.

The costly, embarrassingly parallel step — reading each article's opening, encoding it and
extracting its keys — runs inside ``mapPartitions`` on the executors, one encoder per partition.
When grouping will check its links, the executors also analyse each opening with the grouper's
light :class:`~storylens.analyze.Analyzer`, shipped to them pickled (without its cache), and the
driver's analyzer takes those analyses into its cache: the spaCy passes run in parallel instead
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
    from storylens.stories.grouping import StoryGrouper

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
    rows: Iterable[tuple[str, int]], embedding: str, analyzer: Analyzer | None = None
) -> Iterator[Featured]:
    from storylens.stories.features import featurize, get_encoder
    from storylens.stories.verify import opening

    batch = list(rows)
    if not batch:
        return
    articles = [Article.from_dict(json.loads(text)) for text, _ in batch]
    encoder = get_encoder(embedding)
    # a failed partition is retried an article at a time: one bad article costs only itself
    features = isolate(articles, lambda items: featurize(items, encoder))
    analyses: list[Analysis | None] = [None] * len(batch)
    if analyzer is not None:
        # the openings the link check reads, built as the driver's grouper will build them
        done = [(i, f) for i, f in enumerate(features) if not isinstance(f, Failed)]
        views = [opening(f, articles[i].published) for i, f in done]
        for (i, _), analysis in zip(done, analyzer.each(views), strict=True):
            # an opening that fails here is analysed again, and reported, on the driver
            analyses[i] = None if isinstance(analysis, Failed) else analysis
    yield from zip((index for _, index in batch), features, analyses, strict=True)


def link_check_analyzer(grouper: StoryGrouper, articles: int) -> Analyzer | None:
    """The grouper's light analyzer when it will check the links of ``articles`` new
    articles (made for it if it has none yet), else None: nothing to analyse."""
    from storylens.stories.verify import MAX_VERIFIED_ROWS, light_analyzer

    if not grouper.verify or articles > MAX_VERIFIED_ROWS:
        return None
    grouper.analyzer = grouper.analyzer or light_analyzer()
    return grouper.analyzer


def spark_features(
    articles: Sequence[Article],
    master: str | None = None,
    partitions: int | None = None,
    embedding: str = "minilm",
    analyzer: Analyzer | None = None,
) -> list[StoryFeatures | Failed[Article]]:
    """Features of ``articles`` computed on Spark executors, in the input order; a ``Failed``
    for each article that cannot be analysed. With ``analyzer`` the executors also analyse
    each opening (:func:`storylens.stories.verify.opening`) and ``analyzer``'s cache takes
    the analyses."""
    if not articles:
        return []
    session = spark_session(master)
    context = session.sparkContext
    slices = partitions or max(1, min(len(articles) // 64 + 1, context.defaultParallelism * 4))
    payload = [json.dumps(a.to_dict(), ensure_ascii=False) for a in articles]
    rdd = context.parallelize(payload, slices).zipWithIndex()
    work = partial(_featurize_partition, embedding=embedding, analyzer=analyzer)
    found: dict[int, StoryFeatures | Failed[Article]] = {}
    for index, features, analysis in rdd.mapPartitions(work).collect():
        found[index] = features
        if analyzer is not None and analysis is not None:
            analyzer.cache.put(analyzer.key(analysis.article), analysis)
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
    grouper = StoryGrouper.fast() if args.fast else StoryGrouper()

    def features_of(items: Sequence[Article]) -> list[StoryFeatures | Failed[Article]]:
        analyzer = link_check_analyzer(grouper, len(items))
        return spark_features(items, args.master, None, grouper.embedding, analyzer)

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
