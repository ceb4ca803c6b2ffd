"""Reading a workspace's scorecards and shops, and writing shops: a new one from the command
line, one scorer's answers into an existing one, and the shops of a form export (CSV).

Reading checks every file as `sxt validate` does (schema, then references), but only what a
shop refers to is read: sxt.yaml, the scorecards under checklists/, the journeys (for
`journey_step`) and the shops. A shop file with errors is left out and reported, never
half-read. Writing never overwrites a shop and never leaves a broken file: a new shop's text
is checked against the schema before it is written, and an import writes all its shops or
none.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.core.diagnostics import Diagnostic, printable
from toolkit.shop import blind
from toolkit.shop.migrate import MigrationError, split
from toolkit.shop.model import (
    Answer,
    Criterion,
    Dispute,
    Scorecard,
    Scoring,
    Session,
    Shop,
    dispute_from,
    scorecard_from,
    scoring_from,
    session_from,
    shop_from,
)

if TYPE_CHECKING:
    from toolkit.core.reader import Workspace
    from toolkit.core.validation import Read

SHOPS = "shops"
SESSIONS = "calibration"
SCORECARDS = "checklists"
DEFAULT_SCORECARD = "chat-email"
SLUG_LENGTH = 48


@dataclass(slots=True)
class ShopSet:
    """The workspace's valid scorecards and the valid shops of them, each with its valid
    scorings and disputes; files with errors are in `problems`, one or more errors each.

    `shops` is what `viewer` may see: a shop of an open calibration session shows only the
    viewer's own scoring until they submit it (it is then in `blinded`, with its session),
    and after that every submitted scoring. `everything` holds every shop whole, for the
    commands that write or count who submitted, never for showing answers."""

    root: Path
    default_scorecard: str
    scorecards: dict[str, Scorecard] = field(default_factory=dict)
    shops: list[Shop] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    journeys: dict[str, tuple[str, ...]] = field(default_factory=dict)  # id -> step ids
    channels: tuple[str, ...] = ()  # every channel the shop schema knows
    sessions: list[Session] = field(default_factory=list)
    viewer: str | None = None
    blinded: dict[str, Session] = field(default_factory=dict)  # shop id -> its open session
    everything: dict[str, Shop] = field(default_factory=dict)

    def of(self, scorecard_id: str) -> list[Shop]:
        return [shop for shop in self.shops if shop.scorecard == scorecard_id]

    def unblinded(self, shops: Iterable[Shop]) -> list[Shop]:
        return [shop for shop in shops if shop.id not in self.blinded]

    def find(self, name: str, base: Path) -> Shop | None:
        """A shop named on the command line: a path (relative to `base`), a file name, or an
        id (the file stem), so `shops/2026-11-02-card-declined.yaml` and
        `2026-11-02-card-declined` name the same shop."""
        wanted = Path(name)
        target = (wanted if wanted.is_absolute() else base / wanted).resolve()
        stem = wanted.stem if wanted.suffix in (".yaml", ".yml") else wanted.name
        return next(
            (s for s in self.shops if s.path is not None and s.path.resolve() == target),
            next((s for s in self.shops if s.id == stem), None),
        )

    def session(self, session_id: str) -> Session | None:
        return next((s for s in self.sessions if s.id == session_id), None)


PARALLEL_FILES = 2_000
"""Below this many files to read, a second process costs more than it saves."""

CACHE = "shops"
"""The cache entry (toolkit.core.cache) of the shops as read: each shop's files, checked."""


