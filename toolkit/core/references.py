"""Checks that ids point at things that exist: the mistakes a schema cannot see.

A schema knows an audit names *a* checklist; only the workspace knows whether 'ten-piont' is
one. Every unknown id is an error at the place it is written, with the nearest real id offered.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from typing import Any

from toolkit.core.diagnostics import Diagnostic
from toolkit.core.identity import same_person
from toolkit.core.loader import Document, JsonPath
from toolkit.core.suggest import did_you_mean, one_of
from toolkit.core.validation import Catalog, Checked

DEFAULT_CHECKLIST = "ten-point"


def check_references(checked: Checked, catalog: Catalog) -> list[Diagnostic]:
    """Reference problems of one file, reported next to its schema errors so that one run
    shows everything. On a document the schema rejected, the checks go as far as its shape
    allows and stop quietly where a value is not what the schema asks for: that value already
    has its own schema error."""
    if checked.document is None or checked.kind not in _CHECKS:
        return []
    found: list[Diagnostic] = []
    try:
        found.extend(_CHECKS[checked.kind](checked.document, catalog))
    except _BrokenTarget as broken:
        found.append(
            Diagnostic(
                checked.display,
                None,
                None,
                "warning",
                "reference",
                f"its references to {broken.target.kind} {broken.target.id!r} are not "
                f"checked: {broken.target.display} has errors (fix that file first)",
            )
        )
    except (KeyError, TypeError, AttributeError, ValueError):
        if checked.valid:
            raise  # a schema-valid document must never trip a check: that is a bug in sxt
    return found


class _BrokenTarget(Exception):
    """A document refers to one that has errors: what it says of it cannot be checked (the
    other file is not what its schema says, so no check may read it), and the other file
    has its own errors to say so."""

    def __init__(self, target: Checked) -> None:
        super().__init__(target.display)
        self.target = target


def unknown(
    document: Document,
    path: JsonPath,
    value: str,
    known: Collection[str],
    what: str,
    *,
    within: str = "",
    key: bool = False,
) -> Diagnostic | None:
    """An error when `value` is not among `known`, with the closest id offered; `within`
    names where the ids come from, e.g. "checklist 'ten-point'"."""
    if value in known:
        return None
    hint = did_you_mean(value, known) or (
        f"; expected one of {one_of(known)}" if known else f"; there are no {what}s"
    )
    where = f" in {within}" if within else ""
    return document.diagnostic(
        path, "error", "reference", f"unknown {what} {value!r}{where}{hint}", key=key
    )


def duplicates(
    document: Document, entries: Iterable[tuple[JsonPath, str]], what: str, why: str = ""
) -> Iterator[Diagnostic]:
    """Ids must be unique: a later reference to a repeated id would be ambiguous.
    `entries` are (path of the id, id) pairs, so nested lists (criteria in sections) work too."""
    first_line: dict[str, int] = {}
    for path, value in entries:
        line = document.position(path).line
        if value in first_line:
            yield document.diagnostic(
                path,
                "error",
                "duplicate-id",
                f"{what} id {value!r} is used twice (first at line {first_line[value]}), "
                f"expected unique ids{why}",
            )
        else:
            first_line[value] = line


def _ids(path: JsonPath, entries: list[Any]) -> list[tuple[JsonPath, str]]:
    return [
        ((*path, index, "id"), entry["id"]) for index, entry in enumerate(entries) if "id" in entry
    ]


def _document(catalog: Catalog, kind: str, document_id: str) -> dict[str, Any]:
    """The data of a document referred to; raises _BrokenTarget when it has errors."""
    found = catalog.get(kind, document_id)
    if found is None:
        return {}
    if not found.valid:
        raise _BrokenTarget(found)
    return found.data


def _workspace(document: Document, catalog: Catalog) -> Iterator[Diagnostic]:
    for name, kind in (
        ("checklist", "checklist"),
        ("scorecard", "scorecard"),
        ("tone_guide", "tone-guide"),
    ):
        value = document.data.get("defaults", {}).get(name)
        if name == "tone_guide" and _is_folder(document, value):
            continue  # a Vale style, which `sxt lint` reads (toolkit.lint.vale)
        if value is not None:
            problem = unknown(document, ("defaults", name), value, catalog.ids(kind), kind)
            if problem:
                yield problem


def _is_folder(document: Document, value: Any) -> bool:
    """Whether a default names a folder of the workspace, as a Vale style is named."""
    return isinstance(value, str) and (document.path.parent / value).is_dir()


def _checklist(document: Document, catalog: Catalog) -> Iterator[Diagnostic]:
    items = document.data["items"]
    yield from duplicates(document, _ids(("items",), items), "item")
    order = {item["id"]: index for index, item in enumerate(items)}
    for index, item in enumerate(items):
        for position, dependency in enumerate(item.get("depends_on", [])):
            path = ("items", index, "depends_on", position)
            problem = unknown(document, path, dependency, order, "checklist item")
            if problem:
                yield problem
            elif order[dependency] >= index:
                yield document.diagnostic(
                    path,
                    "error",
                    "reference",
                    f"{item['id']!r} depends on {dependency!r}, which does not come before it, "
                    "expected only earlier items: the checklist's order is its priority order",
                )


def _audit(document: Document, catalog: Catalog) -> Iterator[Diagnostic]:
    name = document.data["checklist"]
    problem = unknown(document, ("checklist",), name, catalog.ids("checklist"), "checklist")
    if problem:
        yield problem
        return
    item_ids = [item["id"] for item in _document(catalog, "checklist", name).get("items", [])]
    for item_id in document.data["items"]:
        problem = unknown(
            document,
            ("items", item_id),
            item_id,
            item_ids,
            "item",
            within=f"checklist {name!r}",
            key=True,
        )
        if problem:
            yield problem


def _scorecard(document: Document, catalog: Catalog) -> Iterator[Diagnostic]:
    sections = document.data["sections"]
    yield from duplicates(document, _ids(("sections",), sections), "section")
    criteria = [
        entry
        for index, section in enumerate(sections)
        for entry in _ids(("sections", index, "criteria"), section["criteria"])
    ]
    yield from duplicates(document, criteria, "criterion", ": shops refer to criteria by id")
    for index, section in enumerate(sections):
        for number, criterion in enumerate(section["criteria"]):
            yield from _options(document, ("sections", index, "criteria", number), criterion)


def _options(document: Document, at: JsonPath, criterion: dict[str, Any]) -> Iterator[Diagnostic]:
    """A choice criterion's options: unique ids, none of them 'na' (that answer is N/A
    everywhere) nor one that YAML reads as something else (`tone: 2` or `tone: true` in a
    scoring file is a number or a boolean, not the id), and examples keyed by them. Options
    on another type would be ignored by every figure, so they are an error rather than
    silence."""
    options = criterion.get("options")
    if options is None:
        return
    if criterion["type"] != "choice":
        yield document.diagnostic(
            (*at, "options"),
            "error",
            "reference",
            f"{criterion['id']} is a {criterion['type']} criterion and has options, expected "
            "options only on a choice criterion (type: choice)",
            key=True,
        )
        return
    yield from duplicates(
        document, _ids((*at, "options"), options), "option", ": answers name options by id"
    )
    for number, option in enumerate(options):
        name = option.get("id")
        why = ""
        if name == "na":
            why = "is the N/A answer, expected another id (na_allowed: true allows N/A)"
        elif isinstance(name, str) and _NOT_TEXT.match(name):
            why = "is not text to YAML (`answer: 2` is a number, `true` a boolean), expected "
            why += "an id that reads as text, e.g. with a letter in it"
        if why:
            yield document.diagnostic(
                (*at, "options", number, "id"), "error", "reference", f"option id {name!r} {why}"
            )
    ids = [option["id"] for option in options if "id" in option]
    for name in criterion.get("examples", {}):
        problem = unknown(
            document,
            (*at, "examples", name),
            name,
            ids,
            "option",
            within=f"criterion {criterion['id']!r}",
            key=True,
        )
        if problem:
            yield problem


_NOT_TEXT = re.compile(r"(true|false|null|0x[0-9a-f]+|0o[0-7]+|[0-9]+(e-?[0-9]+)?)\Z")
"""Ids a plain YAML 1.2 scalar reads as a boolean, null or number: an answer written so
(as sxt writes answers) would not be the id."""

_CRITERIA: dict[int, tuple[dict[str, Any], dict[str, dict[str, Any]]]] = {}


def _criteria(catalog: Catalog, scorecard: str) -> dict[str, dict[str, Any]]:
    """The scorecard's criteria by id, built once per scorecard document (every scoring of
    a workspace asks for the same one)."""
    data = _document(catalog, "scorecard", scorecard)
    cached = _CRITERIA.get(id(data))
    if cached is not None and cached[0] is data:
        return cached[1]
    found = {
        criterion["id"]: criterion
        for section in data.get("sections", [])
        for criterion in section.get("criteria", [])
    }
    if len(_CRITERIA) > 64:
        _CRITERIA.clear()
    _CRITERIA[id(data)] = (data, found)
    return found


_FITTING: dict[tuple[int, str], tuple[dict[str, dict[str, Any]], dict[str, frozenset[Any]]]] = {}


def _fitting_answers(
    criteria: dict[str, dict[str, Any]], channel: str
) -> dict[str, frozenset[Any]]:
    """Every valid answer of each criterion a shop of `channel` is scored on: worked out
    once per scorecard and channel, since a workspace holds thousands of scoring files of a
    handful of scorecards. Anything else goes the slow way, which says what is wrong."""
    key = (id(criteria), channel)
    cached = _FITTING.get(key)
    if cached is not None and cached[0] is criteria:
        return cached[1]
    fits = {}
    for criterion_id, criterion in criteria.items():
        channels = criterion.get("channels") or []
        if channels and channel not in channels:
            continue
        choices: list[Any] = ["na"] if criterion.get("na_allowed") else []
        if criterion["type"] in ("yes-no", "yes-partial-no"):
            choices += ["yes", "no"] + (["partial"] if criterion["type"] != "yes-no" else [])
        elif criterion["type"] == "choice":
            choices += [option["id"] for option in criterion.get("options", [])]
        elif criterion["type"] == "points":
            choices += range(criterion["points"] + 1)
        else:
            scale = criterion.get("scale", {})
            choices += range(scale.get("min", 1), scale.get("max", 5) + 1)
        fits[criterion_id] = frozenset(choices)
    if len(_FITTING) > 64:
        _FITTING.clear()
    _FITTING[key] = (criteria, fits)
    return fits


def _shop(document: Document, catalog: Catalog) -> Iterator[Diagnostic]:
    data = document.data
    name = data["scorecard"]
    problem = unknown(document, ("scorecard",), name, catalog.ids("scorecard"), "scorecard")
    if problem:
        yield problem
    criteria = {} if problem else _criteria(catalog, name)
    benchmarks = 0
    for index, scoring in enumerate(data.get("scores", [])):
        benchmarks += bool(scoring.get("benchmark"))
        if scoring.get("benchmark") and benchmarks > 1:
            yield document.diagnostic(
                ("scores", index, "benchmark"),
                "error",
                "benchmark",
                "a second scorer is marked benchmark, expected at most one per shop",
            )
        if not problem:
            yield from _answers(
                document, ("scores", index, "answers"), criteria, name, data["channel"]
            )
    if "journey_step" in data:
        yield from _journey_step(document, catalog, data["journey_step"])


def _answers(
    document: Document,
    at: JsonPath,
    criteria: dict[str, dict[str, Any]],
    scorecard: str,
    channel: str,
) -> Iterator[Diagnostic]:
    """Each answer of one scoring against the shop's scorecard: a known criterion, one the
    shop's channel is scored on (an answer for another channel's criterion would be ignored
    by every figure, so it is an error rather than silence), and an answer of its type."""
    answers: Any = document.data
    for step in at:
        answers = answers[step]
    fits = _fitting_answers(criteria, channel)
    for criterion, value in answers.items():
        answer = value.get("answer") if isinstance(value, dict) else value
        if type(answer) in (str, int) and answer in fits.get(criterion, ()):
            continue  # the common case, a valid answer, costs two lookups
        path = (*at, criterion)
        bad = unknown(
            document,
            path,
            criterion,
            criteria,
            "criterion",
            within=f"scorecard {scorecard!r}",
            key=True,
        )
        if bad:
            yield bad
            continue
        channels = criteria[criterion].get("channels") or []
        if channels and channel not in channels:
            yield document.diagnostic(
                path,
                "error",
                "answer",
                f"{criterion} is scored on {one_of(channels)} shops only and this shop is "
                f"{channel}, expected no answer (remove it: it would count nowhere)",
                key=True,
            )
            continue
        value = answers[criterion]
        where = (*path, "answer") if isinstance(value, dict) else path
        answer = value["answer"] if isinstance(value, dict) else value
        if isinstance(answer, str) and not _ANSWER_WORD.search(answer):
            continue  # the schema already reports a word that answers nothing
        mismatch = _answer_mismatch(criteria[criterion], answer)
        if mismatch:
            yield document.diagnostic(where, "error", "answer", f"{criterion}: {mismatch}")


def _scoring(document: Document, catalog: Catalog) -> Iterator[Diagnostic]:
    """A scoring file lives in its shop's folder, shops/<shop id>/<scorer>.yaml: the shop
    must exist, its answers fit the shop's scorecard, and the shop may have one entry per
    scorer and one benchmark across its file and its scoring files."""
    path = document.path
    shop_id = path.parent.name if path is not None else ""
    shop = catalog.get("shop", shop_id)
    if shop is None or not shop.valid:
        why = "has errors" if shop is not None else "does not exist"
        yield document.diagnostic(
            (),
            "error",
            "reference",
            f"a scoring of shop {shop_id!r}, whose file shops/{shop_id}.yaml {why}; expected "
            "a scoring in the folder named after its shop",
        )
        return
    data, facts = document.data, shop.data
    scorecard = facts["scorecard"]
    if catalog.get("scorecard", scorecard) is not None:
        yield from _answers(
            document, ("answers",), _criteria(catalog, scorecard), scorecard, facts["channel"]
        )
    earlier = [("in " + shop.display, entry) for entry in facts.get("scores", [])]
    # As text, not Paths: this runs for every pair of scorings of a shop.
    here = os.fspath(path) if path is not None else ""
    for sibling in catalog.in_folder("scoring", os.path.dirname(here)) if here else []:
        if sibling.document is document or os.fspath(sibling.path) == here:
            break
        if sibling.valid:
            earlier.append((sibling.display, sibling.data))
    for where, entry in earlier:
        if same_person(str(entry.get("scorer", "")), data["scorer"]):
            yield document.diagnostic(
                ("scorer",),
                "error",
                "duplicate-scorer",
                f"{data['scorer']} scored this shop already ({where}), expected one scoring "
                "per scorer",
            )
        elif entry.get("benchmark") and data.get("benchmark"):
            yield document.diagnostic(
                ("benchmark",),
                "error",
                "benchmark",
                f"{entry.get('scorer')} is this shop's benchmark already ({where}), expected "
                "at most one per shop",
            )


def _dispute(document: Document, catalog: Catalog) -> Iterator[Diagnostic]:
    """shops/<shop id>/disputes/<criterion>.yaml: a criterion of the shop's scorecard that
    its channel is scored on, and answers that fit it."""
    path = document.path
    shop_id = path.parent.parent.name if path is not None else ""
    shop = catalog.get("shop", shop_id)
    if shop is None or not shop.valid or path is None or path.parent.name != "disputes":
        yield document.diagnostic(
            (),
            "error",
            "reference",
            f"a dispute outside a shop's disputes folder, or of a shop that is missing or has "
            f"errors ({shop_id!r}); expected shops/<shop id>/disputes/<criterion id>.yaml",
        )
        return
    data = document.data
    scorecard = shop.data["scorecard"]
    criteria = _criteria(catalog, scorecard)
    criterion = data["criterion"]
    if path.stem != criterion:
        yield document.diagnostic(
            ("criterion",),
            "error",
            "reference",
            f"criterion {criterion!r} in a file named {path.name}, expected {criterion}.yaml "
            "(one dispute file per criterion)",
        )
    problem = unknown(
        document,
        ("criterion",),
        criterion,
        criteria,
        "criterion",
        within=f"scorecard {scorecard!r}",
    )
    if problem:
        yield problem
        return
    answers: list[tuple[JsonPath, Any]] = [(("wants",), data["wants"])] if "wants" in data else []
    answers += [
        (("history", index, "answer"), entry["answer"])
        for index, entry in enumerate(data.get("history", []))
        if "answer" in entry
    ]
    for where, answer in answers:
        mismatch = _answer_mismatch(criteria[criterion], answer)
        if mismatch:
            yield document.diagnostic(where, "error", "answer", f"{criterion}: {mismatch}")


def _session(document: Document, catalog: Catalog) -> Iterator[Diagnostic]:
    shops = catalog.ids("shop")
    yield from duplicates(
        document,
        [(("shops", index), shop) for index, shop in enumerate(document.data["shops"])],
        "shop",
    )
    for index, shop in enumerate(document.data["shops"]):
        problem = unknown(document, ("shops", index), shop, shops, "shop")
        if problem:
            yield problem


_ANSWER_WORD = re.compile("^[a-z0-9][a-z0-9-]*$")
"""The words the schemas take as an answer (yes, partial, no, na and option ids), searched
as jsonschema searches a pattern, so that exactly what the schema let through is checked."""


def _answer_mismatch(criterion: dict[str, Any], answer: Any) -> str | None:
    """What is wrong with an answer for this criterion's type, if anything."""
    if answer == "na":
        return (
            None if criterion.get("na_allowed") else "N/A is not allowed here (na_allowed is off)"
        )
    kind = criterion["type"]
    if kind == "choice":
        ids = [option["id"] for option in criterion.get("options", [])]
        if answer in ids:
            return None
        if isinstance(answer, str):
            return f"unknown option {answer!r}" + (
                did_you_mean(answer, ids) or f"; expected one of {one_of(ids)}"
            )
        return f"{answer!r} does not answer a choice criterion, expected {one_of(ids)}"
    if kind in ("yes-no", "yes-partial-no"):
        allowed = ("yes", "no") if kind == "yes-no" else ("yes", "partial", "no")
        if answer in allowed:
            return None
        return f"{answer!r} does not answer a {kind} criterion, expected {one_of(allowed)}"
    low, high = (
        (0, criterion["points"])
        if kind == "points"
        else (
            criterion.get("scale", {}).get("min", 1),
            criterion.get("scale", {}).get("max", 5),
        )
    )
    if isinstance(answer, int) and not isinstance(answer, bool) and low <= answer <= high:
        return None
    return f"{answer!r} does not answer a {kind} criterion, expected a whole number {low}-{high}"


