import pytest
from django.urls import reverse

from sunshine.governance.spotchecks.models import CheckTarget, SpotCheckPlan, SpotCheckResult
from sunshine.testing.factories.spotchecks import TARGET_HEADER, make_plan, sheet, target_rows

pytestmark = pytest.mark.django_db


def test_plan_draw_results_and_publication_through_pages(client, check):
    client.force_login(check["editor"])
    assert client.get(reverse("workbench:spotchecks_list")).status_code == 200
    form = client.get(reverse("workbench:spotchecks_create"))
    assert "食品经营者监督检查" in form.content.decode()
    refused = client.post(
        reverse("workbench:spotchecks_create"),
        {"agency": check["market"].pk, "title": "抽查", "check_item_id": check["item"].pk,
         "inspectors_per_target": 2},
    )  # fmt: skip
    assert refused.status_code == 200 and "二者填一项" in refused.content.decode()
    done = client.post(
        reverse("workbench:spotchecks_create"),
        {"agency": check["market"].pk, "title": "2026年食品经营抽查", "check_item_id":
         check["item"].pk, "count": 2, "inspectors_per_target": 2, "announced_number": "8"},
    )  # fmt: skip
    plan = SpotCheckPlan.objects.get()
    assert done.status_code == 302
    client.post(reverse("workbench:spotchecks_draw", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.state == "drawn"
    page = client.get(reverse("workbench:spotchecks_detail", args=[plan.pk])).content.decode()
    assert "结果公示期限" in page and "保存结果" in page
    url = reverse("workbench:spotchecks_result", args=[plan.pk])
    bad = client.post(url, {"target_id": 999999, "outcome": "no_problem"}, follow=True)
    assert "不在本计划的抽取结果中" in bad.content.decode()
    for row in plan.assignments:
        client.post(url, {"target_id": row["target"], "outcome": "no_problem"})
    assert SpotCheckResult.objects.count() == 2
    client.post(reverse("workbench:spotchecks_publish", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.state == "published"


def test_other_agency_and_readers(client, check):
    plan = make_plan(check)
    client.force_login(check["env_editor"])
    assert client.get(reverse("workbench:spotchecks_detail", args=[plan.pk])).status_code == 404
    lib = reverse("workbench:spotchecks_library", args=[check["market"].pk, "targets"])
    assert client.get(lib).status_code == 404
    client.force_login(check["viewer"])  # a drafter of the agency: reads, does not act
    assert client.get(reverse("workbench:spotchecks_detail", args=[plan.pk])).status_code == 200
    assert client.get(lib).status_code == 403
    client.post(reverse("workbench:spotchecks_draw", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.state == "draft"


def test_library_import_page_shows_row_errors(client, check):
    client.force_login(check["editor"])
    url = reverse("workbench:spotchecks_library", args=[check["market"].pk, "targets"])
    rows = target_rows(2) + [["123", "", "", "", ""]]
    page = client.post(url, {"file": sheet(TARGET_HEADER, rows)}).content.decode()
    assert "文件中有 2 处问题" in page and "统一社会信用代码" in page
    assert CheckTarget.objects.filter(is_active=True).count() == 12  # unchanged
    assert client.post(url, {"file": sheet(TARGET_HEADER, target_rows(5))}).status_code == 302
    assert CheckTarget.objects.filter(is_active=True).count() == 5


def test_dashboard_queue_lists_drawn_plans(client, check):
    from sunshine.governance.spotchecks import services

    plan = services.draw_plan(actor=check["editor"], plan=make_plan(check))
    client.force_login(check["editor"])
    page = client.get(reverse("workbench:dashboard")).content.decode()
    assert plan.title in page and "录入并公示抽查结果" in page
    client.force_login(check["env_editor"])
    assert plan.title not in client.get(reverse("workbench:dashboard")).content.decode()
