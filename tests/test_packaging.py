"""The wheel is what users install: prove it carries the shipped content and works on its own,
away from the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from initialised import initialised_document_count

from toolkit.core.content import shipped_files

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("sxt-*.whl")
    return built


@pytest.mark.slow
def test_wheel_contains_package_schemas_and_content(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for expected in [
        "toolkit/cli/main.py",
        "toolkit/core/schemas/audit.schema.json",
        "toolkit/content/checklists/ten-point.yaml",
        "toolkit/content/checklists/chat-email.yaml",
        "toolkit/content/journeys/first-billing-issue.yaml",
        "toolkit/content/tone_guides/preach.yaml",
        "toolkit/content/replies/payment-failed-bad.md",
    ]:
        assert expected in names, expected
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    assert "sxt = toolkit.cli.main:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


@pytest.mark.slow
def test_installed_wheel_finds_content_through_importlib_resources(
    wheel: Path, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    environment = {**os.environ, "PYTHONPATH": str(target)}
    probe = (
        "import toolkit; from toolkit.core.content import shipped_root, shipped_files; "
        "print(toolkit.__file__); print(shipped_root()); print(len(shipped_files()))"
    )
    where = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert where[0].startswith(str(target)), "toolkit must come from the installed wheel"
    assert where[1] == str(target / "toolkit" / "content")
    assert int(where[2]) == len(shipped_files())
    workspace = tmp_path / "w"
    init = subprocess.run(
        [sys.executable, "-m", "toolkit", "init", str(workspace)],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert init.returncode == 0, init.stderr
    validate = subprocess.run(
        [sys.executable, "-m", "toolkit", "-C", str(workspace), "validate"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert validate.stdout.startswith(f"No problems found in {initialised_document_count()} files.")
