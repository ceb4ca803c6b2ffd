"""Where the cursor is among sxt's references, and what the ids there point at.

Completion, go-to-definition and hover all ask the same two questions: is the cursor on a
checklist item of an audit, or on a criterion of a shop's or scoring's answers; and which
checklist or scorecard document holds that id. The document being typed is often not valid
YAML for a moment (a key without its colon yet), so the place is read from the lines and
their indentation, not from a parse. The ids come from the Catalog validation resolved the
references against (Analysis.catalog), the same documents `sxt validate` checks against.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lsprotocol import types

    from toolkit.core.loader import Document, JsonPath
    from toolkit.core.validation import Catalog, Checked
    from toolkit.lsp.server import SxtLanguageServer

_KEY = re.compile(r"([A-Za-z0-9_.-]*)\s*(:|$)")
_TOP = re.compile(r"^(checklist|scorecard|channel|kind|locale):\s*([A-Za-z0-9_.-]+)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Place:
    """A key the cursor is on (or is typing), with the keys of the lines it is nested in,
    outermost first, e.g. ("items", "culture") for the `level:` line of an audit item."""

    line: int  # 0-based
    key: str
    key_col: int  # 0-based, in code points, where `key` starts on its line
    parents: tuple[str, ...]
    value: str


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a request points in an open document, in sxt's terms: the text as the editor
    has it, its lines, the 1-based line and the 0-based column in code points."""

    uri: str
    path: Path
    text: str
    lines: list[str]
    line: int
    col: int
    encoding: str  # the client's position encoding, to turn a column back into LSP's

    @property
    def here(self) -> str:
        return self.lines[self.line - 1]


def cursor(server: SxtLanguageServer, uri: str, position: types.Position) -> Cursor | None:
    """The cursor of a request on a document the server has analysed; None otherwise."""
    from pygls.uris import to_fs_path

    from toolkit.lsp.positions import from_lsp, split_lines

    fs_path = to_fs_path(uri)
    if fs_path is None or uri not in server.analyses:
        return None
    text = server.workspace.get_text_document(uri).source
    lines = split_lines(text)
    encoding = str(server.workspace.position_encoding or "utf-16")
    line, col = from_lsp(lines, position.line, position.character, encoding)
    return Cursor(uri, Path(fs_path), text, lines, line, col - 1, encoding)


def indent(text: str) -> tuple[int, str]:
    """Where a line's key starts, past its indentation and any `- ` list markers."""
    rest = text.lstrip(" ")
    col = len(text) - len(rest)
    while rest.startswith("- "):
        stripped = rest[2:].lstrip(" ")
        col += len(rest) - len(stripped)
        rest = stripped
    return col, rest


def place(lines: list[str], line: int) -> Place | None:
    """The key written on `line` and the keys it is nested in, found by indentation."""
    if not 0 <= line < len(lines):
        return None
    col, rest = indent(lines[line])
    if rest.startswith("#"):
        return None
    match = _KEY.match(rest)
    if match is None:
        return None
    key = match.group(1)
    value = rest[match.end() :].split(" #")[0].strip() if match.group(2) else ""
    parents: list[str] = []
    depth = col
    for index in range(line - 1, -1, -1):
        if depth == 0:
            break
        text = lines[index]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        above, above_rest = indent(text)
        if above >= depth:
            continue  # a sibling, or something nested in one
        found = _KEY.match(above_rest)
        if found is None or not found.group(2):
            return None  # not inside a mapping sxt's references live in
        parents.insert(0, found.group(1))
        depth = above
    return Place(line, key, col, tuple(parents), value)


def top(text: str, name: str) -> str | None:
    """A top-level scalar of the document (`checklist: ten-point`), read from its text."""
    for found in _TOP.finditer(text):
        if found.group(1) == name:
            return found.group(2)
    return None


def kind_of(text: str, path: Path) -> str | None:
    """The document's kind as validation would take it: its `kind:`, else its folder."""
    written = top(text, "kind")
    if written is not None:
        return written
    folders = {"audits": "audit", "shops": "shop"}
    if path.parent.parent.name == "shops":
        return "scoring"
    return folders.get(path.parent.name)


