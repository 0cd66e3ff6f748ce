"""``saywho quotes`` and ``saywho stats``: read what ``saywho ingest`` stored."""

from __future__ import annotations

import csv
import dataclasses
import datetime as _dt
import json
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

import click

from ..errors import SaywhoError
from ..model import QUOTE_KINDS
from ..store import QuoteRow, StoreStats
from . import _options as opts
from ._report import stdout_pipe

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["quotes_cli", "stats_cli"]

QUOTE_WIDTH = 120


def _truncate(text: str, width: int = QUOTE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _console() -> Console:
    from rich.console import Console

    # Piped output has no terminal width; use a readable one rather than rich's 80.
    width = None if sys.stdout.isatty() else 160
    return Console(file=sys.stdout, width=width)


def _print_table(rows: Iterable[QuoteRow]) -> int:
    from rich.table import Table

    table = Table(show_lines=False)
    for name, style, width in (
        ("date", None, 10),
        ("outlet", None, 16),
        ("speaker", "bold", 22),
        ("kind", None, 8),
        ("quote", None, None),
        ("cue", "italic", 14),
    ):
        if width is None:
            table.add_column(name, style=style, overflow="fold", ratio=1)
        else:
            table.add_column(name, style=style, overflow="ellipsis", no_wrap=True, max_width=width)
    n = 0
    for row in rows:
        table.add_row(
            row.date or "",
            row.outlet or "",
            row.speaker or row.speaker_mention or "",
            row.kind,
            _truncate(row.content),
            row.cue or "",
        )
        n += 1
    if n:
        _console().print(table)
    return n


def _write_jsonl(rows: Iterable[QuoteRow]) -> int:
    out = sys.stdout
    n = 0
    for row in rows:
        out.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
        n += 1
    return n


def _write_csv(rows: Iterable[QuoteRow]) -> int:
    names = [f.name for f in dataclasses.fields(QuoteRow)]
    writer = csv.DictWriter(sys.stdout, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(row.to_dict())
        n += 1
    return n


@click.command("quotes")
@opts.db_option
@click.option(
    "--speaker",
    metavar="NAME",
    help="The speaker is entity NAME (id or any spelling), or their name contains NAME.",
)
@click.option(
    "--about", metavar="NAME", help="The quote mentions entity NAME (id or any spelling)."
)
@click.option(
    "--text", metavar="WORDS", help='Quote contains all WORDS (word* = prefix, "a b" = phrase).'
)
@click.option("--since", type=opts.DateParam(), help="Articles dated on or after this day.")
@click.option("--until", type=opts.DateParam(), help="Articles dated on or before this day.")
@click.option("--outlet", metavar="X", help="Articles of outlet X (exact, any case).")
@click.option("--kind", type=click.Choice(QUOTE_KINDS), help="Only quotes of this kind.")
@click.option(
    "--limit",
    metavar="N",
    default=50,
    show_default=True,
    type=click.IntRange(min=0),
    help="At most N quotes (0: no limit).",
)
@opts.format_option("table", "jsonl", "csv")
def quotes_cli(
    db: str,
    speaker: str | None,
    about: str | None,
    text: str | None,
    since: _dt.date | None,
    until: _dt.date | None,
    outlet: str | None,
    kind: str | None,
    limit: int,
    fmt: str,
) -> None:
    """Search the stored quotes, ordered by article date.

    Every filter given must match. The table shows each quote's date, outlet,
    speaker, kind, text (shortened) and cue; jsonl and csv give every field,
    including article_id and the quote's character offsets.

    \b
    Example:
        saywho quotes --speaker zelensky --text "give up" --since 2024-01-01
        saywho quotes --speaker Peskov --about Kiev
    """
    if since and until and since > until:
        raise click.BadParameter(
            f"--since {since} is after --until {until}; swap them", param_hint="'--since'"
        )
    write = {"table": _print_table, "jsonl": _write_jsonl, "csv": _write_csv}[fmt]
    with opts.open_db(db) as store:
        try:
            rows = store.quotes(
                speaker=speaker,
                about=about,
                text=text,
                since=since,
                until=until,
                outlet=outlet,
                kind=kind,
                limit=limit or None,
            )
            with stdout_pipe():
                try:
                    n = write(rows)
                finally:  # close the rows' cursor before the store, however writing ends
                    getattr(rows, "close", lambda: None)()
        except SaywhoError as exc:
            raise opts.fail(exc) from exc
    if n == 0 and fmt == "table":
        click.echo("no quotes match; loosen the filters or check 'saywho stats'", err=True)


def _print_stats(stats: StoreStats, db: str) -> None:
    from rich.table import Table

    console = _console()
    summary = Table(title=f"saywho database {db}", show_header=False, title_justify="left")
    summary.add_column(style="bold")
    summary.add_column(justify="right")
    dates = f"{stats.first_date or '?'} … {stats.last_date or '?'}" if stats.articles else "-"
    for label, value in (
        ("articles", stats.articles),
        ("quotes", stats.quotes),
        ("speakers", stats.speakers),
        ("outlets", stats.outlets),
        ("dates", dates),
    ):
        summary.add_row(label, str(value))
    for kind, count in stats.by_kind.items():
        summary.add_row(f"  {kind} quotes", str(count))
    console.print(summary)
    if stats.top_speakers:
        table = Table(title="top speakers", title_justify="left")
        table.add_column("speaker")
        table.add_column("quotes", justify="right")
        for name, count in stats.top_speakers:
            table.add_row(name, str(count))
        console.print(table)
    if stats.by_outlet:
        table = Table(title="outlets", title_justify="left")
        table.add_column("outlet")
        table.add_column("articles", justify="right")
        table.add_column("quotes", justify="right")
        for outlet, articles, quotes in stats.by_outlet:
            table.add_row(outlet or "(none)", str(articles), str(quotes))
        console.print(table)
    if stats.pipelines:
        table = Table(title="pipelines", title_justify="left")
        table.add_column("pipeline")
        table.add_column("articles", justify="right")
        for name, count in stats.pipelines.items():
            table.add_row(name, str(count))
        console.print(table)


@click.command("stats")
@opts.db_option
@opts.format_option("table", "json")
def stats_cli(db: str, fmt: str) -> None:
    """Summarise the database: articles, quotes, speakers, outlets, dates.

    Also the number of quotes of each kind, the most quoted speakers, the
    articles and quotes per outlet, and the pipeline versions used.

    \b
    Example:
        saywho stats --db news.db --format json
    """
    with opts.open_db(db) as store:
        try:
            stats = store.stats()
        except SaywhoError as exc:
            raise opts.fail(exc) from exc
    if fmt == "json":
        click.echo(json.dumps(stats.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_stats(stats, db)
