"""md(): user text in a Markdown document or table cell shows exactly as it was typed."""

from __future__ import annotations

from toolkit.render.markdown import md


def test_markup_pipes_tags_and_entities_stay_text() -> None:
    assert md("a | b") == "a \\| b"
    assert md("*bold* [link](x) `code`") == "\\*bold\\* \\[link\\](x) \\`code\\`"
    assert md("<script>") == "&lt;script>"
    assert md("R&D & more") == "R&D & more"  # a lone & cannot start an entity: left readable
    assert md("&amp; &#35;") == "&amp;amp; &amp;#35;"


def test_every_kind_of_line_break_is_one_br_and_controls_are_visible() -> None:
    assert md("one\r\ntwo\rthree\nfour") == "one<br>two<br>three<br>four"
    # printable() writes `\x07`; its backslash is escaped so Markdown shows it as written
    assert md("bell\x07 esc\x1b[31m") == "bell\\\\x07 esc\\\\x1b\\[31m"
