"""A tone guide compiled once into what the engine needs for every reply.

All phrases of all rules (and the situations' trigger words) go into one matcher, so a reply
is scanned once whatever the size of the guide. User regexes are
compiled with RE2, whose matching time is linear in the text: a guide cannot hang the linter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from toolkit.core.diagnostics import Diagnostic, Severity
from toolkit.core.loader import Document, JsonPath, LoadError
from toolkit.lint.matcher import PhraseMatcher
from toolkit.lint.model import Reply

if TYPE_CHECKING:
    from toolkit.core.validation import Read

Level = Severity  # a rule's level: error, warning or suggestion
SITUATION_KEY = "situation:"
"""Prefix of the hit key of a situation's trigger words: no rule id can contain a colon."""
VALE_PREFIX = "vale-"
"""Prefix of the type of a rule read from a Vale style (toolkit.lint.vale): such a rule carries
its own compiled check, which the engine runs instead of one of its own."""


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    letter: str
    level: Level
    type: str
    message: str
    description: str
    link: str | None
    options: dict[str, Any]
    path: JsonPath  # where the rule is written in the guide, for guide diagnostics
    code: str = field(init=False, repr=False, compare=False)
    """letter/id, as findings are reported: made once, not for every finding."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", f"{self.letter}/{self.id}")

    def option(self, name: str, default: Any = None) -> Any:
        return self.options.get(name, default)


@dataclass(frozen=True, slots=True)
class Situation:
    id: str
    title: str
    description: str
    tags: frozenset[str]
    levels: dict[str, Level | Literal["off"]]  # rule id -> level or "off"


@dataclass(frozen=True, slots=True)
class Entry:
    """What a phrase means where it is found: which rule, in which role, with what extra."""

    rule: str  # rule id, or the situation id for role "situation"
    role: str
    extra: Any = None
    slot: tuple[str, str] = field(init=False, repr=False, compare=False)
    """(rule, role): where the engine files a hit, made once here rather than for every hit."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "slot", (self.rule, self.role))


@dataclass(slots=True)
class Guide:
    display: str
    title: str
    letters: dict[str, tuple[str, str]]  # letter -> (name, meaning)
    rules: dict[str, Rule]
    situations: dict[str, Situation]
    locales: tuple[str, ...]
    matcher: PhraseMatcher[Entry] = field(default_factory=PhraseMatcher)
    """Every phrase of every rule and situation, scanned in one pass."""
    levels_cache: dict[Any, Any] = field(default_factory=dict)
    """The engine's plan (which rules run, at which level) per (situations, options,
    disabled): the same few combinations recur."""
    title_situations: dict[str, frozenset[str]] = field(default_factory=dict)
    patterns: dict[str, list[tuple[Any, Entry]]] = field(default_factory=dict)
    """Rule id -> compiled RE2 patterns of `regex: true` rules."""
    memo: dict[tuple[str, str], Any] = field(default_factory=dict)
    """What the engine derives from a rule's options (folded exception sets, ...), per
    (rule id, name): worked out on the first reply, not on every one."""
    document: Document | None = field(default=None, repr=False, compare=False)
    """The guide as loaded, for where a rule or situation is written (`sxt lsp`'s
    go-to-definition), at the positions its own diagnostics use."""
    warnings: list[Diagnostic] = field(default_factory=list, repr=False, compare=False)
    """What was left out of the guide and why (a Vale rule whose pattern RE2 cannot compile,
    a check sxt does not have): the guide still lints, so these are not errors."""

    def covers(self, locale: str | None) -> bool:
        if locale is None or not self.locales:
            return True
        language = locale.split("-")[0].lower()
        return any(language == covered.split("-")[0].lower() for covered in self.locales)


class GuideError(LoadError):
    """A guide that cannot be used: its diagnostics point into the guide file."""