def load(place: Path | Workspace, viewer: str | None = None, jobs: int | None = None) -> ShopSet:
    """Every shop of the workspace whose file is valid and whose scorecard is valid too, with
    its valid scoring and dispute files, as `viewer` may see them (see ShopSet).

    A shop's files (shops/<id>.yaml, and shops/<id>/ with its scorings and disputes) refer
    only to each other and to the scorecards and journeys, so each shop is read on its own:
    a shop whose files are unchanged since the last run (same size, time and inode, and the
    same scorecards, journeys and settings) is taken from the workspace's cache, and the
    others are read in parts, on `jobs` processes (default: every core) when there are many
    files. The layout has a file per scorer, and reading and checking files is most of what
    a large calibration costs. The result is the same cached or not, on any number of
    processes."""
    from toolkit.core import cache, schema
    from toolkit.core.parallel import can_fork, cores, in_forks, split
    from toolkit.core.reader import Workspace
    from toolkit.core.references import check_references
    from toolkit.core.validation import Catalog, Checked
    from toolkit.core.workspace import YAML_SUFFIXES, walk_names

    workspace = Workspace.of(place)
    root = workspace.root
    settings = workspace.settings
    cards = [c for c in workspace.folder(SCORECARDS) if c.kind == "scorecard"]
    journeys = [j for j in workspace.folder("journeys") if j.kind == "journey"]
    calibrations = workspace.folder(SESSIONS)
    found = ShopSet(
        root,
        workspace.default("scorecard", DEFAULT_SCORECARD),
        channels=tuple(schema.schema("shop")["properties"]["channel"]["enum"]),
        viewer=viewer,
    )
    catalog = Catalog([*cards, *journeys, *calibrations], settings)
    for card in cards:
        card.diagnostics += check_references(card, catalog)
        if card.valid:
            found.scorecards[card.id] = scorecard_from(card.id, card.data)
        else:
            found.problems += card.errors_as("scorecard")
    for journey in journeys:
        if journey.valid:
            found.journeys[journey.id] = tuple(
                step["id"] for stage in journey.data["stages"] for step in stage["steps"]
            )
    groups = _shop_groups(root, walk_names(root / SHOPS, YAML_SUFFIXES))
    context = _Context(root, [*cards, *journeys], settings, set(found.scorecards), workspace.check)
    key = cache.fingerprint(
        str(root),
        settings,
        [(d.path.name, d.data, d.valid) for d in context.documents],
        [schema.schema(kind) for kind in ("shop", "scoring", "dispute")],
    )
    stored: dict[str, tuple[_Signature, _Read]] = cache.read(root, CACHE, key) or {}
    signatures = {shop: _signature(paths) for shop, paths in groups.items()}
    read = {
        shop: stored[shop][1]
        for shop, signature in signatures.items()
        if shop in stored and stored[shop][0] == signature
    }
    unread = [shop for shop in groups if shop not in read]
    todo = [[Path(name) for name in groups[shop]] for shop in unread]
    jobs = cores() if jobs is None else jobs
    if jobs > 1 and sum(map(len, todo)) >= PARALLEL_FILES and can_fork():
        parts = [todo[start:end] for start, end in split(len(todo), jobs)]
        fresh = [r for part in in_forks(partial(_read_shops, context), parts, jobs) for r in part]
    else:
        fresh = _read_shops(context, todo)
    read.update(zip(unread, fresh, strict=True))
    if unread or len(stored) != len(read):
        cache.write(root, CACHE, key, {shop: (signatures[shop], read[shop]) for shop in groups})
    facts: list[Shop] = []
    shop_files: list[Checked] = []
    for group in groups:
        shops, problems, stubs = read[group]
        facts += shops
        found.problems += problems
        shop_files += [Checked(Path(path), display, "shop") for path, display in stubs]
    sessions = Catalog([*calibrations, *shop_files], settings)
    for entry in calibrations:
        entry.diagnostics += check_references(entry, sessions)
        if entry.valid and entry.kind == "calibration-session":
            found.sessions.append(session_from(entry.id, entry.data, entry.path))
        else:
            found.problems += entry.errors_as("calibration-session")
    for shop in facts:
        found.everything[shop.id] = shop
        shown, session = blind.visible(shop, found.sessions, viewer)
        if session is not None:
            found.blinded[shop.id] = session
        found.shops.append(shown)
    found.shops.sort(key=lambda shop: (shop.date, shop.id))
    return found


@dataclass(frozen=True, slots=True)
class _Context:
    """What reading a shop's files needs from the rest of the workspace."""

    root: Path
    documents: list[Any]  # the scorecards and journeys, checked
    settings: dict[str, Any]
    valid_scorecards: set[str]
    check: Read
    """How a file is read: the workspace's, so a shop read once (by `sxt validate` in the
    same run, or by the app's home screen) is not read again. Processes forked to read a
    large workspace inherit it."""


def _shop_groups(root: Path, names: list[str]) -> dict[str, list[str]]:
    """The files under shops/ by the shop they belong to (shops/<id>.yaml and everything in
    shops/<id>/), in the order they were found within each shop."""
    groups: dict[str, list[str]] = {}
    prefix = len(os.path.join(root, SHOPS, ""))
    for name in names:
        head, inside, _ = name[prefix:].partition(os.sep)
        groups.setdefault(head if inside else os.path.splitext(head)[0], []).append(name)
    return groups


_Signature = tuple[tuple[str, int, int, int], ...]
"""Each file of a shop with its modification time, size and inode: what a cached shop is
read again for when it changes (an editor's save, a checkout, a merge)."""


def _signature(names: list[str]) -> _Signature:
    stats = [(name, os.stat(name)) for name in names]
    return tuple((name, s.st_mtime_ns, s.st_size, s.st_ino) for name, s in stats)


_Read = tuple[list[Shop], list[Diagnostic], list[tuple[str, str]]]
"""One shop's valid shop (or none), its files' problems, and (path, display) of its shop
file, which calibration sessions name."""