def _journey_step(document: Document, catalog: Catalog, reference: str) -> Iterator[Diagnostic]:
    journey_id, step_id = reference.split("#", 1)
    problem = unknown(document, ("journey_step",), journey_id, catalog.ids("journey"), "journey")
    if problem:
        yield problem
        return
    steps = [
        step["id"]
        for stage in _document(catalog, "journey", journey_id).get("stages", [])
        for step in stage.get("steps", [])
    ]
    problem = unknown(
        document, ("journey_step",), step_id, steps, "step", within=f"journey {journey_id!r}"
    )
    if problem:
        yield problem


def _journey(document: Document, catalog: Catalog) -> Iterator[Diagnostic]:
    stages = document.data["stages"]
    yield from duplicates(document, _ids(("stages",), stages), "stage")
    step_ids = [
        entry
        for index, stage in enumerate(stages)
        for entry in _ids(("stages", index, "steps"), stage["steps"])
    ]
    yield from duplicates(document, step_ids, "step", ": shops refer to steps as journey#step")
    steps = [
        (index, position, step)
        for index, stage in enumerate(stages)
        for position, step in enumerate(stage["steps"])
    ]
    checklist = document.data.get("checklist") or catalog.default("checklist", DEFAULT_CHECKLIST)
    if "checklist" in document.data:
        problem = unknown(
            document, ("checklist",), checklist, catalog.ids("checklist"), "checklist"
        )
        if problem:
            yield problem
            return
    items = [item["id"] for item in _document(catalog, "checklist", checklist).get("items", [])]
    for index, position, step in steps:
        for number, pain in enumerate(step.get("pain_points", [])):
            if "checklist_item" in pain:
                path = ("stages", index, "steps", position, "pain_points", number, "checklist_item")
                problem = unknown(
                    document,
                    path,
                    pain["checklist_item"],
                    items,
                    "item",
                    within=f"checklist {checklist!r}",
                )
                if problem:
                    yield problem


