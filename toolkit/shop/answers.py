"""One scorer's answers written into their scoring file without disturbing anything else.

A scoring file (shops/<shop>/<scorer>.yaml) is written by hand as often as by sxt, with
comments between criteria (`# Opening`); ruamel hangs such a comment on the last value above
it, so adding, removing or reshaping an answer goes through the comment-keeping helpers of
toolkit.core.yaml_edit, which lift those comments off before a change and put them back after
it. The CLI's `sxt shop score` and the terminal app's scoring form both write through here.

An answer is written plain (`personal-greeting: partial`) until it has a comment, and then as
`{answer, comment}` on two lines; removing the comment makes it plain again, so a file only
carries the longer form where there is something to say. Once the scorer has submitted, every
change of an answer is also appended to `revisions:` (date, criterion, before, after), so a
calibration report can show what moved after the scorer saw the others' answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from toolkit.core.identity import same_person
from toolkit.core.yaml_edit import attach_tail, detach_tail, filled, insert, put, remove
from toolkit.shop.model import Answer

SCORING_FILE_KEYS = (
    "sxt",
    "kind",
    "scorer",
    "benchmark",
    "date",
    "submitted",
    "answers",
    "revisions",
)
"""A scoring file's keys in the schema's order: a new key goes where a person would put it."""
ANSWER_KEYS = ("answer", "comment")
REVISION_KEYS = ("date", "criterion", "before", "after")


def fresh(day: dt.date) -> dt.date:
    """A date object of its own for each place it is written: ruamel writes one object met
    twice as an anchor and an alias (`date: *id001`), which no person wants to read."""
    return dt.date.fromordinal(day.toordinal())


same_scorer = same_person
"""Scorers are people typing their own name: `dana  lee` is Dana Lee, not a new scorer."""


def _answers(data: CommentedMap) -> CommentedMap:
    answers = data.get("answers")
    if not isinstance(answers, CommentedMap):  # `answers:` left empty by hand
        answers = CommentedMap()
        _replace(data, "answers", answers)
    answers.fa.set_block_style()  # `answers: {}` from a template becomes lines that diff well
    return answers


def answer_of(data: CommentedMap, criterion_id: str) -> Answer | None:
    value = data.get("answers", {}).get(criterion_id) if isinstance(data, CommentedMap) else None
    return value.get("answer") if isinstance(value, CommentedMap) else value


def set_answer(
    data: CommentedMap,
    criterion_id: str,
    answer: Answer | None,
    *,
    order: Sequence[str],
    today: dt.date | None = None,
) -> None:
    """Writes one answer (None removes it); a new criterion goes where `order` (the
    scorecard's criteria) puts it, so answers read in the order they are scored; an answer
    that has a comment keeps it. A submitted scoring records the change as a revision on
    `today`."""
    before = answer_of(data, criterion_id)
    if before == answer and (answer is None or type(before) is type(answer)):
        return
    answers = _answers(data)
    current = answers.get(criterion_id)
    if answer is None:
        remove(answers, criterion_id)
    elif isinstance(current, CommentedMap):
        put(current, "answer", answer, ANSWER_KEYS)
    else:
        put(answers, criterion_id, answer, _order(order, answers, criterion_id))
    if today is not None:
        put(data, "date", fresh(today), SCORING_FILE_KEYS)
        if data.get("submitted"):
            record_revision(data, today, criterion_id, before, answer)


def record_revision(
    data: CommentedMap, today: dt.date, criterion_id: str, before: Any, after: Any
) -> None:
    # None is written empty (`before:`): there was no answer.
    entry = CommentedMap(
        zip(REVISION_KEYS, (fresh(today), criterion_id, before, after), strict=True)
    )
    revisions = data.get("revisions")
    if isinstance(revisions, CommentedSeq) and revisions:
        revisions.fa.set_block_style()
        insert(revisions, len(revisions), None, entry)
    else:
        if "revisions" in data:
            remove(data, "revisions")
        put(data, "revisions", CommentedSeq([entry]), SCORING_FILE_KEYS)


def set_comment(
    data: CommentedMap, criterion_id: str, comment: str | None, *, order: Sequence[str]
) -> None:
    """Sets or (for None or empty) removes the comment on an answer given; the schema has no
    comment without an answer, so an unanswered criterion is a ValueError."""
    answers = data.get("answers")
    if not isinstance(answers, CommentedMap) or criterion_id not in answers:
        raise ValueError(f"{criterion_id} has no answer: answer before commenting")
    current = answers[criterion_id]
    if isinstance(current, CommentedMap):
        if comment:
            put(current, "comment", comment, ANSWER_KEYS)
        else:
            _replace(answers, criterion_id, current["answer"])
    elif comment:
        _replace(
            answers, criterion_id, filled({"answer": current, "comment": comment}, ANSWER_KEYS)
        )


def _replace(mapping: CommentedMap, key: str, value: Any) -> None:
    """Swaps a value for another of a different shape (a plain answer for its `{answer,
    comment}` form or back). The comment lines that follow it (the next section's heading)
    move to whatever the new value ends with; what was written at the end of its line stays
    on the key's line."""
    tail = detach_tail(mapping, key)
    mapping[key] = value
    attach_tail(mapping, key, tail)


def _order(order: Sequence[str], answers: CommentedMap, criterion_id: str) -> list[str]:
    """The scorecard's order, with anything the file holds that the scorecard lacks (it would
    not validate, but a write must not crash on it) put last."""
    return list(dict.fromkeys((*order, *answers, criterion_id)))
