"""Telling a reply's language from its script (toolkit.lint.language)."""

from __future__ import annotations

import pytest

from toolkit.lint.language import guess_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Hello, your refund is on its way.", None),
        ("Grüß Gott, Ihre Rückerstattung ist unterwegs.", None),  # Latin: not told apart
        ("안녕하세요, 환불이 진행 중입니다.", "ko"),
        ("สวัสดีค่ะ ขอบคุณค่ะ", "th"),
        ("お問い合わせありがとうございます。確認いたします。", "ja"),
        ("您好 您的退款正在处理中。", "zh"),
        ("Здравствуйте, ваш возврат в пути.", "ru"),
        ("مرحبا، استردادك في الطريق", "ar"),
        ("Hello 김민준, your refund is on its way.", None),  # a name does not make it Korean
        ("🙈🙈🙈", None),
        ("", None),
    ],
)
def test_the_script_tells_the_language(text: str, language: str | None) -> None:
    assert guess_language(text) == language
