"""The HTML audit report: self-contained, every typed character escaped, and a page a real
browser renders without running anything."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import time
from pathlib import Path

import pytest
from chromium import dump_dom, needs_chromium, screenshot
from html_checks import BREAKOUT, FORBIDDEN, PWN_ATTRIBUTE, PWN_TITLE, SCRIPT, parsed

from toolkit.audit.history import trend
from toolkit.audit.html import TREND_COLUMNS, report_html
from toolkit.audit.model import Checklist, Quarter, audit_from, checklist_from
from toolkit.audit.scoring import AuditScore, score
from toolkit.core.content import shipped_root
from toolkit.core.loader import load_file

TODAY = dt.date(2026, 11, 23)
CULTURE = "Culture <b>first</b> & always"


@pytest.fixture(scope="module")
def checklist() -> Checklist:
    """The shipped checklist, with hostile text in the checklist title and the first item's
    title: people edit checklists too."""
    shipped = checklist_from(
        "ten-point", load_file(shipped_root() / "checklists" / "ten-point.yaml").data
    )
    first, *rest = shipped.items
    return dataclasses.replace(
        shipped,
        title=f"Ten-point {BREAKOUT}",
        items=(dataclasses.replace(first, title=CULTURE), *rest),
    )


def audit(checklist: Checklist, quarter: str, items: dict, **extra: object) -> AuditScore:
    data = {"quarter": quarter, "checklist": "ten-point", "items": items, **extra}
    return score(audit_from(data), checklist, TODAY)


@pytest.fixture(scope="module")
def q3(checklist: Checklist) -> AuditScore:
    return audit(
        checklist,
        "2026-Q3",
        {
            "culture": {
                "level": 1,
                "actions": [{"title": "Leaders in the inbox", "status": "open"}],
            },
            "platform": {"level": 1},
        },
        date="2026-09-20",
    )


@pytest.fixture(scope="module")
def q4(checklist: Checklist) -> AuditScore:
    return audit(
        checklist,
        "2026-Q4",
        {
            "culture": {
                "level": 2,
                "owner": BREAKOUT,
                "notes": f"{PWN_TITLE}\nsecond line",
                "evidence": [
                    {"link": 'https://wiki.example.com/okrs?q=1&x="y"', "date": "2026-10-02"},
                    {"link": "javascript:alert(1)"},
                    {"link": " JavaScript:alert(3)"},
                    {"link": f"data:text/html,{SCRIPT}"},
                    {"note": PWN_ATTRIBUTE},
                    {"path": f"docs/{SCRIPT}.md"},
                    {"note": "staff survey", "date": "2026-07-20", "carried_from": "2026-Q3"},
                ],
                "actions": [
                    {
                        "title": "Leaders in the inbox",
                        "owner": BREAKOUT,
                        "due": "2026-11-01",
                        "status": "open",
                        "carried_from": "2026-Q3",
                    },
                    {"title": f"Metric {SCRIPT}", "due": "2027-01-15", "status": "open"},
                    {"title": "Write the charter", "due": "2026-10-01", "status": "done"},
                ],
            },
            "platform": {"level": 3},
            "easy-contact": {"level": "na", "reason": f"one channel {SCRIPT}"},
            "agent-tools": {"level": "inconclusive"},
            "customer-voice": {
                "level": "waived",
                "waiver": {"justification": f"vendor change {BREAKOUT}", "expires": "2027-02-01"},
            },
            "proactive": {"level": 0},
        },
        date="2026-11-20",
        auditor=SCRIPT,
    )


@pytest.fixture(scope="module")
def page(q3: AuditScore, q4: AuditScore) -> str:
    return report_html(q4, q3, trend([q3, q4]), TODAY)


def section(page: str, name: str) -> str:
    start = page.index(f'<h2 id="{name}">')
    return page[start : page.find("</section>", start)]


def test_every_piece_of_user_text_is_escaped(page: str) -> None:
    lowered = page.lower()
    assert "<script" not in lowered
    assert "<img" not in lowered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # auditor, reason, action, path
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page  # owner, waiver, title
    assert "Culture &lt;b&gt;first&lt;/b&gt; &amp; always" in page
    assert "<b>" not in page
    text = "".join(parsed(page).text)
    assert SCRIPT in text and BREAKOUT in text and PWN_TITLE in text  # shown, as text


def test_only_http_links_become_links(page: str) -> None:
    hrefs = [attrs["href"] for tag, attrs in parsed(page).tags if tag == "a"]
    assert 'https://wiki.example.com/okrs?q=1&x="y"' in hrefs  # quotes escaped in the attribute
    assert all(href and re.match(r"https?://|#item-", href) for href in hrefs), hrefs
    assert 'href="javascript' not in page.lower() and 'href="data' not in page.lower()
    assert "javascript:alert(1)" in page and "JavaScript:alert(3)" in page  # as text
    assert 'rel="noopener noreferrer"' in page


def test_self_contained_and_script_free(page: str) -> None:
    tags = parsed(page)
    assert {tag for tag, _ in tags.tags} & FORBIDDEN == set()
    attributes = {name for _, attrs in tags.tags for name in attrs}
    assert not [name for name in attributes if name.startswith("on")]
    assert "src" not in attributes
    assert "url(" not in page and "@import" not in page and "@font-face" not in page
    assert not re.search(r"""(src|href)=["']?//""", page)
    assert not re.search(r"<link|src=[\"']?https?:", page, re.IGNORECASE)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    # The SVG namespace is a name, not something fetched; nothing else points off the page.
    elsewhere = set(re.findall(r"https?://[^\s\"'<>]+", page)) - {"http://www.w3.org/2000/svg"}
    assert elsewhere == {"https://wiki.example.com/okrs?q=1&amp;x=&quot;y&quot;"}


