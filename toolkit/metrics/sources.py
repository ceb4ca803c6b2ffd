"""Contact exports as they are, mapped onto one set of columns: the SQL that reads each format.

Three formats, each a CSV, JSON Lines or Parquet file unless said otherwise:
- `contacts`: one row a contact with sxt's column names, or others declared once in the
  definitions (`columns: {id: ticket_id}`);
- `zendesk`: an incremental ticket export (`tickets[]` with `via.channel`,
  `satisfaction_rating`, `metric_set.reopens`, `reply_time_in_minutes`, ...), JSON;
- `calls`: a telephony export with talk, hold and wrap-up times as `h:mm:ss` or seconds.

Each becomes `mapped` (the export's columns renamed, as read) and then `rows` (typed, with
every check as a condition), one SQL text per reading: `typed` is the fast reading (DuckDB's
own types, a bad value set aside as a reject), `text` reads every value as text, numbered, so
a problem can be placed at its row and column.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from toolkit.metrics.queries import (
    CHANNEL_NAMES,
    HAS_OFFSET,
    READ_CSV,
    READ_CSV_TEXT,
    READ_JSON_LINES,
    READ_PARQUET,
    READ_ZENDESK,
    TIER_NAMES,
    identifier,
    literal,
    lookup,
)

Format = Literal["contacts", "zendesk", "calls"]
Reading = Literal["typed", "ids", "text"]

COLUMNS: tuple[str, ...] = (
    "id",
    "channel",
    "started",
    "ended",
    "talk_seconds",
    "hold_seconds",
    "acw_seconds",
    "agent",
    "team",
    "handled_by",
    "resolved",
    "reopened",
    "customer",
    "first_response_seconds",
    "tags",
)
"""sxt's contact columns; only `id`, `channel` and `started` are required."""

REQUIRED: tuple[str, ...] = ("id", "channel", "started")
DURATIONS: tuple[str, ...] = ("talk_seconds", "hold_seconds", "acw_seconds")
TIMES: tuple[str, ...] = ("started", "ended")
FLAGS: tuple[str, ...] = ("resolved", "reopened")
NUMBERS: tuple[str, ...] = (*DURATIONS, "first_response_seconds")

TYPES: dict[str, str] = {
    **dict.fromkeys(TIMES, "TIMESTAMPTZ"),
    **dict.fromkeys(NUMBERS, "DOUBLE"),
    **dict.fromkeys(FLAGS, "BOOLEAN"),
}
"""The fast reading's types; every other column is text."""

CALL_COLUMNS: dict[str, str] = {
    "id": "Call ID",
    "started": "Start Time",
    "ended": "End Time",
    "talk_seconds": "Talk Time",
    "hold_seconds": "Hold Time",
    "acw_seconds": "Wrap Up Time",
    "agent": "Agent",
    "team": "Team",
    "customer": "Caller",
    "resolved": "Resolved",
}
"""A call export's columns as telephony tools name them; `columns:` overrides any."""

TRUE_WORDS = ("true", "t", "yes", "y", "1")
FALSE_WORDS = ("false", "f", "no", "n", "0")


@dataclass(frozen=True, slots=True)
class Source:
    """One contact export: where it is, how it is shown in findings, and how it maps."""

    path: Path
    display: str
    format: Format = "contacts"
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """How the file is read: csv, jsonl, parquet or zendesk (JSON)."""
        if self.format == "zendesk":
            return "zendesk"
        suffix = self.path.suffix.lower()
        if suffix in (".jsonl", ".ndjson", ".json"):
            return "jsonl"
        return "parquet" if suffix == ".parquet" else "csv"

    def column_of(self, name: str) -> str:
        """The export's name for one of sxt's columns."""
        defaults = CALL_COLUMNS if self.format == "calls" else {}
        return self.columns.get(name, defaults.get(name, name))


@dataclass(frozen=True, slots=True)
class Layout:
    """What a file holds: its columns in order and their types as DuckDB reads them."""

    columns: tuple[str, ...]
    types: dict[str, str]

    def has(self, source: Source, name: str) -> bool:
        return source.column_of(name) in self.types


