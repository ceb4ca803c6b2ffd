from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.core.loader import LoadError, Position, load_markdown, load_text


def load_error(text: str) -> tuple[str, str]:
    with pytest.raises(LoadError) as caught:
        load_text(text, "f.yaml")
    first = caught.value.diagnostics[0]
    return first.location(), first.message


def test_positions_of_keys_values_and_list_items() -> None:
    document = load_text(
        "sxt: 1\nitems:\n  culture:\n    level: 7\nlist:\n  - a\n  - b: 1\n", "f.yaml"
    )
    assert document.position(("items", "culture", "level")) == Position(4, 12)
    assert document.position(("items", "culture", "level"), key=True) == Position(4, 5)
    assert document.position(("list", 1)) == Position(7, 5)
    assert document.position(("list", 1, "b")) == Position(7, 8)
    # a missing path falls back to the nearest ancestor's key: the line to look at
    assert document.position(("items", "culture", "owner")) == Position(3, 3)


def test_yaml_1_2_scalars_no_norway_problem() -> None:
    data = load_text(
        "a: no\nb: yes\nc: true\nd: 1\ne: 1.5\nf: ~\ng: 2026-11-23\nh: '7'\ni: 0x10\n", "f.yaml"
    ).data
    assert data == {
        "a": "no",
        "b": "yes",
        "c": True,
        "d": 1,
        "e": 1.5,
        "f": None,
        "g": "2026-11-23",
        "h": "7",
        "i": 16,
    }


def test_columns_count_characters_not_bytes() -> None:
    document = load_text("제목: 안녕하세요\n키: 값\n", "f.yaml")
    assert document.position(("키",)) == Position(2, 4)


@pytest.mark.parametrize(
    ("text", "location", "fragment"),
    [
        ("a: 1\nb: 2\na: 3\n", "f.yaml:3:1", "duplicate key 'a' (first at line 1)"),
        (
            "a: !!python/object:os.system x\n",
            "f.yaml:1:4",
            "tag '!!python/object:os.system' is not allowed",
        ),
        ("a: !custom 3\n", "f.yaml:1:4", "tag '!custom' is not allowed"),
        ("a:\n\tb: 1\n", "f.yaml:2:1", "tab in indentation"),
        ("- a\n- b\n", "f.yaml:1:1", "found a list at the top level, expected a mapping"),
        ("just text\n", "f.yaml:1:1", "found a single value at the top level"),
        ("# only a comment\n", "f.yaml", "file holds only comments"),
        ("\n\n", "f.yaml", "file is empty"),
        ("a: [1, 2\nb: 3\n", "f.yaml:2:2", "YAML syntax error"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1", "a second document"),
        ("a: &a\n  b: *a\n", "f.yaml:1:4", "recursive alias"),
        ("? [a, b]\n: 1\n", "f.yaml:1:3", "a list or mapping used as a key"),
    ],
)
def test_rejects_with_one_line_error(text: str, location: str, fragment: str) -> None:
    found_location, message = load_error(text)
    assert found_location == location
    assert fragment in message
    assert "\n" not in message


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    _, message = load_error("\n".join(lines) + "\n")
    assert "billion laughs" in message


def test_all_duplicate_keys_reported_at_once() -> None:
    with pytest.raises(LoadError) as caught:
        load_text("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n", "f.yaml")
    assert [d.location() for d in caught.value.diagnostics] == ["f.yaml:2:1", "f.yaml:5:3"]


def test_encoding_errors_point_at_the_bad_byte(tmp_path: Path) -> None:
    from toolkit.core.loader import load_file

    path = tmp_path / "latin1.yaml"
    path.write_bytes("title: café\n".encode("latin-1"))
    with pytest.raises(LoadError) as caught:
        load_file(path, "latin1.yaml")
    assert caught.value.diagnostics[0].location() == "latin1.yaml:1:11"
    assert "not valid UTF-8 (byte 0xe9)" in caught.value.diagnostics[0].message


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    from toolkit.core.loader import load_file

    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert load_file(path).data == {"a": 1}


def test_markdown_front_matter_positions_point_into_the_markdown_file(tmp_path: Path) -> None:
    path = tmp_path / "reply.md"
    path.write_text("---\ntitle: Hello\ntags: [billing]\n---\nHi there,\n", encoding="utf-8")
    markdown = load_markdown(path, "reply.md")
    assert markdown.front_matter.data == {"title": "Hello", "tags": ["billing"]}
    assert markdown.front_matter.position(("tags",)) == Position(3, 7)
    assert markdown.body == "Hi there,\n"
    assert markdown.body_line == 5


def test_markdown_without_front_matter_is_all_body(tmp_path: Path) -> None:
    path = tmp_path / "plain.md"
    path.write_text("Hi there,\n", encoding="utf-8")
    markdown = load_markdown(path)
    assert markdown.front_matter.data == {}
    assert markdown.body == "Hi there,\n"


@pytest.mark.parametrize(
    ("text", "line", "col", "code"),
    [
        ("sxt: 1\nkind: audit\nx: a\x1fb\n", 3, 5, "\\x1f"),
        ("sxt: 1\ntitle: é€😀 \x9b\n", 2, 12, "\\x9b"),
        ("sxt: 1\nx: \ufffe\n", 2, 4, "\\ufffe"),
    ],
)
def test_a_control_character_is_refused_at_its_place(text: str, line: int, col: int, code: str):
    """libyaml gives no mark for these, only a byte offset: the error still says where."""
    with pytest.raises(LoadError) as caught:
        load_text(text, "doc.yaml")
    (found,) = caught.value.diagnostics
    assert (found.line, found.col, found.code) == (line, col, "control-character")
    assert "\n" not in found.message and code in found.message
