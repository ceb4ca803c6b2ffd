"""Reads the exports with DuckDB, checks every row, and builds the report's figures.

The SQL is in toolkit.metrics.queries and toolkit.metrics.sources; this module runs it in
order, turns problems into Diagnostics at `file:row:column`, and hands the figures to
toolkit.metrics.context for the warnings. DuckDB is imported inside `build`, so nothing that
imports this module for its types pays for the engine.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.core.diagnostics import Diagnostic
from toolkit.core.names import Severity
from toolkit.metrics import queries, sources
from toolkit.metrics.definitions import Definitions, SurveyFile
from toolkit.metrics.figures import (
    ComplexCsat,
    Figures,
    Happiness,
    QaScore,
    TierShare,
    qa_for,
)

if TYPE_CHECKING:
    import duckdb

    from toolkit.metrics.context import ContextWarning, TargetResult

SURVEY_COLUMNS: tuple[str, ...] = ("contact_id", "answered_at", "score")
ENPS_COLUMNS: tuple[str, ...] = ("answered_at", "score")
EARLIEST = dt.datetime(1, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(9999, 12, 31, tzinfo=dt.UTC)


class MetricsInputError(ValueError):
    """A file that cannot be read at all (missing, no such column): not a finding, exit 2."""


@dataclass(frozen=True, slots=True)
class Options:
    by: str = "team"
    period: str = "month"
    start: dt.date | None = None
    end: dt.date | None = None  # inclusive
    skip_bad: bool = False


@dataclass(slots=True)
class Report:
    """Figures, or (when a file has errors and bad rows are not skipped) only the findings."""

    options: Options
    definitions: Definitions
    figures: list[Figures] | None = None
    totals: list[Figures] = field(default_factory=list)  # slice `all`, per period
    channels: list[Figures] = field(default_factory=list)  # per channel, whole range
    tiers: list[TierShare] = field(default_factory=list)
    happiness: list[Happiness] = field(default_factory=list)
    complex_csat: list[ComplexCsat] = field(default_factory=list)
    qa: list[QaScore] = field(default_factory=list)
    over_surveyed: list[tuple[str, int]] = field(default_factory=list)
    proactive: dict[str, int] = field(default_factory=dict)  # period -> contacts prevented
    warnings: list[ContextWarning] = field(default_factory=list)
    targets: list[TargetResult] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    left_out: int = 0
    files: list[str] = field(default_factory=list)

    @property
    def by(self) -> str:
        return self.options.by

    @property
    def period(self) -> str:
        return self.options.period

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def periods(self) -> list[str]:
        return [figures.period for figures in self.totals]


def build(
    definitions: Definitions,
    options: Options,
    qa: Sequence[QaScore] = (),
    cache_root: Path | None = None,
) -> Report:
    """Every row checked, then the figures, unless a file has errors and not `skip_bad`.
    `cache_root`: the workspace whose cache remembers which exports have no duplicate ids."""
    import duckdb

    report = Report(options, definitions, qa=list(qa))
    if not definitions.contacts:
        raise MetricsInputError("no contact export: give --contacts FILE or a metrics document")
    spill = tempfile.mkdtemp(prefix="sxt-metrics-")
    try:
        with duckdb.connect() as connection:
            connection.execute(queries.SETUP)
            connection.execute(f"SET temp_directory = {queries.literal(spill)}")
            _Run(connection, definitions, options, report, cache_root).run()
    except duckdb.Error as error:
        raise MetricsInputError(_first_line(error)) from error
    finally:
        shutil.rmtree(spill, ignore_errors=True)
    if report.figures is not None:
        from toolkit.metrics.context import context_warnings, target_results

        report.warnings = context_warnings(report)
        report.targets = target_results(report)
    return report


def _first_line(error: Exception) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else "unreadable"


class _Run:
    """One report's queries on one connection."""

    def __init__(
        self,
        connection: duckdb.DuckDBPyConnection,
        definitions: Definitions,
        options: Options,
        report: Report,
        cache_root: Path | None = None,
    ) -> None:
        self.db = connection
        self.cache_root = cache_root
        self.definitions = definitions
        self.options = options
        self.report = report
        self.layouts: list[sources.Layout] = []
        self.survey_columns: dict[str, list[str]] = {}  # a survey file's header, by display
        self.surveys: dict[str, _Survey] = {}  # how each survey table was made, by name
        self.bounds = {
            "start": _moment(options.start, EARLIEST),
            "end": _moment(options.end + dt.timedelta(days=1), LATEST) if options.end else LATEST,
        }

    # --- the steps ------------------------------------------------------------------------

    def run(self) -> None:
        report = self.report
        for source in self.definitions.contacts:
            self.layouts.append(self._layout(source))
            report.files.append(source.display)
        self._zendesk_names()
        for name, low, high in (("csat", 1, 5), ("nps", 0, 10)):
            report.diagnostics += self._survey(name, getattr(self.definitions, name), low, high)
        report.diagnostics += self._enps()
        self.db.execute(queries.ANSWERS)
        contacts = enumerate(self.definitions.contacts)
        duplicated = sum(self._duplicates(index, source) for index, source in contacts)
        survey_errors = len({(d.path, d.line) for d in report.errors})
        bad, rejects, mixed = self._cube(text=False)
        if bad or rejects or mixed or duplicated or survey_errors:
            found = self._locate() if bad or rejects or mixed or duplicated else []
            report.diagnostics += found
            report.left_out = survey_errors + len({(d.path, d.line) for d in found})
            if report.errors and not self.options.skip_bad:
                report.diagnostics.sort(key=_order)
                return
            if found or not survey_errors:  # read as text, the rows with nothing wrong
                self._cube(text=True)
        report.diagnostics += self._unmatched()
        report.diagnostics.sort(key=_order)
        self._figures()

    def _duplicates(self, index: int, source: sources.Source) -> int:
        """How many ids occur more than once. The scan costs a third of a report on a large
        export and its answer changes only with the file, so a file found clean is
        remembered in the workspace's cache by its path, size, times and inode (and the
        column read as its id): a leader's next report on the same export skips
        it. A file with duplicates is never remembered; it is read as text to place them."""
        from toolkit.core import cache

        ids = sources.ids(source, self.layouts[index])
        statement = _inline(queries.ID_CHECK.format(contacts=ids), source)
        root = self.cache_root
        stamp = cache.file_stamp(source.path) if root is not None else None
        key = cache.fingerprint(*stamp, ids) if stamp is not None else ""
        entry = "metrics-ids-" + cache.fingerprint(stamp[0])[:16] if stamp is not None else ""
        if root is not None and key and cache.read(root, entry, key) == 0:
            return 0
        counted = self.db.execute(statement).fetchone()
        duplicated = counted[0] if counted else 0
        if root is not None and key and not duplicated:
            cache.write(root, entry, key, 0)
        return int(duplicated)

    def _contacts(self, text: bool) -> str:
        """Every export's contacts as the cube reads them, one relation (UNION ALL BY NAME)."""
        parts = []
        for index, source in enumerate(self.definitions.contacts):
            layout = self.layouts[index]
            reading: sources.Reading = "text" if text else "typed"
            mapped = _inline(
                sources.mapped(source, layout, reading, names=True, index=index), source
            )
            window = self.definitions.fcr_window_days
            parts.append(
                sources.fast_rows(
                    mapped,
                    source=index,
                    typed=() if text else _typed_columns(source, layout),
                    present=[n for n in sources.COLUMNS if _has(source, layout, n)],
                    complex_tags=self.definitions.complex_tags,
                    proactive_tags=self.definitions.proactive_tags,
                    fcr_window_days=window if _has(source, layout, "customer") else None,
                    typed_zones={} if text else _typed_zones(source, layout),
                )
            )
        return "(" + " UNION ALL BY NAME ".join(f"SELECT * FROM {p}" for p in parts) + ")"

    def _text_rows(self) -> str:
        """Every export read as text, numbered, with each row's problems listed."""
        parts = []
        for index, source in enumerate(self.definitions.contacts):
            layout = self.layouts[index]
            mapped = _inline(
                sources.mapped(source, layout, "text", names=True, index=index), source
            )
            rows = sources.rows(
                mapped,
                source=index,
                typed=(),
                complex_tags=self.definitions.complex_tags,
                problems=True,
            )
            parts.append(rows)
        return "(" + " UNION ALL BY NAME ".join(f"SELECT * FROM {p}" for p in parts) + ")"

    def _cube(self, text: bool) -> tuple[int, int, bool]:
        """The one scan that counts every figure; returns the rows with problems, the rows
        DuckDB's reader set aside, and whether a file mixes times with and without offsets."""
        keep = (
            "NOT EXISTS (SELECT 1 FROM left_out AS l "
            "WHERE l.source = c.source AND l.row_no = c.row_no)"
            if text
            else "true"
        )
        self.db.execute(
            queries.RAW_CUBE.format(
                unit=queries.UNITS[self.options.period], contacts=self._contacts(text), keep=keep
            ),
            {name: moment.replace(tzinfo=None) for name, moment in self.bounds.items()},
        )
        names = sources.named()
        live = ", ".join(queries.literal(c) for c in self.definitions.live_channels)
        self.db.execute(
            queries.CUBE.format(period=queries.PERIODS[self.options.period], live=live, **names)
        )
        bad = self.db.execute("SELECT coalesce(sum(bad), 0) FROM cube").fetchone()
        mixed = any(
            zoned and unzoned for _, zoned, unzoned in self.db.execute(queries.ZONES).fetchall()
        )
        rejects = 0
        if not text and any(s.kind == "csv" for s in self.definitions.contacts):
            found = self.db.execute("SELECT count(*) FROM reject_errors").fetchone()
            rejects = found[0] if found else 0
        return (bad[0] if bad else 0), rejects, mixed

    def _locate(self) -> list[Diagnostic]:
        """Reads every export again as text, numbered, to place each problem at its row
        and column (a clean export never gets here); the rows are kept for --skip-bad."""
        self.db.execute(
            "CREATE OR REPLACE TEMP TABLE text_rows AS SELECT * FROM " + self._text_rows()
        )
        mixed = " UNION ALL ".join(
            queries.MIXED_ZONES.format(
                column=column,
                zoned=sources.HAS_OFFSET.format(column=f"v_{column}"),
                first=sources.HAS_OFFSET.format(column="v_started"),
            )
            for column in sources.TIMES
        )
        self.db.execute(
            f"""CREATE OR REPLACE TEMP TABLE problem_rows AS
            SELECT source, row_no, p.col AS col, p.code, p.message, NULL::BIGINT AS ref_row
            FROM (SELECT source, row_no, unnest(problems) AS p FROM text_rows WHERE bad)
            WHERE p IS NOT NULL
            UNION ALL
            SELECT source, row_no, 'id', 'metrics/duplicate-id',
                   'contact id ' || id || ' is already on line', first_row
            FROM (SELECT source, row_no, id,
                         min(row_no) OVER (PARTITION BY source, id) AS first_row
                  FROM text_rows WHERE id IS NOT NULL)
            WHERE row_no > first_row
            UNION ALL {mixed}"""
        )
        self.db.execute(
            "CREATE OR REPLACE TEMP TABLE left_out AS "
            "SELECT DISTINCT source, row_no FROM problem_rows"
        )
        found: list[Diagnostic] = []
        for index, source in enumerate(self.definitions.contacts):
            rows = self.db.execute(
                "SELECT row_no, col, code, message, ref_row FROM problem_rows "
                "WHERE source = $source ORDER BY row_no, code",
                {"source": index},
            ).fetchall()
            rejected = []
            if source.kind == "csv":
                rejected = self.db.execute(queries.REJECTED.format(index=index)).fetchall()
            found += [
                Diagnostic(source.display, line, col, "error", "metrics/bad-row", message)
                for line, col, message in rejected
            ]
            found += _place(source, self.layouts[index], rows, [r[0] for r in rejected])
        return found

    # --- reading ---------------------------------------------------------------------------

    def _layout(self, source: sources.Source) -> sources.Layout:
        """The export's columns, or an input error naming what is missing."""
        if not source.path.is_file():
            raise MetricsInputError(f"{source.display}: no such file")
        if source.path.stat().st_size == 0:
            raise MetricsInputError(f"{source.display}: the file is empty (not even a header row)")
        if source.kind in ("jsonl", "zendesk"):
            names = tuple(dict.fromkeys(source.column_of(n) for n in sources.COLUMNS))
            return sources.Layout(names, dict.fromkeys(names, "VARCHAR"))
        sniff = queries.SNIFF_PARQUET if source.kind == "parquet" else queries.SNIFF_CSV
        try:
            described = self.db.execute(sniff, {"path": str(source.path)}).fetchall()
        except Exception as error:  # a duckdb.Error: not a CSV or Parquet file at all
            raise MetricsInputError(
                f"{source.display}: cannot be read: {_first_line(error)}"
            ) from None
        layout = sources.Layout(
            tuple(row[0] for row in described), {row[0]: row[1] for row in described}
        )
        missing = [
            source.column_of(name)
            for name in sources.REQUIRED
            if not layout.has(source, name) and not (name == "channel" and source.format == "calls")
        ]
        if missing:
            raise MetricsInputError(
                f"{source.display}: no column {', '.join(missing)} "
                f"(it has {', '.join(layout.columns) or 'none'})"
            )
        return layout

    def _zendesk_names(self) -> None:
        self.db.execute(
            "CREATE OR REPLACE TEMP TABLE zendesk_names (kind VARCHAR, id VARCHAR, name VARCHAR)"
        )
        for source in self.definitions.contacts:
            if source.kind != "zendesk":
                continue
            try:
                self.db.execute(
                    "INSERT INTO zendesk_names " + _inline(queries.ZENDESK_NAMES, source)
                )
            except Exception:  # an export without side-loaded users or groups: ids it is
                continue

    def _survey_file(self, survey: SurveyFile, required: Sequence[str]) -> tuple[str, list[str]]:
        """A survey CSV as a relation (SURVEY_FILE, its `{row_no}` left to fill), and its
        columns (an input error names a missing one before the file is read)."""
        if not survey.path.is_file():
            raise MetricsInputError(f"{survey.display}: no such file")
        try:
            described = self.db.execute(queries.SNIFF_SURVEY, {"path": str(survey.path)})
            present = [row[0] for row in described.fetchall()]
        except Exception as error:
            raise MetricsInputError(
                f"{survey.display}: cannot be read: {_first_line(error)}"
            ) from None
        missing = [column for column in required if column not in present]
        if missing:
            raise MetricsInputError(
                f"{survey.display}: no column {', '.join(missing)} "
                f"(it has {', '.join(present) or 'none'})"
            )
        self.report.files.append(survey.display)
        self.survey_columns[survey.display] = present
        # Braces in the path are doubled, so only {row_no} is filled in later.
        path = queries.literal(str(survey.path)).replace("{", "{{").replace("}", "}}")
        return queries.SURVEY_FILE.replace("{path}", path), present

    def _typed(self, survey: _Survey, numbered: bool = False) -> int:
        """`survey`'s table, its bad rows left out (how many is returned); `numbered`, each
        row with its number."""
        name = survey.name + ("_numbered" if numbered else "")
        relation = survey.numbered() if numbered else survey.unnumbered()
        low, high = survey.scale
        self.db.execute(queries.typed_survey(name, relation, low, high, survey.columns))
        bad = self.db.execute(f"SELECT count(*) FROM {name} WHERE bad").fetchone()
        if not bad or not bad[0]:
            return 0
        self.db.execute(f"DELETE FROM {name} WHERE bad")
        return int(bad[0])

    def _checked(self, survey: _Survey) -> list[Diagnostic]:
        """The answers typed in one reading; only when some row is bad is the file read again,
        numbered, to say where (an export's own ratings, with no `display`, are not placed)."""
        self.surveys[survey.name] = survey
        if not self._typed(survey) or survey.display is None:
            return []
        relation = survey.numbered()
        rows = self.db.execute(
            queries.survey_checks(relation, *survey.scale) + " ORDER BY row_no"
        ).fetchall()
        return _place_csv(survey.display, self.survey_columns[survey.display], rows, "error")

    def _survey(
        self, name: str, survey: SurveyFile | None, low: int, high: int
    ) -> list[Diagnostic]:
        """A CSAT or NPS file, checked; a Zendesk export's own ratings when no CSAT file."""
        zendesk = [s for s in self.definitions.contacts if s.kind == "zendesk"]
        if survey is None and name == "csat" and zendesk:
            # Numbered already, and braces doubled, as the relation is a template.
            zendesk_csat = "(" + _inline(sources.ZENDESK_CSAT, zendesk[0]) + ")"
            relation = zendesk_csat.replace("{", "{{").replace("}", "}}")
            present = ["contact_id", "answered_at", "score", "customer"]
        elif survey is None:
            self.db.execute(queries.EMPTY_SURVEY.format(name=name))
            return []
        else:
            relation, present = self._survey_file(survey, SURVEY_COLUMNS)
        customer = "nullif(trim(customer), '')" if "customer" in present else "NULL"
        columns = {"contact_id": "trim(contact_id)", "customer": f"CAST({customer} AS VARCHAR)"}
        display = survey.display if survey else None
        return self._checked(_Survey(name, relation, (low, high), columns, display))

    def _enps(self) -> list[Diagnostic]:
        survey = self.definitions.enps
        self.enps_team = False
        if survey is None:
            self.db.execute(queries.EMPTY_SURVEY.format(name="enps"))
            return []
        relation, present = self._survey_file(survey, ENPS_COLUMNS)
        self.enps_team = "team" in present
        team = "coalesce(nullif(trim(team), ''), '(none)')" if self.enps_team else "'(none)'"
        return self._checked(_Survey("enps", relation, (0, 10), {"team": team}, survey.display))

    def _unmatched(self) -> list[Diagnostic]:
        """Answers about contacts outside the exports: a warning, as exports often cover
        other dates; looked for only when the cube matched fewer answers than there are."""
        found: list[Diagnostic] = []
        matched = dict(
            zip(("csat", "nps"), self.db.execute(queries.MATCHED).fetchone() or (0, 0), strict=True)
        )
        for name in ("csat", "nps"):
            survey = getattr(self.definitions, name)
            answers = self.db.execute(f"SELECT count(score) FROM {name}").fetchone()
            if survey is None or not answers or answers[0] <= matched[name]:
                continue
            self._typed(self.surveys[name], numbered=True)
            rows = self.db.execute(
                queries.UNMATCHED.format(
                    name=f"{name}_numbered", contacts=self._contacts(text=False)
                )
            ).fetchall()
            found += _place_csv(
                survey.display,
                self.survey_columns[survey.display],
                [
                    (
                        row[0],
                        "contact_id",
                        "metrics/unknown-contact",
                        "the answer is about a contact that is not in the contact exports, "
                        "so it is left out",
                        None,
                    )
                    for row in rows
                ],
                "warning",
            )
        return found

    # --- figures ---------------------------------------------------------------------------

    def _figures(self) -> None:
        report, options = self.report, self.options
        live = self.definitions.live_channels

        def figures(by: str) -> list[Figures]:
            rows = self.db.execute(
                queries.FIGURES.format(period="period", slice=queries.SLICES[by])
            ).fetchall()
            qa = qa_for(report.qa, by, options.period)
            made = []
            for row in rows:
                item = Figures.from_row(row, by, live)
                if (item.period, item.slice) in qa:
                    item = item.with_qa(*qa[(item.period, item.slice)])
                made.append(item)
            return made

        report.figures = figures(options.by)
        report.totals = figures("all")
        channel_rows = self.db.execute(
            queries.FIGURES.format(period="'all'", slice="channel")
        ).fetchall()
        report.channels = [Figures.from_row(row, "channel", live) for row in channel_rows]
        tiers: dict[str, TierShare] = {}
        for period, tier, contacts, timed, seconds in self.db.execute(
            queries.TIER_SHARES
        ).fetchall():
            share = tiers.setdefault(period, TierShare(period, {}, 0, 0.0))
            share.contacts[tier] = contacts
            if tier == "human":
                tiers[period] = TierShare(period, share.contacts, timed, seconds)
        report.tiers = list(tiers.values())
        report.proactive = dict(self.db.execute(queries.PROACTIVE).fetchall())
        report.complex_csat = [
            ComplexCsat(*row) for row in self.db.execute(queries.COMPLEX).fetchall()
        ]
        slice_ = "team" if options.by == "team" and self.enps_team else "'all'"
        report.happiness = [
            Happiness(*row)
            for row in self.db.execute(
                queries.ENPS.format(period=queries.PERIODS[options.period], slice=slice_),
                self.bounds,
            ).fetchall()
        ]
        if self.definitions.max_surveys:
            report.over_surveyed = [
                (str(customer), asked)
                for customer, asked, _first, _last in self.db.execute(
                    queries.OVER_SURVEYED.format(
                        days=int(self.definitions.survey_days),
                        most=int(self.definitions.max_surveys),
                    )
                ).fetchall()
            ]


