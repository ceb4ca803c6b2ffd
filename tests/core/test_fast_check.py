"""The fast paths must never change what sxt says about a file.

fastyaml.py reads plain block YAML without libyaml's node graph, and fastcheck.py answers
"valid?" without jsonschema; both hand anything doubtful to the full path. Each test here runs
the same input both ways (the flags off, the way sxt read files before them, and on) and
demands the same outcome to the last detail: kind, data with its types and key order, every
diagnostic, and every position. Inputs: every fixture and shipped document, then seeded
random mutations of valid documents (of their data through every schema, and of their text
through the YAML reader). hypothesis is not a dependency, so the generator is a seeded Random:
a failure names the seed and case, and reruns the same.
"""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from toolkit.core import fastcheck, fastyaml, schema
from toolkit.core.content import shipped_files, shipped_root
from toolkit.core.fastcheck import fast_paths
from toolkit.core.loader import Document, LoadError, load_text
from toolkit.core.names import KINDS
from toolkit.core.validation import check_file, forget_checked_files

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted(
    path
    for path in (ROOT / "tests" / "fixtures").rglob("*")
    if path.suffix in (".yaml", ".yml", ".md") and path.is_file()
)
SHIPPED = [shipped_root() / path for path in shipped_files()]
SCALE = float(os.environ.get("SXT_FAST_CHECK_SCALE", "1"))
"""Times as many random cases: SXT_FAST_CHECK_SCALE=20 for a deep run after changing a fast path."""


def cases(count: int) -> range:
    return range(max(1, int(count * SCALE)))


