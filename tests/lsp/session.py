"""What the pytest-lsp tests share: a reply with a finding after an emoji, and opening a
document the way an editor does, waiting for its first diagnostics."""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

REPLY = """\
---
id: emoji-jargon
title: Export
locale: en
---
Hello Sam,

🙈 Kindly revert back if you need more.
"""
KINDLY_LINE = 7  # 0-based line of the body sentence above


async def open_and_wait(client: LanguageClient, path: Path, text: str, language: str) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language, version=1, text=text
            )
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return uri


def by_code(client: LanguageClient, uri: str, code: str) -> list[types.Diagnostic]:
    return [d for d in client.diagnostics[uri] if d.code == code]
