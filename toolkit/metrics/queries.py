"""Every SQL statement `sxt metrics` runs, in one module, so the formulas read as SQL.

The work is two scans of each contact export, whatever its size:

1. `ID_CHECK`: duplicate ids (grouped by a hash of the id, so ten million ids cost one integer
   aggregate) and whether times carry a UTC offset, counted.
2. `CUBE`: every figure's counts and sums, grouped by period, team, agent, channel, tier and
   whether the contact is complex, with each contact's survey answers joined on. Every report,
   trend and warning is a roll-up of that small table (`FIGURES`, `TIERS`, `COMPLEX`, ...).

Only when a scan finds a problem is a file read again, as text with row numbers, to say at
which row and column each problem is (`PROBLEMS`): a clean export is never read a third time.
Nothing here is Python arithmetic, so the same statements can run against a warehouse once a
team outgrows one machine.

Placeholders in braces are filled only from the closed sets in this package (never from user
input); file names and user values are bound as parameters or quoted by `literal`.
"""

from __future__ import annotations

CHANNELS: tuple[str, ...] = ("phone", "chat", "email", "messaging", "social", "web")
"""The channels sxt knows, the same set a mystery shop can test."""

LIVE_CHANNELS: tuple[str, ...] = ("phone", "chat")
"""Channels where the customer waits on the line: the only ones handle time means work on."""

TIERS: tuple[str, ...] = ("bot", "self-service", "human")
"""Who handled a contact: the conversational support funnel's tiers."""

CHANNEL_NAMES: dict[str, str] = {
    **{name: name for name in CHANNELS},
    "voice": "phone",
    "call": "phone",
    "telephone": "phone",
    "live chat": "chat",
    "chat_transcript": "chat",
    "e-mail": "email",
    "mail": "email",
    "sms": "messaging",
    "whatsapp": "messaging",
    "native_messaging": "messaging",
    "mobile_sdk": "messaging",
    "twitter": "social",
    "facebook": "social",
    "instagram": "social",
    "web form": "web",
    "web_widget": "web",
    "help_center": "web",
}
"""What exports call a channel, as sxt names it (Zendesk's `via.channel` values among them)."""

TIER_NAMES: dict[str, str] = {
    **{name: name for name in TIERS},
    "agent": "human",
    "person": "human",
    "chatbot": "bot",
    "virtual agent": "bot",
    "answer_bot": "bot",
    "self service": "self-service",
    "selfservice": "self-service",
    "help center": "self-service",
    "knowledge base": "self-service",
}

SETUP = """
SET TimeZone = 'UTC';
SET memory_limit = '600MB';
SET preserve_insertion_order = true;
SET enable_progress_bar = false;
"""
"""Times in a UTC session: an offset in the file is honoured and a time without one is read as
UTC, so a week means the same seven days on every machine. The memory limit keeps ten million
contacts under a gigabyte; DuckDB spills to `temp_directory` (set per run) beyond it. Its
progress bar would draw over a report (and into a pipe's JSON), so it is off."""


def literal(text: str) -> str:
    """A user's text (a tag, a column name) as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def identifier(name: str) -> str:
    """A column name from a user's export, quoted for SQL."""
    return '"' + name.replace('"', '""') + '"'


