"""`sxt tui`: the terminal app; Textual is imported only here, when the app is asked for."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.options import InputError


@click.command()
@click.pass_obj
def tui(base: Path) -> None:
    """Open the terminal app on the workspace (also: bare `sxt` in a terminal).

    Lists every document by kind with its validation state; Enter opens one, ? shows the
    keys, q quits.
    """
    from toolkit.core.workspace import find_root

    root = find_root(base)
    if root is None:
        raise InputError(f"{base} is not inside an sxt workspace; run `sxt init` first")
    from toolkit.tui.app import SxtApp

    SxtApp(root).run()
