"""Reading a workspace's audits, and writing a new quarter's audit to start from."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.audit.history import Trend, trend
from toolkit.audit.model import Audit, Checklist, Quarter, audit_from, checklist_from
from toolkit.audit.scoring import AuditScore, score
from toolkit.core.diagnostics import Diagnostic

if TYPE_CHECKING:
    from toolkit.core.reader import Workspace

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


class AuditExists(Exception):
    """The quarter has an audit already, which sxt never overwrites. Not an OSError: the CLI
    turns every OSError into "what the system refused", and this is no refusal but a rule."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def audit_path(root: Path, quarter: Quarter) -> Path:
    return root / AUDITS / f"{quarter}.yaml"


def load(place: Path | Workspace, today: dt.date) -> AuditSet:
    """Every audit of the workspace's checklist, scored. Each file is checked as `sxt
    validate` checks it (schema, then references), but only what an audit refers to is read:
    sxt.yaml, the checklists and the audits, not the replies and guides around them, which
    would double the time of every `sxt audit` command."""
    from toolkit.core.reader import Workspace
    from toolkit.core.references import check_references
    from toolkit.core.validation import Catalog

    workspace = Workspace.of(place)
    root = workspace.root
    checklist_id = workspace.default("checklist", DEFAULT_CHECKLIST)
    checklist_file = root / "checklists" / f"{checklist_id}.yaml"
    checklists = workspace.folder("checklists")
    entries = workspace.folder(AUDITS)
    catalog = Catalog([*checklists, *entries], workspace.settings)
    checklist_doc = next((c for c in checklists if c.path == checklist_file), None)
    for entry in [checklist_doc, *entries] if checklist_doc else entries:
        entry.diagnostics += check_references(entry, catalog)
    if checklist_doc is None or not checklist_doc.valid or checklist_doc.kind != "checklist":
        raise NoChecklist(
            f"checklists/{checklist_id}.yaml is missing or has errors: run `sxt validate`"
        )
    checklist = checklist_from(checklist_id, checklist_doc.data)
    audits = AuditSet(root, checklist)
    for entry in entries:
        if entry.errors_as("audit"):
            audits.problems += entry.errors_as("audit")
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


def start(place: Path | Workspace, quarter: Quarter, today: dt.date) -> Path:
    """Writes the quarter's audit; an existing audit is never overwritten (AuditExists)."""
    from toolkit.core.reader import Workspace
    from toolkit.core.store import write_text

    workspace = Workspace.of(place)
    path = audit_path(workspace.root, quarter)
    if path.exists():
        raise AuditExists(path)
    audits = load(workspace, today)
    previous = audits.before(quarter)
    write_text(
        path, start_text(quarter, audits.checklist, previous.audit if previous else None, today)
    )
    return path


@dataclass(frozen=True, slots=True)
class Revision:
    """One committed version of a file under audits/: its text at `commit`, as git holds it."""

    commit: str
    committed: dt.datetime
    path: str
    text: str


def revisions_trend(revisions: list[Revision], checklist: Checklist, today: dt.date) -> Trend:
    """The trend over every committed version of the audits, so an audit edited in place
    still shows how it moved: one column per quarter per commit day, the day's last commit
    winning (`revisions` come oldest first, which settles commits made in the same second).
    Versions that do not read as a valid audit of `checklist` are left out: history
    cannot be fixed, and `sxt validate` speaks for the files as they are now."""
    latest: dict[tuple[Quarter, dt.date], tuple[dt.datetime, Audit]] = {}
    for revision in revisions:
        audit = _audit_at(revision)
        if audit is None or audit.checklist != checklist.id:
            continue
        key = (audit.quarter, revision.committed.date())
        if key not in latest or latest[key][0] <= revision.committed:
            latest[key] = (revision.committed, audit)
    keys = sorted(latest)
    return trend(
        [score(latest[key][1], checklist, today) for key in keys], [day for _, day in keys]
    )


def _audit_at(revision: Revision) -> Audit | None:
    from toolkit.core import schema
    from toolkit.core.loader import LoadError, load_text
    from toolkit.core.validation import identify

    try:
        document = load_text(revision.text, revision.path)
    except LoadError:
        return None
    kind, problems = identify(document)
    if kind != "audit" or problems or schema.check(document, "audit"):
        return None
    return audit_from(document.data, Path(revision.path))
