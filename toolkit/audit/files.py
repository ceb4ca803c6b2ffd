"""Reading a workspace's audits, and writing a new quarter's audit to start from."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.audit.model import Audit, Checklist, Quarter, audit_from, checklist_from
from toolkit.audit.scoring import AuditScore, score
from toolkit.core.diagnostics import Diagnostic

AUDITS = "audits"
DEFAULT_CHECKLIST = "ten-point"


@dataclass(slots=True)
class AuditSet:
    """The workspace's checklist and every valid audit of it, scored; invalid audit files are
    left out and reported, never half-read."""

    root: Path
    checklist: Checklist
    scores: list[AuditScore] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)

    def quarter(self, quarter: Quarter) -> AuditScore | None:
        return next((s for s in self.scores if s.audit.quarter == quarter), None)

    def latest(self) -> AuditScore | None:
        return self.scores[-1] if self.scores else None

    def before(self, quarter: Quarter) -> AuditScore | None:
        earlier = [s for s in self.scores if s.audit.quarter < quarter]
        return earlier[-1] if earlier else None


class NoChecklist(LookupError):
    """The workspace names a checklist that is missing or broken."""


def audit_path(root: Path, quarter: Quarter) -> Path:
    return root / AUDITS / f"{quarter}.yaml"


def load(root: Path, today: dt.date) -> AuditSet:
    from toolkit.core.validation import validate
    from toolkit.core.workspace import WORKSPACE_FILE, walk

    settings = validate([root / WORKSPACE_FILE], root).files[0].data
    checklist_id = str(settings.get("defaults", {}).get("checklist", DEFAULT_CHECKLIST))
    checklist_file = root / "checklists" / f"{checklist_id}.yaml"
    files = [checklist_file, *walk(root / AUDITS, (".yaml", ".yml"))]
    report = validate([f for f in files if f.exists()], root)
    checked = {c.path: c for c in report.files}
    checklist_doc = checked.get(checklist_file)
    if checklist_doc is None or not checklist_doc.valid or checklist_doc.kind != "checklist":
        raise NoChecklist(
            f"checklists/{checklist_id}.yaml is missing or has errors: run `sxt validate`"
        )
    checklist = checklist_from(checklist_id, checklist_doc.data)
    audits = AuditSet(root, checklist)
    for entry in report.files:
        if entry.path == checklist_file:
            continue
        if not entry.valid or entry.kind != "audit":
            audits.problems += [d for d in entry.diagnostics if d.severity == "error"] or [
                Diagnostic(
                    entry.display,
                    None,
                    None,
                    "error",
                    "kind",
                    f"kind: {entry.kind}, expected audit",
                )
            ]
            continue
        if entry.data["checklist"] != checklist_id:
            continue  # an audit against another checklist is not part of this trend
        audits.scores.append(score(audit_from(entry.data, entry.path), checklist, today))
    audits.scores.sort(key=lambda s: s.audit.quarter)
    return audits


def start_text(
    quarter: Quarter, checklist: Checklist, previous: Audit | None, today: dt.date
) -> str:
    """A new quarter's audit: every item listed in priority order, levels left to assess, and
    from the quarter before its owners, open actions and evidence, each marked
    `carried_from` so nobody mistakes last quarter's proof for this quarter's."""
    lines = [
        "# yaml-language-server: $schema=../.sxt/schemas/audit.schema.json",
        f"# Audit of {quarter} against {checklist.title}.",
        "# Assess each item: a level 0-4, or na (with a reason), inconclusive, or waived (with a",
        "# waiver and its expiry). `sxt audit status` shows the progress.",
    ]
    if previous is not None:
        lines += [
            f"# Owners, open actions and evidence come from {previous.quarter} (carried_from):",
            "# confirm, update or remove them.",
        ]
    lines += [
        "sxt: 1",
        "kind: audit",
        f"checklist: {checklist.id}",
        f"quarter: {quarter}",
        f"date: {today.isoformat()}",
        "items:",
    ]
    for item in checklist.items:
        before = previous.assessment(item.id) if previous else None
        last = f" (last quarter: {before.level})" if before and before.level is not None else ""
        lines.append(f"  # {item.title}{last}")
        entries = _carried(before, previous.quarter if previous else None)
        if not entries:
            lines.append(f"  {item.id}: {{}}")
            continue
        lines.append(f"  {item.id}:")
        lines += [f"    {line}" for line in entries]
    return "\n".join(lines) + "\n"


def _carried(before: object, quarter: Quarter | None) -> list[str]:
    from toolkit.audit.model import Assessment

    if not isinstance(before, Assessment) or quarter is None:
        return []
    out = []
    if before.owner:
        out.append(f"owner: {json.dumps(before.owner, ensure_ascii=False)}")
    if before.evidence:
        out.append("evidence:")
        for evidence in before.evidence:
            out.append(f"  - {evidence.kind}: {json.dumps(evidence.value, ensure_ascii=False)}")
            if evidence.date:
                out.append(f"    date: {evidence.date.isoformat()}")
            out.append(f"    carried_from: {evidence.carried_from or quarter}")
    still_open = [action for action in before.actions if action.status == "open"]
    if still_open:
        out.append("actions:")
        for action in still_open:
            out.append(f"  - title: {json.dumps(action.title, ensure_ascii=False)}")
            if action.owner:
                out.append(f"    owner: {json.dumps(action.owner, ensure_ascii=False)}")
            if action.due:
                out.append(f"    due: {action.due.isoformat()}")
            out.append("    status: open")
            out.append(f"    carried_from: {action.carried_from or quarter}")
    return out


def start(root: Path, quarter: Quarter, today: dt.date) -> Path:
    """Writes the quarter's audit; an existing audit is never overwritten (FileExistsError)."""
    from toolkit.core.store import write_text

    path = audit_path(root, quarter)
    if path.exists():
        raise FileExistsError(path)
    audits = load(root, today)
    previous = audits.before(quarter)
    write_text(
        path, start_text(quarter, audits.checklist, previous.audit if previous else None, today)
    )
    return path
