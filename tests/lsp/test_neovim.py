"""`sxt lsp` in a real editor: Neovim (Debian's `neovim`, installed by .ci/run) run headless
with a small config that starts the server, opens a bad reply and writes back the
diagnostics it shows. Neovim turns LSP's UTF-16 positions into byte columns itself, so a
finding after an emoji and Hangul checks the conversion from the editor's side."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NVIM = shutil.which("nvim")

pytestmark = pytest.mark.skipif(
    NVIM is None, reason="Neovim is not installed (.ci/run installs Debian's neovim package)"
)

# vim.lsp.start_client and buf_attach_client are in every Neovim since 0.5, so this runs on
# Debian's 0.7 as on 0.11, whose vim.lsp.config the README shows.
CONFIG = """\
local client = vim.lsp.start_client({
  name = "sxt",
  cmd = { os.getenv("SXT_PYTHON"), "-m", "toolkit", "lsp" },
  root_dir = os.getenv("SXT_ROOT"),
})
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("SXT_FILE")))
vim.lsp.buf_attach_client(0, client)
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ""
  table.insert(lines, string.format("%d:%d:%s:%s", d.lnum, d.col, code, d.message))
end
vim.fn.writefile(lines, os.getenv("SXT_OUT"))
vim.cmd("qa!")
"""

# An emoji (4 bytes in UTF-8, 2 UTF-16 units) and Hangul (3 bytes, 1 unit each) before the
# finding: Neovim's byte column is right only if the server's UTF-16 range is.
REPLY = "---\nid: ko\ntitle: 결제\nsituation: billing\nlocale: ko\n---\n🙈 결제가 실패했네.\n"


def test_neovim_shows_the_diagnostics_of_a_bad_reply(workspace: Path, tmp_path: Path):
    assert NVIM is not None
    reply = workspace / "replies" / "ko.md"
    reply.write_text(REPLY, encoding="utf-8")
    config = tmp_path / "init.lua"
    config.write_text(CONFIG, encoding="utf-8")
    out = tmp_path / "diagnostics.txt"
    env = {
        **os.environ,
        "SXT_PYTHON": sys.executable,
        "SXT_ROOT": str(workspace),
        "SXT_FILE": str(reply),
        "SXT_OUT": str(out),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    subprocess.run(
        [NVIM, "--headless", "-n", "-i", "NONE", "-u", str(config)],
        cwd=workspace,
        env=env,
        timeout=60,
        check=True,
        capture_output=True,
    )
    shown = out.read_text(encoding="utf-8").splitlines()
    casual = [line for line in shown if ":H/casual-register:" in line]
    # Line 7 of the file (0-based 6): 🙈 (4 bytes), a space, 결제가 (9), a space: byte 15.
    assert [line.split(":")[:2] for line in casual] == [["6", "15"]], shown