def compile_guide(document: Document) -> Guide:
    """Builds a Guide from a schema-valid tone-guide document; raises GuideError for what the
    schema cannot see (a regex RE2 rejects, a phrase with no words in it)."""
    data = document.data
    rules = {
        rule["id"]: Rule(
            id=rule["id"],
            letter=rule["letter"],
            level=rule["level"],
            type=rule["type"],
            message=rule["message"],
            description=" ".join(str(rule.get("description", "")).split()),
            link=rule.get("link"),
            options={k: v for k, v in rule.items() if k not in _COMMON},
            path=("rules", index),
        )
        for index, rule in enumerate(data["rules"])
    }
    situations = {
        name: Situation(
            id=name,
            title=situation["title"],
            description=" ".join(str(situation.get("description", "")).split()),
            tags=frozenset(tag.casefold() for tag in situation.get("detect", {}).get("tags", [])),
            levels=dict(situation.get("rules", {})),
        )
        for name, situation in data.get("situations", {}).items()
    }
    guide = Guide(
        display=document.display,
        title=data["title"],
        letters={
            letter: (value["name"], value["meaning"]) for letter, value in data["letters"].items()
        },
        rules=rules,
        situations=situations,
        locales=tuple(data.get("locales", [])),
        document=document,
    )
    problems: list[Diagnostic] = []

    def add(phrase: str, entry: Entry, case_sensitive: bool, where: JsonPath) -> None:
        if not guide.matcher.add(phrase, entry, case_sensitive=case_sensitive):
            problems.append(
                document.diagnostic(
                    where, "error", "guide", f"{phrase!r} has no words or symbols to match"
                )
            )

    for rule in rules.values():
        case_sensitive = not rule.option("ignorecase", True)
        for role, option, phrases in _phrases(rule):
            for position, (phrase, extra) in enumerate(phrases):
                add(
                    phrase,
                    Entry(rule.id, role, extra),
                    case_sensitive,
                    (*rule.path, option, position),
                )
        if rule.type == "existence" and rule.option("regex"):
            guide.patterns[rule.id] = _regexes(document, rule, problems)
    for name, situation in data.get("situations", {}).items():
        for position, word in enumerate(situation.get("detect", {}).get("words", [])):
            add(
                word,
                Entry(SITUATION_KEY + name, "situation", name),
                False,
                ("situations", name, "detect", "words", position),
            )
    if problems:
        raise GuideError(problems)
    return guide


_COMMON = {"id", "letter", "level", "type", "message", "description", "link"}


def _phrases(rule: Rule) -> list[tuple[str, str, list[tuple[str, Any]]]]:
    """(role, option name, [(phrase, extra)]) for every phrase a rule looks for."""
    plain = [(phrase, None) for phrase in rule.option("tokens", [])]
    exceptions = [(phrase, None) for phrase in rule.option("exceptions", [])]
    match rule.type:
        case "existence":
            found = [] if rule.option("regex") else [("token", "tokens", plain)]
            return [*found, ("exception", "exceptions", exceptions)]
        case "substitution":
            return [("swap", "swap", list(rule.option("swap").items()))]
        case "occurrence":
            return [("count", "token", [(rule.option("token"), None)])]
        case "repetition":
            return [("exception", "exceptions", exceptions)]
        case "consistency":
            return [
                (
                    "variant",
                    "either",
                    [(variant, (group, index)) for index, variant in enumerate(variants)],
                )
                for group, variants in enumerate(rule.option("either"))
            ]
        case "conditional":
            return [
                ("if", "if_any", [(phrase, None) for phrase in rule.option("if_any")]),
                ("then", "then_any", [(phrase, None) for phrase in rule.option("then_any")]),
            ]
        case "requires":
            return [("requires", "tokens", plain)]
        case "capitalization" | "endings":
            return [("exception", "exceptions", exceptions)]
        case _:
            return []


def _regexes(document: Document, rule: Rule, problems: list[Diagnostic]) -> list[tuple[Any, Entry]]:
    compiled = []
    for position, pattern in enumerate(rule.option("tokens")):
        try:
            regex = compile_re2(pattern, case_sensitive=not rule.option("ignorecase", True))
        except PatternError as error:
            problems.append(
                document.diagnostic(
                    (*rule.path, "tokens", position),
                    "error",
                    "guide",
                    f"rule {rule.id}: pattern {pattern!r} does not compile ({error}); patterns "
                    "use RE2 syntax, which has no backreferences or lookaround, so that no "
                    "pattern can make the linter hang",
                )
            )
        else:
            compiled.append((regex, Entry(rule.id, "token")))
    return compiled


