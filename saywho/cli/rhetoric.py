"""Rhetoric commands: ``saywho train claims|narratives|techniques``, ``saywho eval
claims|narratives|threats|techniques`` and the queries ``saywho techniques|claims|threats``.

The train and eval commands are added to the existing ``train`` and ``eval`` groups by
:func:`saywho.cli.register_commands`.
"""

from __future__ import annotations

import datetime as _dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from ..embed import ENCODERS
from ..errors import SaywhoError
from . import _options as opts
from ._report import stdout_pipe

__all__ = ["EVAL_COMMANDS", "QUERY_COMMANDS", "TRAIN_COMMANDS"]

SHARED = Path("../shared/data/rhetoric")
RSS = Path("../shared/data/corpora/rss-link-db-2023/news_2023-10-16_2023-12-31.jsonl.gz")
CACHE_HELP = "Folder to keep MiniLM vectors of the corpus in, so a rerun does not embed again."


def _dir(name: str) -> Any:
    return click.option(
        "--data",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        default=SHARED / name,
        show_default=True,
        help="The corpus folder.",
    )


def _narrative_sources(f: Any) -> Any:
    """``--diary`` and ``--euvsdisinfo``, the two narrative corpora."""
    f = click.option(
        "--euvsdisinfo",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        default=SHARED / "euvsdisinfo-cknabs",
        show_default=True,
        help="EUvsDisinfo case index folder (posts.csv).",
    )(f)
    return click.option(
        "--diary",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        default=SHARED / "propaganda-diary-narratives",
        show_default=True,
        help="Propaganda Diary folder (cases_en.json).",
    )(f)


_model_file = click.option(
    "--model",
    "model_path",
    type=click.Path(exists=True, dir_okay=False),
    help="Model file [default: the shipped one].",
)


def _cache() -> Any:
    return click.option(
        "--cache", type=click.Path(file_okay=False, path_type=Path), help=CACHE_HELP
    )


def _encoder(help_text: str) -> Any:
    return click.option(
        "--encoder",
        type=click.Choice(ENCODERS),
        default="static",
        show_default=True,
        help=help_text,
    )


ENCODER_TRAIN_HELP = (
    "Sentence vectors: the static MiniLM table (fast; `saywho train encoder`) or the MiniLM "
    "transformer (about 3x the parse time of an article at analysis)."
)
ENCODER_EVAL_HELP = (
    "Which shipped model to score when --model is not given (the one for the static MiniLM "
    "table, or for the MiniLM transformer)."
)


def _dataset(name: str, encoder: str) -> str:
    """The floors key of a figure: models for MiniLM vectors have their own floors."""
    return name if encoder == "static" else f"{name}-{encoder}"


def _out(default: str) -> Any:
    return click.option(
        "--out",
        type=click.Path(dir_okay=False, path_type=Path),
        default=Path("saywho/data") / default,
        show_default=True,
        help="Where to write the model.",
    )


def _floors(report: dict[str, Any], floors: Path | None, name: str) -> None:
    if floors is None:
        return
    from ..eval.floors import check_floors

    try:
        failed = check_floors(report, floors, dataset=name)
    except SaywhoError as exc:
        raise opts.fail(exc) from exc
    opts.echo_floors(failed, name)


def _floors_option() -> Any:
    return click.option(
        "--floors",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="JSON file of minimum figures; exit 1 when any is not reached.",
    )


