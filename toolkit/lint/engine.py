"""Lints one reply with a compiled guide: pure function, plain results.

A reply is tokenized once and scanned once against the guide's phrase table; each rule type
then reads only its own hits. The situation (billing, outage, good news, ...) is decided first,
because it decides which rules run and at which level.

The linter sees thousands of replies a second, so the per-reply path avoids repeated work:
what depends only on the guide (which rules run in a situation, folded exception lists) is
worked out once per guide, text passes are shared through `_Scan`'s lazy properties, and a
rule whose phrases were not found at all is skipped before its check runs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from toolkit.core.diagnostics import SEVERITIES, Diagnostic
from toolkit.core.figures import fixed
from toolkit.lint import text as textlib
from toolkit.lint.guide import SITUATION_KEY, VALE_PREFIX, Entry, Guide, Level, Rule
from toolkit.lint.model import Reply
from toolkit.lint.text import Token

if TYPE_CHECKING:
    from toolkit.lint.vale_checks import Prose

_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Finding:
    rule: Rule
    level: Level
    message: str
    start: int
    end: int
    replacement: str | None = None  # set when --fix can apply it


@dataclass(frozen=True, slots=True)
class Options:
    situation: str | None = None  # forced with --situation: detection is skipped
    select: frozenset[str] = frozenset()  # rule ids or letters; empty means all
    ignore: frozenset[str] = frozenset()


@dataclass(slots=True)
class Result:
    reply: Reply
    situations: tuple[str, ...]
    findings: list[Finding] = field(default_factory=list)

    def diagnostics(self) -> list[Diagnostic]:
        out = []
        for finding in self.findings:
            where = self.reply.locate(finding.start)
            out.append(
                Diagnostic(
                    self.reply.source,
                    where.line,
                    where.col,
                    finding.level,
                    finding.rule.code,
                    finding.message,
                )
            )
        return out


class Hit(NamedTuple):
    """A phrase found in a reply. A tuple: a reply has a dozen, built for every reply."""

    start: int
    end: int
    entry: Entry
    text: str


class _Scan:
    """What one pass over a reply found, shared by every rule check; the other passes
    (sentences, words, emoji) are made on first use and then shared too."""

    __slots__ = (
        "_chunks",
        "_emoji",
        "_folded",
        "_leftovers",
        "_prose",
        "_sentences",
        "_tokens",
        "_words",
        "hits",
        "text",
        "with_code",
    )

    def __init__(self, text: str, guide: Guide, with_code: str | None = None) -> None:
        self.text = text
        # The text before code, links and URLs were blanked: where placeholders are looked
        # for, since a help desk fills them in there too (a ticket link's {{ticket.id}}).
        self.with_code = text if with_code is None else with_code
        self.hits: dict[tuple[str, str], list[Hit]] = {}
        self._tokens: list[Token] | None = None
        self._sentences: list[textlib.Sentence] | None = None
        self._chunks: list[str] = []
        self._folded: str | None = None
        self._words: textlib.WordStats | None = None
        self._emoji: dict[bool, list[tuple[int, int]]] = {}
        self._leftovers: dict[_Notes | None, list[tuple[int, int]]] = {}
        self._prose: Prose | None = None
        # The matcher finds every phrase, overlapping ones too, in order of start and the
        # longest first at each: each slot keeps what a scan for its phrases alone would
        # find (leftmost, longest, no overlap), so a rule sees all of its own phrases and
        # none of another rule's hides them.
        hits = self.hits
        new = tuple.__new__  # what Hit._make calls, without its Python frame
        for start, end, matched, entries in guide.matcher.matches(text):
            for entry in entries:
                filed = hits.get(entry.slot)
                if filed is None:
                    hits[entry.slot] = [new(Hit, (start, end, entry, matched))]
                    continue
                last = filed[-1]
                if start >= last.end or (start == last.start and end == last.end):
                    filed.append(new(Hit, (start, end, entry, matched)))

    @property
    def tokens(self) -> list[Token]:
        """Every word and symbol with its place: built only for the rules that need them."""
        if self._tokens is None:
            self._tokens = textlib.tokens(self.text)
        return self._tokens

    @property
    def sentences(self) -> list[textlib.Sentence]:
        if self._sentences is None:
            self._sentences, self._chunks = textlib.sentences_and_chunks(self.text)
        return self._sentences

    @property
    def folded(self) -> str:
        """The text lower-cased with plain apostrophes (`textlib.fold`)."""
        if self._folded is None:
            self._folded = textlib.fold(self.text)
        return self._folded

    @property
    def words(self) -> textlib.WordStats:
        """Syllables and possible repeats of the words, counted as the sentences were split."""
        if self._words is None:
            if self._sentences is None:
                self._sentences, self._chunks = textlib.sentences_and_chunks(self.text)
            self._words = textlib.word_stats(self._chunks)
        return self._words

    @property
    def prose(self) -> Prose:
        """The reply as a Vale style's rules see it (toolkit.lint.vale_checks): made only for
        a guide read from a Vale style."""
        if self._prose is None:
            from toolkit.lint.vale_checks import Prose

            self._prose = Prose(self.with_code, self.text)
        return self._prose

    def emoji(self, emoticons: bool) -> list[tuple[int, int]]:
        if emoticons not in self._emoji:
            self._emoji[emoticons] = textlib.emoji_spans(self.text, emoticons)
        return self._emoji[emoticons]

    def leftovers(self, notes: _Notes | None) -> list[tuple[int, int]]:
        """Slots and notes to the agent (`_leftover_spans`), shared by the leftovers rule and
        the shouting check, which must not call [AMOUNT] a shout."""
        found = self._leftovers.get(notes)
        if found is None:
            found = self._leftovers[notes] = _leftover_spans(self.text, notes)
        return found

    def role(self, rule: Rule, role: str) -> list[Hit]:
        """The rule's hits in `role`, in text order. The scan's own list: do not change it."""
        return self.hits.get((rule.id, role), _NO_HITS)


_NO_HITS: list[Hit] = []

Check = Callable[[Rule, Level, _Scan, Guide], Iterator[Finding]]


class _Step(NamedTuple):
    """One rule to run on a reply: its check, its level there, and the hit slot without
    which the check cannot find anything (None when it always has to run)."""

    rule: Rule
    level: Level
    check: Check
    needs: tuple[str, str] | None


def lint(reply: Reply, guide: Guide, options: Options = Options()) -> Result:
    text, comments = textlib.mask_comments(reply.text)
    scan = _Scan(textlib.mask_code(text), guide, text)
    chosen = _situations(reply, guide, scan, options.situation)
    findings: list[Finding] = []
    hits = scan.hits
    for rule, level, check, needs in _plan(reply, guide, chosen, options):
        if needs is None or needs in hits:
            findings.extend(check(rule, level, scan, guide))
    if comments:
        findings = _suppress(findings, comments, text)
    if len(findings) > 1:
        findings.sort(key=_order)
    return Result(reply, chosen, findings)


def _order(finding: Finding) -> tuple[int, int, str]:
    return finding.start, _RANK[finding.level], finding.rule.id


def _situations(reply: Reply, guide: Guide, scan: _Scan, forced: str | None) -> tuple[str, ...]:
    """The reply's situation: --situation, else its own `situation:`, else tags, else words.
    Explicit beats detected: a good-news reply about a payment is still good news."""
    if forced is not None:
        return (forced,)
    if reply.situation is not None:
        return (reply.situation,) if reply.situation in guide.situations else ()
    if reply.tags:
        tags = {tag.casefold() for tag in reply.tags}
        tagged = tuple(
            name for name, situation in guide.situations.items() if situation.tags & tags
        )
        if tagged:
            return tagged
    hits = scan.hits
    words = {name for name, slot in _situation_slots(guide) if slot in hits}
    if reply.title:
        words |= _title_situations(reply.title, guide)
    return tuple(name for name in guide.situations if name in words)


def _situation_slots(guide: Guide) -> list[tuple[str, tuple[str, str]]]:
    """Each situation with the hit slot its trigger words are filed under."""
    key = ("", "situation slots")
    slots = guide.memo.get(key)
    if slots is None:
        slots = guide.memo[key] = [
            (name, (SITUATION_KEY + name, "situation")) for name in guide.situations
        ]
    return slots


def _title_situations(title: str, guide: Guide) -> frozenset[str]:
    """Situations named by a title's words, remembered per guide: a run sees the same titles
    again and again (and a help desk's macros share many)."""
    found = guide.title_situations.get(title)
    if found is None:
        found = frozenset(
            entry.extra for _, _, entry in guide.matcher.scan(title) if entry.role == "situation"
        )
        guide.title_situations[title] = found
    return found


def _plan(reply: Reply, guide: Guide, situations: tuple[str, ...], options: Options) -> list[_Step]:
    """The rules to run and their levels, cached per (situations, options, disabled,
    excerpt): a run has only a few combinations."""
    key = (situations, options, reply.disabled, reply.excerpt)
    plan = guide.levels_cache.get(key)
    if plan is None:
        levels = _compute_levels(reply, guide, situations, options)
        plan = guide.levels_cache[key] = [
            _Step(rule, level, _check_of(rule), _needs(rule, guide))
            for rule, level in ((guide.rules[rule_id], level) for rule_id, level in levels.items())
        ]
    return plan


def _check_of(rule: Rule) -> Check:
    """A rule read from a Vale style carries its own check; every other type is the engine's."""
    return _vale if rule.type.startswith(VALE_PREFIX) else _CHECKS[rule.type]


def _needs(rule: Rule, guide: Guide) -> tuple[str, str] | None:
    """The hit slot a rule cannot do without: with none of these phrases in a reply, its
    check has nothing to report, so it is not run."""
    match rule.type:
        case "existence" if not guide.patterns.get(rule.id):
            return (rule.id, "token")
        case "substitution":
            return (rule.id, "swap")
        case "occurrence" if rule.option("min") is None:
            return (rule.id, "count")
        case "consistency":
            return (rule.id, "variant")
        case "conditional":
            return (rule.id, "if")
    return None


def _compute_levels(
    reply: Reply, guide: Guide, situations: tuple[str, ...], options: Options
) -> dict[str, Level]:
    """Each rule's level after situations (the most serious wins when several apply: when in
    doubt, be careful), --select/--ignore and the reply's own `sxt-disable`; a rule that
    judges a whole reply is not run on an excerpt of one."""
    levels: dict[str, Level] = {}
    for rule in guide.rules.values():
        named = {rule.id, rule.letter}
        if options.select and not named & options.select:
            continue
        if named & options.ignore or named & reply.disabled:
            continue
        if reply.excerpt and _judges_the_whole_reply(rule):
            continue
        overrides = [
            guide.situations[name].levels[rule.id]
            for name in situations
            if rule.id in guide.situations[name].levels
        ]
        if overrides:
            active = [level for level in overrides if level != "off"]
            if not active:
                continue
            levels[rule.id] = min(active, key=SEVERITIES.index)
        else:
            levels[rule.id] = rule.level
    return levels


def _judges_the_whole_reply(rule: Rule) -> bool:
    """Rules whose finding says what the reply lacks or what it adds up to (a next step
    nowhere, an "if" with no "then", a reading grade, too few of a word): on a reply cut
    short they would report what the cut removed. A phrase found where it is written, or a
    count over a maximum, is as true of the start of a reply as of all of it."""
    return rule.type in ("requires", "conditional", "readability") or (
        rule.type == "occurrence" and rule.option("min") is not None
    )


_DIRECTIVE = re.compile(r"^sxt-(disable-next-line|disable|enable)\b\s*(.*)$")


def _suppress(findings: list[Finding], comments: list[tuple[int, str]], text: str) -> list[Finding]:
    """Applies `<!-- sxt-disable [rules] -->` ... `<!-- sxt-enable -->` spans and
    `<!-- sxt-disable-next-line [rules] -->`; no rules named means every rule."""
    spans: list[tuple[int, int, frozenset[str]]] = []
    open_spans: list[tuple[int, frozenset[str]]] = []
    for offset, content in comments:
        match = _DIRECTIVE.match(content)
        if not match:
            continue
        kind, names = match.group(1), frozenset(match.group(2).replace(",", " ").split())
        if kind == "disable-next-line":
            line_end = text.find("\n", offset)
            next_end = text.find("\n", line_end + 1) if line_end != -1 else -1
            if line_end != -1:
                spans.append((line_end + 1, next_end if next_end != -1 else len(text), names))
        elif kind == "disable":
            open_spans.append((offset, names))
        else:
            spans += [(start, offset, names) for start, names in open_spans]
            open_spans = []
    spans += [(start, len(text), names) for start, names in open_spans]

    def suppressed(finding: Finding) -> bool:
        named = {finding.rule.id, finding.rule.letter}
        return any(
            start <= finding.start < end and (not names or names & named)
            for start, end, names in spans
        )

    return [finding for finding in findings if not suppressed(finding)]


def _finding(
    rule: Rule,
    level: Level,
    start: int,
    end: int,
    match: str = "",
    replacement: str | None = None,
) -> Finding:
    message = rule.message.replace("%s", match)
    if replacement is not None:
        message += f' Suggested: "{replacement}".'
    return Finding(rule, level, message, start, end, replacement)


def _memo(guide: Guide, rule: Rule, name: str, build: Callable[[], V]) -> V:
    """What a check derives from its rule's options, worked out on the first reply."""
    key = (rule.id, name)
    try:
        return guide.memo[key]
    except KeyError:
        value = guide.memo[key] = build()
        return value


def _folded_exceptions(rule: Rule, guide: Guide) -> frozenset[str]:
    return _memo(
        guide,
        rule,
        "folded exceptions",
        lambda: frozenset(textlib.fold(e) for e in rule.option("exceptions", [])),
    )


def _outside(hits: list[Hit], exceptions: list[Hit]) -> Iterator[Hit]:
    for hit in hits:
        if not any(e.start <= hit.start and hit.end <= e.end for e in exceptions):
            yield hit


def _existence(rule: Rule, level: Level, scan: _Scan, guide: Guide) -> Iterator[Finding]:
    exceptions = scan.role(rule, "exception")
    hits = list(scan.role(rule, "token"))
    for pattern, entry in guide.patterns.get(rule.id, ()):
        for match in pattern.finditer(scan.text):
            if _word_bounded(scan.text, match.start(), match.end()):
                hits.append(Hit(match.start(), match.end(), entry, match.group()))
    for hit in _outside(_longest(sorted(hits, key=lambda h: h.start)), exceptions):
        yield _finding(rule, level, hit.start, hit.end, hit.text)


def _word_bounded(text: str, start: int, end: int) -> bool:
    """RE2's \\b is ASCII-only; boundaries are checked here with Unicode word characters."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    first, last = text[start : start + 1], text[end - 1 : end]
    return not (first.isalnum() and (before.isalnum() or before == "_")) and not (
        last.isalnum() and (after.isalnum() or after == "_")
    )


def _match_case(replacement: str, original: str, sentence_start: Callable[[], bool]) -> str:
    """The replacement capitalised for where it goes. All in lower case, it takes the
    original's capital ("Utilize" and "UTILIZE" -> "Use") or a sentence's. With capitals of
    its own ("JavaScript", "mutual TLS", "jQuery") it is spelled as the guide spells it,
    except that an all-lower-case first word is raised at a sentence start ("Mutual TLS
    is on"): copying the original's case made "Mtls" in mid-sentence "Mutual TLS". Where
    the sentence starts is asked only when it can make a difference."""
    if replacement.islower():
        if original[:1].isupper() or sentence_start():
            return replacement[:1].upper() + replacement[1:]
        return replacement
    if replacement.split(" ", 1)[0].islower() and sentence_start():
        return replacement[:1].upper() + replacement[1:]
    return replacement


_TEMPLATE_HINT = re.compile(r"[<>()]")
_OPENING = re.compile(r"(?:\s|[\"'\u201c\u2018(\[*_\u2022-]|\d+[.)](?=\s))*")
"""What may stand before a sentence's first word: space, quotes, a list item's marker."""


def _starts_sentence(scan: _Scan, offset: int) -> bool:
    """Whether the word at `offset` is its sentence's first (the sentences as every rule
    splits them), with only space, quotes or a list marker before it."""
    text = scan.text
    if offset >= 2 and text[offset - 1] == " " and text[offset - 2].isalnum():
        return False  # "we utilize": the common case, told without the sentences
    sentences = scan.sentences
    index = bisect_right(sentences, offset, key=_sentence_start) - 1
    if index < 0:
        return True  # before the first sentence with words: the reply's start
    opening = _OPENING.match(text, sentences[index].start, offset)
    return opening is not None and opening.end() == offset


def _sentence_start(sentence: textlib.Sentence) -> int:
    return sentence.start


def _substitution(rule: Rule, level: Level, scan: _Scan, guide: Guide) -> Iterator[Finding]:
    """A swap whose replacement is a hint to fill in ("by <date>") is suggested, never
    written into the reply by --fix. Text that already is the replacement ("JavaScript",
    matched without case by the swap "javascript") is no finding, whatever its place: --fix
    could never clear it."""
    for hit in scan.role(rule, "swap"):
        replacement = hit.entry.extra
        written = _SPACES.sub(" ", hit.text)
        if written == replacement:
            continue
        at_start = partial(_starts_sentence, scan, hit.start)
        suggestion = _match_case(replacement, hit.text, at_start)
        if suggestion == written:
            continue
        finding = _finding(rule, level, hit.start, hit.end, hit.text, suggestion)
        yield (
            finding
            if not _TEMPLATE_HINT.search(suggestion)
            else Finding(rule, level, finding.message, finding.start, finding.end)
        )


_SPACES = re.compile(r"\s+")


def _occurrence(rule: Rule, level: Level, scan: _Scan, guide: Guide) -> Iterator[Finding]:
    hits = scan.role(rule, "count")
    low, high = rule.option("min"), rule.option("max")
    groups: list[list[Hit]]
    if rule.option("scope", "reply") == "sentence":
        groups = [[h for h in hits if s.start <= h.start < s.end] for s in scan.sentences]
    else:
        groups = [hits]
    for group in groups:
        if high is not None and len(group) > high:
            extra = group[high]
            yield _finding(rule, level, extra.start, extra.end, extra.text)
    if low is not None and len(hits) < low:
        yield _finding(rule, level, 0, 0, rule.option("token"))


_REPEATED = re.compile(r"(?<!\w)(\w+)\s+(\1)(?!\w)")
"""Plain words only: an apostrophe group inside the back-reference costs 2.4x in backtracking,
for repeats ("don't don't") that hardly occur."""


def _repetition(rule: Rule, level: Level, scan: _Scan, guide: Guide) -> Iterator[Finding]:
    """The same word twice with only space between: one regex pass (over the folded text,
    which keeps every offset, when case does not matter).

    The pattern is tried at every word, and most replies repeat none, so with case ignored
    it runs only when two neighbouring words of the folded text may be the same (every match
    is such a pair), which the word stats, shared with the syllable count, tell at little
    cost."""
    if rule.option("ignorecase", True):
        text = scan.folded
        if not scan.words.may_repeat:
            return
    else:
        text = scan.text
    exceptions = scan.role(rule, "exception")
    for match in _REPEATED.finditer(text):
        start, end = match.span(2)
        if match.group(2).isdigit():
            continue  # "in 10 10 minutes" is a typo, but numbers repeat on purpose too often
        if any(e.start <= match.start() and end <= e.end for e in exceptions):
            continue
        yield _finding(rule, level, start, end, scan.text[start:end])


def _consistency(rule: Rule, level: Level, scan: _Scan, guide: Guide) -> Iterator[Finding]:
    by_group: dict[int, list[Hit]] = defaultdict(list)
    for hit in scan.role(rule, "variant"):
        by_group[hit.entry.extra[0]].append(hit)
    for hits in by_group.values():
        variants = {hit.entry.extra[1] for hit in hits}
        if len(variants) > 1:
            first = hits[0].entry.extra[1]
            other = next(hit for hit in hits if hit.entry.extra[1] != first)
            yield _finding(
                rule, level, other.start, other.end, f'"{hits[0].text}" and "{other.text}"'
            )


def _longest(hits: list[Hit]) -> list[Hit]:
    """Drops hits inside a longer hit of the same rule ('TCK-1' of a pattern inside a
    token's 'TCK-12'), so one mistake gives one finding (the hits of one slot never overlap:
    `_Scan` keeps them apart). One sweep in start order, longest first:
    comparing every hit with every other made a long reply quadratic (a 900 KB reply of
    jargon took minutes)."""
    if len(hits) < 2:
        return hits
    inside: set[int] = set()
    reach = -1  # the furthest end of the hits before this span: each starts no later
    span: tuple[int, int] | None = None
    span_end = -1
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if (hit.start, hit.end) != span:  # hits of one span do not contain each other
            reach = max(reach, span_end)
            span, span_end = (hit.start, hit.end), hit.end
        if reach >= hit.end:
            inside.add(id(hit))
    return [hit for hit in hits if id(hit) not in inside]


def _conditional(rule: Rule, level: Level, scan: _Scan, guide: Guide) -> Iterator[Finding]:
    triggers = scan.role(rule, "if")
    if triggers and not scan.role(rule, "then"):
        yield _finding(rule, level, triggers[0].start, triggers[0].end, triggers[0].text)


_LINE = re.compile(r"\S[^\n]*")


def _requires(rule: Rule, level: Level, scan: _Scan, guide: Guide) -> Iterator[Finding]:
    """`min_words`: a shorter text is a snippet, pasted into a reply that has what is
    required, and is not asked for it."""
    hits = scan.role(rule, "requires")
    where = rule.option("where", "anywhere")
    if hits and where == "anywhere":
        return  # found, wherever it is: the lines are not needed
    shortest = rule.option("min_words")
    if shortest is not None and sum(s.words for s in scan.sentences) < shortest:
        return
    lines = list(_LINE.finditer(scan.text))
    if where == "start" and lines:
        hits = [h for h in hits if h.start < lines[0].end()]
    elif where == "end" and lines:
        hits = [h for h in hits if h.start >= lines[max(len(lines) - 3, 0)].start()]
    if not hits:
        at = lines[-1].start() if where == "end" and lines else (lines[0].start() if lines else 0)
        yield _finding(rule, level, at, at)


def _capitalization(rule: Rule, level: Level, scan: _Scan, guide: Guide) -> Iterator[Finding]:
    if rule.option("check") == "shouting":
        if not _CAPITALS.search(scan.text):
            return  # no two capitals in a row: nothing can be shouted
        exceptions = _folded_exceptions(rule, guide)
        leftovers = scan.leftovers(_notes(guide))
        # `max_caps_words` is the reply's budget of all-caps words (acronyms in `exceptions`
        # and what is left of the template, such as [AMOUNT], do not count); over budget,
        # each run of shouted words is one finding.
        runs: list[list[re.Match[str]]] = []
        for word in _capital_words(scan.text):
            text = word.group()
            if (
                not text.isupper()
                or sum(map(str.isalpha, text)) < 2
                or textlib.fold(text) in exceptions
                or any(start <= word.start() < end for start, end in leftovers)
            ):
                continue
            if runs and _RUN_GAP.fullmatch(scan.text, runs[-1][-1].end(), word.start()):
                runs[-1].append(word)  # "PLEASE, NOTE" is one shout
            else:
                runs.append([word])
        if sum(len(run) for run in runs) > rule.option("max_caps_words", 0):
            for run in runs:
                start, end = run[0].start(), run[-1].end()
                yield _finding(rule, level, start, end, scan.text[start:end])
        return
    for sentence in scan.sentences:
        words = list(textlib.WORD.finditer(scan.text, sentence.start, sentence.end))
        later = [w.group() for w in words[1:] if w.group()[0].isalpha() and len(w.group()) > 3]
        if len(later) >= 3 and all(w[0].isupper() and not w.isupper() for w in later):
            yield _finding(
                rule,
                level,
                words[0].start(),
                words[-1].end(),
                scan.text[words[0].start() : words[-1].end()],
            )


_CAPITAL = "[A-ZÀ-ÖØ-ÞĀ-ŽΑ-ΩА-Я]"
_CAPITALS = re.compile(_CAPITAL + _CAPITAL)
"""Two capitals in a row, written out rather than as {2}: a pattern that opens with a plain
character class is searched by skipping to candidates in C (2.5x faster here)."""
_WORD_AROUND = re.compile(r"\w+")


def _capital_words(text: str) -> Iterator[re.Match[str]]:
    """Each word holding two capitals in a row, found from those capitals and widened to the
    word: a pattern that starts with \\w* would be tried at every position of the reply."""
    last = -1
    for capitals in _CAPITALS.finditer(text):
        if capitals.start() < last:
            continue
        start = capitals.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            start -= 1
        word = _WORD_AROUND.match(text, start)
        if word is not None:
            last = word.end()
            yield word


_RUN_GAP = re.compile(r"[\s,\-]*")


def _shouted(token: Token, exceptions: set[str]) -> bool:
    return (
        token.text.isupper()
        and sum(character.isalpha() for character in token.text) >= 2
        and token.folded not in exceptions
    )


def _readability(rule: Rule, level: Level, scan: _Scan, guide: Guide) -> Iterator[Finding]:
    sentences = scan.sentences
    counts = [sentence.words for sentence in sentences]
    longest = rule.option("max_sentence_words")
    if longest is not None and counts and max(counts) > longest:
        for sentence in sentences:
            if sentence.words > longest:
                yield _finding(
                    rule,
                    level,
                    _skip_space(scan.text, sentence.start),
                    sentence.end,
                    f"{sentence.words} words in one sentence, at most {longest}",
                )
    words = sum(counts)
    most = rule.option("max_words")
    if most is not None and words > most:
        yield _finding(rule, level, 0, 0, f"{words} words, at most {most}")
    grade_limit = rule.option("max_grade")
    if (
        grade_limit is not None
        and words >= 30
        and _memo(guide, rule, "english", lambda: guide.covers("en"))
    ):
        grade = textlib.grade(words, len(sentences), scan.words.syllables)
        if grade > grade_limit:
            yield _finding(rule, level, 0, 0, f"grade {fixed(grade, 1)}, at most {grade_limit}")


def _skip_space(text: str, offset: int) -> int:
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset


_PLACEHOLDER = re.compile(
    r"[{}%](?:(?<=\{)\{([^{}]*)\}\}|(?<=\{)%([^{}]*?)%\}|(?<=\{)[{%]|(?<=\})\}|(?<=%)\})"
)
"""A placeholder, or an opening or closing that is not part of one. A body holds no brace:
an unclosed `{%first_name}` ran on to the next placeholder's `%}` and was read as one. The
pattern opens with a character class, so it skips to candidates in C: alternatives that
open with different characters were tried at every position of the reply."""
_FALLBACK = re.compile(r"\|\s*(?:fallback|default)\s*:|,\s*fallback\s*=")
_NAME_END = re.compile(r"[|,]")
_NAME = re.compile(r"[\w.]+")
_LIQUID_TAGS = frozenset(
    (
        *("if", "elsif", "else", "endif", "unless", "endunless", "case", "when", "endcase"),
        *("for", "endfor", "break", "continue", "assign", "capture", "endcapture"),
        *("comment", "endcomment", "raw", "endraw"),
    )
)
"""Liquid's tags (Zendesk's `{% if ticket.id %}`): logic around placeholders, not ones."""
_KNOWN_PREFIXES = {"zendesk": ("dc.",)}
"""Names a help desk fills in whatever a guide lists: Zendesk's dynamic content
(`{{dc.welcome}}`), which each account names for itself."""
_SYNTAXES = ("zendesk", "intercom", "gorgias", "helpscout")


def _placeholders(rule: Rule, level: Level, scan: _Scan, guide: Guide) -> Iterator[Finding]:
    """Help-desk template variables: Zendesk and Gorgias {{a.b}}, Intercom {{a | fallback: "x"}},
    Help Scout {%a.b,fallback=x%}. Unclosed, unopened and malformed ones, unknown names, and
    first-name variables without a fallback (the customer would read 'Hi ,')."""
    text = scan.with_code
    if "{" not in text and "}" not in text:
        return
    allowed = _memo(guide, rule, "allowed", lambda: frozenset(rule.option("allowed", [])))
    known = _memo(
        guide,
        rule,
        "known prefixes",
        lambda: tuple(
            prefix
            for syntax in rule.option("syntax", _SYNTAXES)
            for prefix in _KNOWN_PREFIXES.get(syntax, ())
        ),
    )
    need_fallback = _memo(
        guide, rule, "need_fallback", lambda: frozenset(rule.option("need_fallback", []))
    )
    for match in _PLACEHOLDER.finditer(text):
        written = match.group()
        body = match.group(1) if match.group(1) is not None else match.group(2)
        if body is None:
            if written in ("}}", "%}"):
                if scan.text.startswith(written, match.start()):  # not inside code
                    opening = "{{" if written == "}}" else "{%"
                    message = f"Placeholder end {written} has no {opening!r} before it."
                    yield Finding(rule, level, message, match.start(), match.end())
                continue
            closing = "}}" if written == "{{" else "%}"
            message = f"Placeholder {written} is never closed, expected {closing!r}."
            yield Finding(rule, level, message, match.start(), match.end())
            continue
        name = _NAME_END.split(body, maxsplit=1)[0].strip().strip("-").strip()  # {{- x -}}
        if match.group(2) is not None and (name.split(None, 1) or [""])[0] in _LIQUID_TAGS:
            continue
        if not _NAME.fullmatch(name):
            yield Finding(
                rule,
                level,
                f"Placeholder {written} is malformed: expected a variable name "
                "such as {{first_name}}.",
                match.start(),
                match.end(),
            )
            continue
        if allowed and name not in allowed and not name.startswith(known):
            from toolkit.core.suggest import did_you_mean

            yield Finding(
                rule,
                level,
                f"Unknown placeholder {written}{did_you_mean(name, sorted(allowed))}",
                match.start(),
                match.end(),
            )
            continue
        if name in need_fallback and not _FALLBACK.search(body):
            yield _finding(rule, level, match.start(), match.end(), written)


def _emoji(rule: Rule, level: Level, scan: _Scan, guide: Guide) -> Iterator[Finding]:
    spans = scan.emoji(rule.option("emoticons", True))
    allowed = rule.option("max", 0)
    for start, end in spans[allowed:]:
        yield _finding(rule, level, start, end, scan.text[start:end])


_JAMO_ONLY = re.compile(r"[\u3130-\u318f]+")
"""Bare Hangul letters (ㅋㅋ, ㅎㅎ) are laughter, not a word whose ending carries the register."""


def _endings(rule: Rule, level: Level, scan: _Scan, guide: Guide) -> Iterator[Finding]:
    """Where tone lives in a sentence's final ending (Korean speech levels: casual -해, -야
    against polite -요, -니다), each sentence's last word is checked."""
    endings = tuple(rule.option("endings"))
    unless = tuple(rule.option("unless_endings", ()))
    exceptions = _folded_exceptions(rule, guide)
    words = [
        token for token in scan.tokens if token.is_word and not _JAMO_ONLY.fullmatch(token.text)
    ]
    index = 0
    for sentence in scan.sentences:
        last = None
        while index < len(words) and words[index].start < sentence.end:
            last = words[index]
            index += 1
        if last is None or last.folded in exceptions:
            continue
        if last.text.endswith(endings) and not last.text.endswith(unless):
            yield _finding(rule, level, last.start, last.end, last.text)


