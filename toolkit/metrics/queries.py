"""Every SQL statement `sxt metrics` runs, in one module, so the formulas read as SQL.

The files are read as text first (every column VARCHAR, each row numbered in file order) so a
bad value becomes a finding at its row and column instead of a failed cast for the whole file;
only rows that pass every check are typed into `contacts`. The same statements run against a
warehouse once a team outgrows one machine: nothing here is Python arithmetic.

Placeholders in braces are filled only from the closed sets below (never from user input);
file names are bound as parameters.
"""

from __future__ import annotations

CHANNELS: tuple[str, ...] = ("phone", "chat", "email", "messaging", "social", "web")
"""The channels sxt knows, the same set a mystery shop can test."""

LIVE_CHANNELS: tuple[str, ...] = ("phone", "chat")
"""Channels where the customer waits on the line: the only ones handle time means work on."""

TIERS: tuple[str, ...] = ("bot", "self-service", "human")
"""Who handled a contact (`handled_by`): the conversational support funnel's tiers."""

CONTACT_COLUMNS: tuple[str, ...] = (
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
    "tags",
)
SURVEY_COLUMNS: tuple[str, ...] = ("contact_id", "answered_at", "score")
DURATIONS: tuple[str, ...] = ("talk_seconds", "hold_seconds", "acw_seconds")
TIMES: tuple[str, ...] = ("started", "ended")

TRUE_WORDS = ("true", "t", "yes", "y", "1")
FALSE_WORDS = ("false", "f", "no", "n", "0", "")

SETUP: tuple[str, ...] = (
    "SET TimeZone = 'UTC'",
    "SET enable_progress_bar = false",
)
"""Times are read as TIMESTAMPTZ in a UTC session: an offset in the file is honoured and a time
without one is taken as UTC, so a week means the same seven days on every machine. DuckDB's
progress bar would draw over a report (and into a pipe's JSON), so it is off."""

READ_CSV = """
CREATE OR REPLACE TEMP TABLE {table} AS
SELECT row_number() OVER () AS row_no, *
FROM read_csv($path, all_varchar = true, header = true,
              store_rejects = true, rejects_table = '{table}_rejected',
              rejects_scan = '{table}_scans')
"""

REJECTED = """
SELECT line, min(column_idx),
       arg_min('the row cannot be read: ' || lower(error_type) || ' (' || error_message || ')',
               column_idx)
FROM {table}_rejected GROUP BY line ORDER BY line
"""
"""Rows DuckDB refused while reading (too many or too few columns, a quote left open), each
once at the file line DuckDB reports (it lists a short row once per missing column)."""

READ_JSON_LINES = """
CREATE OR REPLACE TEMP TABLE {table} AS
SELECT row_number() OVER () AS row_no, *
FROM read_json($path, format = 'newline_delimited', columns = {{{columns}}})
"""

COLUMNS_OF = "SELECT column_name FROM (DESCRIBE {table}) WHERE column_name <> 'row_no'"


