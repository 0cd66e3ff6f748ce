"""``saywho quotes`` and ``saywho stats`` on a hand-built database (no model needed)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from saywho.cli import cli
from saywho.store import QuoteRow

from .helpers import fill_store


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(fill_store(tmp_path / "q.db"))


def _jsonl(runner: CliRunner, db: str, *args: str) -> list[dict[str, object]]:
    result = runner.invoke(cli, ["quotes", "--db", db, "--format", "jsonl", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_jsonl_gives_every_quoterow_field(runner: CliRunner, db: str) -> None:
    rows = _jsonl(runner, db)
    assert len(rows) == 4
    assert [r["date"] for r in rows] == ["2024-01-10", "2024-01-10", "2024-02-20", "2024-03-30"]
    assert set(rows[0]) == set(QuoteRow.__dataclass_fields__)
    assert rows[1]["content"] == "“Inflation is beaten,”"
    assert rows[1]["cue"] == "added"
    assert rows[3]["speaker"] == "Müller"  # ensure_ascii=False: kept as is


@pytest.mark.parametrize(
    ("args", "contents"),
    [
        (["--speaker", "smith"], ["Taxes will fall next year", "“Inflation is beaten,”"]),
        (["--speaker", "MÜLLER"], ["“Inflation is not beaten at all,”"]),
        (
            ["--text", "inflation beaten"],
            ["“Inflation is beaten,”", "“Inflation is not beaten at all,”"],
        ),
        (["--text", "bord*"], ["“The border stays open,”"]),
        (
            ["--since", "2024-02-01"],
            ["“The border stays open,”", "“Inflation is not beaten at all,”"],
        ),
        (
            ["--until", "2024-02-20"],
            ["Taxes will fall next year", "“Inflation is beaten,”", "“The border stays open,”"],
        ),
        (["--since", "2024-02-01", "--until", "2024-02-29"], ["“The border stays open,”"]),
        (
            ["--outlet", "daily", "--kind", "direct"],
            ["“Inflation is beaten,”", "“Inflation is not beaten at all,”"],
        ),
        (["--kind", "indirect"], ["Taxes will fall next year"]),
        (["--limit", "1"], ["Taxes will fall next year"]),
        (["--speaker", "nobody"], []),
    ],
)
def test_filters(runner: CliRunner, db: str, args: list[str], contents: list[str]) -> None:
    assert [r["content"] for r in _jsonl(runner, db, *args)] == contents


def test_limit_zero_means_no_limit(runner: CliRunner, db: str) -> None:
    assert len(_jsonl(runner, db, "--limit", "0")) == 4


def test_csv(runner: CliRunner, db: str) -> None:
    result = runner.invoke(cli, ["quotes", "--db", db, "--format", "csv", "--speaker", "jones"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["content"] for r in rows] == ["“The border stays open,”"]
    assert list(rows[0]) == list(QuoteRow.__dataclass_fields__)
    assert rows[0]["outlet"] == "Herald"


def test_table(runner: CliRunner, db: str) -> None:
    result = runner.invoke(cli, ["quotes", "--db", db, "--speaker", "jones"], terminal_width=200)
    assert result.exit_code == 0, result.output
    for heading in ("date", "outlet", "speaker", "kind", "quote", "cue"):
        assert heading in result.stdout
    assert "The border stays open" in result.stdout
    assert "2024-02-20" in result.stdout and "Herald" in result.stdout
    assert result.stderr == ""


def test_table_with_no_match_says_so_on_stderr(runner: CliRunner, db: str) -> None:
    result = runner.invoke(cli, ["quotes", "--db", db, "--speaker", "nobody"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "no quotes match; loosen the filters or check 'saywho stats'\n"


@pytest.mark.parametrize("option", ["--since", "--until"])
def test_malformed_date_is_a_usage_error(runner: CliRunner, db: str, option: str) -> None:
    result = runner.invoke(cli, ["quotes", "--db", db, option, "2024-13-45"])
    assert result.exit_code == 2
    assert (
        f"Error: Invalid value for '{option}': '2024-13-45' is not a date; "
        "expected YYYY-MM-DD, e.g. 2024-03-01" in result.stderr
    )


def test_since_after_until(runner: CliRunner, db: str) -> None:
    result = runner.invoke(
        cli, ["quotes", "--db", db, "--since", "2024-03-01", "--until", "2024-01-01"]
    )
    assert result.exit_code == 2
    assert "--since 2024-03-01 is after --until 2024-01-01; swap them" in result.stderr


@pytest.mark.parametrize("command", ["quotes", "stats"])
def test_missing_database(runner: CliRunner, tmp_path: Path, command: str) -> None:
    missing = tmp_path / "nope.db"
    result = runner.invoke(cli, [command, "--db", str(missing)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: no database at {missing}; run 'saywho ingest PATH' first or pass --db\n"
    )
    assert not missing.exists()


def test_not_a_saywho_database(runner: CliRunner, tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("hello, not sqlite\n" * 100)
    result = runner.invoke(cli, ["stats", "--db", str(other)])
    assert result.exit_code == 1
    assert (
        result.stderr == f"Error: {other} is not a saywho database; pass --db with another path\n"
    )


def test_db_from_environment(runner: CliRunner, db: str) -> None:
    result = runner.invoke(cli, ["stats", "--format", "json"], env={"SAYWHO_DB": db})
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"] == 3


def test_stats_json(runner: CliRunner, db: str) -> None:
    result = runner.invoke(cli, ["stats", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["articles"] == 3
    assert stats["quotes"] == 4
    assert stats["outlets"] == 2
    assert stats["speakers"] == 3
    assert (stats["first_date"], stats["last_date"]) == ("2024-01-10", "2024-03-30")
    assert stats["by_kind"] == {"direct": 3, "indirect": 1}
    assert stats["top_speakers"][0] == {"name": "Smith", "quotes": 2}
    assert stats["pipelines"] == {"test-1": 3}


def test_stats_table(runner: CliRunner, db: str) -> None:
    result = runner.invoke(cli, ["stats", "--db", db], terminal_width=120)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "articles" in out and "quotes" in out and "speakers" in out
    assert "2024-01-10 … 2024-03-30" in out
    assert "Smith" in out and "Herald" in out and "test-1" in out
