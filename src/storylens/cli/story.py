"""``storylens story``: one story's facts, numbers and lineage as text, JSON or an HTML report."""

from __future__ import annotations

import sqlite3
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from storylens.cli.app import app
from storylens.cli.common import (
    EXIT_NOTHING,
    FIELD_OPTION,
    INPUT_FORMAT_OPTION,
    MAX_BYTES_OPTION,
    Tally,
    load_articles,
    read_options,
    say,
    write_view,
)
from storylens.errors import StorylensError


class StoryFormat(StrEnum):
    text = "text"
    json = "json"
    html = "html"


def _stored(store: Path, inputs: list[str]) -> Any:
    if len(inputs) != 1:
        say(
            f"with --store, give one story id (got {len(inputs)});"
            " list them with `storylens stories --store`"
        )
        raise typer.Exit(EXIT_NOTHING)
    if not store.exists():
        say(f"{store}: no such store; create it with `storylens cluster ... --store`")
        raise typer.Exit(EXIT_NOTHING)
    from storylens.stories.store import StoryStore
    from storylens.storyview.stored import stored_story_view

    try:
        with StoryStore(store) as db:
            view = stored_story_view(db, inputs[0])
    except (StorylensError, sqlite3.DatabaseError) as exc:
        say(f"{store}: not a usable story store ({exc})")
        raise typer.Exit(EXIT_NOTHING) from None
    if view is None:
        say(
            f"{inputs[0]}: no such story in {store};"
            f" list them with `storylens stories --store {store}`"
        )
        raise typer.Exit(EXIT_NOTHING)
    return view


@app.command("story")
def story_cli(
    inputs: list[str] = typer.Argument(
        ..., help="A story id (with --store), else the articles: files `storylens read` accepts."
    ),
    store: Path | None = typer.Option(None, "--store", help="Show a story of this store."),
    fmt: StoryFormat = typer.Option(
        StoryFormat.text, "--format", "-f", help="text (terminal view), json or html."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file instead of stdout."
    ),
    fields: list[str] = FIELD_OPTION,
    input_format: str | None = INPUT_FORMAT_OPTION,
    max_bytes: int = MAX_BYTES_OPTION,
) -> None:
    """One story through every outlet: each fact once, who carried it and how, who was first,
    numbers that differ or develop, and who took text from whom."""
    tally = Tally()
    if store is not None:
        view = _stored(store, inputs)
        tally.good = 1
    else:
        articles = load_articles(inputs, tally, read_options(fields, input_format, max_bytes))
        if not articles:
            say("no articles read; give files `storylens read` accepts")
            raise typer.Exit(EXIT_NOTHING)
        from storylens.storyview import story_view

        view = story_view(articles)
    from storylens.render.story_html import story_report
    from storylens.render.story_text import WIDTH, render_story

    write_view(
        output,
        fmt.value,
        view.to_dict,
        lambda: story_report(view),
        lambda console: render_story(view, console),
        width=WIDTH,
    )
    tally.finish()
