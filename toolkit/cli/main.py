"""The `sxt` command group.

Subcommands are imported only when they run (or when --help lists them), and none of them
imports Textual or the domain packages at module level: `sxt --help` and every pre-commit
hook pay only for Click and what the command itself needs.
"""

from __future__ import annotations

import gc
import importlib
import sys
from pathlib import Path
from typing import Any

import click

from toolkit import __version__

COMMANDS: dict[str, str] = {
    "init": "toolkit.cli.workspace:init",
    "validate": "toolkit.cli.workspace:validate",
    "schema": "toolkit.cli.workspace:schema",
    "lint": "toolkit.cli.lint:lint",
    "audit": "toolkit.cli.audit:audit",
    "shop": "toolkit.cli.shop:shop",
    "journey": "toolkit.cli.journey:journey",
    "metrics": "toolkit.cli.metrics:metrics",
    "tui": "toolkit.cli.tui:tui",
    "lsp": "toolkit.cli.lsp:lsp",
}


class LazyGroup(click.Group):
    """A group whose subcommands live in modules imported on first use (Click's documented
    lazy-loading pattern), listed in the order of COMMANDS: the order a newcomer needs them."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [*COMMANDS, *super().list_commands(ctx)]

    def invoke(self, ctx: click.Context) -> Any:
        """Every command's OS errors (a folder that is a file, no permission, a full disk) are
        a clean `Error: ...` and exit 2, never a traceback: what the system refused is an
        input the user can fix, not a bug."""
        from toolkit.cli.options import InputError

        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise
        except OSError as error:
            where = f": {error.filename}" if error.filename else ""
            reason = error.strerror or str(error)
            raise InputError(f"{reason}{where}") from None

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return super().get_command(ctx, cmd_name)
        module_name, attribute = COMMANDS[cmd_name].split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(
    name="sxt",
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "-C",
    "directory",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Run as if sxt was started in DIR (like git -C).",
)
@click.version_option(
    __version__, "-V", "--version", prog_name="sxt", message="%(prog)s %(version)s"
)
@click.pass_context
def cli(ctx: click.Context, directory: Path | None) -> None:
    """sxt: your service-excellence work as plain YAML in git.

    Quarterly audits against the ten-point service checklist, mystery shops, tone lint for
    canned replies, and customer journeys: reviewed in pull requests, checked in CI.

    \b
    Start here:
      sxt init my-service        create a workspace with the shipped defaults
      sxt -C my-service validate check every document in it
      sxt                        open the terminal app (in an interactive terminal)

    sxt finds the workspace by walking up from the current folder to `sxt.yaml`.

    Exit codes: 0 ok, 1 problems found, 2 usage or input error.
    """
    ctx.obj = (directory or Path.cwd()).resolve()
    if ctx.invoked_subcommand is None:
        if sys.stdin.isatty() and sys.stdout.isatty():
            ctx.invoke(cli.get_command(ctx, "tui"))  # type: ignore[arg-type]
        else:
            click.echo(ctx.get_help())


def main() -> None:
    # One command builds one graph of documents and exits: with the default thresholds the
    # cycle collector walks every live object again and again while the workspace is read
    # (a third of reading 40,000 scoring files). A larger young generation, as mypy sets it.
    gc.set_threshold(200_000, 30, 30)
    cli(prog_name="sxt")
