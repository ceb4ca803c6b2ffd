"""`sxt lsp` beyond diagnostics, end to end over stdio: quick fixes, completion,
go-to-definition and hover on references, in a workspace made by `sxt init`."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from .session import KINDLY_LINE, REPLY, open_and_wait

pytestmark = pytest.mark.asyncio


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """The edits applied as an editor would (UTF-16 columns; the test text is all BMP but
    for the emoji, which comes before any edit on its line)."""
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))[::-1]:
        start, end = edit.range.start, edit.range.end
        assert start.line == end.line

        def cut(line: str, unit: int) -> int:
            count = 0
            for index, character in enumerate(line):
                if count >= unit:
                    return index
                count += 2 if ord(character) > 0xFFFF else 1
            return len(line)

        line = lines[start.line]
        a, b = cut(line, start.character), cut(line, end.character)
        lines[start.line] = line[:a] + edit.new_text + line[b:]
    return "\n".join(lines)


async def change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


def kindly(client: LanguageClient, uri: str) -> list[types.Diagnostic]:
    return [d for d in client.diagnostics[uri] if d.code == "C/jargon" and '"Kindly"' in d.message]


async def actions_at(
    client: LanguageClient, uri: str, line: int, character: int
) -> dict[str, types.CodeAction]:
    here = types.Position(line=line, character=character)
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=here, end=here),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    return {a.title: a for a in result or [] if isinstance(a, types.CodeAction)}


def edits_of(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None and action.edit.changes is not None
    return list(action.edit.changes[uri])


@pytest.mark.parametrize(
    "title",
    [
        'Replace with "Please"',
        "Disable jargon for this line",
        "Disable jargon for this reply",
    ],
)
async def test_each_quick_fix_removes_the_finding(
    client: LanguageClient, workspace: Path, title: str
):
    uri = await open_and_wait(client, workspace / "replies" / "emoji-jargon.md", REPLY, "markdown")
    assert kindly(client, uri)
    actions = await actions_at(client, uri, KINDLY_LINE, 5)
    assert title in actions
    fixed = apply(REPLY, edits_of(actions[title], uri))
    await change(client, uri, fixed, 2)
    assert kindly(client, uri) == []
    if title.startswith("Replace"):
        assert "🙈 Please revert back" in fixed
        assert actions[title].is_preferred
    elif title.endswith("line"):
        assert "<!-- sxt-disable-next-line jargon -->\n🙈 Kindly" in fixed
    else:
        assert "locale: en\nsxt-disable: [jargon]\n---\n" in fixed


async def test_disable_for_the_reply_extends_an_existing_list(
    client: LanguageClient, workspace: Path
):
    text = REPLY.replace("locale: en\n", "locale: en\nsxt-disable: [greeting]\n")
    uri = await open_and_wait(client, workspace / "replies" / "emoji-jargon.md", text, "markdown")
    actions = await actions_at(client, uri, KINDLY_LINE + 1, 5)
    fixed = apply(text, edits_of(actions["Disable jargon for this reply"], uri))
    assert "sxt-disable: [greeting, jargon]\n" in fixed


async def test_disable_for_the_line_extends_the_directive_above(
    client: LanguageClient, workspace: Path
):
    """A second directive between the first and the line would leave the first disabling
    only the second: the rule joins the one already there."""
    text = REPLY.replace("🙈", "<!-- sxt-disable-next-line greeting -->\n🙈")
    uri = await open_and_wait(client, workspace / "replies" / "emoji-jargon.md", text, "markdown")
    actions = await actions_at(client, uri, KINDLY_LINE + 1, 5)
    fixed = apply(text, edits_of(actions["Disable jargon for this line"], uri))
    assert "<!-- sxt-disable-next-line greeting jargon -->\n🙈 Kindly" in fixed
    await change(client, uri, fixed, 2)
    assert kindly(client, uri) == []


@pytest.mark.parametrize("name", ["emoji-jargon.markdown", "emoji-jargon.txt"])
async def test_replies_read_as_markdown_get_the_disable_actions(
    client: LanguageClient, workspace: Path, name: str
):
    uri = await open_and_wait(client, workspace / "replies" / name, REPLY, "markdown")
    actions = await actions_at(client, uri, KINDLY_LINE, 5)
    assert {"Disable jargon for this line", "Disable jargon for this reply"} <= set(actions)


async def test_a_markdown_library_gets_no_disable_for_the_reply(
    client: LanguageClient, workspace: Path
):
    """Its front matter is every reply's: "for this reply" would disable the rule in all."""
    text = "---\nkind: replies\n---\n## Export\n\nKindly revert back if you need more.\n"
    uri = await open_and_wait(client, workspace / "replies" / "library.md", text, "markdown")
    actions = await actions_at(client, uri, 5, 2)
    assert {'Replace with "Please"', "Disable jargon for this line"} <= set(actions)
    assert "Disable jargon for this reply" not in actions