def test_well_formed_and_accessible(page: str) -> None:
    tags = parsed(page)
    assert tags.problems == [] and tags.stack == []
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    names = [tag for tag, _ in tags.tags]
    assert names.count("h1") == 1 and names.count("main") == 1 and names.count("title") >= 1
    headings = re.findall(r'<h2 id="([a-z]+)">', page)
    assert headings == ["summary", "changes", "warnings", "items", "trend"]
    assert names.count("h3") == 10  # one per checklist item
    assert all(attrs.get("scope") in ("col", "row") for tag, attrs in tags.tags if tag == "th")
    assert all(
        attrs.get("role") == "img" and (attrs.get("aria-label") or attrs.get("aria-labelledby"))
        for tag, attrs in tags.tags
        if tag == "svg"
    )
    assert "@media print" in page


def test_summary_figures_are_the_hand_computed_ones(page: str) -> None:
    summary = section(page, "summary")
    # (2 + 3 + 0) / 3 scored items; na, inconclusive and waived are not zeros.
    assert '<span class="value">1.67 / 4</span>' in summary
    assert "42% of leading" in summary
    # culture, platform, proactive scored, easy-contact na, customer-voice waived: 5 of 10.
    assert '<span class="value">50%</span>' in summary and "5 of 10 items answered" in summary
    assert '<span class="value">2</span>' in summary
    assert "1 foundations first, 1 overdue action" in summary
    # Like for like: culture and platform were scored in both, 1.0 in 2026-Q3 and
    # (2 + 3) / 2 = 2.5 now: +1.50. Proactive entered the scoring with a 0.
    assert '<span class="value">+1.50</span>' in summary
    assert "index since 2026-Q3, on the 2 items scored in both; entered: proactive" in summary
    header = page[: page.index('<h2 id="summary">')]
    assert "2026-Q4" in header and "2026-11-20" in header and "2026-11-23" in header
    assert "Ten-point &quot;&gt;&lt;img" in header


def test_items_show_level_descriptor_state_evidence_and_actions(
    page: str, checklist: Checklist
) -> None:
    items = section(page, "items")
    culture = items[: items.index('id="item-platform"')]
    assert "Level 2 · Defined" in culture
    assert checklist.items[0].levels[2].replace("'", "&#x27;").replace('"', "&quot;") in culture
    assert '<span class="tag carried">carried from 2026-Q3</span>' in culture
    overdue = re.findall(r'<tr class="overdue">(.*?)</tr>', items)
    assert len(overdue) == 1 and "Leaders in the inbox" in overdue[0]
    assert "overdue" in overdue[0]  # said in words, not only in colour
    assert "Not applicable:</strong> one channel &lt;script&gt;" in items
    assert "Waived until 2027-02-01</strong>: vendor change &quot;&gt;" in items
    assert "Inconclusive:</strong>" in items
    assert items.count("Not assessed yet.") == 4
    assert "build the foundation first" in items  # the warning, beside its item


def test_overdue_is_relative_to_the_day_the_report_is_made(q3, q4) -> None:
    before_due = report_html(q4, q3, trend([q3, q4]), dt.date(2026, 10, 15))
    assert 'class="overdue"' not in before_due


