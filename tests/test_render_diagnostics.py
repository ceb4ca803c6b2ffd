"""Every diagnostics format keeps a user's text (a file name, a tone guide's letter in a
rule's code, a message) from reaching a terminal, a CI log or an XML parser raw."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from toolkit.core.diagnostics import Diagnostic
from toolkit.render.diagnostics import Summary, render

# A tone guide's letter may be any three non-space characters, ESC among them: the code of
# each of its rules starts with it.
ESC_CODE = Diagnostic("replies/\x1b[2Jx.md", 3, 1, "error", "\x1b/rule", "Uh oh")


def test_text_escapes_the_code_as_well_as_the_place_and_message() -> None:
    output = render("text", [ESC_CODE], Summary(files=1, show_codes=True))
    assert "\x1b" not in output
    assert output.splitlines()[0] == "replies/\\x1b[2Jx.md:3:1: error [\\x1b/rule] Uh oh"


def test_junit_is_well_formed_xml_whatever_the_file_name_and_code() -> None:
    output = render("junit", [ESC_CODE], Summary(files=1))
    assert "\x1b" not in output
    case = ET.fromstring(output).find("testsuite/testcase")
    assert case is not None and case.get("name") == "replies/\\x1b[2Jx.md"
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "error \\x1b/rule"