def relation(source: Source, layout: Layout, reading: Reading, index: int = 0) -> str:
    """The file, read one way, as an SQL relation (with `row_no` in the text reading); a CSV
    read as text sets the rows it cannot split aside in `rejected_{index}`."""
    if source.kind == "zendesk":
        return READ_ZENDESK
    if source.kind == "parquet":
        return READ_PARQUET
    if source.kind == "jsonl":
        names = [source.column_of(name) for name in COLUMNS]
        columns = "{" + ", ".join(f"{literal(n)}: 'VARCHAR'" for n in dict.fromkeys(names)) + "}"
        return READ_JSON_LINES.format(columns=columns)
    if reading == "text":
        return READ_CSV_TEXT.format(index=index)
    # Flags stay text: exports write yes/no as often as true/false, and DuckDB's BOOLEAN
    # would set `yes` aside as a bad value.
    # Times stay text too, so one scan can tell a time with a UTC offset from one without;
    # DuckDB casts them in SQL as fast as its reader would.
    fast = {k: v for k, v in TYPES.items() if k not in (*FLAGS, *TIMES)}
    wanted = fast if reading == "typed" else {}
    types = {
        source.column_of(name): wanted.get(name, "VARCHAR")
        for name in COLUMNS
        if layout.has(source, name) and (reading == "typed" or name == "id")
    }
    if source.format == "calls":  # h:mm:ss durations are parsed in SQL, not by the reader
        durations = [source.column_of(name) for name in DURATIONS]
        types.update({column: "VARCHAR" for column in durations if column in types})
    text = "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in types.items()) + "}"
    return READ_CSV.format(types=text)


def mapped(
    source: Source, layout: Layout, reading: Reading, names: bool = False, index: int = 0
) -> str:
    """SELECT of sxt's columns from the file, values as read; NULL where the export has none.
    `names`: a Zendesk export's agents and groups are looked up in `zendesk_names`."""
    if source.kind == "zendesk":
        return _zendesk(names)
    numbered = reading == "text" or source.kind in ("parquet", "jsonl")
    parts = ["row_no" if numbered else "NULL AS row_no"]
    for name in COLUMNS:
        column = source.column_of(name)
        if layout.has(source, name):
            parts.append(f"{identifier(column)} AS {name}")
        elif name == "channel" and source.format == "calls":
            parts.append("'phone' AS channel")
        else:
            parts.append(f"NULL AS {name}")
    return f"SELECT {', '.join(parts)} FROM {relation(source, layout, reading, index)}"


def _zendesk(names: bool) -> str:
    def field_(path: str) -> str:
        return f"ticket->>{literal('$.' + path)}"

    def name_of(kind: str, column: str) -> str:
        if not names:
            return field_(column)
        return (
            f"coalesce((SELECT name FROM zendesk_names WHERE kind = {literal(kind)} "
            f"AND id = {field_(column)}), {field_(column)})"
        )

    return f"""
SELECT row_no,
       {field_("id")} AS id,
       {field_("via.channel")} AS channel,
       {field_("created_at")} AS started,
       {field_("metric_set.solved_at")} AS ended,
       NULL AS talk_seconds, NULL AS hold_seconds, NULL AS acw_seconds,
       {name_of("user", "assignee_id")} AS agent,
       {name_of("group", "group_id")} AS team,
       CASE WHEN {field_("via.channel")} LIKE 'answer_bot%' THEN 'bot' ELSE 'human' END
           AS handled_by,
       CAST({field_("status")} IN ('solved', 'closed') AS VARCHAR) AS resolved,
       CAST(try_cast({field_("metric_set.reopens")} AS INTEGER) > 0 AS VARCHAR) AS reopened,
       {field_("requester_id")} AS customer,
       CAST(try_cast({field_("metric_set.reply_time_in_minutes.calendar")} AS DOUBLE) * 60
            AS VARCHAR) AS first_response_seconds,
       array_to_string(CAST(ticket->'$.tags' AS VARCHAR[]), ',') AS tags
FROM {READ_ZENDESK}"""


