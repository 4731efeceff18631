"""The records list (scoped to the user's agencies, filters, badges, fixed query count), the
dashboard queue and the menu entry."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sunshine.kernel import clock
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.records import advance, draft, record_in

pytestmark = pytest.mark.django_db
LIST = "/workbench/records/"


def test_the_list_shows_my_agencies_records_with_badges(client, people):
    mine = draft(people, title="本厅草稿")
    record_in("published", people, title="已发布文件")
    draft(
        people,
        title="依申请公开的文件",
        disclosure_mode="on_request",
        withheld_reason="过程性信息",
        withheld_ground="process",
    )
    draft(
        people, title="交通厅的文件", agency=people["other_agency"], actor=people["other_drafter"]
    )
    client.force_login(people["drafter"])
    html = client.get(LIST).content.decode()
    assert "本厅草稿" in html and "已发布文件" in html and "依申请公开的文件" in html
    assert "交通厅的文件" not in html
    assert mine.index_number in html
    assert 'badge badge-mode-on_request">依申请公开' in html
    assert "草稿" in html and "已发布" in html
    assert "起草政府信息" in html


def test_the_deadline_badge_follows_the_disclosure_clock(client, people):
    from sunshine.kernel.deadlines.sweep import sweep_open_clocks

    client.force_login(people["drafter"])
    # Written 2026-09-30: due 20 working days later (National Day holidays between).
    with clock.frozen(dt.date(2026, 10, 9)):
        draft(people, title="等待发布")
        html = client.get(LIST).content.decode()
    assert 'class="badge badge-on_time">正常' in html
    assert "2026-11-03 前发布" in html
    with clock.frozen(dt.date(2026, 11, 4)):
        sweep_open_clocks()
        html = client.get(LIST).content.decode()
    assert 'class="badge badge-overdue">已逾期' in html


def test_filters_and_search(client, people):
    draft(people, title="春运工作通知", doc_number="粤府办〔2026〕3号")
    record_in("submitted", people, title="已提交的文件")
    client.force_login(people["drafter"])
    html = client.get(LIST + "?state=submitted").content.decode()
    assert "已提交的文件" in html and "春运工作通知" not in html
    html = client.get(LIST + "?q=春运").content.decode()
    assert "春运工作通知" in html and "已提交的文件" not in html
    html = client.get(LIST + "?q=粤府办〔2026〕3号").content.decode()
    assert "春运工作通知" in html
    assert client.get(LIST + "?state=bogus&page=x").status_code == 200


def test_the_list_query_count_does_not_grow(client, people, django_assert_max_num_queries):
    draft(people, title="一")
    client.force_login(people["drafter"])

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST).status_code == 200
        return len(ctx)

    count()
    few = count()
    for n in range(8):
        record = draft(people, title=f"文件{n}")
        if n % 3 == 0:
            advance(record, people, "published")
    assert count() == few
    with django_assert_max_num_queries(10):
        client.get(LIST + "?state=draft&q=文件")


def test_the_dashboard_queue_by_role(client, people):
    record_in("submitted", people, title="等待审核的文件")
    record_in("reviewed", people, title="等待签发的文件")
    record_in("signed_off", people, title="等待发布的文件")
    draft(people, title="还在起草的文件")

    def queue(user):
        client.force_login(user)
        html = client.get("/workbench/").content.decode()
        return html[html.index('id="queue-title"') :]  # the 我的待办 card only

    html = queue(people["reviewer"])
    assert "待审核" in html and "等待审核的文件" in html
    assert "等待签发的文件" not in html and "还在起草的文件" not in html
    html = queue(people["approver"])
    assert "等待签发的文件" in html and "等待发布的文件" in html and "待签发" in html
    assert "等待审核的文件" not in html
    html = queue(people["officer"])  # 公开办 may publish
    assert "等待发布的文件" in html and "等待签发的文件" not in html
    assert "等待审核的文件" not in queue(people["other_drafter"])


def test_the_menu_entry(client, people, province):
    client.force_login(people["drafter"])
    html = client.get("/workbench/").content.decode()
    assert 'href="/workbench/records/">政府信息</a>' in html
    nobody = staff_with("agency_admin", province["county"])
    client.force_login(nobody)
    html = client.get("/workbench/").content.decode()
    assert 'href="/workbench/records/"' in html  # agency admins see their agency's records
    outsider = staff_with("drafter", province["county"])
    outsider.grants.all().delete()
    client.force_login(outsider)
    assert 'href="/workbench/records/"' not in client.get("/workbench/").content.decode()