async def test_a_yaml_list_of_replies_gets_the_replacement_only(
    client: LanguageClient, workspace: Path
):
    """A directive written into a YAML scalar would need its quoting; the fix is safe."""
    text = (
        "sxt: 1\nkind: replies\nreplies:\n"
        "  - id: export\n    title: Export\n    body: Kindly revert back if you need more.\n"
    )
    uri = await open_and_wait(client, workspace / "replies" / "macros.yaml", text, "yaml")
    assert set(await actions_at(client, uri, 5, 11)) == {'Replace with "Please"'}


async def test_no_action_away_from_a_finding(client: LanguageClient, workspace: Path):
    uri = await open_and_wait(client, workspace / "replies" / "emoji-jargon.md", REPLY, "markdown")
    assert await actions_at(client, uri, 5, 1) == {}


AUDIT = (
    "sxt: 1\nkind: audit\nchecklist: ten-point\nquarter: 2026-Q4\n"
    "items:\n  culture:\n    level: 2\n  pl\n"
)
SHOP = """\
sxt: 1
kind: shop
scorecard: chat-email
scenario: Refund for a double charge
channel: email
date: 2026-08-12
agent: Tom Becker
scores:
  - scorer: Maya Okafor
    date: 2026-08-14
    answers:
      email-response-time: yes
      pe
"""


async def complete(
    client: LanguageClient, uri: str, line: int, character: int
) -> dict[str, types.CompletionItem]:
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character),
        )
    )
    listed = result.items if isinstance(result, types.CompletionList) else result or []
    return {item.label: item for item in listed}


def span(item: types.CompletionItem) -> tuple[int, int]:
    """The characters a completion replaces on its line: the whole id being typed."""
    edit = item.text_edit
    assert isinstance(edit, types.TextEdit)
    assert edit.range.start.line == edit.range.end.line
    return edit.range.start.character, edit.range.end.character


async def test_audit_items_complete_from_the_checklist(client: LanguageClient, workspace: Path):
    uri = await open_and_wait(client, workspace / "audits" / "2026-Q4.yaml", AUDIT, "yaml")
    items = await complete(client, uri, 7, 4)
    assert "platform" in items
    assert "culture" not in items  # assessed already: an audit names an item once
    assert span(items["platform"]) == (2, 4)
    assert items["platform"].detail
    assert await complete(client, uri, 2, 12) == {}  # not a reference to an item


async def test_shop_answers_complete_from_the_scorecard(client: LanguageClient, workspace: Path):
    path = workspace / "shops" / "2026-08-12-refund.yaml"
    uri = await open_and_wait(client, path, SHOP, "yaml")
    criteria = await complete(client, uri, 12, 8)
    assert "personal-greeting" in criteria
    assert "first-response-60s" not in criteria  # a chat criterion; this shop is email


async def test_rule_ids_complete_in_a_disable_comment(client: LanguageClient, workspace: Path):
    text = REPLY.replace("🙈", "<!-- sxt-disable-next-line jar -->\n🙈")
    uri = await open_and_wait(client, workspace / "replies" / "emoji-jargon.md", text, "markdown")
    rules = await complete(client, uri, KINDLY_LINE, 30)
    assert "jargon" in rules
    assert span(rules["jargon"]) == (27, 30)
    front = text.replace("locale: en\n", "locale: en\nsxt-disable: [\n")
    uri = await open_and_wait(client, workspace / "replies" / "other.md", front, "markdown")
    assert "jargon" in await complete(client, uri, 4, 14)
    assert await complete(client, uri, KINDLY_LINE + 2, 3) == {}  # prose is not a reference


async def defined_at(
    client: LanguageClient, uri: str, line: int, character: int, expected: Path, key: str
) -> str:
    """The line go-to-definition lands on, checked to be in `expected` and to show, from the
    character it names, the id `key` under the cursor (a mapping's key with its colon)."""
    found = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character),
        )
    )
    assert isinstance(found, types.Location)
    assert found.uri == expected.resolve().as_uri()
    text = expected.read_text(encoding="utf-8").splitlines()[found.range.start.line]
    assert text[found.range.start.character :] in (key, f"{key}:")
    return text


async def test_an_audit_item_goes_to_its_checklist_item(client: LanguageClient, workspace: Path):
    uri = await open_and_wait(client, workspace / "audits" / "2026-Q4.yaml", AUDIT, "yaml")
    line = await defined_at(
        client, uri, 5, 4, workspace / "checklists" / "ten-point.yaml", "culture"
    )
    assert line.endswith("- id: culture")


