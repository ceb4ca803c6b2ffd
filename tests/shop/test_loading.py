"""Reading a workspace's shops in parts on several processes gives what one process gives:
the same shops with the same scorings, the same problems in the same order, the same
sessions and the same blinding."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.core import parallel
from toolkit.shop import files

SHOP = "2026-10-06-card-declined-at-renewal"


@pytest.fixture
def workspace(copy_of: Callable[[str], Path]) -> Path:
    root = copy_of("shop-workspace")
    runner = CliRunner(env={"SXT_SCORER": ""})
    migrated = runner.invoke(cli, ["-C", str(root), "shop", "migrate"])
    assert migrated.exit_code == 0, migrated.output
    folder = root / "shops" / SHOP
    # A broken scoring, a second scoring by the same person, a dispute of an unknown
    # criterion, a stray file of a shop that does not exist, and an open session.
    (folder / "zz-broken.yaml").write_text("sxt: 1\nkind: scoring\nscorer: [\n", "utf-8")
    (folder / "zz-maya.yaml").write_text(
        "sxt: 1\nkind: scoring\nscorer: Maya Okafor\nanswers:\n  personal-greeting: yes\n",
        "utf-8",
    )
    (folder / "disputes").mkdir()
    (folder / "disputes" / "no-such.yaml").write_text(
        "sxt: 1\nkind: dispute\ncriterion: no-such\nby: agent-7\nopened: 2026-12-02\n"
        "reason: unfair\n",
        "utf-8",
    )
    (root / "shops" / "ghost").mkdir()
    (root / "shops" / "ghost" / "sam.yaml").write_text(
        "sxt: 1\nkind: scoring\nscorer: Sam\nanswers: {}\n", "utf-8"
    )
    (root / "calibration").mkdir()
    (root / "calibration" / "q4.yaml").write_text(
        f"sxt: 1\nkind: calibration-session\ntitle: Q4\nopened: 2026-12-01\n"
        f"due: 2027-01-15\nshops: [{SHOP}]\nscorers: [Maya Okafor, Jonas Weber]\n",
        "utf-8",
    )
    return root


def test_parallel_reading_gives_what_one_process_gives(workspace, monkeypatch):
    forked = []
    original = parallel.in_forks

    def spy(work, parts, jobs):
        forked.append(len(parts))
        return original(work, parts, jobs)

    monkeypatch.setattr(parallel, "in_forks", spy)
    one = files.load(workspace, "Sam Lee", jobs=1)
    assert not forked
    monkeypatch.setattr(files, "PARALLEL_FILES", 0)
    two = files.load(workspace, "Sam Lee", jobs=2)
    assert forked and forked[0] > 1  # really read in parts, on forked workers
    assert two.shops == one.shops
    assert two.everything == one.everything
    assert two.problems == one.problems
    assert two.sessions == one.sessions and len(one.sessions) == 1
    assert two.blinded == one.blinded and SHOP in one.blinded
    flagged = {problem.path: problem.code for problem in one.problems}
    assert flagged == {
        f"shops/{SHOP}/zz-broken.yaml": "syntax",
        f"shops/{SHOP}/zz-maya.yaml": "duplicate-scorer",
        f"shops/{SHOP}/disputes/no-such.yaml": "reference",
        "shops/ghost/sam.yaml": "reference",
    }


def test_groups_keep_a_shop_and_its_folder_together(tmp_path):
    shops = tmp_path / "shops"
    paths = [
        shops / "a.yaml",
        shops / "b.yaml",
        shops / "a" / "maya.yaml",
        shops / "a" / "disputes" / "greeting.yaml",
        shops / "b" / "jonas.yaml",
    ]
    assert files._shop_groups(tmp_path, paths) == [
        [shops / "a.yaml", shops / "a" / "maya.yaml", shops / "a" / "disputes" / "greeting.yaml"],
        [shops / "b.yaml", shops / "b" / "jonas.yaml"],
    ]