@dataclass(frozen=True, slots=True)
class _Survey:
    """How a survey table is made: read again, numbered, only to place a problem."""

    name: str  # the table: csat, nps or enps
    relation: str  # the answers as text: a template whose {row_no} is filled in
    scale: tuple[int, int]
    columns: dict[str, str]  # the table's other columns, as expressions over the file's
    display: str | None  # the file, as shown; None for an export's own ratings

    def numbered(self) -> str:
        return self.relation.format(row_no=queries.NUMBERED)

    def unnumbered(self) -> str:
        return self.relation.format(row_no=queries.UNNUMBERED)


def _inline(statement: str, source: sources.Source) -> str:
    return queries.inline(statement, str(source.path), source.path.stat().st_size + 1024)


def _has(source: sources.Source, layout: sources.Layout, name: str) -> bool:
    """Whether the export has one of sxt's columns (a Zendesk export has them all, but no
    handle times; a call export is all phone calls)."""
    if source.kind == "zendesk":
        return name not in sources.DURATIONS
    return layout.has(source, name) or (name == "channel" and source.format == "calls")


def _typed_columns(source: sources.Source, layout: sources.Layout) -> tuple[str, ...]:
    """The columns the fast reading gives DuckDB's own type (a bad value is a reject)."""
    if source.kind == "csv":
        typed = [n for n in sources.NUMBERS if layout.has(source, n)]
        if source.format == "calls":
            typed = [n for n in typed if n not in sources.DURATIONS]
        return tuple(typed)
    if source.kind == "parquet":
        return tuple(
            n
            for n in sources.TYPES
            if layout.types.get(source.column_of(n), "VARCHAR") != "VARCHAR"
        )
    return ()


