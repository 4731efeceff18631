"""Digests at the subscriber's hour (Asia/Shanghai), quiet hours, saved searches, bounces —
the fan-out called directly, times set by hand."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command

from sunshine.kernel import clock
from sunshine.kernel.notify import bounces
from sunshine.kernel.notify.delivery import deliver
from sunshine.kernel.notify.digests import build_digests
from sunshine.kernel.notify.follow import follow, read_follow_token, search_follow_token
from sunshine.kernel.notify.models import Delivery, DigestEntry, MailAddress, Publication
from sunshine.kernel.notify.publish import fan_out_now
from sunshine.kernel.notify.quiet import SHANGHAI
from sunshine.testing.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def at(*args):
    return dt.datetime(*args, tzinfo=SHANGHAI)


def publish(item, title, topics, **facets):
    pub = Publication.objects.create(
        item=item,
        title=title,
        topics=[item, *topics],
        url=f"/{item}/",
        facets={"text": title, **facets},
        created_at=clock.now(),
    )
    return fan_out_now(pub.pk)


def test_a_daily_digest_lists_the_new_items_grouped_at_the_chosen_hour(settings):
    settings.NOTIFY_QUIET_HOURS = None
    citizen = CitizenFactory(email="li@example.cn")
    with clock.frozen(at(2026, 12, 1, 9, 0)):
        a = follow(user=citizen, topic="column.zcwj", label="政策文件", frequency="daily")
        b = follow(user=citizen, topic="agency.5", label="省教育厅", frequency="daily")
        for s in (a, b):
            s.digest_hour = 18
            s.save()
    with clock.frozen(at(2026, 12, 1, 10, 0)):
        publish("record.1", "关于职业教育的意见", ["column.zcwj", "agency.5"])
        publish("record.2", "关于乡村振兴的通知", ["column.zcwj"])
        publish("interpretation.3", "解读：职业教育", ["agency.5"])
    assert DigestEntry.objects.count() == 3  # record.1 once: one entry per recipient and item
    assert not Delivery.objects.exists()
    with clock.frozen(at(2026, 12, 1, 17, 59)):
        assert build_digests()["digests"] == 0
    with clock.frozen(at(2026, 12, 1, 18, 0)):
        assert build_digests()["digests"] == 1
        assert build_digests()["digests"] == 0  # the same slot again: nothing
    digest = Delivery.objects.get()
    assert digest.address == "li@example.cn" and "3条新信息" in digest.subject
    assert digest.body.count("关于职业教育的意见") == 1  # followed twice, listed once
    assert "【政策文件】" in digest.body and "<h2" in digest.html_body
    with clock.frozen(at(2026, 12, 2, 18, 0)):
        assert build_digests()["digests"] == 0  # nothing new since
        publish("record.4", "新文件", ["column.zcwj"])
    with clock.frozen(at(2026, 12, 3, 18, 0)):
        assert build_digests()["digests"] == 1


def test_a_weekly_digest_waits_for_its_weekday(settings):
    citizen = CitizenFactory(email="zhou@example.cn")
    with clock.frozen(at(2026, 12, 1, 9, 0)):  # a Tuesday
        sub = follow(user=citizen, topic="column.gb", label="政府公报", frequency="weekly")
        sub.digest_hour, sub.digest_weekday = 8, 4  # Friday 08:00
        sub.save()
        publish("gazette.1", "政府公报2026年第23期", ["column.gb"])
    with clock.frozen(at(2026, 12, 3, 8, 0)):
        assert build_digests()["digests"] == 0
    with clock.frozen(at(2026, 12, 4, 8, 0)):
        assert build_digests()["digests"] == 1


def test_quiet_hours_hold_an_immediate_email_until_seven(settings):
    settings.NOTIFY_QUIET_HOURS = (22, 7)
    citizen = CitizenFactory(email="night@example.cn")
    follow(user=citizen, topic="column.zcwj", label="政策文件")
    with clock.frozen(at(2026, 12, 1, 23, 30)):
        publish("record.9", "深夜发布的文件", ["column.zcwj"])
        delivery = Delivery.objects.get()
        assert delivery.send_after == at(2026, 12, 2, 7, 0)
        assert deliver(delivery.pk) == "held"
    with clock.frozen(at(2026, 12, 2, 6, 0)):
        publish("record.10", "清晨发布的文件", ["column.zcwj"])
        assert Delivery.objects.get(item="record.10").send_after == at(2026, 12, 2, 7, 0)
    with clock.frozen(at(2026, 12, 2, 12, 0)):
        publish("record.11", "中午发布的文件", ["column.zcwj"])
        assert Delivery.objects.get(item="record.11").send_after is None


def test_a_saved_search_matches_keywords_and_filters(settings):
    citizen = CitizenFactory(email="s@example.cn")
    topic, label, filters = read_follow_token(
        search_follow_token({"q": "职业教育", "column": "zcwj", "agency": ""}, "检索：职业教育")
    )
    follow(user=citizen, topic=topic, label=label, filters=filters)
    publish("record.1", "关于职业教育的意见", ["column.zcwj"], column="zcwj")
    publish("record.2", "关于乡村振兴的通知", ["column.zcwj"], column="zcwj")
    publish("interpretation.3", "职业教育解读", ["column.zcjd"], column="zcjd")
    assert list(Delivery.objects.values_list("item", flat=True)) == ["record.1"]


DSN = (Path(__file__).parent / "data" / "dsn-hard.eml").read_bytes()


def test_three_hard_bounces_disable_the_address(settings, tmp_path):
    settings.NOTIFY_QUIET_HOURS = None
    citizen = CitizenFactory(email="gone@example.cn")
    follow(user=citizen, topic="column.zcwj", label="政策文件")
    report = tmp_path / "dsn.eml"
    report.write_bytes(DSN)
    [bounce] = bounces.parse_dsn(DSN)
    assert (bounce.address, bounce.status, bounce.hard) == ("gone@example.cn", "5.1.1", True)
    soft = DSN.replace(b"Action: failed", b"Action: delayed").replace(b"5.1.1", b"4.2.2")
    assert not bounces.parse_dsn(soft)[0].hard
    bounces.record_dsn(soft)
    call_command("notify_bounce", str(report))
    call_command("notify_bounce", str(report))
    assert MailAddress.objects.get().disabled_at is None
    publish("record.1", "第一份", ["column.zcwj"])
    call_command("notify_bounce", str(report))
    state = MailAddress.objects.get()
    assert state.hard_bounces == 3 and state.disabled_at is not None
    queued = Delivery.objects.get(item="record.1")
    assert deliver(queued.pk, final=False) == "failed"  # queued before: not sent either
    publish("record.2", "第二份", ["column.zcwj"])
    assert not Delivery.objects.filter(item="record.2").exists()


def test_a_row_being_sent_is_not_sent_again_and_a_dead_workers_row_comes_back():
    from sunshine.kernel.notify.delivery import requeue_stale

    with clock.frozen(at(2026, 12, 1, 10, 0)):
        row = Delivery.objects.create(
            channel="email", address="a@example.cn", event="record.1", subject="s", body="b",
            status="sending", claimed_at=clock.now(), created_at=clock.now(),
            idempotency_key="record.1|email|ea@example.cn",
        )  # fmt: skip
        assert deliver(row.pk) == "sending"  # claimed by another worker: nothing sent
        assert requeue_stale() == []
    with clock.frozen(at(2026, 12, 1, 10, 31)):
        assert requeue_stale() == [row.pk]  # at-least-once: its worker died mid-send
    row.refresh_from_db()
    assert row.status == "queued"