def strict(value: Any) -> Any:
    """`value` with every type spelt out, so that 1 == 1.0 == True and key order count."""
    if isinstance(value, dict):
        return ("dict", [(strict(k), strict(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [strict(item) for item in value])
    if isinstance(value, float):
        return ("float", "nan" if math.isnan(value) else repr(value))
    return (type(value).__name__, value)


def positions(document: Document | None) -> Any:
    if document is None:
        return None
    return (sorted(document.key_positions.items()), sorted(document.value_positions.items()))


def outcome(path: Path, display: str) -> tuple[Any, ...]:
    forget_checked_files()
    checked = check_file(path, display)
    return (
        checked.kind,
        strict(checked.data),
        [d.as_dict() for d in checked.diagnostics],
        positions(checked.document),
    )


def both_ways(path: Path, display: str) -> tuple[Any, Any]:
    with fast_paths(False):
        slow = outcome(path, display)
    with fast_paths(True):
        fast = outcome(path, display)
    return slow, fast


@pytest.mark.parametrize(
    "path", [*FIXTURES, *SHIPPED], ids=lambda p: str(p.relative_to(ROOT)).replace("/", ":")
)
def test_every_fixture_and_shipped_document_checks_the_same(path: Path) -> None:
    slow, fast = both_ways(path, str(path.relative_to(ROOT)))
    assert fast == slow


# --- valid documents of the kinds a calibration reads, as `sxt shop` writes them ----------

CRITERIA = ["first-response-60s", "personal-greeting", "restated-problem", "preach", "empathy"]
ANSWERS = ["yes", "no", "partial", "na", "1", "3", "5"]
SCORERS = ["Maya Okafor", "Zoë Ünal", 'Jo "JJ" Lee']


def scoring_text(rng: random.Random) -> str:
    lines = [
        "# yaml-language-server: $schema=../../.sxt/schemas/scoring.schema.json",
        "# Maya Okafor's answers to the mystery shop shops/shop-1.yaml.",
        "sxt: 1",
        "kind: scoring",
        f"scorer: {json.dumps(rng.choice(SCORERS))}",
    ]
    if rng.random() < 0.5:
        lines.append("benchmark: true")
    lines += ["date: 2026-10-07", "submitted: 2026-10-08", "answers:"]
    for criterion in CRITERIA:
        if rng.random() < 0.3:
            lines.append("  # Section")
        answer = rng.choice(ANSWERS)
        if rng.random() < 0.25:
            comment = json.dumps(rng.choice(["Fine.", 'Said "T2" #1: no', "ok\ttab", "é\n"]))
            lines += [f"  {criterion}:", f"    answer: {answer}", f"    comment: {comment}"]
        else:
            lines.append(f"  {criterion}: {answer}")
    return "\n".join(lines) + "\n"


def shop_text(rng: random.Random) -> str:
    lines = [
        "# A mystery shop.",
        "sxt: 1",
        "kind: shop",
        "scorecard: chat-email",
        'scenario: "Card declined at renewal"',
        f"channel: {rng.choice(['chat', 'email'])}",
        "date: 2026-07-08",
        "agent: Leila Haddad",
        "journey_step: first-billing-issue#agent-takes-over",
    ]
    if rng.random() < 0.5:
        lines += ["transcript: |", "  Customer: Hi.", "", "    Agent: Hello: how can I help?"]
    else:
        lines.append("transcript_link: https://support.example/t/1")
    if rng.random() < 0.5:
        lines += ["scores:", "  - scorer: Maya Okafor", "    benchmark: true", "    answers:"]
        lines += [f"      {c}: {rng.choice(ANSWERS)}" for c in CRITERIA]
    return "\n".join(lines) + "\n"


DISPUTE = """\
sxt: 1
kind: dispute
criterion: empathy
by: Leila Haddad
opened: 2026-10-09
reason: The customer thanked me twice.
wants: 4
history:
  - date: 2026-10-10
    by: Maya Okafor
    outcome: partial
    answer: 3
    note: Fair point.
"""
SESSION = """\
sxt: 1
kind: calibration-session
title: Q4 round
opened: 2026-10-01
due: 2026-10-15
shops:
- shop-1
- shop-2
scorers:
- Maya Okafor
- Jonas Weber
benchmark: Maya Okafor
"""


def valid_texts() -> list[str]:
    """Valid documents of every kind: fixtures and shipped files that check clean, and made
    ones of the kinds a calibration reads."""
    rng = random.Random(1)
    texts = [scoring_text(rng) for _ in range(4)] + [shop_text(rng) for _ in range(4)]
    texts += [DISPUTE, SESSION]
    for path in [*FIXTURES, *SHIPPED]:
        if path.suffix == ".md":
            continue
        with fast_paths(False):
            forget_checked_files()
            checked = check_file(path, path.name)
        if checked.kind is not None and not checked.diagnostics:
            texts.append(path.read_text("utf-8"))
    return texts


VALID = valid_texts()


def test_the_valid_documents_cover_every_kind() -> None:
    assert {load_text(text, "f.yaml").data["kind"] for text in VALID} == set(KINDS)


# --- mutations of the data: every schema keyword, both ways -------------------------------

REPLACEMENTS: list[Any] = [
    0,
    1,
    -3,
    5,
    7,
    2.5,
    1.0,
    float("nan"),
    float("inf"),
    True,
    False,
    None,
    "",
    " ",
    "yes",
    "no",
    "partial",
    "na",
    "maybe",
    "1",
    "2026-10-07",
    "2026-02-30",
    "2026-13-01",
    "2026-1-07",
    "2026-10-07\n",
    "abc\n",
    "Bad_Id",
    "good-id",
    "x#y",
    "first-billing-issue#pay",
    "https://example.com",
    "2026-Q4",
    "en",
    "chat",
    "error",
    "existence",
    [],
    ["a"],
    ["a", "a"],
    [1, 2],
    {},
    {"answer": "yes"},
    {"answer": "maybe", "comment": 3},
    {"answer": 2, "bogus": 1},
]
NEW_KEYS = ["levle", "answr", "commnet", "Bad Key", "x", "type", "level", "tokens", "regexp"]


def paths_in(data: Any, path: tuple = ()) -> Iterator[tuple]:
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths_in(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths_in(value, (*path, index))


def mutate(data: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """`data` with one to three random breaks: a value replaced, a key dropped, added or
    renamed, a list emptied or repeated."""
    data = json.loads(json.dumps(data))  # a deep copy (our data is JSON's)
    for _ in range(rng.choice((1, 1, 2, 3))):
        path = rng.choice(list(paths_in(data)))
        parent: Any = data
        for part in path[:-1]:
            parent = parent[part]
        target = parent[path[-1]] if path else data
        roll = rng.random()
        if roll < 0.45 and path:
            parent[path[-1]] = json.loads(json.dumps(rng.choice(REPLACEMENTS)))
            if isinstance(parent[path[-1]], float) and rng.random() < 0.5:
                parent[path[-1]] = rng.choice(REPLACEMENTS)  # nan and inf, as they are
        elif roll < 0.6 and path and isinstance(parent, dict):
            del parent[path[-1]]
        elif roll < 0.75 and isinstance(target, dict):
            target[rng.choice(NEW_KEYS + list(target)[:3])] = rng.choice(REPLACEMENTS[:20])
        elif roll < 0.85 and isinstance(target, dict) and target:
            old = rng.choice(list(target))
            target[rng.choice([old.upper(), old + "_", old[:-1] or "x", "Q" + old])] = target.pop(
                old
            )
        elif isinstance(target, list):
            if target and rng.random() < 0.5:
                target.append(target[0])
            else:
                target.clear()
    return data


def test_schema_check_says_the_same_of_mutated_data() -> None:
    """The cheap, wide net: mutated data straight into schema.check, no YAML involved."""
    rng = random.Random(20261007)
    documents = [load_text(text, "f.yaml") for text in VALID]
    compared = fast_rejected = 0
    for case in cases(600):
        document = rng.choice(documents)
        kind = document.data["kind"]
        mutated = Document(document.path, "f.yaml", mutate(document.data, rng))
        with fast_paths(False):
            slow = [d.as_dict() for d in schema.check(mutated, kind)]
        with fast_paths(True):
            fast = [d.as_dict() for d in schema.check(mutated, kind)]
        assert fast == slow, f"case {case}: {mutated.data}"
        compared += 1
        fast_rejected += not schema.fast_validator(kind)(mutated.data) and not slow
    # The fast check may send a valid document the slow way, but rarely: else it is no use.
    assert fast_rejected < compared * 0.02


def dumped(data: dict[str, Any], rng: random.Random) -> str:
    """Block YAML as PyYAML writes it (indentless lists, quoted 'yes' and dates): a style
    sxt's own files do not use, so the reader meets it here."""
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    return text if rng.random() < 0.7 else "# dumped\n---\n" + text.replace("\n", "\n\n", 2)


def test_check_file_says_the_same_of_mutated_documents(tmp_path: Path) -> None:
    rng = random.Random(7)
    documents = [load_text(text, "f.yaml").data for text in VALID]
    for case in cases(150):
        path = tmp_path / f"case-{case}.yaml"
        path.write_text(dumped(mutate(rng.choice(documents), rng), rng), "utf-8")
        slow, fast = both_ways(path, path.name)
        assert fast == slow, f"case {case}:\n{path.read_text('utf-8')}"


# --- mutations of the text: the YAML reader, both ways ------------------------------------

SNIPPETS = [
    "~",
    "null",
    "Null",
    "TRUE",
    "yes",
    "no",
    "on",
    "0o17",
    "0x1F",
    "0x1g",
    "1e3",
    "+1",
    "-1",
    "-.5",
    ".inf",
    "-.Inf",
    ".NaN",
    "007",
    "1_000",
    "12:30",
    "-",
    "- x",
    "? x",
    "@x",
    "`x`",
    "%x",
    "a: b",
    "a #b",
    "a#b",
    "a:",
    "a:b",
    "http://x/y?z=1#f",
    "{}",
    "[]",
    "{a: 1}",
    "[a, b]",
    "[a",
    "&a x",
    "*a",
    "!!str 1",
    "!x y",
    "|",
    "|-",
    "|+",
    "|2",
    ">",
    "| # c",
    "'it''s'",
    "'a' b",
    "'a'#b",
    "'a' #b",
    '"a\\"b"',
    '"\\u00e9\\n\\t\\/\\\\"',
    '"\\x41"',
    '"\\ud800"',
    '"\\U0001F600"',
    '"\\e"',
    '"a',
    '"a" "b"',
    '""',
    "''",
    "a  b",
    "a\u00a0b",
    "a\u2028b",
    "a\x85b",
    "\ufeffa",
    "🎉 x",
    "제목",
    "a\tb",
    "a \\ b",
    "<<",
    "--- x",
    "...",
]
LINES = ["---", "...", "", "   ", "# c", "  # c", "\t", "key: |", "  text", "-", "- a", "x: 1"]


def mutate_text(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.choice((1, 1, 2, 3))):
        at = rng.randrange(len(lines))
        line = lines[at]
        roll = rng.random()
        if roll < 0.3 and ": " in line:
            head, _, _ = line.partition(": ")
            lines[at] = f"{head}: {rng.choice(SNIPPETS)}"
        elif roll < 0.4 and ":" in line and rng.random() < 0.5:
            head, _, _ = line.partition(":")
            lines[at] = f"{rng.choice(SNIPPETS)}:{line[len(head) + 1 :]}"
        elif roll < 0.55:
            shift = rng.choice((-2, -1, 1, 2, 4))
            lines[at] = " " * shift + line if shift > 0 else line[-shift:]
        elif roll < 0.65:
            lines.insert(at, rng.choice(LINES))
        elif roll < 0.72:
            lines.insert(at, line)  # a duplicate key, or a second list entry
        elif roll < 0.8:
            del lines[at]
        elif roll < 0.85:
            lines[at] = line + rng.choice([" # c", "#c", "  ", " :", ":", "\t", " |"])
        elif roll < 0.9:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        elif roll < 0.95:
            indent = " " * (len(line) - len(line.lstrip(" ")))
            block = [f"{indent}  " + rng.choice(["t", "# x", "- y", "a: b", ""]) for _ in "abc"]
            lines[at : at + 1] = [f"{indent}note: {rng.choice(['|', '|-'])}", *block]
        else:
            ending = rng.choice(["\r\n", "\r", "\n\n", ""])
            return ending.join(lines) if ending else "\n".join(lines).rstrip("\n")
    return "\n".join(lines)


def loaded(text: str) -> Any:
    try:
        document = load_text(text, "f.yaml")
    except LoadError as error:
        return [d.as_dict() for d in error.diagnostics]
    return strict(document.data), positions(document)


def test_the_yaml_reader_reads_mutated_text_as_the_full_loader() -> None:
    rng = random.Random(1105)
    read_fast = 0
    for case in cases(1500):
        text = mutate_text(rng.choice(VALID), rng)
        with fast_paths(False):
            slow = loaded(text)
        with fast_paths(True):
            fast = loaded(text)
        assert fast == slow, f"case {case}:\n{text}"
        read_fast += fastyaml.parse(text) is not None
    # The mutations must reach the reader, not only its refusals.
    assert read_fast > len(cases(1500)) / 6


def test_what_the_yaml_reader_takes_is_exactly_what_libyaml_reads() -> None:
    """Each value snippet alone, in a mapping, in a list, quoted, in a literal block."""
    forms: list[Callable[[str], str]] = [
        lambda s: f"a: {s}\n",
        lambda s: f"a: {s}\nb: 1\n",
        lambda s: f"a:\n  b: {s}\n  c: 2\n",
        lambda s: f"a:\n- {s}\n- 2\nb: 1\n",
        lambda s: f"a:\n  - k: {s}\n    j: 1\n  - 3\n",
        lambda s: f"a: |\n  {s}\n\n  x\nb: 1\n",
        lambda s: f"a: |-\n    {s}\n  # c\nb: 1\n",
        lambda s: f"{s}: 1\n",
        lambda s: f"---\na: {s}\n...\n",
    ]
    read_fast = 0
    for snippet in SNIPPETS:
        for form in forms:
            text = form(snippet)
            with fast_paths(False):
                slow = loaded(text)
            with fast_paths(True):
                fast = loaded(text)
            assert fast == slow, text
            read_fast += fastyaml.parse(text) is not None
    assert read_fast > 150


# --- the fast check alone ------------------------------------------------------------------


def test_every_shipped_schema_compiles_to_a_fast_check() -> None:
    """A schema with a keyword fastcheck.py does not compile still validates right, but
    every document of its kind takes the slow path: teach fastcheck.py the keyword."""
    for kind in KINDS:
        assert fastcheck.compile_schema(schema._inlined(kind, None))[1] == [], kind
    assert fastcheck.compile_schema(schema._inlined("replies", "front_matter"))[1] == []


QUIRKS: list[tuple[dict[str, Any], Any]] = [
    # jsonschema's own answers, which the fast check must give exactly
    ({"type": "integer"}, 2.0),
    ({"type": "integer"}, True),
    ({"type": "number"}, False),
    ({"type": ["string", "null"]}, None),
    ({"const": 1}, 1.0),
    ({"const": 1}, True),
    ({"const": True}, 1),
    ({"enum": [1, "a"]}, 1.0),
    ({"enum": ["a"]}, ["a"]),
    ({"pattern": "^[a-z]+$"}, "abc\n"),
    ({"pattern": "^[a-z]+$"}, 3),
    ({"format": "date"}, "2026-02-29"),
    ({"format": "date"}, "2028-02-29"),
    ({"format": "date"}, "\uff12\uff10\uff12\uff16-01-01"),
    ({"format": "date"}, 20260101),
    ({"minimum": 0}, float("nan")),
    ({"exclusiveMinimum": 0}, 0),
    ({"minLength": 1}, ""),
    ({"minItems": 1, "maxItems": 2}, [1, 2, 3]),
    ({"uniqueItems": True}, ["a", "a"]),
    ({"items": False}, []),
    ({"propertyNames": {"pattern": "^a"}}, {"ab": 1, "b": 2}),
    ({"minProperties": 1}, {}),
    ({"anyOf": [{"required": ["a"]}, {"required": ["b"]}]}, {"c": 1}),
    ({"oneOf": [{"type": "integer"}, {"minimum": 0}]}, 1),
    ({"not": {"type": "string"}}, 1),
    ({"if": {"type": "string"}, "then": {"enum": ["x"]}}, "y"),
    ({"then": {"enum": ["x"]}}, "y"),
    ({"additionalProperties": False, "patternProperties": {"^x": {"type": "integer"}}}, {"xa": 1}),
    (
        {
            "properties": {"type": {}},
            "allOf": [
                {"if": {"properties": {"type": {"const": "a"}}}, "then": {"properties": {"k": {}}}}
            ],
            "unevaluatedProperties": False,
        },
        {"type": "a", "k": 1},
    ),
    (
        {
            "properties": {"type": {}},
            "allOf": [
                {"if": {"properties": {"type": {"const": "a"}}}, "then": {"properties": {"k": {}}}}
            ],
            "unevaluatedProperties": False,
        },
        {"type": "b", "k": 1},
    ),
]
LENIENT_ONLY: list[tuple[dict[str, Any], Any]] = [
    # valid, but the fast check says "ask jsonschema": rare shapes, or keywords it leaves out
    ({"uniqueItems": True}, [1, True]),
    ({"uniqueItems": True}, [{"a": 1}, {"a": 2}]),
    ({"multipleOf": 2}, 4),
    ({"format": "email"}, "a@b"),
]


@pytest.mark.parametrize(
    ("subschema", "instance", "exact"),
    [*((s, i, True) for s, i in QUIRKS), *((s, i, False) for s, i in LENIENT_ONLY)],
)
def test_the_fast_check_never_accepts_what_jsonschema_rejects(
    subschema: dict[str, Any], instance: Any, exact: bool
) -> None:
    from jsonschema import Draft202012Validator

    check, _ = fastcheck.compile_schema(subschema)
    expected = Draft202012Validator(
        subschema, format_checker=Draft202012Validator.FORMAT_CHECKER
    ).is_valid(instance)
    if exact:
        assert check(instance) == expected
    else:
        assert expected and not check(instance)


def test_a_valid_file_is_checked_without_importing_jsonschema(tmp_path: Path) -> None:
    """jsonschema takes ~0.1 s to import: `sxt validate` on valid files no longer pays it."""
    path = tmp_path / "shop-1" / "maya-okafor.yaml"
    path.parent.mkdir()
    path.write_text(scoring_text(random.Random(3)), "utf-8")
    probe = (
        "import sys; from pathlib import Path; from toolkit.core.validation import check_file\n"
        f"checked = check_file(Path({str(path)!r}), 'f.yaml')\n"
        "assert checked.kind == 'scoring' and not checked.diagnostics, checked.diagnostics\n"
        "print(sorted(m for m in sys.modules if m.startswith('jsonschema')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert result.stdout.strip() == "[]"
