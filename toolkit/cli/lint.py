"""`sxt lint`: canned replies checked against the tone guide, in the terminal, pre-commit and CI."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from toolkit.cli.options import InputError, colour, echo, fail_level_option, format_option, resolve

if TYPE_CHECKING:
    from toolkit.core.loader import LoadError
    from toolkit.lint.guide import Guide, Guides
    from toolkit.lint.runner import Report

LINT_FORMATS = ("text", "json", "github", "sarif", "junit")


def _names(values: tuple[str, ...], guides: list[Guide], option: str) -> frozenset[str]:
    """--select/--ignore as the engine reads them: rule ids and letters. A rule may be named
    by its code as findings print it (C/jargon); a name no guide knows is a usage error, since
    selecting or ignoring nothing would pass CI silently."""
    from toolkit.core.suggest import did_you_mean
    from toolkit.lint.guide import find_rule

    names = set()
    for name in (n.strip() for value in values for n in value.split(",")):
        if not name:
            continue
        if any(name in guide.letters for guide in guides):
            names.add(name)
            continue
        rule = next((r for g in guides if (r := find_rule(g, name)) is not None), None)
        if rule is None:
            known = [code for g in guides for r in g.rules.values() for code in (r.id, r.code)]
            hint = did_you_mean(name, known) or "; see `sxt lint --statistics` for the rules"
            raise click.BadParameter(f"no rule or letter {name!r}{hint}", param_hint=option)
        names.add(rule.id)
    return frozenset(names)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--guide",
    "guide_name",
    metavar="ID|PATH",
    help="Tone guide: an id under tone_guides/, a file, or a Vale style folder  "
    "[default: the workspace's, else preach]",
)
@click.option(
    "--situation",
    metavar="ID",
    help="Lint every reply as this situation (billing, outage, good-news, ...); no detection.",
)
@click.option(
    "--locale", metavar="LOCALE", help="Locale of replies that do not say their own (e.g. en, ko)."
)
@format_option(LINT_FORMATS)
@fail_level_option()
@click.option(
    "--fix",
    is_flag=True,
    help="Apply the guide's substitutions in place (Markdown and YAML replies).",
)
@click.option(
    "--diff",
    is_flag=True,
    help="Show what --fix would change and write nothing; exit 1 if anything would.",
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULE|LETTER",
    help="Only these rules or letters (repeat, or comma-separate).",
)
@click.option("--ignore", multiple=True, metavar="RULE|LETTER", help="Skip these rules or letters.")
@click.option("--stdin", "from_stdin", is_flag=True, help="Lint one file read from standard input.")
@click.option(
    "--stdin-filename",
    metavar="NAME",
    default="stdin.md",
    show_default=True,
    help="Name (and so format) of the --stdin text.",
)
@click.option(
    "--columns",
    default="title,body",
    show_default=True,
    metavar="TITLE,BODY",
    help="CSV or TSV column names of a reply's title and body.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    help="Processes for large runs (many files, or a large export).  [default: one per core]",
)
@click.option(
    "--explain",
    metavar="RULE",
    help="Explain a rule: its letter, why it matters, and its levels per situation.",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print the number of findings per rule and per letter instead of each finding.",
)
@click.pass_obj
def lint(
    base: Path,
    paths: tuple[Path, ...],
    guide_name: str | None,
    situation: str | None,
    locale: str | None,
    output_format: str,
    fail_level: str,
    fix: bool,
    diff: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    from_stdin: bool,
    stdin_filename: str,
    columns: str,
    jobs: int,
    explain: str | None,
    statistics: bool,
) -> None:
    """Lint canned replies against the tone guide.

    With no PATHS, lints the workspace's replies/ folder. The extension tells the format:

    \b
      .md .markdown .txt  Markdown with front matter: one reply a file, or with
                          `kind: replies` in it one reply a `## ` heading
      .yaml .yml          YAML: `kind: replies`, or a bare list of title/body items
      .json               help-desk exports (Zendesk macros and dynamic content,
                          Gorgias, Freshdesk, Help Scout, Intercom), or a reply
                          library: {"title": "text"}, or {"category": {...}}
      .csv .tsv           a header row; --columns names the title and body

    Each finding is printed as `path:line:col: level [LETTER/rule-id] message`.

    A reply's situation (billing, outage, complaint, security, bereavement, good news)
    changes which rules apply and how strictly: it comes from --situation, the reply's
    `situation:`, its tags, or words in its text.

    \b
    Skip rules in a reply with `sxt-disable: [rule-id]` in its front matter, or in Markdown:
      <!-- sxt-disable rule-id --> ... <!-- sxt-enable -->
      <!-- sxt-disable-next-line rule-id -->

    \b
    Exit codes: 0 clean, 1 findings at --fail-level or above, 2 usage or input error.
    """
    from toolkit.core.diagnostics import at_least, plural
    from toolkit.core.loader import LoadError
    from toolkit.core.workspace import find_root
    from toolkit.lint.engine import Options
    from toolkit.lint.guide import GuideError
    from toolkit.render.diagnostics import Summary, render_chunks

    root = find_root(base)
    guides = _guides(base, root, guide_name)
    guide = guides.default
    if explain is not None:
        echo(_explain(_every_guide(guides), explain))
        return
    if situation is not None and situation not in guide.situations:
        from toolkit.core.suggest import did_you_mean, one_of

        hint = (
            did_you_mean(situation, guide.situations)
            or f"; expected one of {one_of(guide.situations)}"
        )
        raise click.BadParameter(f"unknown situation {situation!r}{hint}", param_hint="--situation")
    every = _every_guide(guides) if select or ignore else [guide]
    options = Options(
        situation=situation,
        select=_names(select, every, "--select"),
        ignore=_names(ignore, every, "--ignore"),
    )
    title_column, _, body_column = columns.partition(",")
    column_names = (title_column.strip(), body_column.strip() or "body")

    from toolkit.lint import runner

    try:
        if from_stdin:
            from toolkit.lint.sources import read_replies_from_text

            report = runner.Report(files=1)
            try:
                replies = read_replies_from_text(
                    sys.stdin.read(), stdin_filename, locale=locale, columns=column_names
                )
            except LoadError as error:
                report.problems += error.diagnostics
            else:
                runner.lint_replies(replies, guides, options, report)
        else:
            files = _files(base, root, paths)
            report = runner.lint_files(
                files,
                guides,
                options,
                locale=locale,
                columns=column_names,
                keep_results=fix or diff,  # the fixes need each reply and its findings
                jobs=jobs or os.cpu_count() or 1,
            )
            if diff:
                raise SystemExit(1 if _show_diff(report, files) else 0)
            if fix:
                echo(f"Fixed {plural(_write_fixes(report, files), 'file')}; linting again.")
                report = runner.lint_files(
                    files, guides, options, locale=locale, columns=column_names
                )

    except GuideError as error:  # a guide for another locale, loaded when first needed
        _broken_guide(error)

    diagnostics = report.diagnostics
    if statistics:
        echo(_statistics(report, guide))
    else:
        details = (
            (_letters_line(report, guide), _replies_line(report, guide))
            if output_format == "text"
            else ()
        )
        summary = Summary(report.files, show_codes=True, details=details)
        for chunk in render_chunks(output_format, diagnostics, summary, color=colour()):
            echo(chunk)
    if any(at_least(d.severity, fail_level) for d in diagnostics):  # type: ignore[arg-type]
        raise SystemExit(1)


def _guides(base: Path, root: Path | None, name: str | None) -> Guides:
    """--guide names one guide for every reply. Without it, the workspace's default guide
    comes first and the other guides beside it serve replies in the locales they cover."""
    from toolkit.lint.guide import GuideError, Guides, guides_beside, load_guide, locate_guide

    path, candidates = locate_guide(name, base, root)
    if path is None:
        looked = ", ".join(map(str, candidates))
        raise click.BadParameter(
            f"no tone guide {name or 'preach'!r} (looked for {looked})", param_hint="--guide"
        )
    try:
        guides = Guides(load_guide(path, base)) if name is not None else guides_beside(path, base)
    except GuideError as error:
        _broken_guide(error)
    _left_out(guides.default)
    return guides


def _left_out(guide: Guide) -> None:
    """What the guide could not take in (a Vale rule RE2 cannot compile), on standard error:
    the run goes on without it, and standard output stays the chosen format."""
    from toolkit.core.diagnostics import printable

    for warning in guide.warnings:
        click.echo(
            f"{printable(warning.location())}: warning {printable(warning.message)}", err=True
        )


def _every_guide(guides: Guides) -> list[Guide]:
    from toolkit.lint.guide import GuideError

    try:
        return guides.every()
    except GuideError as error:
        _broken_guide(error)


def _broken_guide(error: LoadError) -> NoReturn:
    from toolkit.render.diagnostics import Summary, render

    echo(render("text", error.diagnostics, Summary(1, "guide file")))
    raise InputError("a tone guide has errors; fix them first (see `sxt validate tone_guides`)")


def _files(base: Path, root: Path | None, paths: tuple[Path, ...]) -> list[tuple[Path, str]]:
    from toolkit.core.workspace import display_path
    from toolkit.lint.runner import reply_files

    if paths:
        targets = [resolve(base, path) for path in paths]
        missing = [str(p) for p, t in zip(paths, targets, strict=True) if not t.exists()]
        if missing:
            raise click.BadParameter(
                f"no such file or folder: {', '.join(missing)}", param_hint="PATHS"
            )
    elif root is not None:
        targets = [root / "replies"]
    else:
        raise InputError(
            f"{base} is not inside an sxt workspace; name the replies to lint, or run `sxt init`"
        )
    files = [(path, display_path(path, base)) for path in reply_files(targets)]
    if not files:
        from toolkit.lint.runner import REPLY_SUFFIXES

        where = ", ".join(map(str, paths)) if paths else "replies/"
        raise InputError(
            f"no replies in {where} (files ending {', '.join(REPLY_SUFFIXES)}): nothing was linted"
        )
    return files


def _fixes_by_file(report: Report) -> dict[str, dict[str, str]]:
    """display path -> reply key -> the reply's text with its substitutions applied."""
    from toolkit.lint.runner import fixed_text

    fixes: dict[str, dict[str, str]] = {}
    for result in report.results:
        text = fixed_text(result)
        if text is not None:
            fixes.setdefault(result.reply.source, {})[result.reply.key] = text
    return fixes