def _print(report: dict[str, Any], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for key, value in report.items():
        if key != "errors":
            click.echo(f"{key:24} {value}")


# -- train ---------------------------------------------------------------------------


@click.command("claims")
@_dir("clef-checkthat-2024-task1-en")
@_out("claims.npz")
@_cache()
@_encoder(ENCODER_TRAIN_HELP)
def train_claims_cli(data: Path, out: Path, cache: Path | None, encoder: str) -> None:
    """Train the check-worthy claim model on CheckThat! 2024 task 1 English (train; settings,
    calibration and threshold on dev).

    \b
    Example:
        saywho train claims --data ../shared/data/rhetoric/clef-checkthat-2024-task1-en
    """
    from ..train.claims import train_claims

    try:
        info = train_claims(data, out, cache=cache, encoder=encoder)
    except SaywhoError as exc:
        raise opts.fail(exc) from exc
    click.echo(f"wrote {out}: {json.dumps(info)}")


@click.command("narratives")
@_narrative_sources
@_out("narratives.npz")
@_cache()
@_encoder(ENCODER_TRAIN_HELP)
def train_narratives_cli(
    diary: Path, euvsdisinfo: Path, out: Path, cache: Path | None, encoder: str
) -> None:
    """Train the narrative matcher on the train part of the fixed Propaganda Diary and
    EUvsDisinfo splits.

    \b
    Example:
        saywho train narratives --cache /tmp/saywho-vectors
    """
    from ..train.narratives import train_narratives

    try:
        info = train_narratives(diary, euvsdisinfo, out, cache=cache, encoder=encoder)
    except SaywhoError as exc:
        raise opts.fail(exc) from exc
    click.echo(f"wrote {out}: {json.dumps(info)}")


@click.command("techniques")
@_dir("ptc-semeval2020-task11")
@_out("techniques.npz")
@click.option(
    "--spans-out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("saywho/data/techniques-spans.crfsuite"),
    show_default=True,
    help="Where to write the span tagger.",
)
@click.option(
    "--classifier-only",
    is_flag=True,
    help="Train only the classifier; one span tagger serves all encoders.",
)
@click.option(
    "--finetune",
    "finetune_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Instead: fine-tune the two MiniLM networks of --rhetoric-encoder minilm and write "
    "them with their mixing settings into this folder (needs PyTorch and transformers; "
    "about an hour on two cores).",
)
@_cache()
@_encoder(ENCODER_TRAIN_HELP)
def train_techniques_cli(
    data: Path,
    out: Path,
    spans_out: Path,
    classifier_only: bool,
    finetune_dir: Path | None,
    cache: Path | None,
    encoder: str,
) -> None:
    """Train the persuasion technique classifier and span tagger on PTC train.

    \b
    Example:
        saywho train techniques --data ../shared/data/rhetoric/ptc-semeval2020-task11

    \b
    The fine-tuned networks (PyTorch and transformers needed):
        saywho train techniques --finetune saywho/data --cache /tmp/saywho-vectors
    """
    from ..train.techniques import train_nets, train_techniques

    if finetune_dir is not None:
        try:
            info = train_nets(data, finetune_dir, cache=cache)
        except SaywhoError as exc:
            raise opts.fail(exc) from exc
        click.echo(f"wrote the networks into {finetune_dir}: {json.dumps(info)}")
        return
    try:
        crf = None if classifier_only else spans_out
        info = train_techniques(data, out, crf, cache=cache, encoder=encoder)
    except SaywhoError as exc:
        raise opts.fail(exc) from exc
    click.echo(f"wrote {out}" + ("" if crf is None else f" and {crf}") + f": {json.dumps(info)}")


@click.command("encoder")
@click.option(
    "--corpus",
    "corpus",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=[RSS],
    show_default=True,
    help="News text: JSON Lines (.jsonl, .jsonl.gz; fields title, description, text, "
    "body_text) or plain text, one passage per line. Repeat for several files.",
)
@_out("minilm-static.npz")
@click.option(
    "--sentences",
    type=click.IntRange(min=100),
    default=80_000,
    show_default=True,
    help="How many corpus sentences MiniLM is run on (about 10 ms each).",
)
@click.option("--dims", type=click.IntRange(8, 384), default=256, show_default=True)
def train_encoder_cli(corpus: tuple[Path, ...], out: Path, sentences: int, dims: int) -> None:
    """Distil MiniLM into the static token table the rhetoric models use (see
    docs/models/encoder.md). Retrain the claims, narratives and techniques models afterwards:
    their vectors live in the table's space.

    \b
    Example:
        saywho train encoder --corpus news.jsonl.gz --out /tmp/minilm-static.npz
    """
    from ..train.encoder import train_encoder

    try:
        info = train_encoder(list(corpus), out, sentences=sentences, dims=dims)
    except SaywhoError as exc:
        raise opts.fail(exc) from exc
    click.echo(f"wrote {out}: {json.dumps(info)}")


# -- eval ----------------------------------------------------------------------------


@click.command("claims")
@_dir("clef-checkthat-2024-task1-en")
@click.option("--split", default="dev-test", show_default=True, help="Which split to score.")
@_model_file
@_encoder(ENCODER_EVAL_HELP)
@click.option("--threshold", type=click.FloatRange(0, 1), help="Instead of the model's default.")
@_cache()
@opts.format_option("table", "json")
@_floors_option()
def eval_claims_cli(
    data: Path, split: str, model_path: str | None, encoder: str, threshold: float | None,
    cache: Path | None, fmt: str, floors: Path | None,
) -> None:  # fmt: skip
    """Positive-class precision, recall and F1 of check-worthy claims, and calibration error.

    \b
    Example:
        saywho eval claims --data ../shared/data/rhetoric/clef-checkthat-2024-task1-en
    """
    from ..pipeline.claims import ClaimModel
    from ..train.claims import evaluate_claims

    try:
        model = ClaimModel.load(model_path, encoder=encoder)
        report = evaluate_claims(model.model, data, split, threshold=threshold, cache=cache)
    except SaywhoError as exc:
        raise opts.fail(exc) from exc
    _print(report.to_dict(), fmt)
    _floors(report.to_dict(), floors, _dataset(f"checkthat24-{split}", model.model.encoder))


@click.command("narratives")
@_narrative_sources
@_model_file
@_encoder(ENCODER_EVAL_HELP)
@_cache()
@opts.format_option("table", "json")
@_floors_option()
def eval_narratives_cli(
    diary: Path, euvsdisinfo: Path, model_path: str | None, encoder: str, cache: Path | None,
    fmt: str, floors: Path | None,
) -> None:  # fmt: skip
    """Top-1 and top-3 sub-narrative accuracy on the held-out Propaganda Diary cases (with the
    zero-shot baseline), and EUvsDisinfo tag precision@1 / recall@3.

    \b
    Example:
        saywho eval narratives
    """
    from ..pipeline.narratives import NarrativeModel
    from ..train.narratives import evaluate_narratives

    try:
        model = NarrativeModel.load(model_path, encoder=encoder)
        report = evaluate_narratives(model, diary, euvsdisinfo, cache=cache).to_dict()
    except SaywhoError as exc:
        raise opts.fail(exc) from exc
    _print(report, fmt)
    _floors(report, floors, _dataset("propaganda-diary-heldout", model.classifier.encoder))


@click.command("threats")
@click.option(
    "--gold",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=Path("tests/data/threats.jsonl"),
    show_default=True,
    help="JSONL file of annotated texts.",
)
@opts.model_options
@opts.format_option("table", "json")
@_floors_option()
@click.option("--errors", "show_errors", is_flag=True, help="List misses and false alarms.")
def eval_threats_cli(
    gold: Path, model: str, quote_model: Path | None, fmt: str, floors: Path | None,
    show_errors: bool,
) -> None:  # fmt: skip
    """Precision and recall of threat detection on a hand-annotated JSONL set; speaker, target
    and condition accuracy on the threats found.

    \b
    Example:
        saywho eval threats --gold tests/data/threats.jsonl --errors
    """
    from ..eval.threats import evaluate_threats, read_threat_gold
    from ..pipeline.threats import find_threats

    pipeline = opts.load_pipeline(model, quote_model)

    def detect(text: str) -> list[dict[str, Any]]:
        doc = pipeline.nlp(text)
        return find_threats(doc, pipeline.quotes(doc, text), text)

    try:
        report = evaluate_threats(read_threat_gold(gold), detect)
    except SaywhoError as exc:
        raise opts.fail(exc) from exc
    data = report.to_dict()
    if not show_errors:
        data.pop("errors")
    _print(data, fmt)
    if show_errors and fmt != "json":
        for line in report.errors:
            click.echo(f"  {line}")
    _floors(data, floors, gold.stem)


@click.command("techniques")
@_dir("ptc-semeval2020-task11")
@click.option("--split", default="dev", show_default=True, help="Which split to score.")
@_model_file
@_encoder(ENCODER_EVAL_HELP)
@click.option(
    "--nets/--no-nets",
    default=None,
    help="Mix in the fine-tuned networks (default: with --encoder minilm, when they ship).",
)
@_cache()
@opts.format_option("table", "json")
@_floors_option()
def eval_techniques_cli(
    data: Path, split: str, model_path: str | None, encoder: str, nets: bool | None,
    cache: Path | None, fmt: str, floors: Path | None,
) -> None:  # fmt: skip
    """Technique classification micro-F1 on gold spans, and span identification F1 with the
    task's partial-overlap credit.

    \b
    Example:
        saywho eval techniques --data ../shared/data/rhetoric/ptc-semeval2020-task11
    """
    from ..pipeline.techniques import TechniqueModel
    from ..train.techniques import evaluate_techniques

    try:
        model = TechniqueModel.load(model_path, encoder=encoder, nets=nets)
        report = evaluate_techniques(model, data, split, cache=cache).to_dict()
    except SaywhoError as exc:
        raise opts.fail(exc) from exc
    _print(report, fmt)
    name = model.classifier.encoder + ("-nets" if model.nets is not None else "")
    _floors(report, floors, _dataset(f"ptc-{split}", name))


# -- queries ---------------------------------------------------------------------------


def _query(layer: str) -> click.Command:
    @click.command(layer)
    @opts.db_option
    @click.option(
        "--speaker", metavar="NAME", help="Speaker contains NAME; 'outlet' for narration."
    )
    @click.option("--outlet", metavar="X", help="Articles of outlet X (exact, any case).")
    @click.option("--since", type=opts.DateParam(), help="Articles dated on or after this day.")
    @click.option("--until", type=opts.DateParam(), help="Articles dated on or before this day.")
    @click.option("--label", metavar="L", help="Label (technique, threat kind) contains L.")
    @click.option(
        "--counts", is_flag=True, help="Counts by outlet and by speaker instead of the entries."
    )
    @click.option(
        "--limit",
        default=50,
        show_default=True,
        type=click.IntRange(min=0),
        help="At most N entries (0: no limit).",
    )
    @opts.format_option("table", "jsonl")
    def command(
        db: str, speaker: str | None, outlet: str | None, since: _dt.date | None,
        until: _dt.date | None, label: str | None, counts: bool, limit: int, fmt: str,
    ) -> None:  # fmt: skip
        from ..store.rhetoric import layer_counts, layer_rows

        with opts.open_db(db) as store:
            rows = layer_rows(
                store, layer, speaker=speaker, outlet=outlet, since=since, until=until, label=label
            )
            with stdout_pipe():
                if counts:
                    _write_counts(layer_counts(rows), fmt)
                    return
                n = 0
                for row in rows:
                    if limit and n >= limit:
                        break
                    if fmt == "jsonl":
                        sys.stdout.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
                    else:
                        text = " ".join(row.text.split())
                        click.echo(
                            f"{row.date or '':10}  {(row.outlet or '')[:16]:16}  "
                            f"{row.speaker[:22]:22}  {row.label[:28]:28}  {row.score:.2f}  "
                            f"{text[:100]}"
                        )
                    n += 1
        if n == 0:
            click.echo(
                f"no {layer} match; analyse with the rhetoric layer on (the default)", err=True
            )

    command.help = (
        f"List the stored {layer} (from 'saywho ingest'), or count them by outlet and by "
        "speaker (--counts); the outlet's own voice is the speaker 'outlet'.\n\n"
        f"\b\nExample:\n    saywho {layer} --speaker peskov --since 2024-01-01\n"
        f"    saywho {layer} --counts --outlet RT"
    )
    return command


def _write_counts(counts: dict[str, Any], fmt: str) -> None:
    for key in ("outlet", "speaker"):
        for (who, label), n in counts[key].most_common():
            if fmt == "jsonl":
                sys.stdout.write(
                    json.dumps({"by": key, key: who, "label": label, "count": n}) + "\n"
                )
            else:
                click.echo(f"{key:8} {who[:30]:30} {label[:34]:34} {n:6}")


TRAIN_COMMANDS = (train_encoder_cli, train_claims_cli, train_narratives_cli, train_techniques_cli)
EVAL_COMMANDS = (eval_claims_cli, eval_narratives_cli, eval_threats_cli, eval_techniques_cli)
QUERY_COMMANDS = (_query("techniques"), _query("claims"), _query("threats"))
