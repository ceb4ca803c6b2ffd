"""`sxt init`, `sxt validate` and `sxt schema`: the commands every job stands on."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.options import InputError, colour, echo, fail_level_option, format_option, resolve
from toolkit.core.names import KINDS

VALIDATE_FORMATS = ("text", "json", "github", "sarif", "junit")


@click.command()
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", help="Workspace name for sxt.yaml  [default: the folder's name]")
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
@click.pass_obj
def init(base: Path, directory: Path | None, name: str | None, force: bool) -> None:
    """Create a workspace in DIRECTORY (default: the current folder).

    Writes sxt.yaml, the ten-point checklist, a mystery-shop scorecard, an example journey,
    the PREACH tone guide and example canned replies, plus the JSON Schemas under .sxt/ that
    editors use to check files as you type. Existing files are kept unless --force.

    \b
    Example:
      sxt init my-service && cd my-service && sxt validate
    """
    from toolkit.core.scaffold import create_workspace

    root = resolve(base, directory) if directory else base
    written = create_workspace(root, name, force=force)
    created = [w for w in written if w.outcome != "kept"]
    kept = [w for w in written if w.outcome == "kept"]
    echo(f"Initialised sxt workspace in {root}")
    for item in written:
        mark = {"created": "+", "overwritten": "~", "kept": "="}[item.outcome]
        echo(f"  {mark} {item.path.as_posix()}  ({item.outcome})")
    if kept:
        echo(f"Kept {len(kept)} existing file(s); use --force to overwrite them.")
    echo(f"Wrote {len(created)} file(s). Next: sxt -C {root} validate")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option(VALIDATE_FORMATS)
@fail_level_option()
@click.pass_obj
def validate(base: Path, paths: tuple[Path, ...], output_format: str, fail_level: str) -> None:
    """Check documents against their schemas and each other.

    With no PATHS, checks the whole workspace; PATHS may be files or folders. Every problem
    is reported at its place as `path:line:col: severity: message`, all of them in one run.

    \b
    Exit codes: 0 no problems, 1 problems at --fail-level or above, 2 usage or input error.
    """
    from toolkit.core.diagnostics import at_least
    from toolkit.core.validation import validate as run
    from toolkit.core.workspace import expand, find_root, workspace_files
    from toolkit.render.diagnostics import Summary, render

    if paths:
        targets = [resolve(base, path) for path in paths]
        missing = [
            str(path) for path, target in zip(paths, targets, strict=True) if not target.exists()
        ]
        if missing:
            raise click.BadParameter(
                f"no such file or folder: {', '.join(missing)}", param_hint="PATHS"
            )
        files = expand(targets)
        if not files:
            raise InputError(f"no sxt documents (.yaml, .yml, .md) in {', '.join(map(str, paths))}")
    else:
        root = find_root(base)
        if root is None:
            raise InputError(
                f"{base} is not inside an sxt workspace (no sxt.yaml here or above); "
                "run `sxt init` to create one, or name the files to check"
            )
        files = workspace_files(root)
    report = run(files, base)
    diagnostics = report.diagnostics
    echo(render(output_format, diagnostics, Summary(len(report.files)), color=colour()))
    if any(at_least(d.severity, fail_level) for d in diagnostics):  # type: ignore[arg-type]
        raise SystemExit(1)


@click.command()
@click.argument("kind", type=click.Choice(KINDS))
def schema(kind: str) -> None:
    """Print the JSON Schema (draft 2020-12) of a document KIND.

    Editors validate as you type when a YAML file starts with
    `# yaml-language-server: $schema=PATH`; `sxt init` writes that line and a copy of every
    schema under .sxt/schemas/.
    """
    from toolkit.core.schema import schema_text

    click.echo(schema_text(kind), nl=False)
