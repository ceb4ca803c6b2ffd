"""One matcher for every phrase of a guide: a single RE2 pattern, scanned once per reply.

RE2 compiles the alternation of all phrases into an automaton, so a reply is scanned once
whatever the number of rules (Python's `re` tries each alternative at each position: 25x
slower here). RE2's `\\b` knows only ASCII, so it serves as a pre-filter that never rejects a
real boundary, and each hit's boundaries are then checked with Unicode word characters.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_SPACE = re.compile(r"\s+")
_STEM_SCRIPT = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af\u3040-\u30ff\u4e00-\u9fff]")
"""Hangul, kana and CJK ideographs: particles and endings attach to the stem (결제가 is
결제 + 가), so a phrase ending in these scripts matches at the start of a word."""


def normalize(text: str) -> str:
    """How a phrase and a match are compared: lower case, plain apostrophes, one space."""
    return _SPACE.sub(" ", text.lower().replace("’", "'")).strip()


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"


class PhraseMatcher(Generic[T]):
    """Phrases (words, multi-word phrases, symbols such as "!") mapped to what they mean."""

    def __init__(self) -> None:
        self._entries: dict[str, list[tuple[str | None, T]]] = defaultdict(list)
        self._regex: Any = None

    def add(self, phrase: str, meaning: T, *, case_sensitive: bool = False) -> bool:
        """False for a phrase with nothing to match (only spaces)."""
        key = normalize(phrase)
        if not key:
            return False
        exact = _SPACE.sub(" ", phrase.replace("’", "'")).strip() if case_sensitive else None
        self._entries[key].append((exact, meaning))
        self._regex = None
        return True

    def _compile(self) -> Any:
        import re2

        options = re2.Options()
        options.case_sensitive = False
        options.log_errors = False
        alternatives = [self._pattern(key) for key in sorted(self._entries, key=len, reverse=True)]
        return re2.compile("|".join(alternatives) or r"[^\s\S]", options)

    @staticmethod
    def _pattern(key: str) -> str:
        body = r"\s+".join(re.escape(word).replace("'", "['’]") for word in key.split(" "))
        start = r"\b" if key[0].isascii() and _is_word(key[0]) else ""
        open_end = bool(_STEM_SCRIPT.match(key[-1]))
        end = r"\b" if key[-1].isascii() and _is_word(key[-1]) and not open_end else ""
        return start + body + end

    def scan(self, text: str) -> Iterator[tuple[int, int, T]]:
        """(start, end, meaning) of every phrase in `text`; where phrases overlap, the
        longest one starting first wins, as a reader would read it."""
        if self._regex is None:
            self._regex = self._compile()
        # RE2 works on UTF-8: given a str, its wrapper maps every offset back to characters,
        # which costs more than the scan. Scan the bytes and map only the hits (none to map
        # in ASCII text, where bytes and characters coincide).
        raw = text.encode()
        ascii_only = len(raw) == len(text)
        for match in self._regex.finditer(raw):
            start, end = match.span()
            if ascii_only:
                matched = text[start:end]
                # ASCII text: RE2's \b is exact here, and most matches need only lower().
                simple = "  " not in matched and "\n" not in matched and "\t" not in matched
                key = matched.lower() if simple else normalize(matched)
            else:
                start = len(raw[:start].decode())
                end = start + len(match.group().decode())
                matched = text[start:end]
                key = normalize(matched)
                if not self._bounded(text, start, end, key):
                    continue
            exact_match = None
            for exact, meaning in self._entries.get(key, ()):
                if exact is not None:
                    exact_match = exact_match or _SPACE.sub(" ", matched.replace("’", "'"))
                    if exact_match != exact:
                        continue
                yield start, end, meaning

    @staticmethod
    def _bounded(text: str, start: int, end: int, key: str) -> bool:
        """Unicode word boundaries at both ends (a stem in Hangul or CJK may run on)."""
        if _is_word(key[0]) and start > 0 and _is_word(text[start - 1]):
            return False
        return not (
            _is_word(key[-1])
            and not _STEM_SCRIPT.match(key[-1])
            and end < len(text)
            and _is_word(text[end])
        )
