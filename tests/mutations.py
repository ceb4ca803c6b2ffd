"""One broken file at a time, through every command: a workspace with one document of each
kind, hypothesis strategies that break one file the ways people (and editors, and merges)
break them, every `sxt` command line that runs on it, and what each run must never do.

Shared by tests/test_mutations.py (a few examples in every test run) and benchmarks/fuzz.py
(the same strategies, for minutes), so a crash the long run finds reproduces in the suite.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import click
from click.testing import CliRunner
from hypothesis import strategies as st

from toolkit.cli.main import cli
from toolkit.core.names import KINDS
from toolkit.core.scaffold import create_workspace

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# --- the workspace -----------------------------------------------------------------------------

IMPORT_CSV = """\
date,channel,scenario,scorer,agent,team,benchmark,journey_step,personal-greeting,\
personal-greeting comment,restated-problem,correct-answer,preach
2026-11-02,chat,Card declined,Maya Okafor,Leila Haddad,Billing,yes,\
first-billing-issue#agent-takes-over,yes,Used my name,yes,no,4
2026-11-02,chat,Card declined,Jonas Weber,Leila Haddad,Billing,no,\
first-billing-issue#agent-takes-over,partial,,yes,yes,3
2026-11-09,email,Refund twice,Maya Okafor,Sam Lee,Payments,,,no,,p,yes,2
"""
MORE_CSV = IMPORT_CSV.splitlines()[0] + "\n2026-11-30,chat,Locked out,Sam Lee,Ana,Tech,,,yes,,,,5\n"
"""What `shop import` imports on the seeded workspace: a shop it does not have yet."""
SHOP = "2026-11-02-card-declined"


def seed_workspace(root: Path) -> Path:
    """`sxt init`, then one document of every kind the commands read, each made by the
    command that makes it (shops and scorings by `shop import`, a calibration round, a
    dispute), two audits from the audit fixture and one shop in the old layout: every
    reader has something to read, and every file something to break."""
    create_workspace(root, "Fuzz Support")
    (root / "audits").mkdir(exist_ok=True)
    for quarter in ("2026-Q3", "2026-Q4"):
        shutil.copy(FIXTURES / "audit-workspace" / "audits" / f"{quarter}.yaml", root / "audits")
    (root / "import.csv").write_text(IMPORT_CSV, "utf-8")
    old = "2026-07-08-card-declined-at-renewal.yaml"
    session = ("--id", "round-1", "--scorer", "Maya Okafor", "--scorer", "Jonas Weber")
    for args in (
        ("shop", "import", "import.csv"),
        ("shop", "session", "new", SHOP, *session, "--today", "2026-11-20"),
        ("shop", "dispute", SHOP, "--criterion", "correct-answer", "--reason", "It was right"),
    ):
        result = CliRunner().invoke(cli, ["-C", str(root), *args])
        assert result.exit_code == 0, result.output
    shutil.copy(FIXTURES / "shop-workspace" / "shops" / old, root / "shops" / old)
    (root / "import.csv").write_text(MORE_CSV, "utf-8")
    return root


def documents(root: Path) -> list[str]:
    """Every file a mutation may break: documents, replies and the CSV exports the metrics
    read, as paths relative to the workspace; not the JSON Schemas (for editors) or caches."""
    return sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file()
        and ".sxt" not in path.relative_to(root).parts
        and path.suffix in (".yaml", ".md", ".csv")
    )


# --- mutations ---------------------------------------------------------------------------------

HOSTILE = (
    "\x1b[2J\x1b[31mred",
    "\x1b]0;pwned\x07",
    "\x9b31m",
    "\x85next",
    "\u202eevil",
    "\r",
    "\x00",
    "</script><script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
)
"""Text that must stay text: terminal escapes (7- and 8-bit), a bidi override, a CR, a NUL
and markup that would run in an HTML page."""

SCALARS = (
    "7",
    "-1",
    "0.5",
    "1e309",
    ".nan",
    "true",
    "null",
    "~",
    '""',
    "[]",
    "{}",
    "[1, [2]]",
    "{a: 1}",
    "2026-13-45",
    "'2026-Q9'",
    "x" * 300,
    '"\\e[2J\\e]0;pwned\\a"',
    '"\\x9b31m\\u202e\\r\\N"',
    '"</script><img src=x onerror=alert(1)>"',
    "*nowhere",
    "&a",
    "!!python/object:os.system",
    "|",
    "@x",
)
"""What a value may become: another type, out of range, a reference to nothing, a YAML
construct sxt refuses, and quoted escapes that decode to control characters."""

CONTENT_LINE = re.compile(rb"^\s*[^\s#]")
"""A line that holds data: most lines of a shipped file are comments, and breaking a
comment breaks nothing."""
SCALAR_LINE = re.compile(rb"^(\s*(?:- )?[^\s:#][^:#]*:)[ \t]+\S.*$")

OPERATIONS = (
    "delete-line",
    "duplicate-line",
    "replace-scalar",
    "truncate",
    "insert-junk",
    "indent",
    "swap-lines",
    "break-header",
)


@dataclass(frozen=True)
class Mutation:
    """One change to one file. `where` picks a line (or byte) modulo the file's length, so a
    mutation is drawn without reading the file and replays exactly from its repr."""

    path: str
    operation: str
    where: int
    payload: bytes = b""

    def apply(self, raw: bytes) -> bytes:
        lines = raw.split(b"\n")
        wanted = SCALAR_LINE if self.operation == "replace-scalar" else CONTENT_LINE
        candidates = [i for i, text in enumerate(lines) if wanted.match(text)] or range(len(lines))
        index = candidates[self.where % len(candidates)]
        line = lines[index]
        if self.operation == "delete-line":
            del lines[index]
        elif self.operation == "duplicate-line":
            lines.insert(index, line)
        elif self.operation == "replace-scalar":
            match = SCALAR_LINE.match(line)
            lines[index] = (
                match.group(1) + b" " + self.payload if match else line + b" " + self.payload
            )
        elif self.operation == "truncate":
            return raw[: self.where % (len(raw) + 1)]
        elif self.operation == "insert-junk":
            at = self.where % (len(raw) + 1)
            return raw[:at] + self.payload + raw[at:]
        elif self.operation == "indent":
            lines[index] = self.payload + line if self.payload else line[1:]
        elif self.operation == "swap-lines":
            other = (index + 1) % len(lines)
            lines[index], lines[other] = lines[other], line
        elif self.operation == "break-header":
            header = [i for i, text in enumerate(lines) if re.match(rb"(sxt|kind):", text)]
            target = header[self.where % len(header)] if header else index
            lines[target] = self.payload
        return b"\n".join(lines)

    def write(self, root: Path) -> None:
        path = root / self.path
        path.write_bytes(self.apply(path.read_bytes()))


_JUNK = st.one_of(
    st.binary(min_size=1, max_size=8),
    st.sampled_from([text.encode() for text in HOSTILE]),
    st.sampled_from([b"\xff", b"\xc3", b"\xef\xbb\xbf", b"\t", b"\r", b": ", b"- ", b"---\n"]),
)
_PAYLOADS = {
    "replace-scalar": st.one_of(
        st.sampled_from([text.encode() for text in SCALARS]),
        st.text(max_size=12).map(lambda text: text.encode("utf-8", "surrogatepass")),
    ),
    "insert-junk": _JUNK,
    "indent": st.sampled_from([b"", b" ", b"  ", b"    ", b"\t"]),
    "break-header": st.sampled_from(
        [
            b"",
            b"sxt: 2",
            b"sxt: '1'",
            b"sxt: [1]",
            b"sxt: 0",
            b"kind:",
            b"kind: [audit]",
            b"kind: audi",
            *(f"kind: {kind}".encode() for kind in KINDS),
        ]
    ),
}


def mutations(paths: list[str]) -> st.SearchStrategy[Mutation]:
    """One mutation of one of `paths`: an operation, where it applies and what it writes."""

    @st.composite
    def mutation(draw: st.DrawFn) -> Mutation:
        operation = draw(st.sampled_from(OPERATIONS))
        payload = _PAYLOADS.get(operation)
        return Mutation(
            draw(st.sampled_from(paths)),
            operation,
            draw(st.integers(min_value=0, max_value=10_000)),
            draw(payload) if payload is not None else b"",
        )

    return mutation()


# --- every command -----------------------------------------------------------------------------

EXCLUDED = {
    ("lsp",): "a language server: talks LSP on stdin until its client exits",
    ("tui",): "the terminal app: needs a terminal (tests/tui drives it)",
}
ARGUMENTS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("init",): ("--name", "Fuzz"),
    ("schema",): ("audit",),
    ("audit", "start"): ("--today", "2027-01-10"),
    ("audit", "diff"): ("2026-Q3", "2026-Q4"),
    ("shop", "new"): ("--channel", "chat", "--scenario", "Card declined"),
    ("shop", "score"): (SHOP, "--scorer", "Jonas Weber", "--answers", "answers.yaml"),
    ("shop", "submit"): (SHOP, "--scorer", "Jonas Weber"),
    ("shop", "import"): ("import.csv",),
    ("shop", "session", "new"): (
        "2026-11-09-refund-twice",
        "--scorer",
        "Sam Lee",
        "--id",
        "round-2",
    ),
    ("shop", "session", "close"): ("round-1",),
    ("shop", "dispute"): (SHOP, "--criterion", "preach", "--reason", "Too low", "--by", "Leila"),
    ("shop", "resolve"): (SHOP, "accept", "--criterion", "correct-answer", "--by", "Maya"),
    ("lint",): (),
}
"""The minimal arguments of each command that needs some to do its work on the seeded
workspace; a command not named here runs with none (and a new one that needs an argument
fails test_every_command_has_its_arguments until it is added)."""

READ_ONLY = {
    ("validate",),
    ("schema",),
    ("lint",),
    ("audit", "status"),
    ("audit", "report"),
    ("audit", "trend"),
    ("audit", "diff"),
    ("audit", "actions"),
    ("shop", "report"),
    ("shop", "calibrate"),
    ("shop", "session", "status"),
    ("journey", "check"),
    ("journey", "show"),
    ("journey", "summary"),
    ("journey", "export"),
    ("metrics", "report"),
    ("metrics", "trend"),
    ("metrics", "check"),
}
"""Commands that only read: they share one copy of the mutated workspace; every other
command (and any new one, until it is listed here) runs on a copy of its own."""

EXTRA_LINES = (
    ("lint", "--fix"),
    ("lint", "--statistics"),
    ("lint", "--explain", "playful-words"),
    ("journey", "check", "--explain", "step-owner"),
    ("journey", "export", "--format", "html", "--output", "map.html"),
)
"""Lines beyond each command's minimal one that take another path through it: --fix
writes the replies back, --explain reads a rule out of the guide."""

ANSWERS = "restated-problem: yes\npreach: {answer: 5, comment: Warm}\n"


def commands(
    group: click.Group = cli, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command under `group` with its words, found through Click as `sxt --help`
    lists them, so a new command is fuzzed without anyone adding it here."""
    context = click.Context(group, info_name=" ".join(prefix) or "sxt")
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None
        if isinstance(command, click.Group):
            yield from commands(command, (*prefix, name))
        else:
            yield (*prefix, name), command


