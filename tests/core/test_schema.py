"""Schema errors must read as instructions: the node, what is wrong, what was expected."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from toolkit.core import schema
from toolkit.core.loader import load_text
from toolkit.core.names import KINDS


def messages(text: str, kind: str) -> list[str]:
    document = load_text(text, "f.yaml")
    return [f"{d.location()}: {d.message}" for d in schema.check(document, kind)]


AUDIT = "sxt: 1\nkind: audit\nchecklist: ten-point\nquarter: 2026-Q4\nitems:\n"


@pytest.mark.parametrize("kind", KINDS)
def test_every_schema_is_valid_draft_2020_12(kind: str) -> None:
    document = json.loads(schema.schema_text(kind))
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_documented_example_message() -> None:
    assert messages(AUDIT + "  culture:\n    level: 7\n", "audit") == [
        "f.yaml:7:12: items.culture.level: 7 is greater than the maximum 4"
    ]


def test_unknown_key_is_reported_at_the_key_with_a_suggestion() -> None:
    assert messages(AUDIT + "  culture:\n    levle: 2\n", "audit") == [
        "f.yaml:7:5: items.culture: unknown key 'levle'; did you mean 'level'?"
    ]


def test_unknown_key_with_nothing_close_lists_the_choices() -> None:
    (message,) = messages(AUDIT + "  culture:\n    zzz: 2\n", "audit")
    assert "unknown key 'zzz'; expected one of 'level', 'reason'" in message


def test_all_errors_of_a_file_in_one_run() -> None:
    found = messages(
        AUDIT + "  culture:\n    level: 7\n  platform:\n    level: nah\n    owner: ''\n", "audit"
    )
    assert found == [
        "f.yaml:7:12: items.culture.level: 7 is greater than the maximum 4",
        "f.yaml:9:12: items.platform.level: 'nah' is not one of 'na', 'inconclusive' or "
        "'waived'; did you mean 'na'?",
        "f.yaml:10:12: items.platform.owner: is empty, expected some text",
    ]


def test_missing_required_key_points_at_the_mapping() -> None:
    assert messages("sxt: 1\nkind: audit\nchecklist: ten-point\nitems: {}\n", "audit") == [
        "f.yaml:1:1: missing required key 'quarter'"
    ]


def test_conditional_requirement_na_needs_a_reason() -> None:
    assert messages(AUDIT + "  culture:\n    level: na\n", "audit") == [
        "f.yaml:6:3: items.culture: missing required key 'reason'"
    ]


def test_pattern_errors_name_the_expected_shape() -> None:
    text = "sxt: 1\nkind: audit\nchecklist: ten-point\nquarter: Q4 2026\nitems: {}\n"
    assert messages(text, "audit") == [
        "f.yaml:4:10: quarter: 'Q4 2026' is not a quarter such as '2026-Q4'"
    ]


def test_date_format_is_checked() -> None:
    text = (
        AUDIT + "  culture:\n    actions:\n      - {title: Survey, status: open, due: 2026-13-40}\n"
    )
    (message,) = messages(text, "audit")
    assert (
        "items.culture.actions[0].due: '2026-13-40' is not a date such as '2026-11-23'" in message
    )


def test_wrong_type_says_what_was_found_and_expected() -> None:
    assert messages(AUDIT + "  culture:\n    evidence: a link\n", "audit") == [
        "f.yaml:7:15: items.culture.evidence: 'a link' is text, expected a list"
    ]


def test_evidence_needs_one_of_link_path_or_note() -> None:
    (message,) = messages(AUDIT + "  culture:\n    evidence:\n      - date: 2026-01-01\n", "audit")
    assert message.endswith("expected at least one of 'link', 'path' or 'note'")


def test_bad_mapping_key_is_reported_at_the_key() -> None:
    assert messages(AUDIT + "  Culture:\n    level: 1\n", "audit") == [
        "f.yaml:6:3: items: key 'Culture' is not valid, expected an id of lowercase letters, "
        "digits and dashes, e.g. 'fix-permanently'"
    ]


def test_rule_options_are_strict_per_rule_type() -> None:
    guide = (
        "sxt: 1\nkind: tone-guide\ntitle: T\nletters:\n  P: {name: Personal, meaning: M}\n"
        "rules:\n  - id: r\n    letter: P\n    level: error\n    type: existence\n"
        "    message: m\n    tokens: [uh oh]\n    tokns: [oops]\n    max: 1\n"
    )
    assert messages(guide, "tone-guide") == [
        "f.yaml:13:5: rules[0]: unknown key 'tokns'; did you mean 'tokens'?",
        "f.yaml:14:5: rules[0]: unknown key 'max'; expected one of 'id', 'letter', 'level', "
        "'type', 'message', 'description', 'link', 'ignorecase', 'tokens', 'regex' or "
        "'exceptions'",
    ]


def test_front_matter_schema() -> None:
    document = load_text("title: Hi\ntags: [a]\nsituaton: billing\n", "r.md")
    found = [d.message for d in schema.check(document, "replies", "front_matter")]
    assert found == ["unknown key 'situaton'; did you mean 'situation'?"]


@pytest.mark.parametrize(
    ("value", "shown"),
    [("x" * 100, "'" + "x" * 56 + "...'"), (None, "an empty value"), ([1], "a list"), (2.0, "2.0")],
)
def test_show_keeps_values_short(value: object, shown: str) -> None:
    assert schema.show(value) == shown
