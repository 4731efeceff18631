"""The catalog on the decision page: publish the year's 决策事项目录, adjust an entry (a reason
once the catalog is public, shown publicly), move one out of the catalog."""

import pytest
from django.urls import reverse

from sunshine.governance.decisions import services
from sunshine.governance.decisions.models import CatalogAdjustment, Decision
from sunshine.testing.factories import staff_with


@pytest.fixture
def setup(province):
    root = province["root"]
    drafter = staff_with("drafter", root)
    head = staff_with("approver", root)
    decision = services.create_decision(
        actor=drafter,
        agency=root,
        lead_agency=province["transport"],
        title="全省公路网规划",
        level="division",
        year=2026,
    )
    return drafter, head, decision


def url(name, *args):
    return reverse(f"workbench:{name}", args=args)


def test_publish_the_catalog_then_adjust_with_a_reason_and_remove(client, setup, province):
    drafter, head, decision = setup
    client.force_login(drafter)
    page = client.get(url("decisions_detail", decision.pk)).content.decode()
    assert "公布2026年度决策事项目录" not in page  # the drafter may not publish
    client.force_login(head)
    page = client.get(url("decisions_detail", decision.pk)).content.decode()
    assert "公布2026年度决策事项目录" in page
    assert client.post(url("decisions_publish_catalog", decision.pk)).status_code == 302
    decision.refresh_from_db()
    assert decision.catalog.published_at is not None
    client.force_login(drafter)
    fields = {
        "title": "全省公路网规划（2026—2035年）",
        "lead_agency": province["transport"].pk,
        "level": "division",
        "planned_date": "2026-11-30",
    }
    refused = client.post(url("decisions_adjust", decision.pk), fields)
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "目录已公布，调整须填写理由" in body and "全省公路网规划（2026—2035年）" in body
    done = client.post(url("decisions_adjust", decision.pk), {**fields, "reason": "规划期调整"})
    assert done.status_code == 302
    decision.refresh_from_db()
    assert decision.title == "全省公路网规划（2026—2035年）"
    adjustment = CatalogAdjustment.objects.get(decision=decision)
    assert adjustment.reason == "规划期调整" and "planned_date" in adjustment.changes
    refused = client.post(url("decisions_remove", decision.pk), {"reason": ""})
    assert refused.status_code == 400 and "此项必填" in refused.content.decode()
    client.post(url("decisions_remove", decision.pk), {"reason": "并入综合交通规划"})
    assert Decision.objects.get(pk=decision.pk).listed is False
    public = client.get(
        reverse("portal:decisions_catalog", args=[decision.agency_id, 2026])
    ).content.decode()
    assert "并入综合交通规划" in public and "规划期调整" in public


def test_the_catalogs_page_counts_entries_downloads_and_publishes(client, setup, province):
    import io

    from openpyxl import load_workbook

    drafter, head, decision = setup
    services.create_decision(
        actor=drafter,
        agency=province["root"],
        lead_agency=province["transport"],
        title='=HYPERLINK("http://x")',  # typed text that looks like a formula
        level="leader",
        year=2026,
    )
    client.force_login(drafter)
    page = client.get(url("decisions_catalogs")).content.decode()
    assert "广东省人民政府" in page and "未公布" in page
    assert "公布广东省人民政府2026年度目录" not in page  # the drafter may not publish
    assert url("decisions_catalogs") in client.get(url("decisions_list")).content.decode()
    catalog = decision.catalog
    answer = client.get(url("decisions_catalog_xlsx", catalog.pk))  # before publication too
    assert answer.status_code == 200
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["全省公路网规划", '\'=HYPERLINK("http://x")']
    assert rows[1][4] == "合法性审查"
    client.force_login(head)
    page = client.get(url("decisions_catalogs")).content.decode()
    assert "公布广东省人民政府2026年度目录" in page
    done = client.post(url("decisions_catalog_publish", catalog.pk))
    assert done.status_code == 302 and done["Location"] == url("decisions_catalogs")
    catalog.refresh_from_db()
    assert catalog.published_at is not None
    again = client.post(url("decisions_catalog_publish", catalog.pk), follow=True)
    assert "该目录已公布" in again.content.decode()
    outsider = staff_with("drafter", province["city"])
    client.force_login(outsider)
    assert "全省公路网规划" not in client.get(url("decisions_catalogs")).content.decode()
    assert client.get(url("decisions_catalog_xlsx", catalog.pk)).status_code == 404