_SLOT = re.compile(
    r"""[{\[<(X_](?:
      (?<=\{)(?<!\{\{)(?![{%])(?P<brace>[^{}\n]{1,80})\}(?!\})
     |(?<=\[)(?P<bracket>[^\[\]\n]{1,80})\](?![(\[:])
     |(?<=<)(?P<angle>[^<>\n=/"']{1,80})>
     |(?<=\()(?P<paren>[^()\n]{1,120})\)
     |(?<=X)(?<![^\W\d_]X)X+(?:[.,/:-]X+)*(?![^\W\d_])
     |(?<=_)(?<!\w_)__+
    )""",
    re.VERBOSE,
)
"""A slot in a template: {Insert Screenshot}, [AMOUNT], <Customer Name>, (a note), $XX.XX,
____. A pattern opening with a character class skips to candidates in C."""
_HTML_TAGS = frozenset(("a", "b", "i", "u", "p", "br", "hr", "em", "strong", "div", "span"))
_CAPS_WORD = _CAPITAL[:-1] + "0-9]"
_CAPS_WORD_REST = f"(?:{_CAPS_WORD}|['\u2019])*"
_CAPS_RUN = re.compile(
    f"{_CAPITAL}{_CAPS_WORD}{_CAPS_WORD_REST}(?:[ \t,.:;!?&/()-]+{_CAPS_WORD}{_CAPS_WORD_REST})*"
)
"""Words in capitals with only spaces or punctuation between, from a word of two capitals or
more: SET A REMINDER ... DELETE THIS. That first word is what keeps every capital of a
reply ("Hi", "I") from being a run for the notes pattern to search."""


