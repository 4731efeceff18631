import datetime as dt

import pytest
from django.urls import reverse

from sunshine.governance.powers.models import PowerItem
from sunshine.kernel.clock import frozen
from sunshine.testing.factories.powers import ROWS_DEMO, make_item, xlsx_file

pytestmark = pytest.mark.django_db


def test_list_shows_only_own_agency(client, gov):
    make_item(gov["editor"], gov["market"])
    make_item(gov["env_editor"], gov["env"], code="CF-009", kind="penalty", name="对排污的处罚")
    client.force_login(gov["viewer"])
    page = client.get(reverse("workbench:powers_list"))
    assert page.status_code == 200
    assert "食品经营许可" in page.content.decode() and "对排污的处罚" not in page.content.decode()
    env_item = PowerItem.objects.get(code="CF-009")
    assert client.get(reverse("workbench:powers_detail", args=[env_item.pk])).status_code == 404
    # A drafter may read, not edit or import.
    assert client.get(reverse("workbench:powers_create")).status_code == 403
    assert (
        client.get(reverse("workbench:powers_import", args=[gov["market"].pk])).status_code == 403
    )


def test_create_revise_and_repeal_through_pages(client, gov):
    client.force_login(gov["editor"])
    url = reverse("workbench:powers_create")
    bad = client.post(url, {"agency": gov["market"].pk, "code": "QL-1", "kind": "licensing"})
    assert bad.status_code == 200 and "请填写事项名称" in bad.content.decode()
    done = client.post(
        url,
        {
            "agency": gov["market"].pk,
            "code": "QL-1",
            "kind": "licensing",
            "name": "食品经营许可",
            "basis": "《食品安全法》第三十五条",
            "subject": "广东省市场监督管理局",
            "effective_from": "2026-01-01",
        },
    )
    item = PowerItem.objects.get(code="QL-1")
    assert done.status_code == 302 and done["Location"].endswith(f"/powers/{item.pk}/")
    with frozen(dt.datetime(2026, 3, 2, 10, 0)):
        revise = reverse("workbench:powers_revise", args=[item.pk])
        form = client.get(revise)
        assert "《食品安全法》第三十五条" in form.content.decode()  # the current text to edit
        data = {
            "kind": "licensing",
            "name": "食品经营许可",
            "basis": "《食品安全法》第三十五条；《食品经营许可和备案管理办法》",
            "subject": "广东省市场监督管理局",
            "effective_from": "2026-04-01",
            "note": "依据总局令第92号",
        }
        assert client.post(revise, data).status_code == 302
        assert item.versions.count() == 2
        repeal = reverse("workbench:powers_repeal", args=[item.pk])
        refused = client.post(repeal, {"on": "2026-05-01", "note": ""}, follow=True)
        assert "请填写废止依据" in refused.content.decode()
        client.post(repeal, {"on": "2026-05-01", "note": "国务院决定取消"})
    assert item.versions.get(number=2).effective_to == dt.date(2026, 5, 1)


def test_import_page_shows_row_errors_then_imports(client, gov):
    client.force_login(gov["editor"])
    url = reverse("workbench:powers_import", args=[gov["market"].pk])
    bad = [list(ROWS_DEMO[0]), ["JC-1", "检查", "检查类", "", "", "", "", "", "", "", ""]]
    page = client.post(url, {"file": xlsx_file(bad)})
    text = page.content.decode()
    assert "文件中有 3 处问题" in text and "事项类型" in text and "设定依据" in text
    assert PowerItem.objects.count() == 0
    done = client.post(url, {"file": xlsx_file(ROWS_DEMO)})
    assert done.status_code == 302 and PowerItem.objects.count() == 3
    export = client.get(reverse("workbench:powers_export", args=[gov["market"].pk]))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    other = client.get(reverse("workbench:powers_export", args=[gov["env"].pk]))
    assert other.status_code == 404


def test_list_query_count_does_not_grow(client, gov, django_assert_max_num_queries):
    for n in range(15):
        make_item(gov["editor"], gov["market"], code=f"QL-{n:03d}")
    client.force_login(gov["editor"])
    with django_assert_max_num_queries(14):
        assert client.get(reverse("workbench:powers_list")).status_code == 200
