"""Vale styles read as guides, on cases ported from Vale's own test suite.

Each case is a rule file, a fixture text and the alerts Vale reports for it (line, column,
message), copied from github.com/errata-ai/vale (testdata/styles, testdata/fixtures and the
expectations in testdata/features/*.feature), or from its packages' suites
(errata-ai/write-good) and documentation (vale-cli/vale.sh, docs/checks/*.md) where the
suite has no case for a rule type. The source of each is in its docstring; where a case
leaves part of the original out, the docstring says what and why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.lint.engine import lint
from toolkit.lint.guide import GuideError
from toolkit.lint.model import Reply, line_locator
from toolkit.lint.vale import load_style
from toolkit.lint.vale_checks import ScopeError, parse_scope, vale_format

Alert = tuple[int, int, str, str]


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def alerts(style: Path, text: str) -> list[Alert]:
    """(line, col, code, message) of every finding on `text`, linted as a Markdown file."""
    guide = load_style(style, style.parent)
    result = lint(Reply("test.md", "test", "test", text, line_locator(text, 1)), guide)
    return sorted((d.line or 0, d.col or 0, d.code, d.message) for d in result.diagnostics())


# errata-ai/vale testdata/styles/vale/Spacing.yml
SPACING = """\
---
extends: existence
message: "Use exactly one space between sentences and clauses. Check '%s' for spacing problems."
level: error
nonword: true
tokens:
  - "[a-z][.?!,][A-Z]"
  - '[\\w.?!,\\(\\)\\-":] {2,}[\\w.?!,\\(\\)\\-":]'
"""


def test_existence_nonword_tokens(tmp_path: Path) -> None:
    """testdata/fixtures/checks/Existence/test.md with testdata/styles/vale/Spacing.yml;
    checks.feature, Scenario Existence: `test.md:9:28:vale.Spacing:...'e.A'...`. The code
    span and the list's indentation are no spacing problem."""
    write(tmp_path, {"vale/Spacing.yml": SPACING})
    text = (
        "# Test\n\nThis is a very good sentence.\n\n1. Enter the project details.\n"
        "   - In the **Project name** field, enter `animals`.\n1. Here's another step.\n\n"
        "This is a very good sentence.And another one."
    )
    message = (
        "Use exactly one space between sentences and clauses. Check 'e.A' for spacing problems."
    )
    assert alerts(tmp_path / "vale", text) == [(9, 28, "vale/Spacing", message)]


def test_existence_finds_nothing_in_code_blocks(tmp_path: Path) -> None:
    """testdata/fixtures/checks/Existence/test2.md, which checks.feature expects no alert
    in: a fenced block's `number_of_legs = models...` has no prose to check."""
    write(tmp_path, {"vale/Spacing.yml": SPACING})
    text = (
        "1. Enter the project details.\n   - In the **Project name** field, enter `animals`.\n\n"
        "## Create a Django application\n\n"
        "1. Create a model to define an Animal. In `animals/models.py`:\n\n"
        "   ```python\n   from django.db import models\n   class Animal(models.Model):\n"
        "       name = models.CharField(max_length=200)\n"
        "       number_of_legs = models.IntegerField(default=2)\n"
        "       dangerous = models.BooleanField(default=False)\n   ```"
    )
    assert alerts(tmp_path / "vale", text) == []


def test_existence_raw_and_ignorecase(tmp_path: Path) -> None:
    """errata-ai/write-good: write-good/ThereIs.yml on fixtures/ThereIs/test.md;
    features/rules.feature, Scenario "Starting sentences with 'There is'"."""
    write(
        tmp_path,
        {
            "write-good/ThereIs.yml": (
                "extends: existence\nmessage: \"Don't start a sentence with '%s'.\"\n"
                "ignorecase: true\nlevel: error\nraw:\n"
                "  - '(?:[;-]\\s)There\\s(is|are)|\\bThere\\s(is|are)\\b'\n"
            )
        },
    )
    text = "# `write-good.ThereIs`\n\nThere is a baseball field.\n\nThere are cars over there!\n"
    assert alerts(tmp_path / "write-good", text) == [
        (3, 1, "write-good/ThereIs", "Don't start a sentence with 'There is'."),
        (5, 1, "write-good/ThereIs", "Don't start a sentence with 'There are'."),
    ]


