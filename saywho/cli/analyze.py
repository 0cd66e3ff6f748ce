"""``saywho analyze``: analyse articles and print their JSON form, without a database."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from ..errors import SaywhoError
from ..ingest import read
from ..model import Analysis
from . import _options as opts
from ._report import Reporter, stdout_pipe

__all__ = ["analyze_cli"]


@click.command("analyze")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@opts.format_option("jsonl", "json")
@opts.model_options
@opts.min_confidence_option
@opts.rhetoric_options(default=True)
@opts.workers_option
@opts.batch_size_option
@opts.reader_options
def analyze_cli(
    paths: tuple[str, ...],
    fmt: str,
    model: str,
    quote_model: Path | None,
    min_confidence: float,
    rhetoric: bool,
    rhetoric_only: str | None,
    rhetoric_encoder: str,
    workers: int,
    batch_size: int,
    **reader: Any,
) -> None:
    """Print each article's analysis as JSON on stdout (nothing is stored).

    One object per article, in input order: the article (id, title, date,
    outlet, source, text) and its quotes (content, cue and speaker spans as
    character offsets into text, kind, confidence). --format jsonl writes one
    object per line, --format json one array. With the rhetoric layers (the
    default; --no-rhetoric or --rhetoric-only claims,threats to choose), each
    object also has claims, narratives, threats and techniques. Unreadable inputs are reported on
    stderr and make the exit code 1; the others are still printed.

    \b
    Example:
        saywho analyze article.txt news.jsonl | jq '.quotes[].speaker.name'
    """
    options = opts.read_options(reader)
    reporter = Reporter(progress=False)
    pipeline = opts.load_pipeline(
        model,
        quote_model,
        opts.rhetoric_config(rhetoric, rhetoric_only, rhetoric_encoder),
        min_confidence,
    )
    with stdout_pipe():
        n = _write(
            pipeline.pipe(
                reporter.articles(read(paths, options)), batch_size=batch_size, n_process=workers
            ),
            array=fmt == "json",
        )
    opts.note_skipped(paths)
    if reporter.errors:
        click.echo(
            f"analysed {n} article{'s' if n != 1 else ''}; {reporter.failure_summary()}", err=True
        )
        raise click.exceptions.Exit(1)


def _write(analyses: Iterable[Analysis], *, array: bool) -> int:
    """Write each analysis as JSON to stdout as it comes; a JSON array stays valid even
    when an error stops the stream."""
    out = sys.stdout
    n = 0
    if array:
        out.write("[")
    try:
        for analysis in analyses:
            text = json.dumps(analysis.to_dict(), ensure_ascii=False)
            out.write((("\n" if n == 0 else ",\n") + text) if array else text + "\n")
            n += 1
    except SaywhoError as exc:
        raise opts.fail(exc) from exc
    finally:
        if array:
            out.write("\n]\n" if n else "]\n")
        out.flush()
    return n