def _show_diff(report: Report, files: list[tuple[Path, str]]) -> bool:
    """Prints what --fix would change as a unified diff; True when there is anything."""
    import difflib

    from toolkit.core.diagnostics import printable
    from toolkit.lint.sources import FixUnsupported, fixed_source

    paths = {display: path for path, display in files}
    shown = False
    for display, fixed in _fixes_by_file(report).items():
        path = paths[display]
        try:
            after = fixed_source(path, fixed)
        except FixUnsupported as error:
            echo(f"{display}: cannot fix: {error}")
            continue
        before = path.read_bytes().decode("utf-8")  # keep CRLF, as fixed_source does
        diff = difflib.unified_diff(
            before.splitlines(True), after.splitlines(True), f"a/{display}", f"b/{display}"
        )
        echo(printable("".join(diff)).rstrip("\n"))
        shown = True
    return shown


def _write_fixes(report: Report, files: list[tuple[Path, str]]) -> int:
    """Writes every file's fixes atomically; returns how many files changed."""
    from toolkit.lint.sources import FixUnsupported, write_fixes

    paths = {display: path for path, display in files}
    changed = 0
    for display, fixed in _fixes_by_file(report).items():
        try:
            write_fixes(paths[display], fixed)
        except FixUnsupported as error:
            echo(f"{display}: cannot fix: {error}")
            continue
        changed += 1
    return changed