def _read_shops(context: _Context, groups: list[list[Path]]) -> list[_Read]:
    """The shops of these groups of files, each checked as `sxt validate` checks it."""
    from toolkit.core.validation import Catalog
    from toolkit.core.workspace import display_path

    root = context.root
    entries = [[context.check(p, display_path(p, root)) for p in group] for group in groups]
    catalog = Catalog(
        [*context.documents, *(e for group in entries for e in group)], context.settings
    )
    return [_read_shop(context, catalog, group) for group in entries]


def _read_shop(context: _Context, catalog: Any, entries: list[Any]) -> _Read:
    from toolkit.core.references import check_references

    problems: list[Diagnostic] = []
    scorings: list[Scoring] = []
    disputes: list[Dispute] = []
    facts = []
    for entry in entries:
        entry.diagnostics += check_references(entry, catalog)
        if entry.kind == "scoring":
            if entry.valid:
                scorings.append(scoring_from(entry.data, entry.path))
            else:
                problems += entry.errors_as("scoring")
        elif entry.kind == "dispute":
            if entry.valid:
                shop_id = entry.path.parent.parent.name
                disputes.append(dispute_from(shop_id, entry.data, entry.path))
            else:
                problems += entry.errors_as("dispute")
        elif entry.errors_as("shop"):
            problems += entry.errors_as("shop")
        elif entry.data["scorecard"] not in context.valid_scorecards:
            problems.append(
                Diagnostic(
                    entry.display,
                    None,
                    None,
                    "error",
                    "reference",
                    f"its scorecard {entry.data['scorecard']!r} has errors",
                )
            )
        else:
            facts.append(entry)
    shops = [
        shop_from(entry.id, entry.data, entry.path, tuple(scorings), tuple(disputes))
        for entry in facts
    ]
    stubs = [(str(e.path), e.display) for e in entries if e.kind == "shop"]
    return shops, problems, stubs


# --- a new shop ------------------------------------------------------------------------------


