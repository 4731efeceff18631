import datetime as dt

import pytest
from django.test import override_settings

from sunshine.kernel import clock
from sunshine.kernel.moderation.checks import (
    check_text,
    contains_markup,
    find_sensitive_words,
    record_post,
    sensitive_words,
)
from sunshine.testing.factories import CitizenFactory

PLAIN = "建议第十二条增加对网约车平台的数据报送要求，并明确处罚标准。"


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "请看 <a href='x'>这里</a>",
        "换行<br/>了",
        "＜script＞alert(1)＜/script＞",
        "<img src=x onerror=alert(1)>",
        "<!-- 注释 -->",
        "点此 javascript:alert(1)",
    ],
)
def test_markup_is_found(text):
    assert contains_markup(text)
    result = check_text(text)
    assert not result.ok and result.has_markup
    assert any("HTML" in r for r in result.reasons)


@pytest.mark.parametrize(
    "text",
    [
        PLAIN,
        "收费标准应 < 5元，且 > 2元",
        "第(一)项",
        "a<b 时不适用",
        "《办法》第三条",
        "邮箱 a@b.cn",
    ],
)
def test_plain_text_is_not_markup(text):
    assert not contains_markup(text)


def test_sensitive_words_named_and_evasion_caught():
    result = check_text("这个规定真是傻 逼，还有代 开 发 票找我")
    assert not result.ok
    assert result.sensitive_words == ["傻逼", "代开发票"] or set(result.sensitive_words) == {
        "傻逼",
        "代开发票",
    }
    assert "傻逼" in result.reasons[0] and "代开发票" in result.reasons[0]
    assert not result.is_spam


def test_full_width_and_case_are_normalised():
    assert find_sensitive_words("加Ｖ领取优惠") == ["加v领取"]


def test_legitimate_topics_pass():
    assert check_text("建议加大打击网络赌博和毒品犯罪的力度。").ok


def test_words_configurable_by_settings(tmp_path):
    wordlist = tmp_path / "words.txt"
    wordlist.write_text("# comment\n黄牛党\n", encoding="utf-8")
    with override_settings(
        MODERATION_WORDLIST_FILES=[wordlist], MODERATION_SENSITIVE_WORDS=["倒卖号源"]
    ):
        assert sensitive_words() == ["倒卖号源", "黄牛党"] or set(sensitive_words()) == {
            "黄牛党",
            "倒卖号源",
        }
        assert check_text("医院门口有黄牛党倒卖号源").sensitive_words
        assert check_text("傻逼").ok  # the default file is replaced
    with override_settings(MODERATION_ALLOWED_WORDS=["脑残"]):
        assert "脑残" not in sensitive_words()
        assert check_text("脑残粉").ok
    assert not check_text("脑残粉").ok


def test_link_flood_is_spam():
    text = "优惠 http://a.example.com http://b.example.com www.c.com"
    result = check_text(text)
    assert result.is_spam and "links" in result.spam_signals
    assert check_text("详见 https://www.gd.gov.cn/zwgk/ 和 www.gdjt.gov.cn").ok


@pytest.mark.parametrize(
    "text",
    [
        "顶顶顶顶顶顶顶顶顶",
        "!!!!!!!!!!!!",
        "哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈哈",
        "abcabcabcabcabcabcabcabc",
    ],
)
def test_repeated_characters_are_spam(text):
    result = check_text(text)
    assert result.is_spam and "repeat" in result.spam_signals


def test_normal_repetition_passes():
    assert check_text("好好学习，天天向上……谢谢谢谢！").ok
    assert check_text("电话13800000000，预算100000000元。").ok


def test_duplicate_from_same_author_within_window(db, django_capture_on_commit_callbacks):
    author = CitizenFactory()
    other = CitizenFactory()
    with clock.frozen(dt.datetime(2026, 11, 2, 10, 0)):
        with django_capture_on_commit_callbacks(execute=True):
            assert check_text(PLAIN, author=author, kind="consultation_comment").ok
        dup = check_text(PLAIN + " ", author=author, kind="consultation_comment")
        assert not dup.ok and dup.spam_signals == ["duplicate"]
        assert check_text(PLAIN, author=other, kind="consultation_comment").ok
        assert check_text(PLAIN, author=author, kind="message").ok  # another kind of post
    with clock.frozen(dt.datetime(2026, 11, 2, 10, 31)):
        assert check_text(PLAIN, author=author, kind="consultation_comment").ok


def test_refused_or_uncommitted_text_is_not_remembered(db, django_capture_on_commit_callbacks):
    author = CitizenFactory()
    with django_capture_on_commit_callbacks(execute=False):
        assert check_text(PLAIN, author=author, kind="x").ok  # rolled back: never committed
    assert check_text(PLAIN, author=author, kind="x").ok
    assert check_text(PLAIN, author=author, kind="x", record=False).ok


@override_settings(MODERATION_MAX_POSTS_PER_HOUR=3)
def test_rate_limit_per_hour(db):
    author = CitizenFactory()
    with clock.frozen(dt.datetime(2026, 11, 2, 10, 0)):
        for i in range(3):
            record_post(f"第{i}条意见", author=author, kind="c")
        result = check_text("第四条意见", author=author, kind="c")
        assert not result.ok and "rate" in result.spam_signals
        assert "3" in result.reasons[0]
    with clock.frozen(dt.datetime(2026, 11, 2, 11, 1)):
        assert check_text("第四条意见", author=author, kind="c").ok


def test_max_length_and_as_dict():
    result = check_text("字" * 11, max_length=10)
    assert not result.ok and "最多10个字" in result.reasons[0]
    assert result.as_dict()["ok"] is False