ZENDESK_CSAT = f"""
SELECT row_no, ticket->>'$.id' AS contact_id,
       coalesce(ticket->>'$.satisfaction_rating.updated_at', ticket->>'$.updated_at',
                ticket->>'$.created_at') AS answered_at,
       CASE WHEN ticket->>'$.satisfaction_rating.score' IN ('good', 'bad')
            THEN ticket->>'$.satisfaction_rating.score' ELSE '' END AS score,
       ticket->>'$.requester_id' AS customer
FROM {READ_ZENDESK}
WHERE ticket->>'$.satisfaction_rating.score' IN ('good', 'bad', 'offered')
"""
"""A Zendesk export carries its own CSAT: `offered` is a survey sent and not answered."""


def _text(column: str) -> str:
    return f"nullif(trim(CAST({column} AS VARCHAR)), '')"


def _duration(column: str) -> str:
    """Seconds from `123`, `2:03` (m:ss) or `0:02:03` (h:mm:ss), as exports write them."""
    text = _text(column)
    return (
        f"CASE WHEN regexp_full_match({text}, '\\d+:\\d\\d:\\d\\d(\\.\\d+)?') "
        f"THEN epoch(try_cast({text} AS INTERVAL)) "
        f"WHEN regexp_full_match({text}, '\\d+:\\d\\d(\\.\\d+)?') "
        f"THEN epoch(try_cast('00:' || {text} AS INTERVAL)) "
        f"ELSE try_cast({text} AS DOUBLE) END"
    )


def _flag(column: str) -> str:
    text = f"lower({_text(column)})"
    return (
        f"CASE WHEN {text} IN ({', '.join(map(literal, TRUE_WORDS))}) THEN true "
        f"WHEN {text} IN ({', '.join(map(literal, FALSE_WORDS))}) THEN false END"
    )


@dataclass(frozen=True, slots=True)
class Check:
    """One problem a row can have: the column it is in, its code, when, and the message."""

    column: str
    code: str
    condition: str
    message: str


def checks(typed: Sequence[str]) -> list[Check]:
    """Every row check, over the typed columns (`v_*` are the values as read, as text).
    `typed` names the columns DuckDB already read as their type: a bad value in those was
    set aside by the reader, so they need no parse check."""

    def unparsed(name: str) -> str:
        return f"v_{name} IS NOT NULL AND {name} IS NULL"

    found = [
        Check("id", "metrics/missing-id", "id IS NULL", "'the contact has no id'"),
        Check(
            "channel",
            "metrics/unknown-channel",
            "channel IS NULL",
            "'unknown channel ' || coalesce(v_channel, '(empty)')",
        ),
        Check(
            "handled_by",
            "metrics/unknown-tier",
            "tier IS NULL",
            "'handled_by is ' || v_handled_by || ', not bot, self-service or human'",
        ),
        Check(
            "started",
            "metrics/bad-time",
            "started IS NULL",
            "'started is not a date and time: ' || coalesce(v_started, '(empty)')",
        ),
        Check(
            "ended",
            "metrics/ended-before-started",
            "ended < started",
            "'ended (' || v_ended || ') is before started (' || v_started || ')'",
        ),
    ]
    if "ended" not in typed:
        found.append(
            Check(
                "ended",
                "metrics/bad-time",
                unparsed("ended"),
                "'ended is not a date and time: ' || v_ended",
            )
        )
    for name in NUMBERS:
        if name not in typed:
            found.append(
                Check(
                    name,
                    "metrics/bad-number",
                    unparsed(name),
                    f"'{name} is not a number of seconds: ' || v_{name}",
                )
            )
        found.append(
            Check(
                name,
                "metrics/negative-duration",
                f"{name} < 0",
                f"'{name} is negative: ' || v_{name}",
            )
        )
    for name in FLAGS:
        if name not in typed:
            found.append(
                Check(
                    name,
                    "metrics/bad-flag",
                    unparsed(name),
                    f"'{name} is ' || v_{name} || ', not true or false'",
                )
            )
    return found