def slug(text: str, limit: int = SLUG_LENGTH) -> str:
    """A file-name part from free text: ASCII letters and digits joined by hyphens, accents
    dropped (`Rückerstattung` -> `ruckerstattung`), cut at a word boundary; `shop` when
    nothing is left (a scenario written in Korean, say)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or (words[0][:limit] if words else "shop")


def free_path(root: Path, date: dt.date, scenario: str, taken: set[Path] | None = None) -> Path:
    """shops/<date>-<slug>.yaml, or with -2, -3... when that name is used: two shops of one
    scenario on one day (two agents) are two files, and no shop is ever overwritten."""
    taken = taken or set()
    stem = f"{date.isoformat()}-{slug(scenario)}"
    number = 1
    while True:
        name = stem if number == 1 else f"{stem}-{number}"
        path = root / SHOPS / f"{name}.yaml"
        if not path.exists() and not path.with_suffix("").exists() and path not in taken:
            return path
        number += 1


def quoted(value: str) -> str:
    """Free text as a YAML 1.2 double-quoted scalar (JSON's escaping is valid YAML), so no
    scenario or name can turn into a number, a boolean or a second key."""
    return json.dumps(value, ensure_ascii=False)


def _answer(value: Answer) -> str:
    return str(value)  # yes, partial, no, na and whole numbers are plain YAML 1.2 scalars


def shop_text(shop: Shop, scorecard: Scorecard, relative: Path) -> str:
    """The file of a shop's facts; the header says how to add the transcript and how to
    score it. Scorings go in files of their own (scoring_text)."""
    from toolkit.core.scaffold import modeline

    lines = [
        modeline(relative, "shop").rstrip("\n"),
        f"# A mystery shop, scored against {scorecard.title} ({SCORECARDS}/{scorecard.id}.yaml).",
        "# Add what the shopper saw as `transcript: |` (the text, indented below it) or",
        "# `transcript_link: https://...`. Score it in `sxt`, or with:",
        f"#   sxt shop score {relative.as_posix()} --scorer NAME",
        "# Each scorer's answers go in a file of their own, so scorers never conflict:",
        f"#   {relative.with_suffix('').as_posix()}/<scorer>.yaml",
        "sxt: 1",
        "kind: shop",
        f"scorecard: {scorecard.id}",
        f"scenario: {quoted(shop.scenario)}",
        f"channel: {shop.channel}",
        f"date: {shop.date.isoformat()}",
    ]
    for key in ("persona", "agent", "team"):
        value = getattr(shop, key)
        if value:
            lines.append(f"{key}: {quoted(value)}")
    if shop.journey_step:
        lines.append(f"journey_step: {shop.journey_step}")
    return "\n".join(lines) + "\n"


def scoring_path(root: Path, shop_id: str, scorer: str) -> Path:
    """shops/<shop id>/<scorer>.yaml: one file per scorer per shop, so that two scorers of
    one shop on two branches add two files and git merges them with no conflict."""
    return root / SHOPS / shop_id / f"{slug(scorer)}.yaml"


def scoring_text(scoring: Scoring, scorecard: Scorecard, relative: Path) -> str:
    """A new scoring file: the answers in the scorecard's order, so they read in the order
    they are scored and a diff between two scorers lines up."""
    from toolkit.core.scaffold import modeline

    lines = [
        modeline(relative, "scoring").rstrip("\n"),
        f"# {' '.join(scoring.scorer.split())}'s answers to the mystery shop "
        f"{SHOPS}/{relative.parent.name}.yaml.",
        "sxt: 1",
        "kind: scoring",
        f"scorer: {quoted(scoring.scorer)}",
    ]
    if scoring.benchmark:
        lines.append("benchmark: true")
    for key in ("date", "submitted"):
        value = getattr(scoring, key)
        if value:
            lines.append(f"{key}: {value.isoformat()}")
    lines.append("answers:" if scoring.answers else "answers: {}")
    for _, criterion in scorecard.criteria():
        if criterion.id in scoring.answers:
            value = _answer(scoring.answers[criterion.id])
            comment = scoring.comments.get(criterion.id)
            if comment:
                lines += [
                    f"  {criterion.id}:",
                    f"    answer: {value}",
                    f"    comment: {quoted(comment)}",
                ]
            else:
                lines.append(f"  {criterion.id}: {value}")
    known = {c.id for _, c in scorecard.criteria()}
    lines += [f"  {k}: {_answer(v)}" for k, v in scoring.answers.items() if k not in known]
    return "\n".join(lines) + "\n"


def checked_text(text: str, display: str, kind: str = "shop") -> str:
    """The text, once it loads and fits its kind's schema: a bug here must not become a file
    that `sxt validate` rejects."""
    from toolkit.core import schema
    from toolkit.core.loader import load_text

    problems = schema.check(load_text(text, display), kind)
    if problems:
        raise ValueError("; ".join(f"{d.location()}: {d.message}" for d in problems))
    return text


def create(root: Path, shop: Shop, scorecard: Scorecard) -> Path:
    """Writes a new shop (its scorings too, if any) under a free name; returns the path."""
    return write_shops(root, [shop], scorecard)[0]


# --- one scorer's answers ------------------------------------------------------------------


class ScoringError(Exception):
    """A scoring that cannot be written as asked; the message says what to do instead."""


def own_scoring(shop: Shop, scorer: str) -> Scoring | None:
    from toolkit.core.identity import same_person

    return next((s for s in shop.scorings if same_person(s.scorer, scorer)), None)


def legacy_problem(root: Path, shop: Shop, scoring: Scoring) -> ScoringError:
    """Why a scoring under `scores:` in the shop's own file is not changed in place: every
    new answer goes to a file of the scorer's own, and one scorer has one scoring."""
    where = shop.path.relative_to(root).as_posix() if shop.path else shop.id
    return ScoringError(
        f"{scoring.scorer}'s answers to this shop are in {where}, under `scores:` (the layout "
        "before each scoring had a file of its own): run `sxt shop migrate` first"
    )


def read_scoring(path: Path) -> Scoring:
    """A scoring file sxt has just written (so valid), read back."""
    from toolkit.core.loader import load_file

    return scoring_from(load_file(path).data, path)


def save_scoring(root: Path, shop: Shop, scoring: Scoring, scorecard: Scorecard) -> Path:
    """Writes one scorer's answers to their scoring file: a new file on their first answers;
    otherwise through the store, so comments and everything else in it stay as they were.
    Answers they no longer give are removed; once the scoring is submitted, every change is
    kept as a revision dated `scoring.date`. Returns the file's path."""
    from toolkit.core.store import edit, write_text
    from toolkit.core.yaml_edit import put
    from toolkit.shop.answers import SCORING_FILE_KEYS, set_answer, set_comment

    if not scoring.answers:
        raise ScoringError(f"{scoring.scorer} gave no answers: nothing to save")
    before = own_scoring(shop, scoring.scorer)
    if before is not None and before.path is None:
        raise legacy_problem(root, shop, before)
    if before is None:
        path = scoring_path(root, shop.id, scoring.scorer)
        if path.exists():
            raise ScoringError(
                f"{path.relative_to(root).as_posix()} exists but is not a valid scoring of "
                f"{scoring.scorer}: fix it (see `sxt validate`) or score under another name"
            )
        relative = path.relative_to(root)
        text = scoring_text(scoring, scorecard, relative)
        write_text(path, checked_text(text, relative.as_posix(), "scoring"))
        return path
    assert before.path is not None
    order = [criterion.id for _, criterion in scorecard.criteria()]
    given = [*order, *(key for key in scoring.answers if key not in order)]
    with edit(before.path) as data:
        for criterion_id in [key for key in before.answers if key not in scoring.answers]:
            set_answer(data, criterion_id, None, order=given, today=scoring.date)
        for criterion_id in given:
            if criterion_id in scoring.answers:
                set_answer(
                    data,
                    criterion_id,
                    scoring.answers[criterion_id],
                    order=given,
                    today=scoring.date,
                )
                set_comment(data, criterion_id, scoring.comments.get(criterion_id), order=given)
        if scoring.benchmark:
            put(data, "benchmark", True, SCORING_FILE_KEYS)
    return before.path


def submit(root: Path, scoring: Scoring, today: dt.date) -> Path:
    """Stamps a scoring file as submitted today: the scorer's answers are their own, given
    blind; what changes from now on is kept as a revision."""
    from toolkit.core.store import edit
    from toolkit.core.yaml_edit import put
    from toolkit.shop.answers import SCORING_FILE_KEYS

    if scoring.path is None:
        raise ScoringError(
            f"{scoring.scorer}'s answers are in the shop's file (the old layout), which counts "
            "as submitted: run `sxt shop migrate` to give them a file of their own"
        )
    if scoring.submitted is not None:
        raise ScoringError(
            f"{scoring.scorer} submitted this shop on {scoring.submitted.isoformat()} already"
        )
    with edit(scoring.path) as data:
        put(data, "submitted", today, SCORING_FILE_KEYS)
    return scoring.path


# --- the move to one file per scoring -----------------------------------------------------


def migrate(root: Path, shop: Shop, *, dry_run: bool = False) -> list[Path]:
    """Moves the scorings under `scores:` in the shop's file to files of their own (see
    toolkit.shop.migrate); returns the scoring files written, or that would be. The
    scorings are written first and the shop's file last, so a failure midway leaves the
    shop's file whole (and removes the scorings it wrote)."""

    from toolkit.core.loader import read_text
    from toolkit.core.store import write_text

    assert shop.path is not None
    display = shop.path.relative_to(root).as_posix()
    text = read_text(shop.path, display)
    migrated = split(text, display, shop.id, lambda scorer: f"{slug(scorer)}.yaml")
    if migrated is None:
        return []
    folder = shop.path.with_suffix("")
    targets = [folder / name for name, _, _ in migrated.scorings]
    for target in targets:
        if target.exists() or targets.count(target) > 1:
            raise MigrationError(
                f"{target.relative_to(root).as_posix()} would be written twice or exists "
                "already: rename one of the scorers"
            )
    if dry_run:
        return targets
    written: list[Path] = []
    try:
        for target, (_, _, scoring) in zip(targets, migrated.scorings, strict=True):
            write_text(target, scoring)
            written.append(target)
        write_text(shop.path, migrated.shop_text)
    except BaseException:
        for target in written:
            target.unlink(missing_ok=True)
        raise
    return written


# --- import from a form export -------------------------------------------------------------

REQUIRED_COLUMNS = ("date", "channel", "scenario", "scorer")
OPTIONAL_COLUMNS = ("agent", "team", "benchmark", "persona", "journey_step")
COMMENT_SUFFIX = " comment"
_TRUE = ("yes", "y", "true", "1", "x")
_FALSE = ("", "no", "n", "false", "0")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_STEP = re.compile(r"^[a-z0-9][a-z0-9-]*#[a-z0-9][a-z0-9-]*$")


@dataclass(slots=True)
class Imported:
    """What a CSV holds: the shops its good rows make (not written yet), and a diagnostic at
    `row:column` for every bad cell. `rows` counts the data rows, `bad_rows` the rows with
    an error; a header error makes every row bad."""

    shops: list[tuple[Shop, list[int]]] = field(default_factory=list)  # the shop, its rows
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rows: int = 0
    bad_rows: set[int] = field(default_factory=set)
    header_ok: bool = True


Problem = Callable[[int, int | None, str], Diagnostic]
"""Makes the diagnostic of a cell: row, column (None: the whole row), message."""


@dataclass(slots=True)
class _Row:
    number: int
    cells: dict[str, tuple[int, str]]  # column name -> (column number, stripped text)
    shop: Shop | None = None
    scoring: Scoring | None = None


def _delimiter(text: str) -> str:
    """Comma, or what the header row is split by instead: spreadsheets in many locales
    export CSV with semicolons, and some forms export tabs."""
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=header.count) if header.count(",") == 0 else ","


