"""Properties of every reader and writer of a user's text, over text hypothesis makes up: the
loader, the validator, the reply sources and the exports either do their work or report a
problem at `path:line:col`, never raise anything else, and never hand a terminal, a CI log
or a browser a control character or markup of the user's own.

The hand-written cases next to each module pin exact messages; these look for the input
nobody thought to write. The example counts come from the hypothesis profile in
tests/conftest.py (HYPOTHESIS_PROFILE=fuzz for many more).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from html_checks import FORBIDDEN, parsed
from hypothesis import given
from hypothesis import strategies as st
from mutations import HOSTILE, RAW_CONTROL, Mutation, mutations

from toolkit.core.content import shipped_root
from toolkit.core.diagnostics import Diagnostic, printable_json
from toolkit.core.loader import (
    Document,
    LoadError,
    decode,
    load_file,
    load_markdown_text,
    load_text,
)
from toolkit.core.validation import check_text, validate
from toolkit.journey.export import as_json, markdown, mermaid
from toolkit.journey.html import journey_html
from toolkit.journey.model import journey_from
from toolkit.journey.terminal import render_map
from toolkit.lint.sources import read_replies_from_text
from toolkit.render.diagnostics import FORMATS, Summary, render

SHIPPED = shipped_root()
SHIPPED_FILES = sorted(
    path.relative_to(SHIPPED).as_posix()
    for path in SHIPPED.rglob("*")
    if path.suffix in (".yaml", ".md")
)

# --- text to read --------------------------------------------------------------------------------

_YAMLISH = st.lists(
    st.one_of(
        st.sampled_from([*":-[]{},#&*!|>'\"%@`?\n\t \\", "sxt: 1\n", "kind: ", "  "]),
        st.characters(codec="utf-8"),
    ),
    max_size=60,
).map("".join)
_DATA = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=12,
)


def _mutated_shipped(mutation: Mutation) -> bytes:
    return mutation.apply((SHIPPED / mutation.path).read_bytes())


_SHIPPED_BROKEN = mutations(SHIPPED_FILES).map(_mutated_shipped)

yaml_text = st.one_of(
    _YAMLISH,
    _DATA.map(lambda data: yaml.safe_dump(data, allow_unicode=True)),
    _SHIPPED_BROKEN.map(lambda raw: raw.decode("utf-8", "replace")),
)
"""Made-up text in YAML's alphabet, YAML of made-up data, and a shipped document broken by
one of the mutation suite's mutations."""
raw_bytes = st.one_of(st.binary(max_size=60), _SHIPPED_BROKEN)


def assert_placed(diagnostics: list[Diagnostic], display: str, text: str | None = None) -> None:
    """Every problem is in the file it is about, at a line:col inside it (or about the whole
    file), with a message to read."""
    assert diagnostics
    lines = len(text.splitlines()) + 1 if text is not None else None  # YAML breaks at CR too
    for d in diagnostics:
        assert d.path == display and d.message and d.severity == "error"
        if d.line is not None:
            assert d.line >= 1 and (d.col or 1) >= 1
            assert lines is None or d.line <= lines, (d, lines)


def assert_printable(output: str) -> None:
    raw = RAW_CONTROL.search(output)
    assert raw is None, (
        f"raw {raw.group()!r} in {output[max(raw.start() - 40, 0) : raw.end() + 40]!r}"
    )


# --- the loader ---------------------------------------------------------------------------------


@given(yaml_text)
def test_load_text_gives_a_document_or_placed_problems(text: str):
    try:
        document = load_text(text, "doc.yaml")
    except LoadError as error:
        assert_placed(error.diagnostics, "doc.yaml", text)
    else:
        assert isinstance(document.data, dict)
        assert document.position(("kind",)).line >= 1  # positions can be read, lazily too


@given(raw_bytes)
def test_decode_and_load_file_give_text_or_placed_problems(tmp_path_factory, raw: bytes):
    try:
        text = decode(raw, "doc.yaml")
    except LoadError as error:
        assert_placed(error.diagnostics, "doc.yaml")
        return
    assert isinstance(text, str)
    path = tmp_path_factory.mktemp("load") / "doc.yaml"
    path.write_bytes(raw)
    try:
        load_file(path, "doc.yaml")
    except LoadError as error:
        assert_placed(error.diagnostics, "doc.yaml", text)


