"""``saywho serve``: the workbench (REST API and web UI) over a database, with uvicorn."""

from __future__ import annotations

import click

from ..errors import SaywhoError
from . import _options as opts

__all__ = ["serve_cli"]


@click.command("serve")
@opts.db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="TCP port."
)
@click.option(
    "--write",
    is_flag=True,
    help="Allow writes through the API (POST/DELETE /api/articles); read-only without it.",
)
@click.option(
    "--token",
    envvar="SAYWHO_TOKEN",
    show_envvar=True,
    metavar="SECRET",
    help="Access token clients must send (required to listen on a non-loopback address).",
)
@click.option(
    "--embed",
    is_flag=True,
    help="First compute the sentence embeddings of every quote that has none (for semantic "
    "search on large databases; small ones are embedded on first use).",
)
def serve_cli(db: str, host: str, port: int, write: bool, token: str | None, embed: bool) -> None:
    """Serve the workbench: browse quotes, speakers and outlets in a web browser.

    Every page has a JSON twin (add .json to its path); the REST API is under
    /api/ and described at /openapi.json. Listens on 127.0.0.1 unless --host
    says otherwise, which then needs --token. Stop with Ctrl-C.

    \b
    Example:
        saywho serve --db news.db
        saywho serve --db news.db --host 0.0.0.0 --port 8080 --token "$SECRET"
        saywho serve --db news.db --embed
    """
    from ..api import serve

    if embed:
        _embed(db)

    def ready(url: str) -> None:
        mode = "read-write" if write else "read-only"
        click.echo(f"saywho workbench ({mode}) at {url}  (Ctrl-C to stop)", err=True)
        click.echo(url)

    try:
        serve(db, host=host, port=port, write=write, token=token, on_ready=ready)
    except SaywhoError as exc:
        raise opts.fail(exc) from exc


def _embed(db: str) -> None:
    from ..embed import Embedder
    from ..embed.vectors import fill_missing

    with opts.open_db(db) as store:
        try:
            n = fill_missing(
                store.conn,
                Embedder(threads=2),
                progress=lambda done: click.echo(f"\rembedded {done} quotes", nl=False, err=True),
            )
        except SaywhoError as exc:
            raise opts.fail(exc) from exc
    click.echo(f"\r{n} quotes embedded; the rest already were", err=True)
