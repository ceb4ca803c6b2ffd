"""A yes/no JSON Schema check, compiled to Python source, for the common case: a valid file.

jsonschema spends ~1.5 ms on a 25-line scoring file: every keyword of every subschema goes
through `descend`, `evolve` and an error generator, even when nothing is wrong. sxt needs that
machinery only to explain errors, and valid files are the rule (a calibration reads 40,000 of
them), so `compile_schema` turns a schema into one function that answers "surely valid?" in
a few microseconds, and schema.check asks jsonschema only when the answer is no.

Soundness is the one rule: the function never says True where jsonschema (Draft 2020-12,
with its format checker) would report an error. It may say False where jsonschema would not
(a keyword it does not compile, a Python type YAML never yields, `uniqueItems` over mappings):
that only costs the slow path. Each keyword mirrors jsonschema's own code (`_keywords.py`,
`_types.py`, `_utils.py`) down to its quirks: `pattern` is `re.search` (so `$` also matches
before a final newline), `integer` takes 2.0, `const: 1` takes 1.0 but not true. Keywords
jsonschema does not implement are ignored, as it ignores them.

Why source and not closures: closures cost a call per keyword, ~2 µs per scoring answer;
one generated expression per subschema costs ~0.2 µs. fastjsonschema does the same, but
knows drafts 4 to 7 only: it ignores `unevaluatedProperties` (so it accepts an unknown
tone-guide rule option jsonschema rejects), so it cannot be trusted to answer for jsonschema.

The input is a schema without local `$ref`s: schema.py inlines them before compiling, as it
does for jsonschema.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

ENABLED = True


@contextlib.contextmanager
def fast_paths(enabled: bool) -> Iterator[None]:
    """Both fast paths (this check and toolkit.core.fastyaml) on or off, for the tests and the
    benchmark that compare them with the slow paths they stand in for."""
    from toolkit.core import fastyaml

    global ENABLED
    before = fastyaml.ENABLED, ENABLED
    fastyaml.ENABLED = ENABLED = enabled
    try:
        yield
    finally:
        fastyaml.ENABLED, ENABLED = before


"""Off, schema.check always asks jsonschema: for benchmarks and the equivalence tests."""

_NONE = type(None)
_KNOWN = frozenset({str, int, float, bool, _NONE, dict, list})
"""The types YAML loading yields; for any other every check says False (go the slow way)."""
_NUMBERS = frozenset({int, float})
_EXACT = {"string": "str", "boolean": "bool", "object": "dict", "array": "list"}
_TYPE_TESTS = {
    "string": "type({v}) is str",
    "boolean": "type({v}) is bool",
    "object": "type({v}) is dict",
    "array": "type({v}) is list",
    "null": "{v} is None",
    "number": "type({v}) in _NUMBERS",
    "integer": "(type({v}) is int or type({v}) is float and {v}.is_integer())",
}

# What jsonschema 4's Draft 2020-12 validator implements; every other key is an annotation
# (or unknown) and ignored, by jsonschema as here.
_VALIDATORS = frozenset(
    [
        "$dynamicRef",
        "$ref",
        "additionalProperties",
        "allOf",
        "anyOf",
        "const",
        "contains",
        "dependentRequired",
        "dependentSchemas",
        "enum",
        "exclusiveMaximum",
        "exclusiveMinimum",
        "format",
        "if",
        "items",
        "maxItems",
        "maxLength",
        "maxProperties",
        "maximum",
        "minItems",
        "minLength",
        "minProperties",
        "minimum",
        "multipleOf",
        "not",
        "oneOf",
        "pattern",
        "patternProperties",
        "prefixItems",
        "properties",
        "propertyNames",
        "required",
        "type",
        "unevaluatedItems",
        "unevaluatedProperties",
        "uniqueItems",
    ]
)
# Keywords that only look at one kind of value (jsonschema's `is_type` guard at their top).
_STRING = frozenset({"pattern", "minLength", "maxLength", "format"})
_NUMBER = frozenset({"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"})
_OBJECT = frozenset(
    [
        "properties",
        "required",
        "additionalProperties",
        "patternProperties",
        "propertyNames",
        "minProperties",
        "maxProperties",
        "unevaluatedProperties",
        "dependentRequired",
    ]
)
_ARRAY = frozenset({"items", "minItems", "maxItems", "uniqueItems"})
_ANY = frozenset({"type", "const", "enum", "allOf", "anyOf", "oneOf", "not", "if"})
_SUPPORTED = _STRING | _NUMBER | _OBJECT | _ARRAY | _ANY
_COMPARE = {
    "minimum": "not {v} < {n}",
    "maximum": "not {v} > {n}",
    "exclusiveMinimum": "not {v} <= {n}",
    "exclusiveMaximum": "not {v} >= {n}",
    "minLength": "len({v}) >= {n}",
    "maxLength": "len({v}) <= {n}",
    "minItems": "len({v}) >= {n}",
    "maxItems": "len({v}) <= {n}",
    "minProperties": "len({v}) >= {n}",
    "maxProperties": "len({v}) <= {n}",
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)  # jsonschema/_format.py's, as is


def compile_schema(schema: Any) -> tuple[Callable[[Any], bool], list[str]]:
    """The predicate for `schema`, and what it could not compile: each such keyword makes the
    subschema that holds it answer False, so documents it applies to take the slow path."""
    generator = _Generator()
    expression = generator.expression(schema, "v")
    source = "\n".join([*generator.lines, f"def check(v):\n    return {expression}"])
    namespace = dict(generator.constants)
    exec(compile(source, "<sxt fastcheck>", "exec"), namespace)
    check = namespace["check"]
    check.source = source  # for a person debugging a schema
    return check, generator.unsupported


class _Generator:
    """Writes one Python expression per subschema over a variable; a subschema that needs a
    loop (an object's keys, a list's items) becomes a function the expression calls."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.constants: dict[str, Any] = {
            "_KNOWN": _KNOWN,
            "_NUMBERS": _NUMBERS,
            "_equal": _equal,
            "_is_date": _is_date,
            "_DATES": _DATES,
            "_unique": _unique,
        }
        self.unsupported: list[str] = []

    def constant(self, value: Any) -> str:
        name = f"_c{len(self.constants)}"
        self.constants[name] = value
        return name

    def function(self, body: list[str]) -> str:
        name = f"_f{len(self.lines)}"
        self.lines.append("\n".join([f"def {name}(v):", *(f"    {line}" for line in body)]))
        return name

    def expression(self, schema: Any, v: str) -> str:
        if schema is True:
            return "True"
        if schema is False:
            return "False"
        if not isinstance(schema, dict):
            self.unsupported.append(f"schema {schema!r}")
            return "False"
        keywords = {k: value for k, value in schema.items() if k in _VALIDATORS}
        missing = [k for k in keywords if k not in _SUPPORTED]
        if missing:
            self.unsupported += missing
            return "False"
        names = keywords.get("type")
        exact = _EXACT.get(names) if isinstance(names, str) else None
        parts = [f"type({v}) is {exact}" if exact else self.type(names, v)] if names else []
        for applies, group, tested in (
            ("str", _STRING, self.string),
            ("dict", _OBJECT, self.object),
            ("list", _ARRAY, self.array),
            ("_NUMBERS", _NUMBER, self.number),
        ):
            if not group & keywords.keys() or (exact and exact != applies):
                continue  # no such keyword, or `type` already ruled this kind of value out
            test = tested(keywords, schema, v)
            if test == "True":
                continue
            if exact:
                parts.append(test)
            else:
                kind = (
                    f"type({v}) in _NUMBERS" if applies == "_NUMBERS" else f"type({v}) is {applies}"
                )
                parts.append(f"(({test}) if {kind} else type({v}) in _KNOWN)")
        parts += self.any(keywords, schema, v)
        return _and(parts)

    def type(self, names: Any, v: str) -> str:
        listed = [names] if isinstance(names, str) else names
        if not isinstance(listed, list) or not all(name in _TYPE_TESTS for name in listed):
            self.unsupported.append(f"type {names!r}")
            return "False"
        if "number" in listed and "integer" in listed:
            listed = [name for name in listed if name != "integer"]
        tests = [_TYPE_TESTS[name].format(v=v) for name in dict.fromkeys(listed)]
        return f"({' or '.join(tests)})" if tests else "False"

    def string(self, keywords: dict[str, Any], schema: dict[str, Any], v: str) -> str:
        parts = []
        for keyword, value in keywords.items():
            if keyword == "pattern":
                memo, match = _remembered(re.compile(value).search)
                parts.append(f"({v} in {self.constant(memo)} or {self.constant(match)}({v}))")
            elif keyword == "format":
                if value != "date":
                    self.unsupported.append(f"format {value!r}")
                    return "False"
                parts.append(f"({v} in _DATES or _is_date({v}))")
            elif keyword in _STRING:
                parts.append(_COMPARE[keyword].format(v=v, n=self.number_literal(value)))
        return _and(parts)

    def number(self, keywords: dict[str, Any], schema: dict[str, Any], v: str) -> str:
        return _and(
            [
                _COMPARE[k].format(v=v, n=self.number_literal(value))
                for k, value in keywords.items()
                if k in _NUMBER
            ]
        )

    def number_literal(self, value: Any) -> str:
        if type(value) is int or (type(value) is float and value == value):
            return repr(value)
        return self.constant(value)  # inf, nan, or something odd: compared as jsonschema does

    def any(self, keywords: dict[str, Any], schema: dict[str, Any], v: str) -> list[str]:
        parts = []
        for keyword, value in keywords.items():
            if keyword == "const":
                parts.append(self.const(value, v))
            elif keyword == "enum":
                if isinstance(value, list) and all(type(choice) is str for choice in value):
                    parts.append(f"(type({v}) is str and {v} in {self.constant(frozenset(value))})")
                else:
                    parts.append(f"any(_equal(c, {v}) for c in {self.constant(list(value))})")
            elif keyword == "allOf":
                parts.append(_and([self.expression(branch, v) for branch in value]))
            elif keyword == "anyOf":
                branches = [self.expression(branch, v) for branch in value]
                parts.append(f"({' or '.join(branches)})" if branches else "False")
            elif keyword == "oneOf":
                branches = [f"({self.expression(branch, v)})" for branch in value]
                parts.append(f"({' + '.join(branches) or '0'} == 1)")
            elif keyword == "not":
                parts.append(f"(not {self.expression(value, v)})")
            elif keyword == "if":
                condition = self.expression(value, v)
                then = self.expression(schema.get("then", True), v)
                otherwise = self.expression(schema.get("else", True), v)
                if then != "True" or otherwise != "True":
                    parts.append(f"(({then}) if ({condition}) else ({otherwise}))")
        return parts

    def const(self, value: Any, v: str) -> str:
        if type(value) is str:
            return f"(type({v}) is str and {v} == {value!r})"
        if type(value) is int:
            return f"(type({v}) in _NUMBERS and {v} == {value!r})"  # `equal`: 1.0, never true
        return f"_equal({v}, {self.constant(value)})"

    def array(self, keywords: dict[str, Any], schema: dict[str, Any], v: str) -> str:
        parts = [
            _COMPARE[k].format(v=v, n=self.number_literal(value))
            for k, value in keywords.items()
            if k in ("minItems", "maxItems")
        ]
        if keywords.get("uniqueItems"):
            parts.append(f"_unique({v})")
        if "items" in keywords:
            items = keywords["items"]
            if items is False:
                parts.append(f"not {v}")
            else:
                item = self.expression(items, "w")
                if item != "True":
                    body = ["for w in v:", f"    if not ({item}):", "        return False"]
                    parts.append(f"{self.function([*body, 'return True'])}({v})")
        return _and(parts)

    def object(self, keywords: dict[str, Any], schema: dict[str, Any], v: str) -> str:
        """required, min/maxProperties and dependentRequired as tests; properties,
        additionalProperties, patternProperties and propertyNames in one loop over the keys
        (the whole cost of a scoring); unevaluatedProperties after them."""
        parts = [f"{name!r} in {v}" for name in keywords.get("required", [])]
        parts += [
            _COMPARE[k].format(v=v, n=self.number_literal(value))
            for k, value in keywords.items()
            if k in ("minProperties", "maxProperties")
        ]
        for name, needs in keywords.get("dependentRequired", {}).items():
            wanted = _and([f"{need!r} in {v}" for need in needs])
            parts.append(f"({name!r} not in {v} or {wanted})")
        loop = self.keys(keywords)
        if loop:
            parts.append(f"{self.function([*loop, 'return True'])}({v})")
        if "unevaluatedProperties" in keywords:
            parts.append(f"{self.unevaluated(schema)}({v})")
        return _and(parts)

    def keys(self, keywords: dict[str, Any]) -> list[str]:
        properties = keywords.get("properties", {})
        patterns = keywords.get("patternProperties", {})
        additional = keywords.get("additionalProperties", True)
        names = keywords.get("propertyNames", True)
        body = []
        if names is not True:
            body += [f"    if not ({self.expression(names, 'k')}):", "        return False"]
        known = {name: self.expression(sub, "w") for name, sub in properties.items()}
        if known:
            lambdas = ", ".join(f"{name!r}: lambda w: {test}" for name, test in known.items())
            table = self.constant(None)
            self.lines.append(f"{table} = {{{lambdas}}}")
            body += [
                f"    c = {table}.get(k, 0)",
                "    if c:",
                "        if not c(w):",
                "            return False",
            ]
        for pattern, sub in patterns.items():
            search = self.constant(re.compile(pattern).search)
            body += [
                f"    if {search}(k) and not ({self.expression(sub, 'w')}):",
                "        return False",
            ]
        extra = "False" if additional is False else self.expression(additional, "w")
        if extra != "True":
            test = (
                ["return False"] if extra == "False" else [f"if not ({extra}):", "    return False"]
            )
            guard = "else:" if known else None
            if patterns:
                joined = self.constant(re.compile("|".join(patterns)).search)
                guard = f"elif not {joined}(k):" if known else f"if not {joined}(k):"
            if guard is None:
                body += [f"    {line}" for line in test]
            else:
                body += [f"    {guard}", *(f"        {line}" for line in test)]
        if not body:
            return []
        return ["for k, w in v.items():", *body]

    def unevaluated(self, schema: dict[str, Any]) -> str:
        """unevaluatedProperties as jsonschema does it: a key is evaluated when
        `find_evaluated_property_keys_by_schema` finds it, else it must pass the subschema."""
        rest = self.expression(schema["unevaluatedProperties"], "w")
        body = ["seen = set()", *self.evaluated(schema, "")]
        body += ["for k, w in v.items():", f"    if k not in seen and not ({rest}):"]
        return self.function([*body, "        return False", "return True"])

    def evaluated(self, schema: Any, indent: str) -> list[str]:
        """Statements adding to `seen` the keys jsonschema counts as evaluated by `schema`,
        keyword by keyword as jsonschema/_utils.py find_evaluated_property_keys_by_schema."""
        if not isinstance(schema, dict):
            return []
        if "$ref" in schema or "$dynamicRef" in schema or "dependentSchemas" in schema:
            self.unsupported.append("unevaluatedProperties over $ref or dependentSchemas")
            return []  # fewer keys evaluated: stricter, so still sound
        lines = []
        properties = schema.get("properties")
        if isinstance(properties, dict):
            names = self.constant(frozenset(properties))
            lines.append(f"seen.update({names} & v.keys())")
        for keyword in ("additionalProperties", "unevaluatedProperties"):
            if schema.get(keyword) is not None:
                test = self.expression(schema[keyword], "w")
                lines.append(f"seen.update(k for k, w in v.items() if {test})")
        for pattern in schema.get("patternProperties", {}):
            search = self.constant(re.compile(pattern).search)
            lines.append(f"seen.update(k for k in v if {search}(k))")
        for keyword in ("allOf", "oneOf", "anyOf"):
            for branch in schema.get(keyword, []):
                inner = self.evaluated(branch, "    ")
                if inner:
                    lines += [f"if {self.expression(branch, 'v')}:", *inner]
        if "if" in schema:
            when = self.evaluated(schema["if"], "    ") + self.evaluated(schema.get("then"), "    ")
            otherwise = self.evaluated(schema.get("else"), "    ")
            lines += [f"if {self.expression(schema['if'], 'v')}:", *(when or ["    pass"])]
            if otherwise:
                lines += ["else:", *otherwise]
        return [indent + line for line in lines]