class PatternError(ValueError):
    """A pattern RE2 refuses; the message is RE2's own reason."""


def compile_re2(pattern: str, *, case_sensitive: bool = True) -> Any:
    """A user's pattern compiled with RE2, whose matching time is linear in the text, so no
    guide can make the linter hang; raises PatternError with RE2's reason."""
    import re2

    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = case_sensitive
    try:
        return re2.compile(pattern, options)
    except re2.error as error:
        detail = (
            error.args[0].decode()
            if error.args and isinstance(error.args[0], bytes)
            else str(error)
        )
        raise PatternError(detail) from None


class Guides:
    """The guide for each reply's locale. The chosen guide comes first; the workspace's other
    guides are compiled only when a reply in a locale it does not cover turns up, so an
    English-only workspace never pays for the Korean guide."""

    def __init__(
        self,
        default: Guide,
        others: list[Path] | None = None,
        base: Path | None = None,
        read: Read | None = None,
    ) -> None:
        self.default = default
        self._pending = list(others or [])
        self._loaded: list[Guide] = []
        self._base = base or Path.cwd()
        self._read = read

    @classmethod
    def of(cls, guides: Guide | Guides) -> Guides:
        return guides if isinstance(guides, Guides) else cls(guides)

    def for_reply(self, reply: Reply) -> tuple[Guide | None, str | None]:
        """The guide of a reply's locale, its own or else the one its script tells
        (toolkit.lint.language), and that locale: a Thai macro in an export that names no
        locale is not English."""
        from toolkit.lint.language import guess_language

        locale = reply.locale or guess_language(reply.text)
        return self.for_locale(locale), locale

    def every(self) -> list[Guide]:
        """Every guide, the default first: what rule names on the command line may name,
        since a run lints each reply with the guide of its locale."""
        while self._pending:
            self._loaded.append(load_guide(self._pending.pop(0), self._base, self._read))
        return [self.default, *self._loaded]

    def for_locale(self, locale: str | None) -> Guide | None:
        if self.default.covers(locale):
            return self.default
        for guide in self._loaded:
            if guide.covers(locale):
                return guide
        while self._pending:
            guide = load_guide(self._pending.pop(0), self._base, self._read)
            self._loaded.append(guide)
            if guide.covers(locale):
                return guide
        return None


DEFAULT_GUIDE = "preach"


def locate_guide(
    name: str | None, base: Path, root: Path | None, read: Read | None = None
) -> tuple[Path | None, list[Path]]:
    """Where the guide of `sxt lint` (and the TUI's lint screen) lives: `name` (--guide) as a
    path or an id; without it the workspace's `defaults.tone_guide`, else preach. Looked for
    as given (sxt.yaml's also from the workspace's root), under the workspace's tone_guides/,
    then among the shipped guides; a folder is a Vale style (kept outside tone_guides/, whose
    YAML files are all sxt guides). Returns the path, or
    None, and the places looked, for the error message. `read` reads sxt.yaml (a
    workspace's reader, to share its reading; default the process's)."""
    from toolkit.core.content import shipped_root
    from toolkit.core.workspace import default_in

    candidates = []
    if name is None and root is not None:
        name = default_in(_settings(root, read), "tone_guide", DEFAULT_GUIDE)
        candidates.append(root / name)  # sxt.yaml's paths are the workspace's
    name = name or DEFAULT_GUIDE
    candidates.insert(0, Path(name) if Path(name).is_absolute() else base / name)
    if root is not None:
        candidates.append(root / "tone_guides" / f"{name}.yaml")
    candidates.append(shipped_root() / "tone_guides" / f"{name}.yaml")
    return next((path for path in candidates if _is_guide(path)), None), candidates