def rows(
    mapped_sql: str,
    *,
    source: int,
    typed: Sequence[str],
    complex_tags: Sequence[str],
    problems: bool,
) -> str:
    """Typed contacts with `bad` (any check fails) and, when `problems`, a list with each
    check's {col, code, message} where it fails, NULL where it passes."""
    found = checks(typed)
    wanted = (
        COLUMNS if problems else [name for name in (*TIMES, *NUMBERS, *FLAGS) if name not in typed]
    )
    raw = "".join(f", {_text(name)} AS v_{name}" for name in wanted)
    problem_list = (
        ", ["
        + ", ".join(
            f"CASE WHEN {check.condition} THEN {{'col': {literal(check.column)}, "
            f"'code': {literal(check.code)}, 'message': {check.message}}} END"
            for check in found
        )
        + "] AS problems"
        if problems
        else ""
    )
    bad = " OR ".join(f"coalesce({check.condition}, false)" for check in found)

    def value(name: str) -> str:
        """A column as its type: as read where DuckDB typed it, else parsed from text."""
        if name in typed:
            return f"CAST({name} AS {TYPES[name]})"
        if name in TIMES:
            return f"try_cast({name} AS TIMESTAMPTZ)"
        return _duration(name) if name in NUMBERS else _flag(name)

    return f"""
(SELECT *, {bad} AS bad{problem_list}
 FROM (SELECT {source} AS source, row_no,
              {_text("id")} AS id,
              {lookup(CHANNEL_NAMES, "channel")} AS channel,
              {", ".join(f"{value(name)} AS {name}" for name in (*TIMES, *NUMBERS, *FLAGS))},
              coalesce({_text("agent")}, '(none)') AS agent,
              coalesce({_text("team")}, '(none)') AS team,
              coalesce({lookup(TIER_NAMES, "handled_by")},
                       CASE WHEN {_text("handled_by")} IS NULL THEN 'human' END) AS tier,
              {_text("customer")} AS customer,
              {_complex(complex_tags)} AS complex
              {raw}
       FROM ({mapped_sql}))
)"""


def _complex(tags: Sequence[str]) -> str:
    """Whether a contact's tags (comma, semicolon or pipe separated) hold a complex tag; a
    plain `contains` first, so most contacts never meet the regular expression."""
    if not tags:
        return "false"
    names = "|".join(re.escape(tag.lower()) for tag in tags)
    text = "lower(CAST(tags AS VARCHAR))"
    maybe = " OR ".join(f"contains({text}, {literal(tag.lower())})" for tag in tags)
    return (
        f"coalesce(({maybe}) AND regexp_matches({text}, "
        f"{literal(f'(^|[,;|])[ ]*({names})[ ]*([,;|]|$)')}), false)"
    )


def _utc(text: str) -> str:
    """A time as UTC, TIMESTAMP: one written with an offset or a zone name is cast through
    TIMESTAMPTZ, which honours it; one without (most exports) is cast as TIMESTAMP, three
    times faster, as TIMESTAMPTZ goes through ICU's calendar even in a UTC session."""
    offset = HAS_OFFSET.format(column=text)
    return (
        f"CASE WHEN {offset} OR NOT (right({text}, 1) BETWEEN '0' AND '9') "
        f"THEN CAST(try_cast({text} AS TIMESTAMPTZ) AS TIMESTAMP) "
        f"ELSE try_cast({text} AS TIMESTAMP) END"
    )


def zoned(column: str) -> str:
    """Whether a time (as text) is written with a UTC offset; NULL when there is none."""
    return f"CASE WHEN {column} IS NOT NULL THEN {HAS_OFFSET.format(column=column)} END"


def ids(source: Source, layout: Layout) -> str:
    """The ids alone: all the duplicate check reads."""
    return f"(SELECT {_text('id')} AS id FROM ({mapped(source, layout, 'ids')}))"


