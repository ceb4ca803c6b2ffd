"""What a rule of a Vale style does to one reply: the blocks its scope names, and its check.

Vale (vale.sh) runs each rule's pattern over the blocks of a document its `scope` names
(paragraphs, headings, sentences, the raw source). A reply is Markdown, so its blocks are
found here from its lines: a blank line ends a block, and a heading or a list item is a block
of its own, without its `#` or `-`. Code spans, URLs and link targets read as `*`, as Vale
shows them to a rule. Patterns are compiled with RE2 as Vale writes them (its Go regexp is
RE2 too), so a rule matches here what it matches under Vale; toolkit.lint.vale builds the
checks from a style's files.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from toolkit.lint import text as textlib


class Alert(NamedTuple):
    start: int
    end: int
    message: str
    replacement: str | None = None  # what --fix writes, when the rule's action says one


class Block(NamedTuple):
    """A run of a reply's text: `kind` is paragraph, list, heading (with its `level`), or
    sentence and raw for the blocks those scopes make."""

    start: int
    end: int
    kind: str
    level: int = 0


_FORMAT = re.compile(r"%%|%s")


def vale_format(message: str, *values: str) -> str:
    """A message with each `%s` given the next value, as Go's Sprintf does for Vale: a value
    too many is dropped, one too few leaves the `%s` empty, `%%` is a percent sign."""
    supply = iter(values)
    return _FORMAT.sub(lambda m: "%" if m.group() == "%%" else next(supply, ""), message)


_HEADING = re.compile(r"[ ]{0,3}(#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+\u2022]|\d+[.)])[ \t]+")
_LINE = re.compile(r"[^\n]*")
_BLANKS = re.compile(r"[ ]+")


class Prose:
    """One reply as a Vale rule sees it: `raw` is the text as written (HTML comments blanked),
    `text` the prose, with code and URLs starred (`textlib.starred`). The blocks are found on
    first use and shared by every rule of the guide."""

    __slots__ = ("_blocks", "_code", "_masked", "_scoped", "_sentences", "raw", "text")

    def __init__(self, raw: str, masked: str) -> None:
        self.raw = raw
        self._masked = masked
        self.text = textlib.starred(raw, masked)
        self._blocks: list[Block] | None = None
        self._sentences: list[Block] | None = None
        self._code: list[tuple[int, int]] | None = None
        self._scoped: dict[tuple[Scope, ...], _Scoped] = {}

    def is_code(self, offset: int) -> bool:
        """Whether `offset` is inside code or a URL (spaces in a code span too)."""
        if self._code is None:
            self._code = [
                (
                    run.start() + len(written) - len(written.lstrip()),
                    run.start() + len(written.rstrip()),
                )
                for run in _BLANKS.finditer(self._masked)
                if (written := self.raw[run.start() : run.end()]).strip()
            ]
        index = bisect_right(self._code, (offset, len(self.raw))) - 1
        return index >= 0 and offset < self._code[index][1]

    @property
    def blocks(self) -> list[Block]:
        if self._blocks is None:
            self._blocks = list(_blocks(self.text))
        return self._blocks

    @property
    def sentences(self) -> list[Block]:
        """Each sentence of each block, without the space around it."""
        if self._sentences is None:
            self._sentences = [
                trimmed
                for block in self.blocks
                for sentence in textlib.sentences(self.text[block.start : block.end])
                if (
                    trimmed := _trim(
                        self.text, block.start + sentence.start, block.start + sentence.end
                    )
                )
            ]
        return self._sentences


def _trim(text: str, start: int, end: int) -> Block | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Block(start, end, "sentence") if start < end else None


def _blocks(text: str) -> Iterator[Block]:
    """Paragraphs (lines up to a blank one), list items and headings, each without the
    marker Markdown writes before it, as Vale lints the elements a document renders to."""
    open_block: list[int] = []  # start and end of the paragraph or list item being read
    kind = "paragraph"
    for line in _LINE.finditer(text):
        start, end = line.span()
        content = line.group()
        heading = _HEADING.match(content)
        item = _LIST_ITEM.match(content)
        if open_block and (not content.strip() or heading or item):
            yield Block(open_block[0], open_block[1], kind)
            open_block = []
        if heading:
            if heading.group(2):
                yield Block(
                    start + heading.start(2),
                    start + heading.end(2),
                    "heading",
                    len(heading.group(1)),
                )
        elif item:
            open_block, kind = [start + item.end(), end], "list"
        elif content.strip():
            if not open_block:
                open_block, kind = [start + len(content) - len(content.lstrip()), end], "paragraph"
            open_block[1] = end
    if open_block:
        yield Block(open_block[0], open_block[1], kind)


class ScopeError(ValueError):
    """A scope this reading of Vale does not have; the rule is left out with a warning."""


@dataclass(frozen=True, slots=True)
class Scope:
    """One of a rule's `scope` entries: which blocks of a reply it runs on."""

    kind: str  # text, raw, sentence, paragraph, heading or summary
    levels: frozenset[int] = frozenset(range(1, 7))  # of headings

    def blocks(self, prose: Prose) -> list[Block]:
        match self.kind:
            case "raw":
                return [Block(0, len(prose.raw), "raw")]
            case "sentence":
                return prose.sentences
            case "heading":
                return [b for b in prose.blocks if b.kind == "heading" and b.level in self.levels]
            case "paragraph":
                return [b for b in prose.blocks if b.kind == "paragraph"]
            case "summary":
                return [b for b in prose.blocks if b.kind != "heading"]
        return prose.blocks


