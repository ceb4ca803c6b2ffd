"""Every rule type, with hits and non-hits, on a small guide written for the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.core.loader import load_text
from toolkit.lint.engine import Options, lint
from toolkit.lint.guide import Guide, GuideError, compile_guide, explain, load_guide
from toolkit.lint.model import Reply, line_locator
from toolkit.lint.runner import Report, fixed_text, lint_replies

GUIDE = """\
sxt: 1
kind: tone-guide
title: Test
locales: [en]
letters:
  P: {name: Personal, meaning: To one person.}
  C: {name: Clear, meaning: Plain words.}
  H: {name: Human, meaning: Not a system.}
rules:
  - {id: greeting, letter: P, level: warning, type: existence, message: '"%s" is generic.',
     tokens: [Dear customer, valued customer], exceptions: [Dear customer service team]}
  - {id: codes, letter: C, level: error, type: existence, message: 'Ticket code %s.',
     regex: true, tokens: ['TCK-[0-9]+']}
  - {id: jargon, letter: C, level: warning, type: substitution, message: 'Say it plainly: %s.',
     swap: {utilize: use, in order to: to, shortly: by <time>, javascript: JavaScript,
            mtls: mutual TLS, jquery: jQuery}}
  - {id: bangs, letter: H, level: warning, type: occurrence, message: Too many "!".,
     token: "!", max: 1}
  - {id: sorry-per-sentence, letter: H, level: suggestion, type: occurrence,
     message: One sorry per sentence., token: sorry, scope: sentence, max: 1}
  - {id: twice, letter: C, level: warning, type: repetition, message: 'Repeated "%s".',
     exceptions: [had had]}
  - {id: spelling, letter: C, level: suggestion, type: consistency, message: 'Mixed %s.',
     either: [[log in, login]]}
  - {id: apology, letter: H, level: warning, type: conditional, message: Apology without a step.,
     if_any: [sorry], then_any: [I will, you can]}
  - {id: sign-off, letter: P, level: warning, type: requires, message: No sign-off.,
     tokens: [Thanks, Best], where: end}
  - {id: shouting, letter: H, level: warning, type: capitalization, message: '"%s" shouts.',
     check: shouting, max_caps_words: 1, exceptions: [FAQ, API]}
  - {id: title-case, letter: C, level: suggestion, type: capitalization, message: Title Case.,
     check: sentence-case}
  - {id: readable, letter: C, level: warning, type: readability, message: 'Hard to read: %s.',
     max_sentence_words: 12, max_words: 60}
  - {id: vars, letter: P, level: error, type: placeholders, message: '%s needs a fallback.',
     allowed: [first_name, ticket.requester.first_name, ticket.id],
     need_fallback: [first_name, ticket.requester.first_name]}
  - {id: emoji, letter: H, level: warning, type: emoji, message: 'Emoji %s.', max: 1}
  - {id: slots, letter: P, level: error, type: leftovers, message: 'Left over: %s.',
     notes: [before sending, delete this, insert, todo]}
situations:
  billing:
    title: Billing
    detect: {tags: [billing], words: [payment, invoice]}
    rules: {emoji: error, bangs: "off"}
  good-news:
    title: Good news
    detect: {tags: [good-news], words: [good news]}
    rules: {emoji: "off"}
