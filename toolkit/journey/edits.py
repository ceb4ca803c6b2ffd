"""Editing one step of a journey file, on the round-trip data of toolkit.core.store.edit: by
step id (not position), with the comment-keeping helpers of toolkit.core.yaml_edit, so a new
key lands where the file's order puts it and the comments around a pain point stay put.
The TUI journey screen edits through these; so could a command."""

from __future__ import annotations

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from toolkit.core.yaml_edit import filled, insert, put, remove

STEP_KEYS = (
    "id",
    "action",
    "touchpoints",
    "channel",
    "emotion",
    "thoughts",
    "owner",
    "tier",
    "escalation",
    "sensitive",
    "kpis",
    "evidence",
    "validated",
    "lanes",
    "pain_points",
)
"""Where a key the step lacks is written: the order of the shipped example, which keeps the
pain points last, under the lanes."""
PAIN_KEYS = ("description", "opportunity", "action", "checklist_item", "impact", "effort", "status")


def step_in(data: CommentedMap, step_id: str) -> CommentedMap:
    """The step in the round-trip data, found by id rather than position, so a file edited
    elsewhere since it was read is still edited at the right step, or not at all."""
    for stage in data.get("stages", []):
        for step in stage.get("steps", []):
            if step.get("id") == step_id:
                return step
    raise LookupError(f"step {step_id!r} is no longer in the file: press r to read it again")


def put_text(mapping: CommentedMap, key: str, value: str | None, order: tuple[str, ...]) -> None:
    """A text field, left alone when only its line breaks would change: the model folds text
    onto one line, and a folded `>` block given back unedited should stay a block."""
    old = mapping.get(key)
    if value is not None and isinstance(old, str) and " ".join(old.split()) == value:
        return
    put(mapping, key, value, order)


def add_pain(step: CommentedMap, values: dict[str, str]) -> None:
    pain = filled({k: v or None for k, v in values.items()}, PAIN_KEYS)
    pains = step.get("pain_points")
    if pains:
        insert(pains, len(pains), None, pain)
    else:
        put(step, "pain_points", CommentedSeq([pain]), STEP_KEYS)


def remove_pain(step: CommentedMap, index: int) -> None:
    pains = step["pain_points"]
    if len(pains) > 1:
        remove(pains, index)
    else:
        remove(step, "pain_points")  # an empty list would say nothing, in two lines


def edit_pain(step: CommentedMap, index: int, values: dict[str, str]) -> None:
    pain = step["pain_points"][index]
    for key in ("description", "opportunity"):
        put_text(pain, key, values[key] or None, PAIN_KEYS)
