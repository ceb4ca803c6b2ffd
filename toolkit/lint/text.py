"""Unicode-aware text primitives for the linter: tokens, sentences, syllables, emoji.

Everything works on offsets into the reply's text, so every finding keeps its exact place.
No ASCII assumptions: `\\w` is Unicode in Python, sentence ends include CJK punctuation and a
line break ends a sentence (replies are written in lines: greeting, body, sign-off).
"""

from __future__ import annotations

import re
from itertools import islice
from operator import eq
from typing import NamedTuple

WORD = re.compile(r"\w+(?:['’]\w+)*")
_TOKEN = re.compile(r"(\w+(?:['’]\w+)*)|[^\w\s]")
# Every branch starts with one of a few characters. The pattern consumes that character
# first and lets a lookbehind pick the branch: a pattern that opens with a character class is
# searched by skipping to the next candidate character in C, while one that opens with an
# alternation of repeats is tried branch by branch at every position (4x slower here).
_BOUNDARY = re.compile(
    r"[.!?。！？\n,:;]"
    r"(?:(?<=[.!?])[.!?]*(?=\s|$)"  # Latin sentence ends, before a space: not example.com
    r"|(?<=[。！？])[。！？]*"  # CJK sentence ends need no space
    r"|(?<=\n)[ \t]*\n"  # a blank line ends a paragraph
    r"|(?<=[,:;])[ \t]*\n(?:[ \t]*\n)?"  # a line ending in , : ; stands alone: "Hi Sam,"
    r"|(?<=\n)(?=[ \t]*(?:[-*•]|\d+[.)])[ \t]))"  # a list item starts
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


class Sentence(NamedTuple):
    """A tuple, as Token: a reply has about ten, built for every reply."""

    start: int
    end: int
    words: int


def sentences(text: str) -> list[Sentence]:
    """Sentences by end punctuation (Latin and CJK), paragraphs and list items. A single line
    break is a soft wrap, as in Markdown, unless the line ends in , : or ; (a greeting or a
    sign-off stands alone); sentences without words are dropped."""
    return sentences_and_chunks(text)[0]


def sentences_and_chunks(text: str) -> tuple[list[Sentence], list[str]]:
    """The sentences, and the words of each in text order as readability formulas count them
    (the whitespace-separated chunks): one pass for the sentence lengths, the syllables and
    the repeated words (`word_stats`)."""
    ends = [match.end() for match in _BOUNDARY.finditer(text)]
    if not ends or ends[-1] < len(text):
        ends.append(len(text))
    found = []
    chunks: list[str] = []
    start = 0
    new = tuple.__new__  # what Sentence._make calls, without its Python frame
    for end in ends:
        words = text[start:end].split()
        if words:
            found.append(new(Sentence, (start, end, len(words))))
            chunks += words
        start = end
    return found, chunks


_SILENT_E = re.compile(r"[aeiouy][^\Waeiouy]*[^\Waeiouyl]e\b")
_NO_VOWEL = re.compile(r"\b[^\Waeiouy\d_]+\b")
_WORD_RUN = re.compile(r"\w+")


class WordStats(NamedTuple):
    """What the readability and repeated-word checks need from a text's words."""

    syllables: int
    may_repeat: bool  # two neighbouring words could be the same word, once folded


_Chunk = tuple[int, str | None, str]
"""A chunk's syllables, and the word run its folded form starts with (None if it starts with
a symbol) and ends with ("" if it ends with one)."""
_CHUNKS: dict[str, _Chunk] = {}
_CHUNK_CACHE_LIMIT = 100_000


def word_stats(chunks: list[str]) -> WordStats:
    """The syllables of a text's chunks (from `sentences_and_chunks`, or `str.split`), and
    whether its folded text (`fold`) may hold a repeated word: each chunk is worked out once
    and remembered, because replies share most of their words, where three syllable regexes
    over every reply, and a regex for repeats, cost more than the rest of their checks.

    Both add up over chunks: every syllable pattern and every repeat ("the the") lies within
    runs of word characters, which whitespace ends (as do 。！？, where a sentence may end
    inside a chunk). A repeat is a chunk ending in a word run followed by a chunk starting
    with the same run; a chunk folds as it does inside the text, as lower case depends on
    nothing beyond whitespace, or those three (a final sigma looks only at its own word).
    """
    if not chunks:
        return WordStats(0, False)
    cache = _CHUNKS
    try:
        found = list(map(cache.__getitem__, chunks))
    except KeyError:
        if len(cache) > _CHUNK_CACHE_LIMIT:
            cache.clear()  # a bound, not an LRU: a run over many distinct words stays linear
        found = []
        for chunk in chunks:  # never reads back what it stored: safe if a thread clears
            known = cache.get(chunk)
            if known is None:
                known = cache[chunk] = _chunk(chunk)
            found.append(known)
    counts, firsts, lasts = zip(*found, strict=True)
    return WordStats(sum(counts), any(map(eq, lasts, islice(firsts, 1, None))))


def _chunk(chunk: str) -> _Chunk:
    folded = fold(chunk)
    runs = list(_WORD_RUN.finditer(folded))
    first = runs[0].group() if runs and runs[0].start() == 0 else None
    last = runs[-1].group() if runs and runs[-1].end() == len(folded) else ""
    return _syllables(folded), first, last


def syllables(text: str) -> int:
    """English syllables by vowel groups, less a silent final e, at least one a word: good
    enough for a reading grade."""
    return word_stats(text.split()).syllables


def word_syllables(word: str) -> int:
    """One word's syllables, counted as `syllables` counts a text's: what a count of long
    words (SMOG, Gunning Fog) needs."""
    return _syllables(word.lower())


def _syllables(lowered: str) -> int:
    groups = len(_VOWEL_GROUPS.findall(lowered))
    return groups - len(_SILENT_E.findall(lowered)) + len(_NO_VOWEL.findall(lowered))


def flesch_kincaid_grade(text: str, word_count: int, sentence_count: int) -> float:
    if not word_count or not sentence_count:
        return 0.0
    return grade(word_count, sentence_count, syllables(text))


def grade(word_count: int, sentence_count: int, syllable_count: int) -> float:
    """The Flesch-Kincaid grade from counts the caller already has."""
    if not word_count or not sentence_count:
        return 0.0
    return 0.39 * word_count / sentence_count + 11.8 * syllable_count / word_count - 15.59


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


def _emoticon_pattern(emoticons: tuple[str, ...]) -> str:
    """Emoticons not inside a word or another emoticon, grouped by their first character,
    which is matched first: a pattern that opens with a character class is searched by
    skipping to candidates in C, one that opens with a lookbehind is tried at every position
    (4x slower). Within a group the alternatives keep their order, so the same one wins."""
    groups: dict[str, list[str]] = {}
    for emoticon in emoticons:
        groups.setdefault(emoticon[0], []).append(re.escape(emoticon[1:]))
    firsts = "".join(re.escape(first) for first in groups)
    branches = "|".join(
        f"(?<={re.escape(first)})(?:{'|'.join(rests)})" for first, rests in groups.items()
    )
    return rf"[{firsts}](?<![\w:;<][{firsts}])(?:{branches})(?![\w)(/])"


_EMOTICON = re.compile(_emoticon_pattern(EMOTICONS))


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


_FENCE = re.compile(
    r"^[ \t]{0,3}(?P<f>(?P<c>[`~])(?P=c){2,}).*?(?:^[ \t]{0,3}(?P=f)(?P=c)*[ \t]*$|\Z)",
    re.MULTILINE | re.DOTALL,
)
"""Fenced code, to its closing fence or else the end, as CommonMark has it."""
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.DOTALL)
"""A code span, which ends at its paragraph: a stray backtick does not hide the rest."""
_LINK_TARGET = re.compile(
    r"""\]\((<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))*(?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'))?)[ \t]*\)"""
)
"""A link's or an image's target and title: `[text](target "title")`."""
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(\S+)", re.MULTILINE)
"""A link reference definition's target: `[docs]: docs/kindly.html`."""
_URL = re.compile(r"""(?:\b(?:https?|ftp)://|\bwww\.|\bmailto:)[^\s<>"'`]*[^\s<>"'`.,;:!?)\]}]""")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