def _list(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{value}'" for value in values)


def _is_bool(column: str) -> str:
    return f"lower(trim(coalesce({column}, ''))) IN ({_list(TRUE_WORDS + FALSE_WORDS)})"


def _as_bool(column: str) -> str:
    return f"lower(trim(coalesce({column}, ''))) IN ({_list(TRUE_WORDS)})"


def _duration_checks(column: str) -> str:
    return f"""
SELECT row_no, '{column}', 'metrics/bad-number',
       '{column} is not a number of seconds: ' || {column}, NULL
FROM raw_contacts WHERE trim({column}) <> '' AND try_cast({column} AS DOUBLE) IS NULL
UNION ALL
SELECT row_no, '{column}', 'metrics/negative-duration',
       '{column} is negative: ' || {column}, NULL
FROM raw_contacts WHERE try_cast({column} AS DOUBLE) < 0"""


def _time_check(table: str, column: str) -> str:
    return f"""
SELECT row_no, '{column}', 'metrics/bad-time',
       '{column} is not a date and time: ' || coalesce({column}, '(empty)'), NULL
FROM {table} WHERE try_cast({column} AS TIMESTAMPTZ) IS NULL"""


ZONED = r"\d:\d{2}(:\d{2}(\.\d+)?)?\s*([Zz]|[+-]\d{2}(:?\d{2})?)$"
"""A time that ends in a UTC offset (`Z`, `+01:00`, `-0500`)."""


def _zone_check(column: str) -> str:
    """A time whose form (with or without a UTC offset) differs from the file's first time:
    a time without one is read as UTC, a guess that is wrong when the export's other times
    say where they were taken. Differing offsets (summer time) are fine."""
    zoned = f"regexp_matches(trim({column}), '{ZONED}')"
    return f"""
SELECT r.row_no, '{column}', 'metrics/mixed-time-zones',
       'mixed time zones: {column} ' || CASE WHEN {zoned} THEN 'has a' ELSE 'has no' END
           || ' UTC offset, the first time in the file (line {{line}}) '
           || CASE WHEN {zoned} THEN 'none' ELSE 'one' END
           || '; a time without one would be read as UTC',
       first.row_no
FROM raw_contacts r,
     (SELECT row_no, regexp_matches(trim(started), '{ZONED}') AS zoned FROM raw_contacts
      WHERE try_cast(started AS TIMESTAMPTZ) IS NOT NULL ORDER BY row_no LIMIT 1) first
WHERE try_cast({column} AS TIMESTAMPTZ) IS NOT NULL AND {zoned} <> first.zoned"""


CONTACT_CHECKS = " UNION ALL ".join(
    [
        """
SELECT row_no, 'id', 'metrics/missing-id', 'the contact has no id', NULL
FROM raw_contacts WHERE coalesce(trim(id), '') = ''""",
        """
SELECT row_no, 'id', 'metrics/duplicate-id',
       'contact id ' || id || ' is already on line {line}', first_row
FROM (SELECT row_no, id, min(row_no) OVER (PARTITION BY id) AS first_row
      FROM raw_contacts WHERE coalesce(trim(id), '') <> '')
WHERE row_no > first_row""",
        f"""
SELECT row_no, 'channel', 'metrics/unknown-channel',
       'unknown channel ' || coalesce(channel, '(empty)') || ' (known: {", ".join(CHANNELS)})', NULL
FROM raw_contacts WHERE lower(trim(coalesce(channel, ''))) NOT IN ({_list(CHANNELS)})""",
        f"""
SELECT row_no, 'handled_by', 'metrics/unknown-tier',
       'handled_by is ' || coalesce(handled_by, '(empty)')
           || ', not one of {", ".join(TIERS)}', NULL
FROM raw_contacts WHERE lower(trim(coalesce(handled_by, ''))) NOT IN ({_list(TIERS)})""",
        *(_time_check("raw_contacts", column) for column in TIMES),
        *(_zone_check(column) for column in TIMES),
        """
SELECT row_no, 'ended', 'metrics/ended-before-started',
       'ended (' || ended || ') is before started (' || started || ')', NULL
FROM raw_contacts
WHERE try_cast(ended AS TIMESTAMPTZ) < try_cast(started AS TIMESTAMPTZ)""",
        *(_duration_checks(column) for column in DURATIONS),
        *(
            f"""
SELECT row_no, '{column}', 'metrics/bad-flag',
       '{column} is ' || {column} || ', not true or false', NULL
FROM raw_contacts WHERE NOT {_is_bool(column)}"""
            for column in ("resolved", "reopened")
        ),
    ]
)
"""One row per problem: (row_no, column, code, message, ref_row), every check in one statement;
`{line}` in a message stands for the file line of ref_row, the row it is compared with."""


def _seconds(column: str) -> str:
    return f"coalesce(try_cast({column} AS DOUBLE), 0)"


TYPE_CONTACTS = f"""
CREATE OR REPLACE TEMP TABLE contacts AS
SELECT trim(id) AS id,
       lower(trim(channel)) AS channel,
       cast(started AS TIMESTAMPTZ) AS started,
       cast(ended AS TIMESTAMPTZ) AS ended,
       {_seconds("talk_seconds")} AS talk_seconds,
       {_seconds("hold_seconds")} AS hold_seconds,
       {_seconds("acw_seconds")} AS acw_seconds,
       coalesce(nullif(trim(agent), ''), '(none)') AS agent,
       coalesce(nullif(trim(team), ''), '(none)') AS team,
       lower(trim(handled_by)) AS tier,
       {_as_bool("resolved")} AS resolved,
       {_as_bool("reopened")} AS reopened,
       tags
FROM raw_contacts
WHERE row_no NOT IN (SELECT row_no FROM contact_problems)
"""
"""The rows that passed every check, typed; the rest are left out (only with --skip-bad)."""


def survey_checks(table: str, low: int, high: int) -> str:
    """Checks for a survey file whose scores run from `low` to `high`."""
    return " UNION ALL ".join(
        [
            f"""
SELECT row_no, 'score', 'metrics/bad-score',
       'score is ' || coalesce(score, '(empty)') || ', not a whole number {low} to {high}', NULL
FROM {table}
WHERE try_cast(score AS INTEGER) IS NULL OR try_cast(score AS INTEGER) NOT BETWEEN {low} AND {high}
   OR try_cast(score AS DOUBLE) <> try_cast(score AS INTEGER)""",
            _time_check(table, "answered_at"),
        ]
    )


UNKNOWN_CONTACTS = """
SELECT row_no, 'contact_id', 'metrics/unknown-contact',
       'answer left out: no contact ' || coalesce(contact_id, '(empty)')
           || ' among the contacts read (not in the file, or left out for errors)', NULL
FROM {table}
WHERE row_no NOT IN (SELECT row_no FROM {problems})
  AND coalesce(trim(contact_id), '') NOT IN (SELECT id FROM contacts)
"""
"""Answers about contacts outside the export: a warning, as exports often cover other dates."""

TYPE_SURVEY = """
CREATE OR REPLACE TEMP TABLE {name} AS
SELECT trim(contact_id) AS contact_id, cast(score AS INTEGER) AS score
FROM {table}
WHERE row_no NOT IN (SELECT row_no FROM {problems})
  AND trim(contact_id) IN (SELECT id FROM contacts)
"""

EMPTY_SURVEY = (
    "CREATE OR REPLACE TEMP TABLE {name} (contact_id VARCHAR, score INTEGER); "
    "CREATE OR REPLACE TEMP TABLE {problems} (row_no BIGINT, col VARCHAR, code VARCHAR, "
    "message VARCHAR, ref_row BIGINT)"
)

PERIODS: dict[str, str] = {
    "week": "strftime(started, '%G-W%V')",
    "month": "strftime(started, '%Y-%m')",
    "quarter": "cast(year(started) AS VARCHAR) || '-Q' || cast(quarter(started) AS VARCHAR)",
}
"""Period labels that sort in time order; a survey answer counts in its contact's period, so
CSAT sits beside the handle time of the very contacts it is about."""

GROUPS: dict[str, str] = {
    "team": "team",
    "agent": "agent",
    "channel": "channel",
    "tier": "tier",
}

FIGURES = f"""
WITH sliced AS (
    SELECT *, {{period}} AS period, {{group}} AS slice FROM contacts
),
csat_by AS (
    SELECT period, slice,
           count(*) AS csat_answers,
           count(*) FILTER (WHERE score >= 4) AS csat_satisfied,
           count(DISTINCT contact_id) AS csat_contacts
    FROM csat JOIN sliced ON csat.contact_id = sliced.id
    GROUP BY period, slice
),
nps_by AS (
    SELECT period, slice,
           count(*) AS nps_answers,
           count(*) FILTER (WHERE score >= 9) AS promoters,
           count(*) FILTER (WHERE score <= 6) AS detractors
    FROM nps JOIN sliced ON nps.contact_id = sliced.id
    GROUP BY period, slice
),
contacts_by AS (
    SELECT period, slice,
           count(*) AS contacts,
           count(*) FILTER (WHERE channel IN ({_list(LIVE_CHANNELS)})) AS live_contacts,
           sum(talk_seconds + hold_seconds + acw_seconds)
               FILTER (WHERE channel IN ({_list(LIVE_CHANNELS)})) AS live_seconds,
           count(*) FILTER (WHERE resolved AND NOT reopened) AS first_contact_resolved
    FROM sliced
    GROUP BY period, slice
)
SELECT c.period, c.slice, c.contacts, c.live_contacts, coalesce(c.live_seconds, 0),
       c.first_contact_resolved,
       coalesce(s.csat_answers, 0), coalesce(s.csat_satisfied, 0), coalesce(s.csat_contacts, 0),
       coalesce(n.nps_answers, 0), coalesce(n.promoters, 0), coalesce(n.detractors, 0)
FROM contacts_by c
LEFT JOIN csat_by s USING (period, slice)
LEFT JOIN nps_by n USING (period, slice)
ORDER BY c.slice, c.period
"""
"""The raw counts and sums per slice and period; the ratios are taken from them in compute.py
so a figure can say why it is missing (no live contacts, no answers) instead of NULL."""