def _replies_line(report: Report, guide: Guide) -> str:
    from toolkit.core.diagnostics import plural

    used = " and ".join(report.guides) or guide.title
    line = f"Linted {plural(report.replies, 'reply')} with {used}."
    if report.skipped_locales:
        locales = sorted(report.skipped_locales)
        skipped = plural(sum(report.skipped_locales.values()), "reply")
        line += f" Skipped {skipped} in {', '.join(locales)}: not a locale of {guide.title}."
    return line


def _letters_line(report: Report, guide: Guide) -> str:
    return "  ".join(
        f"{letter} {name}: {report.by_letter.get(letter, 0)}"
        for letter, (name, _) in guide.letters.items()
    )


def _statistics(report: Report, guide: Guide) -> str:
    from tabulate import tabulate

    rules = [(count, code, level) for (code, level), count in report.by_rule.most_common()]
    letters = [
        (report.by_letter.get(letter, 0), letter, name)
        for letter, (name, _) in guide.letters.items()
    ]
    return (
        tabulate(rules, headers=["findings", "rule", "level"], tablefmt="plain")
        + "\n\n"
        + tabulate(letters, headers=["findings", "letter", "meaning"], tablefmt="plain")
    )


def _explain(guides: list[Guide], rule_id: str) -> str:
    """The rule as the first guide that has it explains it: any rule a run can report."""
    from toolkit.core.suggest import did_you_mean
    from toolkit.lint.guide import explain, find_rule

    for guide in guides:
        rule = find_rule(guide, rule_id)
        if rule is not None:
            return explain(guide, rule)
    titles = " or ".join(guide.title for guide in guides)
    known = [rule for guide in guides for rule in guide.rules]
    raise click.BadParameter(
        f"no rule {rule_id!r} in {titles}{did_you_mean(rule_id, known)}", param_hint="--explain"
    )
