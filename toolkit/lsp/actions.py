"""Quick fixes for lint findings: what `sxt lint --fix` would write, and the two ways the lint
engine already understands to switch a rule off.

Nothing is decided here. The replacement is the Finding's own (`Finding.replacement`, which
is exactly what --fix applies), and the disable comments are the syntax the engine reads
(`<!-- sxt-disable-next-line RULE -->` in the body, `sxt-disable: [RULE]` in the front
matter); this module only turns them into LSP text edits at the right place.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lsprotocol import types

from toolkit.lsp.positions import from_lsp, split_lines, to_lsp

if TYPE_CHECKING:
    from toolkit.lsp.server import Explained, SxtLanguageServer

_FRONT_MATTER = "---"
_DISABLE_KEY = "sxt-disable:"
_LIBRARY = re.compile(r"""kind:[ \t]*['"]?replies['"]?[ \t]*(?:#.*)?$""")

Edit = tuple[tuple[int, int], tuple[int, int], str]
"""An sxt (line, col) start and end, 1-based in code points, and the text to put there."""


def code_actions(
    server: SxtLanguageServer, uri: str, selected: types.Range
) -> list[types.CodeAction]:
    """The quick fixes for every lint finding the selection touches, each title once."""
    from pygls.uris import to_fs_path

    from toolkit.lint.sources import is_markdown

    analysis = server.analyses.get(uri)
    fs_path = to_fs_path(uri)
    if analysis is None or fs_path is None:
        return []
    lines = split_lines(server.workspace.get_text_document(uri).source)
    encoding = str(server.workspace.position_encoding or "utf-16")
    first = from_lsp(lines, selected.start.line, selected.start.character, encoding)
    last = from_lsp(lines, selected.end.line, selected.end.character, encoding)
    # The directives are read from a Markdown (or plain-text) reply's body and front matter;
    # in an export or a YAML list of replies the same text would need escaping this module
    # does not know.
    markdown = is_markdown(fs_path)
    actions: dict[str, types.CodeAction] = {}
    for explained in analysis.explained:
        if not (explained.start <= last and first < explained.end):
            continue
        edits = [
            ("Replace with", _replacement(lines, explained)),
            ("line", _disable_line(lines, explained) if markdown else None),
            ("reply", _disable_reply(lines, explained) if markdown else None),
        ]
        for what, edit in edits:
            if edit is None:
                continue
            if what == "Replace with":
                title = f'Replace with "{explained.replacement}"'
            else:
                title = f"Disable {explained.rule.id} for this {what}"
            actions.setdefault(title, _action(title, uri, edit, lines, encoding, what))
    return list(actions.values())


def _action(
    title: str,
    uri: str,
    edit: Edit,
    lines: list[str],
    encoding: str,
    what: str,
) -> types.CodeAction:
    (start_line, start_col), (end_line, end_col), text = edit
    start = to_lsp(lines, start_line, start_col, encoding)
    end = to_lsp(lines, end_line, end_col, encoding)
    text_edit = types.TextEdit(
        range=types.Range(
            start=types.Position(line=start[0], character=start[1]),
            end=types.Position(line=end[0], character=end[1]),
        ),
        new_text=text,
    )
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        edit=types.WorkspaceEdit(changes={uri: [text_edit]}),
        is_preferred=what == "Replace with",
    )


def _replacement(lines: list[str], explained: Explained) -> Edit | None:
    """--fix's replacement, offered only where the open text still shows, at the finding's
    place, exactly what was linted: a reply read through escapes (JSON, HTML) does not."""
    if explained.replacement is None:
        return None
    (line, col), (end_line, end_col) = explained.start, explained.end
    if line != end_line or not 1 <= line <= len(lines):
        return None
    if lines[line - 1][col - 1 : end_col - 1] != explained.found:
        return None
    return (explained.start, explained.end, explained.replacement)


_NEXT_LINE = re.compile(r"^\s*<!--\s*sxt-disable-next-line\b([^>]*?)\s*-->\s*$")


def _disable_line(lines: list[str], explained: Explained) -> Edit | None:
    """`<!-- sxt-disable-next-line RULE -->` on its own line above the finding's, indented
    the same, so the line itself is left as written. A directive already there gets the rule
    added: a second one in between would leave the first disabling only the second."""
    line = explained.start[0]
    closing = _front_matter_end(lines)
    if not 1 <= line <= len(lines) or (closing is not None and line <= closing + 1):
        return None  # a directive in the front matter would be YAML, not a comment
    if line >= 2:
        above = _NEXT_LINE.match(lines[line - 2])
        if above is not None:
            names = above.group(1).replace(",", " ").split()
            if not names or explained.rule.id in names:
                return None
            at = above.end(1) + 1
            return ((line - 1, at), (line - 1, at), f" {explained.rule.id}")
    text = lines[line - 1]
    indent = text[: len(text) - len(text.lstrip())]
    comment = f"{indent}<!-- sxt-disable-next-line {explained.rule.id} -->\n"
    return ((line, 1), (line, 1), comment)


def _front_matter_end(lines: list[str]) -> int | None:
    """The 0-based line that closes a Markdown reply's front matter, None without one."""
    if not lines or lines[0].rstrip() != _FRONT_MATTER:
        return None
    return next(
        (i for i in range(1, len(lines)) if lines[i].rstrip() in (_FRONT_MATTER, "...")), None
    )


def _disable_reply(lines: list[str], explained: Explained) -> Edit | None:
    """The rule added to the front matter's `sxt-disable` list, the list made when there is
    none. A list written as a block (one `- item` a line) is not edited: offering nothing is
    better than guessing its indentation. Nor is the front matter of a file of several
    replies (`kind: replies`), which would disable the rule for every one of them."""
    closing = _front_matter_end(lines)
    if closing is None or any(_LIBRARY.match(line) for line in lines[1:closing]):
        return None
    rule = explained.rule.id
    for index in range(1, closing):
        text = lines[index]
        if not text.startswith(_DISABLE_KEY):
            continue
        value = text[len(_DISABLE_KEY) :].strip()
        if not (value.startswith("[") and value.endswith("]")):
            return None
        names = [name.strip() for name in value[1:-1].split(",") if name.strip()]
        if rule in names:
            return None
        at = text.rindex("]") + 1
        added = f", {rule}" if names else rule
        return ((index + 1, at), (index + 1, at), added)
    return ((closing + 1, 1), (closing + 1, 1), f"{_DISABLE_KEY} [{rule}]\n")
