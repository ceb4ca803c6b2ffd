"""--fix writes back: only the intended span changes, atomically, and never into an export."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from toolkit.core.loader import LoadError
from toolkit.lint.sources import (
    FixUnsupported,
    fixed_source,
    read_replies,
    write_fixes,
)

EXPORTS = Path(__file__).parent.parent / "fixtures" / "exports"


def copy(tmp_path: Path, name: str) -> Path:
    return Path(shutil.copy(EXPORTS / name, tmp_path / name))


def changed_lines(before: str, after: str) -> list[str]:
    """The unified diff without headers and hunk markers: just the -/+ lines."""
    diff = difflib.unified_diff(before.splitlines(True), after.splitlines(True), n=0)
    return [line for line in diff if line[:1] in "-+" and line[:3] not in ("---", "+++")]


def fix_word(path: Path, key: str, old: str, new: str) -> dict[str, str]:
    (reply,) = [r for r in read_replies(path, path.name) if r.key == key]
    assert reply.text.count(old) == 1
    return {key: reply.text.replace(old, new)}


def test_markdown_body_fixed_front_matter_untouched(tmp_path: Path) -> None:
    path = copy(tmp_path, "entities.md")
    before = path.read_text(encoding="utf-8")
    fixed = fix_word(path, "entities", "utilize", "use")
    write_fixes(path, fixed)
    after = path.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "-From 1&nbsp;June, Starter costs &pound;12 &mdash; we utilize the extra to fund "
        "support.\n",
        "+From 1&nbsp;June, Starter costs &pound;12 &mdash; we use the extra to fund support.\n",
    ]
    (reply,) = read_replies(path, "entities.md")
    assert reply.text == fixed["entities"]


def test_markdown_keeps_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "crlf.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\ntitle: T\r\n---\r\nWe utilize it.\r\nBye\r\n")
    write_fixes(path, fix_word(path, "crlf", "utilize", "use"))
    assert path.read_bytes() == b"\xef\xbb\xbf---\r\ntitle: T\r\n---\r\nWe use it.\r\nBye\r\n"


@pytest.mark.parametrize(
    ("fixture", "key", "old_line", "new_line"),
    [
        (
            "replies.yaml",
            "refund-issued",  # literal block
            "      I've refunded your last payment. Banks utilize 5 to 10 working days\n",
            "      I've refunded your last payment. Banks use 5 to 10 working days\n",
        ),
        (
            "replies.yaml",
            "refund-chat",  # literal block indented further than the file's usual two
            "        We utilize the card you paid with.\n",
            "        We use the card you paid with.\n",
        ),
        (
            "replies.yaml",
            "card-declined",  # folded block: same line breaks
            "      check the details, or utilize another card\n",
            "      check the details, or use another card\n",
        ),
        (
            "replies.yaml",
            "#4",  # double-quoted: the \u2014 escape elsewhere on the line stays as written
            '    body: "Here is your invoice \\u2014 we utilize PDF for every copy."\n',
            '    body: "Here is your invoice \\u2014 we use PDF for every copy."\n',
        ),
        (
            "replies.yaml",
            "#5",  # plain scalar: the comment after it stays where it was
            "    body: We utilize prorated billing for every plan change.  # plain scalar\n",
            "    body: We use prorated billing for every plan change.  # plain scalar\n",
        ),
        (
            "canned-replies.yml",  # a bare list, without `kind:`
            "#1",  # literal block
            "    Good news: your refund is approved. Banks utilize 5 to 10 working days\n",
            "    Good news: your refund is approved. Banks use 5 to 10 working days\n",
        ),
        (
            "canned-replies.yml",
            "#2",  # folded block, its second line
            "    utilize it within 24 hours.\n",
            "    use it within 24 hours.\n",
        ),
        (
            "canned-replies.yml",
            "#3",  # double-quoted, its \u2014 escape kept
            '  body: "We utilize SSL \\u2014 everywhere."\n',
            '  body: "We use SSL \\u2014 everywhere."\n',
        ),
    ],
)
def test_yaml_fix_changes_only_the_intended_line(
    tmp_path: Path, fixture: str, key: str, old_line: str, new_line: str
) -> None:
    path = copy(tmp_path, fixture)
    before = path.read_text(encoding="utf-8")
    fixed = fix_word(path, key, "utilize", "use")
    preview = fixed_source(path, fixed)
    write_fixes(path, fixed)
    after = path.read_text(encoding="utf-8")
    assert after == preview
    assert changed_lines(before, after) == ["-" + old_line, "+" + new_line]
    reread = {r.key: r.text for r in read_replies(path, fixture)}
    assert reread[key] == fixed[key]


def test_yaml_fix_several_replies_and_lines(tmp_path: Path) -> None:
    path = copy(tmp_path, "replies.yaml")
    before = path.read_text(encoding="utf-8")
    texts = {r.key: r.text for r in read_replies(path, "replies.yaml")}
    fixed = {
        "refund-issued": texts["refund-issued"].replace("Best,\n", "Best wishes,\n\nP.S. Hi\n"),
        "#4": texts["#4"].replace("Here is", 'Here\'s "the"'),
    }
    write_fixes(path, fixed)
    after = path.read_text(encoding="utf-8")
    assert changed_lines(before, after) == [
        "-      Best,\n",
        "+      Best wishes,\n",
        "+\n",
        "+      P.S. Hi\n",
        '-    body: "Here is your invoice \\u2014 we utilize PDF for every copy."\n',
        '+    body: "Here\'s \\"the\\" your invoice \\u2014 we utilize PDF for every copy."\n',
    ]
    reread = {r.key: r.text for r in read_replies(path, "replies.yaml")}
    assert reread == texts | fixed


def test_yaml_line_break_in_a_folded_block_goes_through_ruamel(tmp_path: Path) -> None:
    """A new line break in a folded block cannot be written in place; store.edit writes it,
    keeping comments and block styles (ruamel may re-indent, never lose text)."""
    path = copy(tmp_path, "replies.yaml")
    texts = {r.key: r.text for r in read_replies(path, "replies.yaml")}
    fixed = {"card-declined": texts["card-declined"].replace("bank. ", "bank.\n")}
    write_fixes(path, fixed)
    after = path.read_text(encoding="utf-8")
    assert "# Canned replies for the billing team; reviewed every quarter.\n" in after
    assert "  # The chat variant stays short.\n" in after
    assert "    body: |\n" in after and "    body: >\n" in after
    reread = {r.key: r.text for r in read_replies(path, "replies.yaml")}
    assert reread == texts | fixed


ALIASED = (
    "sxt: 1\nkind: replies\nreplies:\n"
    "  - id: a\n    title: A\n    body: &greet |\n      Hello, we utilize\n"
    "  - id: b\n    title: B\n    body: *greet\n"
)


def test_yaml_alias_fixed_everywhere_is_one_edit(tmp_path: Path) -> None:
    path = tmp_path / "aliased.yaml"
    path.write_text(ALIASED, encoding="utf-8")
    write_fixes(path, {"a": "Hello, we use\n", "b": "Hello, we use\n"})
    assert changed_lines(ALIASED, path.read_text(encoding="utf-8")) == [
        "-      Hello, we utilize\n",
        "+      Hello, we use\n",
    ]


def test_yaml_alias_fixed_in_one_place_keeps_the_other(tmp_path: Path) -> None:
    path = tmp_path / "aliased.yaml"
    path.write_text(ALIASED, encoding="utf-8")
    write_fixes(path, {"b": "Hello, we use\n"})
    texts = [r.text for r in read_replies(path, "aliased.yaml")]
    assert texts == ["Hello, we utilize\n", "Hello, we use\n"]


def test_nothing_written_when_nothing_changes(tmp_path: Path) -> None:
    path = copy(tmp_path, "replies.yaml")
    texts = {r.key: r.text for r in read_replies(path, "replies.yaml")}
    stamp = path.stat().st_mtime_ns
    write_fixes(path, texts)
    write_fixes(path, {})
    assert path.stat().st_mtime_ns == stamp
    assert fixed_source(path, texts) == path.read_text(encoding="utf-8")


def test_unknown_key_is_an_error_and_nothing_is_written(tmp_path: Path) -> None:
    path = copy(tmp_path, "replies.yaml")
    before = path.read_bytes()
    with pytest.raises(LoadError) as caught:
        write_fixes(path, {"no-such-reply": "x"})
    assert "no reply 'no-such-reply' in this file" in caught.value.diagnostics[0].message
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ("zendesk-macros.json", "a help-desk export"),
        ("saved-replies.csv", "a CSV file"),
        ("saved-replies.tsv", "a TSV file"),
    ],
)
def test_exports_are_not_fixed(tmp_path: Path, name: str, what: str) -> None:
    path = copy(tmp_path, name)
    before = path.read_bytes()
    for apply in (write_fixes, fixed_source):
        with pytest.raises(FixUnsupported) as caught:
            apply(path, {"360001234501": "Hi"})
        assert str(caught.value).startswith(
            f"fixes are applied only to Markdown and YAML replies, and this is {what}"
        )
    assert path.read_bytes() == before


def test_bare_yaml_list_line_break_goes_through_ruamel(tmp_path: Path) -> None:
    """A line break added to a folded block cannot be written in place; the round trip
    keeps the list bare, its comments and block styles, and the other replies as they were."""
    path = copy(tmp_path, "canned-replies.yml")
    texts = {r.key: r.text for r in read_replies(path, path.name)}
    fixed = {"#2": texts["#2"].replace("link. ", "link.\n")}
    preview = fixed_source(path, fixed)
    write_fixes(path, fixed)
    after = path.read_text(encoding="utf-8")
    assert after == preview
    assert after.startswith("# Support macros, exported from the old help desk by a script")
    assert "\n---\n- title: Refund approved\n" in after  # still bare, under its `---`
    assert "  body: |\n" in after and "  body: >\n" in after
    assert "replies:" not in after
    assert {r.key: r.text for r in read_replies(path, path.name)} == texts | fixed


def test_markdown_library_fixes_each_reply_under_its_heading(tmp_path: Path) -> None:
    path = copy(tmp_path, "billing-replies.md")
    before = path.read_text(encoding="utf-8")
    texts = {r.key: r.text for r in read_replies(path, path.name)}
    fixed = {key: text.replace("utilize", "use") for key, text in texts.items()}
    fixed["Card declined"] = texts["Card declined"]  # unchanged: left as it is
    preview = fixed_source(path, fixed)
    write_fixes(path, fixed)
    after = path.read_text(encoding="utf-8")
    assert after == preview
    assert changed_lines(before, after) == [
        "-Good news: your refund is approved. Banks utilize 5 to 10 working days to show it.\n",
        "+Good news: your refund is approved. Banks use 5 to 10 working days to show it.\n",
        "-Here is your invoice &mdash; we utilize PDF for every copy.\n",
        "+Here is your invoice &mdash; we use PDF for every copy.\n",
    ]
    assert {r.key: r.text for r in read_replies(path, path.name)} == fixed


def test_markdown_library_keeps_crlf_and_bom(tmp_path: Path) -> None:
    path = tmp_path / "lib.md"
    path.write_bytes(
        b"\xef\xbb\xbf---\r\nkind: replies\r\n---\r\n## A\r\nWe utilize it.\r\n## B\r\nBye\r\n"
    )
    write_fixes(path, fix_word(path, "A", "utilize", "use"))
    assert path.read_bytes() == (
        b"\xef\xbb\xbf---\r\nkind: replies\r\n---\r\n## A\r\nWe use it.\r\n## B\r\nBye\r\n"
    )


def test_markdown_library_refuses_a_fix_that_moves_a_reply(tmp_path: Path) -> None:
    """A new text with a `## ` line of its own would start another reply: refused, and the
    file left as it was."""
    path = copy(tmp_path, "billing-replies.md")
    before = path.read_bytes()
    texts = {r.key: r.text for r in read_replies(path, path.name)}
    fixed = {"Invoice copy": texts["Invoice copy"] + "\n## Sneaked in\nHi\n"}
    for apply in (write_fixes, fixed_source):
        with pytest.raises(FixUnsupported) as caught:
            apply(path, fixed)
        assert "would move where this file's replies start or end" in str(caught.value)
    with pytest.raises(LoadError) as unknown:
        write_fixes(path, {"Refund": "x"})
    assert "no reply 'Refund' in this file" in unknown.value.diagnostics[0].message
    assert path.read_bytes() == before
