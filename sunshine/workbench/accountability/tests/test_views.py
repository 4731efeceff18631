"""Staff pages of 问责: "发起问责" on the page of each source (an overdue clock, a 差评整改 case,
a 督办, a complaint message) opens the pre-filled form, which the user confirms; the case page
walks 调查核实 → 处理决定 → 结案 with refusals beside the fields; the list filters; an agency
sees its own cases only; the statistics page shows the counts."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sunshine.governance.accountability import services
from sunshine.governance.accountability.models import AccountabilityCase
from sunshine.kernel import clock
from sunshine.kernel.ratings.services import rate
from sunshine.testing.factories import TEST_KIND, AgencyFactory, SupervisionOrderFactory
from sunshine.testing.factories.accountability import (
    case_in,
    open_from_clock,
    open_other,
    overdue_clock,
)
from sunshine.testing.factories.messages import submit

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"workbench:{name}", args=args)


def _one_click(client, user, page_url, kind, obj, agency):
    """The source page shows 发起问责 to `user`; the form it opens is filled in; confirming it
    opens the case. Returns the case."""
    client.force_login(user)
    html = client.get(page_url).content.decode()
    link = f"{url('accountability_new')}?source={kind}&amp;id={obj.pk}"
    assert "发起问责" in html and link in html, html[-3000:]
    form = client.get(link.replace("&amp;", "&"))
    assert form.status_code == 200
    page = form.content.decode()
    assert re.search(rf'<option value="{agency.pk}" selected>', page)
    initial = form.context["form"].initial
    assert initial["source_kind"] == kind and initial["source_id"] == obj.pk
    data = {
        "agency": initial["agency"],
        "title": initial["title"],
        "facts": initial["facts"],
        "source_kind": kind,
        "source_id": obj.pk,
    }
    done = client.post(url("accountability_new"), data)
    case = AccountabilityCase.objects.get(source_id=obj.pk, source_kind=kind)
    assert done.status_code == 302 and done["Location"] == url("accountability_detail", case.pk)
    assert case.agency == agency and case.title == initial["title"]
    # the source page now lists the case and offers no second one
    html = client.get(page_url).content.decode()
    assert case.title in html and link not in html
    # and the form's link goes to the open case
    assert client.get(link.replace("&amp;", "&"))["Location"] == url(
        "accountability_detail", case.pk
    )
    return case


def test_one_click_from_an_overdue_clock(client, acc):
    running = overdue_clock(acc.agency)
    case = _one_click(
        client,
        acc.supervisor,
        reverse("deadlines:detail", args=[running.pk]),
        "overdue_clock",
        running,
        acc.agency,
    )
    assert case.source_title == running.title and case.source_kind == "overdue_clock"
    # a second 立案 from the same source (two tabs): refused on top of the form, by name
    again = client.post(
        url("accountability_new"),
        {
            "title": "再次立案",
            "facts": "重复。",
            "source_kind": "overdue_clock",
            "source_id": running.pk,
        },
    )
    assert again.status_code == 400
    assert f"该事项已有办理中的问责案件：{case.title}" in again.content.decode()


def test_no_button_on_a_clock_on_time_nor_for_agency_staff(client, acc):
    from sunshine.kernel.deadlines.services import start_clock

    fresh = start_clock(obj=AgencyFactory(parent=acc.agency), rule="oversight.response")
    client.force_login(acc.supervisor)
    assert (
        "发起问责" not in client.get(reverse("deadlines:detail", args=[fresh.pk])).content.decode()
    )
    late = overdue_clock(acc.agency)
    client.force_login(acc.leader)
    page = client.get(reverse("deadlines:detail", args=[late.pk])).content.decode()
    assert "发起问责" not in page
    assert (
        client.get(f"{url('accountability_new')}?source=overdue_clock&id={late.pk}").status_code
        == 403
    )


def test_one_click_from_a_bad_rating_case(client, acc, rateables, citizen):
    item = rateables.make(rater=citizen, finished_at=clock.now() - dt.timedelta(days=1))
    rectification = rate(obj=item, rater=citizen, level="dissatisfied", comment="办事拖沓").case
    case = _one_click(
        client,
        acc.supervisor,
        url("ratings_case", rectification.pk),
        "rectification",
        rectification,
        acc.agency,
    )
    assert case.source_url == url("ratings_case", rectification.pk)


def test_one_click_from_a_duban(client, acc, supervisable):
    order = SupervisionOrderFactory(
        target=AgencyFactory(parent=acc.agency), actor=acc.supervisor, kind=TEST_KIND
    )
    case = _one_click(
        client, acc.supervisor, url("oversight_detail", order.pk), "duban", order, acc.agency
    )
    assert case.source_title == f"督办：{order.title}"


def test_one_click_from_a_complaint_message(client, acc):
    message = submit(agency=acc.agency, subject="投诉窗口人员推诿", body="多次办理被推诿。")
    case = _one_click(
        client, acc.supervisor, url("messages_detail", message.pk), "complaint", message, acc.agency
    )
    assert case.source_title == "投诉：投诉窗口人员推诿"
    assert case.source_url == url("messages_detail", message.pk)


def test_other_lead_form_and_refusals_beside_the_fields(client, acc):
    client.force_login(acc.supervisor)
    page = client.get(url("accountability_new"))
    assert "线索来源" in page.content.decode()
    refused = client.post(
        url("accountability_new"),
        {"agency": acc.agency.pk, "title": "", "facts": "<b>x</b>", "source_kind": "other"},
    )
    assert refused.status_code == 400
    errors = refused.context["form"].errors
    assert set(errors) == {"title", "facts", "source_title"}
    done = client.post(
        url("accountability_new"),
        {
            "agency": acc.agency.pk,
            "title": "网站栏目长期不更新",
            "facts": "政策文件栏目六个月未更新。",
            "source_title": "第三方评估",
            "source_kind": "other",
        },
    )
    assert done.status_code == 302
    assert AccountabilityCase.objects.get().source_title == "第三方评估"


def test_case_page_walks_the_steps(client, acc):
    case = open_from_clock(acc)
    client.force_login(acc.leader)
    page = client.get(url("accountability_detail", case.pk)).content.decode()
    assert "提交情况说明" in page and "记录调查核实情况" not in page
    assert (
        client.post(
            url("accountability_act", case.pk, "statement"), {"text": "已补办并说明原因。"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            url("accountability_act", case.pk, "investigate"), {"findings": "x"}
        ).status_code
        == 400
    )
    case.refresh_from_db()
    assert case.state == "filed"  # the leader may not investigate

    client.force_login(acc.supervisor)
    refused = client.post(url("accountability_act", case.pk, "investigate"), {"findings": ""})
    assert (
        refused.status_code == 400 and "findings" in refused.context["forms"]["investigate"].errors
    )
    assert (
        client.post(
            url("accountability_act", case.pk, "investigate"),
            {"findings": "经核实，延误8个工作日。"},
        ).status_code
        == 302
    )
    refused = client.post(
        url("accountability_act", case.pk, "decide"),
        {"outcomes": ["none", "interview"], "text": "x"},
    )
    assert refused.status_code == 400 and "outcomes" in refused.context["forms"]["decide"].errors
    assert (
        client.post(
            url("accountability_act", case.pk, "decide"),
            {"outcomes": ["interview", "circulated_criticism"], "text": "约谈并通报批评。"},
        ).status_code
        == 302
    )
    assert (
        client.post(
            url("accountability_act", case.pk, "close"), {"text": "已整改到位。"}
        ).status_code
        == 302
    )
    page = client.get(url("accountability_detail", case.pk)).content.decode()
    for text in (
        "已结案",
        "约谈、通报批评",
        "已补办并说明原因。",
        "经核实，延误8个工作日。",
        "公开通报",
    ):
        assert text in page, text
    assert (
        client.post(
            url("accountability_act", case.pk, "publish"), {"summary": "对该厅予以通报批评。"}
        ).status_code
        == 302
    )
    case.refresh_from_db()
    assert case.state == "closed" and case.is_published
    assert client.post(url("accountability_act", case.pk, "nope"), {}).status_code == 404


def test_list_filters_and_agency_scope(client, acc):
    mine = case_in("closed", acc, outcomes=("interview",))
    other = open_other(acc, agency=acc.other_agency)
    client.force_login(acc.supervisor)
    assert set(client.get(url("accountability_list")).context["page"].object_list) == {mine, other}

    def listed(**params):
        return list(client.get(url("accountability_list"), params).context["page"].object_list)

    assert listed(state="open") == [other]
    assert listed(state="closed") == [mine]
    assert listed(agency=acc.other_agency.pk) == [other]
    assert listed(source="other") == [other]
    assert listed(outcome="interview") == [mine]
    assert listed(outcome="sanction") == []

    client.force_login(acc.leader)
    assert listed() == [mine]
    assert client.get(url("accountability_detail", other.pk)).status_code == 404
    client.force_login(acc.other_leader)
    assert listed() == [other]
    assert client.get(url("accountability_new")).status_code == 403


def test_list_query_count_does_not_grow(client, acc):
    client.force_login(acc.supervisor)
    case_in("decided", acc, outcomes=("interview", "sanction"))
    client.get(url("accountability_list"))
    with CaptureQueriesContext(connection) as few:
        client.get(url("accountability_list"))
    for _ in range(5):
        case_in("decided", acc, outcomes=("interview", "sanction"))
    with CaptureQueriesContext(connection) as more:
        client.get(url("accountability_list"))
    assert len(more) == len(few)


def test_statistics_page(client, acc):
    case_in("closed", acc, outcomes=("interview",))
    case_in("decided", acc, outcomes=("interview", "ordered_rectification"))
    open_other(acc, agency=acc.other_agency)
    client.force_login(acc.supervisor)
    response = client.get(url("accountability_statistics"))
    stats = response.context["stats"]
    assert stats.totals.total == 3
    html = response.content.decode()
    assert "广东省交通运输厅" in html and "广州市人民政府" in html
    transport = next(r for r in stats.rows if r.agency_id == acc.agency.pk)
    assert transport.outcomes_cells[0] == 2  # 约谈 twice
    today = clock.today()
    later = client.get(
        url("accountability_statistics"),
        {"since": (today + dt.timedelta(days=1)).isoformat()},
    )
    assert later.context["stats"].totals.total == 0
    client.force_login(acc.other_leader)
    own = client.get(url("accountability_statistics")).context["stats"]
    assert [r.agency_id for r in own.rows] == [acc.other_agency.pk]


def test_menu_entry_for_those_who_may_view(client, acc, citizen):
    client.force_login(acc.drafter)
    assert url("accountability_list") in client.get(url("dashboard")).content.decode()
    client.force_login(citizen)
    assert client.get(url("accountability_list")).status_code == 403


def test_a_refused_decision_keeps_what_was_typed(client, acc):
    case = case_in("investigated", acc)
    client.force_login(acc.supervisor)
    refused = client.post(
        url("accountability_act", case.pk, "decide"), {"outcomes": [], "text": "拟约谈"}
    )
    assert refused.status_code == 400
    assert "拟约谈" in refused.content.decode()
    case.refresh_from_db()
    assert case.state == "investigated" and not case.outcomes.exists()


def test_dashboard_queue(acc):
    from sunshine.workbench.accountability.registry import cases_waiting

    case = open_from_clock(acc)
    handle = cases_waiting(acc.supervisor, 10)
    assert [(i.title, i.label) for i in handle] == [(case.title, "问责")]
    assert handle[0].due is not None
    answer = cases_waiting(acc.leader, 10)
    assert [(i.title, i.label) for i in answer] == [(case.title, "问责情况说明")]
    services.add_statement(actor=acc.leader, case=case, text="情况说明。")
    assert cases_waiting(acc.leader, 10) == []
    assert cases_waiting(acc.drafter, 10) == [] and cases_waiting(acc.other_leader, 10) == []
    with CaptureQueriesContext(connection) as queries:
        cases_waiting(acc.supervisor, 10)
    assert len(queries) <= 3
