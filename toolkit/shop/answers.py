"""One scorer's answers written into a shop file without disturbing anything else in it.

The scoring screen (and any command that edits a shop) sets answers and comments on the
ruamel round-trip data that toolkit.core.store.edit yields. A shop file is written by hand as
often as by sxt, with comments between scorers (`# the calibrator`) and between criteria
(`# Opening`); ruamel hangs such a comment on the last value above it, so adding, removing or
reshaping an answer is done with the comment-keeping helpers of toolkit.core.yaml_edit, which
lift those comments off before a change and put them back after it.

An answer is written plain (`personal-greeting: partial`) until it has a comment, and then as
`{answer, comment}` on two lines; removing the comment makes it plain again, so a file only
carries the longer form where there is something to say.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

# The comment-keeping primitives are the audit's: the same ruamel behaviour, written once.
# They belong in toolkit.core (a shared round-trip module) the day a third job needs them.
from toolkit.core.yaml_edit import (
    attach_tail,
    detach_tail,
    filled,
    insert,
    put,
    remove,
)
from toolkit.shop.model import Answer

SHOP_KEYS = (
    "sxt",
    "kind",
    "scorecard",
    "scenario",
    "channel",
    "date",
    "persona",
    "agent",
    "team",
    "journey_step",
    "transcript",
    "transcript_link",
    "scores",
)
"""A shop's top-level keys in the schema's order: `scores:` goes where a person would put it."""
SCORING_KEYS = ("scorer", "benchmark", "date", "answers")
ANSWER_KEYS = ("answer", "comment")


def same_scorer(name: str, other: str) -> bool:
    """Scorers are people typing their own name: `dana  lee` is Dana Lee, not a new scorer."""
    return " ".join(name.split()).casefold() == " ".join(other.split()).casefold()


def scorer_index(data: CommentedMap, scorer: str) -> int | None:
    """Where the scorer's entry is in `scores`, if they have one."""
    scores = data.get("scores")
    if not isinstance(scores, CommentedSeq):
        return None
    return next(
        (
            index
            for index, entry in enumerate(scores)
            if isinstance(entry, CommentedMap) and same_scorer(str(entry.get("scorer", "")), scorer)
        ),
        None,
    )


@contextlib.contextmanager
def _answers(
    data: CommentedMap, scorer: str, today: dt.date | None, first: tuple[str, Any]
) -> Iterator[CommentedMap | None]:
    """The scorer's `answers:` opened for change, with the comment lines after their entry
    (the next scorer's heading, or the end of the file) held aside and hung back on whatever
    the entry ends with afterwards. A scorer without an entry gets one, holding `first` (an
    entry is filled before it goes in, so no comment lands between its dash and its keys);
    None is then yielded, as there is nothing left to change."""
    index = scorer_index(data, scorer)
    if index is None:
        values = {"scorer": scorer, "date": today, "answers": CommentedMap([first])}
        _add_scoring(data, filled(values, SCORING_KEYS))
        yield None
        return
    scores = data["scores"]
    tail = detach_tail(scores, index)
    entry = scores[index]
    answers = entry.get("answers")
    if not isinstance(answers, CommentedMap):
        answers = CommentedMap()
        entry["answers"] = answers
    answers.fa.set_block_style()  # `answers: {}` from a template becomes lines that diff well
    yield answers
    attach_tail(scores, index, tail)


def _add_scoring(data: CommentedMap, entry: CommentedMap) -> None:
    """Appends a scorer's entry to `scores`, creating the list (in the schema's place among
    the shop's keys) or replacing an empty one (`scores: []`, `scores:`) as needed."""
    scores = data.get("scores")
    if isinstance(scores, CommentedSeq) and scores:
        scores.fa.set_block_style()
        insert(scores, len(scores), None, entry)
    elif "scores" in data:
        _replace(data, "scores", CommentedSeq([entry]))
    else:
        put(data, "scores", CommentedSeq([entry]), SHOP_KEYS)


def set_answer(
    data: CommentedMap,
    scorer: str,
    criterion_id: str,
    answer: Answer | None,
    *,
    order: Sequence[str],
    today: dt.date | None = None,
) -> None:
    """Writes one answer of one scorer (None removes it). The scorer's entry is created, dated
    `today`, on their first answer; a new criterion goes where `order` (the scorecard's
    criteria) puts it, so answers read in the order they are scored; an answer that has a
    comment keeps it."""
    if answer is None and scorer_index(data, scorer) is None:
        return  # nothing to remove, and no entry to create for it
    with _answers(data, scorer, today, (criterion_id, answer)) as answers:
        if answers is None:
            return
        current = answers.get(criterion_id)
        if answer is None:
            if criterion_id in answers:
                remove(answers, criterion_id)
        elif isinstance(current, CommentedMap):
            put(current, "answer", answer, ANSWER_KEYS)
        else:
            put(answers, criterion_id, answer, _order(order, answers, criterion_id))


def set_comment(
    data: CommentedMap,
    scorer: str,
    criterion_id: str,
    comment: str | None,
    *,
    order: Sequence[str],
) -> None:
    """Sets or (for None or empty) removes the comment on an answer the scorer has given; the
    schema has no comment without an answer, so an unanswered criterion is a ValueError."""
    index = scorer_index(data, scorer)
    answers = data["scores"][index].get("answers") if index is not None else None
    if not isinstance(answers, CommentedMap) or criterion_id not in answers:
        raise ValueError(f"{scorer} has not answered {criterion_id}: answer before commenting")
    with _answers(data, scorer, None, (criterion_id, None)) as opened:
        assert opened is not None  # the entry exists: checked above
        current = opened[criterion_id]
        if isinstance(current, CommentedMap):
            if comment:
                put(current, "comment", comment, ANSWER_KEYS)
            else:
                _replace(opened, criterion_id, current["answer"])
        elif comment:
            _replace(
                opened, criterion_id, filled({"answer": current, "comment": comment}, ANSWER_KEYS)
            )


def _replace(mapping: CommentedMap, key: str, value: Any) -> None:
    """Swaps a value for another of a different shape (a plain answer for its `{answer,
    comment}` form or back, an empty list for a filled one). The comment lines that follow it
    (the next section's heading) move to whatever the new value ends with; what was written at
    the end of its line stays on the key's line."""
    tail = detach_tail(mapping, key)
    mapping[key] = value
    attach_tail(mapping, key, tail)


def _order(order: Sequence[str], answers: CommentedMap, criterion_id: str) -> list[str]:
    """The scorecard's order, with anything the file holds that the scorecard lacks (it would
    not validate, but a write must not crash on it) put last."""
    return list(dict.fromkeys((*order, *answers, criterion_id)))
