"""``saywho techniques|claims|threats`` over a hand-built store (no model needed)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from saywho.cli import cli
from saywho.model import Analysis, Article, Quote, Span, Speaker
from saywho.store import open_store

TEXT_A = "Critics call the plan a disaster. “These traitors will pay a heavy price,” Orlov said."
TEXT_B = "“Our glorious nation will never kneel,” Orlov said. The outlet calls it a farce."


def _analysis(text: str, date: str, outlet: str) -> Analysis:
    start = text.index("“")
    end = text.index("”") + 1
    quote = Quote("direct", (Span(start, end),), speaker=Speaker(name="Ivan Orlov"))
    voice = {"voice": "quote:0", "quote": 0, "speaker": "Ivan Orlov", "entity": None}
    outlet_voice = {"voice": "outlet", "quote": None, "speaker": "outlet", "entity": None}
    loaded = "disaster" if "disaster" in text else "farce"
    word = text.index(loaded)
    layers = {
        "techniques": [
            {"start": start + 7, "end": start + 15, "level": "span", "label": "Name_Calling,Labeling" if "traitors" in text else "Flag-Waving", "score": 0.8, **voice, "evidence": []},
            {"start": word, "end": word + len(loaded), "level": "span", "label": "Loaded_Language", "score": 0.7, **outlet_voice, "evidence": []},
        ],
        "claims": [{"start": 0, "end": start - 1, "score": 0.9, "checkworthy": True, "source": "outlet", **outlet_voice}],
        "threats": [{"start": start, "end": end, "kind": "warning", "score": 0.75, **voice, "target": None, "condition": None}] if "pay" in text else [],
    }  # fmt: skip
    art = Article(text=text, date=dt.date.fromisoformat(date), outlet=outlet)
    return Analysis(article=art, quotes=(quote,), layers=layers)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "r.db"
    with open_store(path) as store:
        store.add(
            [_analysis(TEXT_A, "2024-01-10", "Daily"), _analysis(TEXT_B, "2024-02-11", "Herald")]
        )
    return str(path)


def _jsonl(runner: CliRunner, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(cli, [*args, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_techniques_by_speaker_and_outlet_voice(runner: CliRunner, db: str) -> None:
    rows = _jsonl(runner, "techniques", "--db", db, "--speaker", "orlov")
    assert [(r["label"], r["outlet"]) for r in rows] == [
        ("Name_Calling,Labeling", "Daily"),
        ("Flag-Waving", "Herald"),
    ]
    outlet_rows = _jsonl(runner, "techniques", "--db", db, "--speaker", "outlet")
    assert [r["text"] for r in outlet_rows] == ["disaster", "farce"]


def test_filters_since_and_outlet(runner: CliRunner, db: str) -> None:
    assert len(_jsonl(runner, "techniques", "--db", db, "--since", "2024-02-01")) == 2
    assert _jsonl(runner, "threats", "--db", db, "--outlet", "herald") == []
    threats = _jsonl(runner, "threats", "--db", db)
    assert [(t["speaker"], t["label"]) for t in threats] == [("Ivan Orlov", "warning")]


def test_counts_by_outlet_and_speaker(runner: CliRunner, db: str) -> None:
    rows = _jsonl(runner, "techniques", "--db", db, "--counts")
    by_speaker = {(r["speaker"], r["label"]): r["count"] for r in rows if r["by"] == "speaker"}
    assert by_speaker[("outlet", "Loaded_Language")] == 2
    by_outlet = {(r["outlet"], r["label"]): r["count"] for r in rows if r["by"] == "outlet"}
    assert by_outlet[("Daily", "Name_Calling,Labeling")] == 1


def test_claims_lists_checkworthy_sentences_with_source(runner: CliRunner, db: str) -> None:
    rows = _jsonl(runner, "claims", "--db", db)
    assert [r["speaker"] for r in rows] == ["outlet", "outlet"]
    assert rows[0]["text"] == "Critics call the plan a disaster."