def fast_rows(
    mapped_sql: str,
    *,
    source: int,
    typed: Sequence[str],
    present: Sequence[str],
    complex_tags: Sequence[str],
    proactive_tags: Sequence[str],
    fcr_window_days: int | None,
    typed_zones: Mapping[str, bool] | None = None,
) -> str:
    """One row a contact with the least work a row can cost, for the cube: numbers and times
    typed, the checks that need the row itself (no id, a value that does not parse, a
    negative duration, ended before started) as `bad`, whether each time has a UTC offset;
    team, agent, channel, tier and flags stay as written, to be named once per group. A
    column the export does not have is a constant NULL, with no check and no parsing.
    `typed_zones`: for a time the file itself types (Parquet's TIMESTAMP), whether its type
    carries a zone; every value then has the same form, told once, not read as text per row."""
    zones = dict(typed_zones or {})
    absent = [name for name in (*NUMBERS, "ended") if name not in present]
    found = [
        check
        for check in checks(typed)
        if check.code not in ("metrics/unknown-channel", "metrics/unknown-tier")
        and check.code != "metrics/bad-flag"
        and check.column not in absent
    ]
    bad = " OR ".join(f"coalesce({check.condition}, false)" for check in found)
    parsed = [name for name in (*NUMBERS, *TIMES) if name not in typed and name not in absent]

    def value(name: str) -> str:
        kind = "TIMESTAMP" if name in TIMES else TYPES[name]  # times: UTC, as _utc says
        if name in absent:
            return f"NULL::{kind}"
        if name in typed:
            return f"CAST({name} AS {kind})"
        if name in TIMES:
            return _utc(f"CAST({name} AS VARCHAR)")
        return _duration(name)

    came_back = (
        f"CASE WHEN customer IS NULL THEN NULL ELSE coalesce(lead(started) OVER "
        f"(PARTITION BY customer ORDER BY started) "
        f"<= started + INTERVAL ({int(fcr_window_days)}) DAY, false) END"
        if fcr_window_days
        else "NULL::BOOLEAN"
    )
    as_text = dict.fromkeys([*parsed, *(t for t in TIMES if t not in absent and t not in zones)])
    raw = "".join(f", CAST({name} AS VARCHAR) AS v_{name}" for name in as_text)

    def zone(name: str) -> str:
        if name in absent:
            return "NULL::BOOLEAN"
        if name in zones:
            return f"CASE WHEN {name} IS NOT NULL THEN {str(zones[name]).lower()} END"
        return zoned(f"CAST({name} AS VARCHAR)")  # the same text as _utc's, worked out once

    return f"""
(SELECT source, row_no, id, started, first_response_seconds, team, agent, channel, handled_by,
        resolved, reopened, complex, proactive, {came_back} AS came_back,
        CASE WHEN talk_seconds IS NULL AND hold_seconds IS NULL AND acw_seconds IS NULL
             THEN NULL
             ELSE coalesce(talk_seconds, 0) + coalesce(hold_seconds, 0)
                  + coalesce(acw_seconds, 0) END AS handle_seconds,
        {bad} AS bad, started_zoned, ended_zoned
 FROM (SELECT {source} AS source, row_no, nullif(CAST(id AS VARCHAR), '') AS id,
              {", ".join(f"{value(name)} AS {name}" for name in (*TIMES, *NUMBERS))},
              {zone("started")} AS started_zoned, {zone("ended")} AS ended_zoned,
              CAST(team AS VARCHAR) AS team, CAST(agent AS VARCHAR) AS agent,
              CAST(channel AS VARCHAR) AS channel, CAST(handled_by AS VARCHAR) AS handled_by,
              CAST(resolved AS VARCHAR) AS resolved, CAST(reopened AS VARCHAR) AS reopened,
              {_text("customer")} AS customer, {_complex(complex_tags)} AS complex,
              {_complex(proactive_tags)} AS proactive{raw}
       FROM ({mapped_sql})))"""


def named() -> dict[str, str]:
    """sxt's names for a raw cube's written values, once per group rather than per row."""
    return {
        "team": f"coalesce({_text('team')}, '(none)')",
        "agent": f"coalesce({_text('agent')}, '(none)')",
        "channel": lookup(CHANNEL_NAMES, "channel"),
        "tier": f"coalesce({lookup(TIER_NAMES, 'handled_by')}, "
        f"CASE WHEN {_text('handled_by')} IS NULL THEN 'human' END)",
        "resolved": _flag("resolved"),
        "reopened": _flag("reopened"),
        "unknown": f"({lookup(CHANNEL_NAMES, 'channel')} IS NULL "
        f"OR coalesce({lookup(TIER_NAMES, 'handled_by')}, "
        f"CASE WHEN {_text('handled_by')} IS NULL THEN 'human' END) IS NULL "
        f"OR ({_text('resolved')} IS NOT NULL AND {_flag('resolved')} IS NULL) "
        f"OR ({_text('reopened')} IS NOT NULL AND {_flag('reopened')} IS NULL))",
    }
