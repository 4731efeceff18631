"""征求意见 staff pages: list (query count), create with the period rule, publish, moderation
queue, adoption (one and by group), feedback report with its clock, exports, scope by agency."""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from sunshine.kernel import clock
from sunshine.participation.consultations import comment_services as cs
from sunshine.participation.consultations import services
from sunshine.participation.consultations.models import Consultation, ConsultationComment
from sunshine.testing.factories import CitizenFactory, staff_with
from sunshine.testing.factories.consultations import comment, make_consultation
from sunshine.workbench.queues import queue_for_user

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 2)
BASE = "/workbench/consultations/"


@pytest.fixture(autouse=True)
def _today():
    with clock.frozen(TODAY):
        yield


def test_list_scoped_and_query_count(
    client, province, transport, drafter, django_assert_max_num_queries
):
    for i in range(5):
        make_consultation(transport, title=f"办法{i}")
    other = make_consultation(province["city"], title="广州市办法")
    client.force_login(drafter)
    with django_assert_max_num_queries(12):
        html = client.get(BASE).content.decode()
    assert "办法4" in html and other.title not in html
    assert client.get(f"{BASE}{other.pk}/").status_code == 404


def test_citizen_refused(client, transport):
    client.force_login(CitizenFactory())
    assert client.get(BASE).status_code == 403


def test_create_refuses_short_major_period_then_approver_reason(
    client, transport, drafter, approver
):
    client.force_login(drafter)
    data = {
        "agency": transport.pk,
        "title": "广东省港口管理办法（征求意见稿）",
        "draft_text": "第一条 甲\n第二条 乙",
        "is_major_decision": "on",
        "moderation_mode": "pre",
        "start_date": "2026-11-03",
        "end_date": "2026-11-23",  # 11-04 … 11-23: 20 days after the publication day
    }
    response = client.post(f"{BASE}new/", data)
    html = response.content.decode()
    assert response.status_code == 200 and "不少于30日" in html and "广东省港口管理办法" in html
    response = client.post(f"{BASE}new/", {**data, "short_period_reason": "急"})
    assert "签发人" in response.content.decode()
    assert not Consultation.objects.exists()
    client.force_login(approver)
    response = client.post(f"{BASE}new/", {**data, "short_period_reason": "落实国务院专项整治要求"})
    c = Consultation.objects.get()
    assert response.status_code == 302 and c.short_period_days == 20
    response = client.post(f"{BASE}{c.pk}/do/open/")
    c.refresh_from_db()
    assert c.state == "scheduled"
    html = client.get(f"{BASE}{c.pk}/").content.decode()
    assert "落实国务院专项整治要求" in html


def test_moderation_queue_and_hide(client, transport, drafter, django_assert_max_num_queries):
    c = make_consultation(transport, mode="pre")
    x = comment(c, body="建议第四条增加网上办理方式。")
    y = comment(c, body="与本办法无关的内容")
    items = queue_for_user(drafter)
    assert any("1条待审核" in i.title or "2条待审核" in i.title for i in items)
    client.force_login(drafter)
    with django_assert_max_num_queries(14):
        html = client.get(f"{BASE}{c.pk}/comments/?state=pending").content.decode()
    assert "建议第四条增加网上办理方式。" in html
    client.post(f"/workbench/consultations/comment/{x.pk}/approve/")
    client.post(f"/workbench/consultations/comment/{y.pk}/hide/", {"reason": "与征求意见无关"})
    x.refresh_from_db()
    y.refresh_from_db()
    assert x.state == "visible" and y.state == "hidden" and y.hide_reason == "与征求意见无关"
    response = client.post(
        f"/workbench/consultations/comment/{x.pk}/hide/", {"reason": ""}, follow=True
    )
    assert "请填写不予公开的原因" in response.content.decode()


def _closed(transport, approver):
    c = make_consultation(transport)
    a = comment(c, body="建议增加新能源车辆充电保障。")
    b = comment(c, body="建议放宽车辆年限。", is_anonymous=True)
    d = comment(c, body="车辆年限应按里程计算。")
    with clock.frozen(TODAY + dt.timedelta(days=31)):
        services.close_consultation(consultation=c, actor=approver)
    return c, a, b, d


def test_adoption_group_feedback_and_queue(client, transport, drafter, approver):
    c, a, b, d = _closed(transport, approver)
    with clock.frozen(TODAY + dt.timedelta(days=32)):
        items = [i for i in queue_for_user(drafter) if "采纳情况说明" in i.label]
        assert items and items[0].due is not None and "正常" in items[0].label
        client.force_login(drafter)
        client.post(f"/workbench/consultations/comment/{a.pk}/adopt/", {"adoption": "adopted"})
        client.post(f"{BASE}{c.pk}/comments/group/", {"comment": [b.pk, d.pk], "label": "车辆年限"})
        client.post(
            f"{BASE}{c.pk}/comments/adopt-group/",
            {
                "g-group_label": "车辆年限",
                "g-adoption": "not_adopted",
                "g-reason": "与国家规定一致。",
            },
        )
        assert set(ConsultationComment.objects.values_list("adoption", flat=True)) == {
            "adopted",
            "not_adopted",
        }
        response = client.post(
            f"{BASE}{c.pk}/feedback/", {"feedback_report": "共3条。", "save": "1"}
        )
        assert response.status_code == 302
        client.force_login(approver)
        response = client.post(
            f"{BASE}{c.pk}/feedback/", {"feedback_report": "共3条，采纳1条。", "publish": "1"}
        )
        assert response.status_code == 302
    c.refresh_from_db()
    assert c.state == "feedback_published" and services.feedback_clock(c).is_open is False
    for page in ("", "analytics/", "feedback/", "comments/"):
        response = client.get(f"{BASE}{c.pk}/{page}")
        assert response.status_code == 200, page
    assert "已于" in client.get(f"{BASE}{c.pk}/feedback/").content.decode()


def test_exports_parse_back(client, province, transport, approver, drafter):
    c, a, b, d = _closed(transport, approver)
    cs.hide_comment(comment=d, actor=drafter, reason="重复")
    cs.mark_adoption(comment=a, actor=drafter, adoption="partly_adopted", reason="=SUM(A1)部分采纳")
    client.force_login(drafter)
    response = client.get(f"{BASE}{c.pk}/export.xlsx")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:4] == ("编号", "提交时间", "针对条款", "意见内容")
    assert len(rows) == 4
    by_body = {r[3]: r for r in rows[1:]}
    assert (
        by_body["车辆年限应按里程计算。"][7] == "未公开"
        and by_body["车辆年限应按里程计算。"][8] == "重复"
    )
    assert by_body["建议放宽车辆年限。"][6] == "匿名"
    assert by_body["建议增加新能源车辆充电保障。"][10] == "部分采纳"
    assert by_body["建议增加新能源车辆充电保障。"][11] == "'=SUM(A1)部分采纳"  # no formula
    response = client.get(f"{BASE}{c.pk}/export.csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    parsed = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert parsed[0][0] == "编号" and len(parsed) == 4
    other = staff_with("drafter", transport.parent)  # above the agency: may see
    client.force_login(other)
    assert client.get(f"{BASE}{c.pk}/export.csv").status_code == 200
    client.force_login(staff_with("drafter", province["city"]))
    assert client.get(f"{BASE}{c.pk}/export.csv").status_code == 404