TEXT = (Scope("text"),)
_UNIT_SCOPES = frozenset(("text", "raw", "sentence", "paragraph", "summary"))
_FORMAT_PARTS = frozenset(("md", "markdown"))


def parse_scope(value: Any) -> tuple[Scope, ...]:
    """A rule's `scope` (one selector or a list of them, any of which may match): `text` (the
    default), `raw`, `sentence`, `paragraph`, `summary`, `heading` and `heading.h1`..`h6`, the
    last also as a chain such as `heading & ~heading.h1`; `.md` qualifies any of them."""
    if value is None:
        return TEXT
    entries = [value] if isinstance(value, str) else list(value)
    return tuple(_parse_entry(str(entry)) for entry in entries) or TEXT


def _parse_entry(entry: str) -> Scope:
    chosen: Scope | None = None
    excluded: set[int] = set()
    for term in (part.strip() for part in entry.split("&")):
        negated = term.startswith("~")
        parts = [p for p in term.lstrip("~").split(".") if p and p not in _FORMAT_PARTS]
        if len(parts) > 1 and parts[0] == "text":
            parts = parts[1:]  # text.heading is heading: every block is text
        levels = _heading_levels(parts)
        if negated and levels is not None:
            excluded |= levels
        elif not negated and chosen is None and levels is not None:
            chosen = Scope("heading", levels)
        elif not negated and chosen is None and len(parts) == 1 and parts[0] in _UNIT_SCOPES:
            chosen = Scope(parts[0])
        else:
            raise ScopeError(f"scope {entry!r} is not supported")
    if chosen is None:
        raise ScopeError(f"scope {entry!r} is not supported")
    if excluded:
        if chosen.kind != "heading":
            raise ScopeError(f"scope {entry!r} is not supported")
        chosen = Scope("heading", chosen.levels - excluded)
    return chosen


def _heading_levels(parts: list[str]) -> frozenset[int] | None:
    if not parts or parts[0] != "heading" or len(parts) > 2:
        return None
    if len(parts) == 1:
        return frozenset(range(1, 7))
    level = re.fullmatch(r"h([1-6])", parts[1])
    return frozenset({int(level.group(1))}) if level else None


