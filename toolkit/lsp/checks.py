"""The jobs' own checks, beyond schema and references, for a document open in the editor:
what `sxt journey check` finds in a journey, and what `sxt audit status` warns about an audit
(a level above its foundation, stale evidence, overdue actions, expired waivers).

Both run only on a valid document, as the CLI runs them: their findings are about a document
that says what it means, and a schema error is the one thing to fix first.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from toolkit.core.diagnostics import Diagnostic
    from toolkit.core.validation import Catalog, Checked


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
