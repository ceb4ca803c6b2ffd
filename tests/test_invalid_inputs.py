"""The bad-input corpus: every way a document can be broken, one fixture per way.

Each file under tests/fixtures/invalid/ is otherwise valid and broken in exactly one way, named
for the break. `sxt validate` must answer each with one `path:line:col: error: message` line
that points at the break (or `path: error: message` where the file has no position, such as an
empty or unreadable file), the one-line summary, the right exit code, and never a traceback.

Expectations live in EXPECTED, one entry per fixture; a fixture without an entry fails, so
nobody adds a fixture without saying what sxt must answer. Cases that cannot be committed (an
over-size file, a folder named sxt.yaml, an unreadable file, a missing path) are built at test
time in tmp_path by the builders in GENERATED.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from toolkit.cli.main import cli
from toolkit.core.loader import MAX_BYTES

FIXTURES = Path(__file__).parent / "fixtures" / "invalid"

# name -> (exit code, "line:col" of the first diagnostic, or None where no position exists,
#          a substring of the first diagnostic's message). Positions are checked by hand
#          against the fixture: the line and column a person has to edit.
EXPECTED: dict[str, tuple[int, str | None, str]] = {
    # --- bytes and encoding ---------------------------------------------------------------------
    "binary.yaml": (1, "8:13", "binary data (NUL byte), expected UTF-8 text"),
    "not-utf8.yaml": (1, "6:13", "not valid UTF-8 (byte 0xe9)"),
    "utf16.yaml": (1, None, "file is UTF-16 or UTF-32, expected UTF-8 text"),
    "empty.yaml": (1, None, "file is empty"),
    "only-comments.yaml": (1, None, "file holds only comments"),
    # --- YAML syntax ----------------------------------------------------------------------------
    "tab-indent.yaml": (1, "8:1", "tab in indentation, expected spaces"),
    "syntax-unclosed-bracket.yaml": (1, "10:5", "while parsing a flow sequence started at line 9"),
    # Where the quote opens, not the end of the file where libyaml noticed.
    "syntax-unclosed-quote.yaml": (1, "4:8", "quoted scalar is never closed"),
    "syntax-colon-in-value.yaml": (1, "4:14", "if the value contains ': ', put it in quotes"),
    "syntax-bad-indent.yaml": (1, "8:4", "check the indentation of this line"),
    "two-documents.yaml": (1, "9:1", "a second document (`---`), expected one per file"),
    "undefined-alias.yaml": (1, "8:12", "alias *three refers to no anchor"),
    # --- YAML features sxt refuses --------------------------------------------------------------
    "duplicate-key.yaml": (1, "6:1", "duplicate key 'quarter' (first at line 5)"),
    "unsafe-tag.yaml": (1, "9:8", "tag '!!python/object/apply:os.system' is not allowed"),
    # Points at the anchor `&l0` (the node that crossed the limit), not at an alias.
    "billion-laughs.yaml": (1, "10:9", "aliases expand to more than 10,000 nodes"),
    # Points at the anchor `&culture`, not at the alias `*culture` on line 10.
    "recursive-alias.yaml": (1, "7:12", "recursive alias"),
    # The 101st nested collection: the mapping, `items`, `culture` and 98 lists.
    "deeply-nested.yaml": (1, "9:109", "nested more than 100 levels deep"),
    "complex-key.yaml": (1, "7:5", "a list or mapping used as a key, expected text"),
    "merge-key.yaml": (1, "10:5", "merge keys (<<) are not supported"),
    # --- the top level, version and kind --------------------------------------------------------
    "top-level-list.yaml": (1, "2:1", "found a list at the top level, expected a mapping"),
    "top-level-scalar.yaml": (1, "2:1", "found a single value at the top level"),
    "missing-sxt.yaml": (1, "2:1", "missing `sxt: 1`"),
    "future-version.yaml": (1, "2:6", "sxt: 2 is a newer format than this sxt reads"),
    "version-not-a-number.yaml": (1, "2:6", "sxt: 'v1' is not a format version, expected 1"),
    "version-quoted.yaml": (1, "2:6", "sxt: '1' is text, expected the number 1 without quotes"),
    "missing-kind.yaml": (1, "2:1", "missing `kind:`, expected one of"),
    "unknown-kind.yaml": (
        1,
        "3:7",
        "kind: 'checklst' is not a document kind; did you mean 'checklist'?",
    ),
    # Terminal escapes from the file must come out as visible text, never as escapes.
    "ansi-escape.yaml": (1, "3:7", "kind: '\\x1b[2J\\x1b[31maudit' is not a document kind"),
    # An audit that says `kind: shop`: one finding at the kind line, not the shop schema's errors.
    "kind-mismatch.yaml": (1, "3:7", "which are those of an audit; did you mean `kind: audit`?"),
    # --- schema ---------------------------------------------------------------------------------
    "wrong-type.yaml": (1, "6:10", "auditor: found a list, expected text"),
    "empty-value.yaml": (1, "5:9", "quarter: is empty, expected text"),
    "quoted-level.yaml": (1, "8:12", "for the number 3, write it without quotes"),
    "unknown-key-typo.yaml": (
        1,
        "8:5",
        "items.culture: unknown key 'levle'; did you mean 'level'?",
    ),
    # Columns count characters, not bytes: 'ë', '🎉' and 'Ü' are one column each.
    "unknown-key-after-unicode.yaml": (1, "7:32", "unknown key 'levle'; did you mean 'level'?"),
    "missing-required-key.yaml": (1, "2:1", "missing required key 'quarter'"),
    "level-out-of-range.yaml": (1, "8:12", "items.culture.level: 7 is greater than the maximum 4"),
    "bad-enum.yaml": (1, "6:10", "channel: 'chta' is not one of"),
    "bad-date.yaml": (1, "7:7", "date: '2026-02-30' is not a date such as '2026-11-23'"),
    "bad-quarter.yaml": (1, "5:10", "quarter: '2026-Q5' is not a quarter such as '2026-Q4'"),
    "bad-id-pattern.yaml": (1, "10:13", "'Writes_In' is not an id of lowercase letters"),
    "na-without-reason.yaml": (1, "7:3", "items.culture: missing required key 'reason'"),
    "evidence-without-content.yaml": (
        1,
        "10:9",
        "items.culture.evidence[0]: expected at least one of 'link', 'path' or 'note'",
    ),
    "points-criterion-without-points.yaml": (1, "10:9", "missing required key 'points'"),
    "tone-guide-rule-bad-option.yaml": (1, "15:5", "unknown key 'regexp'; did you mean 'regex'?"),
    # --- references -----------------------------------------------------------------------------
    "audit-unknown-checklist.yaml": (1, "4:12", "unknown checklist 'ten-piont'; did you mean"),
    "audit-unknown-item.yaml": (1, "7:3", "did you mean 'culture'?"),
    "shop-unknown-scorecard.yaml": (1, "4:12", "unknown scorecard 'chat-emial'; did you mean"),
    "shop-unknown-criterion.yaml": (1, "12:7", "did you mean 'plain-language'?"),
    # Points at the start of `first-billing-issue#update-crad`, not at the step part.
    "shop-bad-journey-step.yaml": (1, "8:15", "did you mean 'update-card'?"),
    "journey-unknown-checklist-item.yaml": (1, "14:29", "did you mean 'fix-permanently'?"),
    "checklist-duplicate-item-id.yaml": (
        1,
        "13:9",
        "item id 'culture' is used twice (first at line 7)",
    ),
    "checklist-depends-on-later-item.yaml": (
        1,
        "11:18",
        "'culture' depends on 'fix-permanently', which does not come before it",
    ),
    "scorecard-duplicate-criterion-id.yaml": (
        1,
        "11:14",
        "criterion id 'greeting' is used twice (first at line 10)",
    ),
    "tone-guide-unknown-letter.yaml": (
        1,
        "10:13",
        "unknown letter 'X'; expected one of 'P' or 'C'",
    ),
    "tone-guide-situation-unknown-rule.yaml": (1, "19:7", "did you mean 'generic-greeting'?"),
    "workspace-unknown-default.yaml": (1, "6:14", "unknown checklist 'ten-pint'; did you mean"),
    # --- Markdown replies: positions count from the top of the .md file -------------------------
    "reply-front-matter-unknown-key.md": (1, "4:1", "unknown key 'situaton'; did you mean"),
    "reply-front-matter-unclosed.md": (1, "1:1", "front matter opened with `---` is never closed"),
    "reply-front-matter-syntax.md": (1, "4:1", "flow sequence started at line 3"),
    # --- generated at test time (see GENERATED) -------------------------------------------------
    "too-large.yaml": (1, None, f"over the {MAX_BYTES:,}-byte"),
    "sxt-yaml-is-a-directory": (1, None, "is a directory, expected a file"),
    "folder-named-sxt.yaml": (1, None, "is a directory, expected a file"),
    "empty-folder": (2, None, "no sxt documents (.yaml, .yml, .md) in"),
    "unreadable.yaml": (1, None, "cannot read: permission denied"),
    "does-not-exist.yaml": (2, None, "no such file or folder"),
}

SUMMARY = re.compile(r"^Found \d+ errors? in \d+ of \d+ files?\.$")

VALID_AUDIT = (
    "sxt: 1\nkind: audit\nchecklist: ten-point\nquarter: 2026-Q4\n"
    "items:\n  culture:\n    level: 3\n"
)

Builder = Callable[[Path, pytest.MonkeyPatch], tuple[Path, str]]
"""Builds a case in tmp_path (the working folder); returns the path to validate and the path
sxt should name in its output."""


def _too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    path = tmp_path / "too-large.yaml"
    head = VALID_AUDIT.encode() + b"notes: "
    path.write_bytes(head + b"x" * (MAX_BYTES + 1 - len(head) - 1) + b"\n")
    assert path.stat().st_size == MAX_BYTES + 1
    return path, "too-large.yaml"


def _sxt_yaml_is_a_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    root = tmp_path / "ws"
    (root / "sxt.yaml").mkdir(parents=True)
    return root, os.path.join("ws", "sxt.yaml")


def _folder_named_sxt_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """Named directly, a folder that looks like a document is still not a file."""
    (tmp_path / "ws" / "sxt.yaml").mkdir(parents=True)
    return tmp_path / "ws" / "sxt.yaml", os.path.join("ws", "sxt.yaml")


def _empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    (tmp_path / "nothing-here").mkdir()
    return tmp_path / "nothing-here", "nothing-here"


def _unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    path = tmp_path / "unreadable.yaml"
    path.write_text(VALID_AUDIT, encoding="utf-8")
    path.chmod(0)
    if os.access(path, os.R_OK):
        # Root (or a file system that ignores modes) reads it anyway: make this one file fail
        # the way an unreadable file does, and leave every other read alone.
        original = Path.read_bytes
        target = os.path.abspath(path)

        def read_bytes(self: Path) -> bytes:
            if os.path.abspath(self) == target:
                raise PermissionError(13, "Permission denied", str(self))
            return original(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return path, "unreadable.yaml"


def _does_not_exist(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    path = tmp_path / "does-not-exist.yaml"
    return path, str(path)


GENERATED: dict[str, Builder] = {
    "too-large.yaml": _too_large,
    "sxt-yaml-is-a-directory": _sxt_yaml_is_a_directory,
    "folder-named-sxt.yaml": _folder_named_sxt_yaml,
    "empty-folder": _empty_folder,
    "unreadable.yaml": _unreadable,
    "does-not-exist.yaml": _does_not_exist,
}


def _cases() -> list[str]:
    """Every fixture on disk and every expectation: a name in only one of them fails below."""
    on_disk = {path.name for path in FIXTURES.iterdir() if not path.name.startswith(".")}
    return sorted(on_disk | set(EXPECTED))


def _check(result: Result, display: str, expected: tuple[int, str | None, str]) -> None:
    exit_code, position, message = expected
    output = result.output
    assert "Traceback" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "\x1b" not in output, "a raw terminal escape reached the output"
    assert result.exit_code == exit_code, output
    lines = output.splitlines()
    assert lines, "no output"
    if exit_code == 2:
        # Usage and input errors come from Click: `Error: ...` as the last line.
        assert lines[-1].startswith("Error: "), output
        assert message in lines[-1], output
        assert display in lines[-1], output
        return
    location = re.escape(display) + (f":{re.escape(position)}" if position else "")
    assert re.match(rf"{location}: error: ", lines[0]), (
        f"expected {display}{':' + position if position else ''}: error: ..., got\n{output}"
    )
    assert message in lines[0], output
    assert SUMMARY.match(lines[-1]), f"last line is not the summary:\n{output}"


@pytest.mark.parametrize("name", _cases())
def test_invalid_input(
    name: str, runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fixture = FIXTURES / name
    if name not in EXPECTED:
        pytest.fail(
            f"{fixture} has no entry in EXPECTED in {Path(__file__).name}: "
            "add (exit code, 'line:col' or None, message substring) for it"
        )
    if name in GENERATED:
        assert not fixture.exists(), f"{fixture} is generated at test time: do not commit it"
        monkeypatch.chdir(tmp_path)
        target, display = GENERATED[name](tmp_path, monkeypatch)
    else:
        assert fixture.is_file(), f"EXPECTED names {name}, but {fixture} does not exist"
        monkeypatch.chdir(FIXTURES)
        target, display = fixture, name

    result = runner.invoke(cli, ["validate", str(target)])

    _check(result, display, EXPECTED[name])
    if EXPECTED[name][0] == 1:
        assert result.output.splitlines()[1:] == ["Found 1 error in 1 of 1 file."], (
            f"{name} should be broken in exactly one way:\n{result.output}"
        )


def _sxt_command() -> list[str]:
    """The installed `sxt` entry point of the interpreter running the tests; failing that, the
    one on PATH; failing that, the module, which behaves the same."""
    script = shutil.which("sxt", path=sysconfig.get_path("scripts")) or shutil.which("sxt")
    return [script] if script else [sys.executable, "-m", "toolkit"]


@pytest.mark.slow
def test_installed_sxt_reports_positions_as_json() -> None:
    names = ["level-out-of-range.yaml", "duplicate-key.yaml", "reply-front-matter-unknown-key.md"]
    completed = subprocess.run(
        [*_sxt_command(), "validate", "--format", "json", *names],
        cwd=FIXTURES,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert "Traceback" not in completed.stderr, completed.stderr
    assert completed.returncode == 1, completed.stdout + completed.stderr
    report = json.loads(completed.stdout)
    assert report["summary"]["files"] == 3
    assert report["summary"]["errors"] == 3
    by_path = {diagnostic["path"]: diagnostic for diagnostic in report["diagnostics"]}
    assert sorted(by_path) == sorted(names)
    for name in names:
        diagnostic = by_path[name]
        _, position, message = EXPECTED[name]
        assert isinstance(diagnostic["line"], int) and isinstance(diagnostic["col"], int)
        assert f"{diagnostic['line']}:{diagnostic['col']}" == position, diagnostic
        assert diagnostic["severity"] == "error"
        assert message in diagnostic["message"]


@pytest.mark.slow
def test_very_deep_nesting_is_an_error_not_a_crash(tmp_path: Path) -> None:
    # libyaml's composer recurses in C once per level and used to crash the interpreter
    # (SIGSEGV, no message) near 30,000 levels. Built at test time and run in a subprocess,
    # so a regression fails this test instead of taking pytest down with it.
    depth = 200_000
    path = tmp_path / "very-deeply-nested.yaml"
    path.write_text(VALID_AUDIT + "notes: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    assert path.stat().st_size < MAX_BYTES
    completed = subprocess.run(
        [*_sxt_command(), "validate", path.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert completed.returncode == 1, f"exit {completed.returncode}: {completed.stderr}"
    assert completed.stdout.startswith("very-deeply-nested.yaml:"), completed.stdout
    assert "nested more than" in completed.stdout