class _Scoped(NamedTuple):
    blocks: list[tuple[str, Block]]
    joined: str  # the blocks one to a line: where a first search tells if a pattern can match


def blocks_of(scopes: tuple[Scope, ...], prose: Prose) -> list[tuple[str, Block]]:
    """The text each block is in (`raw` for the raw scope) with the block, in text order."""
    return _scoped(scopes, prose).blocks


def _scoped(scopes: tuple[Scope, ...], prose: Prose) -> _Scoped:
    """The blocks of `scopes`, found once per reply for all the rules that share them."""
    scoped = prose._scoped.get(scopes)
    if scoped is None:
        found = {
            (block.start, block.end): (prose.raw if scope.kind == "raw" else prose.text, block)
            for scope in scopes
            for block in scope.blocks(prose)
        }
        blocks = [found[key] for key in sorted(found)]
        joined = "\n".join(text[block.start : block.end] for text, block in blocks)
        scoped = prose._scoped[scopes] = _Scoped(blocks, joined)
    return scoped


def may_match(pattern: Any, scopes: tuple[Scope, ...], prose: Prose) -> bool:
    """Whether `pattern` can match in any block: one search over the blocks joined a line
    each (a block's edges are a line's, for `^`, `$` and `\\b`), where a search per block
    costs RE2's Python wrapper more than the search. Most rules find nothing in a reply."""
    return pattern.search(_scoped(scopes, prose).joined) is not None


@dataclass(frozen=True, slots=True)
class Exceptions:
    """A rule's `exceptions` with the style's accepted words: a match holding one of them,
    or lying inside an accepted phrase of several words, is no alert."""

    words: Any  # RE2 pattern, word-bounded
    phrases: Any | None  # RE2 pattern of the entries with spaces in them, or None

    def allow(self, observed: str, text: str, start: int, end: int) -> bool:
        if self.words.search(observed) is not None:
            return True
        if self.phrases is None:
            return False
        return any(m.start() <= start and end <= m.end() for m in self.phrases.finditer(text))


def _allowed(exceptions: Exceptions | None, observed: str, text: str, start: int, end: int) -> bool:
    return exceptions is not None and exceptions.allow(observed, text, start, end)


def _matches(pattern: Any, text: str, block: Block) -> Iterator[tuple[int, int, Any]]:
    """Non-empty matches in a block, with offsets in the reply. The block is matched as a
    text of its own, as Vale does: `^` and `\\b` see its edges, not the text around it."""
    for match in pattern.finditer(text[block.start : block.end]):
        if match.end() > match.start():
            yield block.start + match.start(), block.start + match.end(), match


@dataclass(frozen=True, slots=True)
class Existence:
    message: str
    pattern: Any
    exceptions: Exceptions | None
    scopes: tuple[Scope, ...]

    def alerts(self, prose: Prose) -> Iterator[Alert]:
        if not may_match(self.pattern, self.scopes, prose):
            return
        for text, block in blocks_of(self.scopes, prose):
            for start, end, match in _matches(self.pattern, text, block):
                found = match.group()
                if not _allowed(self.exceptions, found.strip(), text, start, end):
                    yield Alert(start, end, vale_format(self.message, found))


class Swap(NamedTuple):
    """One `swap` entry: the group its key is in, what it suggests, and the key on its own
    when the suggestion refers to the key's groups (`$1`)."""

    group: int
    expected: str
    key: Any | None


_GROUP_REFERENCE = re.compile(r"\$(?:(\d+)|\{(\d+)\})")


