"""Threat detection on sentences written for these tests (spaCy parse + quotes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from saywho.pipeline.threats import find_threats

if TYPE_CHECKING:
    from saywho.pipeline.pipeline import Pipeline

GOLD = Path(__file__).parents[1] / "data" / "threats.jsonl"

pytestmark = pytest.mark.slow


def _threats(pipeline: Pipeline, text: str) -> list[dict[str, Any]]:
    doc = pipeline.nlp(text)
    return find_threats(doc, pipeline.quotes(doc, text), text)


def test_gold_set_has_enough_positives_and_hard_negatives() -> None:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 80
    kinds = {r["kind"] for r in rows if not r["threat"]}
    assert {"reported", "historical"} <= kinds
    assert sum(r["threat"] for r in rows) >= 40


@pytest.mark.parametrize(
    ("text", "speaker", "target", "condition"),
    [
        (
            '"If Norway lets the bombers land, we will strike its airfields," Colonel Dmitri Orlov said.',
            "Dmitri Orlov",
            "Norway",
            "If Norway lets the bombers land",
        ),
        (
            '"Latvia will pay a heavy price for this betrayal," the deputy speaker said.',
            None,
            "Latvia",
            None,
        ),
    ],
)
def test_conditional_and_warning_carry_speaker_target_condition(
    pipeline: Pipeline, text: str, speaker: str | None, target: str, condition: str | None
) -> None:
    found = _threats(pipeline, text)
    assert len(found) == 1
    t = found[0]
    assert t["voice"] == "quote:0"
    if speaker is not None:
        assert t["speaker"] == speaker
    assert t["target"]["text"] == target
    assert text[t["target"]["start"] : t["target"]["end"]] == target
    assert (t["condition"] or {}).get("text") == condition
    assert t["evidence"] and 0 < t["score"] <= 1


@pytest.mark.parametrize(
    "text",
    [
        "The general threatened on Friday to bomb the bridges, officials said.",
        "In 1983, a false alarm nearly started a nuclear war.",
        '"If the rain stops, we will open the stadium," the organisers said.',
        '"A nuclear power plant must never be shelled," the inspector said.',
    ],
)
def test_reports_history_and_benign_conditionals_are_not_threats(
    pipeline: Pipeline, text: str
) -> None:
    assert _threats(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            '"Our strategic forces are ready, and London should remember that," the host said.',
            "nuclear",
        ),
        ('"Who would survive a third world war?" the commentator asked.', "rhetorical"),
        ('"Supplying these tanks is a red line for us," the ambassador said.', "red_line"),
        ('"You have 24 hours to leave the port," the captain said.', "ultimatum"),
    ],
)
def test_kinds(pipeline: Pipeline, text: str, kind: str) -> None:
    found = _threats(pipeline, text)
    assert found and kind in found[0]["kinds"]