def _column_name(header: str) -> str:
    """A header cell as the name it stands for: fixed columns match loosely (`Journey step`,
    `journey-step`), criterion ids and their `<id> comment` columns exactly, in any case."""
    text = " ".join(header.split()).lower()
    fixed = text.replace("-", "_").replace(" ", "_")
    if fixed in REQUIRED_COLUMNS or fixed in OPTIONAL_COLUMNS:
        return fixed
    return text


def read_csv(text: str, display: str, scorecard: Scorecard, shops: ShopSet) -> Imported:
    """One row per scorer per shop: `date, channel, scenario, agent, team, scorer, benchmark`,
    then a column per criterion id (and optionally `<criterion id> comment`). Rows with the
    same date, scenario, agent and channel are one shop with several scorers. Rows and
    columns are numbered as a spreadsheet shows them: the header is row 1, the first column
    is column 1."""
    from toolkit.core.suggest import did_you_mean

    found = Imported()
    criteria = {criterion.id: criterion for _, criterion in scorecard.criteria()}
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)))
    while records and not any(cell.strip() for cell in records[-1]):
        records.pop()
    if not records:
        found.header_ok = False
        found.diagnostics.append(
            Diagnostic(display, None, None, "error", "empty", "no header row and no rows")
        )
        return found

    def problem(row: int, col: int | None, message: str) -> Diagnostic:
        return Diagnostic(display, row, col, "error", "import", message)

    known = [*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS, *criteria]
    known += [f"{c}{COMMENT_SUFFIX}" for c in criteria]
    columns: dict[str, int] = {}
    for number, header in enumerate(records[0], start=1):
        name = _column_name(header)
        if not name:
            continue
        if name in columns:
            found.diagnostics.append(
                problem(
                    1, number, f"column {name!r} appears twice (first in column {columns[name]})"
                )
            )
        elif name not in known:
            hint = did_you_mean(name, known) or (
                f"; expected {', '.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)}, a criterion id "
                f"of scorecard {scorecard.id!r} or '<criterion id> comment'"
            )
            found.diagnostics.append(problem(1, number, f"unknown column {name!r}{hint}"))
        columns.setdefault(name, number)
    for name in REQUIRED_COLUMNS:
        if name not in columns:
            found.diagnostics.append(problem(1, None, f"missing column {name!r}"))
    data_rows = [
        (number, record)
        for number, record in enumerate(records[1:], start=2)
        if any(cell.strip() for cell in record)
    ]
    found.rows = len(data_rows)
    if found.diagnostics:
        found.header_ok = False
        found.bad_rows = {number for number, _ in data_rows}
        return found

    parsed: list[_Row] = []
    for number, record in data_rows:
        errors: list[Diagnostic] = []
        if len(record) > len(records[0]):
            extra = next(
                (i for i in range(len(records[0]), len(record)) if record[i].strip()), None
            )
            if extra is not None:
                errors.append(problem(number, extra + 1, "a value beyond the last column"))
        cells = {
            name: (col, record[col - 1].strip() if col - 1 < len(record) else "")
            for name, col in columns.items()
        }
        row = _Row(number, cells)
        errors += _parse_row(row, scorecard, shops, problem)
        found.diagnostics += errors
        if errors:
            found.bad_rows.add(number)
        else:
            parsed.append(row)
    _group(parsed, shops, found, problem)
    found.diagnostics.sort(key=lambda d: (d.line or 0, d.col or 0))
    return found