@dataclass(frozen=True, slots=True)
class Substitution:
    message: str
    pattern: Any
    swaps: tuple[Swap, ...]
    exceptions: Exceptions | None
    scopes: tuple[Scope, ...]
    capitalize: bool
    replace: bool  # `action: {name: replace}`: suggestions quoted, and one of them a fix

    def alerts(self, prose: Prose) -> Iterator[Alert]:
        if not may_match(self.pattern, self.scopes, prose):
            return
        for text, block in blocks_of(self.scopes, prose):
            for _, _, match in _matches(self.pattern, text, block):
                swap = next((s for s in self.swaps if match.group(s.group) is not None), None)
                if swap is None:
                    continue
                first, last = match.span(swap.group)
                observed = match.group(swap.group)
                if not observed:
                    continue
                alert = self._alert(swap, observed, text, block.start + first, block.start + last)
                if alert is not None:
                    yield alert

    def _alert(self, swap: Swap, observed: str, text: str, start: int, end: int) -> Alert | None:
        expected = self._expected(swap, observed)
        if _conforms(expected, observed) or _allowed(self.exceptions, observed, text, start, end):
            return None
        message, fix = self.message, None
        if self.replace:
            options = [_cap_first(o) if self._caps(observed) else o for o in _options(expected)]
            expected = _to_sentence(options)
            message = _unquote_first(message)
            fix = options[0] if len(options) == 1 else None
        return Alert(start, end, vale_format(message, expected, observed), fix)

    def _caps(self, observed: str) -> bool:
        return self.capitalize and observed == _cap_first(observed)

    def _expected(self, swap: Swap, observed: str) -> str:
        """The suggestion, capitalized like the match with `capitalize`, and with the key's
        groups (`$1`) filled from the match."""
        expected = _cap_first(swap.expected) if self._caps(observed) else swap.expected
        if swap.key is None:
            return expected
        found = swap.key.search(observed)
        if found is None:
            return expected
        filled = _GROUP_REFERENCE.sub(
            lambda m: _group(found, int(m.group(1) or m.group(2))), expected
        )
        return observed[: found.start()] + filled + observed[found.end() :]


def _group(match: Any, number: int) -> str:
    try:
        return match.group(number) or ""
    except IndexError:
        return ""


def _cap_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _conforms(expected: str, observed: str) -> bool:
    """Whether the text is already what the swap asks for: the same words, or, for a
    suggestion that is a pattern (a vocabulary's `[pP]y.*`), a full match of it."""
    if expected == observed:
        return True
    if all(c.isalpha() or c == " " for c in expected):
        return False
    from toolkit.lint.guide import PatternError, compile_re2

    try:
        return compile_re2(f"^(?:{expected})$").search(observed) is not None
    except PatternError:
        return False


def _options(expected: str) -> list[str]:
    """`a|b|c`: several suggestions; `\\|` is a pipe inside one."""
    return [o.replace("\0", "|") for o in expected.replace("\\|", "\0").split("|") if o]


def _to_sentence(options: list[str]) -> str:
    quoted = [f"'{option}'" for option in options]
    if len(quoted) <= 2:
        return " or ".join(quoted)
    return ", ".join([*quoted[:-1], f"or {quoted[-1]}"])


def _unquote_first(message: str) -> str:
    """With `action: replace` the suggestions come quoted: a message that quotes both of its
    `%s` loses the first quotes, so nothing is quoted twice (as Vale does)."""
    for spec in ("'%s'", '"%s"'):
        if message.count(spec) == 2:
            return message.replace(spec, "%s", 1)
    return message


@dataclass(frozen=True, slots=True)
class Occurrence:
    """Too many of `token` in a block (`max`), or too few in the whole scope (`min`): one
    heading too long, or no heading of all saying Introduction."""

    message: str
    pattern: Any
    most: int
    least: int
    scopes: tuple[Scope, ...]

    def alerts(self, prose: Prose) -> Iterator[Alert]:
        if not self.least and not may_match(self.pattern, self.scopes, prose):
            return
        found: list[tuple[int, int]] = []
        for text, block in blocks_of(self.scopes, prose):
            spans = [(start, end) for start, end, _ in _matches(self.pattern, text, block)]
            if self.most and len(spans) > self.most:
                yield self._alert(prose, spans)
            found += spans
        if self.least and len(found) < self.least:
            yield (
                self._alert(prose, found) if found else Alert(0, 0, vale_format(self.message, "0"))
            )

    def _alert(self, prose: Prose, spans: list[tuple[int, int]]) -> Alert:
        """At the first match outside code, as Vale reports it."""
        start, end = next((s for s in spans if not prose.is_code(s[0])), spans[0])
        return Alert(start, end, vale_format(self.message, str(len(spans))))


