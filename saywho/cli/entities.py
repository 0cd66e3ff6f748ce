"""``saywho entities …`` and ``saywho outlets spelling``: canonical entities in the store,
and the user's corrections to them."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from ..errors import SaywhoError
from ..model import ENTITY_TYPES
from ..store import Store
from . import _options as opts
from ._report import stdout_pipe
from .query import _console

__all__ = ["entities_cli", "outlets_cli"]


@contextmanager
def _store(db: str) -> Iterator[Store]:
    with opts.open_db(db) as store:
        try:
            yield store
        except SaywhoError as exc:
            raise opts.fail(exc) from exc


def _emit(
    rows: list[dict[str, Any]], fmt: str, table: Callable[[list[dict[str, Any]]], None]
) -> None:
    with stdout_pipe():
        if fmt == "jsonl":
            for row in rows:
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif fmt == "csv":
            if rows:
                writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
                writer.writeheader()
                writer.writerows(
                    {k: json.dumps(v) if isinstance(v, list) else v for k, v in r.items()}
                    for r in rows
                )
        else:
            table(rows)


@click.group("entities")
def entities_cli() -> None:
    """People, organisations and places across the corpus, and your corrections.

    Every mention and quote speaker is linked to a canonical entity: a Wikidata
    QID or an sw: id from saywho's knowledge files, or an auto: id built from
    the name. merge, split and alias correct the links; they are kept in the
    database and win over the automatic links, also after re-analysis.

    \b
    Example:
        saywho entities list --type PERSON
        saywho entities show Zelenskiy
        saywho entities merge "auto:person/dmitri-ivanenko" "Dmytro Ivanenko"
    """


@entities_cli.command("list")
@opts.db_option
@click.option("--type", "type_", type=click.Choice(ENTITY_TYPES, case_sensitive=False))
@click.option("--limit", default=50, show_default=True, type=click.IntRange(min=0),
              help="At most N entities (0: no limit).")  # fmt: skip
@opts.format_option("table", "jsonl", "csv")
def list_cli(db: str, type_: str | None, limit: int, fmt: str) -> None:
    """Entities by how often they are mentioned or quoted.

    \b
    Example:
        saywho entities list --type PERSON --limit 20
    """
    with _store(db) as store:
        rows = [e.to_dict() for e in store.entities(type=type_, limit=limit or None)]

    def table(rows: list[dict[str, Any]]) -> None:
        from rich.table import Table

        t = Table()
        for col in ("id", "name", "type", "mentions", "quotes", "articles"):
            t.add_column(
                col, justify="right" if col in ("mentions", "quotes", "articles") else "left"
            )
        for r in rows:
            t.add_row(
                r["id"],
                r["name"],
                r["type"],
                str(r["mentions"]),
                str(r["quotes"]),
                str(r["articles"]),
            )
        _console().print(t)

    for r in rows:
        r.pop("spellings", None)
    _emit(rows, fmt, table)
    if not rows and fmt == "table":
        click.echo("no entities stored yet; run 'saywho ingest PATH' first", err=True)


@entities_cli.command("show")
@opts.db_option
@click.argument("name")
@click.option("--quotes", "n_quotes", default=10, show_default=True, type=click.IntRange(min=0),
              help="Show the N latest quotes of the entity.")  # fmt: skip
@click.option("--mentions", "n_mentions", default=0, show_default=True, type=click.IntRange(min=0),
              help="Show the N latest mentions, with the text around them.")  # fmt: skip
@opts.format_option("table", "json")
def show_cli(db: str, name: str, n_quotes: int, n_mentions: int, fmt: str) -> None:
    """One entity, found by id or by any name or spelling: its spellings, counts,
    knowledge-file aliases and offices, and its latest quotes.

    \b
    Example:
        saywho entities show Zelenskiy --quotes 5 --mentions 5
    """
    from ..knowledge import load_knowledge

    with _store(db) as store:
        row = store.entity(name)
        quotes = list(store.quotes(speaker=row.id, limit=None))
        mentions = store.mentions(row.id, limit=n_mentions) if n_mentions else []
    known = load_knowledge().entity(row.id)
    data = row.to_dict()
    data["aliases"] = list(known.aliases) if known else []
    data["offices"] = (
        [
            {
                "office": o.name,
                "start": t.start.isoformat(),
                "end": t.end.isoformat() if t.end else None,
            }
            for o, t in load_knowledge().offices_held(row.id)
        ]
        if known
        else []
    )
    latest = [q for q in quotes if q.speaker_entity == row.id][-n_quotes:] if n_quotes else []
    data["latest_quotes"] = [q.to_dict() for q in reversed(latest)]
    data["latest_mentions"] = mentions
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    console = _console()
    console.print(f"[bold]{row.name}[/bold]  {row.id}  {row.type}  ({row.origin})")
    console.print(f"{row.mentions} mentions in {row.articles} articles, {row.quotes} quotes")
    if row.spellings:
        console.print("spellings: " + ", ".join(f"{s} ({n})" for s, n in row.spellings))
    if data["aliases"]:
        console.print("also known as: " + ", ".join(data["aliases"]))
    for o in data["offices"]:
        console.print(f"office: {o['office']} {o['start']} … {o['end'] or 'now'}")
    for q in data["latest_quotes"]:
        console.print(
            f"{q['date'] or '?'} {q['outlet'] or ''}: {' '.join(q['content'].split())[:140]}"
        )
    for m in mentions:
        around = " ".join(str(m["context"]).split())
        console.print(
            f"{m['date'] or '?'} {m['outlet'] or ''} [{m['how']}] …{around}…", markup=False
        )


@entities_cli.command("merge")
@opts.db_option
@click.argument("source")
@click.argument("target")
def merge_cli(db: str, source: str, target: str) -> None:
    """Make SOURCE part of TARGET: its mentions and quotes move to TARGET.

    \b
    Example:
        saywho entities merge "auto:person/dmitri-ivanenko" "Dmytro Ivanenko"
    """
    with _store(db) as store:
        a, b = store.merge_entities(source, target)
    click.echo(f"merged {a} into {b}", err=True)


@entities_cli.command("split")
@opts.db_option
@click.argument("entity")
@click.argument("spelling")
@click.option("--name", help="Name of the new entity (default: SPELLING).")
def split_cli(db: str, entity: str, spelling: str, name: str | None) -> None:
    """Take what is linked to ENTITY and written SPELLING out into a new entity
    (a namesake folded in by mistake).

    \b
    Example:
        saywho entities split "Donald Trump" "Trump Jr." --name "Donald Trump Jr."
    """
    with _store(db) as store:
        new_id = store.split_entity(entity, spelling, name=name)
    click.echo(f"{spelling!r} split from {entity} as {new_id}", err=True)


@entities_cli.command("alias")
@opts.db_option
@click.argument("entity")
@click.argument("spelling")
def alias_cli(db: str, entity: str, spelling: str) -> None:
    """Whatever is written SPELLING means ENTITY, in every article.

    \b
    Example:
        saywho entities alias "Volodymyr Zelenskyy" "Selenskyj"
    """
    with _store(db) as store:
        eid = store.alias_entity(entity, spelling)
    click.echo(f"{spelling!r} now names {eid}", err=True)


@click.group("outlets")
def outlets_cli() -> None:
    """Outlets in the database.

    \b
    Example:
        saywho outlets spelling Kyiv
    """


@outlets_cli.command("spelling")
@opts.db_option
@click.argument("names", nargs=-1)
@opts.format_option("table", "jsonl", "csv")
def spelling_cli(db: str, names: tuple[str, ...], fmt: str) -> None:
    """Which outlets write which spelling of a name (Kiev or Kyiv, Zelensky or
    Zelenskyy). With no NAMES, every entity written more than one way.

    \b
    Example:
        saywho outlets spelling Kyiv Zelensky
    """
    with _store(db) as store:
        rows = store.spellings(names, min_spellings=1 if names else 2)

    def table(rows: list[dict[str, Any]]) -> None:
        from rich.table import Table

        t = Table()
        for col in ("entity", "spelling", "outlet", "count"):
            t.add_column(col, justify="right" if col == "count" else "left")
        last = None
        for r in rows:
            t.add_row(
                r["name"] if r["entity"] != last else "",
                r["spelling"],
                r["outlet"] or "(none)",
                str(r["count"]),
            )
            last = r["entity"]
        _console().print(t)

    _emit(rows, fmt, table)
    if not rows and fmt == "table":
        click.echo("no entity is written more than one way in this database", err=True)
