"""The documentation keeps up with the code: every CLI command has an example in its help
and is mentioned in README.md or docs/; the documents the README links to exist."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from saywho.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path under ``group``, groups and their subcommands included."""
    out: list[tuple[str, ...]] = []
    for name, command in group.commands.items():
        out.append((*prefix, name))
        if isinstance(command, click.Group):
            out += _commands(command, (*prefix, name))
    return out


COMMANDS = _commands(cli)


def _docs_text() -> str:
    files = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


def _help(path: tuple[str, ...]) -> str:
    result = CliRunner().invoke(cli, [*path, "--help"], prog_name="saywho")
    assert result.exit_code == 0, result.output
    return result.output


def test_the_cli_has_commands() -> None:
    assert len(COMMANDS) >= 6
    assert ("analyze",) in COMMANDS and ("ingest",) in COMMANDS


def test_top_level_help_has_an_example() -> None:
    assert "Example:" in _help(())


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_command_help_has_an_example(path: tuple[str, ...]) -> None:
    output = _help(path)
    assert "Example:" in output, f"'saywho {' '.join(path)} --help' has no Example:"
    assert f"saywho {' '.join(path)}" in output.split("Example:", 1)[1]


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_command_is_documented(path: tuple[str, ...]) -> None:
    phrase = "saywho " + " ".join(path)
    pattern = r"\b" + re.escape(phrase) + r"\b"
    assert re.search(pattern, _docs_text()), f"'{phrase}' is not mentioned in README.md or docs/"


def test_readme_links_to_existing_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in ("docs/data-model.md", "docs/article.schema.json", "CHANGELOG.md"):
        assert name in readme
        assert (ROOT / name).is_file(), f"README.md names {name}, which does not exist"


def test_data_model_doc_links_the_schema() -> None:
    doc = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    assert "article.schema.json" in doc