def text_list(values: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(literal(value) for value in values) + "]"


def lookup(mapping: dict[str, str], expression: str) -> str:
    """`expression` looked up in `mapping` (lower-cased and trimmed), NULL when unknown."""
    key = f"lower(trim(CAST({expression} AS VARCHAR)))"
    cases = " ".join(f"WHEN {literal(k)} THEN {literal(v)}" for k, v in mapping.items())
    return f"CASE {key} {cases} END"


# --- reading ------------------------------------------------------------------------------

SNIFF_CSV = """
DESCRIBE SELECT * FROM read_csv($path, header = true, all_varchar = true, ignore_errors = true)
"""
"""The header alone: which columns a CSV has, before it is read for real."""

READ_CSV = "read_csv($path, header = true, types = {types}, store_rejects = true)"
"""Typed, the fast way; a value that does not fit its type is set aside in `reject_errors`
(and the file then read again as text to place every problem)."""

READ_CSV_TEXT = (
    "(SELECT row_number() OVER () AS row_no, * "
    "FROM read_csv($path, header = true, all_varchar = true, store_rejects = true, "
    "rejects_table = 'rejected_{index}', rejects_scan = 'scans_{index}'))"
)
"""Every column as text, each row numbered in the order DuckDB kept them; a row it cannot
split into the header's columns is set aside in `rejected_{index}` (and its line found from
there, see compute.csv_line)."""

REJECTED = """
SELECT line, min(column_idx),
       arg_min('the row cannot be read: ' || lower(error_type) || ' (' || error_message || ')',
               column_idx)
FROM rejected_{index} GROUP BY line ORDER BY line
"""
"""Rows DuckDB refused while reading (too many or too few columns, a quote left open), each
once at the file line DuckDB reports (it lists a short row once per missing column)."""

READ_JSON_LINES = (
    "(SELECT row_number() OVER () AS row_no, * "
    "FROM read_json($path, format = 'newline_delimited', columns = {columns}))"
)

READ_PARQUET = (
    "(SELECT file_row_number + 1 AS row_no, * FROM read_parquet($path, file_row_number = true))"
)

SNIFF_PARQUET = "DESCRIBE SELECT * FROM read_parquet($path)"

ZENDESK_FILE = (
    "read_json($path, columns = {'tickets': 'JSON[]', 'users': 'JSON[]', 'groups': 'JSON[]'}, "
    "maximum_object_size = {size})"
)
"""The whole export is one JSON object: `size` is the file's, so DuckDB takes it as one."""

READ_ZENDESK = f"""
(SELECT row_number() OVER () AS row_no, ticket
 FROM (SELECT unnest(tickets) AS ticket FROM {ZENDESK_FILE}))
"""
"""A Zendesk incremental ticket export (`tickets[]`, each with its `metric_set` when exported
with `include=metric_sets`): one row a ticket as JSON, numbered in the order of the array."""

ZENDESK_NAMES = f"""
SELECT 'user' AS kind, item->>'$.id' AS id, item->>'$.name' AS name
FROM (SELECT unnest(users) AS item FROM {ZENDESK_FILE})
UNION ALL
SELECT 'group', item->>'$.id', item->>'$.name'
FROM (SELECT unnest(groups) AS item FROM {ZENDESK_FILE})
"""
"""Names of agents and groups, from the `users` and `groups` an export side-loads."""


def inline(statement: str, path: str, size: int) -> str:
    """A statement that reads several files at once names each by value: the file's path as
    a literal, and a JSON export's size."""
    return statement.replace("$path", literal(path)).replace("{size}", str(max(size, 1 << 20)))


# --- the two scans --------------------------------------------------------------------------

HAS_OFFSET = """(strlen({column}) > 10 AND (suffix({column}, 'Z') OR suffix({column}, 'z')
    OR contains({column}, '+') OR {column} LIKE '%-%-%-%'))"""
"""A time written with its UTC offset (`Z`, `+02:00`, `-0500`, `+01`): a `+`, or a third `-`
after the date's two, told on bytes without a regular expression (one over ten million times
costs seconds, and counting characters for `substr` or `length` most of one). A date alone
(ten characters) has no time and so no offset."""

ID_CHECK = """
SELECT count(*) FROM (SELECT hash(id) AS h FROM {contacts} GROUP BY h HAVING count(*) > 1)
"""
"""Ids that occur more than once, counted over their hashes: an integer aggregate, where
grouping ten million ids as text would cost seconds more. A clash of two hashes only sends
the file to the text reading, which compares the ids themselves."""

MIXED_ZONES = """
SELECT t.source, t.row_no, '{column}', 'metrics/mixed-time-zones',
       'mixed time zones: {column} ' || CASE WHEN {zoned} THEN 'has a' ELSE 'has no' END
           || ' UTC offset, the first time in the file (line {{line}}) '
           || CASE WHEN {zoned} THEN 'none' ELSE 'one' END
           || '; a time without one would be read as UTC',
       f.first_row
FROM text_rows AS t
JOIN (SELECT source, min(row_no) AS first_row, arg_min({first}, row_no) AS first_zoned
      FROM text_rows WHERE started IS NOT NULL GROUP BY source) AS f USING (source)
WHERE {column} IS NOT NULL AND {zoned} <> f.first_zoned
"""
"""A time whose form (with or without a UTC offset) differs from the file's first time: a
time without one is read as UTC, a guess that is wrong by hours when the export's other times
say where they were taken. Offsets that differ among themselves (summer time) are fine."""

RAW_CUBE = """
CREATE OR REPLACE TEMP TABLE raw_cube AS
SELECT source, date_trunc('{unit}', started) AS started,
       started >= $start AND started < $end AS in_range,
       team, agent, channel, handled_by, resolved, reopened, complex, proactive, came_back,
       count(*) AS contacts,
       count(handle_seconds) AS timed,
       coalesce(sum(handle_seconds), 0) AS handle_seconds,
       count(first_response_seconds) AS responded,
       coalesce(sum(first_response_seconds), 0) AS response_seconds,
       count(*) FILTER (WHERE a.csat_answers > 0) AS csat_contacts,
       coalesce(sum(a.csat_answers), 0) AS csat_answers,
       coalesce(sum(a.csat_satisfied), 0) AS csat_satisfied,
       coalesce(sum(a.nps_answers), 0) AS nps_answers,
       coalesce(sum(a.promoters), 0) AS promoters,
       coalesce(sum(a.detractors), 0) AS detractors,
       count(*) FILTER (WHERE bad) AS bad,
       count(*) FILTER (WHERE started_zoned) + count(*) FILTER (WHERE ended_zoned) AS zoned,
       count(*) FILTER (WHERE NOT started_zoned) + count(*) FILTER (WHERE NOT ended_zoned)
           AS unzoned
FROM {contacts} AS c
LEFT JOIN answers AS a ON a.contact_id = c.id
WHERE {keep}
GROUP BY ALL
"""
"""The one scan that counts every figure: sums per period and the values as the export
writes them (team, agent, channel, tier, flags), with each contact's survey answers joined
on. A few thousand rows however many contacts; what they are called is decided after."""

CUBE = """
CREATE OR REPLACE TEMP TABLE cube AS
SELECT {period} AS period, team, agent, channel, tier, complex, proactive, in_range,
       sum(contacts) AS contacts,
       coalesce(sum(contacts) FILTER (WHERE live), 0) AS live_contacts,
       coalesce(sum(timed) FILTER (WHERE live), 0) AS timed,
       coalesce(sum(handle_seconds) FILTER (WHERE live), 0) AS handle_seconds,
       coalesce(sum(contacts) FILTER (WHERE resolved IS NOT NULL), 0) AS fcr_known,
       coalesce(sum(contacts) FILTER (WHERE resolved AND NOT coalesce(reopened, false)
                                      AND NOT coalesce(came_back, false)), 0) AS fcr,
       sum(responded) AS responded, sum(response_seconds) AS response_seconds,
       sum(csat_contacts) AS csat_contacts, sum(csat_answers) AS csat_answers,
       sum(csat_satisfied) AS csat_satisfied, sum(nps_answers) AS nps_answers,
       sum(promoters) AS promoters, sum(detractors) AS detractors,
       sum(bad) + coalesce(sum(contacts) FILTER (WHERE unknown), 0) AS bad
FROM (SELECT started, in_range, complex, proactive, came_back, contacts, timed, handle_seconds,
             responded, response_seconds, csat_contacts, csat_answers, csat_satisfied,
             nps_answers, promoters, detractors, bad,
             {team} AS team, {agent} AS agent, {channel} AS channel, {tier} AS tier,
             {resolved} AS resolved, {reopened} AS reopened, {unknown} AS unknown,
             {channel} IN ({live}) AS live
      FROM raw_cube)
GROUP BY ALL
"""
"""The raw cube with sxt's names: channels and tiers looked up, flags read, and live handle
time kept apart. Contacts whose channel, tier or flag is unknown are counted as `bad`."""

ZONES = """
SELECT source, coalesce(sum(zoned), 0), coalesce(sum(unzoned), 0) FROM raw_cube GROUP BY source
"""

ANSWERS = """
CREATE OR REPLACE TEMP TABLE answers AS
SELECT contact_id,
       count(score) FILTER (WHERE csat) AS csat_answers,
       count(*) FILTER (WHERE csat AND satisfied) AS csat_satisfied,
       count(score) FILTER (WHERE NOT csat) AS nps_answers,
       count(*) FILTER (WHERE NOT csat AND score >= 9) AS promoters,
       count(*) FILTER (WHERE NOT csat AND score <= 6) AS detractors
FROM (SELECT true AS csat, contact_id, score, satisfied FROM csat
      UNION ALL
      SELECT false, contact_id, score, satisfied FROM nps)
GROUP BY contact_id
"""
"""Each contact's CSAT and NPS answers in one small table (most contacts have none), made in
one aggregate over both surveys, so the scan joins once."""

MATCHED = """
SELECT coalesce(sum(csat_answers), 0), coalesce(sum(nps_answers), 0) FROM cube
"""

# --- roll-ups of the cube -----------------------------------------------------------------

FIGURES = """
SELECT {period} AS period, {slice} AS slice,
       sum(contacts), sum(live_contacts), sum(timed), sum(handle_seconds),
       sum(fcr_known), sum(fcr),
       sum(responded), sum(response_seconds), sum(csat_contacts), sum(csat_answers),
       sum(csat_satisfied), sum(nps_answers), sum(promoters), sum(detractors)
FROM cube
WHERE in_range
GROUP BY ALL
ORDER BY slice, period
"""
"""One row per slice and period (or per slice over the whole range, `period` 'all'): the sums
every figure is a ratio of (see figures.py)."""

TIER_SHARES = """
SELECT period, tier, sum(contacts), sum(timed), sum(handle_seconds)
FROM cube
WHERE in_range
GROUP BY ALL
ORDER BY period, tier
"""
"""Who handled how many contacts each period, and the handle time of each tier: the bot and
self-service share beside the human AHT."""

COMPLEX = """
SELECT period, agent, sum(contacts), sum(csat_answers), sum(csat_satisfied)
FROM cube
WHERE in_range AND complex AND tier = 'human'
GROUP BY ALL
ORDER BY agent, period
"""
"""CSAT on complex contacts, per agent and period: read beside their mystery-shop scores."""

PROACTIVE = """
SELECT period, sum(contacts) FROM cube WHERE in_range AND proactive GROUP BY period
"""
"""Contacts tagged as prevented by proactive support, per period."""

# --- surveys --------------------------------------------------------------------------------

SURVEY_FILE = (
    "(SELECT {row_no} AS row_no, * FROM read_csv({path}, header = true, all_varchar = true))"
)
"""A survey file as text. Numbering its rows (`row_number() OVER ()`) makes DuckDB read it on
one thread, so the rows are numbered only to say where a problem is; a clean file is read
once, unnumbered (`NULL::BIGINT`), on every core."""

NUMBERED = "row_number() OVER ()"
UNNUMBERED = "NULL::BIGINT"

SNIFF_SURVEY = "DESCRIBE SELECT * FROM read_csv($path, header = true, all_varchar = true)"
"""The header alone, to name a missing column before the file is read."""

SATISFIED_WORDS = ("good", "satisfied", "yes", "happy", "positive")
UNSATISFIED_WORDS = ("bad", "unsatisfied", "dissatisfied", "no", "unhappy", "negative")


def survey_score(column: str, low: int, high: int) -> str:
    """A survey answer as a number on its scale, NULL when empty; CSAT's good/bad words are 5
    and 1, so 'share satisfied' means the same on both scales."""
    number = f"try_cast(trim({column}) AS INTEGER)"
    if (low, high) != (1, 5):
        return number
    return (
        f"CASE WHEN lower(trim({column})) IN ({', '.join(map(literal, SATISFIED_WORDS))}) THEN 5 "
        f"WHEN lower(trim({column})) IN ({', '.join(map(literal, UNSATISFIED_WORDS))}) THEN 1 "
        f"ELSE {number} END"
    )


def _bad_score(text: str, number: str, low: int, high: int) -> str:
    """Whether a written score (`text`, read as `number`) is off its scale or not whole."""
    return f"""(coalesce(trim({text}), '') <> ''
  AND ({number} IS NULL OR {number} NOT BETWEEN {low} AND {high}
       OR (try_cast(trim({text}) AS DOUBLE) IS NOT NULL
           AND try_cast(trim({text}) AS DOUBLE) <> try_cast(trim({text}) AS INTEGER))))"""


def survey_checks(relation: str, low: int, high: int) -> str:
    """Problems of a survey file whose scores run from `low` to `high` (empty: not answered),
    each at its row: run only when `typed_survey` counted a bad row."""
    return f"""
SELECT row_no, 'score', 'metrics/bad-score',
       'score is ' || score || ', not ' ||
       {literal("a whole number " if (low, high) != (1, 5) else "good, bad or a whole number ")}
       || '{low} to {high}', NULL
FROM {relation}
WHERE {_bad_score("score", survey_score("score", low, high), low, high)}
UNION ALL
SELECT row_no, 'answered_at', 'metrics/bad-time',
       'answered_at is not a date and time: ' || coalesce(answered_at, '(empty)'), NULL
FROM {relation} WHERE try_cast(answered_at AS TIMESTAMPTZ) IS NULL
"""


def typed_survey(name: str, relation: str, low: int, high: int, columns: dict[str, str]) -> str:
    """Every answer typed in one reading of the file, with `bad` for a row the checks would
    report: a clean file is read once, where checking first and typing after read it twice.
    `columns` are the table's other columns, as expressions over the file's."""
    extra = "".join(f", {expression} AS {column}" for column, expression in columns.items())
    return f"""
CREATE OR REPLACE TEMP TABLE {name} AS
SELECT row_no, answered_at, score, score >= 4 AS satisfied{"".join(f", {c}" for c in columns)},
       {_bad_score("written", "score", low, high)} OR answered_at IS NULL AS bad
FROM (SELECT row_no, score AS written, try_cast(answered_at AS TIMESTAMPTZ) AS answered_at,
             {survey_score("score", low, high)} AS score{extra}
      FROM {relation})
"""


EMPTY_SURVEY = """
CREATE OR REPLACE TEMP TABLE {name} (row_no BIGINT, answered_at TIMESTAMPTZ, score INTEGER,
    satisfied BOOLEAN, contact_id VARCHAR, customer VARCHAR, team VARCHAR, bad BOOLEAN)
"""


UNMATCHED = """
SELECT s.row_no FROM {name} AS s
WHERE s.score IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM {contacts} AS c WHERE c.id = s.contact_id)
ORDER BY s.row_no
"""
"""Answers about contacts outside the export (read only when the cube counted fewer answers
than the survey file holds)."""

OVER_SURVEYED = """
SELECT customer, max(in_window) AS asked, min(answered_at) AS first, max(answered_at) AS last
FROM (SELECT customer, answered_at,
             count(*) OVER (PARTITION BY customer ORDER BY answered_at
                            RANGE BETWEEN INTERVAL ({days}) DAY PRECEDING AND CURRENT ROW)
                 AS in_window
      FROM (SELECT customer, answered_at FROM csat WHERE customer IS NOT NULL
            UNION ALL
            SELECT customer, answered_at FROM nps WHERE customer IS NOT NULL))
WHERE in_window > {most}
GROUP BY customer
ORDER BY asked DESC, customer
"""
"""Customers sent more surveys within `days` days than the definitions allow (CSAT and NPS
together: to the customer, both are one more survey)."""

ENPS = """
SELECT {period} AS period, {slice} AS slice,
       count(score), count(*) FILTER (WHERE score >= 9), count(*) FILTER (WHERE score <= 6)
FROM (SELECT answered_at AS started, score, team FROM enps)
WHERE score IS NOT NULL AND started >= $start AND started < $end
GROUP BY ALL
ORDER BY slice, period
"""
"""Agent happiness: eNPS = % promoters - % detractors of the team's own answers (0-10)."""

UNITS: dict[str, str] = {"week": "week", "month": "month", "quarter": "quarter"}
"""date_trunc's unit per period: the scan groups on the period's first day, a number, and
the label is written once per group."""

PERIODS: dict[str, str] = {
    "week": "strftime(started, '%G-W%V')",
    "month": "strftime(started, '%Y-%m')",
    "quarter": "CAST(year(started) AS VARCHAR) || '-Q' || CAST(quarter(started) AS VARCHAR)",
}
"""Period labels that sort in time order; a survey answer counts in its contact's period, so
CSAT sits beside the handle time of the very contacts it is about."""

SLICES: dict[str, str] = {
    "team": "team",
    "agent": "agent",
    "channel": "channel",
    "tier": "tier",
    "all": "'all'",
}