async def hover_text(client: LanguageClient, uri: str, line: int, character: int) -> str:
    found = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character),
        )
    )
    assert found is not None and isinstance(found.contents, types.MarkupContent)
    return found.contents.value


async def test_hover_on_an_audit_level(client: LanguageClient, workspace: Path):
    uri = await open_and_wait(client, workspace / "audits" / "2026-Q4.yaml", AUDIT, "yaml")
    shown = await hover_text(client, uri, 6, 6)
    assert shown.startswith("culture: Build a customer-centric culture")
    assert "Why: Service is a team sport" in shown
    assert "Level 2 (Defined): A customer outcome is in the company goals" in shown
    assert "Level 3" not in shown  # only the level chosen


async def test_hover_on_a_shop_criterion(client: LanguageClient, workspace: Path):
    path = workspace / "shops" / "2026-08-12-refund.yaml"
    uri = await open_and_wait(client, path, SHOP, "yaml")
    shown = await hover_text(client, uri, 11, 8)
    assert "Compare with the response time promised on the contact page" in shown


async def test_a_scoring_takes_its_scorecard_and_channel_from_its_shop(
    client: LanguageClient, workspace: Path
):
    shop = SHOP.replace("      pe\n", "")  # a shop that reads as YAML: the scoring's facts
    (workspace / "shops" / "2026-08-12-refund.yaml").write_text(shop, encoding="utf-8")
    scoring = workspace / "shops" / "2026-08-12-refund" / "sam-lee.yaml"
    scoring.parent.mkdir()
    text = "sxt: 1\nkind: scoring\nscorer: Sam Lee\nanswers:\n  email-response-time: no\n  pe\n"
    uri = await open_and_wait(client, scoring, text, "yaml")
    criteria = await complete(client, uri, 5, 4)
    assert "personal-greeting" in criteria
    assert "first-response-60s" not in criteria
    line = await defined_at(
        client, uri, 4, 3, workspace / "checklists" / "chat-email.yaml", "email-response-time"
    )
    assert line.endswith("- id: email-response-time")


async def test_situations_and_journey_steps_complete(client: LanguageClient, workspace: Path):
    text = REPLY.replace("locale: en\n", "locale: en\nsituation: bil\n")
    uri = await open_and_wait(client, workspace / "replies" / "emoji-jargon.md", text, "markdown")
    situations = await complete(client, uri, 4, 14)
    assert "billing" in situations
    assert span(situations["billing"]) == (11, 14)
    shop = SHOP.replace("agent: Tom Becker\n", "agent: Tom Becker\njourney_step: first\n")
    uri = await open_and_wait(client, workspace / "shops" / "2026-08-12-refund.yaml", shop, "yaml")
    assert "first-billing-issue#renewal-declined" in await complete(client, uri, 7, 19)


async def no_definition(client: LanguageClient, uri: str, line: int, character: int) -> None:
    found = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character),
        )
    )
    assert found is None


async def test_a_journey_step_goes_to_the_step_in_its_journey(
    client: LanguageClient, workspace: Path
):
    shop = SHOP.replace(
        "agent: Tom Becker\n",
        "agent: Tom Becker\njourney_step: first-billing-issue#renewal-declined\n",
    )
    uri = await open_and_wait(client, workspace / "shops" / "2026-08-12-refund.yaml", shop, "yaml")
    journey = workspace / "journeys" / "first-billing-issue.yaml"
    line = await defined_at(client, uri, 7, 40, journey, "renewal-declined")
    assert line.endswith("- id: renewal-declined")
    await no_definition(client, uri, 7, 3)  # on the key, not the reference
    unknown = shop.replace("#renewal-declined", "#no-such-step")
    uri = await open_and_wait(
        client, workspace / "shops" / "2026-08-12-other.yaml", unknown, "yaml"
    )
    await no_definition(client, uri, 7, 40)


async def test_a_replys_situation_rules_and_findings_go_to_the_tone_guide(
    client: LanguageClient, workspace: Path
):
    guide = workspace / "tone_guides" / "preach.yaml"
    text = REPLY.replace("locale: en\n", "locale: en\nsituation: billing\nsxt-disable: [hedging]\n")
    text = text.replace("🙈", "<!-- sxt-disable-next-line exclamations, blame -->\n🙈")
    uri = await open_and_wait(client, workspace / "replies" / "emoji-jargon.md", text, "markdown")
    assert (await defined_at(client, uri, 4, 13, guide, "billing")).strip() == "billing:"
    await defined_at(client, uri, 5, 16, guide, "hedging")
    comment = KINDLY_LINE + 2
    await defined_at(client, uri, comment, 44, guide, "blame")
    assert (await defined_at(client, uri, comment + 1, 4, guide, "jargon")).endswith("- id: jargon")
    await no_definition(client, uri, comment + 1, 30)  # prose with no finding under it
