from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli

# The documented findings of the shipped example replies (README, "Tone lint"): the good
# replies are clean and each bad one shows the mistake it was written to show.
SHIPPED_FINDINGS = {
    "replies/apology-no-next-step-bad.md": [
        "A/next-step",
        "C/readability",
        "E/apology-next-step",
        "R/unfortunately-once",
    ],
    "replies/generic-greeting-bad.md": [
        "P/generic-greeting",
        "A/vague-promises",
        "A/vague-promises",
    ],
    "replies/jargon-bad.md": [
        "A/next-step",
        "C/jargon",
        "C/jargon",
        "C/jargon",
        "C/jargon",
        "C/readability",
        "R/blame",
        "C/jargon",
        "C/jargon",
        "C/jargon",
        "C/jargon",
    ],
    "replies/payment-failed-bad.md": [
        "A/next-step",
        "E/playful-words",
        "H/emoji-sensitive",
        "R/hedging",
    ],
    "replies/placeholder-no-fallback-bad.md": ["P/placeholders", "C/consistent-terms"],
    "replies/shouting-bad.md": ["H/shouting", "H/shouting", "H/exclamations"],
    # locale: ko, so linted with the Korean guide (preach-ko): speech level and playfulness
    "replies/ko-payment-failed-bad.md": [
        "A/next-step",
        "E/playful-words",
        "H/casual-register",
        "E/playful-words",
        "H/emoji-sensitive",
        "H/casual-register",
        "H/curt-imperative",
    ],
}


def lint(runner: CliRunner, workspace: Path, *arguments: str, stdin: str | None = None):
    return runner.invoke(cli, ["-C", str(workspace), "lint", *arguments], input=stdin)


