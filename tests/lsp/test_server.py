"""`sxt lsp` end to end: a real LSP client (pytest-lsp) talks to `python -m toolkit lsp` over
stdio, as an editor would, in a workspace made by `sxt init`."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from lsprotocol import types
from pytest_lsp import LanguageClient

from toolkit.cli.main import cli

from .session import KINDLY_LINE, REPLY, by_code, open_and_wait

pytestmark = pytest.mark.asyncio


async def test_a_bad_reply_is_underlined_after_an_emoji(client: LanguageClient, workspace: Path):
    path = workspace / "replies" / "emoji-jargon.md"
    uri = await open_and_wait(client, path, REPLY, "markdown")
    jargon = [d for d in by_code(client, uri, "C/jargon") if '"Kindly"' in d.message]
    assert len(jargon) == 1
    # 🙈 is two UTF-16 units, then a space: "Kindly" is at character 3, and six long.
    assert jargon[0].range.start == types.Position(line=KINDLY_LINE, character=3)
    assert jargon[0].range.end == types.Position(line=KINDLY_LINE, character=9)
    assert jargon[0].severity == types.DiagnosticSeverity.Warning
    assert jargon[0].source == "sxt"


async def test_hangul_after_an_emoji(client: LanguageClient, workspace: Path):
    text = "---\nid: ko\ntitle: 결제\nsituation: billing\nlocale: ko\n---\n🙈 결제가 실패했네.\n"
    uri = await open_and_wait(client, workspace / "replies" / "ko.md", text, "markdown")
    casual = by_code(client, uri, "H/casual-register")
    assert [d.range.start for d in casual] == [types.Position(line=6, character=7)]
    # 🙈(2) space(1) 결제가(3) space(1): 실패했네 starts at unit 7 and is 4 units long.
    assert casual[0].range.end == types.Position(line=6, character=11)


async def test_diagnostics_follow_an_edit(client: LanguageClient, workspace: Path):
    path = workspace / "replies" / "emoji-jargon.md"
    uri = await open_and_wait(client, path, REPLY, "markdown")
    assert by_code(client, uri, "C/jargon")
    fixed = REPLY.replace("Kindly revert back", "Please reply")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert by_code(client, uri, "C/jargon") == []
    # An incremental edit: put the jargon back on the first body line, after "Hello Sam,".
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=3),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(
                        start=types.Position(line=5, character=10),
                        end=types.Position(line=5, character=10),
                    ),
                    text=" Kindly note",
                )
            ],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    starts = [d.range.start for d in by_code(client, uri, "C/jargon")]
    assert starts == [types.Position(line=5, character=11)]


async def test_an_audit_schema_error_at_its_line_and_column(
    client: LanguageClient, workspace: Path
):
    text = (
        "sxt: 1\nkind: audit\nchecklist: ten-point\nquarter: 2026-Q4\n"
        "items:\n  culture:\n    level: 7\n"
    )
    uri = await open_and_wait(client, workspace / "audits" / "2026-Q4.yaml", text, "yaml")
    errors = client.diagnostics[uri]
    assert [(d.range.start.line, d.range.start.character) for d in errors] == [(6, 11)]
    assert "greater than the maximum 4" in errors[0].message
    assert errors[0].severity == types.DiagnosticSeverity.Error
    # `sxt validate` says 7:12 for the same file: the same place, 1-based.
    (workspace / "audits" / "2026-Q4.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["-C", str(workspace), "validate", "audits/2026-Q4.yaml"])
    assert "audits/2026-Q4.yaml:7:12: error:" in result.output


async def test_a_journey_reference_is_checked_against_the_workspace(
    client: LanguageClient, workspace: Path
):
    """An unknown checklist item in a journey is found against the workspace's checklist."""
    journey = next((workspace / "journeys").glob("*.yaml"))
    text = journey.read_text(encoding="utf-8")
    item = "fix-permanently"
    assert item in text
    broken = text.replace(item, "fix-permanantly", 1)
    uri = await open_and_wait(client, journey, broken, "yaml")
    references = by_code(client, uri, "reference")
    assert len(references) == 1
    assert "did you mean 'fix-permanently'?" in references[0].message
    line = broken.splitlines()[references[0].range.start.line]
    assert line[references[0].range.start.character :].startswith("fix-permanantly")


