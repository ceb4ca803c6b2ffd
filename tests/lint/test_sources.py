"""Reading replies: every format's text, and every finding's line:col in the file people edit.

The expected positions were checked by hand in the fixtures under tests/fixtures/exports/
(each holds the word "utilize" in every reply), not computed by the code under test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.core.loader import LoadError, Position
from toolkit.lint.html_text import html_to_text
from toolkit.lint.model import Reply
from toolkit.lint.sources import read_replies, read_replies_from_text

EXPORTS = Path(__file__).parent.parent / "fixtures" / "exports"


CSV_COLUMNS = ("Macro name", "Reply text")  # the fixture's own header, not title/body


def replies(name: str, **options) -> dict[str, Reply]:
    if name.endswith((".csv", ".tsv")):
        options.setdefault("columns", CSV_COLUMNS)
    return {reply.key: reply for reply in read_replies(EXPORTS / name, name, **options)}


def at(reply: Reply, word: str) -> Position:
    assert reply.text.count(word) == 1, f"{word!r} should occur once in {reply.text!r}"
    return reply.locate(reply.text.index(word))


def load_error(text: str, display: str, **options) -> tuple[str, str]:
    with pytest.raises(LoadError) as caught:
        read_replies_from_text(text, display, **options)
    first = caught.value.diagnostics[0]
    return first.location(), first.message


# (fixture, reply key, word, line, col): hand-checked in the fixture file
POSITIONS = [
    # Zendesk: escapes before the word (\n, \u2019, \") shift the text against the file
    ("zendesk-macros.json", "360001234501", "utilize", 20, 115),
    ("zendesk-macros.json", "360001234501", "Best", 20, 148),
    ("zendesk-macros.json", "360001234502", "utilize", 43, 96),  # comment_value_html
    ("zendesk-macros.json", "360001234502", "there", 43, 35),  # after &nbsp;
    ("zendesk-macros.json", "360001234503", "utilize", 68, 33),  # value is [channel, text]
    ("zendesk-macros.json", "360001234503", "été", 68, 51),  # \u00e9 escapes
    ("zendesk-dynamic-content.json", "360000411", "utilize", 16, 95),  # a variant's content
    ("zendesk-dynamic-content.json", "360000413", "utilize", 50, 28),  # after \"
    ("macros-export.json", "23453", "utilize", 20, 91),  # Gorgias body_text
    ("macros-export.json", "23454", "étiquette", 42, 89),  # Gorgias body_html, &eacute;
    ("freshdesk-canned-responses.json", "43000012345", "utilize", 6, 66),
    ("freshdesk-canned-responses.json", "43000012346", "utilize", 17, 139),  # content_html
    ("helpscout-saved-replies.json", "123456", "utilize", 4, 67),
    ("helpscout-saved-replies.json", "234567", "utilize", 9, 76),
    ("helpscout-saved-replies.json", "345678", "utilize", 13, 74),  # chatText only
    ("helpscout-saved-replies-list.json", "123456", "utilize", 4, 89),  # the list: previews
    ("helpscout-saved-replies-list.json", "234567", "utilize", 8, 89),
    ("helpscout-saved-replies-list.json", "345678", "utilize", 12, 96),  # preview over chat
    ("helpscout-saved-replies-list.json", "456789", "utilize", 17, 68),  # chatPreview only
    ("intercom-macros.json", "123", "utilize", 9, 82),  # body_text
    ("intercom-macros.json", "124", "utilize", 20, 99),  # body (HTML)
    ("snippets.json", "Refund approved", "utilize", 2, 87),  # flat: \n escapes before it
    ("snippets.json", "Password reset", "utilize", 3, 71),  # after \" escapes
    ("snippets.json", "Order delayed", "utilize", 4, 58),  # after \u2019
    ("macros-by-category.json", "Billing/Refund approved", "utilize", 3, 80),  # nested
    ("macros-by-category.json", "Billing/Card declined", "utilize", 4, 59),
    ("macros-by-category.json", "Shipping/Parcel lost", "utilize", 7, 74),
    ("email-templates.json", "Refund approved", "utilize", 2, 93),  # HTML in a plain field
    ("email-templates.json", "Password reset", "utilize", 3, 137),  # past an escaped href
    ("email-templates.json", "Plain note", "utilize", 4, 32),  # no markup: read as written
    ("saved-replies.csv", "row 2", "utilize", 4, 43),  # third line of a quoted field
    ("saved-replies.csv", "row 3", "utilize", 8, 17),  # unquoted field
    ("saved-replies.csv", "row 4", "utilize", 10, 26),  # after doubled quotes
    ("saved-replies.csv", "row 4", "today", 10, 47),
    ("saved-replies.csv", "row 5", "utilize", 12, 46),  # HTML body in a CSV field
    ("saved-replies.tsv", "row 2", "utilize", 4, 43),  # quoted field over three lines
    ("saved-replies.tsv", "row 3", "utilize", 5, 17),  # a comma in the field is text
    ("saved-replies.tsv", "row 4", "utilize", 6, 31),  # quotes inside an unquoted field
    ("saved-replies.tsv", "row 5", "utilize", 7, 45),  # HTML body in a TSV field
    ("replies.yaml", "refund-issued", "utilize", 14, 46),  # literal block
    ("replies.yaml", "refund-issued", "Sam", 18, 7),
    ("replies.yaml", "refund-chat", "utilize", 26, 12),  # |- indented 8
    ("replies.yaml", "card-declined", "utilize", 31, 29),  # folded block
    ("replies.yaml", "card-declined", "account", 32, 17),
    ("replies.yaml", "card-declined", "We have", 34, 7),
    ("replies.yaml", "#4", "utilize", 36, 43),  # double-quoted, \u2014 before the word
    ("replies.yaml", "#5", "utilize", 38, 14),  # plain scalar
    ("canned-replies.yml", "#1", "utilize", 8, 47),  # bare list: literal block
    ("canned-replies.yml", "#2", "utilize", 17, 5),  # folded block, second line
    ("canned-replies.yml", "#3", "utilize", 19, 13),  # double-quoted
    ("canned-replies.yml", "#4", "utilize", 21, 12),  # plain scalar
    ("entities.md", "entities", "utilize", 14, 54),  # entities stay as written
    ("billing-replies.md", "Refund approved", "utilize", 15, 43),  # one reply a `## `
    ("billing-replies.md", "Card declined", "utilize", 26, 37),  # closing #s: same title
    ("billing-replies.md", "Invoice copy", "utilize", 33, 33),  # body on the next line
    ("entities.md", "entities", "Questions", 16, 1),
    ("entities.md", "entities", "Jo ", 18, 1),
]


@pytest.mark.parametrize(("fixture", "key", "word", "line", "col"), POSITIONS)
def test_locate_points_at_the_word_in_the_source_file(fixture, key, word, line, col) -> None:
    assert at(replies(fixture)[key], word) == Position(line, col)


def test_fixture_positions_hold_the_word() -> None:
    """The table above is about the fixtures, so check it against them independently."""
    for fixture, _, word, line, col in POSITIONS:
        source_line = (EXPORTS / fixture).read_text(encoding="utf-8").split("\n")[line - 1]
        written = {"été": "\\u00e9t\\u00e9", "étiquette": "&eacute;tiquette"}.get(word, word)
        assert source_line[col - 1 :].startswith(written), (fixture, word)


def test_zendesk_macros() -> None:
    macros = replies("zendesk-macros.json", locale="en")
    assert list(macros) == ["360001234501", "360001234502", "360001234503"]
    refund = macros["360001234501"]
    assert refund.title == "Billing::Refund issued"
    assert refund.text == (
        'Hi {{ticket.requester.first_name}},\n\nI’ve refunded "order #4471" today. Feel '
        "free to utilize the store credit too.\n\nBest,\n{{current_user.first_name}}"
    )
    assert refund.tags == ("refund", "billing")
    assert refund.locale == "en"  # Zendesk macros have no locale: the --locale fallback
    assert macros["360001234502"].text == (
        "Hello there,\n\nWe're sorry your parcel is late. We utilize a new courier from Monday."
    )
    chat = macros["360001234503"]
    assert chat.text == "Hi! I can help you utilize your plan été pricing."
    assert chat.channel == "chat"


def test_zendesk_dynamic_content_variants_are_replies_in_their_locales() -> None:
    found = replies("zendesk-dynamic-content.json", locale="en-GB")
    # the German variant of the signature is empty: nothing to lint
    assert list(found) == ["360000411", "360000412", "360000413"]
    english, spanish, signature = found.values()
    assert (english.title, english.locale) == ("Refund confirmation", "en-US")  # locale_id 1
    assert english.text == (
        "Hi {{ticket.requester.first_name}},\n\nYour refund is on its way. Banks utilize "
        "5\u201310 working days to show it."
    )
    assert (spanish.title, spanish.locale) == ("Refund confirmation", "es")  # locale_id 2
    assert spanish.text.endswith("Tu reembolso está en camino.")
    # locale_id 1176 is not one sxt knows: the --locale fallback, not a guess
    assert (signature.title, signature.locale) == ("Signature", "en-GB")


def test_one_zendesk_dynamic_content_item() -> None:
    """GET /api/v2/dynamic_content/items/{id} answers with one item under `item`."""
    data = {
        "item": {
            "id": 47,
            "name": "Snowboard Problem",
            "placeholder": "{{dc.snowboard_problem}}",
            "default_locale_id": 16,
            "variants": [{"id": 47, "content": "Voici mon contenu", "locale_id": 16}],
        }
    }
    (reply,) = read_replies_from_text(json.dumps(data, indent=2), "item.json")
    assert (reply.key, reply.title, reply.locale) == ("47", "Snowboard Problem", "fr")


def test_gorgias_is_detected_by_content_not_by_name() -> None:
    macros = replies("macros-export.json")
    assert list(macros) == ["23453", "23454"]  # 23455 only assigns a team: nothing to lint
    status = macros["23453"]
    assert status.title == "Order status inquiry"
    assert status.text.startswith("Hi {{ticket.customer.firstname}},\n\nYour order has shipped.")
    assert status.tags == ("question", "order-status")
    assert status.locale == "en"
    french = macros["23454"]
    assert french.locale == "fr"  # the macro's language wins over the fallback
    assert french.text == (
        "Bonjour {{ticket.customer.firstname}},\n\n"
        "Voici votre étiquette de retour. Merci d’utiliser le portail."
    )


def test_freshdesk_plain_content_first_then_html() -> None:
    responses = replies("freshdesk-canned-responses.json")
    assert responses["43000012345"].text == (
        "Hi there,\n\nHere is your reset link. Please utilize it within 24 hours.\n\n"
        "Thanks,\nSupport"  # \r\n in the JSON string reads as \n
    )
    assert responses["43000012346"].text == (
        "Thanks for the idea!\n\nWe log every request.\n"
        "Product reviews them monthly & we utilize the votes."
    )


def test_help_scout_and_intercom() -> None:
    saved = replies("helpscout-saved-replies.json")
    assert saved["123456"].title == "Giving back: multiple donations"
    assert saved["123456"].text.startswith("Hi there,\n\nYes! When you check out,")
    assert "&mdash;" not in saved["234567"].text and "—" in saved["234567"].text
    macros = replies("intercom-macros.json")
    assert macros["123"].text.startswith('Hi {{user.name|fallback:"there"}}, your order')
    # without body_text the HTML body is read, its placeholder written the Intercom way
    assert macros["124"].text == (
        "Hi {{user.first_name}},\n\nYour refund is on its way. Banks utilize 5\u201310 working "
        "days to show it."
    )


def test_flat_reply_library_keys_are_the_titles() -> None:
    found = replies("snippets.json", locale="en")
    # "Draft (empty)" has no text: nothing to lint
    assert list(found) == ["Refund approved", "Password reset", "Order delayed"]
    refund = found["Refund approved"]
    assert (refund.title, refund.tags, refund.locale) == ("Refund approved", (), "en")
    assert refund.text.startswith("Hi {{first_name}},\n\nGood news")
    assert found["Password reset"].text.endswith(
        'your "reset" link. Please utilize it within 24 hours.'
    )


def test_nested_reply_library_keys_are_category_and_title() -> None:
    found = replies("macros-by-category.json")
    assert list(found) == [
        "Billing/Refund approved",
        "Billing/Card declined",
        "Shipping/Parcel lost",
    ]
    card = found["Billing/Card declined"]
    assert (card.title, card.tags) == ("Card declined", ("Billing",))  # the category is a tag
    assert card.text == (
        "Your bank declined the card. Please utilize another card from your account page."
    )


def test_html_in_a_plain_json_field_is_read_as_html() -> None:
    """No field says these bodies are HTML, but they are written as HTML, as the CSV reader
    already tells: the rules see the prose only, so no tag counts as a word."""
    found = replies("email-templates.json")
    assert found["Refund approved"].text == (
        "Hi {{first_name}},\n\nGood news: your refund is approved. Banks utilize 5\u201310 "
        "working days to show it.\n\nBest,\nSam"
    )
    assert found["Password reset"].text == (
        "Hi there,\nHere is your reset link. Please utilize it today."
    )
    # a "<" that opens no tag is text: the body is read as written, line break and all
    assert found["Plain note"].text == (
        "Thanks, we'll utilize your feedback.\nNo markup < here & none needed."
    )


def test_html_in_a_help_desks_plain_field_is_read_as_html() -> None:
    text = '[{"id": 9, "title": "T", "content": "<p>We <em>utilize</em> it.</p><br>"}]'
    (reply,) = read_replies_from_text(text, "freshdesk.json")
    assert reply.text == "We utilize it."
    assert at(reply, "utilize") == Position(1, text.index("utilize") + 1)


def test_a_reply_library_with_other_values_is_not_read() -> None:
    """Half a library is reported, not half linted: a number or a list among the replies, or
    categories nested deeper, make the file unknown."""
    for text in (
        '{"Refund": "Hi", "count": 2}',
        '{"Billing": {"Refund": ["Hi"]}}',
        '{"Billing": {"Cards": {"Declined": "Hi"}}}',
    ):
        location, message = load_error(text, "library.json")
        assert location == "library.json:1:1"
        assert "or a reply library" in message
    assert read_replies_from_text("{}", "library.json") == []


def test_help_scout_saved_replies_list_is_read_as_excerpts() -> None:
    """The list response gives only previews, cut short: each is a reply marked as an
    excerpt, the email preview read before the chat one."""
    found = replies("helpscout-saved-replies-list.json")
    assert list(found) == ["123456", "234567", "345678", "456789"]
    assert all(reply.excerpt for reply in found.values())
    assert found["345678"].title == "Products: Out of stock - Generic"
    assert found["345678"].text.startswith("Hi there. Out of stock items")  # not chatPreview
    assert found["456789"].text.startswith("Orders placed before noon")
    assert not any(reply.excerpt for reply in replies("helpscout-saved-replies.json").values())


def test_a_preview_is_not_judged_for_what_the_cut_took_away(tmp_path: Path) -> None:
    """The same words, as a saved reply of its own, lack a next step; as a preview the rest
    of the reply may well have one, so only what is written there is reported."""
    from click.testing import CliRunner

    from toolkit.cli.main import cli

    def codes(path: Path) -> set[str]:
        arguments = ["lint", str(path), "--guide", "preach", "--format", "json"]
        result = CliRunner().invoke(cli, ["-C", str(tmp_path), *arguments])
        return {d["code"] for d in json.loads(result.output)["diagnostics"]}

    preview = replies("helpscout-saved-replies-list.json")["456789"].text
    whole = tmp_path / "shipping.md"
    whole.write_text(preview + "\n", encoding="utf-8")
    assert {"A/next-step", "C/jargon"} <= codes(whole)
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps([{"id": 1, "name": "Shipping", "chatPreview": preview}]))
    assert "C/jargon" in codes(listed) and "A/next-step" not in codes(listed)


def test_csv_with_custom_columns() -> None:
    rows = replies("saved-replies.csv", columns=("macro name", "REPLY TEXT"), locale="en-US")
    assert list(rows) == ["row 2", "row 3", "row 4", "row 5"]  # row 6 has no body
    welcome = rows["row 2"]
    assert welcome.title == "Welcome"
    assert welcome.text == (
        'Hi {{first_name}},\n\nThanks for joining "Acme Plus". You can utilize every feature '
        "today.\n\nCheers,\nMia"
    )
    assert welcome.tags == ("onboarding", "welcome")
    assert rows["row 4"].title == 'Delay, with "quotes" in the title'
    assert rows["row 4"].locale == "en-GB"
    assert rows["row 5"].locale == "en-US"  # empty Language cell: the fallback
    assert rows["row 5"].text == "Hello again,\n\nWe utilize a new portal."


def test_tsv_with_the_csv_column_options() -> None:
    rows = replies("saved-replies.tsv", columns=("macro name", "REPLY TEXT"), locale="en-US")
    assert list(rows) == ["row 2", "row 3", "row 4", "row 5"]
    assert rows["row 2"].text == (
        'Hi {{first_name}},\n\nThanks for joining "Acme Plus". You can utilize every feature today.'
    )
    assert rows["row 2"].tags == ("onboarding", "welcome")
    assert rows["row 3"].text == "We utilize SSL everywhere, on every page."
    assert rows["row 4"].text == 'We will "gladly" utilize your logs; no quotes around the field.'
    assert rows["row 4"].locale == "en-GB"
    assert rows["row 5"].text == "Hello again,\n\nWe utilize a new portal."


def test_tsv_splits_at_tabs_even_with_commas_in_the_header() -> None:
    """A CSV file's delimiter is told by its header line; a TSV file's is the tab, whatever
    the header holds."""
    text = "title\tbody (as sent, with greeting, sign-off)\nT\tWe utilize it, daily.\n"
    (reply,) = read_replies_from_text(
        text, "sheet.tsv", columns=("title", "body (as sent, with greeting, sign-off)")
    )
    assert (reply.title, reply.text) == ("T", "We utilize it, daily.")
    assert at(reply, "utilize") == Position(2, 6)


def test_yaml_replies() -> None:
    found = replies("replies.yaml", locale="de")
    assert list(found) == ["refund-issued", "refund-chat", "card-declined", "#4", "#5"]
    refund = found["refund-issued"]
    assert refund.text.endswith("Best,\nSam\n")
    assert (refund.tags, refund.situation, refund.channel, refund.locale) == (
        ("billing", "refund"),
        "billing",
        "email",
        "en",
    )
    assert found["refund-chat"].disabled == frozenset({"R"})
    assert found["refund-chat"].locale == "de"
    assert found["card-declined"].text == (
        "Your card was declined by your bank. Please check the details, or utilize another "
        "card from your account page.\nWe have not charged you.\n"
    )
    assert found["#4"].title == "Invoice copy"
    assert found["#4"].text == "Here is your invoice — we utilize PDF for every copy."


def test_a_bare_yaml_list_is_read_as_replies() -> None:
    found = replies("canned-replies.yml", locale="en")
    assert list(found) == ["#1", "#2", "#3", "#4"]
    refund = found["#1"]
    assert (refund.title, refund.tags, refund.locale) == (
        "Refund approved",
        ("billing", "refund"),
        "en",
    )
    assert refund.text.startswith("Hi {{first_name}},\n\nGood news")
    assert found["#2"].locale == "en-GB"
    assert found["#2"].text == "Here is your reset link. Please utilize it within 24 hours.\n"
    assert found["#3"].text == "We utilize SSL \u2014 everywhere."


def test_a_bare_yaml_list_keeps_its_errors_at_the_files_lines() -> None:
    location, message = load_error("- title: A\n  body: ok\n- title: B\n", "r.yaml")
    assert (location, message) == ("r.yaml:3:3", "reply #2 has no `body`, expected the reply text")
    location, message = load_error("- title: A\n  body: ok\ntitle: B\n", "r.yaml")
    assert location == "r.yaml:3:1"
    assert message.startswith("found `title:` after the list of replies")
    # said as of the file itself, not of it with the `replies:` line the reader adds
    location, message = load_error("- title: a\n  body: b\n bad: x\n", "r.yaml")
    assert location == "r.yaml:3:2"
    assert "started at line 1;" in message
    location, message = load_error("- title: A\n  title: B\n  body: x\n", "r.yaml")
    assert (location, message.split(",")[0]) == (
        "r.yaml:2:3",
        "duplicate key 'title' (first at line 1)",
    )
    location, message = load_error("# c\n- title: A\n  body: [unclosed\n", "r.yaml")
    assert location == "r.yaml:4:1"  # the end of the file, where libyaml noticed
    assert message.endswith("while parsing a flow sequence started at line 3")


def test_yaml_scalar_styles_locate_exactly() -> None:
    text = (
        "sxt: 1\nkind: replies\nreplies:\n"
        "  - title: A\n    body: |2\n        indented more\n      we utilize\n"
        "  - title: B\n    body: 'It''s what we utilize'\n"
        "  - title: C\n    body: plain that goes\n      on and we utilize\n      it # note\n"
        '  - title: D\n    body: "quoted \\\n      we utilize"\n'
    )
    found = read_replies_from_text(text, "r.yaml")
    assert [r.text for r in found] == [
        "  indented more\nwe utilize\n",
        "It's what we utilize",
        "plain that goes on and we utilize it",
        "quoted we utilize",
    ]
    assert [at(r, "utilize") for r in found] == [
        Position(7, 10),  # explicit indentation indicator: 4 + 2
        Position(9, 26),  # after a doubled quote
        Position(12, 17),  # multi-line plain scalar
        Position(16, 10),  # double-quoted, escaped line break
    ]


def test_yaml_anchors_tags_and_aliases_point_at_the_written_text() -> None:
    text = (
        "sxt: 1\nkind: replies\nreplies:\n"
        "  - title: A\n    body: &greet |\n      Hello, we utilize\n"
        "  - title: B\n    body: *greet\n"
        "  - title: C\n    body: !!str plain we utilize\n"
    )
    found = read_replies_from_text(text, "r.yaml")
    assert [at(r, "utilize") for r in found] == [Position(6, 17), Position(6, 17), Position(10, 26)]


def test_markdown_front_matter_and_verbatim_body() -> None:
    (reply,) = read_replies(EXPORTS / "entities.md", "exports/entities.md")
    assert reply.key == "entities" and reply.source == "exports/entities.md"
    assert reply.title == "Price change notice"
    assert reply.tags == ("billing", "pricing")
    assert (reply.situation, reply.channel, reply.locale) == ("billing", "email", "en-GB")
    assert reply.disabled == frozenset({"E"})
    assert "&nbsp;June" in reply.text and "&pound;12" in reply.text  # as written: --fix safe
    assert "<!-- sxt-disable-next-line P -->" in reply.text  # the engine reads directives
    assert reply.locate(0) == Position(12, 1)


def test_a_markdown_library_holds_one_reply_a_heading() -> None:
    """`kind: replies` in the front matter: each `## ` heading starts a reply. The title and
    introduction above the first one are no reply, a `###` belongs to its reply, and a line
    in a code block is no heading."""
    found = replies("billing-replies.md")
    assert list(found) == ["Refund approved", "Card declined", "Invoice copy"]
    refund = found["Refund approved"]
    assert (refund.title, refund.tags, refund.locale) == ("Refund approved", ("billing",), "en")
    assert refund.text == (
        "\nHi {{first_name}},\n\nGood news: your refund is approved. Banks utilize 5 to 10 "
        "working days to show it.\n\n### If they ask about the card\n\nIt goes back to the "
        "card you paid with.\n\nBest,\nSam\n\n"
    )
    assert refund.locate(0) == Position(12, 1)  # the line after the heading
    assert "## Not a heading" in found["Card declined"].text
    assert found["Invoice copy"].text == (
        "Here is your invoice &mdash; we utilize PDF for every copy.\n"
    )


def test_without_kind_replies_headings_are_part_of_one_reply() -> None:
    text = "## What happened\n\nWe utilize a new courier.\n\n## What happens next\n\nNothing.\n"
    (reply,) = read_replies_from_text(text, "late-parcel.md")
    assert (reply.key, reply.text) == ("late-parcel", text)


def test_markdown_library_keys_and_errors() -> None:
    text = "---\nkind: replies\n---\n## Same\na\n## Same\nb\n##\nc\n## Empty\n\n# Part two\n"
    found = read_replies_from_text(text, "lib.md")
    assert [(r.key, r.title, r.text) for r in found] == [
        ("Same", "Same", "a\n"),
        ("#2", "Same", "b\n"),
        ("#3", "#3", "c\n"),  # "## Empty" has nothing under it: nothing to lint
    ]
    location, message = load_error("---\nkind: replies\n---\n# Only a title\n\nHi.\n", "lib.md")
    assert location == "lib.md:4:1"
    assert message.startswith("front matter says `kind: replies`, expected a `## ` heading")


def test_markdown_without_front_matter_title_is_the_stem(tmp_path: Path) -> None:
    path = tmp_path / "late-parcel.md"
    path.write_text("Sorry, we utilize couriers.\n", encoding="utf-8")
    (reply,) = read_replies(path, "late-parcel.md", locale="en")
    assert (reply.key, reply.title, reply.locale) == ("late-parcel", "late-parcel", "en")
    assert at(reply, "utilize") == Position(1, 11)


def test_crlf_markdown_reads_as_lf_with_the_same_positions(tmp_path: Path) -> None:
    path = tmp_path / "crlf.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\ntitle: CRLF\r\n---\r\nHi,\r\n\r\nWe utilize it.\r\n")
    (reply,) = read_replies(path, "crlf.md")
    assert reply.title == "CRLF"
    assert reply.text == "Hi,\n\nWe utilize it.\n"
    assert at(reply, "utilize") == Position(6, 4)


# --- HTML ---------------------------------------------------------------------------------


def test_html_text_and_offsets() -> None:
    html = "<p>Hello&nbsp;there</p>\n<p>We&#39;d <b>utilize</b>  it.<br>Bye</p>"
    text, mapping = html_to_text(html)
    assert text == "Hello there\n\nWe'd utilize it.\nBye"
    assert html[mapping(text.index("there")) :].startswith("there</p>")
    assert html[mapping(text.index("utilize")) :].startswith("utilize</b>")
    assert html[mapping(text.index("Bye")) :].startswith("Bye</p>")
    assert html[mapping(text.index("'")) :].startswith("&#39;")


def test_html_drops_scripts_and_comments_but_keeps_directives() -> None:
    text, _ = html_to_text(
        "<style>p{}</style><div>Hi<!-- note --></div><!-- sxt-disable P --><ul><li>a</li>"
        "<li>b</li></ul><script>x()</script>"
    )
    assert text == "Hi\n<!-- sxt-disable P -->\n\na\nb"


def test_html_inside_json_points_through_both_escapes() -> None:
    text = '{"macros": [{"id": 7, "title": "T", "actions": [{"field": "comment_value_html", ' + (
        '"value": "<p class=\\"x\\">Caf\\u00e9&nbsp;&amp; utilize</p>"}]}]}'
    )
    (reply,) = read_replies_from_text(text, "z.json")
    assert reply.text == "Café & utilize"
    assert text[at(reply, "utilize").col - 1 :].startswith("utilize</p>")


def test_surrogate_pair_escapes_in_json() -> None:
    """Exports written with ASCII-only JSON escape emoji as surrogate pairs, which libyaml
    (and so toolkit.core.loader) refuses: the standard library reads them."""
    text = '[{"id": 1, "name": "Emoji", "text": "\\ud83d\\ude00 we utilize"}]'
    (reply,) = read_replies_from_text(text, "help-scout.json")
    assert reply.text == "😀 we utilize"
    assert at(reply, "utilize") == Position(1, text.index("utilize") + 1)


# --- detection and the small envelopes ----------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (
            {
                "macro": {
                    "id": 1,
                    "title": "One",
                    "actions": [{"field": "comment_value", "value": "z"}],
                }
            },
            "z",
        ),
        (
            {
                "id": 2,
                "name": "G",
                "actions": [{"name": "setResponseText", "arguments": {"body_text": "g"}}],
            },
            "g",
        ),
        ({"type": "list", "data": [{"id": "3", "name": "I", "body": "<p>i</p>"}]}, "i"),
        ({"title": "F", "content_html": "<div>f</div>"}, "f"),
        ({"_embedded": {"savedReplies": [{"id": 5, "name": "H", "text": "h<br/>"}]}}, "h"),
    ],
)
def test_single_objects_and_envelopes(data, text) -> None:
    (reply,) = read_replies_from_text(json.dumps(data, indent=2), "export.json")
    assert reply.text == text


def test_repeated_json_keys_do_not_shift_positions() -> None:
    """json keeps the last of a repeated key; positions must follow it, not the first."""
    text = '[{"id": 1, "name": "A", "name": "B", "text": "x utilize", "text": "y utilize"}]'
    (reply,) = read_replies_from_text(text, "help-scout.json")
    assert (reply.title, reply.text) == ("B", "y utilize")
    assert at(reply, "utilize") == Position(1, text.index("y utilize") + 3)


def test_keys_fall_back_to_title_then_position() -> None:
    data = [
        {"title": "Same", "content": "a"},
        {"title": "Same", "content": "b"},
        {"title": "", "content": "c"},
    ]
    found = read_replies_from_text(json.dumps(data), "freshdesk.json")
    assert [r.key for r in found] == ["Same", "#2", "#3"]


def test_empty_export_has_no_replies() -> None:
    assert read_replies_from_text('{"macros": [], "count": 0}', "z.json") == []
    assert read_replies_from_text("[]", "z.json") == []


def test_stdin_format_from_the_name_or_the_content() -> None:
    (markdown,) = read_replies_from_text("We utilize it.", "stdin.md")
    assert markdown.key == "stdin" and markdown.locate(3) == Position(1, 4)
    (plain,) = read_replies_from_text("Plain text reply.", "-")
    assert plain.text == "Plain text reply."
    (export,) = read_replies_from_text('[{"title": "T", "content": "x"}]', "-")
    assert export.text == "x"
    found = read_replies_from_text(
        "sxt: 1\nkind: replies\nreplies:\n  - title: T\n    body: y\n", "-"
    )
    assert [r.text for r in found] == ["y"]


# --- errors -------------------------------------------------------------------------------


def test_unknown_json_shape() -> None:
    location, message = load_error('\n  {"tickets": [{"id": 1, "subject": "Hi"}]}', "t.json")
    assert location == "t.json:2:3"
    assert message.startswith("not a known help-desk export: expected Zendesk macros")
    for desk in ("Gorgias", "Zendesk dynamic content", "Freshdesk", "Help Scout", "Intercom"):
        assert desk in message


def test_broken_json_has_line_and_column() -> None:
    text = '{\n  "macros": [\n    {"title": "A" "actions": []}\n  ]\n}\n'
    location, message = load_error(text, "z.json")
    assert location == "z.json:3:19"  # the second string, where the comma is missing
    assert message == "JSON syntax error: Expecting ',' delimiter"


def test_csv_missing_columns_names_what_it_found() -> None:
    location, message = load_error("Name,Reply\nA,b\n", "r.csv")
    assert location == "r.csv:1:1"
    assert "no 'title' or 'body' column" in message
    assert 'found "Name", "Reply"' in message
    _, message = load_error("title,text\nA,b\n", "r.csv", columns=("title", "body"))
    assert "no 'body' column" in message and '"title", "text"' in message


def test_tsv_missing_columns_says_tsv() -> None:
    location, message = load_error("Name\tReply\nA\tb\n", "r.tsv")
    assert location == "r.tsv:1:1"
    assert message.startswith("TSV has no 'title' or 'body' column")


def test_csv_unclosed_quote() -> None:
    location, message = load_error('title,body\nA,"never closed\nB,c\n', "r.csv")
    assert location == "r.csv:2:3"
    assert "never closed" in message


def test_semicolon_csv_and_crlf_fields() -> None:
    text = 'title;body\r\nT;"line one\r\nwe utilize ""it"""\r\n'
    (reply,) = read_replies_from_text(text, "excel.csv")
    assert reply.text == 'line one\nwe utilize "it"'
    assert at(reply, "utilize") == Position(3, 4)
    assert at(reply, '"it"') == Position(3, 12)


