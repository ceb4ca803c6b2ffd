"""The one type every finding in sxt is reported as, from a YAML syntax error to a tone-lint hit.

Keeping a single shape means each output format (text, JSON, SARIF, GitHub annotations) is
written once and every command gets all of them for free.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from toolkit.core.names import SEVERITIES, Severity

_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """A finding at `path:line:col`; `line`/`col` are 1-based and None where no position exists
    (an unreadable file has no line). Columns count characters, not bytes, so editors agree."""

    path: str
    line: int | None
    col: int | None
    severity: Severity
    code: str
    message: str

    def location(self) -> str:
        if self.line is None:
            return self.path
        return f"{self.path}:{self.place()}"

    def place(self) -> str:
        """`line:col` in the file, or `-` for a finding about the whole file: how the terminal
        app lists findings beside the file they are in."""
        return f"{self.line}:{self.col or 1}" if self.line is not None else "-"

    def as_dict(self) -> dict[str, object]:
        # Written out: dataclasses.asdict deep-copies, ten times slower over 30,000 findings.
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


def at_least(severity: Severity, threshold: Severity) -> bool:
    """True when `severity` is as serious as `threshold` or more (error > warning > suggestion)."""
    return _RANK[severity] <= _RANK[threshold]


def plural(count: int, noun: str) -> str:
    if count == 1:
        return f"{count} {noun}"
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return f"{count} {noun[:-1]}ies"
    return f"{count} {noun}s"


def count_by_severity(diagnostics: Iterable[Diagnostic]) -> dict[Severity, int]:
    counts: dict[Severity, int] = dict.fromkeys(SEVERITIES, 0)
    for diagnostic in diagnostics:
        counts[diagnostic.severity] += 1
    return counts


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


_JSON_RAW = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable_json(text: str) -> str:
    """JSON from json.dumps(ensure_ascii=False) with what it leaves raw and printable()
    escapes (DEL, the C1 controls such as the 8-bit CSI, bidi overrides) written as `\\u`
    escapes: every parser reads the same strings, and a terminal showing the JSON is never
    steered by them. They can only occur inside strings, where the escape means the same."""
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def printable(text: str) -> str:
    """Escape control characters (ANSI escapes, bidi overrides, NUL) so text taken from a user's
    file can never move the cursor, recolour or rewrite a terminal or a CI log. Newlines and
    tabs are kept; everything else shows as a visible `\\x1b`-style escape. Every character
    it escapes is one str.isprintable refuses, so a printable line (nearly every path, code
    and message) is told at C speed, with no regular expression run."""
    if text.isprintable():
        return text
    return _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)
