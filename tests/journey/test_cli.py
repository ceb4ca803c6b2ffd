"""`sxt journey show` and `sxt journey export` through the CLI: which journey is meant, the
shops on the map, files written atomically, and errors a user can act on."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from toolkit.cli.main import cli
from toolkit.core.scaffold import create_workspace

SHOPS = Path(__file__).parent.parent / "fixtures" / "shop-workspace"


def invoke(*arguments: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(arguments))
    return result.exit_code, result.stdout, result.stderr


def test_show_draws_the_only_journey_with_its_shops_within_the_width() -> None:
    code, out, _ = invoke("-C", str(SHOPS), "journey", "show", "--width", "80")
    assert code == 0, out
    assert out.startswith("First billing issue: a renewal payment fails\n")
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "untested" in out
    assert "\x1b" not in out  # no colour when not on a terminal
    code, wide, _ = invoke("-C", str(SHOPS), "journey", "show", "--width", "160")
    assert "2 shops, avg 90.6%" in wide  # agent-takes-over, as in test_summary


def test_show_names_a_journey_by_id_or_path_and_suggests_near_misses(tmp_path: Path) -> None:
    root = tmp_path / "w"
    create_workspace(root, "Test")
    second = root / "journeys" / "second-journey.yaml"
    second.write_text((root / "journeys" / "first-billing-issue.yaml").read_text("utf-8"))
    code, _, err = invoke("-C", str(root), "journey", "show")
    assert code == 2
    assert "name the journey (journeys here: first-billing-issue, second-journey)" in err
    code, _, err = invoke("-C", str(root), "journey", "show", "first-biling-issue")
    assert code == 2
    assert "no journey 'first-biling-issue'" in err and "first-billing-issue" in err
    for name in ("second-journey", "journeys/second-journey.yaml"):
        code, out, _ = invoke("-C", str(root), "journey", "show", name)
        assert code == 0 and "First billing issue" in out


def test_a_journey_with_errors_is_named_not_drawn(tmp_path: Path) -> None:
    root = tmp_path / "w"
    create_workspace(root, "Test")
    path = root / "journeys" / "first-billing-issue.yaml"
    path.write_text(path.read_text("utf-8").replace("emotion: -2", "emotion: -7", 1), "utf-8")
    code, _, err = invoke("-C", str(root), "journey", "show", "journeys/first-billing-issue.yaml")
    assert code == 2
    assert "journeys/first-billing-issue.yaml has errors" in err
    assert "journeys/first-billing-issue.yaml:" in err and "-7" in err
    assert "Traceback" not in err
    code, _, err = invoke("-C", str(root), "journey", "show", "first-billing-issue")
    assert code == 2
    assert "journeys/first-billing-issue.yaml is left out: it has errors" in err


def test_export_json_writes_a_file_atomically(tmp_path: Path) -> None:
    target = tmp_path / "out" / "map.json"
    target.parent.mkdir()
    code, out, err = invoke(
        "-C", str(SHOPS), "journey", "export", "--format", "json", "-o", str(target)
    )
    assert code == 0, err
    assert out == ""
    data = json.loads(target.read_text("utf-8"))
    steps = [step for stage in data["stages"] for step in stage["steps"]]
    assert len(steps) == 11
    assert [p.name for p in target.parent.iterdir()] == ["map.json"]  # no temp file left


def test_errors_about_a_journey_never_reach_the_terminal_raw(tmp_path: Path) -> None:
    root = tmp_path / "w"
    create_workspace(root, "Test")
    path = root / "journeys" / "first-billing-issue.yaml"
    text = path.read_text("utf-8").replace("tier: proactive", 'tier: "\\e[2Jrobot"', 1)
    path.write_text(text, "utf-8")
    for name in ("journeys/first-billing-issue.yaml", "first-billing-issue"):
        code, out, err = invoke("-C", str(root), "journey", "show", name)
        assert code == 2
        assert "\x1b" not in out + err
    assert (
        "'\\x1b[2Jrobot' is not one of"
        in invoke("-C", str(root), "journey", "show", "journeys/first-billing-issue.yaml")[2]
    )
