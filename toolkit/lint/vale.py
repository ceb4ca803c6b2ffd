"""A Vale style folder read as a tone guide: `sxt lint --guide styles/Microsoft`.

Teams already keep their house style as a Vale package (Microsoft, Google, write-good,
proselint, alex): one rule per YAML file, each `extends` one of Vale's checks. Each file is
read here into a Rule whose check (toolkit.lint.vale_checks) runs the way Vale runs it, with
Vale's pattern templates, defaults (`ignorecase: false`, `level: warning`, `scope: text`) and
messages. Findings are coded `<Style>/<Rule>`: `proselint/Archaisms`.

What cannot be carried over leaves one rule out, not the guide: a pattern RE2 cannot compile
(Vale's engine also has lookaround), a check sxt has no counterpart for (spelling, sequence,
metric, script), a scope it does not know. Each is a warning at its file:line:col. Anything
else wrong in a file (YAML, a key of the wrong type) is an error there, as for any guide.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from configparser import ConfigParser
from configparser import Error as IniError
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from toolkit.core.diagnostics import Diagnostic
from toolkit.core.loader import Document, JsonPath, LoadError, load_file, read_text
from toolkit.lint import vale_checks as checks
from toolkit.lint.guide import (
    VALE_PREFIX,
    Guide,
    GuideError,
    Level,
    PatternError,
    Rule,
    compile_re2,
)

LEFT_OUT = {
    "spelling": "needs Hunspell dictionaries",
    "sequence": "needs a part-of-speech tagger",
    "metric": "needs Vale's formula language and its counts of markup",
    "script": "runs Tengo programs",
}
"""Vale's checks sxt has no counterpart for, and why: their rules are left out with a warning."""

_COMMON = frozenset(
    ("extends", "message", "level", "scope", "link", "description", "limit", "action")
)
_OPTIONS = {
    "existence": {"append", "ignorecase", "nonword", "raw", "tokens", "exceptions", "vocab"},
    "substitution": {"ignorecase", "nonword", "swap", "exceptions", "vocab", "capitalize"},
    "occurrence": {"max", "min", "token", "ignorecase"},
    "repetition": {"ignorecase", "alpha", "max", "tokens", "exceptions", "vocab"},
    "consistency": {"nonword", "ignorecase", "either"},
    "conditional": {"ignorecase", "first", "second", "exceptions", "vocab"},
    "capitalization": {
        "match",
        "style",
        "exceptions",
        "indicators",
        "threshold",
        "prefix",
        "vocab",
    },
    "readability": {"metrics", "grade"},
}
_IGNORED = {
    "matchcase": "it only re-cases a fix",
    "pos": "it needs a part-of-speech tagger",
    "code": "Vale itself no longer reads it (use scope: raw)",
}
"""Options Vale has that sxt reads past, and why."""
_QUIET = frozenset(("tests",))  # a rule's own test cases, for `vale test`
_CAPTURE = re.compile(r"(?<!\\)\((?!\?)")
_CONFIG_NAMES = (".vale.ini", "_vale.ini", ".vale", "_vale")
_LEVELS: dict[str, Level] = {"error": "error", "warning": "warning", "suggestion": "suggestion"}


@dataclass(slots=True)
class _Report:
    """What reading a style found wrong: errors stop the guide, warnings leave a rule out."""

    errors: list[Diagnostic] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)


class _Unusable(Exception):
    """A rule that cannot run here: left out with a warning at `where` in its file."""

    def __init__(self, where: JsonPath, message: str) -> None:
        super().__init__(message)
        self.where = where


@dataclass(slots=True)
class _Vocabulary:
    """The accept.txt and reject.txt entries of the style's vocabularies (RE2 patterns)."""

    accept: list[str] = field(default_factory=list)
    reject: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Config:
    """What sxt reads from the .vale.ini beside a style: its vocabularies, the least level
    shown, and rules switched off or given a level (in `[*]` and the Markdown sections)."""

    display: str
    styles: Path
    vocab: list[str]
    min_level: str | None
    levels: dict[str, str]
    based_on: set[str]


