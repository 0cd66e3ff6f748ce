"""``saywho ingest`` then ``quotes``/``stats``: loads the spaCy model and the quote tagger."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from saywho.cli import cli
from saywho.pipeline.pipeline import Pipeline
from saywho.store import open_store

from .helpers import BAD_DATE

pytestmark = pytest.mark.slow

SUMMARY = re.compile(
    r"^ingested (\d+) articles? \((\d+) new, (\d+) updated, (\d+) unchanged\), (\d+) quotes?(; .*)?$"
)


def _summary(stderr: str) -> tuple[int, int, int, int, int, str]:
    match = SUMMARY.match(stderr.splitlines()[-1])
    assert match, stderr
    n, new, updated, unchanged, quotes = (int(g) for g in match.groups()[:5])
    return n, new, updated, unchanged, quotes, match.group(6) or ""


def _stats(runner: CliRunner, db: Path) -> dict[str, object]:
    result = runner.invoke(cli, ["stats", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    stats: dict[str, object] = json.loads(result.stdout)
    return stats


def test_ingest_then_query(
    runner: CliRunner, pipeline: Pipeline, news: Path, tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    result = runner.invoke(
        cli, ["ingest", str(news.parent), "--db", str(db), "--outlet-from-parent"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    n, new, updated, unchanged, quotes, failed = _summary(result.stderr)
    assert (n, new, updated, unchanged, failed) == (3, 3, 0, 0, "")
    assert quotes >= 3

    stats = _stats(runner, db)
    assert stats["articles"] == 3
    assert stats["quotes"] == quotes
    assert stats["pipelines"] == {pipeline.version: 3}
    assert stats["by_outlet"] == [{"outlet": "kyiv", "articles": 3, "quotes": quotes}]

    rows = runner.invoke(cli, ["quotes", "--db", str(db), "--format", "jsonl", "--limit", "0"])
    assert rows.exit_code == 0
    found = [json.loads(line) for line in rows.stdout.splitlines()]
    assert len(found) == quotes
    zelensky = runner.invoke(
        cli,
        [
            "quotes",
            "--db",
            str(db),
            "--format",
            "jsonl",
            "--speaker",
            "zelensky",
            "--text",
            "give up",
        ],
    )
    [row] = [json.loads(line) for line in zelensky.stdout.splitlines()]
    assert row["content"] == "“We will not give up,”"
    assert row["speaker"] == "Volodymyr Zelenskyy"
    assert row["cue"] == "said"
    assert (row["date"], row["outlet"], row["title"]) == (
        "2024-03-01",
        "kyiv",
        "Zelensky vows to fight on",
    )
    assert row["source_path"] == str(news / "zelensky.txt")

    table = runner.invoke(
        cli, ["quotes", "--db", str(db), "--since", "2024-03-02"], terminal_width=200
    )
    assert table.exit_code == 0
    assert "Zelensky" not in table.stdout
    assert "Lagarde" in table.stdout


def test_reingest_is_idempotent(
    runner: CliRunner, pipeline: Pipeline, news: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "news.db")
    first = runner.invoke(cli, ["ingest", str(news), "--db", db])
    assert first.exit_code == 0, first.output
    quotes = _stats(runner, Path(db))["quotes"]
    again = runner.invoke(cli, ["ingest", str(news), str(news / "lagarde.txt"), "--db", db])
    assert again.exit_code == 0, again.output
    assert again.stderr == "ingested 0 articles (0 new, 0 updated, 4 unchanged), 0 quotes\n"
    stats = _stats(runner, Path(db))
    assert (stats["articles"], stats["quotes"]) == (3, quotes)


def test_bad_file_among_good_ones(
    runner: CliRunner, pipeline: Pipeline, news: Path, tmp_path: Path
) -> None:
    bad = news / "bad.txt"
    bad.write_text(BAD_DATE, encoding="utf-8")
    missing = tmp_path / "missing.jsonl"
    db = tmp_path / "news.db"
    result = runner.invoke(cli, ["ingest", str(news), str(missing), "--db", str(db)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        f"error: {bad}:1: malformed header date '2024-99-01' (expected ' date YYYY-MM-DD "
        "Title'); fix the date or remove the header line",
        f"error: {missing}: no such file or directory; check the path",
    ]
    n, new, _, _, _, failed = _summary(result.stderr)
    assert (n, new, failed) == (3, 3, "; 2 files failed")
    assert _stats(runner, db)["articles"] == 3


def test_files_of_no_known_format_in_a_folder_are_noted(
    runner: CliRunner, pipeline: Pipeline, news: Path, tmp_path: Path
) -> None:
    page = news / "page.html.gz"
    page.write_bytes(b"not read")
    result = runner.invoke(cli, ["ingest", str(news), "--db", str(tmp_path / "news.db")])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if line.startswith("note: ")]
    assert notes == [
        f"note: skipped 1 file of no known format in the folders given (e.g. {page}); "
        "saywho reads .txt, .text, .jsonl, .ndjson, .csv, .tsv, each also .gz (a file named "
        "explicitly is read as plain text)"
    ]
    assert _summary(result.stderr)[:2] == (3, 3)  # the summary stays the last line


def test_bad_jsonl_record_counts_as_a_record(
    runner: CliRunner, pipeline: Pipeline, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.jsonl"
    good = {
        "body": "“Prices will fall,” the minister said.",
        "headline": "Prices",
        "date": "2024-05-01",
    }
    feed.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    db = tmp_path / "news.db"
    result = runner.invoke(
        cli,
        [
            "ingest",
            str(feed),
            "--db",
            str(db),
            "--text-field",
            "body",
            "--title-field",
            "headline",
            "--outlet",
            "Wire",
        ],
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith(f"error: {feed}:2: ")
    assert _summary(result.stderr)[5] == "; 1 record failed"
    with open_store(db) as store:
        [article] = store.articles()
    assert (article.title, article.outlet, str(article.date)) == ("Prices", "Wire", "2024-05-01")


@pytest.mark.parametrize("args", [["--author-field", "byline"]])
def test_author_field_is_read_and_stored(
    runner: CliRunner, pipeline: Pipeline, tmp_path: Path, args: list[str]
) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [
        {"text": "“Prices will fall,” the minister said.", "byline": " By JANE ROE "},
        {"text": "“Taxes will rise,” the senator said.", "byline": 7},
        {"text": "The ferry ran on time.", "author": "Not This One"},
    ]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = tmp_path / "news.db"
    result = runner.invoke(cli, ["ingest", str(feed), "--db", str(db), *args])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"error: {feed}:2: field 'byline' must be a string, not a number; fix or remove it"
    )
    with open_store(db) as store:
        authors = {a.text: a.author for a in store.articles()}
        assert authors == {records[0]["text"]: "By JANE ROE", records[2]["text"]: None}
        for a in store.articles():
            stored = store.get(a.id)
            assert stored is not None and stored.article.author == authors[a.text]
    # without the option the byline is the "author" key, and "byline" is not read
    shown = runner.invoke(cli, ["analyze", "--no-rhetoric", str(feed)])
    assert shown.exit_code == 0, shown.output
    authors_shown = [json.loads(line)["author"] for line in shown.stdout.splitlines()]
    assert authors_shown == [None, None, "Not This One"]


def test_quiet_prints_errors_only(
    runner: CliRunner, pipeline: Pipeline, news: Path, tmp_path: Path
) -> None:
    (news / "bad.txt").write_text(BAD_DATE, encoding="utf-8")
    result = runner.invoke(cli, ["ingest", str(news), "--db", str(tmp_path / "x.db"), "--quiet"])
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("error: ")


def test_other_pipeline_versions(
    runner: CliRunner, pipeline: Pipeline, news: Path, tmp_path: Path
) -> None:
    """Input stored by another pipeline version is re-analysed; other stored articles only
    with --reanalyze."""
    db = tmp_path / "news.db"
    runner.invoke(cli, ["ingest", str(news), "--db", str(db)])
    with open_store(db) as store:
        stored = {a.id: store.get(a.id) for a in store.articles()}
        # Pretend everything was analysed by an older pipeline.
        store.conn.execute("UPDATE articles SET pipeline = 'saywho.quotes.v0'")
    only = news / "zelensky.txt"
    result = runner.invoke(cli, ["ingest", str(only), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert _summary(result.stderr)[:4] == (1, 0, 1, 0)
    assert _stats(runner, db)["pipelines"] == {pipeline.version: 1, "saywho.quotes.v0": 2}

    result = runner.invoke(cli, ["ingest", str(only), "--db", str(db), "--reanalyze"])
    assert result.exit_code == 0, result.output
    assert _summary(result.stderr)[:4] == (2, 0, 2, 1)
    assert _stats(runner, db)["pipelines"] == {pipeline.version: 3}
    with open_store(db) as store:
        assert {a.id: store.get(a.id) for a in store.articles()} == stored


def test_new_folder_for_db_must_exist(runner: CliRunner, news: Path, tmp_path: Path) -> None:
    db = tmp_path / "no" / "such" / "news.db"
    result = runner.invoke(cli, ["ingest", str(news), "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: cannot create the database {db}: the folder {db.parent} does not exist; "
        "create it or pass --db with another path\n"
    )
