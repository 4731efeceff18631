"""The 公开时限 parser, on phrasings from real 基层政务公开标准目录 and agencies' catalogs."""

import datetime as dt

import pytest

from sunshine.disclosure.catalog.timelimits import (
    TimeLimit,
    add_months,
    chinese_number,
    event_due,
    parse_time_limit,
    period_dues,
)

EVENT_WD = [
    ("信息形成或变更之日起20个工作日内", 20),
    ("自该信息形成或者变更之日起20个工作日内予以公开", 20),
    ("信息形成或变更之日起二十个工作日内", 20),
    ("信息形成（变更）之日起 20 个工作日内", 20),
    ("信息形成或变更之日起２０个工作日内", 20),
    ("项目批准后7个工作日内", 7),
    ("结果确定后五个工作日内公示", 5),
    ("收到申请之日起两个工作日内", 2),
    ("受理之日起20日内作出决定，决定作出后7个工作日内公开", 7),
    ("20个工作日内公开，特殊情况可延长15日", 20),
    ("实时", 1),
    ("实时更新", 1),
    ("即时公开", 1),
]
EVENT_DAYS = [
    ("自作出行政处罚决定之日起7日内", "days", 7),
    ("预算经本级人大批准后20日内", "days", 20),
    ("本级政府年度预算经人大批准后20日内公开", "days", 20),
    ("合同签订之日起十五日内", "days", 15),
    ("公示期满后3天内", "days", 3),
    ("三十个自然日内", "days", 30),
    ("事故发生后24小时内", "days", 1),
    ("36小时内", "days", 2),
    ("一周内", "days", 7),
    ("信息形成之日起1个月内", "months", 1),
    ("信息形成之日起三个月内", "months", 3),
]
YEARLY = [
    ("每年3月底前", 3, 31),
    ("每年3月31日前", 3, 31),
    ("每年1月31日前", 1, 31),
    ("于每年6月30日前公开", 6, 30),
    ("次年3月31日前", 3, 31),
    ("每年一季度", 3, 31),
    ("每年第一季度公开上年度执行情况", 3, 31),
    ("每年6月底前公开上半年情况", 6, 31),
    ("每年上半年", 6, 31),
    ("每年12月中旬前", 12, 20),
    ("每年更新", 12, 31),
    ("每年2月30日前", 2, 31),
]
NONE = [
    "",
    "   ",
    "及时公开",
    "长期公开",
    "常态化公开",
    "按照有关规定执行",
    "动态调整",
    "2026年3月31日前",
    "常年公开",
]


@pytest.mark.parametrize(("text", "length"), EVENT_WD)
def test_event_working_days(text, length):
    assert parse_time_limit(text) == TimeLimit(kind="event", unit="wd", length=length)


@pytest.mark.parametrize(("text", "unit", "length"), EVENT_DAYS)
def test_event_calendar_days_and_months(text, unit, length):
    assert parse_time_limit(text) == TimeLimit(kind="event", unit=unit, length=length)


@pytest.mark.parametrize(("text", "month", "day"), YEARLY)
def test_yearly_by_a_date(text, month, day):
    limit = parse_time_limit(text)
    assert (limit.kind, limit.month, limit.day, limit.length) == ("yearly", month, day, None)


def test_yearly_with_an_offset_after_the_year():
    limit = parse_time_limit("每年度结束后20个工作日内")
    assert limit == TimeLimit(kind="yearly", unit="wd", length=20, month=12, day=31)
    assert limit.describe() == "每年度结束后20个工作日内"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("每季度结束后15日内", TimeLimit(kind="quarterly", unit="days", length=15)),
        ("按季度公开", TimeLimit(kind="quarterly")),
        ("每季度终了后10个工作日内", TimeLimit(kind="quarterly", unit="wd", length=10)),
        ("每半年更新一次", TimeLimit(kind="half_yearly")),
        ("每月10日前", TimeLimit(kind="monthly", day=10)),
        ("每月月底前", TimeLimit(kind="monthly")),
        ("按月公开", TimeLimit(kind="monthly")),
        ("次月5日前", TimeLimit(kind="monthly", unit="days", length=5)),
        ("每月结束后5个工作日内", TimeLimit(kind="monthly", unit="wd", length=5)),
        # the shortest period named wins
        ("每年3月底前公开年度计划，每季度更新", TimeLimit(kind="quarterly")),
    ],
)
def test_other_periods(text, expected):
    assert parse_time_limit(text) == expected


@pytest.mark.parametrize("text", NONE)
def test_texts_without_a_rule(text):
    assert parse_time_limit(text) == TimeLimit()
    assert not parse_time_limit(text).is_event and not parse_time_limit(text).is_periodic


@pytest.mark.parametrize(
    ("text", "value"),
    [("十", 10), ("十五", 15), ("二十", 20), ("二十五", 25), ("两", 2), ("一百二十", 120)],
)
def test_chinese_numbers(text, value):
    assert chinese_number(text) == value


def test_descriptions():
    assert parse_time_limit("信息形成或变更之日起20个工作日内").describe() == (
        "信息形成或变更后20个工作日内"
    )
    assert parse_time_limit("每年3月底前").describe() == "每年3月底前"
    assert parse_time_limit("每年6月30日前").describe() == "每年6月30日前"
    assert parse_time_limit("每月10日前").describe() == "每月10日前"
    assert parse_time_limit("每季度结束后15日内").describe() == "每季度结束后15日内"
    assert parse_time_limit("按季度").describe() == "每季度末前"
    assert "未识别" in parse_time_limit("及时").describe()


def _weekdays(start: dt.date, n: int) -> dt.date:
    day = start
    while n:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def test_due_dates():
    limit = parse_time_limit("20个工作日内")
    assert event_due(limit, dt.date(2026, 1, 5), _weekdays) == dt.date(2026, 2, 2)
    assert event_due(parse_time_limit("1个月内"), dt.date(2026, 1, 31), _weekdays) == dt.date(
        2026, 2, 28
    )
    yearly = period_dues(parse_time_limit("每年3月底前"), range(2025, 2027), _weekdays)
    assert yearly == [("2025", dt.date(2025, 3, 31)), ("2026", dt.date(2026, 3, 31))]
    quarterly = period_dues(parse_time_limit("每季度结束后15日内"), range(2026, 2027), _weekdays)
    assert quarterly[0] == ("2026-Q1", dt.date(2026, 4, 15))
    assert quarterly[-1] == ("2026-Q4", dt.date(2027, 1, 15))
    monthly = period_dues(parse_time_limit("每月31日前"), range(2026, 2027), _weekdays)
    assert monthly[1] == ("2026-02", dt.date(2026, 2, 28))
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
