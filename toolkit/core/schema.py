"""JSON Schema validation that speaks to the person who wrote the file.

jsonschema's own messages ("Additional properties are not allowed ('levle' was unexpected)")
name no line and suggest nothing. Here every error becomes a Diagnostic at the offending node
with what is wrong and what was expected, and all errors of a file are reported in one run.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from toolkit.core.diagnostics import Diagnostic
from toolkit.core.suggest import did_you_mean, one_of

if TYPE_CHECKING:
    from jsonschema import Validator
    from jsonschema.exceptions import ValidationError

    from toolkit.core.loader import Document

FORMAT_VERSION = 1

# Regular expressions are no way to tell a person what to write: name the shape instead.
_PATTERN_NAMES = {
    "^[a-z0-9][a-z0-9-]*$": "an id of lowercase letters, digits and dashes, e.g. 'fix-permanently'",
    "^[0-9]{4}-Q[1-4]$": "a quarter such as '2026-Q4'",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "a date such as '2026-11-23'",
    "^https?://": "a link that starts with http:// or https://",
    "^[a-z0-9][a-z0-9-]*#[a-z0-9][a-z0-9-]*$": "a journey step such as 'first-billing-issue#pay'",
    "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$": "a locale such as 'en' or 'pt-BR'",
    "^\\S{1,3}$": "one to three characters without spaces",
}
_JSON_TYPES = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


def schema_text(kind: str) -> str:
    return (resources.files("toolkit.core") / "schemas" / f"{kind}.schema.json").read_text("utf-8")


@cache
def schema(kind: str) -> dict[str, Any]:
    return json.loads(schema_text(kind))


@cache
def validator(kind: str, definition: str | None = None) -> Validator:
    """A compiled validator per kind (or per `$defs` entry of it), built once per process."""
    from jsonschema import Draft202012Validator

    inlined = _inlined(kind, definition)
    return Draft202012Validator(inlined, format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def fast_validator(kind: str, definition: str | None = None) -> Callable[[Any], bool]:
    """A predicate that is True only for data `validator` finds no error in, ~100x faster on
    a scoring file: compiled from the very schema jsonschema is given (see fastcheck.py)."""
    from toolkit.core.fastcheck import compile_schema

    return compile_schema(_inlined(kind, definition))[0]


def _inlined(kind: str, definition: str | None) -> dict[str, Any]:
    root = schema(kind)
    if definition is not None:
        root = {"$defs": root["$defs"], "$ref": f"#/$defs/{definition}"}
    return _inline(root, root)


def _inline(node: Any, root: dict[str, Any], depth: int = 0) -> Any:
    """The schema with every local `$ref` replaced by what it points at. jsonschema resolves
    a `$ref` through its registry each time it meets one, which was a third of the time of
    validating an audit; our schemas have no recursive refs, so they inline once. A `$ref`
    beside other keywords becomes an `allOf` branch, which keeps 2020-12's meaning (and lets
    unevaluatedProperties see the properties it brings)."""
    if depth > 64:  # pragma: no cover - a recursive schema is a bug in sxt's own schemas
        raise ValueError("schema references nest too deep")
    if isinstance(node, list):
        return [_inline(value, root, depth + 1) for value in node]
    if not isinstance(node, dict):
        return node
    inlined = {
        key: _inline(value, root, depth + 1) for key, value in node.items() if key != "$defs"
    }
    reference = inlined.pop("$ref", None)
    if not (isinstance(reference, str) and reference.startswith("#/")):
        if reference is not None:
            inlined["$ref"] = reference
        return inlined
    target: Any = root
    for part in reference[2:].split("/"):
        target = target[part]
    target = _inline(target, root, depth + 1)
    if not inlined:
        return target
    inlined["allOf"] = [*inlined.get("allOf", []), target]
    return inlined


def check(document: Document, kind: str, definition: str | None = None) -> list[Diagnostic]:
    """Every schema violation in `document`, as diagnostics in file order. A valid document,
    the common case, is told by the fast check alone; jsonschema explains the others."""
    from toolkit.core import fastcheck

    if fastcheck.ENABLED and fast_validator(kind, definition)(document.data):
        return []
    checker = validator(kind, definition)
    diagnostics = [
        diagnostic
        for error in checker.iter_errors(document.data)
        for diagnostic in _explain(error, document, checker)
    ]
    return sorted(set(diagnostics), key=lambda d: (d.line or 0, d.col or 0, d.message))


def dotted(path: Sequence[str | int]) -> str:
    """('items', 'culture', 'level') -> 'items.culture.level'; list indices as [2]."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def show(value: Any) -> str:
    """A short, safe rendering of a user's value for an error message."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return str(value)
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "...'"


def _expected_type(expected: str | list[str]) -> str:
    names = [expected] if isinstance(expected, str) else expected
    return " or ".join(_JSON_TYPES.get(name, name) for name in names)


def _kind_of(value: Any) -> str:
    for json_type, python_type in (
        ("boolean", bool),
        ("object", dict),
        ("array", list),
        ("string", str),
        ("integer", int),
        ("number", float),
    ):
        if isinstance(value, python_type):
            return _JSON_TYPES[json_type]
    return _JSON_TYPES["null"]


def _explain(
    error: ValidationError, document: Document, checker: Validator
) -> Iterator[Diagnostic]:
    path = tuple(error.absolute_path)
    prefix = f"{dotted(path)}: " if path else ""
    # A validator sets these on every error it raises; the stubs also allow jsonschema's
    # `Unset`, which only a ValidationError made by hand carries.
    keyword: Any = error.validator
    value: Any = error.validator_value
    instance: Any = error.instance
    schema: Any = error.schema

    def at(message: str, where: Sequence[str | int] = path, *, key: bool = False) -> Diagnostic:
        return document.diagnostic(where, "error", "schema", message, key=key)

    if keyword in ("additionalProperties", "unevaluatedProperties") and isinstance(instance, dict):
        known = _known_properties(schema, instance, checker)
        if keyword == "additionalProperties":
            unknown = [k for k in instance if k not in known and not _pattern_match(schema, k)]
        else:
            unknown = [k for k in instance if repr(k) in error.message]
        for name in unknown:
            hint = did_you_mean(name, known) or (
                f"; expected one of {one_of(known)}" if known else ""
            )
            yield document.diagnostic(
                (*path, name),
                "error",
                "unknown-key",
                f"{prefix}unknown key {name!r}{hint}",
                key=True,
            )
        return
    if keyword == "required":
        for name in value:
            if isinstance(instance, dict) and name not in instance and repr(name) in error.message:
                yield document.diagnostic(
                    path, "error", "missing-key", f"{prefix}missing required key {name!r}", key=True
                )
        return
    if _is_key_error(error, document, path):
        yield from _explain_key(error, document, path)
        return
    if keyword in ("anyOf", "oneOf"):
        yield from _explain_alternatives(error, document, checker, path, prefix)
        return
    yield at(prefix + _message(keyword, value, instance, error))


def _is_key_error(error: ValidationError, document: Document, path: tuple) -> bool:
    """propertyNames checks each key as if it were a value, at the parent's path: recognise
    that, so the error lands on the key itself."""
    if "propertyNames" not in error.absolute_schema_path or not isinstance(error.instance, str):
        return False
    parent: Any = document.data
    for part in path:
        parent = parent[part]
    return isinstance(parent, dict) and error.instance in parent


def _explain_key(error: ValidationError, document: Document, path: tuple) -> Iterator[Diagnostic]:
    name: Any = error.instance  # set, as in _explain
    value: Any = error.validator_value
    prefix = f"{dotted(path)}: " if path else ""
    if error.validator == "enum":
        detail = f"expected one of {one_of(str(v) for v in value)}"
    elif error.validator == "pattern":
        detail = f"expected {_PATTERN_NAMES.get(value, 'a valid key')}"
    else:
        detail = "expected a valid key"
    yield document.diagnostic(
        (*path, name),
        "error",
        "schema",
        f"{prefix}key {show(name)} is not valid, {detail}",
        key=True,
    )


def _explain_alternatives(
    error: ValidationError, document: Document, checker: Validator, path: tuple, prefix: str
) -> Iterator[Diagnostic]:
    branches: Any = error.validator_value  # set, as in _explain
    if all(set(branch) == {"required"} for branch in branches):
        names = [name for branch in branches for name in branch["required"]]
        yield document.diagnostic(
            path,
            "error",
            "missing-key",
            f"{prefix}expected at least one of {one_of(names)}",
            key=True,
        )
        return
    from jsonschema.exceptions import best_match

    cause = best_match(error.context or [])
    if cause is None:  # pragma: no cover - anyOf always carries its causes
        yield document.diagnostic(path, "error", "schema", prefix + error.message)
        return
    yield from _explain(cause, document, checker)


def _message(keyword: str, value: Any, instance: Any, error: ValidationError) -> str:
    shown = show(instance)
    match keyword:
        case "type":
            expected = _expected_type(value)
            if instance is None:
                return f"is empty, expected {expected}"
            if isinstance(instance, (dict, list)):
                return f"found {_kind_of(instance)}, expected {expected}"
            return f"{shown} is {_kind_of(instance)}, expected {expected}"
        case "enum":
            choices = [str(choice) for choice in value]
            hint = did_you_mean(str(instance), choices) if isinstance(instance, str) else ""
            if isinstance(instance, str) and instance.lstrip("-").isdigit():
                hint = f"; for the number {instance}, write it without quotes"
            return f"{shown} is not one of {one_of(choices)}{hint}"
        case "const":
            return f"{shown} is not allowed here, expected {show(value)}"
        case "maximum":
            return f"{shown} is greater than the maximum {show(value)}"
        case "minimum":
            return f"{shown} is less than the minimum {show(value)}"
        case "exclusiveMinimum":
            return f"{shown} is too small, expected more than {show(value)}"
        case "exclusiveMaximum":
            return f"{shown} is too large, expected less than {show(value)}"
        case "pattern":
            return f"{shown} is not {_PATTERN_NAMES.get(value, f'text matching {value!r}')}"
        case "format":
            expected = {"date": "a date such as '2026-11-23'"}.get(value, f"a valid {value}")
            return f"{shown} is not {expected}"
        case "minLength":
            return "is empty, expected some text" if instance == "" else f"{shown} is too short"
        case "minItems":
            return f"has {len(instance)} entries, expected at least {value}"
        case "maxItems":
            return f"has {len(instance)} entries, expected at most {value}"
        case "minProperties":
            return f"has {len(instance)} keys, expected at least {value}"
        case "uniqueItems":
            return "lists the same entry twice, expected each entry once"
        case _:
            return error.message


def _pattern_match(subschema: dict[str, Any], name: str) -> bool:
    import re

    return any(re.search(pattern, name) for pattern in subschema.get("patternProperties", {}))


def _known_properties(subschema: dict[str, Any], instance: Any, checker: Validator) -> list[str]:
    """Property names this object may have: its own, those of an inlined `$ref` (an `allOf`
    branch without `if`), and those of every `if`/`then` branch whose condition holds, so a
    did-you-mean for a rule option only offers the options of that rule's type."""
    known = list(subschema.get("properties", {}))
    for branch in subschema.get("allOf", []):
        condition = branch.get("if")
        if condition is None:
            found = _known_properties(branch, instance, checker)
        elif checker.evolve(schema=condition).is_valid(instance):
            found = list(branch.get("then", {}).get("properties", {}))
        else:
            found = []
        known += [name for name in found if name not in known]
    return known