def _leftover_spans(text: str, notes: _Notes | None) -> list[tuple[int, int]]:
    """Where a reply still holds its template: a slot in braces ({Insert Screenshot}), a
    slot in capitals or Title Case inside brackets ([AMOUNT], <Customer Name>), an XX or
    ____ blank, and a note to the agent: one of the `notes` phrases inside brackets or
    parentheses ((delete list before sending)), or in a run of capitals (SET A REMINDER
    ... DELETE THIS). The most common defect in real macro libraries."""
    found: list[tuple[int, int]] = []
    for match in _SLOT.finditer(text):
        content = next((group for group in match.groups() if group is not None), None)
        if content is None:  # a blank: XX or ____
            found.append(match.span())
            continue
        noted = notes is not None and notes.pattern.search(content) is not None
        if match.group("brace") is not None:
            slot = bool(content.strip())
        elif match.group("paren") is not None:
            slot = noted
        elif match.group("angle") is not None:
            slot = noted or (_is_slot_name(content) and content.lower() not in _HTML_TAGS)
        else:  # a bracket: not a shortcut link whose definition is in the reply
            slot = (noted or _is_slot_name(content)) and f"[{content}]:" not in text
        if slot:
            found.append(match.span())
    if notes is not None and _may_hold_caps_note(text, notes):
        for run in _CAPS_RUN.finditer(text):
            if notes.pattern.search(run.group()) and not any(
                start <= run.start() < end for start, end in found
            ):
                found.append(run.span())
        found.sort()
    return found


