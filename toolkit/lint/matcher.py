"""One matcher for every phrase of a guide: a single RE2 pattern, scanned once per reply.

RE2 compiles the alternation of all phrases into an automaton, so a reply is scanned once
whatever the number of rules (Python's `re` tries each alternative at each position: 25x
slower here). RE2's `\\b` knows only ASCII, so it serves as a pre-filter that never rejects a
real boundary, and each hit's boundaries are then checked with Unicode word characters.

An automaton returns one match per place, but phrases of different rules overlap ("please
note" holds "please", "card declined" holds "card"), and each rule must see its own. So the
search goes on from the character after each match's start, which finds the longest phrase
at every place a phrase starts, and the shorter phrases starting there too are read off a
table made once per guide (the phrases each phrase starts with).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")

_SPACE = re.compile(r"\s+")
_STEM_RANGES = (
    (0x1100, 0x11FF),
    (0x3130, 0x318F),
    (0xAC00, 0xD7AF),
    (0x3040, 0x30FF),
    (0x4E00, 0x9FFF),
)


def _stem_script(char: str) -> bool:
    """Whether `char` is Hangul, kana or a CJK ideograph: particles and endings attach to the
    stem (결제가 is 결제 + 가), so a phrase ending in these scripts matches at the start of a
    word. Range checks, not a regular expression: compiling that class cost every start 3 ms."""
    code = ord(char)
    return code >= 0x1100 and any(low <= code <= high for low, high in _STEM_RANGES)


def normalize(text: str) -> str:
    """How a phrase and a match are compared: lower case, plain apostrophes, one space."""
    return _SPACE.sub(" ", text.lower().replace("’", "'")).strip()


def _is_word(character: str) -> bool:
    return character.isalnum() or character == "_"


PhraseMatch = tuple[int, int, str, tuple[T, ...]]
"""One phrase found: start and end offsets, the text as written, and what it means there."""

_Row = tuple[
    tuple[T, ...] | None, tuple[tuple[str | None, T], ...], "tuple[tuple[str, _Row[T]], ...] | None"
]
"""A phrase's meanings: all of them when none needs the exact case (one lookup a hit), else
None; the (exact, meaning) pairs to filter then; and the shorter phrases it starts with (each
with its row), longest first, or None."""
_Shorter = tuple[tuple[str, _Row[T]], ...]


def _exactly(entries: tuple[tuple[str | None, T], ...], matched: str) -> tuple[T, ...]:
    """The meanings whose phrase is case-sensitive only where `matched` is written so."""
    exact_match = _SPACE.sub(" ", matched.replace("’", "'"))
    return tuple(meaning for exact, meaning in entries if exact is None or exact == exact_match)


_RE2_FOLDS = str.maketrans({"\u017f": "s", "\u212a": "k", "\u212b": "å"})
"""Letters RE2's case folding matches that str.lower keeps: the long s, the Kelvin and
Ångström signs."""


def _ends_phrase(key: str, cut: int) -> bool:
    """Whether `key[:cut]`, a phrase too, is matched where `key` is: it ends at a word's end
    (or in a stem script, or on a symbol), never inside a word."""
    last, after = key[cut - 1], key[cut]
    if last == " ":
        return False
    return not (_is_word(last) and not _stem_script(last) and _is_word(after))


def _matched_length(matched: str, key: str) -> int:
    """How much of `matched` (a longer phrase as written) the shorter phrase `key` covers:
    a key's one space stands for any run of white space in the text."""
    position = 0
    for character in key:
        if character == " ":
            while position < len(matched) and matched[position].isspace():
                position += 1
        else:
            position += 1
    return position


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _ascii_prefix(text: str) -> int:
    """The length of the text's leading run of ASCII characters."""
    found = _NON_ASCII.search(text)
    return found.start() if found is not None else len(text)


def _no_spans(raw: bytes) -> list[tuple[int, int]]:
    raise AssertionError("the matcher is compiled before its first scan")


def _span_finder(regex: Any) -> Callable[[bytes], list[tuple[int, int]]]:
    """The (start, end) byte spans of every match of a compiled RE2 pattern in a UTF-8 text.

    The wrapper's `finditer` builds a Python match object, through several Python calls, for
    each of a reply's dozen hits: half the cost of the scan. The RE2 object it wraps answers
    the same search in one call a hit, so that is used when this version of google-re2 has it
    (the next search starts one byte after the last match started, so a phrase starting
    inside another is found too; no phrase matches the empty string, and none starts inside
    a character's UTF-8 bytes). Otherwise, the public API.
    """
    import re2

    search = getattr(getattr(regex, "_regexp", None), "Match", None)
    anchor = getattr(getattr(re2, "_Anchor", None), "UNANCHORED", None)
    if search is None or anchor is None:

        def public(raw: bytes) -> list[tuple[int, int]]:
            found: list[tuple[int, int]] = []
            match = regex.search(raw)
            while match is not None:
                found.append(match.span())
                match = regex.search(raw, match.start() + 1)
            return found

        return public

    def spans(raw: bytes) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        position, end = 0, len(raw)
        while position < end:
            span = search(anchor, raw, position, end)[0]
            if span[0] < 0:
                return found
            found.append(span)
            position = span[0] + 1
        return found

    return spans