# errata-ai/vale testdata/styles/Bugs/*.yml, as testdata/fixtures/checks/Substitution/.vale.ini
# switches them on.
BUGS = {
    "styles/Bugs/Newline.yml": (
        "---\nextends: substitution\nignorecase: false\nlevel: error\n"
        "message: Use '%s' rather than '%s'.\naction:\n  name: replace\nswap:\n  linuxptp: test\n"
    ),
    "styles/Bugs/URLCtx.yml": (
        "extends: substitution\nmessage: Use '%s' instead of '%s'\nlevel: error\n"
        'swap:\n  "term": Term\n'
    ),
    "styles/Bugs/MatchCase.yml": (
        "extends: substitution\nmessage: \"Consider using '%s' instead of '%s'.\"\n"
        "ignorecase: true\ncapitalize: true\nlevel: error\naction:\n  name: replace\n"
        "swap:\n  mankind: human kind\n"
    ),
    "styles/Bugs/KeepCase.yml": (
        '---\nextends: substitution\nignorecase: false\nlevel: error\nmessage: "Use %s rather '
        'than %s."\naction:\n  name: replace\nswap:\n  Mutual TLS: mutual TLS\n  VNIC: vNIC\n'
    ),
    "styles/Bugs/TermCase.yml": (
        '---\nextends: substitution\nignorecase: true\nlevel: error\nmessage: "Use %s rather '
        'than %s."\naction:\n  name: replace\nswap:\n  javascript: JavaScript\n  ios: iOS\n'
    ),
    "styles/Vocab/Cap/accept.txt": "congressman\nhubba\nvery\n",
    ".vale.ini": "StylesPath = styles\n\nVocab = Cap\n\n[*]\nBugs.Newline = YES\n",
}


def test_substitution_messages_case_and_urls(tmp_path: Path) -> None:
    """testdata/fixtures/checks/Substitution/test.md with the Bugs rules; checks.feature,
    Scenario Substitution (every line of it but the two of Bugs.SameCase, whose fixture
    lines this version of test.md does not have). Two `%s`: the suggestion, then the match;
    `action: replace` quotes the suggestion; `capitalize` follows the match's capital; text
    in a code span or a URL is not prose."""
    write(tmp_path, BUGS)
    text = (
        "# Test\n\nThe congressman voted to pass the bill.\n\nThe linuxptp resource.\n\n"
        "The `linuxptp` resource.\nThe linuxptp resource.\n\nterm\nhttps://abc.com/term\n\n"
        "https://abc.com/term\n\nThe innovation was good for mankind.\n\nMankind is a term.\n\n"
        "The Mutual TLS is a good practice. VNIC is another word.\n\n"
        "Javascript is a programming language. I developed a javascript application.\n\n"
        "IOS is a mobile operating system.\n"
    )
    assert alerts(tmp_path / "styles" / "Bugs", text) == [
        (5, 5, "Bugs/Newline", "Use 'test' rather than 'linuxptp'."),
        (8, 5, "Bugs/Newline", "Use 'test' rather than 'linuxptp'."),
        (10, 1, "Bugs/URLCtx", "Use 'Term' instead of 'term'"),
        (15, 29, "Bugs/MatchCase", "Consider using 'human kind' instead of 'mankind'."),
        (17, 1, "Bugs/MatchCase", "Consider using 'Human kind' instead of 'Mankind'."),
        (17, 14, "Bugs/URLCtx", "Use 'Term' instead of 'term'"),
        (19, 5, "Bugs/KeepCase", "Use 'mutual TLS' rather than Mutual TLS."),
        (19, 36, "Bugs/KeepCase", "Use 'vNIC' rather than VNIC."),
        (21, 1, "Bugs/TermCase", "Use 'JavaScript' rather than Javascript."),
        (21, 53, "Bugs/TermCase", "Use 'JavaScript' rather than javascript."),
        (23, 1, "Bugs/TermCase", "Use 'iOS' rather than IOS."),
    ]


