"""``saywho ingest``: read articles, analyse the ones not stored yet, store them."""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

import click

from ..errors import SaywhoError
from ..ingest import read
from ..model import Analysis, Article
from . import _options as opts
from ._report import Reporter

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from ..store import Store

__all__ = ["ingest_cli"]


@dataclass
class _Tally:
    """What an ingest run has done so far (committed counts only)."""

    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    store_failed: int = 0
    quotes: int = 0

    @property
    def committed(self) -> int:
        return self.added + self.updated


class _Run:
    """One ingest run: filters the input stream, feeds the pipeline, stores batches."""

    def __init__(self, store: Store, version: str, reporter: Reporter) -> None:
        self.store = store
        self.version = version
        self.reporter = reporter
        self.tally = _Tally()
        self.seen: set[str] = set()
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def track(self, progress: Progress) -> None:
        self._progress = progress
        self._task = progress.add_task("ingest", read=0, stored=0, quotes=0)

    def _update(self) -> None:
        if self._progress is not None and self._task is not None:
            t = self.tally
            self._progress.update(self._task, read=t.read, stored=t.committed, quotes=t.quotes)

    def todo(self, articles: Iterable[Article]) -> Iterator[Article]:
        """The articles that need analysing: not stored with this pipeline version, and
        not already queued in this run (the same text read twice)."""
        for article in articles:
            self.tally.read += 1
            self._update()
            aid = article.id
            if aid in self.seen or self.store.has(aid) == self.version:
                self.tally.unchanged += 1
                continue
            self.seen.add(aid)
            yield article

    def stale(self, reader: Store) -> Iterator[Article]:
        """Stored articles analysed by another pipeline version (read through a second
        connection, whose snapshot does not move while this run rewrites them)."""
        for article in reader.stale(self.version):
            if article.id not in self.seen:
                self.seen.add(article.id)
                yield article

    def store_all(self, analyses: Iterable[Analysis], batch_size: int) -> None:
        """Store in batches of ``batch_size``, one transaction each."""
        stream = iter(analyses)
        t = self.tally
        while batch := list(islice(stream, batch_size)):
            result = self.store.add(batch, batch_size=len(batch))
            t.added += result.added
            t.updated += result.updated
            t.unchanged += result.unchanged
            t.store_failed += result.failed
            for article_id, message in result.failures:
                self.reporter.error(f"article {article_id} not stored: {message}")
            failed = {article_id for article_id, _ in result.failures}
            t.quotes += sum(len(a.quotes) for a in batch if a.id not in failed)
            self._update()


def _summary(tally: _Tally, reporter: Reporter) -> str:
    t = tally
    line = (
        f"ingested {t.committed} article{'s' if t.committed != 1 else ''} "
        f"({t.added} new, {t.updated} updated, {t.unchanged} unchanged), "
        f"{t.quotes} quote{'s' if t.quotes != 1 else ''}"
    )
    failed = reporter.failure_summary()
    if failed:
        line += f"; {failed}"
    if t.store_failed:
        line += f"; {t.store_failed} article{'s' if t.store_failed != 1 else ''} not stored"
    return line


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@opts.db_option
@opts.model_options
@opts.min_confidence_option
@opts.rhetoric_options(default=False)
@opts.workers_option
@opts.batch_size_option
@opts.reader_options
@click.option(
    "--reanalyze",
    is_flag=True,
    help="Also re-analyse stored articles analysed by another pipeline version.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress display and no summary.")
def ingest_cli(
    paths: tuple[str, ...],
    db: str,
    model: str,
    quote_model: Any,
    min_confidence: float,
    rhetoric: bool,
    rhetoric_only: str | None,
    rhetoric_encoder: str,
    workers: int,
    batch_size: int,
    reanalyze: bool,
    quiet: bool,
    **reader: Any,
) -> None:
    """Analyse articles and store their quotes in the database.

    PATHS are files or folders (walked recursively): .txt articles (optional
    first line ' date YYYY-MM-DD Title'), .jsonl and .csv/.tsv (one article per
    line/row), each optionally .gz. Articles already stored by this pipeline
    version are skipped without re-analysis, so re-running is cheap. Each
    unreadable input is reported as 'error: ...' on stderr and the rest is still
    ingested; the exit code is then 1. Ctrl-C keeps every batch committed so far.
    --rhetoric also stores the claims, narratives, threats and techniques layers
    (for 'saywho techniques|claims|threats'); about 15% more analysis time.

    \b
    Example:
        saywho ingest articles/ --db news.db --outlet-from-parent
    """
    options = opts.read_options(reader)
    reporter = Reporter(progress=not quiet)
    with ExitStack() as stack:
        store = stack.enter_context(opts.open_db(db, must_exist=False))
        pipeline = opts.load_pipeline(
            model,
            quote_model,
            opts.rhetoric_config(rhetoric, rhetoric_only, rhetoric_encoder),
            min_confidence,
        )
        run = _Run(store, pipeline.version, reporter)
        todo: Iterator[Article] = run.todo(reporter.articles(read(paths, options)))
        if reanalyze and db != ":memory:":
            reader_store = stack.enter_context(opts.open_db(db))
            chained = _chain(todo, lambda: run.stale(reader_store))
            stack.callback(chained.close)  # its cursor goes before the reader store does
            todo = chained
        progress = stack.enter_context(
            reporter.progress(
                "ingesting",
                "{task.fields[read]} read · "
                "{task.fields[stored]} stored · {task.fields[quotes]} quotes",
            )
        )
        run.track(progress)
        try:
            analyses = pipeline.pipe(todo, batch_size=batch_size, n_process=workers)
            run.store_all(analyses, batch_size)
        except KeyboardInterrupt:
            progress.stop()
            reporter.done()
            n = run.tally.committed
            click.echo(f"\ninterrupted; {n} article{'s' if n != 1 else ''} committed", err=True)
            raise click.exceptions.Exit(130) from None
        except SaywhoError as exc:
            raise opts.fail(exc) from exc
        finally:
            reporter.done()
    if not quiet:
        opts.note_skipped(paths)
        click.echo(_summary(run.tally, reporter), err=True)
    if reporter.errors or run.tally.store_failed:
        raise click.exceptions.Exit(1)


def _chain(
    first: Iterator[Article], then: Callable[[], Iterator[Article]]
) -> Generator[Article, None, None]:
    """``first``, then the iterator ``then()`` makes, created only once ``first`` is done."""
    yield from first
    yield from then()