def checklist_of(text: str, catalog: Catalog) -> Checked | None:
    """The checklist an audit is assessed against: its `checklist:`, else the default."""
    from toolkit.core.references import DEFAULT_CHECKLIST

    name = top(text, "checklist") or catalog.default("checklist", DEFAULT_CHECKLIST)
    return catalog.get("checklist", name)


def items(checklist: Checked | None) -> list[dict[str, Any]]:
    found = checklist.data.get("items", []) if checklist is not None else []
    return [item for item in found if isinstance(item, dict) and "id" in item]


def scorecard_of(text: str, path: Path, catalog: Catalog) -> tuple[Checked | None, str | None]:
    """The scorecard a shop's answers are scored on, with the shop's channel: a shop names
    both itself; a scoring (shops/<shop>/<scorer>.yaml) takes them from its shop."""
    if kind_of(text, path) == "scoring":
        shop = catalog.get("shop", path.parent.name)
        data = shop.data if shop is not None else {}
        name, channel = data.get("scorecard"), data.get("channel")
    else:
        name, channel = top(text, "scorecard"), top(text, "channel")
    if not isinstance(name, str):
        return None, None
    return catalog.get("scorecard", name), channel if isinstance(channel, str) else None


def criteria(scorecard: Checked | None, channel: str | None) -> list[dict[str, Any]]:
    """The scorecard's criteria a shop of `channel` is scored on (an answer to another
    channel's criterion is an error, so it is never offered)."""
    if scorecard is None:
        return []
    out = []
    for section in scorecard.data.get("sections", []):
        for criterion in section.get("criteria", []) if isinstance(section, dict) else []:
            if not isinstance(criterion, dict) or "id" not in criterion:
                continue
            channels = criterion.get("channels") or []
            if channel is None or not channels or channel in channels:
                out.append(criterion)
    return out


def is_audit_item(found: Place, kind: str | None) -> bool:
    return kind == "audit" and found.parents == ("items",)


def is_answer(found: Place, kind: str | None) -> bool:
    """A criterion key: under a scoring's `answers:`, or under a shop's `scores: - answers:`."""
    if kind == "scoring":
        return found.parents == ("answers",)
    return kind == "shop" and found.parents == ("scores", "answers")


def checklist_item(checklist: Checked | None, item_id: str) -> tuple[int, dict[str, Any]] | None:
    """The item of that id and its index in the checklist's `items`."""
    for index, item in enumerate(checklist.data.get("items", []) if checklist else []):
        if isinstance(item, dict) and item.get("id") == item_id:
            return index, item
    return None


def criterion(
    scorecard: Checked | None, criterion_id: str
) -> tuple[JsonPath, dict[str, Any]] | None:
    """The criterion of that id and the path of its id in the scorecard."""
    sections = scorecard.data.get("sections", []) if scorecard is not None else []
    for index, section in enumerate(sections):
        for number, found in enumerate(
            section.get("criteria", []) if isinstance(section, dict) else []
        ):
            if isinstance(found, dict) and found.get("id") == criterion_id:
                return ("sections", index, "criteria", number, "id"), found
    return None


def _journey_steps(
    catalog: Catalog,
) -> Iterator[tuple[str, Checked, JsonPath, dict[str, Any]]]:
    """(journey id, its document, the path of the step's id, the step) for every step."""
    for journey_id in catalog.ids("journey"):
        found = catalog.get("journey", journey_id)
        for index, stage in enumerate(found.data.get("stages", []) if found is not None else []):
            for number, step in enumerate(
                stage.get("steps", []) if isinstance(stage, dict) else []
            ):
                if found is not None and isinstance(step, dict) and "id" in step:
                    yield journey_id, found, ("stages", index, "steps", number, "id"), step


def steps(catalog: Catalog) -> list[tuple[str, str, str | None]]:
    """Every (journey id, step id, step title) of the workspace: what `journey#step` names."""
    return [
        (journey_id, str(step["id"]), step.get("title"))
        for journey_id, _, _, step in _journey_steps(catalog)
    ]


def step_place(catalog: Catalog, journey_id: str, step_id: str) -> tuple[Document, JsonPath] | None:
    """Where `journey_id#step_id` is written, for go-to-definition."""
    for found_id, journey, path, step in _journey_steps(catalog):
        if found_id == journey_id and str(step["id"]) == step_id and journey.document is not None:
            return journey.document, path
    return None
