"""The sxt language server: the findings of `sxt validate` and `sxt lint` in the editor,
as the text is typed, not when CI fails.

Nothing here checks anything itself. A YAML or Markdown document goes through
toolkit.core.validation (schema and references, with the editor's unsaved buffers standing
in for the files on disk), a reply through toolkit.lint (the guide the CLI would pick, the
situation the CLI would detect), and each Diagnostic they return is only moved from sxt's
1-based code-point columns to LSP's 0-based ones (toolkit.lsp.positions).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from toolkit import __version__
from toolkit.core.diagnostics import Diagnostic
from toolkit.lsp.positions import from_lsp, split_lines, to_lsp

if TYPE_CHECKING:
    from toolkit.core.validation import Catalog, Checked
    from toolkit.lint.guide import Guide, Guides, Rule

SOURCE = "sxt"
VALIDATED_SUFFIXES = (".yaml", ".yml", ".md")
"""Files `sxt validate` reads; anything else under replies/ is only linted (exports, CSV)."""

_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "suggestion": types.DiagnosticSeverity.Information,
}


@dataclass(frozen=True, slots=True)
class Explained:
    """A lint finding's place in the open text and what hover says about it."""

    start: tuple[int, int]  # sxt (line, col), 1-based, code points
    end: tuple[int, int]
    guide: Guide
    rule: Rule
    found: str = ""
    """The reply's text the finding covers, to check a fix lands on exactly those characters."""
    replacement: str | None = None
    """What `sxt lint --fix` writes instead (Finding.replacement), None when it writes nothing."""


