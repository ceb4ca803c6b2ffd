"""Diagnostics in every output format, written once for every command.

text    people at a terminal: `path:line:col: severity: message`, then a one-line summary
json    scripts: a stable object with every field of every diagnostic
github  GitHub Actions workflow commands, so findings show as annotations on the diff
sarif   SARIF 2.1.0 for code-scanning dashboards
junit   JUnit XML, which every CI server shows as test results
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from toolkit import __version__
from toolkit.core.diagnostics import (
    SEVERITIES,
    Diagnostic,
    count_by_severity,
    plural,
    printable,
    printable_json,
)
from toolkit.render.ansi import Colour, style

FORMATS = ("text", "json", "github", "sarif", "junit")


@dataclass(frozen=True, slots=True)
class Summary:
    """What was checked, for the closing line; `details` are extra lines a command prints
    before it in text output (lint's counts per letter), `show_codes` puts each finding's
    code in the text line, as linters do: `level [P/rule-id] message`."""

    files: int
    noun: str = "file"
    show_codes: bool = False
    details: tuple[str, ...] = ()


def render(
    fmt: str, diagnostics: Sequence[Diagnostic], summary: Summary, *, color: bool = False
) -> str:
    return _RENDERERS[fmt](diagnostics, summary, color)


_SEVERITY_STYLE: dict[str, Colour] = {"error": "red", "warning": "yellow", "suggestion": "cyan"}


def text(diagnostics: Sequence[Diagnostic], summary: Summary, color: bool = False) -> str:
    return "\n".join(text_chunks(diagnostics, summary, color))


_CHUNK_LINES = 4096


def text_chunks(
    diagnostics: Sequence[Diagnostic], summary: Summary, color: bool = False
) -> Iterator[str]:
    """The text output in blocks of lines, to be written one after the other (joined by
    newlines, they are `text`). A run with 300,000 findings never holds its whole output as
    one string: one emoji in one message makes Python store every character of a joined
    text in four bytes, 150 MB where the lines took 45."""

    def bold(value: str, fg: Colour | None = None) -> str:
        return style(value, fg=fg, bold=True) if color else value

    separator = " " if summary.show_codes else ": "
    for start in range(0, len(diagnostics), _CHUNK_LINES):
        yield "\n".join(
            f"{bold(printable(d.location()))}: "
            f"{bold(d.severity, _SEVERITY_STYLE[d.severity])}{separator}"
            f"{f'[{printable(d.code)}] ' if summary.show_codes else ''}{printable(d.message)}"
            for d in diagnostics[start : start + _CHUNK_LINES]
        )
    lines = [printable(detail) for detail in summary.details]  # a guide's names, a locale
    lines.append(summary_line(diagnostics, summary))
    yield "\n".join(lines)


def render_chunks(
    fmt: str, diagnostics: Sequence[Diagnostic], summary: Summary, *, color: bool = False
) -> Iterator[str]:
    """`render` as blocks to write one after the other, each followed by a newline: text
    in blocks of lines, every other format whole."""
    if fmt == "text":
        yield from text_chunks(diagnostics, summary, color)
    else:
        yield render(fmt, diagnostics, summary, color=color)


def summary_line(diagnostics: Sequence[Diagnostic], summary: Summary) -> str:
    counts = count_by_severity(diagnostics)
    checked = plural(summary.files, summary.noun)
    if not diagnostics:
        return f"No problems found in {checked}."
    found = [plural(counts[s], s) for s in SEVERITIES if counts[s]]
    affected = len({d.path for d in diagnostics})
    listed = ", ".join(found[:-1]) + (" and " if len(found) > 1 else "") + found[-1]
    return f"Found {listed} in {affected} of {checked}."


def json_report(diagnostics: Sequence[Diagnostic], summary: Summary, color: bool = False) -> str:
    counts = count_by_severity(diagnostics)
    text = json.dumps(
        {
            "diagnostics": [d.as_dict() for d in diagnostics],
            "summary": {
                f"{summary.noun}s": summary.files,
                f"{summary.noun}s_with_problems": len({d.path for d in diagnostics}),
                **{f"{severity}s": counts[severity] for severity in SEVERITIES},
            },
        },
        indent=2,
        ensure_ascii=False,
    )
    return printable_json(text)


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "suggestion": "notice"}


def _github_data(value: str) -> str:
    """GitHub's escapes first (so CR and LF become %0D and %0A as documented), then any other
    control character made visible, so nothing raw reaches the CI log."""
    return printable(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _github_property(value: str) -> str:
    return _github_data(value).replace(":", "%3A").replace(",", "%2C")


def github(diagnostics: Sequence[Diagnostic], summary: Summary, color: bool = False) -> str:
    """Workflow commands, escaped as GitHub documents: `%`, CR and LF everywhere, and `:` and
    `,` in properties too, so a user's text can never end an annotation early or forge one."""
    lines = []
    for d in diagnostics:
        properties = [f"file={_github_property(d.path)}"]
        if d.line is not None:
            properties += [f"line={d.line}", f"col={d.col or 1}"]
        properties.append(f"title={_github_property(f'sxt {d.code}')}")
        message = _github_data(d.message)
        lines.append(f"::{_GITHUB_LEVEL[d.severity]} {','.join(properties)}::{message}")
    lines.append(summary_line(diagnostics, summary))
    return "\n".join(lines)


_SARIF_LEVEL = {"error": "error", "warning": "warning", "suggestion": "note"}


def sarif(diagnostics: Sequence[Diagnostic], summary: Summary, color: bool = False) -> str:
    rule_ids = sorted({d.code for d in diagnostics})
    index = {rule: position for position, rule in enumerate(rule_ids)}
    results = []
    for d in diagnostics:
        location: dict[str, object] = {
            "artifactLocation": {"uri": quote(d.path.replace("\\", "/"))}
        }
        if d.line is not None:
            location["region"] = {"startLine": d.line, "startColumn": d.col or 1}
        results.append(
            {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": _SARIF_LEVEL[d.severity],
                "message": {"text": d.message},
                "locations": [{"physicalLocation": location}],
            }
        )
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "sxt",
                        "version": __version__,
                        "informationUri": "https://github.com/sxt-toolkit/sxt",
                        "rules": [{"id": rule} for rule in rule_ids],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return printable_json(json.dumps(log, indent=2, ensure_ascii=False))


def junit(diagnostics: Sequence[Diagnostic], summary: Summary, color: bool = False) -> str:
    """One test case per file with problems, one failure per finding: CI servers list them
    as failed tests with the location in the text."""
    from xml.etree import ElementTree as ET

    by_path: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    suite = ET.Element(
        "testsuite",
        name="sxt",
        tests=str(max(summary.files, len(by_path))),
        failures=str(len(diagnostics)),
        errors="0",
    )
    for path, found in by_path.items():
        # Control characters are not allowed in XML: in a file name and a code (a tone
        # guide's letter may be one) as much as in a message.
        case = ET.SubElement(suite, "testcase", classname="sxt", name=printable(path))
        for d in found:
            message, code = printable(d.message), printable(d.code)
            failure = ET.SubElement(case, "failure", type=f"{d.severity} {code}", message=message)
            failure.text = f"{printable(d.location())}: {d.severity}: [{code}] {message}"
    suites = ET.Element("testsuites")
    suites.append(suite)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)


_RENDERERS: dict[str, Callable[[Sequence[Diagnostic], Summary, bool], str]] = {
    "text": text,
    "json": json_report,
    "github": github,
    "sarif": sarif,
    "junit": junit,
}