@given(st.one_of(yaml_text, yaml_text.map(lambda text: f"---\n{text}\n---\nBody\n")))
def test_markdown_front_matter_gives_a_file_or_placed_problems(text: str):
    try:
        load_markdown_text(text, Path("reply.md"), "reply.md")
    except LoadError as error:
        assert_placed(error.diagnostics, "reply.md", text)


# --- the validator ------------------------------------------------------------------------------

LINE = re.compile(r"^[^:\n]+(?::\d+:\d+)?: (error|warning|suggestion): \S")


def assert_rendered(diagnostics: list[Diagnostic]) -> None:
    """Each finding reads `path:line:col: severity: message` on one line, nothing raw in it."""
    output = render("text", diagnostics, Summary(files=1))
    assert_printable(output)
    for line in output.splitlines()[: len(diagnostics)]:
        assert LINE.match(line), line


@pytest.mark.parametrize("name", ["doc.yaml", "reply.md"])
@given(text=yaml_text)
def test_check_text_gives_only_diagnostics(name: str, text: str):
    checked = check_text(Path(name), name, text)
    assert all(d.path == name for d in checked.diagnostics)
    assert_rendered(checked.diagnostics)


@given(mutation=st.data())
def test_validate_a_workspace_with_one_broken_file(validated_workspace: Path, mutation):
    """validate() on the whole workspace, one file broken: every file gets its findings,
    none raises, and the broken file's neighbours are still checked."""
    root = validated_workspace
    drawn = mutation.draw(mutations(sorted(_documents(root))))
    path = root / drawn.path
    before = path.read_bytes()
    try:
        path.write_bytes(drawn.apply(before))
        report = validate(sorted(root.rglob("*.yaml")) + sorted(root.rglob("*.md")), root)
    finally:
        path.write_bytes(before)
    assert len(report.files) == len(_documents(root))
    assert_rendered(report.diagnostics)


def _documents(root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in root.rglob("*") if p.suffix in (".yaml", ".md")]


@pytest.fixture(scope="module")
def validated_workspace(tmp_path_factory) -> Path:
    from mutations import seed_workspace

    return seed_workspace(tmp_path_factory.mktemp("validate") / "ws")


# --- reply sources ------------------------------------------------------------------------------

_WORDS = st.one_of(st.text(max_size=30), st.sampled_from(HOSTILE), st.just("<p>Hi {{name}}</p>"))
_MACRO = st.fixed_dictionaries(
    {"id": st.integers() | st.text(max_size=5), "title": _WORDS},
    optional={
        "actions": st.lists(
            st.fixed_dictionaries(
                {"field": st.sampled_from(["comment_value", "comment_value_html", "subject"])},
                optional={"value": _WORDS | st.lists(_WORDS, max_size=2)},
            ),
            max_size=3,
        ),
        "body_text": _WORDS,
        "body_html": _WORDS,
        "content_html": _WORDS,
        "text": _WORDS,
    },
)
_JSON = st.one_of(
    st.lists(_MACRO, max_size=3).map(lambda macros: json.dumps({"macros": macros})),
    st.lists(_MACRO, max_size=3).map(json.dumps),
    _DATA.map(json.dumps),
    st.text(alphabet='{}[]":,0123456789 \\nrtu', max_size=40),
)


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows([["title", "body"], *rows])
    return out.getvalue()


_CSV = st.one_of(
    st.lists(st.lists(_WORDS, min_size=0, max_size=3), max_size=4).map(_csv),
    st.text(alphabet='title,body;\t"\r\n x', max_size=40),
)
_YAML_REPLIES = st.lists(
    st.fixed_dictionaries({"title": _WORDS, "text": _WORDS}, optional={"key": _WORDS}), max_size=3
).map(lambda replies: yaml.safe_dump({"sxt": 1, "kind": "replies", "replies": replies}))
_BARE_YAML_REPLIES = st.lists(
    st.fixed_dictionaries({"title": _WORDS, "body": _WORDS}, optional={"tags": _WORDS}),
    min_size=1,
    max_size=3,
).map(yaml.safe_dump)
REPLY_TEXT = {
    "replies.json": _JSON,
    "replies.csv": _CSV,
    "replies.tsv": _CSV.map(lambda text: text.replace(",", "\t")),
    "replies.yaml": st.one_of(_YAML_REPLIES, yaml_text),
    "bare.yml": st.one_of(_BARE_YAML_REPLIES, _BARE_YAML_REPLIES.map(lambda text: text + "x: 1\n")),
    "reply.md": st.one_of(yaml_text, _WORDS.map(lambda body: f"---\ntitle: x\n---\n{body}\n")),
    "library.md": st.lists(st.tuples(_WORDS, _WORDS | st.just("```\n## x\n")), max_size=3).map(
        lambda parts: "---\nkind: replies\n---\n" + "".join(f"## {t}\n{b}\n" for t, b in parts)
    ),
    "stdin": st.one_of(_JSON, _YAML_REPLIES, _WORDS),
}