@dataclass(frozen=True, slots=True)
class Repetition:
    message: str
    pattern: Any
    most: int
    ignorecase: bool
    alpha: bool
    exceptions: Exceptions | None
    scopes: tuple[Scope, ...]

    def alerts(self, prose: Prose) -> Iterator[Alert]:
        if not may_match(self.pattern, self.scopes, prose):
            return
        for text, block in blocks_of(self.scopes, prose):
            previous: tuple[int, str] | None = None
            count = 0
            for start, end, match in _matches(self.pattern, text, block):
                current = match.group().strip()
                if previous is not None and self._same(previous[1], current):
                    count += 1
                else:
                    count = 0
                if count > self.most and previous is not None:
                    alert = self._alert(text, previous[0], end, current)
                    if alert is not None:
                        count = 0
                        yield alert
                previous = (start, current)

    def _same(self, before: str, current: str) -> bool:
        same = before.casefold() == current.casefold() if self.ignorecase else before == current
        return same and current != "" and (not self.alpha or current.isalpha())

    def _alert(self, text: str, start: int, end: int, word: str) -> Alert | None:
        """No alert across sentences ("about that. That is") or for an exception."""
        span = text[start:end]
        if len(textlib.sentences(span)) != 1 or _allowed(self.exceptions, span, text, start, end):
            return None
        return Alert(start, end, vale_format(self.message, word))


@dataclass(frozen=True, slots=True)
class Consistency:
    """Both spellings of an `either` pair in one reply: the alert is on the first place the
    spelling found last is written, as Vale reports it."""

    message: str
    pairs: tuple[Any, ...]  # RE2 patterns with the two spellings as groups 1 and 2
    scopes: tuple[Scope, ...]

    def alerts(self, prose: Prose) -> Iterator[Alert]:
        blocks = blocks_of(self.scopes, prose)
        for pair in self.pairs:
            if not may_match(pair, self.scopes, prose):
                continue
            found = [
                (start, end, 1 if match.group(1) is not None else 2, match.group())
                for text, block in blocks
                for start, end, match in _matches(pair, text, block)
            ]
            if len({spelling for _, _, spelling, _ in found}) == 2:
                last = found[-1][3]
                start, end, _, written = next(f for f in found if f[3] == last)
                yield Alert(start, end, vale_format(self.message, written))


@dataclass(frozen=True, slots=True)
class Conditional:
    """`first` needs `second`: with a group in `second`, each value `first` finds must have
    been captured by `second` before (an acronym defined as "World Health Organization
    (WHO)"); without one, `second` anywhere in the block will do."""

    message: str
    first: Any
    second: Any
    second_has_group: bool
    exceptions: Exceptions | None
    scopes: tuple[Scope, ...]

    def alerts(self, prose: Prose) -> Iterator[Alert]:
        if not may_match(self.first, self.scopes, prose):
            return
        defined: set[str] = set()
        for text, block in blocks_of(self.scopes, prose):
            part = text[block.start : block.end]
            if not self.second_has_group:
                if self.second.search(part) is not None:
                    continue
            else:
                defined |= {g for m in self.second.finditer(part) for g in m.groups() if g}
            for start, end, match in _matches(self.first, text, block):
                found = match.group()
                if found not in defined and not _allowed(self.exceptions, found, text, start, end):
                    yield Alert(start, end, vale_format(self.message, found))


CaseCheck = Callable[[str], tuple[str, bool]]
"""A capitalization rule's test of a block: what the block should be, and whether it is."""


