"""storylens serve: the web app and HTTP API over a story store."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from storylens.cli.app import app
from storylens.cli.common import EXIT_NOTHING, say

DEFAULT_STORE = Path("storylens.db")


@app.command("serve")
def serve_cli(
    store: Path = typer.Option(DEFAULT_STORE, "--store", help="The story store (SQLite) to serve."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    max_body: int = typer.Option(
        10_000_000, "--max-body", min=1, help="Largest request body accepted, in bytes."
    ),
) -> None:
    """Start the web app and API. Writes need the bearer token in STORYLENS_TOKEN.

    Without STORYLENS_TOKEN the server listens on loopback only and accepts writes from
    loopback clients only.
    """
    from storylens.web.security import is_loopback

    token = os.environ.get("STORYLENS_TOKEN") or None
    if token is None and not is_loopback(host):
        say(
            f"{host}: refusing to listen on a non-loopback address without a token; "
            "set STORYLENS_TOKEN or use --host 127.0.0.1"
        )
        raise typer.Exit(EXIT_NOTHING)
    if store.exists() and not store.is_file():
        say(f"{store}: not a file; pass --store PATH to a story store")
        raise typer.Exit(EXIT_NOTHING)
    serve(store, host, port, token, max_body)


def serve(store: Path, host: str, port: int, token: str | None, max_body: int) -> None:
    import uvicorn

    from storylens.web import create_app

    web = create_app(store, token=token, max_body=max_body)
    say(f"serving {store} on http://{host}:{port} (API reference at /docs)")
    uvicorn.run(web, host=host, port=port, log_level="warning", server_header=False)