"""


@pytest.fixture(scope="module")
def guide() -> Guide:
    return compile_guide(load_text(GUIDE, "guide.yaml"))


def reply(text: str, **fields: object) -> Reply:
    title = str(fields.pop("title", "A reply"))
    return Reply("r.md", "r", title, text, line_locator(text, 1), **fields)  # type: ignore[arg-type]


def found(guide: Guide, text: str, rule: str, **fields: object) -> list[str]:
    """The matched text of each finding of `rule` (the span a person would edit)."""
    options = Options(select=frozenset({rule}), situation=fields.pop("situation", None))  # type: ignore[arg-type]
    result = lint(reply(text + "\nThanks", **fields), guide, options)
    return [result.reply.text[f.start : f.end] for f in result.findings]


CASES = [
    (
        "greeting",
        "Dear customer, hello. Dear Valued Customer.",
        ["Dear customer", "Valued Customer"],
    ),
    ("greeting", "Dear customer service team, hello.", []),
    ("greeting", "Dear customers are welcome.", []),  # word boundary: customers is not customer
    ("codes", "Your ticket TCK-123 and XTCK-9 and TCK-7b.", ["TCK-123"]),
    ("jargon", "We utilize it in order to help.", ["utilize", "in order to"]),
    ("jargon", "We use it to help.", []),
    ("bangs", "Great! Really! Yes!", ["!"]),
    ("bangs", "Great! Really.", []),
    ("sorry-per-sentence", "Sorry, so sorry. Sorry again.", ["sorry"]),
    ("twice", "It is is fixed, but I had had enough. The the end.", ["is", "the"]),
    ("twice", "It is fixed. Is it?", []),
    ("spelling", "Please log in. The login page is slow.", ["login"]),
    ("spelling", "Please log in. Log in again later.", []),
    ("apology", "Sorry about that.", ["Sorry"]),
    ("apology", "Sorry about that, I will fix it.", []),
    ("shouting", "PLEASE NOTE the FAQ and the API.", ["PLEASE NOTE"]),
    ("shouting", "Read the FAQ, NOW.", []),
    (
        "title-case",
        "We Have Updated Your Account Settings Today.",
        ["We Have Updated Your Account Settings Today"],
    ),
    ("title-case", "We have updated your account settings today.", []),
    ("vars", "Hi {{first_name}}, ticket {{ticket.id}}.", ["{{first_name}}"]),
    ("vars", 'Hi {{first_name | fallback: "there"}} and {%first_name,fallback=there%}.', []),
    ("vars", "Hi {{frist_name | fallback: x}}.", ["{{frist_name | fallback: x}}"]),
    ("vars", "Hi {{first_name, see you.", ["{{"]),
    ("vars", "Hi {{ first name }}.", ["{{ first name }}"]),
    ("emoji", "Done 🎉 and 🙈 :)", ["🙈", ":)"]),
    ("emoji", "Done 🎉.", []),
    (
        "slots",
        "See {Insert Screenshot}, [AMOUNT] and [Customer Name].",
        ["{Insert Screenshot}", "[AMOUNT]", "[Customer Name]"],
    ),
    (
        "slots",
        "Steps:\n- one\n(delete list before sending)\n[insert link]",
        ["(delete list before sending)", "[insert link]"],
    ),
    (
        "slots",
        "SET A REMINDER FOR 3 DAYS ... DELETE THIS\nHi Sam, a refund of $XX.XX on ____.",
        ["SET A REMINDER FOR 3 DAYS ... DELETE THIS", "XX.XX", "____"],
    ),
    (
        "slots",
        "See [the guide](g.html) and [FAQ][1], {{first_name}}, {%ticket.id%}, [sic], [x], "
        "(you can delete it later), our <br> tag, an XXL shirt, snake_case and `[AMOUNT]`.\n"
        "[1]: faq.html",
        [],
    ),
]


@pytest.mark.parametrize(("rule", "text", "matches"), CASES)
def test_rule_types(guide: Guide, rule: str, text: str, matches: list[str]) -> None:
    assert found(guide, text, rule) == matches


def test_every_rule_type_is_covered(guide: Guide) -> None:
    types = {guide.rules[rule].type for rule, _, matches in CASES if matches}
    # requires and readability have tests of their own below
    assert types | {"requires", "readability"} == {rule.type for rule in guide.rules.values()}


def test_requires_looks_at_the_end(guide: Guide) -> None:
    options = Options(select=frozenset({"sign-off"}))
    assert lint(reply("Hi,\nAll done.\nThanks,\nSam"), guide, options).findings == []
    text = "Thanks for writing.\n\nLine two.\nLine three.\nAll done.\nSam"
    missing = lint(reply(text), guide, options).findings
    assert [(f.rule.id, f.start) for f in missing] == [("sign-off", text.index("Sam"))]


def test_readability_counts_sentences_and_words(guide: Guide) -> None:
    long = "This sentence keeps going with many words that nobody needs to read at all today. "
    text = "Short one.\n" + long + "\nAnother short one."
    messages = [
        f.message
        for f in lint(reply(text), guide, Options(select=frozenset({"readable"}))).findings
    ]
    assert messages == ["Hard to read: 15 words in one sentence, at most 12."]


def test_wrapped_lines_are_one_sentence(guide: Guide) -> None:
    text = (
        "This sentence is wrapped\nat the edge of the editor, and it is still\n"
        "one sentence with many words."
    )
    findings = lint(reply(text), guide, Options(select=frozenset({"readable"}))).findings
    assert [f.message for f in findings] == ["Hard to read: 19 words in one sentence, at most 12."]


THE_TEST = "Uh oh, your payment failed! 🙈"


def preach() -> Guide:
    from toolkit.core.content import shipped_root

    return load_guide(shipped_root() / "tone_guides" / "preach.yaml", shipped_root())


def test_uh_oh_is_an_error_in_billing_and_fine_in_good_news() -> None:
    guide = preach()
    billing = lint(reply(THE_TEST), guide, Options(situation="billing"))
    assert {(f.rule.id, f.level) for f in billing.findings} >= {
        ("playful-words", "error"),
        ("emoji-sensitive", "error"),
    }
    assert lint(reply(THE_TEST), guide, Options(situation="good-news")).findings == []


def test_situation_detection_order(guide: Guide) -> None:
    assert lint(reply("Your payment went through."), guide).situations == ("billing",)
    assert lint(reply("Hello.", tags=("Good-News",)), guide).situations == ("good-news",)
    assert lint(reply("Hello.", title="Invoice copy"), guide).situations == ("billing",)
    # an explicit situation beats words that suggest another
    explicit = lint(reply("Good news about your payment!", situation="good-news"), guide)
    assert explicit.situations == ("good-news",)


def test_situations_change_levels_and_switch_rules_off(guide: Guide) -> None:
    text = "Paid 🎉 🙈! Really!"
    plain = {
        (f.rule.id, f.level)
        for f in lint(reply(text), guide, Options(select=frozenset({"emoji", "bangs"}))).findings
    }
    assert plain == {("emoji", "warning"), ("bangs", "warning")}
    billing = {
        (f.rule.id, f.level)
        for f in lint(
            reply(text), guide, Options(situation="billing", select=frozenset({"emoji", "bangs"}))
        ).findings
    }
    assert billing == {("emoji", "error")}


def test_select_ignore_and_disable_by_rule_or_letter(guide: Guide) -> None:
    text = "Dear customer, we utilize it!! 🎉🙈"
    everything = {f.rule.id for f in lint(reply(text), guide).findings}
    assert {"greeting", "jargon", "emoji"} <= everything
    assert {
        f.rule.letter for f in lint(reply(text), guide, Options(select=frozenset({"H"}))).findings
    } == {"H"}
    assert "jargon" not in {
        f.rule.id for f in lint(reply(text), guide, Options(ignore=frozenset({"C"}))).findings
    }
    disabled = lint(reply(text, disabled=frozenset({"greeting", "H"})), guide)
    assert {f.rule.id for f in disabled.findings} == everything - {
        "greeting",
        "emoji",
        "bangs",
        "apology",
    }


def test_inline_suppression_comments(guide: Guide) -> None:
    text = (
        "Dear customer,\n"
        "<!-- sxt-disable-next-line greeting -->\n"
        "Dear customer again.\n"
        "<!-- sxt-disable -->\n"
        "We utilize Dear customer.\n"
        "<!-- sxt-enable -->\n"
        "We utilize it.\n"
    )
    result = lint(reply(text), guide, Options(select=frozenset({"greeting", "jargon"})))
    assert [(f.rule.id, result.reply.locate(f.start).line) for f in result.findings] == [
        ("greeting", 1),
        ("jargon", 7),
    ]


def test_words_inside_comments_are_not_linted(guide: Guide) -> None:
    result = lint(
        reply("Fine. <!-- utilize --> Fine."), guide, Options(select=frozenset({"jargon"}))
    )
    assert result.findings == []


def test_unicode_text_positions_count_characters(guide: Guide) -> None:
    text = "Olá, ção — Dear customer 😀."
    result = lint(reply(text), guide, Options(select=frozenset({"greeting"})))
    (finding,) = result.findings
    assert result.reply.locate(finding.start).col == text.index("Dear") + 1


def test_text_that_is_already_the_replacement_is_no_finding(guide: Guide) -> None:
    assert found(guide, "We use JavaScript.", "jargon") == []
    assert found(guide, "We use Javascript and javascript.", "jargon") == [
        "Javascript",
        "javascript",
    ]


def test_a_replacement_with_capitals_of_its_own_keeps_them(guide: Guide) -> None:
    """An all-lower-case replacement takes the original's capital (or a sentence's); one
    with capitals of its own is written as the guide writes it, its first word raised at a
    sentence start only when that word is all lower case: "Mtls" in mid-sentence became
    "Mutual TLS"."""
    text = (
        "Mtls is on. We use MTLS and Mtls. Utilize it. Javascript too. The UTILIZE button.\n"
        "Thanks, and utilize it! jquery works. Then jquery. jQuery is fine."
    )
    result = lint(reply(text), guide, Options(select=frozenset({"jargon"})))
    assert [(text[f.start : f.end], f.replacement) for f in result.findings] == [
        ("Mtls", "Mutual TLS"),
        ("MTLS", "mutual TLS"),
        ("Mtls", "mutual TLS"),
        ("Utilize", "Use"),
        ("Javascript", "JavaScript"),
        ("UTILIZE", "Use"),
        ("utilize", "use"),
        ("jquery", "jQuery"),
        ("jquery", "jQuery"),
    ]
    assert fixed_text(result) == (
        "Mutual TLS is on. We use mutual TLS and mutual TLS. Use it. JavaScript too. The Use "
        "button.\nThanks, and use it! jQuery works. Then jQuery. jQuery is fine."
    )


def test_a_match_already_written_as_its_replacement_is_no_finding(guide: Guide) -> None:
    """Not even at a sentence start, where the first letter would be raised: --fix could
    never clear it, so CI could never pass."""
    assert found(guide, "jQuery is fine.", "jargon") == []
    result = lint(reply("Done. utilize\nit."), guide, Options(select=frozenset({"jargon"})))
    assert [f.replacement for f in result.findings] == ["Use"]


def test_fix_applies_concrete_swaps_only(guide: Guide) -> None:
    result = lint(
        reply("Utilize it shortly in order to win."), guide, Options(select=frozenset({"jargon"}))
    )
    assert fixed_text(result) == "Use it shortly to win."
    shortly = next(f for f in result.findings if "shortly" in f.message)
    assert shortly.replacement is None and 'Suggested: "by <time>"' in shortly.message


def test_locale_not_covered_is_skipped(guide: Guide) -> None:
    report = Report()
    lint_replies(
        [reply("안녕하세요", locale="ko"), reply("Hello", locale="en-GB")], guide, Options(), report
    )
    assert [r.reply.locale for r in report.results] == ["en-GB"]
    assert [r.locale for r in report.skipped] == ["ko"]


def test_a_reply_that_names_no_locale_is_told_by_its_script(guide: Guide) -> None:
    """A Thai macro in an export with no locale got English findings; now it is skipped as
    Thai. A Latin-script reply with a Korean name in it is still English."""
    report = Report()
    thai = reply("สวัสดีค่ะ ขอบคุณที่ติดต่อเรา กรุณารอสักครู่ค่ะ!!!")
    mixed = reply("Hello 김민준, utilize the new form.")
    japanese = reply("お問い合わせありがとうございます。確認いたします。")
    lint_replies([thai, mixed, japanese], guide, Options(), report)
    assert [r.reply for r in report.results] == [mixed]
    assert report.skipped == [thai, japanese]
    assert report.skipped_locales == {"th": 1, "ja": 1}


def test_a_regex_that_needs_backtracking_is_a_guide_error_at_its_line() -> None:
    broken = GUIDE.replace("tokens: ['TCK-[0-9]+']", "tokens: ['(a)\\1']")
    with pytest.raises(GuideError) as caught:
        compile_guide(load_text(broken, "guide.yaml"))
    (problem,) = caught.value.diagnostics
    assert problem.location() == "guide.yaml:13:28"
    assert "does not compile" in problem.message and "RE2" in problem.message


def test_a_pathological_pattern_runs_in_linear_time(guide: Guide, tmp_path: Path) -> None:
    slow = GUIDE.replace("tokens: ['TCK-[0-9]+']", "tokens: ['(a+)+b']")
    compiled = compile_guide(load_text(slow, "guide.yaml"))
    result = lint(reply("a" * 50_000 + "c"), compiled, Options(select=frozenset({"codes"})))
    assert result.findings == []  # returns at once: catastrophic backtracking is impossible in RE2


PROSE_AND_CODE = (
    'Please utilize [the utilize page](utilize.html "utilize") and `utilize --now`.\n'
    "Open https://example.com/utilize?x=utilize, www.utilize.com or help@utilize.com.\n"
    "![utilize](img/utilize.png) and <https://utilize.example>.\n"
    "\n"
    "[docs]: docs/utilize.html\n"
    "\n"
    "```sh\n"
    "utilize --kindly\n"
    "```\n"
    "~~~~\n"
    "utilize\n"
    "~~~~\n"
    "Done: ``we `utilize` it`` and we utilize it.\n"
)


def test_code_link_targets_and_urls_are_never_linted(guide: Guide) -> None:
    """--fix wrote `kindly.html` as `please.html` and rewrote inline code: URLs, link targets,
    code spans and fenced code are not prose (as Vale's scopes skip them)."""
    result = lint(reply(PROSE_AND_CODE), guide, Options(select=frozenset({"jargon"})))
    places = [result.reply.locate(f.start) for f in result.findings]
    where = [(place.line, place.col) for place in places]
    assert where == [(1, 8), (1, 21), (3, 3), (13, 34)]
    assert fixed_text(result) == (
        PROSE_AND_CODE.replace("Please utilize [the utilize", "Please use [the use")
        .replace("![utilize]", "![use]")
        .replace("and we utilize it", "and we use it")
    )


def test_placeholders_are_checked_inside_link_targets(guide: Guide) -> None:
    """A help desk fills placeholders in wherever they are, so a broken one in a URL is
    still broken."""
    assert found(guide, "See [your ticket](https://x.example/t/{{ticket.idd}}).", "vars") == [
        "{{ticket.idd}}"
    ]


SHADOWS = """\
sxt: 1
kind: tone-guide
title: Shadows
letters:
  C: {name: Clear, meaning: Plain words.}
rules:
  - {id: stock, letter: C, level: warning, type: existence, message: '"%s".',
     tokens: [please note, card declined, email address, "!!", la la]}
  - {id: polite, letter: C, level: warning, type: requires, message: No please.,
     tokens: [please]}
  - {id: spelling, letter: C, level: suggestion, type: consistency, message: 'Mixed %s.',
     either: [[email, e-mail]]}
  - {id: bangs, letter: C, level: warning, type: occurrence, message: Too many "!".,
     token: "!", max: 1}
situations:
  billing:
    title: Billing
    detect: {words: [card]}
"""


def test_every_rule_sees_every_match_of_its_own_phrases() -> None:
    """One automaton for all rules returned non-overlapping matches, so a longer phrase of one
    rule hid a shorter one of another: `please note` failed a rule requiring "please", the
    token `card declined` hid the billing word `card`, and so on."""
    shadows = compile_guide(load_text(SHADOWS, "shadows.yaml"))
    text = "Please note your card declined. Write to the email address, not the e-mail!!"
    result = lint(reply(text), shadows)
    assert result.situations == ("billing",)
    assert [(f.rule.id, text[f.start : f.end]) for f in result.findings] == [
        ("stock", "Please note"),
        ("stock", "card declined"),
        ("stock", "email address"),
        ("spelling", "e-mail"),
        ("stock", "!!"),
        ("bangs", "!"),
    ]
    assert result.findings[-1].start == len(text) - 1


def test_a_rule_still_reports_overlapping_phrases_of_its_own_once() -> None:
    shadows = compile_guide(load_text(SHADOWS, "shadows.yaml"))
    result = lint(reply("Wow!!! la la la, please."), shadows, Options(select=frozenset({"stock"})))
    assert [(f.start, f.end) for f in result.findings] == [(3, 5), (7, 12)]


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        # An unclosed Help Scout placeholder ran on to the next one's %} and was read as one.
        ("Hi {%first_name,fallback=there}, see {%ticket.id%}.", ["{%"]),
        ("Hi {{first_name}, see {{ticket.id}}.", ["{{"]),
        ("Hi {first_name}} and %ticket.id%} there.", ["}}", "%}"]),
        ("Hi {{ first_name\n | fallback: there }}.", []),  # Liquid allows line breaks
        # Zendesk dynamic content and Liquid tags are known forms, not typos.
        ("Hi {{dc.welcome_line}}. {% if ticket.id %}Ticket {{ticket.id}}.{% endif %}", []),
        ("{% unless ticket.id %}No ticket.{% else %}{{ ticket.id }}{% endunless %}", []),
    ],
)
def test_a_malformed_placeholder_is_found_where_it_is(
    guide: Guide, text: str, matches: list[str]
) -> None:
    assert found(guide, text, "vars") == matches


