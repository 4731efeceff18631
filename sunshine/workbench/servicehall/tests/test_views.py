import pytest
from django.urls import reverse

from sunshine.servicehall.applications.models import ServiceApplication
from sunshine.servicehall.catalog.models import ServiceItem
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.applications import apply
from sunshine.testing.factories.servicehall import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(province):
    agency = province["transport"]
    return {
        "agency": agency,
        "item": make_item(agency),
        "drafter": staff_with("drafter", agency),
        "reviewer": staff_with("reviewer", agency),
        "outsider": staff_with("drafter", province["city"]),
    }


def test_queue_colours_filters_and_query_count(client, desk, django_assert_max_num_queries):
    apps = [apply(desk["item"]) for _ in range(12)]
    client.force_login(desk["drafter"])
    url = reverse("workbench:service_queue")
    with django_assert_max_num_queries(20):
        page = client.get(url).content.decode()
    assert all(a.number in page for a in apps)
    assert "badge-due_soon" in page  # 2 wd left ≤ the 3-wd threshold
    page = client.get(url, {"state": "accepted"}).content.decode()
    assert apps[0].number not in page
    client.force_login(desk["outsider"])
    page = client.get(url).content.decode()
    assert apps[0].number not in page
    assert (
        client.get(reverse("workbench:service_application_detail", args=[apps[0].pk])).status_code
        == 404
    )


def test_detail_steps_history_and_refusal_keeps_text(client, desk, django_assert_max_num_queries):
    app = apply(desk["item"])
    client.force_login(desk["drafter"])
    url = reverse("workbench:service_application_detail", args=[app.pk])
    with django_assert_max_num_queries(40):
        page = client.get(url).content.decode()
    assert "受理" in page and "不予受理" in page and "一次性告知补正" in page
    response = client.post(
        reverse("workbench:service_step", args=[app.pk, "request_correction"]),
        {"comment": "请补充材料", "missing": ""},
    )
    assert response.status_code == 400
    assert "请补充材料" in response.content.decode()
    response = client.post(
        reverse("workbench:service_step", args=[app.pk, "request_correction"]),
        {"missing": "营业执照副本\n车辆行驶证"},
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.state == "correction" and app.correction_items == ["营业执照副本", "车辆行驶证"]
    page = client.get(url).content.decode()
    assert "流转记录" in page and "营业执照副本" in page


def test_bulk_accept_and_assign(client, desk):
    apps = [apply(desk["item"]) for _ in range(3)]
    client.force_login(desk["reviewer"])
    response = client.post(
        reverse("workbench:service_bulk"),
        {"ids": [a.pk for a in apps], "action": "assign", "assignee": desk["drafter"].pk},
    )
    assert response.status_code == 302
    assert set(ServiceApplication.objects.values_list("assignee", flat=True)) == {
        desk["drafter"].pk
    }
    response = client.post(
        reverse("workbench:service_bulk"), {"ids": [a.pk for a in apps[:2]], "action": "accept"}
    )
    assert ServiceApplication.objects.filter(state="accepted").count() == 2


def test_item_editor_names_missing_elements_and_publishes(client, desk):
    approver = staff_with("approver", desk["agency"])
    client.force_login(approver)
    response = client.post(reverse("workbench:service_item_create"), {
        "code": "WB-1", "name": "国内水路运输经营许可", "agency": desk["agency"].pk,
        "online": "on", "for_persons": "on", "basis": "《国内水路运输管理条例》",
    })  # fmt: skip
    item = ServiceItem.objects.get(code="WB-1")
    assert response.url == reverse("workbench:service_item", args=[item.pk])
    page = client.get(response.url).content.decode()
    assert "申请条件" in page and "办理材料" in page and "联系电话" in page
    response = client.post(
        reverse("workbench:service_item_act", args=[item.pk, "publish"]), follow=True
    )
    assert "办事指南要素不全" in response.content.decode()
    item.refresh_from_db()
    assert item.state == "draft"


def test_queue_provider_lists_waiting_steps_for_handlers(desk):
    from sunshine.servicehall.applications import services
    from sunshine.workbench.queues import queue_for_user

    mine, free, other = (apply(desk["item"]) for _ in range(3))
    services.assign_application(application=mine, actor=desk["reviewer"], assignee=desk["drafter"])
    services.assign_application(
        application=other, actor=desk["reviewer"], assignee=desk["reviewer"]
    )
    urls = {i.url for i in queue_for_user(desk["drafter"], limit=50)}
    detail = lambda a: reverse("workbench:service_application_detail", args=[a.pk])  # noqa: E731
    assert detail(mine) in urls and detail(free) in urls and detail(other) not in urls
    assert not any("/services/" in u for u in {i.url for i in queue_for_user(desk["outsider"])})


def test_queue_urgency_is_live_when_the_sweep_has_not_run(client, desk):
    """Submitted Mon 2026-09-28: the 2-wd acceptance clock counts 09-29 (1), 09-30 (2): due
    09-30 23:59:59. On 10-08 it is overdue, but no sweep ran, so the clock still stores
    "due_soon" (from the start: 09-29, 09-30 = 2 wd left ≤ 3). The page colours it and the
    overdue filter finds it all the same; the due-soon filter does not."""
    import datetime as dt

    from sunshine.kernel import clock
    from sunshine.kernel.deadlines.models import Clock

    late = apply(desk["item"], at=dt.date(2026, 9, 28))
    client.force_login(desk["drafter"])
    url = reverse("workbench:service_queue")
    with clock.frozen(dt.date(2026, 10, 8)):
        stored = Clock.objects.get(object_id=late.pk, rule="service.accept")
        assert (stored.state, stored.urgency) == ("running", "due_soon")
        page = client.get(url).content.decode()
        assert "badge-overdue" in page and "2026-09-30" in page
        assert late.number in client.get(url, {"urgency": "overdue"}).content.decode()
        assert late.number not in client.get(url, {"urgency": "due_soon"}).content.decode()
        detail = client.get(reverse("workbench:service_application_detail", args=[late.pk]))
        assert "badge-overdue" in detail.content.decode()
