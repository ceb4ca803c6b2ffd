"""sxt's code-point columns against LSP's UTF-16 columns, where they differ and where not."""

from __future__ import annotations

from toolkit.lsp.positions import from_lsp, split_lines, to_lsp, utf16_units


def test_emoji_takes_two_units_hangul_one() -> None:
    assert utf16_units("🙈") == 2
    assert utf16_units("결제") == 2
    assert utf16_units("a🙈b") == 4


def test_a_finding_after_an_emoji_moves_one_unit_right() -> None:
    lines = ["🙈 Kindly revert back"]
    # sxt: "Kindly" starts at column 3 (🙈, space, K); LSP: 🙈 is 2 units, so character 3.
    assert to_lsp(lines, 1, 3) == (0, 3)
    assert "🙈 Kindly"[2] == "K"


def test_hangul_columns_are_the_same_in_both() -> None:
    lines = ["title", "앗, 결제가 또 실패했네 ㅋㅋ 🙈 다음"]
    assert to_lsp(lines, 2, 10) == (1, 9)  # 실패했네: no astral character before it
    assert to_lsp(lines, 2, 20) == (1, 20)  # 다음: after 🙈, one unit further


def test_positions_round_trip() -> None:
    lines = ["🙈🙈 결제 ok"]
    for col in range(1, len(lines[0]) + 2):
        line, character = to_lsp(lines, 1, col)
        assert from_lsp(lines, line, character) == (1, col)


def test_the_second_unit_of_a_pair_is_its_character() -> None:
    assert from_lsp(["🙈x"], 0, 1) == (1, 1)
    assert from_lsp(["🙈x"], 0, 2) == (1, 2)


def test_whole_file_and_out_of_range_positions() -> None:
    assert to_lsp(["abc"], None, None) == (0, 0)
    assert to_lsp(["abc"], 1, 99) == (0, 3)
    assert to_lsp(["abc"], 7, 1) == (0, 0)


def test_line_endings() -> None:
    assert split_lines("a\r\nb\rc\n") == ["a", "b", "c", ""]


def test_other_encodings_a_client_may_choose() -> None:
    lines = ["결🙈x"]
    assert to_lsp(lines, 1, 3, "utf-8") == (0, 7)  # 3 bytes + 4 bytes
    assert to_lsp(lines, 1, 3, "utf-32") == (0, 2)
    assert from_lsp(lines, 0, 7, "utf-8") == (1, 3)