def test_substitution_capture_groups_fill_the_suggestion(tmp_path: Path) -> None:
    """testdata/styles/demo/CapSub.yml on testdata/fixtures/checks/Substitution/test2.md;
    checks.feature, Scenario Substitution, its demo.CapSub lines: `$1` is the key's group."""
    write(
        tmp_path,
        {
            "demo/CapSub.yml": (
                "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\nlevel: error\n"
                "scope: raw\ncapitalize: true\nignorecase: true\naction:\n  name: replace\n"
                'swap:\n  "change in(?: )?to the (.*) directory": change to the $1 directory\n'
            )
        },
    )
    text = (
        "# Test\n\nChange into the `/etc` directory.\n\nWithin the home directory.\n\n"
        "Change into the `/home/user` directory.\n\nChange into the `/etc/X11` directory."
    )
    message = "Use 'Change to the `{0}` directory' instead of 'Change into the `{0}` directory'."
    assert alerts(tmp_path / "demo", text) == [
        (3, 1, "demo/CapSub", message.format("/etc")),
        (7, 1, "demo/CapSub", message.format("/home/user")),
        (9, 1, "demo/CapSub", message.format("/etc/X11")),
    ]


def test_substitution_pipes_are_several_suggestions(tmp_path: Path) -> None:
    """testdata/styles/demo/Terms.yml; the Styles feature (Scenario "Lint against demo"):
    `test.md:44:11:demo.Terms:Use 'phone' or 'mobile phone' instead of 'cell phone'.` That
    fixture is not in the index searched for this port: the line here is made up, the rule
    and the message are Vale's. Several suggestions are no --fix."""
    write(
        tmp_path,
        {
            "demo/Terms.yml": (
                "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\n"
                'link: "https://developers.google.com/style/word-list"\nlevel: warning\n'
                "ignorecase: false\naction:\n  name: replace\nswap:\n"
                '  "(?:cell ?phone|smart ?phone)": phone|mobile phone\n'
            )
        },
    )
    guide = load_style(tmp_path / "demo", tmp_path)
    text = "Call my cell phone."
    result = lint(Reply("t.md", "t", "t", text, line_locator(text, 1)), guide)
    [finding] = result.findings
    assert finding.message == (
        "Use 'phone' or 'mobile phone' instead of 'cell phone'. "
        "More: https://developers.google.com/style/word-list"
    )
    assert (finding.start, finding.replacement) == (8, None)


# errata-ai/vale testdata/styles/demo/MinCount.yml, ZeroOccurrence.yml, CharCount.yml,
# CommasPerSentence.yml
OCCURRENCE = {
    "demo/MinCount.yml": (
        'message: "Content too short."\nextends: occurrence\nscope: raw\nlevel: error\n'
        "min: 10\ntoken: \\b(\\w+)\\b\n"
    ),
    "demo/ZeroOccurrence.yml": (
        'message: "No intro"\nextends: occurrence\nscope: heading\nlevel: error\nmin: 1\n'
        "token: Introduction\n"
    ),
    "demo/CharCount.yml": (
        'extends: occurrence\nmessage: "Topic titles should use fewer than 70 characters."\n'
        "scope: heading & ~heading.h1\nlevel: warning\nmax: 70\ntoken: .\n"
    ),
    "demo/CommasPerSentence.yml": (
        'message: "More than 3 commas!"\nextends: occurrence\nscope: sentence\nmax: 3\n'
        "token: ','\n"
    ),
}


def test_occurrence_min_over_the_scope(tmp_path: Path) -> None:
    """testdata/fixtures/checks/Occurrence/test2.md; checks.feature, Scenario Occurrence:
    `test2.md:1:3:demo.MinCount:Content too short.`, and no demo.ZeroOccurrence alert,
    since one of its headings says Introduction."""
    write(tmp_path, OCCURRENCE)
    assert alerts(tmp_path / "demo", "# Introduction\n\n## Second\n\n### Third\n") == [
        (1, 3, "demo/MinCount", "Content too short.")
    ]


def test_occurrence_none_at_all_is_at_the_start(tmp_path: Path) -> None:
    """checks.feature, Scenario Occurrence: `test.md:1:1:demo.ZeroOccurrence:No intro` (an
    occurrence rule with nothing found reports at 1:1). That test.md is not in the index
    searched for this port; the headings here are made up."""
    write(tmp_path, {"demo/ZeroOccurrence.yml": OCCURRENCE["demo/ZeroOccurrence.yml"]})
    assert alerts(tmp_path / "demo", "# Overview\n\nText.\n\n## Details\n") == [
        (1, 1, "demo/ZeroOccurrence", "No intro")
    ]