@dataclass(slots=True)
class Analysis:
    """What one version of one open document was found to have."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    ends: dict[int, tuple[int, int]] = field(default_factory=dict)
    """Index in `diagnostics` -> where a lint finding ends (lint knows its span)."""
    explained: list[Explained] = field(default_factory=list)
    catalog: Catalog | None = None
    """The documents references were resolved against (validation's own): what completion,
    go-to-definition and hover read ids from, without reading the workspace again."""


class SxtLanguageServer(LanguageServer):
    """pygls's server with what sxt keeps between requests: the compiled tone guides and the
    lint findings of each open reply, which hover reads without linting again."""

    def __init__(self) -> None:
        super().__init__("sxt", __version__)
        self.guides: dict[Path | None, tuple[tuple[object, ...], Guides]] = {}
        self.analyses: dict[str, Analysis] = {}


def is_reply(path: Path) -> bool:
    """A reply is what `sxt lint` reads with no arguments: a file under a replies/ folder."""
    from toolkit.lint.runner import REPLY_SUFFIXES

    return path.suffix.lower() in REPLY_SUFFIXES and "replies" in path.parent.parts


def guides_for(server: SxtLanguageServer, path: Path) -> Guides:
    """The guides `sxt lint` would use for `path` (the workspace's default guide, the others
    beside it for other locales), compiled once and again only when the guide file changes."""
    from toolkit.core.workspace import find_root
    from toolkit.lint.guide import guides_beside, locate_guide

    root = find_root(path.parent) if path.parent.exists() else None
    base = root or path.parent
    guide_path, _ = locate_guide(None, base, root)
    if guide_path is None:  # pragma: no cover - preach is shipped
        raise FileNotFoundError("no tone guide")
    files = sorted(guide_path.parent.glob("*.yaml"))
    if root is not None:
        files.append(root / "sxt.yaml")  # where the default guide is named
    stamp = tuple(_stamp(file) for file in files)
    cached = server.guides.get(root)
    if cached is None or cached[0] != stamp:
        cached = server.guides[root] = (stamp, guides_beside(guide_path, base))
    return cached[1]


def reply_guide(server: SxtLanguageServer, path: Path, text: str) -> Guide | None:
    """The guide `sxt lint` would use for the reply `text`: its locale's, else its script's
    (Guides.for_reply). None when the guide cannot be compiled (its errors are already
    diagnostics) or no guide covers the language."""
    from toolkit.lint.guide import GuideError
    from toolkit.lint.language import guess_language
    from toolkit.lsp.references import top

    try:
        return guides_for(server, path).for_locale(top(text, "locale") or guess_language(text))
    except GuideError:
        return None


def _stamp(path: Path) -> tuple[str, int, int]:
    """A file's size and mtime: a guide rewritten within one mtime tick usually changes size."""
    try:
        status = os.stat(path)
    except OSError:
        return (str(path), -1, -1)
    return (str(path), status.st_size, status.st_mtime_ns)


def analyse(server: SxtLanguageServer, path: Path, text: str) -> Analysis:
    """Every finding sxt has for `text`, the content of the document at `path`."""
    analysis = Analysis()
    validated: list[Diagnostic] = []
    if path.suffix.lower() in VALIDATED_SUFFIXES:
        from toolkit.checks import job_checks

        checked, analysis.catalog = validate_text(server, path, text)
        validated = checked.diagnostics
        analysis.diagnostics += validated
        analysis.diagnostics += job_checks(checked, analysis.catalog, dt.date.today())
    if is_reply(path):
        lint_text(server, path, text, analysis, quiet=bool(validated))
    return analysis


def validate_text(
    server: SxtLanguageServer, path: Path, text: str
) -> tuple[Checked, Catalog | None]:
    """`sxt validate` on one document, every open document read from the editor; with the
    catalog its references were resolved against."""
    from toolkit.core.validation import validate

    texts = {path.resolve(): text}
    for uri, document in server.workspace.text_documents.items():
        other = to_fs_path(uri)
        if other is not None:
            texts.setdefault(Path(other).resolve(), document.source)
    report = validate([path], path.parent, texts)
    return report.files[0], next(iter(report.catalogs.values()), None)


def lint_text(
    server: SxtLanguageServer, path: Path, text: str, analysis: Analysis, *, quiet: bool
) -> None:
    """`sxt lint` on one reply file's text. A file that cannot be read as replies has its
    problem said once: by validation when it has already said it (`quiet`)."""
    from toolkit.core.loader import LoadError
    from toolkit.lint.engine import Options, lint
    from toolkit.lint.guide import GuideError
    from toolkit.lint.sources import read_replies_from_text

    try:
        guides = guides_for(server, path)
        replies = read_replies_from_text(text, path.name)
    except GuideError as error:
        analysis.diagnostics += [
            Diagnostic(
                path.name, None, None, "error", "guide", f"tone guide: {d.location()}: {d.message}"
            )
            for d in error.diagnostics
        ]
        return
    except LoadError as error:
        if not quiet:
            analysis.diagnostics += error.diagnostics
        return
    options = Options()
    for reply in replies:
        guide, _ = guides.for_reply(reply)
        if guide is None:
            continue
        result = lint(reply, guide, options)
        for finding, diagnostic in zip(result.findings, result.diagnostics(), strict=True):
            end = reply.locate(max(finding.end, finding.start + 1))
            analysis.ends[len(analysis.diagnostics)] = (end.line, end.col)
            analysis.diagnostics.append(diagnostic)
            analysis.explained.append(
                Explained(
                    (diagnostic.line or 1, diagnostic.col or 1),
                    (end.line, end.col),
                    guide,
                    finding.rule,
                    reply.text[finding.start : finding.end],
                    finding.replacement,
                )
            )


def to_lsp_diagnostics(
    analysis: Analysis, lines: list[str], encoding: str
) -> list[types.Diagnostic]:
    """sxt's diagnostics as LSP's. A schema or reference finding knows where it starts, not
    where it ends: it runs to the end of its word, so the editor underlines something."""
    out = []
    for index, diagnostic in enumerate(analysis.diagnostics):
        start = to_lsp(lines, diagnostic.line, diagnostic.col, encoding)
        if index in analysis.ends:
            end = to_lsp(lines, *analysis.ends[index], encoding)
        else:
            end = to_lsp(lines, *_word_end(lines, diagnostic), encoding)
        out.append(
            types.Diagnostic(
                range=types.Range(
                    start=types.Position(line=start[0], character=start[1]),
                    end=types.Position(line=end[0], character=end[1]),
                ),
                message=diagnostic.message,
                severity=_SEVERITY.get(diagnostic.severity, types.DiagnosticSeverity.Error),
                code=diagnostic.code,
                source=SOURCE,
            )
        )
    return out


def _word_end(lines: list[str], diagnostic: Diagnostic) -> tuple[int | None, int | None]:
    if diagnostic.line is None or not 1 <= diagnostic.line <= len(lines):
        return diagnostic.line, diagnostic.col
    text = lines[diagnostic.line - 1]
    col = (diagnostic.col or 1) - 1
    end = col
    while end < len(text) and not text[end].isspace():
        end += 1
    return diagnostic.line, max(end, col + 1) + 1


async def publish(server: SxtLanguageServer, uri: str) -> None:
    """Checks the open document at `uri` and sends what was found, replacing the last.

    The check runs on a worker thread, so the server keeps reading messages meanwhile: a
    long document being checked never holds back another document's findings, a hover or a
    completion. A result for a version the editor has since replaced is dropped; the check
    of the newer one sends its own."""
    document = server.workspace.get_text_document(uri)
    fs_path = to_fs_path(uri)
    if fs_path is None:
        return
    path = Path(fs_path)
    text, version = document.source, document.version
    analysis = await asyncio.to_thread(analyse, server, path, text)
    if server.workspace.text_documents.get(uri) is not document or document.version != version:
        return
    server.analyses[uri] = analysis
    encoding = str(server.workspace.position_encoding or "utf-16")
    server.text_document_publish_diagnostics(
        types.PublishDiagnosticsParams(
            uri=uri,
            version=document.version,
            diagnostics=to_lsp_diagnostics(analysis, split_lines(text), encoding),
        )
    )


def hover(server: SxtLanguageServer, uri: str, position: types.Position) -> types.Hover | None:
    """Over a lint finding: its rule explained, as `sxt lint --explain RULE` prints it."""
    from toolkit.lint.guide import explain

    analysis = server.analyses.get(uri)
    if analysis is None:
        return None
    lines = split_lines(server.workspace.get_text_document(uri).source)
    encoding = str(server.workspace.position_encoding or "utf-16")
    here = from_lsp(lines, position.line, position.character, encoding)
    found = [e for e in analysis.explained if e.start <= here < e.end]
    if not found:
        return None
    texts = list(dict.fromkeys(explain(e.guide, e.rule) for e in found))
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.PlainText, value="\n\n".join(texts))
    )


