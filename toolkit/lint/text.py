"""Unicode-aware text primitives for the linter: tokens, sentences, syllables, emoji.

Everything works on offsets into the reply's text, so every finding keeps its exact place.
No ASCII assumptions: `\\w` is Unicode in Python, sentence ends include CJK punctuation and a
line break ends a sentence (replies are written in lines: greeting, body, sign-off).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_BOUNDARY = re.compile(
    r"[.!?]+(?=\s|$)"  # Latin sentence ends, before a space: not the dot in example.com
    r"|[。！？]+"  # CJK sentence ends need no space
    r"|\n[ \t]*\n"  # a blank line ends a paragraph
    r"|(?<=[,:;])[ \t]*\n"  # a line ending in , : ; stands alone: "Hi Sam," or "Thanks,"
    r"|\n(?=[ \t]*(?:[-*•]|\d+[.)])[ \t])"  # a list item starts
)
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    folded: str  # case-folded, with typographic apostrophes made plain

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"


def fold(text: str) -> str:
    return text.casefold().replace("’", "'")


def tokens(text: str) -> list[Token]:
    """Words (with inner apostrophes: "don't") and single punctuation or symbol characters."""
    return [Token(m.start(), m.end(), m.group(), fold(m.group())) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    words: int


def sentences(text: str, all_tokens: list[Token]) -> list[Sentence]:
    """Sentences by end punctuation (Latin and CJK), paragraphs and list items. A single line
    break is a soft wrap, as in Markdown, unless the line ends in , : or ; (a greeting or a
    sign-off stands alone); sentences without words are dropped."""
    ends = [match.end() for match in _BOUNDARY.finditer(text)]
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    found = []
    start = index = 0
    for end in ends:
        words = 0
        while index < len(all_tokens) and all_tokens[index].start < end:
            words += all_tokens[index].is_word
            index += 1
        if words:
            found.append(Sentence(start, end, words))
        start = end
    return found


def syllables(word: str) -> int:
    """English syllables by vowel groups, with a silent final e: good enough for a grade."""
    word = word.lower()
    count = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def flesch_kincaid_grade(words: list[str], sentence_count: int) -> float:
    if not words or not sentence_count:
        return 0.0
    syllable_total = sum(syllables(word) for word in words)
    return 0.39 * len(words) / sentence_count + 11.8 * syllable_total / len(words) - 15.59


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
    """Emoji by code point (skin tones and joiners are not counted as more emoji), and the
    common text emoticons when asked; a regex, because a Python loop per character would
    dominate the linter's time."""
    spans = [(m.start(), m.end()) for m in _EMOJI.finditer(text)]
    if emoticons:
        spans += [(m.start(), m.end()) for m in _EMOTICON.finditer(text)]
    return sorted(spans)


def mask_comments(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Blanks HTML comments (keeping every offset and line break) so words inside them are
    not linted, and returns each comment's offset and content for suppression directives."""
    if "<!--" not in text:
        return text, []
    comments = [(m.start(), m.group(1).strip()) for m in _COMMENT.finditer(text)]
    masked = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    return masked, comments