def test_occurrence_max_per_heading_outside_code(tmp_path: Path) -> None:
    """testdata/fixtures/checks/Occurrence/test3.md (this version has its first seven lines);
    checks.feature, Scenario Occurrence: `test3.md:7:37:demo.CharCount:...`: the h1 is out
    of the scope, and the alert is on the first character outside the code span."""
    write(tmp_path, {"demo/CharCount.yml": OCCURRENCE["demo/CharCount.yml"]})
    text = (
        "# Troubleshooting repository mirroring\n\nDETAILS:\n"
        "**Tier:** Free, Premium, Ultimate\n**Offering:** GitLab.com, Self-managed, GitLab "
        "Dedicated\n\n## `The repository is being updated`, but neither fails nor succeeds "
        "visibly\n"
    )
    assert alerts(tmp_path / "demo", text) == [
        (7, 37, "demo/CharCount", "Topic titles should use fewer than 70 characters.")
    ]


def test_occurrence_per_sentence(tmp_path: Path) -> None:
    """testdata/fixtures/styles/demo/test.rst, line 1; the Styles feature (Scenario "Lint
    against demo"): `test.rst:1:22:demo.CommasPerSentence:More than 3 commas!`."""
    write(tmp_path, {"demo/CommasPerSentence.yml": OCCURRENCE["demo/CommasPerSentence.yml"]})
    text = "There are many colors, including red, blue, green, orange.  I am a sentence!\n"
    assert alerts(tmp_path / "demo", text) == [
        (1, 22, "demo/CommasPerSentence", "More than 3 commas!")
    ]


def test_repetition(tmp_path: Path) -> None:
    """errata-ai/write-good: write-good/Illusions.yml on fixtures/Illusions/test.md;
    features/rules.feature, Scenario "Repeated words": `test.md:1:1:...'the' is repeated!`."""
    write(
        tmp_path,
        {
            "write-good/Illusions.yml": (
                "extends: repetition\nmessage: \"'%s' is repeated!\"\nlevel: warning\n"
                'ignorecase: true\naction:\n  name: edit\n  params:\n    - truncate\n    - " "\n'
                "tokens:\n  - '[\\w]+'\n"
            )
        },
    )
    assert alerts(tmp_path / "write-good", "The the book store is over there.\n") == [
        (1, 1, "write-good/Illusions", "'the' is repeated!")
    ]


def test_repetition_not_across_sentences(tmp_path: Path) -> None:
    """Vale.Repetition as internal/check/definition.go defines it (`[^\\s.!?]+`, alpha,
    ignorecase) on testdata/fixtures/checks/Repetition/test.md's "Redis. Redis", which
    checks.feature (Scenario Repetition) reports nothing for: two sentences."""
    write(
        tmp_path,
        {
            "Vale/Repetition.yml": (
                "extends: repetition\nmessage: \"'%s' is repeated!\"\nlevel: error\n"
                "ignorecase: true\nalpha: true\ntokens:\n  - '[^\\s.!?]+'\n"
            )
        },
    )
    text = (
        "All plans except a Personal plan can use Redis. Redis is available to Sandbox plans "
        "for developmental purposes.\n"
    )
    assert alerts(tmp_path / "Vale", text) == []


def test_consistency_reports_the_later_spelling(tmp_path: Path) -> None:
    """testdata/fixtures/styles/demo/test.rst, lines 9 to 24; the Styles feature (Scenario
    "Lint against demo"): `test.rst:20:25:demo.Spelling:Inconsistent spelling of 'center'`
    and `test.rst:24:32:...'colour'`. demo/Spelling.yml is not in the index searched for
    this port: the rule is the one of vale.sh docs/checks/consistency.md, with the colour
    pair the fixture needs."""
    write(
        tmp_path,
        {
            "demo/Spelling.yml": (
                "extends: consistency\nmessage: \"Inconsistent spelling of '%s'\"\nlevel: error\n"
                "ignorecase: true\neither:\n  advisor: adviser\n  centre: center\n"
                "  colour: color\n"
            )
        },
    )
    text = (
        "There are many colors, including red, blue, green, orange.  I am a sentence!\n\n\n\n\n"
        "\n\n\n"
        "Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor\n"
        "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis\n"
        "nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.\n"
        "Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu\n"
        "fugiat nulla pariatur. Excepteur sint occaecat cupidatat non centre proident, sunt in\n"
        "culpa qui officia deserunt mollit anim id est laborum. Lorem ipsum dolor sit\n"
        "amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labore\n"
        "et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation\n"
        "ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor\n"
        "in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur.\n"
        "Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia\n"
        "deserunt mollit anim id center est laborum. Lorem ipsum dolor sit amet, consectetur\n"
        "adipisicing elit, sed do eiusmod tempor incididunt ut labore et dolore magna\n"
        "aliqua.\n\nRed is a color. Blue is also a colour.\n"
    )
    assert alerts(tmp_path / "demo", text) == [
        (20, 25, "demo/Spelling", "Inconsistent spelling of 'center'"),
        (24, 32, "demo/Spelling", "Inconsistent spelling of 'colour'"),
    ]


