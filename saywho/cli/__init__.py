"""The ``saywho`` command line: thin wrappers over the Python API.

Data goes to stdout; progress, errors and summaries to stderr.

Exit codes: 0 success; 1 an error, or some inputs failed (the rest were done);
2 a usage error; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

from typing import Any

import click

from .. import __version__

__all__ = ["cli"]

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class SaywhoGroup(click.Group):
    """A click group that lists commands in the order they were added and exits 130
    (not click's "Aborted!" with 1) on Ctrl-C."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("\ninterrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)


@click.group(cls=SaywhoGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="saywho")
def cli() -> None:
    """Attributed quotes from news articles: who said what, when and where.

    Exit codes: 0 ok, 1 error or some inputs failed (the rest were done),
    2 usage error, 130 interrupted.

    \b
    Example:
        saywho ingest articles/ --db news.db
        saywho quotes --db news.db --speaker zelensky --since 2024-01-01
    """


def register_commands(group: click.Group) -> None:
    """Add every saywho command to ``group``."""
    from .analyze import analyze_cli
    from .entities import entities_cli, outlets_cli
    from .evaluate import eval_cli
    from .ingest import ingest_cli
    from .query import quotes_cli, stats_cli
    from .rhetoric import EVAL_COMMANDS, QUERY_COMMANDS, TRAIN_COMMANDS
    from .train import train_cli

    for command in (
        ingest_cli,
        analyze_cli,
        quotes_cli,
        stats_cli,
        entities_cli,
        outlets_cli,
        eval_cli,
        train_cli,
        *QUERY_COMMANDS,
    ):
        group.add_command(command)
    for sub in TRAIN_COMMANDS:
        train_cli.add_command(sub)
    for sub in EVAL_COMMANDS:
        eval_cli.add_command(sub)
    group.add_command(__import__(f"{__name__}.serve", fromlist=["serve_cli"]).serve_cli)


register_commands(cli)
