"""Korean replies: tone lives in the speech level, and words carry particles and endings."""

from __future__ import annotations

import pytest

from toolkit.core.content import shipped_root
from toolkit.core.loader import Position
from toolkit.lint.engine import Options, lint
from toolkit.lint.guide import Guide, Guides, load_guide
from toolkit.lint.model import Reply, line_locator


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(shipped_root() / "tone_guides" / "preach-ko.yaml", shipped_root())


def reply(text: str, **fields: object) -> Reply:
    return Reply("r.md", "r", "답변", text, line_locator(text, 1), locale="ko", **fields)  # type: ignore[arg-type]


def found(guide: Guide, text: str, situation: str | None = None) -> list[tuple[str, str]]:
    result = lint(reply(text), guide, Options(situation=situation))
    return [(f.rule.id, text[f.start : f.end]) for f in result.findings]


@pytest.mark.parametrize(
    ("text", "casual"),
    [
        ("결제가 실패했어. 확인해 주세요.", ["실패했어"]),
        (
            "이거 맞아? 다시 해볼래?",
            ["맞아", "해볼래"],
        ),  # questions end in ? and are still sentences
        ("처리했다. 이제 돼.", ["처리했다"]),
        ("결제가 실패했습니다. 확인해 주세요.", []),
        ("확인했어요! 감사합니다.", []),
        ("정말 기쁘네요 ㅎㅎ", []),  # laughter after a polite ending does not hide it
        ("정말 기쁘네 ㅎㅎ", ["기쁘네"]),
    ],
)
def test_casual_register_is_flagged_polite_is_not(
    guide: Guide, text: str, casual: list[str]
) -> None:
    result = lint(reply(text), guide, Options(select=frozenset({"casual-register"})))
    assert [text[f.start : f.end] for f in result.findings] == casual


def test_curt_imperatives(guide: Guide) -> None:
    result = lint(
        reply("카드를 다시 등록해라. 그건 하지 마."),
        guide,
        Options(select=frozenset({"curt-imperative"})),
    )
    assert [f.message.split('"')[1] for f in result.findings] == ["등록해라", "마"]
    polite = lint(
        reply("카드를 다시 등록해 주세요."), guide, Options(select=frozenset({"curt-imperative"}))
    )
    assert polite.findings == []


def test_phrases_match_at_the_start_of_a_word_with_particles(guide: Guide) -> None:
    # 결제가 = 결제 + 가: the billing trigger word still detects the situation
    assert lint(reply("결제가 완료되었습니다."), guide).situations == ("billing",)
    assert lint(reply("구독료 안내입니다."), guide).situations == ("billing",)  # 구독료 = 구독 + 료
    assert lint(reply("배송 안내입니다."), guide).situations == ()
    sorry = lint(
        reply("불편을 드려 죄송합니다."), guide, Options(select=frozenset({"apology-next-step"}))
    )
    assert [f.rule.id for f in sorry.findings] == ["apology-next-step"]


def test_the_situation_example_in_korean(guide: Guide) -> None:
    text = "앗, 결제가 실패했어요! 🙈"
    billing = {
        (rule, level)
        for rule, level in [
            (f.rule.id, f.level)
            for f in lint(reply(text), guide, Options(situation="billing")).findings
        ]
    }
    assert {("playful-words", "error"), ("emoji-sensitive", "error")} <= billing
    assert lint(reply(text), guide, Options(situation="good-news")).findings == []


def test_columns_count_characters(guide: Guide) -> None:
    text = "안녕하세요 고객님,\n결제가 실패했어."
    (finding,) = lint(reply(text), guide, Options(select=frozenset({"casual-register"}))).findings
    assert reply(text).locate(finding.start) == Position(2, 5)


def test_replies_go_to_the_guide_of_their_locale(guide: Guide) -> None:
    english = load_guide(shipped_root() / "tone_guides" / "preach.yaml", shipped_root())
    guides = Guides(english, [shipped_root() / "tone_guides" / "preach-ko.yaml"], shipped_root())
    assert guides.for_locale("en-US") is english
    assert (
        guides.for_locale("ko") is not None and guides.for_locale("ko").title == "PREACH (한국어)"
    )  # type: ignore[union-attr]
    assert guides.for_locale("ja") is None
