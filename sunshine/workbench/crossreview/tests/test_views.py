"""交叉互评 staff pages: the general office's journey (create, indicators, participants,
rotating assignment, start, progress, publish), the reviewer's sheet (a refused submission
keeps what was typed; draft; submit), and who sees what."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sunshine.governance.crossreview.models import ReviewAssignment, ReviewRound
from sunshine.kernel import clock
from sunshine.testing.factories.crossreview import (
    assign_pairs,
    at,
    make_people,
    make_round,
    sheet_of,
    use_scheme,
    worked_round,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(province):
    return make_people(province)


@pytest.fixture(autouse=True)
def autumn_2026():
    with clock.frozen(at(2026, 9, 21, 10)):
        yield


def text(response) -> str:
    return response.content.decode()


def test_the_general_office_runs_a_round_through_the_pages(client, people):
    client.force_login(people.supervisor)
    assert "组织互评" in text(client.get(reverse("workbench:crossreview_list")))
    create = reverse("workbench:crossreview_create")
    refused = client.post(create, {"agency": people.government.pk, "year": 2026, "name": ""})
    assert refused.status_code == 400
    done = client.post(
        create,
        {"agency": people.government.pk, "year": 2026, "name": "2026年度互评", "submit_days": 5},
    )
    round_ = ReviewRound.objects.get()
    assert done.status_code == 302 and done.url == reverse(
        "workbench:crossreview_detail", args=[round_.pk]
    )
    page = text(client.get(done.url))
    assert "主动公开" in page and "依申请公开" in page and "开始评审后 5 个工作日" in page

    # Indicators: the default scheme in rows; a weight set wrong is refused beside its row.
    url = reverse("workbench:crossreview_indicators", args=[round_.pk])
    form = client.get(url)
    indicators = list(round_.indicators.all())
    data = {"rows": len(indicators) + 1}
    for n, i in enumerate(indicators):
        data.update(
            {
                f"id_{n}": i.pk,
                f"group_{n}": i.group,
                f"name_{n}": i.name,
                f"code_{n}": i.code,
                f"criteria_{n}": i.criteria,
                f"weight_{n}": str(i.weight),
                f"max_score_{n}": str(i.max_score),
            }
        )
    assert form.status_code == 200 and 'name="weight_0"' in text(form)
    bad = dict(data, weight_2="abc", **{"name_13": "新增指标", "group_13": "平台建设"})
    refused = client.post(url, bad)
    assert refused.status_code == 400
    assert "请填写数字" in text(refused) and 'value="新增指标"' in text(refused)
    last = len(indicators) - 1
    ok = dict(data, **{f"delete_{last}": "on", "name_13": "政务新媒体", "group_13": "平台建设",
                       "weight_13": "5", "max_score_13": "10"})  # fmt: skip
    assert client.post(url, ok).status_code == 302
    codes = list(round_.indicators.values_list("code", flat=True))
    assert codes[-1] == "custom.13" and "oversight.training" not in codes

    # Participants, rotating assignment, start.
    client.post(
        reverse("workbench:crossreview_participants", args=[round_.pk]),
        {"agencies": [a.pk for a in people.agencies.values()]},
    )
    client.post(
        reverse("workbench:crossreview_auto_assign", args=[round_.pk]),
        {"per_agency": 1, "announced_number": "2026"},
    )
    assert round_.assignments.count() == 4
    started = client.post(reverse("workbench:crossreview_start", args=[round_.pk]), follow=True)
    assert "评审已开始" in text(started)
    round_.refresh_from_db()
    assert round_.state == "reviewing"
    detail = text(client.get(reverse("workbench:crossreview_detail", args=[round_.pk])))
    assert "已提交 0 / 4" in detail and "2026-09-29" in detail  # 5 wd, 中秋 25–27 Sep off
    refused = client.post(reverse("workbench:crossreview_publish", args=[round_.pk]), follow=True)
    assert "4份评分表未提交" in text(refused)


def test_the_reviewer_fills_the_sheet_and_keeps_what_was_typed(client, people):
    round_ = make_round(people)
    use_scheme(people, round_)
    assign_pairs(people, round_, [("education", "transport")])
    from sunshine.governance.crossreview import services

    services.start_round(actor=people.supervisor, round_=round_)
    sheet = sheet_of(round_, "education", "transport", people)
    a, b, c = (i.pk for i in round_.indicators.all())
    client.force_login(people.officers["education"])
    listing = text(client.get(reverse("workbench:crossreview_list")))
    assert "待我评分" in listing and "2026-10-12" in listing
    url = reverse("workbench:crossreview_sheet", args=[sheet.pk])
    blank = text(client.get(url))
    assert "满分5" in blank and "满分10）" in blank and "满分100）" in blank
    typed = {
        f"score_{a}": "8",
        f"comment_{a}": "目录完整，更新及时。",
        f"score_{b}": "6",  # above its max of 5
        f"score_{c}": "",
        "comment": "总体较好。",
        "submit": "1",
    }
    refused = client.post(url, typed)
    page = text(refused)
    assert refused.status_code == 400
    assert "得分须在0至5之间" in page and "提交前须为每项指标评分" in page
    assert 'value="8"' in page and "目录完整，更新及时。" in page and "总体较好。" in page
    sheet.refresh_from_db()
    assert sheet.state == "pending"
    draft = dict(typed, **{f"score_{b}": "4"})
    del draft["submit"]
    saved = client.post(url, dict(draft, save="1"))
    assert saved.status_code == 302
    sheet.refresh_from_db()
    assert sheet.state == "draft"
    assert 'value="4"' in text(client.get(url))
    done = client.post(url, dict(draft, **{f"score_{c}": "90", "submit": "1"}), follow=True)
    assert "评分表已提交" in text(done)
    sheet.refresh_from_db()
    assert sheet.state == "submitted" and sheet.total == D("82.00")
    # Submitted: read-only now.
    assert client.post(url, dict(draft, submit="1")).status_code == 403


def test_reviewers_see_only_their_own_sheets(client, people):
    round_ = worked_round(people, publish=False)
    other = sheet_of(round_, "finance", "transport", people)
    client.force_login(people.officers["education"])
    assert client.get(reverse("workbench:crossreview_sheet", args=[other.pk])).status_code == 404
    client.force_login(people.drafters["finance"])  # same agency, may not score
    assert client.get(reverse("workbench:crossreview_sheet", args=[other.pk])).status_code == 404
    client.force_login(people.officers["transport"])  # the reviewed agency
    assert client.get(reverse("workbench:crossreview_sheet", args=[other.pk])).status_code == 404
    # Reviewers do not manage: the assignment buttons are the office's.
    client.force_login(people.officers["finance"])
    page = client.get(reverse("workbench:crossreview_detail", args=[round_.pk]))
    assert page.status_code == 200 and "发布结果" not in text(page)
    assert (
        client.post(reverse("workbench:crossreview_publish", args=[round_.pk])).status_code == 403
    )


def test_publication_and_each_agency_sees_its_own_result(client, people):
    round_ = worked_round(people, publish=False)
    client.force_login(people.supervisor)
    published = client.post(reverse("workbench:crossreview_publish", args=[round_.pk]), follow=True)
    page = text(published)
    assert "结果已发布" in page and "76.50" in page and "75.60" in page
    transport = people.agencies["transport"]
    office_view = text(
        client.get(reverse("workbench:crossreview_result", args=[round_.pk, transport.pk]))
    )
    assert "广东省教育厅" in office_view  # the office sees who reviewed

    client.force_login(people.drafters["transport"])  # any staff of the reviewed agency
    own = client.get(reverse("workbench:crossreview_result", args=[round_.pk, transport.pk]))
    body = text(own)
    assert own.status_code == 200
    assert "76.50" in body and "第 1 名" in body and "评审单位一" in body
    assert "目录更新及时。" in body and "广东省教育厅" not in body
    education = people.agencies["education"]
    assert (
        client.get(
            reverse("workbench:crossreview_result", args=[round_.pk, education.pk])
        ).status_code
        == 404
    )
    listing = text(client.get(reverse("workbench:crossreview_results", args=[round_.pk])))
    assert "广东省交通运输厅" in listing and "广东省教育厅" not in listing


def test_list_pages_query_budget(client, people):
    for n in range(3):
        r = make_round(people, name=f"第{n}轮")
        assign_pairs(people, r, [("education", "transport"), ("finance", "city")])
    client.force_login(people.supervisor)
    url = reverse("workbench:crossreview_list")
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    for n in range(3, 8):
        make_round(people, name=f"第{n}轮")
    with CaptureQueriesContext(connection) as more:
        client.get(url)
    assert len(more) == len(first)  # no query per round
    assert ReviewAssignment.objects.count() == 6


def test_the_office_returns_a_sheet_and_withdraws_an_assignment(client, people):
    round_ = worked_round(people, publish=False)
    sheet = sheet_of(round_, "finance", "transport", people)
    client.force_login(people.supervisor)
    detail = reverse("workbench:crossreview_detail", args=[round_.pk])
    assert "退回修改" in text(client.get(detail))
    url = reverse("workbench:crossreview_return", args=[round_.pk, sheet.pk])
    refused = client.post(url, {"reason": ""}, follow=True)
    assert "此项必填" in text(refused)
    done = client.post(url, {"reason": "请补充说明。"}, follow=True)
    assert "已退回评审人修改" in text(done)
    sheet.refresh_from_db()
    assert sheet.state == "draft"
    assert "曾退回：请补充说明。" in text(client.get(detail))
    client.force_login(people.officers["finance"])  # the reviewer reads why on the sheet
    page = text(client.get(reverse("workbench:crossreview_sheet", args=[sheet.pk])))
    assert "退回修改：" in page and "请补充说明。" in page
    client.force_login(people.supervisor)
    remove = reverse("workbench:crossreview_unassign", args=[round_.pk, sheet.pk])
    client.post(remove, {"reason": "评审单位回避"})
    sheet.refresh_from_db()
    assert sheet.state == "withdrawn" and sheet.withdrawn_reason == "评审单位回避"
    client.post(reverse("workbench:crossreview_publish", args=[round_.pk]))
    round_.refresh_from_db()
    assert round_.state == "published"
