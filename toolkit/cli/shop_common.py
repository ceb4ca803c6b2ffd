"""What the `sxt shop` commands share: reading the workspace's shops as the person at the
keyboard may see them, naming a shop or scorecard on the command line, and who that person is.
The domain is imported inside each function, so `sxt --help` stays light."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from toolkit.cli.options import InputError, resolve, workspace_root
from toolkit.core.diagnostics import plural, printable
from toolkit.core.identity import ENVIRONMENT

if TYPE_CHECKING:
    from toolkit.shop.files import ShopSet
    from toolkit.shop.model import Scorecard, Shop

F = TypeVar("F", bound=Callable[..., Any])


def scorecard_option(function: F) -> F:
    return click.option(
        "--scorecard",
        "scorecard_id",
        metavar="ID",
        help="The scorecard (checklists/ID.yaml).  [default: the workspace's, else chat-email]",
    )(function)


def load_shops(base: Path, viewer: str | None = None) -> ShopSet:
    """The workspace's shops as `viewer` may see them. A shop file with errors is left out,
    and said so on stderr, so the others still report and stdout stays parseable."""
    from toolkit.shop import files

    shops = files.load(workspace_root(base), viewer)
    for path in sorted({problem.path for problem in shops.problems}):
        click.echo(f"sxt: {path} is left out: it has errors (see `sxt validate`)", err=True)
    return shops


def scorecard_of(shops: ShopSet, scorecard_id: str | None) -> Scorecard:
    wanted = scorecard_id or shops.default_scorecard
    found = shops.scorecards.get(wanted)
    if found is None:
        from toolkit.core.suggest import did_you_mean, one_of

        known = list(shops.scorecards)
        hint = did_you_mean(wanted, known) or (
            f"; scorecards: {one_of(known)}" if known else "; there are no valid scorecards"
        )
        raise InputError(
            f"no valid scorecard {wanted!r} (checklists/{wanted}.yaml is missing, has errors "
            f"or is not a scorecard){hint}"
        )
    return found


def shop_named(shops: ShopSet, base: Path, name: str) -> Shop:
    found = shops.find(name, base)
    if found is not None:
        return found
    path = resolve(base, Path(name))
    if path.is_file() or (shops.root / "shops" / f"{name}.yaml").is_file():
        raise InputError(f"{name} has errors and cannot be scored: see `sxt validate`")
    from toolkit.core.suggest import did_you_mean

    hint = did_you_mean(Path(name).stem, [s.id for s in shops.shops])
    raise InputError(f"no shop {name!r} in shops/{hint or '; `sxt shop report` lists them'}")


def where(shops: ShopSet, shop: Shop) -> str:
    assert shop.path is not None
    return shop.path.relative_to(shops.root).as_posix()


def scorer_option(what: str) -> Callable[[F], F]:
    """--scorer: who is at the keyboard, for what they write and for what blind calibration
    lets them see."""
    return click.option(
        "--scorer",
        metavar="NAME",
        help=f"{what}  [default: ${ENVIRONMENT}, else `git config user.name`]",
    )


def identity(base: Path, given: str | None, option: str) -> str:
    """The person's name (see toolkit.core.identity), or a usage error saying how to give it."""
    from toolkit.core.identity import who

    found = who(given, option, cwd=base)
    if found is None:
        raise click.UsageError(
            f"who are you? give {option} NAME, set {ENVIRONMENT}, or set `git config user.name`"
        )
    return found.name


def viewer_of(base: Path, given: str | None) -> str | None:
    """Who is looking, for blind calibration: None (someone who submitted nothing) when
    nothing says."""
    from toolkit.core.identity import who

    found = who(given, cwd=base)
    return found.name if found else None


def blinded_note(shops: ShopSet, chosen: list[Shop]) -> None:
    """Says on stderr which shops a view leaves out while their calibration session is open."""
    hidden = [shop for shop in chosen if shop.id in shops.blinded]
    if not hidden:
        return
    sessions = sorted({shops.blinded[shop.id].id for shop in hidden})
    who_ = printable(shops.viewer) if shops.viewer else "you (no --scorer, $SXT_SCORER or git name)"
    click.echo(
        f"sxt: {plural(len(hidden), 'shop')} of open calibration session "
        f"{', '.join(sessions)} left out: {who_} "
        f"{'has' if shops.viewer else 'have'} not submitted "
        f"{'it' if len(hidden) == 1 else 'them'} (`sxt shop session status`)",
        err=True,
    )
