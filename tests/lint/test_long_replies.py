"""A long reply costs time in proportion to its length: a 900 KB reply of jargon took six
minutes (every finding compared with every other, and newlines counted from the start for
each). The fast paths must give exactly what the plain definitions give."""

from __future__ import annotations

import random

from toolkit.lint import engine, model
from toolkit.lint.engine import Hit


def contained_in_a_longer_hit(hits: list[Hit]) -> list[Hit]:
    """The definition _longest implements: hits inside a strictly longer one are dropped."""
    return [
        hit
        for hit in hits
        if not any(
            other is not hit
            and other.start <= hit.start
            and hit.end <= other.end
            and other.end - other.start > hit.end - hit.start
            for other in hits
        )
    ]


def test_longest_keeps_what_the_definition_keeps() -> None:
    rng = random.Random(5)
    for _ in range(500):
        hits = []
        for _ in range(rng.randrange(0, 12)):
            start = rng.randrange(0, 20)
            hits.append(Hit(start, start + rng.randrange(1, 6), None, "x"))  # type: ignore[arg-type]
        assert engine._longest(hits) == contained_in_a_longer_hit(hits)


def test_a_long_text_is_located_as_a_short_one_is(monkeypatch) -> None:
    rng = random.Random(7)
    for _ in range(60):
        text = "".join(rng.choice("ab \n\n") for _ in range(rng.choice([10, 5_000, 9_000])))
        offsets = [rng.randrange(0, len(text) + 1) for _ in range(40)]
        fast = model.line_locator(text, 3, 5, 2)
        found = [fast(offset) for offset in offsets]
        monkeypatch.setattr(model, "_LONG", 10**9)
        counted = model.line_locator(text, 3, 5, 2)
        assert found == [counted(offset) for offset in offsets]
        monkeypatch.undo()