def load_style(path: Path, base: Path) -> Guide:
    """Reads every rule file of the style folder `path` into a Guide; GuideError for an
    error in any of them, after all were read, so one run shows every problem."""
    from toolkit.core.workspace import display_path

    style = path.resolve().name
    report = _Report()
    config = _config(path.resolve(), base, report)
    vocabulary = _vocabulary(path.resolve(), config, base, report)
    rules: dict[str, Rule] = {}
    for file in _rule_files(path):
        name = ".".join(file.relative_to(path).with_suffix("").parts)
        rule = _read_rule(file, display_path(file, base), style, name, vocabulary, report)
        if rule is not None:
            rules[rule.id] = rule
    letters = {style: ("style", f"the rules of the Vale style {display_path(path, base)}")}
    if config is None or "Vale" in config.based_on:
        for rule in _vocabulary_rules(vocabulary):
            rules[rule.id] = rule
            letters["Vale"] = (
                "vocabulary",
                "the accepted and rejected words of the style's vocabularies",
            )
    if report.errors:
        raise GuideError(report.errors)
    if config is not None:
        rules = _configured(rules, config)
    return Guide(
        display=display_path(path, base),
        title=f"{style} (Vale)",
        letters=letters,
        rules=rules,
        situations={},
        locales=(),
        warnings=report.warnings,
    )


def _rule_files(path: Path) -> Iterator[Path]:
    """Every `.yml` file, as Vale reads a style: folders starting with `.` or `_` hold
    drafts and shared fragments, not rules."""
    for file in sorted(path.rglob("*.yml")):
        parts = file.relative_to(path).parts
        if file.is_file() and not any(part.startswith((".", "_")) for part in parts[:-1]):
            yield file


def _read_rule(
    file: Path, display: str, style: str, name: str, vocabulary: _Vocabulary, report: _Report
) -> Rule | None:
    try:
        document = load_file(file, display)
    except LoadError as error:
        report.errors += error.diagnostics
        return None
    data = document.data
    extends = data.get("extends")
    if not _readable(document, extends, report):
        return None
    from toolkit.core.schema import check

    problems = check(document, "vale-rule")
    if problems:
        report.errors += problems
        return None
    report.warnings += _unread_options(document, str(extends))
    try:
        built = _BUILDERS[str(extends)](data, vocabulary.accept if data.get("vocab", True) else [])
    except _Unusable as unusable:
        report.warnings.append(
            document.diagnostic(
                unusable.where, "warning", "vale", f"{unusable}; the rule is left out"
            )
        )
        return None
    return Rule(
        id=name,
        letter=style,
        level=data.get("level", "warning"),
        type=VALE_PREFIX + str(extends),
        message=data["message"],
        description=" ".join(str(data.get("description", "")).split()),
        link=data.get("link"),
        options={"check": built, "limit": data.get("limit", 0)},
        path=(),
    )


def _readable(document: Document, extends: Any, report: _Report) -> bool:
    """Whether the rule's check is one sxt runs; a check it does not have, or a rule built
    on another rule, is left out with a warning, and an `extends` Vale has not an error."""
    if extends is None:
        report.errors.append(
            document.diagnostic((), "error", "vale", "missing the required 'extends' key")
        )
        return False
    where: JsonPath = ("extends",)
    if not isinstance(extends, str):
        return True  # the schema says what is wrong with it
    if extends in LEFT_OUT:
        reason = f"sxt has no {extends} check (it {LEFT_OUT[extends]}); the rule is left out"
        report.warnings.append(document.diagnostic(where, "warning", "vale", reason))
        return False
    if "." in extends:
        reason = (
            f"extends {extends!r} builds on another rule, which sxt does not read; "
            "the rule is left out"
        )
        report.warnings.append(document.diagnostic(where, "warning", "vale", reason))
        return False
    return True  # anything else: the schema says what is wrong with it


def _unread_options(document: Document, extends: str) -> list[Diagnostic]:
    known = _COMMON | _OPTIONS[extends]
    found = []
    for key in document.data:
        if key in known or key in _QUIET:
            continue
        reason = _IGNORED.get(key, f"{extends} rules have no such option")
        found.append(
            document.diagnostic(
                (key,), "warning", "vale", f"{key!r} is not read ({reason})", key=True
            )
        )
    return found


def _compile(pattern: str, where: JsonPath) -> Any:
    try:
        return compile_re2(pattern)
    except PatternError as error:
        raise _Unusable(
            where,
            f"pattern '{pattern}' does not compile with RE2 ({error}): sxt's patterns have no "
            "lookaround or backreferences, so that no pattern can make the linter hang",
        ) from None


