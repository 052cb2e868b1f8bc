"""``storylens score`` and ``storylens eval semeval``: SemEval-style scores for article pairs."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from storylens.cli.app import app, eval_app
from storylens.cli.common import (
    EXIT_NOTHING,
    PROBLEMS_OPTION,
    Tally,
    output_stream,
    progress,
    say,
    write_jsonl,
)
from storylens.errors import Problem, ReadError, StorylensError
from storylens.model import SCORE_DIMENSIONS, Article


def _read_pairs(path: Path, tally: Tally) -> list[tuple[str, Article, Article]]:
    """Every usable pair of a JSONL file; each bad line is one problem."""
    from storylens.score.records import read_pairs

    try:
        pairs, problems = read_pairs(str(path))
    except ReadError as exc:
        raise tally.fail(str(exc), exc.problem.where) from None
    for problem in problems:
        tally.skip(problem)
    return pairs


def _analyse(pairs: list[tuple[Article, Article]]) -> list[Any]:
    """Analyses of every pair (``Failed`` for a pair that cannot be analysed), with a progress
    bar that moves per analysed chunk."""
    from storylens.score.corpus import analyse_pairs_each, unique_count

    total = unique_count(pairs)
    ticks = iter(progress(range(total), "analysing", total=total))

    def advance(n: int) -> None:
        for _ in range(n):
            next(ticks, None)

    result = analyse_pairs_each(pairs, on_progress=advance)
    for _ in ticks:  # close the bar
        pass
    return result


@app.command("score")
def score_command(
    pairs: Path = typer.Argument(..., help="JSONL of {pair_id, a, b}; a/b: article or text."),
    output: Path | None = typer.Option(None, "-o", "--output", help="JSONL out (stdout: -)."),
    problems: Path | None = PROBLEMS_OPTION,
) -> None:
    """Score pairs of articles like SemEval-2022 judges (1 = very similar … 4 = very dissimilar)."""
    from storylens.score import judge_many, shipped_model

    tally = Tally(problems_file=problems)
    read = _read_pairs(pairs, tally)
    if not read:
        say(f"{pairs}: no usable pair; each line needs {{pair_id, a, b}}")
        tally.finish()
    try:
        model = shipped_model()
    except StorylensError as exc:
        raise tally.fail(str(exc)) from None
    from storylens.isolate import Failed, isolate

    analysed = _analyse([(a, b) for _, a, b in read])
    ready = [(pair_id, pair) for (pair_id, _, _), pair in zip(read, analysed, strict=True)]
    for pair_id, pair in ready:
        if isinstance(pair, Failed):
            where = pair.item.source or pair.item.id
            tally.skip(Problem(f"pair {pair_id}", f"{where}: cannot analyse ({pair.reason})"))
    ready = [(pair_id, pair) for pair_id, pair in ready if not isinstance(pair, Failed)]
    judged = isolate([pair for _, pair in ready], lambda batch: judge_many(batch, model))
    records = []
    for (pair_id, _), judgement in zip(ready, judged, strict=True):
        if isinstance(judgement, Failed):
            tally.skip(Problem(f"pair {pair_id}", f"cannot score ({judgement.reason})"))
            continue
        records.append(
            {
                "pair_id": pair_id,
                "scores": judgement.scores.to_dict(),
                "same_story": judgement.same_story,
                "same_story_probability": round(judgement.same_story_probability, 3),
                "same_story_evidence": judgement.evidence,
                "bridge": judgement.bridge,
            }
        )
    with output_stream(output) as out:
        write_jsonl(records, out)
    tally.good = len(records)
    tally.finish()


def _table(report: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    systems = ("storylens", "tfidf_cosine", "embedding_cosine")

    def cell(value: float | None) -> str:
        return "—" if value is None else f"{value:.3f}"

    table = Table(title=f"Pearson r per dimension ({report['pairs']} pairs)")
    table.add_column("dimension")
    for name in systems:
        table.add_column(name, justify="right")
    for dim in SCORE_DIMENSIONS:
        table.add_row(dim, *(cell(report["dimensions"][dim][s]) for s in systems))
    console.print(table)
    langs = Table(title="Pearson r on Overall per language pair (95% bootstrap interval)")
    langs.add_column("languages")
    langs.add_column("pairs", justify="right")
    for name in systems:
        langs.add_column(name, justify="right")
    langs.add_column("storylens 95%", justify="right")

    def interval(row: dict[str, Any]) -> str:
        low, high = row.get("interval_95") or (None, None)
        return "—" if low is None or high is None else f"{low:.2f}–{high:.2f}"

    rows = [*report["language_pairs"].items(), *report.get("groups", {}).items()]
    for lang, row in rows:
        langs.add_row(lang, str(row["pairs"]), *(cell(row[s]) for s in systems), interval(row))
    console.print(langs)
    if "same_story" in report:
        s = report["same_story"]
        console.print(
            f"same_story vs {s['label']}: accuracy {s['accuracy']:.3f}, "
            f"precision {s['precision']:.3f}, recall {s['recall']:.3f}, F1 {s['f1']:.3f}"
        )
    console.print(f"[dim]baselines: {report['baseline_method']}[/dim]")


@eval_app.command("semeval")
def eval_semeval_command(
    file: Path = typer.Argument(..., help="SemEval-2022 Task 8 pairs (JSONL with scores)."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
    out: Path | None = typer.Option(
        None, "--out", help="Also write the report as JSON to this file."
    ),
) -> None:
    """Pearson per dimension and language pair (with 95% bootstrap intervals): storylens vs
    TF-IDF and embedding cosines."""
    import numpy as np

    from storylens.score import shipped_model
    from storylens.score.features import feature_matrix
    from storylens.score.judge import same_story_many
    from storylens.score.semeval import evaluate, load_pairs

    tally = Tally()
    try:
        pairs = load_pairs(file, on_problem=tally.skip)
    except StorylensError as exc:
        say(str(exc))
        raise typer.Exit(EXIT_NOTHING) from None
    if not pairs:
        say(f"{file}: no usable pair; each line needs pair_id, a, b and scores")
        raise typer.Exit(EXIT_NOTHING)
    try:
        model = shipped_model()
        analysed = _analyse([(p.a, p.b) for p in pairs])
    except StorylensError as exc:
        say(str(exc))
        raise typer.Exit(EXIT_NOTHING) from None
    from storylens.isolate import Failed

    for pair, item in zip(pairs, analysed, strict=True):
        if isinstance(item, Failed):
            tally.skip(Problem(f"pair {pair.pair_id}", f"cannot analyse ({item.reason})"))
    kept = [i for i, item in enumerate(analysed) if not isinstance(item, Failed)]
    pairs, analysed = [pairs[i] for i in kept], [analysed[i] for i in kept]
    if not pairs:
        raise typer.Exit(EXIT_NOTHING)
    X = feature_matrix(analysed)
    decided = [v.same_story for v in same_story_many(analysed)]
    report = evaluate(pairs, analysed, model.predict(X), np.array(decided))
    if out is not None:
        try:
            out.write_text(json.dumps(report, indent=2) + "\n")
        except OSError as exc:
            say(f"{out}: cannot write the report ({exc.strerror}); pass another --out path")
            raise typer.Exit(EXIT_NOTHING) from None
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        _table(report)
    tally.good = len(pairs)
    tally.finish()


@app.command("train")
def train_command(
    data: Path | None = typer.Option(None, "--data", help="SemEval folder (train/test JSONL)."),
    part: str = typer.Option(
        "all", "--part", help="What to fit: all, scorer (SemEval scores) or same-story."
    ),
    cache: Path | None = typer.Option(
        None, "--cache", help="Keep analyses in this folder and reuse them next run (development)."
    ),
) -> None:
    """Rebuild the shipped models (`make train`): deterministic, written into the package."""
    from storylens.score.semeval import DATA_DIR
    from storylens.score.train import PARTS, train

    folder = data or DATA_DIR
    if part not in PARTS:
        say(f"--part {part}: unknown; use one of {', '.join(PARTS)}")
        raise typer.Exit(EXIT_NOTHING)
    if not (folder / "train.jsonl").exists():
        say(f"{folder}/train.jsonl: not found; pass --data DIR")
        raise typer.Exit(EXIT_NOTHING)
    from storylens.analyze import Analyzer, DiskCache

    analyzer = Analyzer(cache=DiskCache(cache)) if cache else Analyzer()
    metrics = train(folder, analyzer=analyzer, parts=PARTS[part])
    if "test" in metrics:
        overall = metrics["test"]["dimensions"]["overall"]
        say(
            f"scorer: trained on {metrics['train_pairs']} pairs in {metrics['fit_seconds']} s; "
            "test Pearson overall: " + ", ".join(f"{k} {v}" for k, v in overall.items())
        )
    if "same_story" in metrics:
        dev = metrics["same_story"].get("pages_stories_dev")
        say(f"same-story: {metrics['same_story']['real_rows']} SemEval pairs; dev check: {dev}")