def test_conditional_needs_a_definition(tmp_path: Path) -> None:
    """vale-cli/vale.sh docs/checks/conditional.md, its rule and text and the alert it shows:
    `test.md:1:224:style.UnexpandedAcronyms:'DAFB' has no definition` (Vale's suite has
    testdata/styles/Checks/MultiCapture.yml for this, which is not in the index searched for
    this port). WHO is defined, and DAFB in code is not prose."""
    write(
        tmp_path,
        {
            "style/UnexpandedAcronyms.yml": (
                "extends: conditional\nmessage: \"'%s' has no definition\"\nlevel: error\n"
                "scope: text\nignorecase: false\nfirst: '\\b([A-Z]{3,5})\\b'\n"
                "second: '(?:\\b[A-Z][a-z]+ )+\\(([A-Z]{3,5})\\)'\n"
                "exceptions:\n  - ABC\n  - ADD\n"
            )
        },
    )
    text = (
        "According to Wikipedia, the World Health Organization (WHO) is a specialized agency "
        "of the United Nations that is concerned with international public health. We can now "
        "use WHO because it has been defined, but we can’t use DAFB because people may not know "
        "what it represents. We can use `DAFB` when it’s presented as code, though."
    )
    assert alerts(tmp_path / "style", text) == [
        (1, 224, "style/UnexpandedAcronyms", "'DAFB' has no definition")
    ]


def test_conditional_without_a_group_is_a_presence_check(tmp_path: Path) -> None:
    """vale-cli/vale.sh docs/checks/conditional.md, "Presence checks": with no group in
    `second`, any `first` needs `second` somewhere in the same block."""
    write(
        tmp_path,
        {
            "style/Summary.yml": (
                "extends: conditional\nmessage: \"A 'Section' requires a 'Summary:' line.\"\n"
                "level: error\nscope: raw\nfirst: '\\bSection\\b'\nsecond: 'Summary:'\n"
            )
        },
    )
    assert alerts(tmp_path / "style", "Section one.\n\nSummary: done.\n") == []
    assert alerts(tmp_path / "style", "Section one.\n") == [
        (1, 1, "style/Summary", "A 'Section' requires a 'Summary:' line.")
    ]


# errata-ai/vale testdata/styles/demo/SentenceCase.yml
SENTENCE_CASE = """\
extends: capitalization
message: "'%s' should be sentence-cased"
level: warning
scope: heading
match: $sentence
exceptions:
  - Section
  - Level
  - Title
  - Azure
  - Axon
  - Axon Framework
  - Axon Server
  - Axon Synapse
indicators:
  - ":"
prefix: '^[a-z]\\.\\s'
"""


def test_capitalization_sentence_case(tmp_path: Path) -> None:
    """testdata/fixtures/checks/SentenceCase/test.md; checks.feature, Scenario SentenceCase:
    5:3 and 11:3. A code span is a word that is right as written, exceptions keep their
    case, and a word after an indicator (`:`) starts anew."""
    write(tmp_path, {"demo/SentenceCase.yml": SENTENCE_CASE})
    text = (
        "# Use the `APPEND` operator\n\n## Level 1 Section Title\n\n# this isn't in sentence "
        "case\n\n## `this` is in sentence case\n\n## 1 this also is in sentence case\n\n"
        "# This Does Not Comply\n\n# Find the thief: Introduction\n"
    )
    assert alerts(tmp_path / "demo", text) == [
        (5, 3, "demo/SentenceCase", "'this isn't in sentence case' should be sentence-cased"),
        (11, 3, "demo/SentenceCase", "'This Does Not Comply' should be sentence-cased"),
    ]