def _is_slot_name(content: str) -> bool:
    """[AMOUNT], [X], [Customer Name]: capitals or Title Case, as a form's fields are
    named; not [sic], [x] or [1]."""
    words = content.split()
    return bool(words) and all(word[0].isupper() for word in words)


class _Notes(NamedTuple):
    """The `notes` of a guide's leftovers rules: one pattern, and one for the words of two
    letters or more that they hold, in capitals (None when a phrase has none), one of which
    a note in capitals must show."""

    pattern: re.Pattern[str]
    capitals: re.Pattern[str] | None


def _may_hold_caps_note(text: str, notes: _Notes) -> bool:
    """Whether a run of capitals may hold a note: only then are the runs looked for, since
    finding them tries every capital letter of the reply."""
    if notes.capitals is None:
        return _CAPITALS.search(text) is not None
    return notes.capitals.search(text) is not None


def _notes(guide: Guide) -> _Notes | None:
    """The `notes` of the guide's leftovers rules (None without any): the shouting check
    skips what they find as well."""
    key = ("", "notes")
    if key not in guide.memo:
        phrases = sorted(
            {
                phrase
                for rule in guide.rules.values()
                if rule.type == "leftovers"
                for phrase in rule.option("notes", [])
            },
            key=len,
            reverse=True,
        )
        alternatives = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
        words = [[w for w in textlib.fold(p).split() if len(w) >= 2] for p in phrases]
        guide.memo[key] = (
            _Notes(
                re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE),
                re.compile(
                    "|".join(
                        re.escape(word.upper())
                        for word in sorted({w for ws in words for w in ws}, key=len, reverse=True)
                    )
                )
                if all(words)
                else None,
            )
            if phrases
            else None
        )
    notes: _Notes | None = guide.memo[key]
    return notes


