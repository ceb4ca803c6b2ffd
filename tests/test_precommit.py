"""The pre-commit hook, end to end: the real `pre-commit` installs the `sxt-lint` hook from this
checkout into a throwaway repository, and `git commit` is blocked by a bad reply and let
through with a good one.

pre-commit clones `repo:` at `rev:`, so this tests the committed HEAD of this checkout (in CI, a
clean clone, that is what is on disk). The first run builds the hook's environment: a pip
install of sxt and its dependencies from PyPI, about a minute. Everything pre-commit caches
goes to PRE_COMMIT_HOME under tmp_path, and git reads no user or system configuration.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILD_TIMEOUT = 900  # seconds: the first commit creates the hook's virtualenv

BAD_REPLY = """\
---
title: Payment failed
situation: billing
---
Uh oh, your payment failed! 🙈
"""

# Outside replies/, so the hook must leave it alone although sxt would reject it as a reply.
NOT_A_REPLY = "# Notes\n\nThis is NOT a reply!! Wow!!\n"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
]


def run(*command: str | Path, cwd: Path, env: dict[str, str], timeout: float = 60):
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


def head_of_this_checkout() -> str:
    result = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", "HEAD"],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.skip(f"{ROOT} is not a git checkout with a commit: pre-commit needs a rev")
    rev = result.stdout.strip()
    manifest = subprocess.run(
        ["git", "-C", str(ROOT), "cat-file", "-e", f"{rev}:.pre-commit-hooks.yaml"],
        capture_output=True,
    )
    if manifest.returncode != 0:
        pytest.skip(
            "HEAD has no .pre-commit-hooks.yaml: pre-commit clones the committed rev, "
            "so commit the hook manifest before running this test"
        )
    return rev


@pytest.fixture
def environment(tmp_path: Path) -> dict[str, str]:
    """No GIT_* variables from an outer hook, no user or system git configuration (a global
    core.hooksPath or commit.gpgsign would change what git commit does), pre-commit's cache
    under tmp_path, and this interpreter's scripts first on PATH."""
    global_config = tmp_path / "gitconfig"
    global_config.write_text(f"[safe]\n\tdirectory = {ROOT}\n", encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    env.update(
        GIT_CONFIG_GLOBAL=str(global_config),
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        PRE_COMMIT_COLOR="never",
        PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
    )
    return env


def test_the_hook_blocks_a_bad_reply_and_passes_a_good_one(
    tmp_path: Path, environment: dict[str, str]
) -> None:
    rev = head_of_this_checkout()
    repo = tmp_path / "support-replies"
    repo.mkdir()
    for command in (
        ["git", "init", "-q"],
        ["git", "config", "user.name", "Test Agent"],
        ["git", "config", "user.email", "agent@example.com"],
    ):
        assert run(*command, cwd=repo, env=environment).returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n      - id: sxt-lint\n",
        encoding="utf-8",
    )
    installed = run(sys.executable, "-m", "pre_commit", "install", cwd=repo, env=environment)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    reply = repo / "replies" / "payment-failed.md"
    reply.parent.mkdir()
    reply.write_text(BAD_REPLY, encoding="utf-8")
    assert run("git", "add", "-A", cwd=repo, env=environment).returncode == 0
    blocked = run(
        "git", "commit", "-m", "bad reply", cwd=repo, env=environment, timeout=BUILD_TIMEOUT
    )
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "sxt lint (tone of canned replies)" in output and "Failed" in output, output
    assert "replies/payment-failed.md:5:1: error [E/playful-words]" in output, output
    assert run("git", "rev-parse", "--verify", "HEAD", cwd=repo, env=environment).returncode != 0

    shutil.copyfile(ROOT / "replies" / "payment-failed-good.md", reply)
    (repo / "NOTES.md").write_text(NOT_A_REPLY, encoding="utf-8")
    assert run("git", "add", "-A", cwd=repo, env=environment).returncode == 0
    passed = run(
        "git", "commit", "-m", "good reply", cwd=repo, env=environment, timeout=BUILD_TIMEOUT
    )
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "sxt lint (tone of canned replies)" in output and "Passed" in output, output
    committed = run("git", "ls-files", cwd=repo, env=environment).stdout.split()
    assert committed == [".pre-commit-config.yaml", "NOTES.md", "replies/payment-failed.md"]
