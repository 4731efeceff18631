"""The ways in: the 政务公开 column links the catalogs; the sitemap lists the published
catalogs and their entries (not an unpublished one)."""

from django.urls import reverse

from sunshine.governance.decisions import services
from sunshine.testing.factories import staff_with


def _entry(province, title, *, publish):
    root = province["root"]
    drafter, head = staff_with("drafter", root), staff_with("approver", root)
    decision = services.create_decision(
        actor=drafter,
        agency=root if publish else province["city"],
        lead_agency=province["transport"],
        title=title,
        level="division",
        year=2026,
    )
    if publish:
        services.publish_catalog(actor=head, catalog=decision.catalog)
    return decision


def test_column_entry_and_sitemap(client, province):
    shown = _entry(province, "全省公路网规划", publish=True)
    hidden = _entry(province, "广州市停车收费调整", publish=False)
    column = client.get(reverse("portal:column", args=["zwgk"])).content.decode()
    assert reverse("portal:decisions_catalogs") in column and "重大行政决策" in column
    sitemap = client.get("/sitemap.xml").content.decode()
    assert reverse("portal:decisions_catalog", args=[shown.agency_id, 2026]) in sitemap
    assert reverse("portal:decisions_detail", args=[shown.pk]) in sitemap
    assert reverse("portal:decisions_detail", args=[hidden.pk]) not in sitemap
