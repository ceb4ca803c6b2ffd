"""What `sxt init` writes: a workspace laid out as ARCHITECTURE.md describes, filled with the
shipped defaults, each YAML file pointing its editor at the schema it must follow."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from toolkit.core import schema
from toolkit.core.content import shipped_files, shipped_root
from toolkit.core.names import KINDS
from toolkit.core.store import write_text
from toolkit.core.workspace import LAYOUT, WORKSPACE_FILE

SCHEMA_FOLDER = Path(".sxt") / "schemas"
_MODELINE = re.compile(r"\A# yaml-language-server:[^\n]*\n")
_KIND = re.compile(r"^kind:[ \t]*['\"]?([a-z-]+)", re.MULTILINE)

Outcome = Literal["created", "overwritten", "kept"]


@dataclass(frozen=True, slots=True)
class Written:
    path: Path
    outcome: Outcome


def modeline(relative_path: Path, kind: str) -> str:
    """The yaml-language-server comment that makes editors validate as people type; it points
    at the copy of the schema inside the workspace, so it works offline and matches this sxt."""
    up = "../" * (len(relative_path.parts) - 1)
    return f"# yaml-language-server: $schema={up}{SCHEMA_FOLDER.as_posix()}/{kind}.schema.json\n"


def with_modeline(relative_path: Path, text: str) -> str:
    match = _KIND.search(text)
    if relative_path.suffix not in (".yaml", ".yml") or not match:
        return text
    return modeline(relative_path, match.group(1)) + _MODELINE.sub("", text, count=1)


def workspace_settings(name: str) -> str:
    return f"""\
# The root of an sxt workspace: sxt finds it by walking up from the current folder, the way
# git finds .git. Every file here is plain YAML: review changes in pull requests like code.
sxt: 1
kind: workspace
name: {json.dumps(name, ensure_ascii=False)}
defaults:
  checklist: ten-point   # checklists/ten-point.yaml: what quarterly audits assess
  scorecard: chat-email  # checklists/chat-email.yaml: how mystery shops are scored
  tone_guide: preach     # tone_guides/preach.yaml: what canned replies are linted against
  locale: en
"""


def plan(name: str) -> dict[Path, str]:
    """Every file of a new workspace, relative to its root, with its text."""
    files = {Path(WORKSPACE_FILE): with_modeline(Path(WORKSPACE_FILE), workspace_settings(name))}
    root = shipped_root()
    for relative in shipped_files():
        files[relative] = with_modeline(relative, (root / relative).read_text("utf-8"))
    for kind in KINDS:
        files[SCHEMA_FOLDER / f"{kind}.schema.json"] = schema.schema_text(kind)
    files.update(metrics_example())
    return files


def metrics_example() -> dict[Path, str]:
    """A small contact export, its surveys and the metrics document that reads them, so
    `sxt metrics report` shows real figures (and its context warnings) on a fresh workspace.
    Read as package data, without importing the metrics job."""
    example = resources.files("toolkit") / "metrics" / "example"
    files = {}
    for item in sorted(example.iterdir(), key=lambda entry: entry.name):
        if item.name.endswith(".yaml"):
            relative = Path("metrics") / item.name
            files[relative] = with_modeline(relative, item.read_text("utf-8"))
        elif item.name.endswith(".csv"):
            files[Path("metrics") / "exports" / item.name] = item.read_text("utf-8")
    return files


def create_workspace(root: Path, name: str | None = None, *, force: bool = False) -> list[Written]:
    """Writes the workspace; an existing file is kept unless `force`, so running init twice,
    or in a folder with work in it, never destroys anything."""
    written = []
    for relative, text in plan(name or root.resolve().name).items():
        target = root / relative
        existed = target.exists()
        if existed and not force:
            written.append(Written(relative, "kept"))
            continue
        write_text(target, text)
        written.append(Written(relative, "overwritten" if existed else "created"))
    for folder in LAYOUT:
        (root / folder).mkdir(parents=True, exist_ok=True)
    return written