def test_the_shipped_guide_knows_help_scout_and_zendesk_forms() -> None:
    shipped = preach()
    text = "Hi {%customer.firstName,fallback=there%}, we wrote to {%customer.email%}. {{dc.sign}}"
    result = lint(reply(text), shipped, Options(select=frozenset({"placeholders"})))
    assert result.findings == []


def test_liquid_whitespace_control_is_a_known_form(guide: Guide) -> None:
    assert found(guide, "{%- if ticket.id -%}Ticket {{- ticket.id -}}{%- endif -%}", "vars") == []


def test_slots_and_acronyms_are_not_shouting() -> None:
    """[AMOUNT] is a slot to fill (the leftovers rule finds it), and EEA, CVV and SIM are
    acronyms: the shipped guide's shouting rule fired on them."""
    shipped = preach()
    text = (
        "Your card works in the EEA. Check the CVV and your SIM. We refunded [AMOUNT] "
        "on [DATE] to [CARD TYPE].\nSET A REMINDER FOR 3 DAYS AND DELETE THIS"
    )
    result = lint(reply(text), shipped, Options(select=frozenset({"shouting", "leftovers"})))
    assert [(f.rule.id, text[f.start : f.end]) for f in result.findings] == [
        ("leftovers", "[AMOUNT]"),
        ("leftovers", "[DATE]"),
        ("leftovers", "[CARD TYPE]"),
        ("leftovers", "SET A REMINDER FOR 3 DAYS AND DELETE THIS"),
    ]
    assert "inside brackets" in explain(shipped, shipped.rules["leftovers"])