@pytest.mark.parametrize("display", REPLY_TEXT)
@given(data=st.data())
def test_reply_sources_give_replies_located_in_the_file_or_placed_problems(display: str, data):
    text = data.draw(REPLY_TEXT[display])
    try:
        replies = read_replies_from_text(text, display)
    except LoadError as error:
        assert_placed(error.diagnostics, display, text)
        return
    for reply in replies:
        assert reply.source == display
        for offset in {0, len(reply.text) // 2, max(len(reply.text) - 1, 0)}:
            where = reply.locate(offset)
            assert 1 <= where.line <= len(text.splitlines()) + 1 and where.col >= 1, (reply, offset)


# --- exports --------------------------------------------------------------------------------------

hostile_text = st.one_of(
    st.sampled_from(HOSTILE),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20),
    st.tuples(st.sampled_from(HOSTILE), st.text(max_size=5)).map("".join),
)


def _hostile_strings(data: Any, draw: Any, keep: frozenset[str]) -> Any:
    """`data` with every string a person types replaced by a drawn one; ids and references
    (`keep`) stay, so the document still holds together and every writer is reached."""
    if isinstance(data, dict):
        return {k: v if k in keep else _hostile_strings(v, draw, keep) for k, v in data.items()}
    if isinstance(data, list):
        return [_hostile_strings(item, draw, keep) for item in data]
    return draw(hostile_text) if isinstance(data, str) else data


JOURNEY = SHIPPED / "journeys" / "first-billing-issue.yaml"
JOURNEY_KEEP = frozenset(
    {"sxt", "kind", "id", "checklist", "checklist_item", "validated", "emotion"}
)


@given(data=st.data())
def test_journey_exports_keep_hostile_text_as_text(data):
    shipped = load_file(JOURNEY, "journeys/first-billing-issue.yaml")
    hostile = _hostile_strings(shipped.data, data.draw, JOURNEY_KEEP)
    journey = journey_from(Document(shipped.path, shipped.display, hostile))
    finding = Diagnostic(shipped.display, 3, 1, "warning", "journey/x", data.draw(hostile_text))
    page = journey_html(journey, {}, [finding])
    assert {tag for tag, _ in parsed(page).tags} & FORBIDDEN == set()
    assert not re.search(r"<script>alert|<img src=x", page)
    for output in (page, markdown(journey), mermaid(journey), render_map(journey, 100)):
        assert_printable(output)
    assert_printable(printable_json(json.dumps(as_json(journey), ensure_ascii=False)))


diagnostics = st.lists(
    st.builds(
        Diagnostic,
        path=hostile_text.filter(bool),
        line=st.none() | st.integers(min_value=1, max_value=10**6),
        col=st.none() | st.integers(min_value=1, max_value=10**4),
        severity=st.sampled_from(["error", "warning", "suggestion"]),
        code=hostile_text.filter(bool),
        message=hostile_text,
    ),
    max_size=4,
)


@pytest.mark.parametrize("fmt", FORMATS)
@given(found=diagnostics)
def test_every_diagnostics_format_keeps_the_text_and_nothing_raw(fmt: str, found):
    output = render(fmt, found, Summary(files=len(found) + 1, show_codes=True))
    assert_printable(output)
    if fmt == "json":
        assert [d["message"] for d in json.loads(output)["diagnostics"]] == [
            d.message for d in found
        ]
    if fmt == "sarif":
        results = json.loads(output)["runs"][0]["results"]
        assert [r["message"]["text"] for r in results] == [d.message for d in found]