def test_capitalization_prefix_and_number_lists(tmp_path: Path) -> None:
    """testdata/fixtures/checks/Capitalization/test4.md; checks.feature, Scenario
    Capitalization: 9:4 and 15:4. `prefix` (`a. `) is left alone, but only in lower case;
    after `1.` a heading starts anew; a multi-word exception is one word."""
    write(tmp_path, {"demo/SentenceCase.yml": SENTENCE_CASE})
    text = (
        "# 1. An important heading\n\nSome text.\n\n## An unimportant heading\n\nSome text\n\n"
        "## An unimportant Heading\n\nSome text\n\n## a. An unimportant heading\n\n"
        "## B. An unimportant heading\n\n## Axon Server connection\n"
    )
    assert alerts(tmp_path / "demo", text) == [
        (9, 4, "demo/SentenceCase", "'An unimportant Heading' should be sentence-cased"),
        (15, 4, "demo/SentenceCase", "'B. An unimportant heading' should be sentence-cased"),
    ]


def test_capitalization_threshold_and_vocabulary(tmp_path: Path) -> None:
    """testdata/styles/demo/CustomCap.yml on testdata/fixtures/checks/Capitalization/test2.md
    (with its .vale.ini's `Vocab = Cap`); checks.feature, Scenario Capitalization:
    `test2.md:1:3:demo.CustomCap:'Section about the MacBook pro ultimate edition' should be
    in title case`: six words of seven are right, under the threshold of 0.9."""
    write(
        tmp_path,
        {
            "styles/demo/CustomCap.yml": (
                "extends: capitalization\nmessage: \"'%s' should be in title case\"\n"
                "level: error\nscope: heading\nmatch: $sentence\nthreshold: 0.9\n"
                "exceptions:\n  - ABC\n  - add\n"
            ),
            "styles/Vocab/Cap/accept.txt": "congressman\nhubba\nvery\n",
            ".vale.ini": (
                "StylesPath = styles/\n\nVocab = Cap\n\n[test2.md]\ndemo.CustomCap = YES\n"
            ),
        },
    )
    assert alerts(
        tmp_path / "styles" / "demo", "# Section about the MacBook pro ultimate edition"
    ) == [
        (
            1,
            3,
            "demo/CustomCap",
            "'Section about the MacBook pro ultimate edition' should be in title case",
        )
    ]


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("AP", []),
        ("Chicago", [(1, 3, "demo/Title", "'Getting Started With the API Through the Portal'")]),
    ],
)
def test_capitalization_title_styles(tmp_path: Path, style: str, expected: list[Alert]) -> None:
    """vale-cli/vale.sh docs/checks/capitalization.md, "styles": AP lowercases articles,
    conjunctions and prepositions of three letters or fewer, Chicago every preposition. Two
    words of eight are not as Chicago writes them, under the default threshold of 0.8."""
    write(
        tmp_path,
        {
            "demo/Title.yml": (
                f"extends: capitalization\nmessage: \"'%s'\"\nscope: heading\nmatch: $title\n"
                f"style: {style}\n"
            )
        },
    )
    text = "# Getting Started With the API Through the Portal\n"
    assert alerts(tmp_path / "demo", text) == expected


def test_readability_averages_its_metrics(tmp_path: Path) -> None:
    """vale-cli/vale.sh docs/checks/readability.md: the grade of several metrics is their
    average, to two places, reported at 1:1, and headings are not prose. Vale's Readability
    fixtures are not in the index searched for this port, and its syllable counter is not
    sxt's, so the grades here are sxt's own, checked against each other."""
    rule = 'extends: readability\nmessage: "Grade level (%s) too high!"\ngrade: {0}\nmetrics:\n{1}'
    metrics = ["Flesch-Kincaid", "Gunning Fog", "Coleman-Liau", "SMOG", "Automated Readability"]
    for metric in metrics:
        write(tmp_path, {f"one/{metric}.yml": rule.format(-100, f"  - {metric}\n")})
    write(tmp_path, {"all/All.yml": rule.format(-100, "".join(f"  - {m}\n" for m in metrics))})
    text = (
        "# Heading words are not counted whatever their length\n\n"
        "Organizational communication necessitates considerable interdepartmental "
        "coordination. We reply quickly.\n"
    )
    grades = [float(a[3].split("(")[1].split(")")[0]) for a in alerts(tmp_path / "one", text)]
    [(line, col, _, message)] = alerts(tmp_path / "all", text)
    assert (line, col) == (1, 1)
    assert message == f"Grade level ({sum(grades) / 5:.2f}) too high!"
    write(tmp_path, {"low/Reading.yml": rule.format(100, "  - Flesch-Kincaid\n")})
    assert alerts(tmp_path / "low", text) == []


