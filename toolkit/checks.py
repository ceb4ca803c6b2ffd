"""The jobs' own checks, beyond schema and references, for the faces that show one
document's state: the editor (`sxt lsp`) and the terminal app's home screen. What `sxt journey
check` finds in a journey, what `sxt audit status` warns about an audit (a level above its
foundation, stale evidence, overdue actions, expired waivers), and what `sxt lint` finds in a
reply file, so no face calls a document valid that a job would fail.

The journey and audit checks run only on a valid document, as the CLI runs them: their
findings are about a document that says what it means, and a schema error is the one thing
to fix first.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from toolkit.core.diagnostics import Diagnostic
    from toolkit.core.reader import Workspace
    from toolkit.core.validation import Catalog, Checked, Report


def job_checks(checked: Checked, catalog: Catalog | None, today: dt.date) -> list[Diagnostic]:
    if not checked.valid or checked.document is None:
        return []
    if checked.kind == "journey":
        from toolkit.journey.checks import check_journey

        return check_journey(checked.document, today)
    if checked.kind == "audit" and catalog is not None:
        return _audit_warnings(checked, catalog, today)
    return []


def _audit_warnings(checked: Checked, catalog: Catalog, today: dt.date) -> list[Diagnostic]:
    """The audit's scoring warnings, each at the item it is about."""
    from toolkit.audit.model import audit_from, checklist_from
    from toolkit.audit.scoring import score

    assert checked.document is not None
    checklist_id = str(checked.data["checklist"])
    written = catalog.get("checklist", checklist_id)
    if written is None or not written.valid:
        return []  # the reference check has said so, or the checklist reports its own errors
    checklist = checklist_from(checklist_id, written.data)
    scored = score(audit_from(checked.data, checked.path), checklist, today)
    return [
        checked.document.diagnostic(
            ("items", warning.item_id),
            "warning",
            f"audit/{warning.code}",
            warning.message,
            key=True,
        )
        for warning in scored.warnings
    ]


def with_job_findings(report: Report, workspace: Workspace, today: dt.date) -> Report:
    """`report` (the workspace's validation) with each document's job findings added to its
    own: the journey checks, the audit warnings, and the lint findings of every reply file
    under replies/ with the guide `sxt lint` would use (none when that guide has errors:
    they are the guide's own findings)."""
    # Catalogs are keyed by the root find_root gives: resolved, whatever path the app got.
    catalog = report.catalogs.get(workspace.root.resolve())
    found: dict[str, list[Diagnostic]] = {}
    replies: list[Checked] = []
    for checked in report.files:
        found[checked.display] = job_checks(checked, catalog, today)
        if checked.kind == "replies" and checked.display.startswith("replies/"):
            replies.append(checked)
    if replies:
        for display, linted in _lint(workspace, [(c.path, c.display) for c in replies]).items():
            found[display] = found.get(display, []) + linted
    for checked in report.files:
        if found.get(checked.display):  # validation sorted the rest already
            checked.diagnostics += found[checked.display]
            checked.diagnostics.sort(key=lambda d: (d.line or 0, d.col or 0))
    return report


def _lint(workspace: Workspace, files: list[tuple[Path, str]]) -> dict[str, list[Diagnostic]]:
    from toolkit.lint.engine import Options
    from toolkit.lint.guide import GuideError, guides_beside, locate_guide
    from toolkit.lint.runner import lint_files

    root, read = workspace.root, workspace.check
    path, _ = locate_guide(None, root, root, read)
    if path is None:
        return {}
    try:
        guides = guides_beside(path, root, read)
        report = lint_files(files, guides, Options(), keep_results=False)
    except GuideError:
        return {}
    found: dict[str, list[Diagnostic]] = {}
    for diagnostic in report.findings:
        found.setdefault(diagnostic.path, []).append(diagnostic)
    return found
