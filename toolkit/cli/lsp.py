"""`sxt lsp`: the language server an editor starts, speaking LSP over stdin and stdout."""

from __future__ import annotations

import click


@click.command()
@click.option(
    "--stdio",
    is_flag=True,
    help="Talk over standard input and output (the default; accepted because editors pass it).",
)
def lsp(stdio: bool) -> None:
    """Run the sxt language server for editors.

    Diagnostics of every sxt document (schema and references, as `sxt validate`) and of
    every reply under replies/ (tone lint, as `sxt lint`) as you type, and a rule's
    explanation on hover over a finding. Start it from the editor, not by hand: it reads
    LSP messages on standard input.
    """
    # pygls and lsprotocol load only here: `sxt --help` and every other command stay as
    # quick to start as before (tests/test_import_weight.py).
    from toolkit.lsp.server import serve

    serve()