# errata-ai/vale testdata/fixtures/vocab/styles/Vocab/Basic/accept.txt
ACCEPT = (
    "[pP]y.*\\b\ndefinately\n# This is a comment\nDocumentarians\nLog4j\nABCDEF\nABC-DEF\n"
    "PLuG\n(?i)GitHub"
)


def test_vocabulary_terms_and_avoid(tmp_path: Path) -> None:
    """testdata/fixtures/vocab/Basic/test.md with Vocab/Basic/accept.txt; misc.feature,
    Scenario Vocab: every alert it lists. Its reject.txt is not in the index searched for
    this port: the one here holds the one entry the expected Vale.Avoid alert shows."""
    write(
        tmp_path,
        {
            "styles/Empty/.keep": "",
            "styles/Vocab/Basic/accept.txt": ACCEPT,
            "styles/Vocab/Basic/reject.txt": "Mac OS X\n",
            ".vale.ini": "StylesPath = styles\n\nVocab = Basic\n\n[*.md]\nBasedOnStyles = Vale\n",
        },
    )
    text = (
        "# Intro\n\nThe Mac OS X is a computer operating system.\n\nI've definately done okay.\n\n"
        "Definately -- that's a good idea.\n\nI use Pyyaml and Pyjson for my data.\n\n"
        "ac-sshkey-add\n\ndocumentarians\n\nI matter-of-factly said no.\n\n"
        "I use the log4j library.\n\nABCDEf\n\nABC-DEf\n\nplug\n\nGithub"
    )
    assert alerts(tmp_path / "styles" / "Empty", text) == [
        (3, 5, "Vale/Avoid", "Avoid using 'Mac OS X'."),
        (7, 1, "Vale/Terms", "Use 'definately' instead of 'Definately'."),
        (13, 1, "Vale/Terms", "Use 'Documentarians' instead of 'documentarians'."),
        (17, 11, "Vale/Terms", "Use 'Log4j' instead of 'log4j'."),
        (19, 1, "Vale/Terms", "Use 'ABCDEF' instead of 'ABCDEf'."),
        (21, 1, "Vale/Terms", "Use 'ABC-DEF' instead of 'ABC-DEf'."),
        (23, 1, "Vale/Terms", "Use 'PLuG' instead of 'plug'."),
    ]


def test_accepted_words_are_exceptions_unless_vocab_is_off(tmp_path: Path) -> None:
    """vale-cli/vale.sh docs/keys/vocabularies.md: accept.txt entries are exceptions to every
    rule, and `vocab: false` turns that off for one. Without a .vale.ini, the vocabularies
    beside the style are used (sxt's choice, see the README)."""
    rule = "extends: existence\nmessage: \"'%s'\"\ntokens:\n  - very\n"
    write(
        tmp_path,
        {
            "styles/House/Very.yml": rule,
            "styles/House/Strict.yml": rule + "vocab: false\n",
            "styles/config/vocabularies/Base/accept.txt": "very\n",
        },
    )
    assert alerts(tmp_path / "styles" / "House", "A very good reply.") == [
        (1, 3, "House/Strict", "'very'")
    ]


