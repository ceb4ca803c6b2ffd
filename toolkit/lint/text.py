"""Unicode-aware text primitives for the linter: tokens, sentences, syllables, emoji.

Everything works on offsets into the reply's text, so every finding keeps its exact place.
No ASCII assumptions: `\\w` is Unicode in Python, sentence ends include CJK punctuation and a
line break ends a sentence (replies are written in lines: greeting, body, sign-off).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

WORD = re.compile(r"\w+(?:['’]\w+)*")
_TOKEN = re.compile(r"(\w+(?:['’]\w+)*)|[^\w\s]")
# Every branch starts with a fixed character, so the engine can skip to candidates instead
# of trying each branch at every position.
_BOUNDARY = re.compile(
    r"[.!?]+(?=\s|$)"  # Latin sentence ends, before a space: not the dot in example.com
    r"|[。！？]+"  # CJK sentence ends need no space
    r"|\n[ \t]*\n"  # a blank line ends a paragraph
    r"|[,:;][ \t]*\n(?:[ \t]*\n)?"  # a line ending in , : ; stands alone: "Hi Sam," "Thanks,"
    r"|\n(?=[ \t]*(?:[-*•]|\d+[.)])[ \t])"  # a list item starts
)
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


class Token(NamedTuple):
    """A tuple, not a dataclass: a reply has a hundred tokens and the linter sees thousands
    of replies a second, so construction cost matters."""

    start: int
    end: int
    text: str
    folded: str  # case-folded, with typographic apostrophes made plain
    is_word: bool


def fold(text: str) -> str:
    """Lower case with plain apostrophes: how phrases and replies are compared. (Not
    casefold: it changes lengths, and offsets into the reply must stay exact.)"""
    folded = text.lower()
    return folded.replace("’", "'") if "’" in folded else folded


def tokens(text: str) -> list[Token]:
    """Words (with inner apostrophes: "don't") and single punctuation or symbol characters.
    The hot path of the linter: the text is folded once, not token by token."""
    folded = fold(text)
    if len(folded) != len(text):  # a rare character whose lower case is longer ('İ')
        return [
            Token(m.start(), m.end(), m.group(), fold(m.group()), m.lastindex == 1)
            for m in _TOKEN.finditer(text)
        ]
    make = Token._make  # tuple.__new__ in C: a third of the cost of calling Token(...)
    return [
        make((m.start(), m.end(), text[m.start() : m.end()], m.group(), m.lastindex == 1))
        for m in _TOKEN.finditer(folded)
    ]


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    words: int


def sentences(text: str) -> list[Sentence]:
    """Sentences by end punctuation (Latin and CJK), paragraphs and list items. A single line
    break is a soft wrap, as in Markdown, unless the line ends in , : or ; (a greeting or a
    sign-off stands alone); sentences without words are dropped."""
    ends = [match.end() for match in _BOUNDARY.finditer(text)]
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    found = []
    start = 0
    for end in ends:
        # Words as readability formulas count them: the whitespace-separated chunks.
        words = len(text[start:end].split())
        if words:
            found.append(Sentence(start, end, words))
        start = end
    return found


_SILENT_E = re.compile(r"[aeiouy][^\Waeiouy]*[^\Waeiouyl]e\b")
_NO_VOWEL = re.compile(r"\b[^\Waeiouy\d_]+\b")


def syllables(text: str) -> int:
    """English syllables by vowel groups, less a silent final e, at least one a word: good
    enough for a reading grade, in three regex passes over the text instead of one a word."""
    lowered = text.lower()
    groups = len(_VOWEL_GROUPS.findall(lowered))
    return groups - len(_SILENT_E.findall(lowered)) + len(_NO_VOWEL.findall(lowered))


def flesch_kincaid_grade(text: str, word_count: int, sentence_count: int) -> float:
    if not word_count or not sentence_count:
        return 0.0
    return 0.39 * word_count / sentence_count + 11.8 * syllables(text) / word_count - 15.59


_EMOJI = re.compile(
    "[\U0001f300-\U0001faff\U0001f000-\U0001f2ff\u2600-\u27bf\u2b00-\u2bff"
    "\u203c\u2049\u2122\u2139\u3030\u303d\u3297\u3299]"
)
EMOTICONS = (
    ":-)",
    ":)",
    ";-)",
    ";)",
    ":-(",
    ":(",
    ":-D",
    ":D",
    ":-P",
    ":P",
    ":p",
    "<3",
    ":'(",
    ":/",
)
_EMOTICON = re.compile(
    r"(?<![\w:;<])(?:" + "|".join(re.escape(e) for e in EMOTICONS) + r")(?![\w)(/])"
)


def emoji_spans(text: str, emoticons: bool) -> list[tuple[int, int]]:
    """Emoji by code point (skin tones and joiners are not counted as more emoji) and, when
    asked, text emoticons, in text order. Regexes, because a Python loop per character
    would dominate the linter's time."""
    spans = _emoji(text)
    return sorted(spans + _emoticons(text)) if emoticons else spans


def _emoji(text: str) -> list[tuple[int, int]]:
    if text.isascii():
        return []  # a constant-time check on CPython strings, true of most replies
    return [(m.start(), m.end()) for m in _EMOJI.finditer(text)]


def _emoticons(text: str) -> list[tuple[int, int]]:
    if ":" not in text and ";" not in text and "<" not in text:
        return []  # the common case, without a regex scan
    return [(m.start(), m.end()) for m in _EMOTICON.finditer(text)]


def mask_comments(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Blanks HTML comments (keeping every offset and line break) so words inside them are
    not linted, and returns each comment's offset and content for suppression directives."""
    if "<!--" not in text:
        return text, []
    comments = [(m.start(), m.group(1).strip()) for m in _COMMENT.finditer(text)]
    masked = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    return masked, comments
