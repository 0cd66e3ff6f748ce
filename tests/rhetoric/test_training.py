"""Training and scoring the rhetoric models on tiny corpora written for these tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from saywho.cli import cli
from saywho.pipeline.claims import ClaimModel
from saywho.train.claims import average_precision, read_checkthat, train_claims
from saywho.train.techniques import si_scores

CHECKWORTHY = [
    "Unemployment fell to 4 percent last year.",
    "We spent 3 billion dollars on roads in 2019.",
    "Crime rose by 12 percent in the capital.",
    "The deficit doubled under the last government.",
    "Exports to China grew 20 percent in five years.",
    "Half of all families now pay more in taxes.",
]
NOT_CHECKWORTHY = [
    "Thank you all for coming tonight.",
    "I love this great country.",
    "Let me say something about my family.",
    "We will keep fighting for you.",
    "Good evening, everyone.",
    "That is a very good question.",
]


def _write_split(folder: Path, split: str, rows: list[tuple[str, str]]) -> None:
    lines = ["Sentence_id\tText\tclass_label"] + [f"{i}\t{t}\t{y}" for i, (t, y) in enumerate(rows)]
    (folder / f"CT24_checkworthy_english_{split}.tsv").write_text("\n".join(lines) + "\n")


@pytest.fixture
def checkthat(tmp_path: Path) -> Path:
    rows = [(t, "Yes") for t in CHECKWORTHY] + [(t, "No") for t in NOT_CHECKWORTHY]
    for split in ("train", "dev", "dev-test"):
        _write_split(tmp_path, split, rows)
    # the malformed line of the real train file: two records run together
    with (tmp_path / "CT24_checkworthy_english_train.tsv").open("a") as f:
        f.write("90\tTaxes rose 5 percent.\tNo91\tWe can do it.\tNo\n")
    return tmp_path


def test_reader_splits_the_run_together_line(checkthat: Path) -> None:
    texts, labels = read_checkthat(checkthat, "train")
    assert texts[-2:] == ["Taxes rose 5 percent.", "We can do it."]
    assert list(labels[-2:]) == [0, 0]


@pytest.mark.slow
def test_train_claims_writes_a_model_that_separates_the_classes(
    checkthat: Path, tmp_path: Path
) -> None:
    out = tmp_path / "claims.npz"
    info = train_claims(checkthat, out, cache=tmp_path / "cache")
    assert out.is_file() and 0.2 <= info["threshold"] <= 0.8
    model = ClaimModel.load(out)
    assert model.threshold == info["threshold"]
    result = CliRunner().invoke(
        cli, ["eval", "claims", "--data", str(checkthat), "--model", str(out), "--format", "json",
              "--cache", str(tmp_path / "cache")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["n"] == 12 and report["f1"] > 0.8


def test_average_precision_of_a_perfect_ranking_is_one() -> None:
    y = np.array([1, 0, 1, 0])
    assert average_precision(y, np.array([0.9, 0.1, 0.8, 0.2])) == 1.0
    assert average_precision(y, np.array([0.1, 0.9, 0.2, 0.8])) == pytest.approx(
        (1 / 3 + 2 / 4) / 2
    )


@pytest.mark.parametrize(
    ("pred", "gold", "expected"),
    [
        ({"a": [(0, 10)]}, {"a": [(0, 10)]}, (1.0, 1.0)),
        ({"a": [(0, 10)]}, {"a": [(5, 10)]}, (0.5, 1.0)),  # half the prediction is gold
        ({"a": [(0, 4)]}, {"a": [(0, 8)]}, (1.0, 0.5)),
        ({"a": [(20, 30)]}, {"a": [(0, 8)]}, (0.0, 0.0)),
    ],
)
def test_si_scores_give_partial_overlap_credit(
    pred: dict[str, list[tuple[int, int]]],
    gold: dict[str, list[tuple[int, int]]],
    expected: tuple[float, float],
) -> None:
    p, r, _ = si_scores(pred, gold)
    assert (p, r) == pytest.approx(expected)


@pytest.mark.slow
def test_eval_threats_cli_reports_precision_and_recall(tmp_path: Path) -> None:
    gold = tmp_path / "mini.jsonl"
    gold.write_text(
        json.dumps({"text": '"If Oslo arms them, we will strike Oslo," the general said.',
                    "threat": True, "speaker": "general", "target": "Oslo", "condition": None})
        + "\n"
        + json.dumps({"text": "The general threatened Oslo last week, officials said.",
                      "threat": False})
        + "\n"
    )  # fmt: skip
    result = CliRunner().invoke(cli, ["eval", "threats", "--gold", str(gold), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["tp"], report["fp"], report["fn"]) == (1, 0, 0)
    assert report["speaker_accuracy"] == 1.0


@pytest.mark.slow
def test_a_model_records_its_encoder_and_is_scored_with_it(checkthat: Path, tmp_path: Path) -> None:
    out = tmp_path / "claims-minilm.npz"
    train_claims(checkthat, out, encoder="minilm")
    model = ClaimModel.load(out)
    assert model.model.encoder == "minilm" and model.model.vec_dim == 384
    assert ClaimModel.load(tmp_path / "claims-minilm.npz").model.encoder == "minilm"
    assert ClaimModel.load().model.encoder == "static"  # the shipped default
    assert ClaimModel.load(encoder="minilm").model.encoder == "minilm"
    result = CliRunner().invoke(
        cli, ["eval", "claims", "--data", str(checkthat), "--model", str(out), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["f1"] > 0.8


NEWS = [
    "The minister said the talks would resume next week in Geneva.",
    "Prices of bread and milk rose sharply in the capital last month.",
    "The army said it had repelled an attack near the eastern border.",
    "Opposition leaders called for new elections after the vote.",
    "The central bank raised its key interest rate by half a point.",
    "Rescue teams searched the rubble for survivors through the night.",
    "The president signed a decree on the mobilisation of reservists.",
    "Exports of grain fell by a third compared with last year.",
]


@pytest.mark.slow
def test_train_encoder_writes_a_table_the_static_embedder_reads(tmp_path: Path) -> None:
    from saywho.embed import StaticEmbedder

    corpus = tmp_path / "news.txt"
    corpus.write_text("\n".join(NEWS) + "\n", encoding="utf-8")
    out = tmp_path / "table.npz"
    result = CliRunner().invoke(
        cli, ["train", "encoder", "--corpus", str(corpus), "--out", str(out), "--dims", "8"]
    )
    assert result.exit_code == 0, result.output
    static = StaticEmbedder(out)
    assert static.dim == 8 and static.meta["sentences"] == len(NEWS)
    v = static.encode(NEWS[:2] + ["an unseen sentence about football"])
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)


def test_finetuning_without_pytorch_says_how_to_get_it(tmp_path: Path, monkeypatch: Any) -> None:
    from saywho.cli import cli
    from saywho.train import finetune

    monkeypatch.setattr(finetune, "torch_available", lambda: False)
    (tmp_path / "datasets" / "train-articles").mkdir(parents=True)
    result = CliRunner().invoke(
        cli, ["train", "techniques", "--data", str(tmp_path), "--finetune", str(tmp_path / "out")]
    )
    assert result.exit_code != 0
    assert "pip install torch==2.13.0 transformers" in result.output
    assert not (tmp_path / "out").exists()
