"""Contact and survey figures, each read beside the figures that explain it.

DuckDB does the reading and the counting (toolkit.metrics.queries); this module turns the counts
into figures that say why they are missing, finds bad rows as Diagnostics at `file:row:col`, and
raises the context warnings the brief asks for. DuckDB is imported inside `report`, so nothing
that imports this module for its types pays for the engine.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toolkit.core.diagnostics import Diagnostic
from toolkit.core.names import Severity
from toolkit.metrics import queries

if TYPE_CHECKING:
    import duckdb

AHT_DROP_PERCENT = 5.0
CSAT_DROP_POINTS = 2.0
"""The least fall in AHT (percent) and CSAT (points) between two periods that warns: smaller
moves are noise at a team's volumes. Fixed until a `kind: metrics` document sets them."""


class MetricsInputError(ValueError):
    """A file that cannot be read at all (missing, no such column): not a finding, exit 2."""


@dataclass(frozen=True, slots=True)
class Figures:
    """One slice (a team, agent, channel or tier) in one period: the counts and the figures
    taken from them. A figure is None when it cannot be computed, and `aht_note` says why for
    AHT, so a reader never mistakes 'not applicable' for zero."""

    period: str
    slice: str
    contacts: int
    live_contacts: int
    live_seconds: float
    first_contact_resolved: int
    csat_answers: int
    csat_satisfied: int
    csat_contacts: int
    nps_answers: int
    promoters: int
    detractors: int
    by: str

    @property
    def aht_seconds(self) -> float | None:
        """AHT = (talk + hold + after-contact work) / contacts, phone and chat only."""
        if self.by == "channel" and self.slice not in queries.LIVE_CHANNELS:
            return None
        return self.live_seconds / self.live_contacts if self.live_contacts else None

    @property
    def aht_note(self) -> str | None:
        """Why AHT is not applicable here, or None when it is."""
        if self.by == "channel" and self.slice not in queries.LIVE_CHANNELS:
            return (
                f"{self.slice} is not a live channel, so its handle time counts the "
                "customer's waiting as well as the agent's work"
            )
        if not self.live_contacts:
            return "no phone or chat contacts in this slice"
        return None

    @property
    def csat_percent(self) -> float | None:
        """CSAT = answers of 4 or 5 / all answers, as a percentage."""
        return 100 * self.csat_satisfied / self.csat_answers if self.csat_answers else None

    @property
    def response_rate_percent(self) -> float:
        """Contacts with at least one CSAT answer / contacts, as a percentage."""
        return 100 * self.csat_contacts / self.contacts if self.contacts else 0.0

    @property
    def nps(self) -> float | None:
        """NPS = % promoters (9-10) - % detractors (0-6)."""
        if not self.nps_answers:
            return None
        return 100 * (self.promoters - self.detractors) / self.nps_answers

    @property
    def fcr_percent(self) -> float:
        """FCR = contacts resolved and not reopened / contacts, as a percentage."""
        return 100 * self.first_contact_resolved / self.contacts if self.contacts else 0.0

    def as_dict(self) -> dict[str, Any]:
        """AHT and CSAT in one object, so no script reads one without the other in reach."""
        return {
            "period": self.period,
            self.by: self.slice,
            "contacts": self.contacts,
            "aht": {
                "seconds": _round(self.aht_seconds),
                "live_contacts": self.live_contacts,
                "not_applicable": self.aht_note,
            },
            "csat": {
                "percent": _round(self.csat_percent),
                "answers": self.csat_answers,
                "response_rate_percent": _round(self.response_rate_percent),
            },
            "nps": {
                "score": _round(self.nps),
                "answers": self.nps_answers,
                "promoters": self.promoters,
                "detractors": self.detractors,
            },
            "fcr": {"percent": _round(self.fcr_percent), "resolved": self.first_contact_resolved},
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


@dataclass(frozen=True, slots=True)
class ContextWarning:
    """A figure that misleads when read alone, with the figures that explain it."""

    slice: str
    period: str
    previous: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {
            "slice": self.slice,
            "period": self.period,
            "previous": self.previous,
            "message": self.message,
        }


@dataclass(slots=True)
class Report:
    """Figures, or (when a file has errors and bad rows are not skipped) only the findings."""

    by: str
    period: str
    figures: list[Figures] | None = None
    warnings: list[ContextWarning] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    left_out: int = 0
    files: int = 1

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def report(
    contacts: Path,
    *,
    csat: Path | None = None,
    nps: Path | None = None,
    by: str = "team",
    period: str = "month",
    skip_bad: bool = False,
    display: dict[Path, str] | None = None,
) -> Report:
    """Reads the files, checks every row, and computes the figures unless a file has errors
    (or `skip_bad`, which leaves the bad rows out and lists them). `display` maps each path to
    the name findings show, as the user typed it."""
    import duckdb

    names = display or {}
    result = Report(by=by, period=period, files=1 + (csat is not None) + (nps is not None))
    with duckdb.connect() as connection:
        for statement in queries.SETUP:
            connection.execute(statement)
        source = _read(connection, contacts, names, "raw_contacts", queries.CONTACT_COLUMNS)
        connection.execute("CREATE TEMP TABLE contact_problems AS " + queries.CONTACT_CHECKS)
        result.diagnostics += source.rejected
        result.diagnostics += _findings(connection, source, "contact_problems", "error")
        connection.execute(queries.TYPE_CONTACTS)
        for name, path, low, high in (("csat", csat, 1, 5), ("nps", nps, 0, 10)):
            result.diagnostics += _survey(connection, name, path, low, high, names)
        result.diagnostics.sort(key=lambda d: (d.path, d.line or 0, d.col or 0, d.code))
        result.left_out = len({(d.path, d.line) for d in result.errors})
        if result.errors and not skip_bad:
            return result
        rows = connection.execute(
            queries.FIGURES.format(period=queries.PERIODS[period], group=queries.GROUPS[by])
        ).fetchall()
    result.figures = [Figures(*row, by=by) for row in rows]
    result.warnings = context_warnings(result.figures)
    return result


@dataclass(frozen=True, slots=True)
class _Source:
    """A file as read into `table`: what findings call it, and the CSV lines DuckDB refused
    (a row with too many or too few columns), which shift the file lines of the rows after."""

    path: Path
    shown: str
    table: str
    rejected: list[Diagnostic]

    @property
    def json_lines(self) -> bool:
        return _is_json_lines(self.path)


def _survey(
    connection: duckdb.DuckDBPyConnection,
    name: str,
    path: Path | None,
    low: int,
    high: int,
    names: dict[Path, str],
) -> list[Diagnostic]:
    problems = f"{name}_problems"
    if path is None:
        connection.execute(queries.EMPTY_SURVEY.format(name=name, problems=problems))
        return []
    source = _read(connection, path, names, f"raw_{name}", queries.SURVEY_COLUMNS)
    connection.execute(
        f"CREATE TEMP TABLE {problems} AS " + queries.survey_checks(source.table, low, high)
    )
    found = source.rejected + _findings(connection, source, problems, "error")
    unknown = connection.execute(
        queries.UNKNOWN_CONTACTS.format(table=source.table, problems=problems)
    ).fetchall()
    found += _diagnostics(connection, source, unknown, "warning")
    connection.execute(queries.TYPE_SURVEY.format(name=name, table=source.table, problems=problems))
    return found


def _read(
    connection: duckdb.DuckDBPyConnection,
    path: Path,
    names: dict[Path, str],
    table: str,
    required: tuple[str, ...],
) -> _Source:
    """Every column as text, each row numbered in file order; a CSV row DuckDB cannot split
    into the header's columns is a finding at its line; a missing file or column, or JSON
    that does not parse, is an input error told in one line."""
    import duckdb

    shown = names.get(path, str(path))
    if not path.is_file():
        raise MetricsInputError(f"{shown}: no such file")
    if path.stat().st_size == 0:
        raise MetricsInputError(f"{shown}: the file is empty (not even a header row)")
    try:
        if _is_json_lines(path):
            columns = ", ".join(f"'{column}': 'VARCHAR'" for column in required)
            statement = queries.READ_JSON_LINES.format(table=table, columns=columns)
        else:
            statement = queries.READ_CSV.format(table=table)
        connection.execute(statement, {"path": str(path)})
        rejected = (
            []
            if _is_json_lines(path)
            else connection.execute(queries.REJECTED.format(table=table)).fetchall()
        )
    except duckdb.Error as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else "unreadable"
        raise MetricsInputError(f"{shown}: cannot be read: {first_line}") from None
    present = _columns(connection, table)
    missing = [column for column in required if column not in present]
    if missing:
        raise MetricsInputError(
            f"{shown}: no column {', '.join(missing)} (it has {', '.join(present) or 'none'})"
        )
    return _Source(
        path,
        shown,
        table,
        [
            Diagnostic(shown, line, col, "error", "metrics/bad-row", message)
            for line, col, message in rejected
        ],
    )


def _columns(connection: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """The file's columns in its own order, as read."""
    return [row[0] for row in connection.execute(queries.COLUMNS_OF.format(table=table)).fetchall()]


def _is_json_lines(path: Path) -> bool:
    return path.suffix.lower() in (".jsonl", ".ndjson", ".json")


def _findings(
    connection: duckdb.DuckDBPyConnection, source: _Source, problems: str, severity: Severity
) -> list[Diagnostic]:
    rows = connection.execute(f"SELECT * FROM {problems}").fetchall()
    return _diagnostics(connection, source, rows, severity)


def csv_line(row_no: int, rejected: list[int]) -> int:
    """The file line of the `row_no`th row DuckDB kept: after the header, pushed down by one
    for every refused line at or above it (`rejected` in order)."""
    line = row_no + 1
    for refused in rejected:
        if refused <= line:
            line += 1
    return line


def _diagnostics(
    connection: duckdb.DuckDBPyConnection,
    source: _Source,
    rows: list[tuple[Any, ...]],
    severity: Severity,
) -> list[Diagnostic]:
    """Findings at the file's own row and column: in a CSV the header is line 1 and columns
    count from 1 in header order; in JSON Lines the line is the record's and the column is
    where its key starts (1 when the key is absent)."""
    if not rows:
        return []
    header = _columns(connection, source.table)
    wanted = {row[0] for row in rows} | {row[4] for row in rows if row[4] is not None}
    records = _records(source.path, wanted) if source.json_lines else {}
    rejected = sorted({d.line for d in source.rejected if d.line is not None})

    def line_of(row_no: int) -> int:
        if source.json_lines:
            return records.get(row_no, (row_no, {}))[0]
        return csv_line(row_no, rejected)

    found = []
    for row_no, column, code, message, ref_row in rows:
        if source.json_lines:
            col = records.get(row_no, (row_no, {}))[1].get(column, 1)
        else:
            col = header.index(column) + 1
        text = message if ref_row is None else message.replace("{line}", str(line_of(ref_row)))
        found.append(Diagnostic(source.shown, line_of(row_no), col, severity, code, text))
    return found


def _records(path: Path, wanted: set[int]) -> dict[int, tuple[int, dict[str, int]]]:
    """For the wanted records of a JSON Lines file (numbered as DuckDB reads them, blank lines
    skipped): the file line each is on and where each of its keys starts (1-based characters).
    Read only when a record has a finding, so a clean file is never read twice."""
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


def context_warnings(figures: list[Figures]) -> list[ContextWarning]:
    """'AHT fell X% while CSAT fell Y points': speed bought with satisfaction, between each
    slice's consecutive periods (the periods present in the data, in order)."""
    warnings = []
    for before, after in itertools.pairwise(figures):
        if before.slice != after.slice:
            continue
        aht_before, aht_after = before.aht_seconds, after.aht_seconds
        csat_before, csat_after = before.csat_percent, after.csat_percent
        if None in (aht_before, aht_after, csat_before, csat_after) or not aht_before:
            continue
        assert aht_after is not None and csat_before is not None and csat_after is not None
        aht_fall = 100 * (aht_before - aht_after) / aht_before
        csat_fall = csat_before - csat_after
        if aht_fall >= AHT_DROP_PERCENT and csat_fall >= CSAT_DROP_POINTS:
            warnings.append(
                ContextWarning(
                    after.slice,
                    after.period,
                    before.period,
                    f"AHT fell {aht_fall:.0f}% while CSAT fell {csat_fall:.0f} points "
                    f"({before.period} to {after.period}): speed bought with satisfaction?",
                )
            )
    return warnings