@dataclass(frozen=True, slots=True)
class Capitalization:
    message: str
    check: CaseCheck
    scopes: tuple[Scope, ...]

    def alerts(self, prose: Prose) -> Iterator[Alert]:
        for text, block in blocks_of(self.scopes, prose):
            written = text[block.start : block.end]
            expected, fine = self.check(written)
            if not fine:
                yield Alert(block.start, block.end, vale_format(self.message, written, expected))


WORDS = r"[\p{N}\p{L}*]+[^\s]*"
"""A word as Vale's case checks split a block: letters or digits, or a starred code span."""
_SMALL_WORDS = frozenset(
    {
        *("a", "an", "and", "as", "at", "but", "by", "en", "for", "if", "in", "nor", "of"),
        *("on", "or", "per", "the", "to", "vs", "vs.", "via", "v", "v."),
    }
)
_PREPOSITIONS = frozenset(
    {
        *("with", "from", "into", "during", "including", "until", "against", "among"),
        *("throughout", "despite", "towards", "upon", "concerning", "about", "over"),
        *("through", "before", "between", "after", "since", "without", "under", "within"),
        *("along", "following", "across", "beyond", "around", "down", "near", "above"),
    }
)


@dataclass(frozen=True, slots=True)
class CaseStyle:
    """$title (AP or Chicago) and $sentence as Vale's converters write them: `vocab` words
    keep their own spelling, `exceptions` (RE2, word-bounded, or None) count as right
    whatever their case, `prefix` (RE2) is left alone, and a block passes when at least
    `threshold` of its words are as expected."""

    words: Any  # RE2 pattern of a word, an exception first
    exceptions: Any | None
    vocab: tuple[str, ...]
    threshold: float
    prefix: Any | None
    small: frozenset[str] = frozenset()  # $title: words written in lower case inside it
    indicators: tuple[str, ...] = ()  # $sentence: a word ending so starts anew ("Step 1:")

    def title(self, text: str) -> tuple[str, bool]:
        body, prefix = self._split(text)
        written = self._words(body)
        last = len(written) - 1
        expected = [
            self._vocab(word)
            or (
                word.lower()
                if 0 < index < last and word.lower() in self.small
                else _cap_first(word)
            )
            for index, word in enumerate(written)
        ]
        right = sum(
            w == e or w == w.upper() or self._excepted(w)
            for w, e in zip(written, expected, strict=True)
        )
        return prefix + " ".join(expected), not written or right / len(written) >= self.threshold

    def sentence(self, text: str) -> tuple[str, bool]:
        body, prefix = self._split(text)
        written = self._words(body)
        expected = [
            self._vocab(word)
            or (
                _title_word(word)
                if index == 0 or self._indicates(written[index - 1], index - 1)
                else word.lower()
            )
            for index, word in enumerate(written)
        ]
        right = 0
        for index, (w, e) in enumerate(zip(written, expected, strict=True)):
            if w == e or self._excepted(w):
                right += 1
            elif index == 0 and w != _title_word(w):
                return prefix + " ".join(expected), False
        return prefix + " ".join(expected), not written or right / len(written) >= self.threshold

    def _split(self, text: str) -> tuple[str, str]:
        """The block less the rule's `prefix` ("a. " before a heading), when it opens it."""
        if self.prefix is not None:
            found = self.prefix.search(text)
            if found is not None and found.group() and text.startswith(found.group()):
                return text[len(found.group()) :], found.group()
        return text, ""

    def _words(self, text: str) -> list[str]:
        return [m.group() for m in self.words.finditer(text)]

    def _vocab(self, word: str) -> str | None:
        return next((entry for entry in self.vocab if entry.casefold() == word.casefold()), None)

    def _excepted(self, word: str) -> bool:
        return self.exceptions is not None and self.exceptions.search(word) is not None

    def _indicates(self, word: str, index: int) -> bool:
        return word.endswith(self.indicators) or (
            index == 0 and re.match(r"\d+\.", word) is not None
        )