def _parse_row(
    row: _Row, scorecard: Scorecard, shops: ShopSet, problem: Problem
) -> list[Diagnostic]:
    """The row as a shop and a scoring (on `row`), or the errors of its cells."""
    errors: list[Diagnostic] = []

    def cell(name: str) -> tuple[int, str]:
        return row.cells.get(name, (0, ""))

    def text(name: str, required: bool = False) -> str | None:
        col, value = cell(name)
        if not value:
            if required:
                errors.append(problem(row.number, col, f"{name}: empty, expected a value"))
            return None
        if printable(value) != value:
            errors.append(problem(row.number, col, f"{name}: control characters in the text"))
        return value

    col, value = cell("date")
    date = None
    if not _DATE.match(value):
        errors.append(problem(row.number, col, f"date: {value!r} is not a date like 2026-11-02"))
    else:
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            errors.append(problem(row.number, col, f"date: {value!r} is not a real day"))
    col, value = cell("channel")
    channel = value.lower()
    allowed = scorecard.channels or shops.channels
    if channel not in allowed:
        errors.append(
            problem(
                row.number,
                col,
                f"channel: {value!r} is not a channel of scorecard {scorecard.id!r}, "
                f"expected {_one_of(allowed)}",
            )
        )
    scenario = text("scenario", required=True)
    scorer = text("scorer", required=True)
    agent, team, persona = text("agent"), text("team"), text("persona")
    col, value = cell("journey_step")
    if value and not _journey_step_ok(value, shops):
        errors.append(problem(row.number, col, f"journey_step: {_step_problem(value, shops)}"))
    col, value = cell("benchmark")
    if value.lower() not in _TRUE + _FALSE:
        errors.append(
            problem(row.number, col, f"benchmark: {value!r}, expected yes or no (or empty)")
        )
    answers: dict[str, Answer] = {}
    comments: dict[str, str] = {}
    for _, criterion in scorecard.criteria():
        col, value = cell(criterion.id)
        comment_col, comment = cell(criterion.id + COMMENT_SUFFIX)
        if not value:
            if comment:
                errors.append(
                    problem(
                        row.number,
                        comment_col,
                        f"{criterion.id} comment: a comment without an answer",
                    )
                )
            continue
        if channel in allowed and not criterion.applies_to(channel):
            errors.append(
                problem(
                    row.number,
                    col,
                    f"{criterion.id}: only scored on {_one_of(criterion.channels)} shops, "
                    f"this one is {channel}: leave it empty",
                )
            )
            continue
        answer = parse_answer(
            value, criterion.choices(), criterion.na_allowed, numbered=criterion.type == "choice"
        )
        if isinstance(answer, str) and answer.startswith("!"):
            errors.append(problem(row.number, col, f"{criterion.id}: {value!r} {answer[1:]}"))
            continue
        answers[criterion.id] = answer
        if comment:
            comments[criterion.id] = comment
    if not errors and not answers:
        errors.append(problem(row.number, None, "no answers: every criterion is empty"))
    if errors:
        return errors
    assert date is not None and scenario is not None and scorer is not None
    row.shop = Shop(
        "",
        scorecard.id,
        scenario,
        channel,
        date,
        persona=persona,
        agent=agent,
        team=team,
        journey_step=cell("journey_step")[1] or None,
    )
    row.scoring = Scoring(
        scorer, answers, comments, benchmark=cell("benchmark")[1].lower() in _TRUE
    )
    return []


