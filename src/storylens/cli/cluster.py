"""``storylens cluster``, ``storylens stories`` and ``storylens eval stories``."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from storylens.batch import drop_empty
from storylens.cli.app import app, eval_app
from storylens.cli.common import (
    FIELD_OPTION,
    INPUT_FORMAT_OPTION,
    MAX_BYTES_OPTION,
    PROBLEMS_OPTION,
    Tally,
    load_articles,
    output_stream,
    read_options,
    say,
    write_jsonl,
)
from storylens.errors import Problem, ReadError, StorylensError
from storylens.model import Article


class Engine(StrEnum):
    local = "local"
    spark = "spark"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


@app.command("cluster")
def cluster_cli(
    paths: list[str] = typer.Argument(..., help="Inputs `read` accepts (files, folders, -)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="JSONL out (default stdout)."),
    store: Path | None = typer.Option(
        None, "--store", help="Add to this SQLite story store; output lists every stored article."
    ),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local, or spark (PySpark)."),
    master: str | None = typer.Option(
        None, "--master", help="Spark master URL (default local[2]); only with --engine spark."
    ),
    verify: bool = typer.Option(
        True, "--verify/--light", help="Check links with the scoring model (--light: faster)."
    ),
    fast: bool = typer.Option(
        False,
        "--fast",
        help="Model-free hashing embeddings and the light decision: for corpora of 100k+"
        " articles; less accurate (see README).",
    ),
    one_language: bool = typer.Option(
        False,
        "--one-language",
        help="Keep each story in one language (near-copies aside); by default the scoring model"
        " links articles across languages.",
    ),
    field: list[str] = FIELD_OPTION,
    input_format: str | None = INPUT_FORMAT_OPTION,
    max_bytes: int = MAX_BYTES_OPTION,
    problems: Path | None = PROBLEMS_OPTION,
) -> None:
    """Group articles into stories; one line per article {id, story, duplicate_group, ...}."""
    options = read_options(field, input_format, max_bytes)
    tally = Tally(problems_file=problems)
    articles = load_articles(paths, tally, options)
    usable = drop_empty(articles, tally)
    if not usable and store is None:
        say("no articles to cluster")
        tally.finish()
    try:
        from storylens.stories.grouping import StoryGrouper

        crossing = False if one_language else None
        grouper = (
            StoryGrouper.fast(cross_lingual=crossing)
            if fast
            else StoryGrouper(verify=verify, cross_lingual=crossing)
        )
        records = _run(usable, store, engine, master, grouper, tally)
    except StorylensError as exc:
        raise tally.fail(str(exc), where=str(store or "")) from exc
    except sqlite3.DatabaseError as exc:
        message = f"{store}: not a usable story store ({exc})"
        raise tally.fail(message, where=str(store)) from exc
    with output_stream(output) as out:
        write_jsonl(records, out)
    tally.finish()


def _features(articles: list[Article], analyzer: Any) -> list[Any]:
    """Features in batches, with a progress bar on a terminal (encoding is the slow step); a
    batch that fails is retried an article at a time, and a ``Failed`` stands for each article
    that fails alone."""
    from storylens.cli.common import progress
    from storylens.isolate import isolate
    from storylens.stories.features import featurize

    batches = [articles[i : i + 256] for i in range(0, len(articles), 256)]
    out: list[Any] = []
    for batch in progress(batches, "analysing", total=len(batches), unit="batches"):
        out.extend(isolate(batch, lambda items: featurize(items, analyzer)))
    return out


def _run(
    articles: list[Article],
    store: Path | None,
    engine: Engine,
    master: str | None,
    grouper: Any,
    tally: Tally,
) -> list[dict[str, Any]]:
    from storylens.stories.verify import MAX_VERIFIED_ROWS

    def features_of(items: Sequence[Article]) -> list[Any]:
        """Features, or a ``Failed`` for an article that cannot be analysed."""
        if grouper.verify and not grouper.checks_links(len(items)):
            say(
                f"{len(items):,} new articles in one batch: over {MAX_VERIFIED_ROWS:,} the"
                " scoring model does not check links (light decision only, none across"
                " languages); feed smaller batches to a --store to have them checked"
            )
        if engine is Engine.spark:
            from storylens.spark.job import spark_features

            checking = grouper.link_analyzer(len(items))
            return spark_features(items, grouper.story_analyzer(), master, None, checking)
        return _features(list(items), grouper.story_analyzer())

    def unplaced(failed: list[Any]) -> None:
        for item in failed:
            tally.good -= 1
            where, aid = item.item.source, item.item.id
            # the id names the article even where its file line is known
            tally.skip(
                Problem(where or aid, f"article {aid}: {item.reason}" if where else item.reason)
            )

    if store is not None:
        from storylens.stories.store import StoryStore

        with StoryStore(store, grouper=grouper) as db:
            db.add(articles, featurize=features_of)
            unplaced(db.failed)
            updated = {i for i, status in db.status.items() if status == "updated"}
            for article_id in sorted(updated):
                say(f"{article_id}: stored before with other text; replaced and grouped again")
            return [{**r, "updated": True} if r["id"] in updated else r for r in db.assignments()]
    from storylens.stories.isolated import add_found, split_found

    kept, failed = split_found(articles, features_of(articles))
    unplaced(failed + add_found(grouper, kept))
    return grouper.assignments()


@app.command("stories")
def stories_cli(
    store: Path = typer.Option(..., "--store", help="The SQLite story store `cluster` wrote."),
    output_format: ListFormat = typer.Option(ListFormat.table, "--format", "-f"),
    limit: int = typer.Option(50, "--limit", "-n", help="Show at most this many stories."),
    query: str | None = typer.Option(None, "--query", "-q", help="Only headlines/outlets with."),
) -> None:
    """The stories in a store, largest and newest first."""
    if not store.exists():
        raise Tally().fail(
            f"{store}: no such store; create it with `storylens cluster ... --store`", str(store)
        )
    from storylens.stories.store import StoryStore
    from storylens.storyview.listing import StoryList

    try:
        with StoryStore(store) as db:
            listing = StoryList.of(
                db.stories(q=query, limit=limit), db.count_stories(q=query), limit
            )
    except (StorylensError, sqlite3.DatabaseError) as exc:
        raise Tally().fail(f"{store}: not a usable story store ({exc})", str(store)) from exc
    if output_format is ListFormat.json:
        typer.echo(json.dumps(listing.to_dict(), ensure_ascii=False, indent=2))
        return
    table = Table()
    for column in ("story", "articles", "outlets", "first seen", "first by", "headline"):
        table.add_column(column, justify="right" if column == "articles" else "left")
    for s in listing.stories:
        table.add_row(
            s.id,
            str(s.articles),
            str(len(s.outlets)),
            (s.first_seen or "")[:10],
            s.first_reported_by or "",
            s.title,
        )
    Console().print(table)


def read_labelled(path: Path, tally: Tally) -> tuple[list[Article], list[str]]:
    """Articles of a JSONL file with their gold labels; each line left out is one problem."""
    from storylens.stories.evaluate import read_labelled as read

    try:
        articles, gold, problems = read(str(path))
    except ReadError as exc:
        raise tally.fail(str(exc), exc.problem.where) from None
    for problem in problems:
        tally.skip(problem)
    tally.good += len(articles)
    return articles, gold


@eval_app.command("stories")
def eval_stories_cli(
    path: Path = typer.Argument(..., help="JSONL articles with a gold `story` or `event` field."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    fast: bool = typer.Option(False, "--fast", help="Score the `cluster --fast` grouping."),
) -> None:
    """B-cubed precision/recall/F1 of storylens and of a TF-IDF + agglomerative baseline."""
    from storylens.stories.evaluate import evaluate_stories
    from storylens.stories.grouping import StoryGrouper

    tally = Tally()
    articles, gold = read_labelled(path, tally)
    if not articles:
        raise tally.fail(f"{path}: no labelled articles", str(path))
    grouper = StoryGrouper.fast() if fast else StoryGrouper()
    result = evaluate_stories(articles, gold, grouper)
    if as_json:
        typer.echo(json.dumps(result, indent=2))
    else:
        table = Table(
            title=f"{path.name}: {len(articles)} articles, {result['gold_stories']} stories"
        )
        for column in ("system", "stories", "precision", "recall", "F1"):
            table.add_column(column, justify="left" if column == "system" else "right")
        for name in ("storylens", "baseline"):
            r = result[name]
            table.add_row(
                r["name"],
                str(r["stories"]),
                f"{r['precision']:.3f}",
                f"{r['recall']:.3f}",
                f"{r['f1']:.3f}",
            )
        Console().print(table)
    tally.finish()
