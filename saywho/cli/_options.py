"""Shared pieces of the command line: option decorators, and loaders that turn saywho's
errors into ``click.ClickException`` messages that name the next step."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..embed import ENCODERS
from ..errors import SaywhoError
from ..ingest import FORMATS, ReadOptions, skipped_files
from ..pipeline.pipeline import DEFAULT_MODEL  # cheap: spaCy is imported on first load

if TYPE_CHECKING:
    from ..pipeline.pipeline import Pipeline
    from ..store import Store

__all__ = [
    "DEFAULT_DB",
    "DEFAULT_MODEL",
    "DateParam",
    "db_option",
    "echo_floors",
    "fail",
    "format_option",
    "load_pipeline",
    "model_options",
    "open_db",
    "read_options",
    "reader_options",
    "rhetoric_config",
    "rhetoric_options",
]

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = "saywho.db"

_READER_FIELDS = ("text", "title", "date", "outlet", "url", "author")


def fail(exc: SaywhoError) -> click.ClickException:
    """A ClickException carrying a saywho error's message (which names the next step)."""
    return click.ClickException(str(exc))


# -- option decorators ------------------------------------------------------------------


def _stack(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    def apply(f: F) -> F:
        for decorator in reversed(decorators):
            f = decorator(f)
        return f

    return apply


def db_option(f: F) -> F:
    """``--db PATH``: the saywho database file."""
    return click.option(
        "--db",
        "db",
        default=DEFAULT_DB,
        show_default=True,
        envvar="SAYWHO_DB",
        show_envvar=True,
        type=click.Path(dir_okay=False),
        help="The saywho database (an SQLite file).",
    )(f)


def reader_options(f: F) -> F:
    """How input files are read: field names for JSONL/CSV, and the outlet."""
    options = [
        click.option(
            f"--{name}-field",
            f"{name}_field",
            default=name,
            show_default=True,
            metavar="F",
            help=f"JSONL key / CSV column holding the {name}.",
        )
        for name in _READER_FIELDS
    ]
    options += [
        click.option("--outlet", metavar="NAME", help="Set this outlet on every article read."),
        click.option(
            "--outlet-from-parent",
            is_flag=True,
            help="For text files: the outlet is the name of the file's folder.",
        ),
    ]
    return _stack(*options)(f)


def note_skipped(paths: tuple[str, ...]) -> None:
    """Tell on stderr which files inside the folders given were skipped as of no known
    format, with the next step (a silent "0 articles" leaves the user guessing)."""
    skipped = list(skipped_files(paths))
    if not skipped:
        return
    n = len(skipped)
    known = ", ".join(FORMATS)
    click.echo(
        f"note: skipped {n} file{'s' if n != 1 else ''} of no known format in the folders "
        f"given (e.g. {skipped[0]}); saywho reads {known}, each also .gz (a file named "
        "explicitly is read as plain text)",
        err=True,
    )


def read_options(kwargs: dict[str, Any]) -> ReadOptions:
    """Pop the :func:`reader_options` values out of a command's ``kwargs``."""
    fields = {f"{name}_field": kwargs.pop(f"{name}_field") for name in _READER_FIELDS}
    return ReadOptions(
        **fields, outlet=kwargs.pop("outlet"), outlet_from_parent=kwargs.pop("outlet_from_parent")
    )


def model_options(f: F) -> F:
    """``--model NAME`` (the spaCy pipeline) and ``--quote-model PATH`` (the CRF tagger)."""
    return _stack(
        click.option(
            "--model",
            default=DEFAULT_MODEL,
            show_default=True,
            metavar="NAME",
            help="Installed spaCy pipeline to parse with.",
        ),
        click.option(
            "--quote-model",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="Quote tagger (.crfsuite) to use instead of the shipped one.",
        ),
    )(f)


def min_confidence_option(f: F) -> F:
    """``--min-confidence X``: quotes the tagger is less sure of are not reported."""
    return click.option(
        "--min-confidence",
        type=click.FloatRange(0.0, 1.0),
        default=0.4,
        show_default=True,
        metavar="X",
        help="Drop quotes whose confidence is below X (0 keeps every quote the tagger finds; "
        "another value than the default is part of the pipeline version, so a store never "
        "mixes thresholds).",
    )(f)


def workers_option(f: F) -> F:
    return click.option(
        "--workers",
        default=1,
        metavar="N",
        show_default=True,
        type=click.IntRange(min=1),
        help="Worker processes for analysis (forked with the loaded model where the OS allows).",
    )(f)


def batch_size_option(f: F) -> F:
    return click.option(
        "--batch-size",
        default=32,
        metavar="N",
        show_default=True,
        type=click.IntRange(min=1),
        help="Articles per parsing batch (and per database transaction).",
    )(f)


def rhetoric_options(default: bool) -> Callable[[F], F]:
    """``--rhetoric/--no-rhetoric``, ``--rhetoric-only LIST`` and ``--rhetoric-encoder``."""
    return _stack(
        click.option(
            "--rhetoric/--no-rhetoric",
            default=default,
            show_default=True,
            help="Add the claims, narratives, threats and techniques layers "
            "(about 15% more analysis time; see docs/benchmarks.md).",
        ),
        click.option(
            "--rhetoric-only",
            metavar="LIST",
            help="Only these rhetoric layers, comma-separated (claims,narratives,threats,"
            "techniques); implies --rhetoric.",
        ),
        click.option(
            "--rhetoric-encoder",
            type=click.Choice(ENCODERS),
            default="static",
            show_default=True,
            help="Sentence vectors of the rhetoric models: the static MiniLM table, or the "
            "MiniLM transformer (more accurate techniques and claims, about 4x the analysis "
            "time; see docs/accuracy.md).",
        ),
    )


def rhetoric_config(rhetoric: bool, only: str | None, encoder: str = "static") -> Any:
    """The ``rhetoric=`` argument of the pipeline for the rhetoric options."""
    if not rhetoric and not only:
        return False
    from ..pipeline.rhetoric import COMPONENTS, RhetoricConfig

    names = [n.strip() for n in only.split(",") if n.strip()] if only else list(COMPONENTS)
    try:
        return RhetoricConfig.only(names, encoder=encoder)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--rhetoric-only'") from exc


def format_option(*choices: str, default: str | None = None) -> Callable[[F], F]:
    """``--format`` limited to ``choices`` (the first is the default)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default or choices[0],
        show_default=True,
        help="Output format.",
    )


class DateParam(click.ParamType):
    """An ISO date ``YYYY-MM-DD``; the error names the option and the expected form."""

    name = "date"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "YYYY-MM-DD"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> _dt.date:
        if isinstance(value, _dt.date):
            return value
        try:
            return _dt.date.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(f"{value!r} is not a date; expected YYYY-MM-DD, e.g. 2024-03-01", param, ctx)


# -- loading ------------------------------------------------------------------------------

_pipelines: dict[tuple[str, str | None, Any, float | None], Pipeline] = {}


def echo_floors(failed: list[str], name: str) -> None:
    """Report a floor check on stderr: each failure (then exit 1), or that all were met."""
    for message in failed:
        click.echo(f"floor failed: {message}", err=True)
    if failed:
        raise click.exceptions.Exit(1)
    click.echo(f"all floors for {name} met", err=True)


def load_pipeline(
    model: str,
    quote_model: Path | None = None,
    rhetoric: Any = False,
    min_confidence: float | None = None,
) -> Pipeline:
    """Load (once per process) the analysis pipeline; ModelError -> ClickException.

    ``rhetoric``: False, True or a :class:`~saywho.pipeline.rhetoric.RhetoricConfig`;
    ``min_confidence``: None for the pipeline's default."""
    from ..pipeline.pipeline import MIN_CONFIDENCE, Pipeline

    if min_confidence == MIN_CONFIDENCE:
        min_confidence = None
    key = (model, str(quote_model) if quote_model else None, rhetoric, min_confidence)
    if key not in _pipelines:
        threshold = MIN_CONFIDENCE if min_confidence is None else min_confidence
        try:
            _pipelines[key] = Pipeline(
                model=model, quote_model=quote_model, rhetoric=rhetoric, min_confidence=threshold
            )
        except SaywhoError as exc:
            raise fail(exc) from exc
    return _pipelines[key]


def open_db(path: str, *, must_exist: bool = True) -> Store:
    """Open the store; with ``must_exist``, a missing file is an error with a next step."""
    from ..store import open_store

    if must_exist and path != ":memory:" and not Path(path).exists():
        raise click.ClickException(
            f"no database at {path}; run 'saywho ingest PATH' first or pass --db"
        )
    try:
        return open_store(path)
    except SaywhoError as exc:
        raise fail(exc) from exc
