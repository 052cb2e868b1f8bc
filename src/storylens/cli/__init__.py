"""The ``storylens`` command: a thin shell over the library (see ``storylens --help``)."""

from __future__ import annotations

import sys

# each command module registers its command on ``app`` when imported: importing them here (and
# never from cli.app) keeps registration one-way
from storylens.cli import cluster, compare, read, score, serve, story  # noqa: F401
from storylens.cli.app import app, state
from storylens.errors import one_line


def main() -> None:
    """Console entry point: one-line errors and exit codes, tracebacks only with --debug."""
    try:
        app(prog_name="storylens")
    except KeyboardInterrupt:
        print("storylens: interrupted", file=sys.stderr)
        sys.exit(130)
    except Exception as exc:  # the CLI owns every error a user can see
        if state.debug:
            raise
        print(f"storylens: {one_line(str(exc))}", file=sys.stderr)
        sys.exit(2)


__all__ = ["app", "main"]