def _leftovers(rule: Rule, level: Level, scan: _Scan, guide: Guide) -> Iterator[Finding]:
    for start, end in scan.leftovers(_notes(guide)):
        yield _finding(rule, level, start, end, scan.text[start:end])


def _vale(rule: Rule, level: Level, scan: _Scan, guide: Guide) -> Iterator[Finding]:
    """A Vale rule's alerts (toolkit.lint.vale_checks), at most its `limit` of them: the
    message is already Vale's, formatted with what it found; the rule's link follows it, as
    Vale shows one beside each alert."""
    alerts = rule.option("check").alerts(scan.prose)
    limit = rule.option("limit")
    more = f" More: {rule.link}" if rule.link else ""
    for alert in islice(alerts, limit) if limit else alerts:
        message = alert.message + more
        yield Finding(rule, level, message, alert.start, alert.end, alert.replacement)


_CHECKS: dict[str, Check] = {
    "existence": _existence,
    "substitution": _substitution,
    "occurrence": _occurrence,
    "repetition": _repetition,
    "consistency": _consistency,
    "conditional": _conditional,
    "requires": _requires,
    "capitalization": _capitalization,
    "readability": _readability,
    "placeholders": _placeholders,
    "emoji": _emoji,
    "endings": _endings,
    "leftovers": _leftovers,
}