class AnswerError(ValueError):
    """Typed text that does not answer the criterion; the message says what was expected."""


def answer_to(criterion: Criterion, text: str) -> Answer:
    """The answer `text` gives `criterion` (see parse_answer), or AnswerError: what the
    command line, its option types and the terminal app's forms all call."""
    answer = parse_answer(
        text, criterion.choices(), criterion.na_allowed, numbered=criterion.type == "choice"
    )
    if isinstance(answer, str) and answer.startswith("!"):
        raise AnswerError(f"{text!r} {answer[1:]}")
    return answer


def parse_answer(
    text: str, choices: Sequence[Answer], na_allowed: bool, *, numbered: bool = False
) -> Answer:
    """An answer as people type it: `yes`/`y`, `partial`/`p`, `no`/`n`, `na`/`n/a`/`x`, or a
    whole number, checked against the criterion's answers. What does not fit comes back as a
    string starting with `!` and saying what was expected, for the caller to report.

    `numbered` is for a choice criterion, whose choices are its option ids: an option is
    typed as its id (in any case) or as its number, 1 for the first, the way the terminal
    app's digit keys pick it; an id wins over the one-letter shorthands, so an option
    called `n` stays itself."""
    word = text.strip().lower()
    if numbered and word in choices:
        return word
    word = {"y": "yes", "p": "partial", "n": "no", "n/a": "na", "x": "na"}.get(word, word)
    if word == "na":
        return "na" if na_allowed else "!is N/A, which this criterion does not allow"
    if re.fullmatch(r"[-+]?[0-9]+", word):
        number = int(word)
        if numbered:
            if 1 <= number <= len(choices):
                return choices[number - 1]
        elif number in choices:
            return number
    elif word in choices:
        return word
    if numbered:
        from toolkit.core.suggest import did_you_mean

        return (
            f"!does not answer it, expected one of {_one_of(map(str, choices))} (or its "
            f"number 1-{len(choices)})"
            + (" or na" if na_allowed else "")
            + did_you_mean(word, map(str, choices))
        )
    numbers = [c for c in choices if isinstance(c, int)]
    expected = (
        f"a whole number {numbers[0]}-{numbers[-1]}" if numbers else _one_of(map(str, choices))
    )
    return f"!does not answer it, expected {expected}" + (" or na" if na_allowed else "")


def _one_of(values: Iterable[str]) -> str:
    from toolkit.core.suggest import one_of

    return one_of(list(values))


def _journey_step_ok(value: str, shops: ShopSet) -> bool:
    journey, _, step = value.partition("#")
    return bool(_STEP.match(value)) and step in shops.journeys.get(journey, ())


def _step_problem(value: str, shops: ShopSet) -> str:
    """Why a journey step does not resolve, with the nearest real one offered."""
    from toolkit.core.suggest import did_you_mean

    if not _STEP.match(value):
        return f"{value!r} is not a journey step like first-billing-issue#agent-takes-over"
    journey, _, step = value.partition("#")
    if journey not in shops.journeys:
        return f"unknown journey {journey!r}{did_you_mean(journey, shops.journeys)}"
    return (
        f"unknown step {step!r} in journey {journey!r}{did_you_mean(step, shops.journeys[journey])}"
    )