def _check_each(patterns: list[str], where: JsonPath) -> None:
    """Compiles each pattern alone first, so a warning points at the one RE2 refuses."""
    for position, pattern in enumerate(patterns):
        _compile(pattern, (*where, position))


def _scopes(data: dict[str, Any]) -> tuple[checks.Scope, ...]:
    try:
        return checks.parse_scope(data.get("scope"))
    except checks.ScopeError as error:
        raise _Unusable(("scope",), f"{error} (sxt reads {SCOPES})") from None


SCOPES = "text, raw, sentence, paragraph, summary, and heading with heading.h1 to h6"


def _nocase(data: dict[str, Any]) -> str:
    return "(?i)" if data.get("ignorecase", False) else ""


def _word(data: dict[str, Any], body: str) -> str:
    """Vale's templates: its tokens between word boundaries, unless `nonword`."""
    return f"(?m)(?:{body})" if data.get("nonword", False) else rf"(?m)\b(?:{body})\b"


def _exceptions(data: dict[str, Any], accepted: list[str]) -> checks.Exceptions | None:
    """The rule's `exceptions` and the vocabulary's accepted words, each case-sensitive
    unless it says `(?i)`, the longest first (as Vale joins them)."""
    own = [str(term) for term in data.get("exceptions", [])]
    _check_each(own, ("exceptions",))
    terms = sorted([*own, *accepted], key=len, reverse=True)
    if not terms:
        return None
    cased = [term if term.startswith("(?i)") else f"(?-i){term}" for term in terms]
    words = _compile(rf"(?m)\b(?:{'|'.join(cased)})\b", ("exceptions",))
    phrases = [t for t in terms if " " in t or "\t" in t or r"\s" in t]
    joined = rf"(?i)\b(?:{'|'.join(phrases)})\b"
    return checks.Exceptions(words, _compile(joined, ("exceptions",)) if phrases else None)


def _existence(data: dict[str, Any], accepted: list[str]) -> checks.Existence:
    tokens = [str(token) for token in data.get("tokens", []) if str(token).strip()]
    raw = [str(part) for part in data.get("raw", [])]
    _check_each(tokens, ("tokens",))
    template = _word(data, "|".join(tokens)) if tokens else "(?m)(?:)"
    body = template + "".join(raw) if data.get("append", False) else "".join(raw) + template
    where: JsonPath = ("raw",) if raw else ("tokens",)
    nonword = data.get("nonword", False)
    return checks.Existence(
        data["message"],
        _compile(_nocase(data) + body, where),
        _exceptions(data, [] if nonword else accepted),
        _scopes(data),
    )


def _substitution(data: dict[str, Any], accepted: list[str]) -> checks.Substitution:
    """Each `swap` key becomes a group of one pattern, the longest key first; groups of the
    key's own become non-capturing there, and fill a `$1` in its suggestion from the key."""
    swaps: list[checks.Swap] = []
    parts: list[str] = []
    group = 1
    for key, expected in sorted(data["swap"].items(), key=lambda item: -len(item[0])):
        plain = _CAPTURE.sub("(?:", key)
        alone = _compile(plain, ("swap", key))
        by_itself = _compile(_nocase(data) + key, ("swap", key)) if "$" in str(expected) else None
        swaps.append(checks.Swap(group, str(expected), by_itself))
        parts.append(f"({plain})")
        group += 1 + alone.groups  # a named group of the key still counts
    action = data.get("action") or {}
    return checks.Substitution(
        data["message"],
        _compile(_nocase(data) + _word(data, "|".join(parts)), ("swap",)),
        tuple(swaps),
        _exceptions(data, accepted),
        _scopes(data),
        capitalize=data.get("capitalize", False),
        replace=action.get("name") == "replace" and not action.get("params"),
    )


def _occurrence(data: dict[str, Any], accepted: list[str]) -> checks.Occurrence:
    return checks.Occurrence(
        data["message"],
        _compile(f"{_nocase(data)}(?:{data['token']})", ("token",)),
        data.get("max", 0),
        data.get("min", 0),
        _scopes(data),
    )


