"""Mystery shops as team work in git, end to end through the CLI on a copy of
tests/fixtures/shop-workspace: one file per scoring (and the migration of the old layout to
it), two scorers on two branches merged by real git, blind calibration sessions, revisions
after submitting, and disputes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from toolkit.cli.main import cli
from toolkit.core.loader import load_file
from toolkit.core.validation import validate
from toolkit.core.workspace import expand

SHOP_5 = "2026-10-06-card-declined-at-renewal"  # Maya (benchmark), Jonas, Priya
SHOP_8 = "2026-12-01-cancel-and-get-a-prorated-refund"  # Maya alone, an email shop
TODAY = "2026-12-15"


@pytest.fixture
def shops(copy_of: Callable[[str], Path]) -> Path:
    return copy_of("shop-workspace")


def sxt(root: Path, *arguments: str, who: str | None = None, input: str | None = None) -> Result:
    env = {"SXT_SCORER": who} if who else {"SXT_SCORER": ""}
    return CliRunner(env=env).invoke(cli, ["-C", str(root), "shop", *arguments], input=input)


def ok(result: Result, code: int = 0) -> str:
    assert result.exit_code == code, result.output
    return result.stdout


def answers_file(root: Path, name: str, answers: dict[str, object]) -> str:
    (root / name).write_text(json.dumps(answers), encoding="utf-8")
    return name


EMAIL = {
    "email-response-time": "yes",
    "personal-greeting": "yes",
    "restated-problem": "yes",
    "data-protected": "yes",
    "correct-answer": "yes",
    "preach": 6,
}


def comment_lines(texts: list[str]) -> list[str]:
    return sorted(
        line.strip()
        for text in texts
        for line in text.splitlines()
        if line.strip().startswith("#") and "yaml-language-server" not in line
    )


# --- one file per scoring, and the move to it ----------------------------------------------


def test_migrate_is_lossless_and_every_figure_stays(shops: Path) -> None:
    before_files = {p: p.read_text("utf-8") for p in (shops / "shops").glob("*.yaml")}
    report = json.loads(ok(sxt(shops, "report", "--format", "json", "--today", TODAY)))
    calibration = json.loads(ok(sxt(shops, "calibrate", "--format", "json")))
    out = ok(sxt(shops, "migrate", "--dry-run"))
    assert out.endswith("Would migrate 8 shops, 15 scorings.\n")
    assert {p: p.read_text("utf-8") for p in before_files} == before_files  # nothing written

    out = ok(sxt(shops, "migrate"))
    assert f"shops/{SHOP_5}.yaml: moved 3 scorings (maya-okafor.yaml, jonas-weber.yaml, " in out
    assert out.endswith("Migrated 8 shops, 15 scorings.\n")
    after = [p.read_text("utf-8") for p in (shops / "shops").rglob("*.yaml")]
    assert all("scores:" not in p.read_text("utf-8") for p in before_files)
    # Every comment line is still there, in one file or another, and every figure holds.
    assert comment_lines(after) == comment_lines(list(before_files.values()))
    assert validate(expand([shops]), shops).diagnostics == []
    assert json.loads(ok(sxt(shops, "report", "--format", "json", "--today", TODAY))) == report
    assert json.loads(ok(sxt(shops, "calibrate", "--format", "json"))) == calibration
    maya = load_file(shops / "shops" / SHOP_5 / "maya-okafor.yaml").data
    assert maya["benchmark"] is True and maya["kind"] == "scoring"
    assert maya["submitted"] == maya["date"] == "2026-10-07"
    assert maya["answers"]["root-cause-flagged"]["comment"].startswith("Warned that")
    assert ok(sxt(shops, "migrate")) == "Nothing to migrate: every scoring has a file of its own.\n"


def test_old_single_file_shops_still_validate_and_score_anew_in_a_file(shops: Path) -> None:
    assert validate(expand([shops]), shops).diagnostics == []
    name = answers_file(shops, "sam.json", EMAIL)
    out = ok(sxt(shops, "score", SHOP_8, "--answers", name, "--today", TODAY, who="Sam Lee"))
    assert f"shops/{SHOP_8}/sam-lee.yaml" in out
    # An in-file scorer is asked to migrate first rather than edited in place.
    result = sxt(shops, "score", SHOP_8, "--answers", name, who="Maya Okafor")
    assert result.exit_code == 2 and "run `sxt shop migrate` first" in result.output
    assert validate(expand([shops]), shops).diagnostics == []


def test_a_scoring_cannot_repeat_a_scorer_nor_answer_another_channel(shops: Path) -> None:
    folder = shops / "shops" / SHOP_8
    folder.mkdir()
    (folder / "maya.yaml").write_text(
        "sxt: 1\nkind: scoring\nscorer: maya  okafor\nbenchmark: true\nanswers:\n"
        "  first-response-60s: yes\n  preach: 5\n",
        encoding="utf-8",
    )
    (folder / "orphan").mkdir()
    found = validate(expand([shops]), shops).diagnostics
    lines = sorted(f"{d.location()}: {d.message}" for d in found)
    assert lines == [
        f"shops/{SHOP_8}/maya.yaml:3:9: maya  okafor scored this shop already (in "
        f"shops/{SHOP_8}.yaml), expected one scoring per scorer",
        f"shops/{SHOP_8}/maya.yaml:6:3: first-response-60s is scored on 'chat' shops only "
        "and this shop is email, expected no answer (remove it: it would count nowhere)",
    ]


def test_an_empty_scoring_is_no_scorer_in_calibration(shops: Path) -> None:
    folder = shops / "shops" / SHOP_8
    folder.mkdir()
    (folder / "ana.yaml").write_text(
        "sxt: 1\nkind: scoring\nscorer: Ana\nanswers: {}\n", encoding="utf-8"
    )
    data = json.loads(ok(sxt(shops, "calibrate", "--format", "json")))
    assert "Ana" not in data["scorers"] and SHOP_8 not in data["shops"]


def git(root: Path, *arguments: str) -> str:
    found = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=t@example.org", *arguments],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert found.returncode == 0, found.stdout + found.stderr
    return found.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_two_scorers_on_two_branches_merge_with_no_conflict(shops: Path) -> None:
    git(shops, "init", "-q", "-b", "main")
    git(shops, "add", "-A")
    git(shops, "commit", "-q", "-m", "shops")
    name = answers_file(shops, "answers.json", EMAIL)
    git(shops, "add", "-A")
    git(shops, "commit", "-q", "-m", "answers")
    for scorer in ("Ana Lima", "Ben Ode"):
        branch = scorer.split()[0].lower()
        git(shops, "checkout", "-q", "-b", branch, "main")
        wanted = dict(EMAIL, preach=6 if branch == "ana" else 4)
        answers_file(shops, name, wanted)
        ok(sxt(shops, "score", SHOP_8, "--answers", name, "--submit", who=scorer))
        git(shops, "add", "-A")
        git(shops, "commit", "-q", "-m", f"{scorer} scores")
    git(shops, "checkout", "-q", "main")
    git(shops, "merge", "-q", "--no-edit", "ana")
    git(shops, "merge", "-q", "--no-edit", "ben")  # would stop on a conflict: check=True
    assert git(shops, "status", "--porcelain") == ""
    data = json.loads(ok(sxt(shops, "calibrate", SHOP_8, "--format", "json")))
    assert data["scorers"] == ["Ana Lima", "Ben Ode", "Maya Okafor"]
    assert {"shop": SHOP_8, "scores": data["scores"][0]["scores"]} == data["scores"][0]
    assert data["criteria"][0]["id"] == "preach"  # the one they disagree on, widest first


# --- blind calibration sessions ------------------------------------------------------------


def test_a_session_hides_answers_until_you_submit_and_keeps_revisions(shops: Path) -> None:
    ok(sxt(shops, "migrate"))
    name = answers_file(shops, "answers.json", EMAIL)
    out = ok(
        sxt(
            shops,
            *("session", "new", SHOP_8, "--scorer", "Ana", "--scorer", "Ben"),
            *("--benchmark", "Maya Okafor", "--due", "2026-12-20", "--title", "Round 3"),
            "--today",
            "2026-12-10",
        )
    )
    assert out.startswith("Opened calibration/2026-12-10-round-3.yaml: 1 shop, 2 scorers")
    # Before Ana submits, she sees only her own scoring: the benchmark's score is hidden.
    ok(sxt(shops, "score", SHOP_8, "--answers", name, who="Ana"))
    report = sxt(shops, "report", "--format", "json", who="Ana")
    assert SHOP_8 not in [s["id"] for s in json.loads(report.stdout)["shops"]]
    assert "1 shop of open calibration session 2026-12-10-round-3 left out" in report.stderr
    result = sxt(shops, "calibrate", SHOP_8, who="Ana")
    assert result.exit_code == 2 and "you have not submitted it" in result.output
    status = ok(sxt(shops, "session", "status", "--today", "2026-12-10"))
    assert re.search(r"Ana +draft \(6 of 18\)", status)
    assert re.search(r"Maya Okafor \(benchmark\) +submitted 2026-12-02", status)
    assert "Ben" in status and "not started" in status
    assert "preach" not in status and "%" not in status  # progress only, never an answer

    ok(sxt(shops, "submit", SHOP_8, "--today", "2026-12-11", who="Ana"))
    data = json.loads(ok(sxt(shops, "calibrate", SHOP_8, "--format", "json", who="Ana")))
    assert data["scorers"] == ["Ana", "Maya Okafor"] and data["revisions"] == []
    # Ben has not submitted: still blind, and his own draft is all he sees.
    ok(sxt(shops, "score", SHOP_8, "--answers", name, who="Ben"))
    assert sxt(shops, "calibrate", SHOP_8, who="Ben").exit_code == 2
    # Ana changes an answer after submitting: kept as a revision, shown in calibration.
    answers_file(shops, name, dict(EMAIL, preach=3))
    ok(sxt(shops, "score", SHOP_8, "--answers", name, "--today", "2026-12-12", who="Ana"))
    data = json.loads(ok(sxt(shops, "calibrate", SHOP_8, "--format", "json", who="Ana")))
    assert data["revisions"] == [
        {
            "shop": SHOP_8,
            "scorer": "Ana",
            "date": "2026-12-12",
            "criterion": "preach",
            "before": 6,
            "after": 3,
        }
    ]
    text = ok(sxt(shops, "calibrate", SHOP_8, who="Ana"))
    assert "Changed after submitting" in text and re.search(r"2026-12-12 .* preach +6 +3", text)
    assert sxt(shops, "session", "status", "--today", "2026-12-21").exit_code == 1  # overdue
    out = ok(sxt(shops, "session", "close", "2026-12-10-round-3", "--today", "2026-12-21"))
    assert out.startswith("Closed 2026-12-10-round-3: 2 of 3 scorings submitted.")
    # Closed: everyone sees everything, Ben's draft included.
    data = json.loads(ok(sxt(shops, "calibrate", SHOP_8, "--format", "json", who="Zed")))
    assert data["scorers"] == ["Ana", "Ben", "Maya Okafor"]
    assert validate(expand([shops]), shops).diagnostics == []


def test_session_input_errors(shops: Path) -> None:
    ok(sxt(shops, "session", "new", SHOP_8, "--scorer", "Ana", "--id", "round-one"))
    result = sxt(shops, "session", "new", SHOP_8, "--scorer", "Ben", "--id", "round-two")
    assert result.exit_code == 2 and "is in open session round-one already" in result.output
    result = sxt(shops, "session", "new", "nope", "--scorer", "Ben")
    assert result.exit_code == 2 and "no shop 'nope'" in result.output
    result = sxt(shops, "session", "close", "round-on")
    assert result.exit_code == 2 and "did you mean 'round-one'?" in result.output
    result = sxt(shops, "score", SHOP_8, "--answers", "x.json")
    assert result.exit_code in (0, 2)


# --- disputes ------------------------------------------------------------------------------


def test_disputes_from_opening_to_the_report(shops: Path) -> None:
    # Shop 8: Maya alone; correct-answer is yes, empathy 4 of 5 (.75). Ravi disputes empathy.
    before = json.loads(ok(sxt(shops, "report", "--format", "json", "--today", TODAY)))
    score = next(s for s in before["shops"] if s["id"] == SHOP_8)["score"]
    out = ok(
        sxt(
            shops,
            *("dispute", SHOP_8, "--criterion", "empathy"),
            *("--reason", "The customer thanked me twice", "--today", "2026-12-02"),
            who="Ravi Menon",
        )
    )
    assert f"shops/{SHOP_8}/disputes/empathy.yaml" in out
    again = sxt(shops, "dispute", SHOP_8, "--criterion", "empathy", "--reason", "x", who="Ravi")
    assert again.exit_code == 2 and "not resolved yet" in again.output
    selfie = sxt(shops, "resolve", SHOP_8, "accept", "--criterion", "empathy", who="ravi menon")
    assert selfie.exit_code == 2 and "a reviewer or arbitrator resolves it" in selfie.output
    report = json.loads(ok(sxt(shops, "report", "--format", "json", "--today", TODAY)))
    assert report["disputes"]["open"] == 1
    out = ok(
        sxt(
            shops,
            *("resolve", SHOP_8, "accept", "--criterion", "empathy"),
            *("--note", "Agreed", "--today", "2026-12-05"),
            who="Maya Okafor",
        )
    )
    assert out.startswith("Accepted: empathy of")
    # Accepting gives the best answer, 5: tone goes from (1 + .75 + 1 + 1)/4 ... up by
    # 20 x .25/4 = 1.25 points of the 100 the sections weigh.
    after = json.loads(ok(sxt(shops, "report", "--format", "json", "--today", TODAY)))
    assert next(s for s in after["shops"] if s["id"] == SHOP_8)["score"] == pytest.approx(
        score + 1.25
    )
    assert after["disputes"]["open"] == 0
    assert after["disputes"]["by_criterion"] == [
        {
            "criterion": "empathy",
            "disputes": 1,
            "open": 0,
            "upheld": 1,
            "rejected": 0,
            "upheld_share": 1.0,
        }
    ]
    assert after["disputes"]["median_days_to_resolve"] == 3
    text = ok(sxt(shops, "report", "--today", TODAY))
    assert "Disputes" in text and "0 open disputes of 1; 3 days to resolve (median)" in text
    # Calibration keeps what the scorers said; the history stays in the file.
    history = load_file(shops / "shops" / SHOP_8 / "disputes" / "empathy.yaml").data["history"]
    assert history == [
        {
            "date": "2026-12-05",
            "by": "Maya Okafor",
            "outcome": "accepted",
            "answer": 5,
            "note": "Agreed",
        }
    ]
    # Disputed again: reopened, with its history kept.
    ok(sxt(shops, "dispute", SHOP_8, "--criterion", "empathy", "--reason", "More", who="Ravi"))
    ok(
        sxt(
            shops, "resolve", SHOP_8, "partial", "--criterion", "empathy", "--answer", "4", who="Jo"
        )
    )
    history = load_file(shops / "shops" / SHOP_8 / "disputes" / "empathy.yaml").data["history"]
    assert [e["outcome"] for e in history] == ["accepted", "reopened", "partial"]
    result = sxt(shops, "resolve", SHOP_8, "partial", "--criterion", "empathy", who="Jo")
    assert result.exit_code == 2
    assert validate(expand([shops]), shops).diagnostics == []


# --- the statistics in the report ------------------------------------------------------


def test_calibrate_reports_every_icc_form_with_its_interval_units_and_reading(
    shops: Path,
) -> None:
    from toolkit.shop import agreement

    shop_7 = "2026-11-10-two-factor-codes-not-arriving"
    data = json.loads(ok(sxt(shops, "calibrate", SHOP_5, shop_7, "--format", "json")))
    # Both shops were scored by the same three scorers: all six Shrout-Fleiss forms.
    rows = [[v for v in row["scores"].values()] for row in data["scores"]]
    forms = data["overall"]["icc_forms"]
    assert list(forms) == ["ICC(1,1)", "ICC(2,1)", "ICC(3,1)", "ICC(1,k)", "ICC(2,k)", "ICC(3,k)"]
    for form, found in forms.items():
        expected = agreement.icc_interval(rows, form)
        assert expected is not None
        assert found["value"] == pytest.approx(expected.value)
        assert (found["interval"]["low"], found["interval"]["high"]) == pytest.approx(
            (expected.low, expected.high)
        )
        assert found["units"] == 2 and found["few_units"]
        assert found["reading"] == f"({agreement.koo_li(expected.value)}: few units)"
    assert data["overall"]["icc"]["note"] == "ICC(2,1)"
    # Each scorer's kappa against the benchmark comes with its standard error and interval.
    jonas = next(a for a in data["alignment"] if a["scorer"] == "Jonas Weber")
    kappa = jonas["cohens_kappa"]
    se = kappa["interval"]["standard_error"]
    assert kappa["interval"]["low"] == pytest.approx(kappa["value"] - 1.959964 * se, abs=1e-5)
    assert kappa["units"] == jonas["answers"]
    text = ok(sxt(shops, "calibrate", SHOP_5, shop_7))
    assert "ICC(3,k) of the shop scores" in text and "95% interval" in text
