"""Reading a workspace's shops in parts on several processes gives what one process gives:
the same shops with the same scorings, the same problems in the same order, the same
sessions and the same blinding."""

from __future__ import annotations

import shutil
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
    monkeypatch.setenv("SXT_NO_CACHE", "1")
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


def test_cached_reading_gives_what_reading_gives_and_sees_every_change(workspace, monkeypatch):
    def read() -> files.ShopSet:
        return files.load(workspace, "Sam Lee", jobs=1)

    shutil.rmtree(workspace / ".sxt" / "cache")  # written by the fixture's migrate
    monkeypatch.setenv("SXT_NO_CACHE", "1")
    uncached = read()
    assert not (workspace / ".sxt" / "cache").exists()
    monkeypatch.delenv("SXT_NO_CACHE")
    first, second = read(), read()  # the first writes the cache, the second reads it
    assert (workspace / ".sxt" / "cache" / "shops.pickle").exists()
    assert "*" in (workspace / ".sxt" / "cache" / ".gitignore").read_text("utf-8")
    for cached in (first, second):
        assert cached.shops == uncached.shops
        assert cached.everything == uncached.everything
        assert cached.problems == uncached.problems
        assert cached.blinded == uncached.blinded

    calls: list[int] = []
    original = files._read_shops

    def spy(context, groups):
        calls.append(len(groups))
        return original(context, groups)

    monkeypatch.setattr(files, "_read_shops", spy)
    read()
    assert calls == [0]  # nothing changed: nothing read
    # An edited scoring (same size, so only the time tells) is read again, and only its shop.
    scoring = next(s for s in first.everything[SHOP].scorings if s.path is not None)
    assert scoring.path is not None
    text = scoring.path.read_text("utf-8")
    scoring.path.write_text(text.replace(": yes", ": no ", 1), "utf-8")
    edited = read()
    assert calls[-1] == 1
    again = next(s for s in edited.everything[SHOP].scorings if s.path == scoring.path)
    assert again.answers != scoring.answers
    assert list(again.answers.values()).count("no") == 1 + list(scoring.answers.values()).count(
        "no"
    )
    # A comment in the scorecard changes nothing; a change to it can change every shop's
    # checks, so everything is read again.
    card = workspace / "checklists" / "chat-email.yaml"
    card.write_text(card.read_text("utf-8") + "\n# edited\n", "utf-8")
    read()
    assert calls[-1] == 0
    card.write_text(card.read_text("utf-8").replace("pass_mark: 80", "pass_mark: 70"), "utf-8")
    read()
    assert calls[-1] == len(uncached.everything) + 1  # and the ghost folder
    # A removed shop is gone, cached or not.
    (workspace / "shops" / f"{SHOP}.yaml").unlink()
    assert SHOP not in read().everything


def test_a_corrupt_cache_reads_as_no_cache(workspace):
    files.load(workspace, jobs=1)
    (workspace / ".sxt" / "cache" / "shops.pickle").write_bytes(b"not a pickle")
    again = files.load(workspace, jobs=1)
    assert SHOP in again.everything


def test_groups_keep_a_shop_and_its_folder_together(tmp_path):
    shops = tmp_path / "shops"
    names = [
        str(shops / "a.yaml"),
        str(shops / "b.yaml"),
        str(shops / "a" / "maya.yaml"),
        str(shops / "a" / "disputes" / "greeting.yaml"),
        str(shops / "b" / "jonas.yaml"),
    ]
    assert files._shop_groups(tmp_path, names) == {
        "a": [names[0], names[2], names[3]],
        "b": [names[1], names[4]],
    }
