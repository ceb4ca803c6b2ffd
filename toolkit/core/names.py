"""The closed sets of names the whole program shares, in a module that imports nothing, so
the CLI can offer them as choices without loading what uses them (`sxt --help` stays fast)."""

from typing import Literal

KINDS: tuple[str, ...] = (
    "workspace",
    "checklist",
    "scorecard",
    "audit",
    "shop",
    "scoring",
    "dispute",
    "calibration-session",
    "journey",
    "tone-guide",
    "replies",
    "metrics",
)
"""Every document kind, in the order people meet them: settings, what is assessed, the work."""

Severity = Literal["error", "warning", "suggestion"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "suggestion")
