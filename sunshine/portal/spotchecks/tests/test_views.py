import pytest
from django.core.cache import cache
from django.urls import reverse

from sunshine.governance.spotchecks import services
from sunshine.testing.factories.spotchecks import make_plan

pytestmark = pytest.mark.django_db


def test_public_draw_then_results(client, check):
    draft = make_plan(check, title="尚未抽取的计划")
    plan = services.draw_plan(actor=check["editor"], plan=make_plan(check))
    text = client.get(reverse("portal:spotchecks_list")).content.decode()
    assert plan.title in text and "尚未抽取的计划" not in text
    assert client.get(reverse("portal:spotchecks_detail", args=[draft.pk])).status_code == 404
    text = client.get(reverse("portal:spotchecks_detail", args=[plan.pk])).content.decode()
    assert plan.seed_hex in text and plan.inputs_digest in text and "20260924" in text
    assert f"spotcheck_draw {plan.pk} --verify" in text
    assert "检查结果" not in text.split("抽取过程")[0].split("<thead>")[1]  # not yet published
    for row in plan.assignments:
        services.enter_result(
            actor=check["editor"], plan=plan, target_id=row["target"], outcome="case_opened",
            note="无证经营，已立案查处",
        )  # fmt: skip
    services.publish_results(actor=check["editor"], plan=plan)
    cache.clear()  # the anonymous page cache keeps a page for a minute
    text = client.get(reverse("portal:spotchecks_detail", args=[plan.pk])).content.decode()
    assert "发现问题，已立案查处" in text and "无证经营，已立案查处" in text


def test_column_entry_and_query_count(client, check, django_assert_max_num_queries):
    plan = services.draw_plan(actor=check["editor"], plan=make_plan(check, count=6, ratio=None))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("portal:spotchecks_detail", args=[plan.pk]))
    assert page.status_code == 200
    column = client.get(reverse("portal:column", args=["zwgk"])).content.decode()
    assert reverse("portal:spotchecks_list") in column and reverse("portal:powers_list") in column