def create_server() -> SxtLanguageServer:
    """A server with its features registered, ready for `start_io`."""
    server = SxtLanguageServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: SxtLanguageServer, params: types.DidOpenTextDocumentParams) -> None:
        await publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: SxtLanguageServer, params: types.DidChangeTextDocumentParams) -> None:
        await publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: SxtLanguageServer, params: types.DidSaveTextDocumentParams) -> None:
        await publish(ls, params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: SxtLanguageServer, params: types.DidCloseTextDocumentParams) -> None:
        # A closed file's findings are the CLI's business again: clear them from the editor.
        ls.analyses.pop(params.text_document.uri, None)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[])
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: SxtLanguageServer, params: types.HoverParams) -> types.Hover | None:
        from toolkit.lsp import navigation

        uri, position = params.text_document.uri, params.position
        return hover(ls, uri, position) or navigation.hover(ls, uri, position)

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=[" ", ",", "["]),
    )
    def on_completion(
        ls: SxtLanguageServer, params: types.CompletionParams
    ) -> list[types.CompletionItem] | None:
        from toolkit.lsp.completion import complete

        return complete(ls, params.text_document.uri, params.position) or None

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def on_definition(
        ls: SxtLanguageServer, params: types.DefinitionParams
    ) -> types.Location | None:
        from toolkit.lsp.navigation import definition

        return definition(ls, params.text_document.uri, params.position)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def on_code_action(
        ls: SxtLanguageServer, params: types.CodeActionParams
    ) -> list[types.CodeAction] | None:
        from toolkit.lsp.actions import code_actions

        return code_actions(ls, params.text_document.uri, params.range) or None

    return server


def serve() -> None:
    """Runs the server over standard input and output until the editor says exit."""
    create_server().start_io()
