"""The typer application. Each command lives in its own module and registers itself on ``app``;
``storylens.cli`` imports those modules, so this one imports none of them."""

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
    configure_logging(debug)


def _ours(record: logging.LogRecord) -> bool:
    return record.name == "storylens" or record.name.startswith("storylens.")


def configure_logging(debug: bool) -> None:
    """stderr gets storylens's own warnings; other libraries' messages (trafilatura's
    ``WARNING: discarding data``, htmldate's, …) speak about inputs we already report on, so
    they show only with --debug, as the debug log."""
    handler = logging.StreamHandler()
    if debug:
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    else:
        handler.setFormatter(logging.Formatter("storylens: %(message)s"))
        handler.addFilter(_ours)
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, handlers=[handler])