def test_yaml_that_is_not_replies() -> None:
    location, message = load_error("sxt: 1\nkind: checklist\nitems: {}\n", "c.yaml")
    assert location == "c.yaml:2:7"
    assert "expected `kind: replies`" in message


def test_yaml_reply_without_body() -> None:
    text = "sxt: 1\nkind: replies\nreplies:\n  - title: A\n    body: ok\n  - title: B\n"
    location, message = load_error(text, "r.yaml")
    assert location == "r.yaml:6:5"
    assert message == "reply #2 has no `body`, expected the reply text"


def test_markdown_front_matter_errors_keep_file_positions() -> None:
    location, _ = load_error("---\ntitle: [unclosed\n---\nBody\n", "r.md")
    assert location.startswith("r.md:3:")
    location, message = load_error("---\ntitle: A\nBody\n", "r.md")
    assert (location, message.split(",")[0]) == (
        "r.md:1:1",
        "front matter opened with `---` is never closed",
    )


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as caught:
        read_replies(tmp_path / "missing.json", "missing.json")
    assert caught.value.diagnostics[0].message == "no such file"


@pytest.mark.parametrize(
    "fixture",
    sorted({fixture for fixture, _, word, _, _ in POSITIONS if word == "utilize"}),
)
def test_sxt_lint_reports_each_export_finding_at_its_line_and_column(fixture: str) -> None:
    """End to end through the command: every 'utilize' the jargon rule finds in an export is
    reported at the hand-checked place in the export file itself."""
    from click.testing import CliRunner

    from toolkit.cli.main import cli

    columns = ["--columns", "Macro name,Reply text"] if fixture.endswith((".csv", ".tsv")) else []
    arguments = ["-C", str(EXPORTS), "lint", fixture, "--select", "jargon", "--guide", "preach"]
    result = CliRunner().invoke(cli, [*arguments, *columns, "--format", "json"])

    found = sorted(
        (d["line"], d["col"])
        for d in json.loads(result.output)["diagnostics"]
        if 'Use "utilize"' in d["message"] or 'Use "Utilize"' in d["message"]
    )
    expected = sorted(
        (line, col)
        for name, _, word, line, col in POSITIONS
        if name == fixture and word == "utilize"
    )
    assert found == expected, result.output


def test_an_unknown_extension_is_an_error_naming_the_formats(tmp_path: Path) -> None:
    path = tmp_path / "reply.rtf"
    path.write_text("{\\rtf1 Kindly revert back.}\n", encoding="utf-8")
    with pytest.raises(LoadError) as error:
        read_replies(path, "reply.rtf")
    [problem] = error.value.diagnostics
    assert (problem.path, problem.code) == ("reply.rtf", "format")
    assert problem.message.startswith(".rtf: not a reply format sxt reads, expected one of .md")
    assert ".csv, .tsv" in problem.message
    with pytest.raises(LoadError):
        read_replies_from_text("Kindly revert back.", "stdin.docx")


def test_plain_text_is_a_reply(tmp_path: Path) -> None:
    path = tmp_path / "reply.txt"
    path.write_text("Kindly revert back.\n", encoding="utf-8")
    [reply] = read_replies(path, "reply.txt")
    assert reply.text.strip() == "Kindly revert back."
    assert read_replies_from_text("Kindly revert back.", "stdin")[0].text.strip() == (
        "Kindly revert back."
    )