def _and(parts: list[str]) -> str:
    parts = [part for part in parts if part != "True"]
    if "False" in parts:
        return "False"
    if not parts:
        return "True"
    return parts[0] if len(parts) == 1 else f"({' and '.join(parts)})"


_MEMO_SIZE = 10_000
"""Texts a memo keeps: the ids and dates of 40,000 files repeat, so a set lookup (~30 ns)
replaces a regular expression (~450 ns); the bound keeps a stream of unique texts cheap."""
_DATES: set[str] = set()


def _is_date(text: str) -> bool:
    """jsonschema's `date` format check: the shape, then a real day of the calendar."""
    if not _DATE.fullmatch(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    if len(_DATES) < _MEMO_SIZE:
        _DATES.add(text)
    return True


def _remembered(search: Callable[[str], Any]) -> tuple[set[str], Callable[[str], bool]]:
    """A `pattern` test (re.search, as jsonschema) that remembers the texts it matched."""
    memo: set[str] = set()

    def match(text: str) -> bool:
        if search(text) is None:
            return False
        if len(memo) < _MEMO_SIZE:
            memo.add(text)
        return True

    return memo, match


def _unique(items: list[Any]) -> bool:
    """uniqueItems for lists of text or of whole numbers; anything else (mappings, mixed
    numbers, booleans) answers False and is left to jsonschema's own comparison."""
    if len(items) < 2:
        return True
    kinds = {type(item) for item in items}
    if kinds == {str} or kinds == {int}:
        return len(set(items)) == len(items)
    return False


def _equal(one: Any, two: Any) -> bool:
    """jsonschema/_utils.py `equal`: 1 == 1.0, but true is not 1 and "1" is not 1."""
    if one is two:
        return True
    if isinstance(one, str) or isinstance(two, str):
        return one == two
    if isinstance(one, Sequence) and isinstance(two, Sequence):
        return len(one) == len(two) and all(_equal(a, b) for a, b in zip(one, two, strict=True))
    if isinstance(one, Mapping) and isinstance(two, Mapping):
        return len(one) == len(two) and all(
            key in two and _equal(value, two[key]) for key, value in one.items()
        )
    return _unbool(one) == _unbool(two)


_TRUE, _FALSE = object(), object()


def _unbool(value: Any) -> Any:
    if value is True:
        return _TRUE
    if value is False:
        return _FALSE
    return value