def _title_word(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def case_check(match: str, style: CaseStyle, pattern: Any | None) -> CaseCheck:
    """The test of a capitalization rule's `match`: $title, $sentence, $lower, $upper, or a
    pattern the block must hold (RE2, given as `pattern`)."""
    if match == "$title":
        return style.title
    if match == "$sentence":
        return style.sentence
    if match in ("$lower", "$upper"):
        change = str.lower if match == "$lower" else str.upper

        def cased(text: str) -> tuple[str, bool]:
            expected = change(text)
            return expected, text == expected or style._excepted(text)

        return cased

    if pattern is None:
        raise ValueError(f"match {match!r} needs its pattern")

    def matching(text: str) -> tuple[str, bool]:
        return match, pattern.search(text) is not None or style._excepted(text)

    return matching


def title_small_words(style: str | None) -> frozenset[str]:
    """The words $title writes in lower case inside a title: AP's articles, conjunctions and
    short prepositions (its "to" in infinitives needs a part-of-speech tagger sxt does not
    have: "to" stays lower case), and Chicago's prepositions of any length too."""
    return _SMALL_WORDS | _PREPOSITIONS if style == "Chicago" else _SMALL_WORDS


METRICS = ("Flesch-Kincaid", "Gunning Fog", "Coleman-Liau", "SMOG", "Automated Readability")


class _Counts(NamedTuple):
    words: int
    sentences: int
    syllables: int
    characters: int  # letters and digits
    polysyllables: int  # words of three syllables or more
    complex: int  # the same, not counting -es, -ed and -ing as a syllable


def _counts(prose: Prose) -> _Counts:
    """The counts of the reply's prose (not its headings or code), as Vale's readability
    check takes them from the document's summary."""
    blocks = [b for b in prose.blocks if b.kind != "heading"]
    sentences = sum(len(textlib.sentences(prose.text[b.start : b.end])) for b in blocks)
    words = [m.group() for b in blocks for m in textlib.WORD.finditer(prose.text, b.start, b.end)]
    counted = [textlib.word_syllables(word) for word in words]
    return _Counts(
        len(words),
        sentences,
        sum(counted),
        sum(sum(c.isalnum() for c in word) for word in words),
        sum(n > 2 for n in counted),
        sum(
            n - word.lower().endswith(("es", "ed", "ing")) > 2
            for word, n in zip(words, counted, strict=True)
        ),
    )


def _grade(metric: str, c: _Counts) -> float:
    """The formulas of Vale's readability check (jdkato/prose, summarize/readability.go)."""
    per_sentence = c.words / c.sentences
    match metric:
        case "Flesch-Kincaid":
            return 0.39 * per_sentence + 11.8 * c.syllables / c.words - 15.59
        case "Gunning Fog":
            return 0.4 * (per_sentence + 100.0 * c.complex / c.words)
        case "Coleman-Liau":
            return (
                0.0588 * (c.characters / c.words) * 100
                - 0.296 * (c.sentences / c.words) * 100
                - 15.8
            )
        case "SMOG":
            return 1.0430 * math.sqrt(c.polysyllables * 30.0 / c.sentences) + 3.1291
    return 4.71 * (c.characters / c.words) + 0.5 * per_sentence - 21.43


@dataclass(frozen=True, slots=True)
class Readability:
    """The average of `metrics` over the reply's prose, over `grade`: one alert, at the
    start, with the grade to two places."""

    message: str
    metrics: tuple[str, ...]
    grade: float

    def alerts(self, prose: Prose) -> Iterator[Alert]:
        counts = _counts(prose)
        if not counts.words or not counts.sentences:
            return
        grade = sum(_grade(metric, counts) for metric in self.metrics) / len(self.metrics)
        if grade > self.grade:
            yield Alert(0, 0, vale_format(self.message, f"{grade:.2f}"))
