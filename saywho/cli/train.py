"""``saywho train``: reproduce the shipped models from gold data."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import SaywhoError
from . import _options as opts

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["train_cli"]


@click.group("train")
def train_cli() -> None:
    """Train saywho's models from gold annotations.

    \b
    Example:
        saywho train quotes --gold ../shared/data/quotes/polnear/train --out quotes.crfsuite
    """


@train_cli.command("quotes")
@click.option(
    "--gold",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="PolNeAR-style gold folder (text/*.txt and attributions/*.ann).",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the trained tagger (.crfsuite).",
)
@click.option(
    "--model",
    default=opts.DEFAULT_MODEL,
    show_default=True,
    metavar="NAME",
    help="Installed spaCy pipeline to parse with (use the one you analyse with).",
)
@click.option(
    "--limit",
    metavar="N",
    type=click.IntRange(min=1),
    help="Train on the first N documents only (a quick try).",
)
def train_quotes_cli(gold: Path, out: Path, model: str, limit: int | None) -> None:
    """Train the quote tagger (a CRF) on a gold folder and write it to --out.

    Parsing uses --model; give the result to other commands with --quote-model.
    The shipped saywho/data/quotes.crfsuite is PolNeAR train with the defaults.

    \b
    Example:
        saywho train quotes --gold ../shared/data/quotes/polnear/train --out quotes.crfsuite
    """
    from ..eval import read_gold
    from ..train.quotes import train_quotes

    if not out.parent.is_dir():
        raise click.BadParameter(
            f"the folder {out.parent} does not exist; create it first", param_hint="'--out'"
        )
    try:
        if next(read_gold(gold), None) is None:
            raise click.ClickException(
                f"no annotated documents in {gold} (attributions/*.ann with their "
                "text/*.txt); check the --gold folder"
            )
    except SaywhoError as exc:
        raise opts.fail(exc) from exc
    nlp = _load_spacy(model)
    click.echo("training; on all of PolNeAR train this takes several minutes", err=True)
    try:
        n = train_quotes(gold, out, nlp=nlp, limit=limit)
    except SaywhoError as exc:
        raise opts.fail(exc) from exc
    except ValueError as exc:  # e.g. pycrfsuite with nothing to train on
        raise click.ClickException(
            f"training failed: {exc}; check that {gold} holds annotated documents"
        ) from exc
    click.echo(f"trained on {n} sequences; wrote {out}")


def _load_spacy(model: str) -> Language:
    from ..pipeline.pipeline import _load_spacy as load

    try:
        return load(model)
    except SaywhoError as exc:
        raise opts.fail(exc) from exc
