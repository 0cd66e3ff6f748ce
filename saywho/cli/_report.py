"""Reporting on stderr (messages, input errors, a live progress display) and stdout
that stops quietly when its reader goes away."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import InputError, SaywhoError
from ..ingest import FORMATS

if TYPE_CHECKING:
    from rich.progress import Progress

__all__ = ["Reporter", "stdout_pipe"]


class Reporter:
    """Messages and an optional live progress display, all on stderr.

    The progress display is shown only when ``progress`` is true and stderr is a
    terminal; messages printed meanwhile appear above it.
    """

    def __init__(self, *, progress: bool = True) -> None:
        self.show_progress = progress and sys.stderr.isatty()
        self._progress: Progress | None = None
        self.errors: list[InputError] = []

    def echo(self, message: str) -> None:
        if self._progress is not None:
            self._progress.console.print(message, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(message, err=True)

    def error(self, exc: SaywhoError | str) -> None:
        self.echo(f"error: {exc}")

    def articles(self, items: Iterable[Any]) -> Iterator[Any]:
        """Pass Articles through; report (and remember) each InputError instead."""
        for item in items:
            if isinstance(item, InputError):
                self.errors.append(item)
                self.error(item)
            else:
                yield item

    def progress(self, description: str, fields: str) -> Progress:
        """A rich Progress for an unknown total: ``fields`` is a format over task fields."""
        from rich.console import Console
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        progress = Progress(
            SpinnerColumn(),
            TextColumn(description),
            TextColumn(fields),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            disable=not self.show_progress,
            transient=False,
        )
        if self.show_progress:
            self._progress = progress
        return progress

    def done(self) -> None:
        self._progress = None

    def failure_summary(self) -> str:
        """``'1 file failed'``, ``'2 records failed'``, ``'1 file and 2 records failed'``.

        A record is a JSONL line or CSV row; any other error loses a whole file.
        """
        records = sum(1 for e in self.errors if _is_record_error(e))
        files = len(self.errors) - records
        parts = []
        if files:
            parts.append(f"{files} file{'s' if files != 1 else ''}")
        if records:
            parts.append(f"{records} record{'s' if records != 1 else ''}")
        return f"{' and '.join(parts)} failed" if parts else ""


def _is_record_error(exc: InputError) -> bool:
    if exc.line is None or exc.path is None:
        return False
    path = Path(exc.path)
    suffix = path.suffix.lower()
    if suffix == ".gz":
        suffix = Path(path.stem).suffix.lower()
    return FORMATS.get(suffix) in ("jsonl", "csv", "tsv")


@contextmanager
def stdout_pipe() -> Iterator[None]:
    """Stop quietly when stdout's reader goes away (``saywho quotes | head``)."""
    try:
        yield
    except BrokenPipeError:
        # Point stdout at devnull so the interpreter's final flush does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):  # stdout is not a real file (e.g. under a test runner)
            pass
        finally:
            os.close(devnull)
        raise click.exceptions.Exit(1) from None