def _tone_guide(document: Document, catalog: Catalog) -> Iterator[Diagnostic]:
    data = document.data
    rules = data["rules"]
    yield from duplicates(document, _ids(("rules",), rules), "rule")
    letters = list(data["letters"])
    for index, rule in enumerate(rules):
        problem = unknown(document, ("rules", index, "letter"), rule["letter"], letters, "letter")
        if problem:
            yield problem
    rule_ids = [rule["id"] for rule in rules]
    for name, situation in data.get("situations", {}).items():
        for rule_id in situation.get("rules", {}):
            path = ("situations", name, "rules", rule_id)
            problem = unknown(document, path, rule_id, rule_ids, "rule", key=True)
            if problem:
                yield problem


def _replies(document: Document, catalog: Catalog) -> Iterator[Diagnostic]:
    replies = document.data.get("replies", [])
    yield from duplicates(document, _ids(("replies",), replies), "reply")


_CHECKS: dict[str, Callable[[Document, Catalog], Iterator[Diagnostic]]] = {
    "workspace": _workspace,
    "checklist": _checklist,
    "audit": _audit,
    "scorecard": _scorecard,
    "shop": _shop,
    "scoring": _scoring,
    "dispute": _dispute,
    "calibration-session": _session,
    "journey": _journey,
    "tone-guide": _tone_guide,
    "replies": _replies,
}
