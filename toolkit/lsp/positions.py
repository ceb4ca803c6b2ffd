"""From sxt's positions to the Language Server Protocol's.

sxt counts 1-based lines and columns in code points (what a person sees as characters);
LSP counts 0-based lines and, by default, columns in UTF-16 code units. An emoji outside the
Basic Multilingual Plane is one code point but two UTF-16 units, so without this mapping a
finding after an emoji lands one character early in every editor. Hangul syllables are in
the BMP, one unit each: they are the check that nothing is doubled by mistake.

Kept free of pygls and lsprotocol: plain integers, tested without a server.
"""

from __future__ import annotations

UTF16 = "utf-16"


def _width(character: str, encoding: str) -> int:
    if encoding == "utf-32":
        return 1
    if encoding == "utf-8":
        return len(character.encode("utf-8"))
    return 2 if ord(character) > 0xFFFF else 1


def utf16_units(text: str) -> int:
    """How many UTF-16 code units `text` takes."""
    return len(text) + sum(1 for character in text if ord(character) > 0xFFFF)


def units(text: str, encoding: str = UTF16) -> int:
    """How many code units `text` takes in the position encoding agreed with the client:
    UTF-16 unless the client offered UTF-8 or UTF-32 (LSP 3.17 `positionEncodings`)."""
    if encoding == UTF16:
        return utf16_units(text)
    return sum(_width(character, encoding) for character in text)


def to_lsp(
    lines: list[str], line: int | None, col: int | None, encoding: str = UTF16
) -> tuple[int, int]:
    """An sxt (line, col), 1-based in code points, as an LSP (line, character), 0-based in
    code units (UTF-16 by default), for a document split into `lines`. A finding with no
    position (about the whole file) goes on the first character; one past the end is clamped
    to the end, where an editor can still show it."""
    if line is None or not lines:
        return 0, 0
    index = min(max(line, 1), len(lines)) - 1
    text = lines[index]
    column = min(max((col or 1) - 1, 0), len(text))
    return index, units(text[:column], encoding)


def from_lsp(lines: list[str], line: int, character: int, encoding: str = UTF16) -> tuple[int, int]:
    """An LSP (line, character) back to sxt's 1-based (line, col) in code points: where a
    hover lands. A unit inside a character (half a surrogate pair) counts as that character."""
    if not lines:
        return 1, 1
    index = min(max(line, 0), len(lines) - 1)
    count = 0
    for column, character_text in enumerate(lines[index]):
        count += _width(character_text, encoding)
        if count > character:
            return index + 1, column + 1
    return index + 1, len(lines[index]) + 1


def split_lines(text: str) -> list[str]:
    """The document's lines without their endings, as LSP counts them (\\n, \\r\\n or \\r)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