_MARKERS = re.compile(r"[`~\]@]")
"""Fences, code spans, link targets and reference definitions, and email addresses each
hold one of these (and `mailto:` an @)."""


def mask_code(text: str) -> str:
    """Blanks what a reader does not read as prose: fenced code, code spans, link targets,
    URLs and email addresses (keeping every offset and line break), so no rule finds a word
    there and --fix never rewrites one: `kindly.html` and `` `utilize --kindly` `` are names
    to copy, not words to improve. Each pass runs only when the text holds what it looks
    for, which most replies do not: the checks are substring tests in C, after one scan for
    the characters all but a URL need."""
    if "://" not in text and "www." not in text and _MARKERS.search(text) is None:
        return text
    if "```" in text or "~~~" in text:
        text = _FENCE.sub(_blank, text)
    if "`" in text:
        text = _CODE_SPAN.sub(_blank, text)
    if "](" in text:
        text = _LINK_TARGET.sub(_blank_target, text)
    if "]:" in text:
        text = _REFERENCE.sub(_blank_target, text)
    if "://" in text or "www." in text or "mailto:" in text:
        text = _URL.sub(_blank, text)
    if "@" in text:
        text = _EMAIL.sub(_blank, text)
    return text


def _blank(match: re.Match[str]) -> str:
    found = match.group()
    return re.sub(r"[^\n]", " ", found) if "\n" in found else " " * len(found)


def _blank_target(match: re.Match[str]) -> str:
    """The match with its first group blanked: the `](` and `)` around a target stay."""
    found, start = match.group(), match.start(1) - match.start()
    end = match.end(1) - match.start()
    return found[:start] + " " * (end - start) + found[end:]


def starred(original: str, masked: str) -> str:
    """`masked` (`mask_code` of `original`) with each blanked character that was not space
    written as `*`, but fenced code left blank. This is how a Vale rule sees code spans, URLs
    and link targets, as Vale shows them to it: a word it cannot match. Left blank they read
    as runs of spaces (a spacing rule's "two spaces"), and a fence's lines as words."""
    if masked == original:
        return masked
    chars = [
        "*" if seen != kept and not seen.isspace() else kept
        for seen, kept in zip(original, masked, strict=True)
    ]
    if "```" in original or "~~~" in original:
        for fence in _FENCE.finditer(original):
            chars[fence.start() : fence.end()] = masked[fence.start() : fence.end()]
    return "".join(chars)