def command_lines() -> list[list[tuple[str, ...]]]:
    """Each command's words and arguments: one list per command, of one line per output
    format it offers (each format is its own writer of the user's text); the EXTRA_LINES
    one list each."""
    found = [[line] for line in EXTRA_LINES]
    for path, command in commands():
        if path in EXCLUDED:
            continue
        base = (*path, *ARGUMENTS.get(path, ()))
        formats = next((p.type.choices for p in command.params if p.name == "output_format"), None)
        if formats is None or path not in READ_ONLY:
            found.append([base])
        else:
            found.append([(*base, "--format", str(fmt)) for fmt in formats])
    return found


@dataclass(frozen=True)
class Case:
    """A mutation and the command lines run on it: every command, in one of its formats."""

    mutation: Mutation
    lines: tuple[tuple[str, ...], ...]


def cases(paths: list[str]) -> st.SearchStrategy[Case]:
    return st.builds(
        Case, mutations(paths), st.tuples(*(st.sampled_from(each) for each in command_lines()))
    )


def required_missing(command: click.Command, path: tuple[str, ...]) -> list[str]:
    """Required parameters of a command that ARGUMENTS gives it nothing for."""
    if path in ARGUMENTS or path in EXCLUDED:
        return []
    return [p.name or "?" for p in command.params if p.required]


