"""Every journey check, with a hit and a non-hit, on small journeys written for the test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.core.loader import load_text
from toolkit.journey.checks import CHECKS, check_journey

TODAY = dt.date(2026, 11, 23)

GOOD_STEP = """\
      - id: {id}
        action: Does something
        channel: chat
        touchpoints: [chat]
        emotion: 1
        owner: Support
        tier: human
        evidence: observed
        lanes: {{frontstage: An agent answers}}
"""


def journey(steps: str, extra: str = "") -> str:
    return (
        "sxt: 1\nkind: journey\ntitle: Test\npersona: Priya\nvalidated: 2026-10-01\n"
        "channels: [chat]\n"
        + extra
        + "stages:\n  - id: only\n    title: Only\n    steps:\n"
        + steps
    )


def codes(text: str) -> list[str]:
    return [
        d.code.removeprefix("journey/") for d in check_journey(load_text(text, "j.yaml"), TODAY)
    ]


def test_a_good_journey_has_no_findings() -> None:
    assert codes(journey(GOOD_STEP.format(id="a"))) == []


CASES = [
    ("step-owner", GOOD_STEP.format(id="a").replace("        owner: Support\n", "")),
    (
        "pain-action",
        GOOD_STEP.format(id="a") + "        pain_points: [{description: Slow}]\n",
    ),
    (
        "bot-loop",
        GOOD_STEP.format(id="refund").replace("tier: human", "tier: self-service"),
    ),
    (
        "repeated-pain",
        GOOD_STEP.format(id="a")
        + "        pain_points: [{description: Has to repeat the order number, action: Fix}]\n"
        + GOOD_STEP.format(id="b")
        + "        pain_points: [{description: has to repeat  the order number, action: Fix}]\n",
    ),
    (
        "channel-gap",
        GOOD_STEP.format(id="a")
        .replace("channel: chat", "channel: email")
        .replace("[chat]", "[email]"),
    ),
    (
        "frontstage-owner",
        GOOD_STEP.format(id="a").replace("        lanes: {frontstage: An agent answers}\n", ""),
    ),
    (
        "assumed-evidence",
        GOOD_STEP.format(id="a").replace("evidence: observed", "evidence: assumed"),
    ),
]


@pytest.mark.parametrize(("check", "steps"), CASES, ids=[c[0] for c in CASES])
def test_each_check_hits(check: str, steps: str) -> None:
    assert check in codes(journey(steps))


def test_every_check_has_a_case_and_an_explanation() -> None:
    assert {c for c, _ in CASES} | {"stale-validation"} == {check.id for check in CHECKS}
    assert all(check.explanation and check.title for check in CHECKS)


def test_non_hits_that_look_close() -> None:
    # an upset customer on self-service is fine when there is a way to a human
    escalated = GOOD_STEP.format(id="refund").replace("tier: human", "tier: self-service")
    assert "bot-loop" not in codes(
        journey(escalated + "        escalation: Chat button on every page\n")
    )
    # a repeated pain point that a self-service step answers is being dealt with
    repeated = CASES[3][1].replace("tier: human", "tier: self-service", 1)
    assert "repeated-pain" not in codes(journey(repeated))


def test_stale_validation_and_skip_checks() -> None:
    old = journey(GOOD_STEP.format(id="a")).replace(
        "validated: 2026-10-01", "validated: 2025-01-01"
    )
    assert codes(old) == ["stale-validation"]
    assert (
        codes(
            journey(GOOD_STEP.format(id="a"), "skip_checks: [stale-validation]\n").replace(
                "validated: 2026-10-01", "validated: 2025-01-01"
            )
        )
        == []
    )
    assert codes(journey(GOOD_STEP.format(id="a")).replace("validated: 2026-10-01\n", "")) == [
        "stale-validation"
    ]


def test_findings_point_at_the_step() -> None:
    text = journey(
        GOOD_STEP.format(id="a") + GOOD_STEP.format(id="b").replace("        owner: Support\n", "")
    )
    (finding,) = check_journey(load_text(text, "j.yaml"), TODAY)
    assert (finding.location(), finding.severity) == (
        "j.yaml:20:9",
        "warning",
    )  # step b begins on line 20
    assert finding.message == "step 'b' has no owner"


def test_sxt_journey_check_on_the_shipped_journey(runner: CliRunner, workspace: Path) -> None:
    result = runner.invoke(cli, ["-C", str(workspace), "journey", "check", "--today", "2026-11-23"])
    assert result.exit_code == 1  # the shipped journey keeps one deliberate flaw
    (error,) = [line for line in result.output.splitlines() if ": error [" in line]
    assert error.startswith("journeys/first-billing-issue.yaml:")
    assert "[journey/bot-loop] step 'update-card' (sensitive)" in error
    explained = runner.invoke(cli, ["journey", "check", "--explain", "bot-loop"])
    assert explained.exit_code == 0 and "bot loop" in explained.output
    assert runner.invoke(cli, ["journey", "check", "--explain", "bot-lop"]).exit_code == 2


def test_channel_gap_in_a_stage_that_declares_its_own_channels() -> None:
    stage_channels = journey(GOOD_STEP.format(id="a")).replace(
        "    title: Only\n", "    title: Only\n    channels: [chat, phone]\n"
    )
    findings = check_journey(load_text(stage_channels, "j.yaml"), TODAY)
    assert [(d.code, d.line, d.message) for d in findings] == [
        (
            "journey/channel-gap",
            10,
            "stage 'only' declares phone but has no step on it",
        )
    ]
    served = stage_channels.replace("[chat, phone]", "[chat]")
    assert codes(served) == []