class PhraseMatcher(Generic[T]):
    """Phrases (words, multi-word phrases, symbols such as "!") mapped to what they mean."""

    def __init__(self) -> None:
        self._entries: dict[str, list[tuple[str | None, T]]] = defaultdict(list)
        self._regex: Any = None
        self._spans: Callable[[bytes], list[tuple[int, int]]] = _no_spans
        self._table: dict[str, _Row[T]] = {}

    def add(self, phrase: str, meaning: T, *, case_sensitive: bool = False) -> bool:
        """False for a phrase with nothing to match (only spaces)."""
        key = normalize(phrase)
        if not key:
            return False
        exact = _SPACE.sub(" ", phrase.replace("’", "'")).strip() if case_sensitive else None
        self._entries[key].append((exact, meaning))
        self._regex = None
        return True

    def _compile(self) -> None:
        import re2

        options = re2.Options()
        options.case_sensitive = False
        options.log_errors = False
        alternatives = [self._pattern(key) for key in sorted(self._entries, key=len, reverse=True)]
        self._regex = re2.compile("|".join(alternatives) or r"[^\s\S]", options)
        self._spans = _span_finder(self._regex)
        # Per key: every meaning at once when none of them needs the exact case (the usual
        # case, one dict lookup a hit), else the (exact, meaning) pairs to filter; and the
        # shorter phrases the key starts with, if any, with their own rows.
        entries = self._entries
        rows: dict[str, tuple[tuple[T, ...] | None, tuple[tuple[str | None, T], ...]]] = {
            key: (
                tuple(meaning for _, meaning in pairs)
                if all(exact is None for exact, _ in pairs)
                else None,
                tuple(pairs),
            )
            for key, pairs in entries.items()
        }

        def row(key: str) -> _Row[T]:
            shorter = tuple(
                (key[:cut], row(key[:cut]))
                for cut in range(len(key) - 1, 0, -1)
                if key[:cut] in rows and _ends_phrase(key, cut)
            )
            return (*rows[key], shorter or None)

        self._table = {key: row(key) for key in entries}

    @staticmethod
    def _pattern(key: str) -> str:
        body = r"\s+".join(re.escape(word).replace("'", "['’]") for word in key.split(" "))
        start = r"\b" if key[0].isascii() and _is_word(key[0]) else ""
        open_end = bool(_stem_script(key[-1]))
        end = r"\b" if key[-1].isascii() and _is_word(key[-1]) and not open_end else ""
        return start + body + end

    def scan(self, text: str) -> Iterator[tuple[int, int, T]]:
        """(start, end, meaning) of every phrase in `text`, overlapping ones too: in order of
        start, the longer first where several start at one place. Which of a rule's own
        overlapping hits count is for its reader to decide (toolkit.lint.engine)."""
        for start, end, _, meanings in self.matches(text):
            for meaning in meanings:
                yield start, end, meaning

    def matches(self, text: str) -> list[PhraseMatch[T]]:
        """Every phrase in `text` as in `scan`, with the text matched and all its meanings at
        once: the engine's hot path, one list and no generator step per meaning."""
        if self._regex is None:
            self._compile()
        # RE2 works on UTF-8: given a str, its wrapper maps every offset back to characters,
        # which costs more than the scan. Scan the bytes and map only the hits (none to map
        # in ASCII text, where bytes and characters coincide).
        raw = text.encode()
        ascii_only = len(raw) == len(text)
        # Up to the first non-ASCII character, bytes and characters coincide and RE2's ASCII
        # \b is exact, as in an ASCII text: only hits beyond it need mapping and checking.
        plain_end = len(raw) if ascii_only else _ascii_prefix(text)
        table = self._table
        found: list[PhraseMatch[T]] = []
        for start, end in self._spans(raw):
            if end < plain_end or ascii_only:
                matched = text[start:end]
            else:
                start, end = len(raw[:start].decode()), len(raw[:end].decode())
                matched = text[start:end]
                if not self._bounded(text, start, end, normalize(matched)):
                    continue
            # Most hits are looked up by their lower case alone. Every key is normalized,
            # so a hit found that way normalizes to itself; one that is not (white space
            # other than one space: "that\rthat" is "that that") is normalized and looked
            # up again.
            row = table.get(matched.lower())
            if row is None:
                key = normalize(matched)
                row = table.get(key)
                if row is None:  # RE2 folds a few letters that lower() keeps (_RE2_FOLDS)
                    folded = table.get(key.translate(_RE2_FOLDS))
                    if folded is not None and folded[2] is not None:
                        self._shorter(text, start, matched, folded[2], not ascii_only, found)
                    continue
            meanings = row[0]
            if meanings is None:
                meanings = _exactly(row[1], matched)
            if meanings:
                found.append((start, end, matched, meanings))
            if row[2] is not None:
                self._shorter(text, start, matched, row[2], not ascii_only, found)
        return found

    def _shorter(
        self,
        text: str,
        start: int,
        matched: str,
        shorter: _Shorter[T],
        check_bounds: bool,
        found: list[PhraseMatch[T]],
    ) -> None:
        """The phrases the match at `start` begins with, longest first: the automaton gave
        only the longest, and another rule may look for "please" in "please note"."""
        for key, row in shorter:
            end = start + _matched_length(matched, key)
            part = text[start:end]
            if part.lower() != key and normalize(part) != key:
                continue  # a letter RE2 folds, which the phrase itself does not match
            if check_bounds and not self._bounded(text, start, end, key):
                continue
            meanings = row[0] if row[0] is not None else _exactly(row[1], part)
            if meanings:
                found.append((start, end, part, meanings))

    @staticmethod
    def _bounded(text: str, start: int, end: int, key: str) -> bool:
        """Unicode word boundaries at both ends (a stem in Hangul or CJK may run on)."""
        if _is_word(key[0]) and start > 0 and _is_word(text[start - 1]):
            return False
        return not (
            _is_word(key[-1])
            and not _stem_script(key[-1])
            and end < len(text)
            and _is_word(text[end])
        )
