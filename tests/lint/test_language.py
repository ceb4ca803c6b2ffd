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
        # Placeholders, links and product names are ASCII in any language: a Thai macro
        # with a few of them was called English, and linted with English rules.
        ("สวัสดีค่ะ {{ticket.requester.first_name}}\n\nขอบคุณที่ติดต่อเรา", "th"),
        (
            "สวัสดีค่ะ คุณ {{ticket.requester.first_name}} ขอบคุณที่ติดต่อ Netflix Premium ค่ะ "
            "ดูที่ https://help.example.com/th/articles/refund-policy",
            "th",
        ),
        ("เรียน {%customer.firstName,fallback=ลูกค้า%} ทีม Customer Support ได้รับคำขอแล้ว", "th"),
        ("Hi Sam, the 김민준 account and the 田中 one are merged, see support@x.example.", None),
        ("🙈🙈🙈", None),
        ("", None),
    ],
)
def test_the_script_tells_the_language(text: str, language: str | None) -> None:
    assert guess_language(text) == language