def test_a_pattern_re2_refuses_leaves_its_rule_out(tmp_path: Path) -> None:
    """vale-cli/vale.sh docs/checks/conditional.md, "Lookarounds": Vale's engine has
    lookaround, RE2 has not. That rule is left out with a warning where the pattern is
    written; an unsupported check and scope are warnings too; the others still lint."""
    write(
        tmp_path,
        {
            "mdx/Imports.yml": (
                "extends: conditional\nmessage: \"'%s' has been imported but not used.\"\n"
                "level: error\nscope: raw\nfirst: '(?<=import )(\\w+)(?= from)'\n"
                "second: '(?<=<)(\\w+)'\n"
            ),
            # errata-ai/vale testdata/styles/demo/Meetup.yml
            "mdx/Meetup.yml": (
                "---\nextends: sequence\nmessage: Use 'meetup(s)' instead of 'meet up'\n"
                "tokens:\n  - tag: NN\n    pattern: meet\n  - pattern: up\n"
            ),
            "mdx/Quote.yml": "extends: existence\nmessage: x\nscope: blockquote\ntokens: [here]\n",
            "mdx/Very.yml": "extends: existence\nmessage: \"'%s'\"\ntokens: [very]\n",
        },
    )
    guide = load_style(tmp_path / "mdx", tmp_path)
    assert sorted(guide.rules) == ["Very"]
    assert [(w.path, w.line, w.col, w.severity) for w in guide.warnings] == [
        ("mdx/Imports.yml", 5, 8, "warning"),
        ("mdx/Meetup.yml", 2, 10, "warning"),
        ("mdx/Quote.yml", 3, 8, "warning"),
    ]
    assert "does not compile with RE2" in guide.warnings[0].message
    assert "no sequence check" in guide.warnings[1].message
    assert "scope 'blockquote' is not supported" in guide.warnings[2].message


def test_errors_in_rule_files_point_at_them(tmp_path: Path) -> None:
    """A YAML error, a key of the wrong type, a check Vale has not: `path:line:col: error`
    for each, all in one run, and no guide."""
    write(
        tmp_path,
        {
            "house/Broken.yml": 'extends: existence\nmessage: "unclosed\n',
            "house/Typed.yml": "extends: existence\nmessage: x\nlevel: loud\ntokens: [a]\n",
            "house/Unknown.yml": "extends: existance\nmessage: x\n",
            "house/Listed.yml": "extends: [existence]\nmessage: x\n",
        },
    )
    with pytest.raises(GuideError) as raised:
        load_style(tmp_path / "house", tmp_path)
    assert [(d.path, d.line, d.severity) for d in raised.value.diagnostics] == [
        ("house/Broken.yml", 2, "error"),  # where the quote opens
        ("house/Listed.yml", 1, "error"),
        ("house/Typed.yml", 3, "error"),
        ("house/Unknown.yml", 1, "error"),
    ]


def test_limit_and_config_levels(tmp_path: Path) -> None:
    """vale-cli/vale.sh docs/topics/styles.md: `limit` is the most alerts a rule makes in a
    file; a .vale.ini switches a rule off (`NO`) or gives it a level."""
    write(
        tmp_path,
        {
            "styles/House/Very.yml": "extends: existence\nmessage: m\nlimit: 1\ntokens: [very]\n",
            "styles/House/Off.yml": "extends: existence\nmessage: m\ntokens: [good]\n",
            ".vale.ini": "StylesPath = styles\n[*]\nHouse.Off = NO\nHouse.Very = error\n",
        },
    )
    guide = load_style(tmp_path / "styles" / "House", tmp_path)
    assert {rule.id: rule.level for rule in guide.rules.values()} == {"Very": "error"}
    assert alerts(tmp_path / "styles" / "House", "very very good") == [(1, 1, "House/Very", "m")]


@pytest.mark.parametrize(
    ("scope", "kinds"),
    [
        (None, [("text", frozenset(range(1, 7)))]),
        ("heading.h2", [("heading", frozenset({2}))]),
        ("heading & ~heading.h1", [("heading", frozenset(range(2, 7)))]),
        (
            ["sentence", "raw"],
            [("sentence", frozenset(range(1, 7))), ("raw", frozenset(range(1, 7)))],
        ),
        ("text.md", [("text", frozenset(range(1, 7)))]),
    ],
)
def test_scopes(scope: object, kinds: list[tuple[str, frozenset[int]]]) -> None:
    assert [(s.kind, s.levels) for s in parse_scope(scope)] == kinds


@pytest.mark.parametrize("scope", ["list", "~heading", "table.cell", "heading & ~list", "alt"])
def test_scopes_sxt_does_not_read(scope: str) -> None:
    with pytest.raises(ScopeError):
        parse_scope(scope)


def test_messages_format_like_go() -> None:
    """Vale formats messages with Go's Sprintf: extra values are dropped, `%%` is `%`."""
    assert vale_format("Use '%s' instead of '%s'.", "a", "b", "c") == "Use 'a' instead of 'b'."
    assert vale_format("100%% '%s' and '%s'", "a") == "100% 'a' and ''"
