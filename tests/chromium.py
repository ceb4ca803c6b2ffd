"""Headless Chromium for the tests that open an HTML page in a real browser: the page's text
must be there, nothing in it may run, and it must draw something.

One copy of the flags, so every page is checked the same way: no network, no first-run or
background traffic, a fresh profile per run. Where no chromium is installed, the tests skip
and say how to get one, instead of passing without having looked.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium or chromium-browser on PATH: install Debian's `chromium` package "
    "(.ci/run does) to render the HTML pages in a real browser",
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def chromium(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium with no network and a fresh profile, as the machine notes advise."""
    assert CHROMIUM is not None
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            *arguments,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def dump_dom(page: Path, tmp_path: Path) -> str:
    """The DOM after the page loaded: what a script would have changed, had one run."""
    dumped = chromium(tmp_path, "--dump-dom", page.as_uri())
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    return dumped.stdout


def screenshot(page: Path, tmp_path: Path, width: int, height: int) -> bytes:
    """A PNG of the page in a `width` x `height` window, checked to be one of that size."""
    shot = page.with_suffix(".png")
    taken = chromium(
        tmp_path, f"--window-size={width},{height}", f"--screenshot={shot}", page.as_uri()
    )
    assert taken.returncode == 0 and shot.exists(), taken.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    assert struct.unpack(">II", data[16:24]) == (width, height), "not the window's size"
    return data