def _is_guide(path: Path) -> bool:
    """A guide file, or a folder: a Vale style (toolkit.lint.vale)."""
    return path.is_file() or path.is_dir()


def _settings(root: Path, read: Read | None) -> dict[str, Any] | None:
    """The workspace's settings, for its default guide: a one-shot command takes a valid
    sxt.yaml unchanged since it was last checked from the user's cache."""
    from toolkit.core.remembered import valid_document

    path = root / "sxt.yaml"

    def checked() -> Any:
        from toolkit.core.validation import check_file  # only when not remembered

        return (read or check_file)(path, "sxt.yaml")

    if read is not None:
        return checked().data
    document = valid_document(path, "sxt.yaml", lambda: checked().document_if_valid)
    return document.data if document is not None else checked().data


def guides_beside(path: Path, base: Path, read: Read | None = None) -> Guides:
    """The guide at `path` first, then the guides beside it for replies in other locales. A
    Vale style (a folder) names no locale, so it serves every reply and has no others."""
    if path.is_dir():
        return Guides(load_guide(path, base, read), [], base, read)
    others = sorted(other for other in path.parent.glob("*.yaml") if other != path)
    return Guides(load_guide(path, base, read), others, base, read)


def load_guide(path: Path, base: Path, read: Read | None = None) -> Guide:
    """Reads, validates and compiles a guide file; any problem raises GuideError. Paths in
    diagnostics are shown relative to `base`, as everywhere else; `read` reads the file (a
    workspace's reader; default the process's). A folder is read as a Vale style.

    Reading and checking a guide costs 35 ms (the schema's checker is compiled first), more
    than linting a reply: a one-shot command (a pre-commit hook, called once per commit and
    file) takes a guide found valid before, and unchanged since, from the user's cache."""
    if path.is_dir():
        from toolkit.lint.vale import load_style

        return load_style(path, base)
    from toolkit.core.remembered import valid_document
    from toolkit.core.workspace import display_path

    display = display_path(path, base)
    if read is not None:
        return compile_guide(_checked(path, display, read))
    document = valid_document(path, display, lambda: _checked(path, display, None))
    assert document is not None  # _checked raises for a guide that is not valid
    return compile_guide(document)


def _checked(path: Path, display: str, read: Read | None) -> Document:
    from toolkit.core.references import check_references
    from toolkit.core.validation import Catalog, check_file

    # A guide refers only to itself (letters, rule ids), so no other document is loaded: this
    # runs on every pre-commit hook call.
    checked = (read or check_file)(path, display)
    checked.diagnostics += check_references(checked, Catalog([]))
    errors = [d for d in checked.diagnostics if d.severity == "error"]
    if errors or checked.document is None:
        raise GuideError(errors)
    if checked.kind != "tone-guide":
        raise GuideError(
            [
                checked.document.diagnostic(
                    ("kind",), "error", "kind", f"kind: {checked.kind!r}, expected tone-guide"
                )
            ]
        )
    return checked.document


def find_rule(guide: Guide, rule_id: str) -> Rule | None:
    """A rule by its id or its code (`C/jargon`, as findings name it)."""
    return guide.rules.get(rule_id) or guide.rules.get(rule_id.split("/")[-1])


def explain(guide: Guide, rule: Rule) -> str:
    """What `sxt lint --explain RULE` prints, and what `sxt lsp` shows on hover over a
    finding: one text, so the terminal and the editor never tell a writer different things."""
    from toolkit.core.diagnostics import printable

    name, meaning = guide.letters[rule.letter]
    lines = [
        f"{rule.code} ({rule.type}, {rule.level})",
        f"{rule.letter} is for {name}: {' '.join(meaning.split())}",
        "",
        rule.description or rule.message,
    ]
    if rule.link:
        lines += ["", f"More: {rule.link}"]
    overrides = [
        (s.title, s.levels[rule.id]) for s in guide.situations.values() if rule.id in s.levels
    ]
    if overrides:
        lines += ["", "In situations:"] + [f"  {title}: {level}" for title, level in overrides]
    return printable("\n".join(lines))
