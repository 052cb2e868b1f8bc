"""The typer application; each command lives in its own module and registers itself here."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import typer


@dataclass
class State:
    debug: bool = False


state = State()

app = typer.Typer(
    help="storylens: one news story through every outlet that covered it.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
eval_app = typer.Typer(help="Measure storylens against labelled data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks and debug logging."),
) -> None:
    state.debug = debug
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING)


# Command modules register on import; imported last so that ``app`` exists for them.
from storylens.cli import cluster, compare, read, score, serve, story  # noqa: E402, F401