def _repetition(data: dict[str, Any], accepted: list[str]) -> checks.Repetition:
    tokens = [str(token) for token in data["tokens"]]
    _check_each(tokens, ("tokens",))
    return checks.Repetition(
        data["message"],
        _compile(f"{_nocase(data)}({'|'.join(tokens)})", ("tokens",)),
        data.get("max", 0),
        data.get("ignorecase", False),
        data.get("alpha", False),
        _exceptions(data, accepted),
        _scopes(data),
    )


def _consistency(data: dict[str, Any], accepted: list[str]) -> checks.Consistency:
    pairs = []
    for first, second in data["either"].items():
        spellings = [_CAPTURE.sub("(?:", str(spelling)) for spelling in (first, second)]
        _check_each(spellings, ("either", first))
        body = f"({spellings[0]})|({spellings[1]})"
        pairs.append(_compile(_nocase(data) + _word(data, body), ("either", first)))
    return checks.Consistency(data["message"], tuple(pairs), _scopes(data))


def _conditional(data: dict[str, Any], accepted: list[str]) -> checks.Conditional:
    first = _compile(_nocase(data) + data["first"], ("first",))
    second = _compile(_nocase(data) + data["second"], ("second",))
    return checks.Conditional(
        data["message"],
        first,
        second,
        second.groups > 0,
        _exceptions(data, accepted),
        _scopes(data),
    )


def _capitalization(data: dict[str, Any], accepted: list[str]) -> checks.Capitalization:
    exceptions = _exceptions(data, accepted)
    words = exceptions.words.pattern + "|" + checks.WORDS if exceptions else checks.WORDS
    prefix = data.get("prefix")
    match = data["match"]
    style = checks.CaseStyle(
        words=_compile(words, ("exceptions",)),
        exceptions=exceptions.words if exceptions else None,
        vocab=tuple([str(term) for term in data.get("exceptions", [])] + accepted),
        threshold=data.get("threshold") or 0.8,
        prefix=_compile(prefix, ("prefix",)) if prefix else None,
        small=checks.title_small_words(data.get("style")),
        indicators=tuple(str(i) for i in data.get("indicators", [])),
    )
    pattern = None if match.startswith("$") else _compile(match, ("match",))
    if match.startswith("$") and match not in ("$title", "$sentence", "$lower", "$upper"):
        raise _Unusable(("match",), f"match {match!r} is not $title, $sentence, $lower or $upper")
    return checks.Capitalization(
        data["message"], checks.case_check(match, style, pattern), _scopes(data)
    )


def _readability(data: dict[str, Any], accepted: list[str]) -> checks.Readability:
    return checks.Readability(data["message"], tuple(data["metrics"]), float(data["grade"]))


_BUILDERS = {
    "existence": _existence,
    "substitution": _substitution,
    "occurrence": _occurrence,
    "repetition": _repetition,
    "consistency": _consistency,
    "conditional": _conditional,
    "capitalization": _capitalization,
    "readability": _readability,
}


def _vocabulary_rules(vocabulary: _Vocabulary) -> Iterator[Rule]:
    """Vale's own Vale.Terms (an accepted word written in another case) and Vale.Avoid (a
    rejected one), both errors, as Vale makes them from a vocabulary."""
    terms: dict[str, Any] = {
        "swap": {entry: entry for entry in vocabulary.accept},
        "ignorecase": True,
        "message": "Use '%s' instead of '%s'.",
    }
    avoid: dict[str, Any] = {"tokens": vocabulary.reject, "message": "Avoid using '%s'."}
    made = (
        ("Terms", "substitution", terms, vocabulary.accept),
        ("Avoid", "existence", avoid, vocabulary.reject),
    )
    for name, extends, data, entries in made:
        if entries:
            yield Rule(
                id=name,
                letter="Vale",
                level="error",
                type=VALE_PREFIX + extends,
                message=data["message"],
                description="",
                link=None,
                options={"check": _BUILDERS[extends](data, []), "limit": 0},
                path=(),
            )


def _config(style: Path, base: Path, report: _Report) -> _Config | None:
    """The .vale.ini whose StylesPath holds the style, looked for in the style's folder and
    the two above it, as a project keeps it beside (or above) its styles."""
    for folder in (style, style.parent, style.parent.parent):
        for name in _CONFIG_NAMES:
            file = folder / name
            if file.is_file():
                config = _read_config(file, base, report)
                if config is not None and config.styles == style.parent:
                    return config
    return None


