"""The language a reply is written in, told from its script, for replies that name no
locale (most help-desk exports): a Thai or Japanese macro must be skipped as "no guide
covers it", never judged by rules written for English.

Only the script is read, so only languages a script tells apart are guessed (Latin-script
languages stay unguessed, and go to the default guide as before). A script counts when at
least a third of the reply's letters are in it, placeholders, links and email addresses
left out: those are ASCII in every language, and a Thai macro with a {{first_name}}, a link
and a product name had more ASCII letters than Thai ones. A Korean name in an English reply
does not make it Korean. Thai and Devanagari vowel signs are combining marks, not letters,
so every character of a script's block is counted, not only its letters.
"""

from __future__ import annotations

import re

_SCRIPTS: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "el"),  # Greek
    (0x0400, 0x052F, "ru"),  # Cyrillic (Russian the likeliest; a guide for uk covers "uk")
    (0x0590, 0x05FF, "he"),  # Hebrew
    (0x0600, 0x06FF, "ar"),  # Arabic
    (0x0900, 0x097F, "hi"),  # Devanagari
    (0x0E00, 0x0E7F, "th"),  # Thai
    (0x1100, 0x11FF, "ko"),  # Hangul Jamo
    (0x3040, 0x30FF, "ja"),  # Hiragana and Katakana
    (0x3130, 0x318F, "ko"),  # Hangul compatibility Jamo
    (0x4E00, 0x9FFF, "zh"),  # CJK ideographs (Japanese kana, when present, outvote them)
    (0xAC00, 0xD7AF, "ko"),  # Hangul syllables
)
_ASCII = re.compile(r"[\x00-\x7f]+")
_ASCII_LETTERS = re.compile(r"[A-Za-z]")
_NOT_WORDS = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}|\b(?:https?|ftp)://\S+|\bwww\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    re.DOTALL,
)
"""Placeholders, links and email addresses: written in ASCII whatever the reply's language."""
_SHARE = 1 / 3


def guess_language(text: str) -> str | None:
    """The language code of the script a third or more of `text`'s letters are in (the
    likeliest, when several are); None for Latin script (or no letters)."""
    if text.isascii():
        return None  # nearly every English reply: decided at C speed
    if "{" in text or "@" in text or "://" in text or "www." in text:
        text = _NOT_WORDS.sub(" ", text)
    counts: dict[str, int] = {}
    latin = len(_ASCII_LETTERS.findall(text))
    for char in _ASCII.sub("", text):
        code = ord(char)
        language = next((lang for low, high, lang in _SCRIPTS if low <= code <= high), None)
        if language is not None:
            counts[language] = counts.get(language, 0) + 1
        elif char.isalpha():
            latin += 1  # accented Latin letters, and scripts sxt does not tell apart
    if counts.get("ja") and "zh" in counts:
        counts["ja"] += counts.pop("zh")  # kanji in Japanese text
    best = max(counts, key=counts.__getitem__, default=None)
    if best is None or counts[best] < _SHARE * (latin + sum(counts.values())):
        return None
    return best
