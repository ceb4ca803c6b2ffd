"""`sxt lsp` in a real editor: Neovim, headless, with the README's configuration, opens a bad
reply and writes back the diagnostics it shows.

pytest-lsp proves the protocol; this proves an editor's own client starts the server, agrees
on positions with it and shows its findings where they belong. Neovim's columns are bytes, so
a finding after an emoji (four bytes in UTF-8, two units in UTF-16) lands on the right
character only if the server counted UTF-16 units and Neovim converted them back.

Debian's `neovim` package (installed by .ci/run) may predate `vim.lsp.config` (Neovim 0.11):
Debian 12 ships 0.7. There the README's configuration cannot run, and the same server is
started with the older API, so the test still checks what an editor shows.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .session import REPLY

NVIM = shutil.which("nvim")
pytestmark = pytest.mark.skipif(
    NVIM is None,
    reason="nvim is not installed (Debian's neovim package: `apt-get install neovim`; "
    ".ci/run installs it)",
)
README = Path(__file__).resolve().parents[2] / "README.md"

OLDER_NEOVIM = """\
-- Neovim before 0.11 has no vim.lsp.config: start the same server the older way.
vim.api.nvim_create_autocmd("FileType", {
  pattern = { "markdown", "yaml" },
  callback = function(args)
    local id = vim.lsp.start_client({ name = "sxt", cmd = CMD, root_dir = vim.env.SXT_ROOT })
    vim.lsp.buf_attach_client(args.buf, id)
  end,
})
"""

READ_BACK = """\
-- Wait for the server's diagnostics, write them out as JSON, quit.
local arrived = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local found = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(found, {
    lnum = d.lnum, col = d.col, end_col = d.end_col, source = d.source,
    code = d.code or lsp.code, message = d.message,
  })
end
local shown = vim.fn.json_encode({ arrived = arrived, diagnostics = found })
vim.fn.writefile({ shown }, vim.env.SXT_OUT)
vim.cmd("qa!")
"""


def readme_config() -> str:
    """The README's Neovim configuration, as a user would paste it."""
    text = README.read_text(encoding="utf-8")
    (block,) = re.findall(r"```lua\n(.*?)```", text, re.DOTALL)
    assert 'cmd = { "sxt", "lsp" }' in block
    return block


def init_lua(command: list[str]) -> str:
    """The README's configuration with `sxt` replaced by this test's interpreter, so the
    server under test is this checkout's, not whatever `sxt` is on PATH."""
    cmd = "{ " + ", ".join(json.dumps(part) for part in command) + " }"
    config = readme_config().replace('{ "sxt", "lsp" }', "CMD")
    return f"local CMD = {cmd}\nif vim.lsp.config then\n{config}else\n{OLDER_NEOVIM}end\n"


def test_neovim_shows_the_findings_of_a_bad_reply(workspace: Path, tmp_path: Path):
    reply = workspace / "replies" / "emoji-jargon.md"
    reply.write_text(REPLY, encoding="utf-8")
    init = tmp_path / "init.lua"
    init.write_text(init_lua([sys.executable, "-m", "toolkit", "lsp"]), encoding="utf-8")
    read_back = tmp_path / "read_back.lua"
    read_back.write_text(READ_BACK, encoding="utf-8")
    out = tmp_path / "diagnostics.json"
    home = tmp_path / "home"
    environment = {
        **os.environ,
        "SXT_ROOT": str(workspace),
        "SXT_OUT": str(out),
        # Nothing of the user's own Neovim (plugins, state, logs) takes part.
        **{
            name: str(home / name.lower())
            for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME")
        },
    }
    assert NVIM is not None
    subprocess.run(
        [
            NVIM,
            "--headless",
            "-n",
            "-i",
            "NONE",
            "-u",
            str(init),
            str(reply),
            "-c",
            "luafile " + str(read_back),
        ],
        cwd=workspace,
        env=environment,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=90,
        check=True,
    )
    shown = json.loads(out.read_text(encoding="utf-8"))
    assert shown["arrived"], "no diagnostics reached Neovim within 30 s"
    diagnostics = shown["diagnostics"]
    assert {d["source"] for d in diagnostics} == {"sxt"}
    line = REPLY.splitlines()[7].encode("utf-8")  # "🙈 Kindly revert back ..."
    jargon = {
        line[d["col"] : d["end_col"]].decode("utf-8")
        for d in diagnostics
        if d["code"] == "C/jargon" and d["lnum"] == 7
    }
    # Byte columns in Neovim: "Kindly" starts at byte 5, after 🙈 (4 bytes) and a space.
    assert jargon == {"Kindly", "revert back"}
    assert "H/emoji-sensitive" in {d["code"] for d in diagnostics}