def _read_config(file: Path, base: Path, report: _Report) -> _Config | None:
    from toolkit.core.workspace import display_path

    display = display_path(file, base)
    parser = ConfigParser(strict=False, interpolation=None, inline_comment_prefixes=("#", ";"))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    try:
        parser.read_string("[__root__]\n" + read_text(file, display))
    except (IniError, LoadError) as error:
        report.warnings.append(
            Diagnostic(display, None, None, "warning", "vale", f"not read ({error})")
        )
        return None
    root = parser["__root__"]
    styles = (file.parent / root.get("StylesPath", ".")).resolve()
    levels: dict[str, str] = {}
    based_on: set[str] = set()
    for section in parser.sections():
        if section == "__root__" or not _applies(section):
            continue
        for key, value in parser[section].items():
            if key == "BasedOnStyles":
                based_on |= {s.strip() for s in value.split(",") if s.strip()}
            elif value.strip() in ("YES", "NO", "error", "warning", "suggestion"):
                levels[key] = value.strip()
    vocab = [v.strip() for v in root.get("Vocab", "").split(",") if v.strip()]
    return _Config(display, styles, vocab, root.get("MinAlertLevel"), levels, based_on)


def _applies(section: str) -> bool:
    """Whether a .vale.ini section's glob takes a Markdown reply: `[*]`, `[*.md]`,
    `[*.{md,txt}]`."""
    braces = re.fullmatch(r"(.*)\{([^{}]*)\}(.*)", section)
    globs = (
        [braces.group(1) + o + braces.group(3) for o in braces.group(2).split(",")]
        if braces
        else [section]
    )
    return any(fnmatchcase("reply.md", glob.strip()) for glob in globs)


def _configured(rules: dict[str, Rule], config: _Config) -> dict[str, Rule]:
    """The rules as the config sets them: `Style.Rule = NO` leaves one out, a level (for
    the rule, or for `Style`) changes it, and MinAlertLevel drops those below it."""
    from dataclasses import replace

    from toolkit.core.diagnostics import at_least

    kept = {}
    for rule in rules.values():
        setting = config.levels.get(f"{rule.letter}.{rule.id}") or config.levels.get(rule.letter)
        if setting == "NO":
            continue
        level = _LEVELS.get(setting or "")
        if level is not None:
            rule = replace(rule, level=level)
        least = _LEVELS.get(config.min_level or "")
        if least is not None and not at_least(rule.level, least):
            continue
        kept[rule.id] = rule
    return kept


def _vocabulary(style: Path, config: _Config | None, base: Path, report: _Report) -> _Vocabulary:
    """The vocabularies the config names (`Vocab = Base`), or without a config every one
    beside the style: `config/vocabularies/<Name>/` (Vale 3) or `Vocab/<Name>/` (Vale 2)
    under the folder that holds the style."""
    roots = [style.parent / "config" / "vocabularies", style.parent / "Vocab"]
    if config is None:
        folders = [
            folder
            for root in roots
            if root.is_dir()
            for folder in sorted(root.iterdir())
            if folder.is_dir()
        ]
    else:
        folders = []
        for name in config.vocab:
            found = next((root / name for root in roots if (root / name).is_dir()), None)
            if found is None:
                message = (
                    f"vocabulary {name!r} is in neither config/vocabularies/ nor Vocab/ "
                    "beside the style"
                )
                report.warnings.append(
                    Diagnostic(config.display, None, None, "warning", "vale", message)
                )
            else:
                folders.append(found)
    vocabulary = _Vocabulary()
    for folder in folders:
        vocabulary.accept += _entries(folder / "accept.txt", base, report)
        vocabulary.reject += _entries(folder / "reject.txt", base, report)
    return vocabulary


def _entries(file: Path, base: Path, report: _Report) -> list[str]:
    """One pattern a line, `#` lines are comments; an entry RE2 refuses is left out."""
    from toolkit.core.workspace import display_path

    if not file.is_file():
        return []
    display = display_path(file, base)
    try:
        text = read_text(file, display)
    except LoadError as error:
        report.errors += error.diagnostics
        return []
    entries = []
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        try:
            compile_re2(entry)
        except PatternError as error:
            message = f"entry '{entry}' does not compile with RE2 ({error}); it is left out"
            report.warnings.append(Diagnostic(display, number, 1, "warning", "vale", message))
            continue
        entries.append(entry)
    return entries