# --- what a run must never do ------------------------------------------------------------------

RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""ESC and the other C0 controls but newline and tab, DEL and the C1 controls (8-bit CSI):
what lets a file's text move a terminal's cursor or rewrite a CI log."""


def problems(root: Path, line: tuple[str, ...]) -> list[str]:
    """What is wrong with running `sxt -C root LINE`: an exception that is not Click's exit,
    an exit code other than 0, 1 or 2, a traceback or a raw control character in the
    output. Empty when the run behaved."""
    result = CliRunner().invoke(cli, ["-C", str(root), *line])
    found = []
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        error = result.exception
        found.append(f"raised {type(error).__name__}: {error}")
    if result.exit_code not in (0, 1, 2):
        found.append(f"exit code {result.exit_code}")
    output = result.output
    if "Traceback" in output:
        found.append("a traceback in the output")
    # CSV ends its records with CRLF (RFC 4180): that CR is the format's, not the user's.
    raw = RAW_CONTROL.search(output.replace("\r\n", "\n") if "csv" in line else output)
    if raw:
        start = max(raw.start() - 40, 0)
        found.append(f"raw {raw.group()!r} in the output: {output[start : raw.end() + 40]!r}")
    return found


def run_case(seeded: Path, work: Path, case: Case) -> list[tuple[str, str]]:
    """Applies the case's mutation to a copy of the seeded workspace (in `work`, emptied
    first) and runs each of its command lines on it; (command line, problem) for each that
    misbehaved."""
    mutation = case.mutation
    shutil.rmtree(work, ignore_errors=True)
    shared = work / "ws"
    shutil.copytree(seeded, shared)
    mutation.write(shared)
    (shared / "answers.yaml").write_text(ANSWERS, "utf-8")
    found = []
    for number, line in enumerate(case.lines):
        root = shared
        if not _reads_only(line):
            root = work / f"own-{number}"
            shutil.copytree(shared, root)
        found += [(" ".join(line), problem) for problem in problems(root, line)]
    return found


def _reads_only(line: tuple[str, ...]) -> bool:
    return any(line[: len(path)] == path for path in READ_ONLY)
