"""``saywho eval``: measure the pipeline against gold annotations."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

import click

from ..errors import SaywhoError
from ..eval import (
    GoldDoc,
    check_floors,
    evaluate,
    gold_name,
    jsonl_gold_name,
    load_floors,
    read_gold,
    read_jsonl_gold,
)
from ..model import Quote
from . import _options as opts
from ._report import Reporter

__all__ = ["eval_cli"]


@click.group("eval")
def eval_cli() -> None:
    """Measure saywho's accuracy against gold annotations.

    \b
    Example:
        saywho eval quotes --gold ../shared/data/quotes/polnear/dev
        saywho eval quotes --gold samples/gold.jsonl
    """


def _is_jsonl(gold: Path) -> bool:
    return gold.suffix.lower() == ".jsonl"


def _gold_name(gold: Path) -> str:
    return jsonl_gold_name(gold) if _is_jsonl(gold) else gold_name(gold)


def _read_gold(gold: Path) -> Iterator[GoldDoc]:
    """The gold documents of a PolNeAR-style folder or a JSONL gold file."""
    if gold.is_dir():
        return read_gold(gold)
    if _is_jsonl(gold):
        return read_jsonl_gold(gold)
    raise click.ClickException(
        f"{gold} is neither a PolNeAR-style gold folder nor a .jsonl gold file; "
        "pass a folder with text/ and attributions/, or a file like samples/gold.jsonl"
    )


def _check_floors_file(floors: Path, name: str) -> None:
    """Fail before the (slow) evaluation when the floors file cannot be used."""
    try:
        known = load_floors(floors)
    except SaywhoError as exc:
        raise opts.fail(exc) from exc
    if name not in known:
        raise click.ClickException(
            f"{floors} has no floors for {name!r} (it has: {', '.join(sorted(known)) or 'none'}); "
            "pass --dataset NAME to pick one, or add an entry for it"
        )


@eval_cli.command("quotes")
@click.option(
    "--gold",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="PolNeAR-style gold folder (text/*.txt and attributions/*.ann), "
    "or a JSONL gold file like samples/gold.jsonl.",
)
@click.option(
    "--limit", metavar="N", type=click.IntRange(min=0), help="Evaluate only the first N documents."
)
@opts.model_options
@opts.min_confidence_option
@opts.format_option("table", "json")
@click.option(
    "--floors",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON file of minimum figures; exit 1 when any is not reached.",
)
@click.option(
    "--dataset",
    metavar="NAME",
    help="Name of the gold set, for the report and the floors "
    "[default: from the path, e.g. polnear-dev or samples-gold].",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress display.")
def eval_quotes_cli(
    gold: Path,
    limit: int | None,
    model: str,
    quote_model: Path | None,
    min_confidence: float,
    fmt: str,
    floors: Path | None,
    dataset: str | None,
    quiet: bool,
) -> None:
    """Score quote extraction on a gold folder or JSONL gold file: precision, recall
    and F1 of the quote content (overlapping and exact), cue and speaker accuracy, and
    speaker name accuracy where the gold gives canonical names (JSONL gold).

    The report goes to stdout. With --floors, each figure below its floor is
    printed on stderr and the exit code is 1.

    \b
    Example:
        saywho eval quotes --gold ../shared/data/quotes/polnear/dev --floors tests/eval_floors.json
        saywho eval quotes --gold samples/gold.jsonl --format json
    """
    name = dataset or _gold_name(gold)
    if floors is not None:
        _check_floors_file(floors, name)
    reporter = Reporter(progress=not quiet)
    try:
        docs = _read_gold(gold)  # checks a folder's layout, or reads a JSONL file, at once
    except SaywhoError as exc:
        raise opts.fail(exc) from exc
    if limit is not None:
        docs = islice(docs, limit)
    pipeline = opts.load_pipeline(model, quote_model, min_confidence=min_confidence)
    try:
        with reporter.progress("evaluating", "{task.completed} documents") as progress:
            task = progress.add_task("eval", total=None)
            parsed = pipeline.nlp.pipe(((d.text, d) for d in docs), as_tuples=True, batch_size=32)

            def pairs() -> Iterator[tuple[GoldDoc, list[Quote]]]:
                for doc, gold_doc in parsed:
                    yield gold_doc, pipeline.quotes(doc, gold_doc.text, gold_doc.date)
                    progress.advance(task)

            report = evaluate(pairs(), name=name)
        reporter.done()
        failed = check_floors(report, floors, dataset=name) if floors is not None else []
    except SaywhoError as exc:
        raise opts.fail(exc) from exc
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.format())
    if floors is not None:
        opts.echo_floors(failed, name)


@eval_cli.command("speakers")
@click.option(
    "--gold",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Speaker gold: JSONL of source spans and the entity each names "
    "(eval/gold/polnear-dev-speakers.jsonl).",
)
@click.option(
    "--texts",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the articles' <doc>.txt files (PolNeAR's dev/text).",
)
@opts.model_options
@opts.format_option("table", "json")
@click.option("--floor", type=click.FloatRange(0, 1), help="Exit 1 below this accuracy.")
@click.option("--errors", is_flag=True, help="List every miss (table format).")
def speakers_cli(
    gold: Path,
    texts: Path,
    model: str,
    quote_model: Path | None,
    fmt: str,
    floor: float | None,
    errors: bool,
) -> None:
    """Canonical speaker accuracy: each gold source span, resolved as the pipeline
    resolves quote speakers, must link to the person or organisation the article
    names (the knowledge files' entity, or the same full name).

    \b
    Example:
        saywho eval speakers --gold eval/gold/polnear-dev-speakers.jsonl \\
            --texts ../shared/data/quotes/polnear/dev/text
    """
    from ..eval.speakers import evaluate_speakers

    pipeline = opts.load_pipeline(model, quote_model)
    try:
        report = evaluate_speakers(pipeline, gold, texts)
    except SaywhoError as exc:
        raise opts.fail(exc) from exc
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.format())
        for e in report.errors if errors else ():
            click.echo(f"  {e['doc']} {e['source']}: gold {e['gold']!r}, got {e['predicted']!r}")
    if floor is not None and report.accuracy() < floor:
        click.echo(f"floor failed: accuracy {report.accuracy():.4f} < {floor}", err=True)
        raise click.exceptions.Exit(1)


@eval_cli.command("entities")
@click.option(
    "--cases",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Case file [default: tests/knowledge/cases.yaml].",
)
@opts.format_option("table", "json")
def entities_eval_cli(cases: Path | None, fmt: str) -> None:
    """Score entity linking on the knowledge test set: roles by date, spelling
    variants that must merge, look-alikes that must not; merge precision is
    given for the knowledge files' matcher and for the pipeline's linker.

    \b
    Example:
        saywho eval entities --format json
    """
    from ..eval.entity_links import score_links
    from ..eval.knowledge_cases import score_cases

    try:
        kb_score = score_cases(cases)
        links = score_links(cases)
    except (SaywhoError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    if fmt == "json":
        click.echo(json.dumps({"knowledge": kb_score, "pipeline": links}, indent=2))
        return
    c = kb_score["counts"]
    click.echo(
        f"cases: {c['roles']} roles, {c['names']} same-entity pairs, {c['distinct']} look-alikes"
    )
    click.echo(f"role-by-date accuracy      {kb_score['role_accuracy']:.4f}")
    click.echo(
        f"knowledge matcher merges   precision {kb_score['merge_precision']:.4f}  "
        f"recall {kb_score['merge_recall']:.4f}"
    )
    click.echo(
        f"pipeline linker merges     precision {links['merge_precision']:.4f}  "
        f"recall {links['merge_recall']:.4f}  ({links['wrong_merges']} wrong of {links['merges']})"
    )