def findings(output: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in output.splitlines():
        if "[" in line and ": " in line and line.split(":", 1)[0].startswith("replies/"):
            path = line.split(":", 1)[0]
            found.setdefault(path, []).append(line.split("[", 1)[1].split("]", 1)[0])
    return found


def test_shipped_replies_give_the_documented_findings(runner: CliRunner, workspace: Path) -> None:
    result = lint(runner, workspace)
    assert result.exit_code == 1
    assert findings(result.output) == SHIPPED_FINDINGS
    lines = result.output.splitlines()
    assert lines[-3].split("  ") == [
        "P Personal: 2",
        "R Reassuring: 3",
        "E Empathetic: 4",
        "A Actionable: 6",
        "C Clear: 11",
        "H Human: 8",
    ]
    assert lines[-2] == "Linted 14 replies with PREACH and PREACH (한국어)."
    assert lines[-1] == "Found 14 errors, 16 warnings and 4 suggestions in 7 of 14 files."


def test_text_line_format(runner: CliRunner, workspace: Path) -> None:
    first = lint(runner, workspace).output.splitlines()[0]
    assert first == (
        "replies/apology-no-next-step-bad.md:11:1: warning [A/next-step] No next step found. "
        "Tell the customer what happens next, who does it and by when."
    )


@pytest.mark.parametrize(("situation", "exit_code"), [("billing", 1), ("good-news", 0)])
def test_the_situation_example(
    runner: CliRunner, workspace: Path, situation: str, exit_code: int
) -> None:
    result = lint(
        runner,
        workspace,
        "--stdin",
        "--situation",
        situation,
        stdin="Uh oh, your payment failed! 🙈\n",
    )
    assert result.exit_code == exit_code, result.output
    if situation == "billing":
        assert "stdin.md:1:1: error [E/playful-words]" in result.output
        assert "stdin.md:1:29: error [H/emoji-sensitive]" in result.output


def test_fail_level(runner: CliRunner, workspace: Path) -> None:
    clean_of_errors = workspace / "replies" / "generic-greeting-bad.md"
    assert lint(runner, workspace, str(clean_of_errors)).exit_code == 0  # warnings only
    assert lint(runner, workspace, str(clean_of_errors), "--fail-level", "warning").exit_code == 1


def test_select_and_ignore_by_rule_or_letter(runner: CliRunner, workspace: Path) -> None:
    only_h = findings(lint(runner, workspace, "--select", "H").output)
    assert {code for codes in only_h.values() for code in codes} == {
        "H/shouting",
        "H/exclamations",
        "H/emoji-sensitive",
        "H/casual-register",
        "H/curt-imperative",
    }
    without = findings(lint(runner, workspace, "--ignore", "jargon,A").output)
    codes = {code for found in without.values() for code in found}
    assert "C/jargon" not in codes and not any(code.startswith("A/") for code in codes)


def test_fix_changes_only_the_substituted_spans(
    runner: CliRunner, workspace: Path, tmp_path: Path
) -> None:
    before = {p.name: p.read_text(encoding="utf-8") for p in (workspace / "replies").glob("*.md")}
    diff = lint(runner, workspace, "--diff")
    assert diff.exit_code == 1
    assert "+To use the data export feature, your account must be on the Business" in diff.output
    assert {
        p.name: p.read_text(encoding="utf-8") for p in (workspace / "replies").glob("*.md")
    } == before

    fixed = lint(runner, workspace, "--fix")
    assert fixed.output.startswith("Fixed 2 files; linting again.")
    after = {p.name: p.read_text(encoding="utf-8") for p in (workspace / "replies").glob("*.md")}
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {"jargon-bad.md", "generic-greeting-bad.md"}
    old, new = before["jargon-bad.md"], after["jargon-bad.md"]
    for removed, added in [
        ("In order to utilize", "To use"),
        ("functionality", "feature"),
        ("at this point in time", "now"),
        ("prior to", "before"),
        ("Kindly revert back", "Please reply"),
    ]:
        old = old.replace(removed, added)
    assert new == old, "only the substituted spans changed"
    remaining = findings(fixed.output)
    assert (
        remaining["replies/jargon-bad.md"].count("C/jargon") == 1
    )  # "Per our policy" needs a person
    assert lint(runner, workspace, "--diff").exit_code == 0  # nothing left that --fix can do


@pytest.mark.parametrize("name", ["billing-replies.md", "canned-replies.yml"])
def test_fix_writes_each_reply_of_a_library_file(
    runner: CliRunner, workspace: Path, name: str
) -> None:
    """A Markdown file of `## ` replies and a bare YAML list: --fix finds each reply again
    by its key, and nothing is left for it to do."""
    exports = Path(__file__).parent.parent / "fixtures" / "exports"
    path = Path(shutil.copy(exports / name, workspace / "replies" / name))
    before = path.read_text(encoding="utf-8")
    fixed = lint(runner, workspace, f"replies/{name}", "--select", "jargon", "--fix")
    assert fixed.output.startswith("Fixed 1 file; linting again."), fixed.output
    after = path.read_text(encoding="utf-8")
    assert after == before.replace("utilize", "use").replace("Utilize", "Use")
    assert "C/jargon" not in fixed.output.split("linting again.", 1)[1]
    assert lint(runner, workspace, f"replies/{name}", "--diff").exit_code == 0


def test_explain(runner: CliRunner, workspace: Path) -> None:
    result = lint(runner, workspace, "--explain", "playful-words")
    assert result.exit_code == 0
    assert result.output.startswith("E/playful-words (existence, suggestion)\nE is for Empathetic:")
    assert "  Billing and payments: error" in result.output and "  Good news: off" in result.output
    unknown = lint(runner, workspace, "--explain", "playfull-words")
    assert unknown.exit_code == 2 and "did you mean 'playful-words'?" in unknown.output


def test_statistics(runner: CliRunner, workspace: Path) -> None:
    result = lint(runner, workspace, "--statistics")
    assert result.exit_code == 1
    assert result.output.splitlines()[1].split() == ["8", "C/jargon", "warning"]


def test_statistics_count_each_rule_at_the_level_it_was_found(
    runner: CliRunner, workspace: Path
) -> None:
    """Billing raises playful words to an error; elsewhere they stay a suggestion."""
    (workspace / "replies" / "link.md").write_text(
        "---\nid: link\ntitle: Link\nlocale: en\n---\nHi Sam,\n\nOops, the link in my last "
        "message was wrong. Here is the right one. I will check it again by Friday.\n\nBest, Ana\n",
        encoding="utf-8",
    )
    output = lint(runner, workspace, "--statistics").output
    rows = [line.split() for line in output.splitlines() if line.strip()]
    playful = {row[2]: row[0] for row in rows if row[1:2] == ["E/playful-words"]}
    # "Uh oh" in the English payment reply, "앗" and "ㅋㅋ" in the Korean one; then "Oops".
    assert playful == {"error": "3", "suggestion": "1"}


def test_explain_finds_a_rule_of_any_guide(runner: CliRunner, workspace: Path) -> None:
    """The Korean guide lints the Korean replies; its rules are reported, so explained."""
    result = lint(runner, workspace, "--explain", "H/casual-register")
    assert result.exit_code == 0 and result.output.startswith("H/casual-register (endings, error)")
    unknown = lint(runner, workspace, "--explain", "casual-registre")
    assert unknown.exit_code == 2
    assert "PREACH or PREACH (한국어); did you mean 'casual-register'?" in unknown.output


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_an_unknown_rule_to_select_or_ignore_is_a_usage_error(
    runner: CliRunner, workspace: Path, option: str
) -> None:
    """Selecting or ignoring nothing would let CI pass without linting what it meant to."""
    result = lint(runner, workspace, option, "C/jargn")
    assert result.exit_code == 2
    assert f"Invalid value for {option}: no rule or letter 'C/jargn'" in result.output
    assert "did you mean 'C/jargon'?" in result.output


def test_rules_are_selected_by_id_code_or_letter_in_any_guide(
    runner: CliRunner, workspace: Path
) -> None:
    def codes(*arguments: str) -> set[str]:
        report = json.loads(lint(runner, workspace, *arguments, "--format", "json").output)
        return {d["code"] for d in report["diagnostics"]}

    assert codes("--select", "C/jargon") == codes("--select", "jargon") == {"C/jargon"}
    assert codes("--select", "casual-register") == {"H/casual-register"}
    assert {code[0] for code in codes("--select", "P,R")} == {"P", "R"}
    assert "C/jargon" not in codes("--ignore", "C/jargon")


def test_a_folder_with_no_replies_is_an_input_error(
    runner: CliRunner, workspace: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.log").write_text("not a reply\n", encoding="utf-8")
    result = lint(runner, workspace, str(empty))
    assert result.exit_code == 2
    assert f"Error: no replies in {empty} (files ending .md, .markdown" in result.output


def test_machine_formats(runner: CliRunner, workspace: Path) -> None:
    report = json.loads(lint(runner, workspace, "--format", "json").output)
    assert report["summary"]["errors"] == 14
    assert report["diagnostics"][0]["code"] == "A/next-step"
    sarif = json.loads(lint(runner, workspace, "--format", "sarif").output)
    assert len(sarif["runs"][0]["results"]) == 34
    junit = ET.fromstring(lint(runner, workspace, "--format", "junit").output)
    assert junit.find("testsuite").get("failures") == "34"  # type: ignore[union-attr]
    github = lint(runner, workspace, "--format", "github").output.splitlines()
    assert github[0].startswith(
        "::warning file=replies/apology-no-next-step-bad.md,line=11,col=1,title=sxt A/next-step::"
    )


def test_unknown_situation_and_missing_guide_are_usage_errors(
    runner: CliRunner, workspace: Path
) -> None:
    result = lint(runner, workspace, "--situation", "billng")
    assert result.exit_code == 2 and "did you mean 'billing'?" in result.output
    assert lint(runner, workspace, "--guide", "nope").exit_code == 2


def test_a_broken_guide_is_reported_at_its_line(runner: CliRunner, workspace: Path) -> None:
    guide = workspace / "tone_guides" / "preach.yaml"
    guide.write_text(
        guide.read_text(encoding="utf-8").replace("type: emoji", "type: emojis", 1),
        encoding="utf-8",
    )
    result = lint(runner, workspace)
    assert result.exit_code == 2
    assert "tone_guides/preach.yaml:" in result.output and "'emojis' is not one of" in result.output


def test_reply_text_cannot_reach_the_terminal_raw(runner: CliRunner, workspace: Path) -> None:
    result = lint(
        runner, workspace, "--stdin", stdin="Dear valued customer \x1b[2J\x1b]0;pwned\x07,\n"
    )
    assert "\x1b" not in result.output.replace("\x1b[0m", "") and "\x07" not in result.output


def test_lint_outside_a_workspace_needs_paths(
    runner: CliRunner, tmp_path: Path, workspace: Path
) -> None:
    assert runner.invoke(cli, ["-C", str(tmp_path), "lint"]).exit_code == 2
    copy = tmp_path / "reply.md"
    shutil.copy(workspace / "replies" / "shouting-bad.md", copy)
    result = runner.invoke(cli, ["-C", str(tmp_path), "lint", "reply.md"])
    assert result.exit_code == 0 and "reply.md:12:1: warning [H/shouting]" in result.output