def test_a_past_quarter_is_judged_on_its_last_day_like_its_warnings(
    checklist: Checklist,
) -> None:
    actions = [
        {"title": "Due inside the quarter", "due": "2026-09-15", "status": "open"},
        {"title": "Due after the quarter", "due": "2026-10-15", "status": "open"},
    ]
    past = audit(checklist, "2026-Q3", {"culture": {"level": 1, "actions": actions}})
    page = report_html(past, None, trend([past]), TODAY)
    overdue = re.findall(r'<tr class="overdue">(.*?)</tr>', page)
    assert len(overdue) == 1 and "Due inside the quarter" in overdue[0]
    assert [w.code for w in past.warnings].count("overdue") == len(overdue)
    assert "<dt>Due dates judged on</dt><dd>2026-09-30</dd>" in page


def test_changes_warnings_and_trend(page: str, checklist: Checklist) -> None:
    changes = section(page, "changes")
    assert "Changes since 2026-Q3" in changes
    for item in ("Culture &lt;b&gt;", "Use a customer-service platform", "Solve problems"):
        assert item in changes
    assert "1 -&gt; 3" in changes and '<span class="up" title="up 2">+2</span>' in changes
    warnings = section(page, "warnings")
    assert warnings.count("<tr><td>") == 2
    assert "platform is at 3 while culture is at 2: build the foundation first" in warnings
    assert "was due 2026-11-01" in warnings and "&quot;&gt;&lt;img" in warnings
    history = section(page, "trend")
    assert ">2026-Q3</th>" in history and ">2026-Q4</th>" in history
    assert history.count("<svg") == len(checklist.items)
    assert 'Maturity index (0-4)</th><td class="n">1.00</td><td class="n">1.67</td>' in history


def test_first_audit_and_nothing_scored(checklist: Checklist) -> None:
    empty = audit(checklist, "2026-Q4", {})
    page = report_html(empty, None, trend([empty]), TODAY)
    assert "there is no earlier quarter to compare with" in page
    assert '<span class="value">not scored</span>' in page and "no earlier audit" in page
    assert "No warnings" in page and "not named" in page and "not dated" in page
    tags = parsed(page)
    assert tags.problems == [] and tags.stack == []


def test_the_trend_stops_at_the_reported_quarter_and_shows_the_last_columns(
    checklist: Checklist,
) -> None:
    quarters = [Quarter(2024, 1)]
    while len(quarters) < 12:
        quarters.append(quarters[-1].next())
    scores = [
        audit(checklist, str(q), {"culture": {"level": min(i // 3, 4)}})
        for i, q in enumerate(quarters)
    ]
    current, previous = scores[-2], scores[-3]  # 2026-Q3, reported while 2026-Q4 exists
    page = report_html(current, previous, trend(scores), TODAY)
    assert "2026-Q4" not in page
    history = section(page, "trend")
    shown = re.findall(r'<th scope="col" class="n">(\d{4}-Q\d)</th>', history)
    assert shown == [str(q) for q in quarters[11 - TREND_COLUMNS : 11]]
    assert f"the last {TREND_COLUMNS} of 11 quarters" in history
    assert "2024-Q1 0.0" in page  # the index chart still covers every quarter


# --- a real browser ---------------------------------------------------------------------------


@needs_chromium
def test_chromium_renders_the_report_and_runs_nothing(page: str, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    report.write_text(page, encoding="utf-8")
    started = time.perf_counter()
    dom = dump_dom(report, tmp_path)
    assert '<span class="value">1.67 / 4</span>' in dom
    assert "Use a customer-service platform you can customise" in dom
    assert "Culture &lt;b&gt;first&lt;/b&gt; &amp; always" in dom
    # The hostile text reached the page as text; none of it became an element or ran.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom
    assert "<script" not in dom.lower() and "<img" not in dom.lower()
    assert "<title>pwned</title>" not in dom and 'data-pwned="1"' not in dom

    data = screenshot(report, tmp_path, 1200, 2400)
    elapsed = time.perf_counter() - started
    assert len(data) > 50_000, "a blank page compresses to a few kB; a report does not"
    print(f"chromium: dump-dom and screenshot in {elapsed:.1f} s")


def test_versions_from_git_are_told_apart_by_their_dates(checklist: Checklist) -> None:
    first = audit(checklist, "2026-Q4", {"culture": {"level": 1}})
    second = audit(checklist, "2026-Q4", {"culture": {"level": 2}})
    later = audit(checklist, "2027-Q1", {"culture": {"level": 3}})
    dates = [dt.date(2026, 10, 5), dt.date(2026, 11, 20), dt.date(2027, 1, 10)]
    page = report_html(second, None, trend([first, second, later], dates), TODAY)
    assert "2027-" not in page  # the later quarter and its date are left out together
    history = section(page, "trend")
    assert '2026-Q4<br><span class="when">2026-10-05</span>' in history
    assert '2026-Q4<br><span class="when">2026-11-20</span>' in history
