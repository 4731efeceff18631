"""The whole workflow through the workbench: the drafter drafts and submits, the reviewer
reviews, the approver signs off and publishes (or schedules); rejection needs reasons;
a published record is revised into a new version."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from sunshine.disclosure.records.models import DisclosureRecord
from sunshine.kernel import clock
from sunshine.testing.factories.records import record_in

pytestmark = pytest.mark.django_db


def act(client, record, name, **data):
    return client.post(reverse("workbench:records_act", args=[record.pk, name]), data)


def detail(client, record) -> str:
    return client.get(reverse("workbench:records_detail", args=[record.pk])).content.decode()


def buttons(html: str) -> list[str]:
    return re.findall(r'<button type="submit" id="act-([a-z_]+)-button"', html)


def test_drafter_reviewer_approver_through_the_forms(client, people):
    client.force_login(people["drafter"])
    response = client.post(
        "/workbench/records/new/",
        {
            "agency": people["agency"].pk,
            "issuer": people["agency"].pk,
            "title": "关于推进阳光政务建设工作的通知",
            "date_written": "2026-09-30",
            "topic": "general",
            "kind": "notice",
            "disclosure_mode": "proactive",
            "body": "正文。",
        },
    )
    record = DisclosureRecord.objects.get()
    assert buttons(detail(client, record)) == ["submit"]
    assert act(client, record, "submit").status_code == 302

    client.force_login(people["reviewer"])
    assert buttons(detail(client, record)) == ["review", "reject"]
    assert act(client, record, "review", comment="内容准确").status_code == 302

    client.force_login(people["approver"])
    html = detail(client, record)
    assert buttons(html) == ["sign_off", "reject"]
    assert act(client, record, "sign_off").status_code == 302
    html = detail(client, record)
    assert set(buttons(html)) >= {"publish", "schedule", "reject"}
    assert "file" in buttons(html)  # shown, but disabled with the guard's reason
    assert "主动公开的政府信息应当发布，不能存档" in html
    response = act(client, record, "publish", comment="同意发布")
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.state == "published" and record.current_version.number == 1
    html = client.get(response["Location"]).content.decode()
    assert "已完成：发布" in html
    for text in ("提交审核", "审核通过", "签发", "发布", "内容准确", "同意发布"):
        assert text in html, text
    assert reverse("portal:records_detail", args=[record.pk]) in html
    client.logout()
    assert client.get(reverse("portal:records_detail", args=[record.pk])).status_code == 200
    assert response and response.status_code == 302


def test_rejection_needs_reasons_and_goes_back_to_the_drafter(client, people):
    record = record_in("submitted", people)
    client.force_login(people["reviewer"])
    response = act(client, record, "reject", comment="  ")
    assert response.status_code == 400
    assert "请填写意见或理由" in response.content.decode()
    record.refresh_from_db()
    assert record.state == "submitted"
    assert act(client, record, "reject", comment="文号有误，请核对").status_code == 302
    record.refresh_from_db()
    assert record.state == "draft"
    client.force_login(people["drafter"])
    html = detail(client, record)
    assert "文号有误，请核对" in html and "修改草稿" in html


def test_a_user_cannot_take_a_transition_of_another_role(client, people):
    record = record_in("submitted", people)
    client.force_login(people["drafter"])
    assert act(client, record, "review").status_code == 403
    assert act(client, record, "no_such_step").status_code == 404
    record.refresh_from_db()
    assert record.state == "submitted"


def test_scheduling_in_shanghai_time(client, people):
    record = record_in("signed_off", people)
    client.force_login(people["approver"])
    with clock.frozen(dt.datetime(2026, 10, 9, 9, 0, tzinfo=dt.UTC)):
        response = act(client, record, "schedule", scheduled_at="2026-10-10T09:30")
        assert response.status_code == 302
        record.refresh_from_db()
        assert record.state == "scheduled"
        assert record.scheduled_at == dt.datetime(2026, 10, 10, 1, 30, tzinfo=dt.UTC)
        assert "定时发布：2026-10-10 09:30" in detail(client, record)
        assert act(client, record, "unschedule").status_code == 302
        bad = act(client, record, "schedule", scheduled_at="2026-10-01T09:00")
        assert bad.status_code == 400 and "定时发布时间应晚于当前时间" in bad.content.decode()
        missing = act(client, record, "schedule", scheduled_at="")
        assert "请填写定时发布的日期和时间" in missing.content.decode()


def test_revising_a_published_record_makes_a_new_version(client, people):
    record = record_in("published", people, normative=True, body="旧正文")
    url = reverse("workbench:records_revise", args=[record.pk])
    client.force_login(people["approver"])
    html = client.get(url).content.decode()
    assert "修订说明" in html and 'type="radio" name="disclosure_mode"' not in html
    data = {
        "title": record.title,
        "issuer": record.issuer_id,
        "date_written": "2026-09-30",
        "topic": "general",
        "kind": "notice",
        "normative": "on",
        "body": "旧正文",
    }
    response = client.post(url, {**data, "change_note": "无改动"})
    assert "没有需要修订的内容" in response.content.decode()
    response = client.post(url, {**data, "body": "新正文"})
    assert "请填写意见或理由" in response.content.decode()  # the note is required
    response = client.post(url, {**data, "body": "新正文", "change_note": "更新第二条"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.body == "新正文" and record.current_version.number == 2
    html = client.get(response["Location"]).content.decode()
    assert "已发布第 2 版" in html and "更新第二条" in html
    client.force_login(people["drafter"])
    assert client.get(url).status_code == 403


def test_repeal_with_a_date(client, people):
    record = record_in("published", people)
    client.force_login(people["approver"])
    response = act(client, record, "repeal", comment="被新文件替代", on="2026-11-02")
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.validity == "repealed" and record.validity_date == dt.date(2026, 11, 2)
    assert act(client, record, "expire", on="not-a-date").status_code == 400
