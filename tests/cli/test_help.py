"""Help, version and usage errors: no model, no database."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from saywho import __version__
from saywho.cli import cli

COMMANDS = [
    "ingest",
    "analyze",
    "quotes",
    "stats",
    "entities",
    "outlets",
    "eval",
    "train",
    "techniques",
    "claims",
    "threats",
    "serve",
]


def _all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, command in group.commands.items():
        out.append((*prefix, name))
        if isinstance(command, click.Group):
            out += _all_commands(command, (*prefix, name))
    return out


def test_help_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    listed = [
        line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line.strip()
    ]
    assert listed == COMMANDS
    assert "Example:" in result.output


@pytest.mark.parametrize("path", _all_commands(cli), ids=" ".join)
def test_every_command_help_has_an_example(runner: CliRunner, path: tuple[str, ...]) -> None:
    result = runner.invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output
    assert f"saywho {' '.join(path)}" in result.output.split("Example:")[1]


def test_subcommands_of_groups(runner: CliRunner) -> None:
    assert "quotes" in runner.invoke(cli, ["eval", "--help"]).output
    assert "quotes" in runner.invoke(cli, ["train", "--help"]).output


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"saywho, version {__version__}\n"


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "saywho", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"saywho, version {__version__}\n"


@pytest.mark.parametrize("command", ["ingest", "analyze"])
def test_reader_options_include_author_field(runner: CliRunner, command: str) -> None:
    from saywho.cli._options import read_options

    result = runner.invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "--author-field F" in result.output
    assert "JSONL key / CSV column holding the author." in result.output
    kwargs = {f"{n}_field": n for n in ("text", "title", "date", "outlet", "url")}
    kwargs |= {"author_field": "byline", "outlet": None, "outlet_from_parent": False, "db": "x"}
    options = read_options(kwargs)
    assert options.author_field == "byline" and kwargs == {"db": "x"}


@pytest.mark.parametrize(
    "args",
    [
        ["ingest"],  # PATH is required
        ["analyze", "x.txt", "--format", "xml"],
        ["quotes", "--kind", "shouted"],
        ["quotes", "--limit", "-1"],
        ["ingest", "x.txt", "--workers", "0"],
        ["nosuchcommand"],
        ["eval", "quotes"],  # --gold is required
        ["train", "quotes", "--gold", "."],  # --out is required
    ],
    ids=" ".join,
)
def test_usage_errors_exit_2(runner: CliRunner, args: list[str]) -> None:
    result = runner.invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert "Usage:" in result.stderr
