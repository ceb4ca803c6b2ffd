"""The linter's fast paths against the plain forms they replace: each must find exactly what
the plain form finds, on ordinary replies and on random strings of awkward characters."""

from __future__ import annotations

import functools
import random
import re
from typing import Any

from toolkit.core.content import shipped_root
from toolkit.core.diagnostics import Diagnostic
from toolkit.lint import text as textlib
from toolkit.lint.engine import _REPEATED
from toolkit.lint.guide import load_guide
from toolkit.lint.matcher import PhraseMatcher, normalize
from toolkit.lint.runner import _pack, _unpack

AWKWARD = [
    *"aeiouyAEIOUY bcdlmnrstxz_09'’.,!?;:<>()-/*•\n\t\r\f",
    *["  ", "\n\n", "\u00a0", "\x1c", "。", "！", "é", "É", "İ", "Σ", "ß", "🎉", "결제가"],
    *["\u017f", "\u212a"],  # long s and the Kelvin sign: RE2 folds them to s and k
    *[":)", ":-(", "<3", ";)", ":'(", "1)", "the", "The", "THE", "don't", "don’t"],
]


WORDY = ["the", "The", "THE", "x", "é", "İ", "Σ", "10", "_", "'", "’", " ", "  ", "\n", ",", "."]
"""Few words, so that neighbours often repeat."""


def awkward_texts(count: int, seed: int, pieces: list[str] = AWKWARD) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(pieces, k=rng.randint(0, 24))) for _ in range(count)]


def test_word_stats_match_three_regex_passes_and_the_repeat_pattern() -> None:
    vowel_groups = re.compile(r"[aeiouy]+")
    silent_e = re.compile(r"[aeiouy][^\Waeiouy]*[^\Waeiouyl]e\b")
    no_vowel = re.compile(r"\b[^\Waeiouy\d_]+\b")
    replies = [
        "Hi Sam,\n\nThe the card on file expired. I'll update you tomorrow morning by ten.",
        "Naïve café owners utilise the the the same same, SAME words: had had, that that.",
        "ΟΔΟΣ。ΟΔΟΣ ΟΔΟΣ。 İX İX。ΣΑΣ ΣΑΣ！Ξ 결제가 결제가？",
    ]
    for text in replies + awkward_texts(3000, 1) + awkward_texts(3000, 5, WORDY):
        lowered = text.lower()
        expected = (
            len(vowel_groups.findall(lowered))
            - len(silent_e.findall(lowered))
            + len(no_vowel.findall(lowered))
        )
        sentences, chunks = textlib.sentences_and_chunks(text)
        stats = textlib.word_stats(chunks)
        assert stats.syllables == expected == textlib.syllables(text), text
        assert sentences == textlib.sentences(text)
        assert sum(sentence.words for sentence in sentences) == len(chunks)
        if _REPEATED.search(textlib.fold(text)):  # may say yes wrongly, never no wrongly
            assert stats.may_repeat, text


def test_sentence_boundaries_match_the_plain_alternation() -> None:
    plain = re.compile(
        r"[.!?]+(?=\s|$)|[。！？]+|\n[ \t]*\n|[,:;][ \t]*\n(?:[ \t]*\n)?"
        r"|\n(?=[ \t]*(?:[-*•]|\d+[.)])[ \t])"
    )
    for text in awkward_texts(5000, 2):
        assert [m.span() for m in textlib._BOUNDARY.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], text


def test_emoticons_match_the_plain_alternation() -> None:
    plain = re.compile(
        r"(?<![\w:;<])(?:" + "|".join(re.escape(e) for e in textlib.EMOTICONS) + r")(?![\w)(/])"
    )
    for text in awkward_texts(5000, 3):
        assert [m.span() for m in textlib._EMOTICON.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ], text


@functools.cache
def _alone(pattern: str) -> Any:
    import re2

    options = re2.Options()
    options.case_sensitive = False
    return re2.compile(pattern, options)


def reference_scan(matcher: PhraseMatcher[object], text: str) -> list[tuple[int, int, object]]:
    """Every occurrence of every phrase, each found by an RE2 pattern of its own tried from
    every place (so no phrase hides another), mapped to characters, boundary-checked and
    looked up as written; in order of start, the longer first."""
    found = []
    raw = text.encode()
    for key, entries in matcher._entries.items():
        pattern = _alone(matcher._pattern(key))
        match = pattern.search(raw)
        while match is not None:
            start = len(raw[: match.start()].decode())
            end = start + len(match.group().decode())
            matched = text[start:end]
            if matcher._bounded(text, start, end, key) and normalize(matched) == key:
                for exact, meaning in entries:
                    if exact is None or exact == re.sub(r"\s+", " ", matched.replace("’", "'")):
                        found.append((start, end, meaning))
            match = pattern.search(raw, match.start() + 1)
    return sorted(found, key=lambda hit: (hit[0], -hit[1]))


def test_matcher_finds_what_the_reference_scan_finds() -> None:
    guide = load_guide(shipped_root() / "tone_guides" / "preach.yaml", shipped_root())
    matcher = guide.matcher  # this test's own guide: it adds to it
    matcher.add("PIN", "pin (exact)", case_sensitive=True)
    matcher.add("Log In", "log in (exact)", case_sensitive=True)
    phrases = [*matcher._entries, "PIN", "Pin", "Log In", "LOG IN"]
    rng = random.Random(4)
    spaces = [" ", "  ", "\n", "\t", "\r", "\f", "\r\n", ""]
    for _ in range(3000):
        parts = []
        for _ in range(rng.randint(1, 8)):
            if rng.random() < 0.5:
                phrase = rng.choice(phrases).replace(" ", rng.choice(spaces))
                parts.append(phrase.upper() if rng.random() < 0.3 else phrase)
            else:
                parts.append(rng.choice(AWKWARD))
        text = "".join(rng.choice(["", " ", "x", "é"]) + part for part in parts)
        assert list(matcher.scan(text)) == reference_scan(matcher, text), text


def test_findings_survive_the_trip_back_from_a_worker() -> None:
    findings = [
        Diagnostic("a.md", 3, 7, "warning", "C/jargon", 'Say "use".'),
        Diagnostic("a.md", None, None, "error", "P/placeholders", "Placeholder {{x}}."),
        Diagnostic("b.md", 1, 1, "warning", "C/jargon", 'Say "use".'),
    ]
    assert _unpack(_pack(findings)) == findings
    assert _unpack(_pack([])) == []
