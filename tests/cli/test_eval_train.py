"""``saywho train quotes`` and ``saywho eval quotes`` on a tiny hand-written brat gold folder.

A tagger trained on that folder by the CLI itself stands in for the shipped one, so these
tests need only the spaCy model.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from saywho.cli import cli

from .helpers import write_gold


@pytest.fixture(scope="session")
def gold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_gold(tmp_path_factory.mktemp("gold") / "tiny" / "dev")


@pytest.fixture(scope="session")
def trained(gold: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    """(model path, stdout, stderr) of ``saywho train quotes`` on the tiny gold."""
    out = tmp_path_factory.mktemp("model") / "tiny.crfsuite"
    result = CliRunner().invoke(cli, ["train", "quotes", "--gold", str(gold), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.stdout, result.stderr


def _eval(runner: CliRunner, gold: Path, model: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(
        cli, ["eval", "quotes", "--gold", str(gold), "--quote-model", str(model), *args]
    )
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.slow
def test_train_quotes(trained: tuple[Path, str, str]) -> None:
    out, stdout, stderr = trained
    assert out.is_file() and out.stat().st_size > 0
    assert re.fullmatch(rf"trained on \d+ sequences; wrote {re.escape(str(out))}\n", stdout)
    assert stderr == "training; on all of PolNeAR train this takes several minutes\n"


@pytest.mark.slow
def test_eval_quotes_table(runner: CliRunner, gold: Path, trained: tuple[Path, str, str]) -> None:
    code, stdout, stderr = _eval(runner, gold, trained[0])
    assert code == 0, stderr
    lines = stdout.splitlines()
    assert re.fullmatch(r"tiny-dev: 2 documents, 3 gold quotes, \d+ predicted", lines[0])
    assert [line.split()[0] for line in lines[2:5]] == ["overlap", "exact", "cue"]
    assert lines[5].startswith("speaker accuracy ")


@pytest.mark.slow
def test_eval_quotes_json_limit_and_dataset(
    runner: CliRunner, gold: Path, trained: tuple[Path, str, str]
) -> None:
    code, stdout, _ = _eval(
        runner, gold, trained[0], "--format", "json", "--limit", "1", "--dataset", "mini"
    )
    assert code == 0
    report = json.loads(stdout)
    assert (report["name"], report["documents"], report["gold"]) == ("mini", 1, 1)
    assert set(report) >= {"overlap", "exact", "speaker", "cue", "per_doc"}


@pytest.mark.slow
def test_eval_floors(
    runner: CliRunner, gold: Path, trained: tuple[Path, str, str], tmp_path: Path
) -> None:
    model = trained[0]
    figures = json.loads(_eval(runner, gold, model, "--format", "json")[1])
    f1 = figures["overlap"]["f1"]
    floors = tmp_path / "floors.json"

    floors.write_text(json.dumps({"tiny-dev": {"overlap_f1": round(f1 - 0.01, 4)}}))
    code, stdout, stderr = _eval(runner, gold, model, "--floors", str(floors))
    assert code == 0, stderr
    assert stderr == "all floors for tiny-dev met\n"
    assert stdout.startswith("tiny-dev: 2 documents")

    floors.write_text(
        json.dumps({"tiny-dev": {"overlap_f1": round(f1 + 0.01, 4), "speaker_accuracy": 0.0}})
    )
    code, stdout, stderr = _eval(runner, gold, model, "--floors", str(floors))
    assert code == 1
    assert stdout.startswith("tiny-dev: 2 documents")  # the report is still printed
    assert stderr == (
        f"floor failed: tiny-dev: overlap_f1 {f1:.4f} is below its floor {f1 + 0.01:.4f}\n"
    )

    # Another gold set's floors, picked with --dataset.
    floors.write_text(json.dumps({"polnear-dev": {"overlap_f1": 1.01}}))
    code, _, stderr = _eval(
        runner, gold, model, "--floors", str(floors), "--dataset", "polnear-dev"
    )
    assert code == 1
    assert stderr.startswith("floor failed: polnear-dev: overlap_f1 ")


def test_floors_without_an_entry_fail_before_evaluating(
    runner: CliRunner, gold: Path, tmp_path: Path
) -> None:
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"polnear-dev": {"overlap_f1": 0.7}}))
    # The model is never loaded: the floors file is checked first.
    result = runner.invoke(
        cli,
        [
            "eval",
            "quotes",
            "--gold",
            str(gold),
            "--floors",
            str(floors),
            "--model",
            "xx_no_such_model",
        ],
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {floors} has no floors for 'tiny-dev' (it has: polnear-dev); "
        "pass --dataset NAME to pick one, or add an entry for it\n"
    )


def test_bad_floors_file(runner: CliRunner, gold: Path, tmp_path: Path) -> None:
    floors = tmp_path / "floors.json"
    floors.write_text("{not json")
    result = runner.invoke(cli, ["eval", "quotes", "--gold", str(gold), "--floors", str(floors)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {floors}:1: not valid JSON")


def test_not_a_gold_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["eval", "quotes", "--gold", str(tmp_path), "--model", "xx_none"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {tmp_path} is not a PolNeAR-style gold folder: expected text/*.txt and "
        "attributions/*.ann (no text/ folder there)\n"
    )


def test_train_out_folder_must_exist(runner: CliRunner, gold: Path, tmp_path: Path) -> None:
    out = tmp_path / "nope" / "m.crfsuite"
    result = runner.invoke(cli, ["train", "quotes", "--gold", str(gold), "--out", str(out)])
    assert result.exit_code == 2
    assert f"Invalid value for '--out': the folder {out.parent} does not exist" in result.stderr


def test_train_needs_annotated_documents(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    out = tmp_path / "m.crfsuite"
    result = runner.invoke(cli, ["train", "quotes", "--gold", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: no annotated documents in {tmp_path} (attributions/*.ann with their "
        "text/*.txt); check the --gold folder\n"
    )
    assert not out.exists()
