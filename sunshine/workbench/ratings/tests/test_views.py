"""The 差评整改 pages of the workbench with a signed-in client."""

import datetime as dt

import pytest
from django.urls import reverse

from sunshine.kernel import clock
from sunshine.kernel.ratings import services
from sunshine.testing.factories import at

pytestmark = pytest.mark.django_db


def make_case(rateables, citizen, title_hint=""):
    item = rateables.make(rater=citizen, finished_at=at(2026, 9, 28))
    with clock.frozen(dt.datetime(2026, 9, 29, 9, 0)):
        rating = services.rate(obj=item, rater=citizen, level="very_dissatisfied", comment="态度差")
    return rating.case


def test_case_list_scoped_with_deadline_colours(
    client, rateables, citizen, staff, django_assert_max_num_queries
):
    cases = [make_case(rateables, citizen) for _ in range(5)]
    client.force_login(staff["drafter"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("workbench:ratings_list"))
    assert response.status_code == 200
    html = response.content.decode()
    for case in cases:
        assert reverse("workbench:ratings_case", args=[case.pk]) in html
    assert "badge-on_time" in html or "badge-due_soon" in html
    # the queue of the dashboard lists them with their due date
    from sunshine.workbench.queues import queue_for_user

    queue = [q for q in queue_for_user(staff["drafter"]) if q.label == "差评整改"]
    assert len(queue) == 5 and queue[0].due is not None
    client.force_login(staff["other"])
    response = client.get(reverse("workbench:ratings_list"))
    assert reverse("workbench:ratings_case", args=[cases[0].pk]) not in response.content.decode()
    assert client.get(reverse("workbench:ratings_case", args=[cases[0].pk])).status_code == 404


def test_case_steps_through_the_forms(client, rateables, citizen, staff):
    case = make_case(rateables, citizen)
    url = reverse("workbench:ratings_case", args=[case.pk])
    client.force_login(staff["drafter"])
    page = client.get(url).content.decode()
    assert "13800138000" in page  # the rater's phone, to call back
    assert "登记回访" in page and "登记核实情况" not in page
    step = reverse("workbench:ratings_case_step", args=[case.pk, "callback"])
    # refused: no note; the page shows the error and keeps nothing lost
    response = client.post(step, {"callback-reached": "1", "callback-note": ""})
    assert response.status_code == 200 and "请填写回访记录" in response.content.decode()
    response = client.post(step, {"callback-reached": "1", "callback-note": "<b>已回访</b>"})
    assert "纯文字" in response.content.decode()
    assert "&lt;b&gt;已回访&lt;/b&gt;" in response.content.decode()  # the text is kept
    response = client.post(step, {"callback-reached": "1", "callback-note": "已电话回访"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "called_back"
    # the drafter may not verify: no form, and a forged POST is refused by the service
    page = client.get(url).content.decode()
    assert "登记核实情况" not in page
    verify = reverse("workbench:ratings_case_step", args=[case.pk, "verify"])
    response = client.post(verify, {"verify-founded": "1", "verify-note": "属实"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.state == "called_back"
    client.force_login(staff["approver"])
    client.post(verify, {"verify-founded": "1", "verify-note": "属实"})
    client.post(
        reverse("workbench:ratings_case_step", args=[case.pk, "rectify"]),
        {"rectify-note": "已整改"},
    )
    client.post(
        reverse("workbench:ratings_case_step", args=[case.pk, "publish"]),
        {"publish-text": "已加强窗口服务培训。"},
    )
    case.refresh_from_db()
    assert case.state == "published"


def test_summary_table_for_supervisors(client, rateables, citizen, staff):
    make_case(rateables, citizen)
    client.force_login(staff["supervisor"])
    response = client.get(reverse("workbench:ratings_summary"))
    html = response.content.decode()
    assert response.status_code == 200
    assert rateables.handler.name in html and "满意率" in html and "回访率" in html
    client.force_login(staff["other"])  # another agency: nothing of the transport department
    assert (
        rateables.handler.name
        not in client.get(reverse("workbench:ratings_summary")).content.decode()
    )


def test_citizens_are_kept_out(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("workbench:ratings_list")).status_code == 403