async def test_hover_on_a_finding_explains_its_rule(client: LanguageClient, workspace: Path):
    path = workspace / "replies" / "emoji-jargon.md"
    uri = await open_and_wait(client, path, REPLY, "markdown")
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=KINDLY_LINE, character=5),
        )
    )
    assert hover is not None
    assert isinstance(hover.contents, types.MarkupContent)
    explained = CliRunner().invoke(cli, ["-C", str(workspace), "lint", "--explain", "C/jargon"])
    assert hover.contents.value == explained.output.rstrip("\n")
    nothing = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=5, character=1),
        )
    )
    assert nothing is None


async def test_references_resolve_against_unsaved_documents(
    client: LanguageClient, workspace: Path
):
    """A checklist item renamed in an open, unsaved checklist is what a journey is checked
    against: the editor's buffer, not the file on disk."""
    checklist = workspace / "checklists" / "ten-point.yaml"
    renamed = checklist.read_text(encoding="utf-8").replace("fix-permanently", "fix-for-good")
    await open_and_wait(client, checklist, renamed, "yaml")
    journey = next((workspace / "journeys").glob("*.yaml"))
    text = journey.read_text(encoding="utf-8").replace("fix-permanently", "fix-for-good")
    uri = await open_and_wait(client, journey, text, "yaml")
    assert by_code(client, uri, "reference") == []


async def test_save_checks_again(client: LanguageClient, workspace: Path):
    path = workspace / "replies" / "emoji-jargon.md"
    uri = await open_and_wait(client, path, REPLY, "markdown")
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert by_code(client, uri, "C/jargon")


async def test_an_edited_guide_is_compiled_again(client: LanguageClient, workspace: Path):
    """The guide is compiled once, but not kept past a change to its file: a phrase dropped
    from it is no longer reported when the open reply is next checked."""
    path = workspace / "replies" / "emoji-jargon.md"
    uri = await open_and_wait(client, path, REPLY, "markdown")
    assert [d for d in by_code(client, uri, "C/jargon") if '"Kindly"' in d.message]
    guide = workspace / "tone_guides" / "preach.yaml"
    text = guide.read_text(encoding="utf-8")
    assert text.count("      kindly: please\n") == 1
    guide.write_text(text.replace("      kindly: please\n", ""), encoding="utf-8")
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert not [d for d in by_code(client, uri, "C/jargon") if '"Kindly"' in d.message]
    assert by_code(client, uri, "C/jargon")  # the rest of the rule is still there


async def test_a_long_document_does_not_hold_back_another(client: LanguageClient, workspace: Path):
    """Checks run off the message loop: the findings of a short reply opened just after a
    340 KB one arrive first."""
    paragraph = "Kindly note we utilize the new form in order to help you. " * 40
    long_text = "---\nid: long\ntitle: Long\n---\n" + (paragraph + "\n\n") * 150
    arrived: list[str] = []
    uris = {}
    for name, text in (("long.md", long_text), ("short.md", REPLY)):
        uris[name] = (workspace / "replies" / name).as_uri()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=uris[name], language_id="markdown", version=1, text=text
                )
            )
        )
    for _ in range(2):
        params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        arrived.append(params.uri)
    assert arrived == [uris["short.md"], uris["long.md"]]
    assert len(client.diagnostics[uris["long.md"]]) > 5_000


async def test_the_jobs_checks_show_on_a_valid_journey_and_audit(
    client: LanguageClient, workspace: Path
):
    """What `sxt journey check` and `sxt audit status` warn about, at the line to edit."""
    journey = workspace / "journeys" / "first-billing-issue.yaml"
    text = journey.read_text(encoding="utf-8").replace("        owner: Finance\n", "", 1)
    uri = await open_and_wait(client, journey, text, "yaml")
    owners = by_code(client, uri, "journey/step-owner")
    assert [d.severity for d in owners] == [types.DiagnosticSeverity.Warning]
    assert "renewal-declined" in owners[0].message
    assert "- id: renewal-declined" in text.splitlines()[owners[0].range.start.line]

    audit = (
        "sxt: 1\nkind: audit\nchecklist: ten-point\nquarter: 2026-Q4\n"
        "items:\n  culture:\n    level: 1\n  platform:\n    level: 3\n"
    )
    uri = await open_and_wait(client, workspace / "audits" / "2026-Q4.yaml", audit, "yaml")
    foundation = by_code(client, uri, "audit/foundation")
    assert len(foundation) == 1 and "build the foundation first" in foundation[0].message
    assert foundation[0].range.start.line == 7  # the `platform:` key
    clean = audit.replace("level: 3", "level: 1").replace("2026-Q4", "2026-Q3")
    uri = await open_and_wait(client, workspace / "audits" / "2026-Q3.yaml", clean, "yaml")
    assert list(client.diagnostics[uri]) == []