BODY = (
    "Hi Sam,\n\nThanks for writing in about the invoice for your team's account. I checked "
    "it with our billing colleagues this morning and changed the address on it. {step}\n\n"
    "Best,\nChris"
)


@pytest.mark.parametrize(
    "step",
    [
        "If anything looks wrong, let us know.",
        "Just write back if the address is still wrong.",
        "You're all set.",
        "You’re all set now.",
        "You'll get a confirmation email within the hour.",
    ],
)
def test_the_shipped_next_step_rule_accepts_common_next_steps(step: str) -> None:
    text = BODY.format(step=step)
    result = lint(reply(text), preach(), Options(select=frozenset({"next-step"})))
    assert result.findings == []


def test_the_shipped_next_step_rule_is_quiet_on_short_snippets() -> None:
    """A snippet ("Your order number is 4411.") is pasted into a longer reply, which has
    the next step: asking one of every snippet made the rule noise."""
    shipped = preach()
    only = Options(select=frozenset({"next-step"}))
    assert lint(reply("Your order number is 4411."), shipped, only).findings == []
    long_without_step = BODY.format(step="The invoice shows the new address.")
    (finding,) = lint(reply(long_without_step), shipped, only).findings
    assert finding.rule.id == "next-step"


def test_an_excerpt_is_not_judged_as_a_whole_reply(guide: Guide) -> None:
    """A preview is the start of a reply: what it lacks (a sign-off, the step after an
    apology) or adds up to (a reading grade) says nothing of the reply, what it holds does."""
    text = (
        "Sorry, we utilize a courier!! This preview shows only the first few words of a much "
        "longer reply written here today."
    )
    whole = {finding.rule.id for finding in lint(reply(text), guide).findings}
    cut = {finding.rule.id for finding in lint(reply(text, excerpt=True), guide).findings}
    assert {"apology", "sign-off", "readable", "jargon", "bangs"} <= whole
    assert whole - cut == {"apology", "sign-off", "readable"}