def _typed_zones(source: sources.Source, layout: sources.Layout) -> dict[str, bool]:
    """For each time a Parquet file types itself, whether the type carries a zone."""
    typed = _typed_columns(source, layout)
    return {
        name: "TIME ZONE" in layout.types[source.column_of(name)]
        for name in sources.TIMES
        if name in typed
    }


def _moment(day: dt.date | None, default: dt.datetime) -> dt.datetime:
    if day is None:
        return default
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _order(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return (diagnostic.path, diagnostic.line or 0, diagnostic.col or 0, diagnostic.code)


Problem = tuple[int, str, str, str, int | None]
"""(row number, sxt column, code, message, the row it refers to)"""


def csv_line(row_no: int, rejected: list[int]) -> int:
    """The file line of the `row_no`th row DuckDB kept: after the header, pushed down by one
    for every refused line at or above it (`rejected` in order)."""
    line = row_no + 1
    for refused in rejected:
        if refused <= line:
            line += 1
    return line


def _place(
    source: sources.Source,
    layout: sources.Layout,
    rows: Sequence[Problem],
    rejected: list[int],
) -> list[Diagnostic]:
    """Errors at the file's own row and column, whatever its format."""
    if not rows:
        return []
    if source.kind == "csv":
        return _place_csv(
            source.display,
            list(layout.columns),
            [(r[0], source.column_of(r[1]), *r[2:]) for r in rows],
            "error",
            rejected,
        )
    if source.kind == "parquet":
        columns = list(layout.columns)
        return [
            Diagnostic(
                source.display,
                row_no,
                _index(columns, source.column_of(column)),
                "error",
                code,
                _with_ref(message, ref),
            )
            for row_no, column, code, message, ref in rows
        ]
    wanted = {row[0] for row in rows} | {row[4] for row in rows if row[4] is not None}
    if source.kind == "zendesk":
        records = _zendesk_records(source.path, wanted)
    else:
        records = _json_records(source.path, wanted)

    def line_of(row_no: int) -> int:
        return records.get(row_no, (row_no, {}))[0]

    found = []
    for row_no, column, code, message, ref in rows:
        line, keys = records.get(row_no, (row_no, {}))
        key = (
            source.column_of(column) if source.kind == "jsonl" else _ZENDESK_KEYS.get(column, "id")
        )
        found.append(
            Diagnostic(
                source.display,
                line,
                keys.get(key, keys.get("", 1)),
                "error",
                code,
                _with_ref(message, None if ref is None else line_of(ref)),
            )
        )
    return found


_ZENDESK_KEYS = {
    "id": "id",
    "channel": "via",
    "started": "created_at",
    "ended": "metric_set",
    "agent": "assignee_id",
    "team": "group_id",
    "resolved": "status",
    "reopened": "metric_set",
}


def _with_ref(message: str, line: int | None) -> str:
    """The message with the line it refers to, where it says `{line}` or else at its end."""
    if line is None:
        return message
    return message.replace("{line}", str(line)) if "{line}" in message else f"{message} {line}"


def _index(columns: list[str], column: str) -> int:
    return columns.index(column) + 1 if column in columns else 1


def _place_csv(
    display: str,
    header: list[str],
    rows: Sequence[Problem],
    severity: Severity,
    rejected: list[int] | None = None,
) -> list[Diagnostic]:
    """In a CSV the header is line 1 and columns count from 1 in header order."""
    refused = rejected or []
    return [
        Diagnostic(
            display,
            csv_line(row_no, refused),
            _index(header, column),
            severity,
            code,
            _with_ref(message, None if ref is None else csv_line(ref, refused)),
        )
        for row_no, column, code, message, ref in rows
    ]


def _json_records(path: Path, wanted: set[int]) -> dict[int, tuple[int, dict[str, int]]]:
    """For the wanted records of a JSON Lines file (numbered as DuckDB reads them, blank lines
    skipped): the file line each is on and where each of its keys starts (1-based)."""
    found: dict[int, tuple[int, dict[str, int]]] = {}
    record = 0
    with path.open(encoding="utf-8", errors="replace") as stream:
        for line, text in enumerate(stream, start=1):
            if not text.strip():
                continue
            record += 1
            if record not in wanted:
                continue
            try:
                keys = list(json.loads(text))
            except (ValueError, TypeError):
                keys = []
            columns = {key: text.find(json.dumps(key)) + 1 for key in keys}
            found[record] = (line, {key: at for key, at in columns.items() if at > 0})
    return found


def _zendesk_records(path: Path, wanted: set[int]) -> dict[int, tuple[int, dict[str, int]]]:
    """For the wanted tickets (numbered from 1 in `tickets[]`): the line each starts on and
    the columns of its top-level keys on that line ('' is the ticket's own opening brace)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    decoder = json.JSONDecoder()
    found: dict[int, tuple[int, dict[str, int]]] = {}
    start = text.find("[", text.find('"tickets"'))
    if start < 0:
        return found
    at, number = start + 1, 0
    while number < max(wanted, default=0):
        while at < len(text) and text[at] in " \t\r\n,":
            at += 1
        if at >= len(text) or text[at] == "]":
            break
        try:
            ticket, end = decoder.raw_decode(text, at)
        except ValueError:
            break
        number += 1
        if number in wanted:
            line = text.count("\n", 0, at) + 1
            line_start = text.rfind("\n", 0, at) + 1
            keys = {"": at - line_start + 1}
            if isinstance(ticket, dict):
                body = text[at:end]
                for key in ticket:
                    offset = body.find(json.dumps(key))
                    if offset >= 0:
                        where = at + offset
                        if text.count("\n", at, where) == 0:
                            keys[key] = where - line_start + 1
            found[number] = (line, keys)
        at = end
    return found
