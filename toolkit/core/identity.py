"""Who is at the keyboard: the name sxt records as a scorer, a disputing agent or a reviewer,
and the name blind calibration keeps other people's answers from.

In order: the name given on the command line (`--scorer`, `--by`), else the `SXT_SCORER`
environment variable, else `git config user.name`, the name the person's commits carry
already. Names are people typing their own name, so they compare without regard to case or
spacing: `dana  lee` is Dana Lee.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ENVIRONMENT = "SXT_SCORER"


@dataclass(frozen=True, slots=True)
class Identity:
    name: str
    source: str  # "--scorer", "SXT_SCORER" or "git config user.name"


def tidy(name: str) -> str:
    return " ".join(name.split())


def same_person(name: str, other: str) -> bool:
    return tidy(name).casefold() == tidy(other).casefold()


def who(
    given: str | None,
    option: str = "--scorer",
    *,
    cwd: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Identity | None:
    """The person's name and where it came from; None when none of the three says."""
    if given is not None and tidy(given):
        return Identity(tidy(given), option)
    environ = os.environ if environ is None else environ
    if tidy(environ.get(ENVIRONMENT, "")):
        return Identity(tidy(environ[ENVIRONMENT]), ENVIRONMENT)
    name = _git_user(cwd)
    return Identity(name, "git config user.name") if name else None


def _git_user(cwd: Path | None) -> str:
    try:
        found = subprocess.run(
            ["git", "config", "user.name"],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return tidy(found.stdout) if found.returncode == 0 else ""