def journey_step_problem(value: str, shops: ShopSet) -> str | None:
    """What is wrong with a `journey-id#step-id` reference, or None when it resolves."""
    return None if _journey_step_ok(value, shops) else _step_problem(value, shops)


def _key(shop: Shop) -> tuple[dt.date, str, str, str]:
    """What makes two rows (or a row and a file) the same shop."""
    return (shop.date, " ".join(shop.scenario.split()).casefold(), shop.agent or "", shop.channel)


def _group(rows: list[_Row], shops: ShopSet, found: Imported, problem: Problem) -> None:
    """Rows of one shop become one shop with several scorers, and rows of a shop that exists
    add scorers to it (its facts stay as they are). A second scoring by one scorer (in the
    file or in the workspace), a second benchmark, or a team, persona or journey step that
    differs from the shop's makes a row bad."""
    from toolkit.shop.answers import same_scorer

    existing = {_key(shop): shop for shop in shops.everything.values()}
    # key -> the shop (with its scorings so far), its rows, and the scorings the rows add
    groups: dict[tuple[dt.date, str, str, str], tuple[Shop, list[int], list[Scoring]]] = {}
    for row in rows:
        assert row.shop is not None and row.scoring is not None
        key = _key(row.shop)
        if key not in groups and key in existing:
            groups[key] = (existing[key], [], [])
        errors = []
        if key in groups:
            first, numbers, added = groups[key]
            earlier = [(f"in row {n}", s) for n, s in zip(numbers, added, strict=True)]
            if first.path is not None:
                where = first.path.relative_to(shops.root).with_suffix("").as_posix()
                earlier += [(f"in {where}", s) for s in first.scorings]
            for place, scoring in earlier:
                if same_scorer(scoring.scorer, row.scoring.scorer):
                    errors.append(
                        problem(
                            row.number,
                            row.cells["scorer"][0],
                            f"scorer: {row.scoring.scorer} scored this shop already {place}",
                        )
                    )
                if scoring.benchmark and row.scoring.benchmark:
                    errors.append(
                        problem(
                            row.number,
                            row.cells["benchmark"][0],
                            f"benchmark: {scoring.scorer} is this shop's benchmark already "
                            f"({place})",
                        )
                    )
            source = "the shop's file" if first.path is not None else f"row {numbers[0]}"
            for name in ("team", "persona", "journey_step"):
                mine, theirs = getattr(row.shop, name), getattr(first, name)
                if mine and theirs and mine != theirs:
                    errors.append(
                        problem(
                            row.number,
                            row.cells[name][0],
                            f"{name}: {mine!r} differs from {theirs!r} in {source}, the same shop",
                        )
                    )
        if errors:
            found.diagnostics += errors
            found.bad_rows.add(row.number)
            continue
        if key not in groups:
            groups[key] = (replace(row.shop, scorings=()), [], [])
        first, numbers, added = groups[key]
        if first.path is None:  # a new shop: later rows may fill what the first left empty
            filled = {n: getattr(first, n) or getattr(row.shop, n) for n in ("team", "persona")}
            step = first.journey_step or row.shop.journey_step
            first = replace(first, **filled, journey_step=step)
        groups[key] = (first, [*numbers, row.number], [*added, row.scoring])
    for shop, numbers, added in groups.values():
        found.shops.append((replace(shop, scorings=tuple(added)), numbers))


def write_shops(root: Path, shops: Sequence[Shop], scorecard: Scorecard) -> list[Path]:
    """Writes each new shop (one without a path) to a file of its own and each shop's
    scorings to theirs, every file atomically and checked against its schema first. If one
    cannot be written, the ones already written are removed again, so an import leaves all
    its files or none. Returns the files written: each new shop's, then its scorings'."""
    from toolkit.core.store import write_text

    texts: list[tuple[Path, str]] = []
    taken: set[Path] = set()
    for shop in shops:
        path = shop.path
        if path is None:
            path = free_path(root, shop.date, shop.scenario, taken)
            taken.add(path)
            relative = path.relative_to(root)
            text = shop_text(shop, scorecard, relative)
            texts.append((path, checked_text(text, relative.as_posix())))
        for scoring in shop.scorings:
            target = scoring_path(root, path.stem, scoring.scorer)
            if target.exists() or target in taken:
                raise ScoringError(
                    f"{target.relative_to(root).as_posix()} exists already: scorer names "
                    "that differ only in accents or punctuation share a file name"
                )
            taken.add(target)
            relative = target.relative_to(root)
            text = scoring_text(scoring, scorecard, relative)
            texts.append((target, checked_text(text, relative.as_posix(), "scoring")))
    written: list[Path] = []
    try:
        for path, text in texts:
            write_text(path, text)
            written.append(path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written
