"""``saywho entities …`` and ``saywho outlets spelling`` over a small hand-built store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from saywho.cli import cli
from saywho.store import open_store

from ..store.test_store_entities import IVAN, KYIV, ZEL, corpus


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "e.db"
    with open_store(path) as store:
        store.add(corpus())
    return str(path)


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(cli, list(args), terminal_width=200)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_list_jsonl(runner: CliRunner, db: str) -> None:
    rows = [
        json.loads(x)
        for x in _run(runner, "entities", "list", "--db", db, "--format", "jsonl").splitlines()
    ]
    assert rows[0]["id"] == ZEL and rows[0]["quotes"] == 2
    assert set(rows[0]) == {"id", "name", "type", "origin", "mentions", "quotes", "articles"}


def test_list_table_and_type_filter(runner: CliRunner, db: str) -> None:
    out = _run(runner, "entities", "list", "--db", db, "--type", "gpe")
    assert "Kyiv" in out and "Zelenskyy" not in out


def test_show_by_spelling(runner: CliRunner, db: str) -> None:
    data = json.loads(_run(runner, "entities", "show", "Zelenskyi", "--db", db, "--format", "json"))
    assert data["id"] == ZEL
    assert "Zelenskiy" in data["aliases"]  # from the knowledge files
    assert data["offices"][0]["office"] == "President of Ukraine"
    assert [q["content"] for q in data["latest_quotes"]] == ["Thank you", "We hold"]  # latest first
    assert data["quotes"] == 2 and data["mentions"] == 3
    data = json.loads(
        _run(runner, "entities", "show", "Kyiv", "--db", db, "--format", "json", "--mentions", "1")
    )
    assert [m["text"] for m in data["latest_mentions"]] == ["Kyiv"]
    table = _run(runner, "entities", "show", "Kiev", "--db", db)
    assert "Kyiv" in table and "spellings: Kyiv (2), Kiev (1)" in table


def test_show_unknown_tells_the_next_step(runner: CliRunner, db: str) -> None:
    result = runner.invoke(cli, ["entities", "show", "Nobody", "--db", db])
    assert result.exit_code == 1
    assert "saywho entities list" in result.stderr


def test_merge_split_alias(runner: CliRunner, db: str) -> None:
    result = runner.invoke(cli, ["entities", "merge", "Ivanenko", "Zelensky", "--db", db])
    assert result.exit_code == 0, result.output
    assert f"merged {IVAN} into {ZEL}" in result.stderr
    rows = [
        json.loads(x)
        for x in _run(
            runner, "quotes", "--db", db, "--speaker", "Zelenskyy", "--format", "jsonl"
        ).splitlines()
    ]
    assert len(rows) == 3
    result = runner.invoke(cli, ["entities", "split", "Kyiv", "Kiev", "--name", "Kiev", "--db", db])
    assert result.exit_code == 0, result.output
    assert "user:gpe/" in result.stderr
    result = runner.invoke(cli, ["entities", "alias", KYIV, "Kiev", "--db", db])
    assert result.exit_code == 0  # a later alias wins back the spelling
    data = json.loads(_run(runner, "entities", "show", KYIV, "--db", db, "--format", "json"))
    assert data["mentions"] == 3


def test_outlets_spelling(runner: CliRunner, db: str) -> None:
    rows = [
        json.loads(x)
        for x in _run(
            runner, "outlets", "spelling", "Kyiv", "--db", db, "--format", "jsonl"
        ).splitlines()
    ]
    assert {(r["outlet"], r["spelling"]) for r in rows} == {
        ("wire", "Kyiv"),
        ("herald", "Kiev"),
        ("ledger", "Kyiv"),
    }
    table = _run(runner, "outlets", "spelling", "--db", db)
    assert "Zelenskiy" in table and "herald" in table
    csv_out = _run(runner, "outlets", "spelling", "Zelensky", "--db", db, "--format", "csv")
    assert csv_out.splitlines()[0] == "entity,name,spelling,outlet,count"
