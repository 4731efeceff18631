"""公众监督 pages: what is published (and what is not), progress and spending, the 大额资金
summary, and 我要监督: sign-in, refusals that keep the typed text, the per-client rate limit."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.urls import reverse

from sunshine.governance.keyitems import questions, services
from sunshine.governance.keyitems.models import PublicQuestion
from sunshine.kernel.clock import frozen
from sunshine.testing.factories.keyitems import make_project, make_spending

pytestmark = pytest.mark.django_db


@pytest.fixture
def road(kp):
    with frozen(dt.date(2026, 12, 1)):
        item = services.submit_item(actor=kp["editor"], item=make_project(kp))
        services.add_milestone(actor=kp["editor"], item=item, name="施工图设计批复",
                               planned_on=dt.date(2026, 5, 31))  # fmt: skip
        services.record_spending(actor=kp["editor"], item=item, spent_on=dt.date(2026, 4, 15),
                                 amount="86000000", purpose="勘察设计费")  # fmt: skip
    return item


def test_public_pages_show_published_items_only(client, kp, road):
    hidden = services.submit_item(actor=kp["editor"], item=make_project(kp, title="未公开项目",
                                                                         is_public=False))  # fmt: skip
    draft = make_project(kp, title="登记中项目")
    page = client.get(reverse("portal:keyitems_list")).content.decode()
    assert road.title in page and "未公开项目" not in page and "登记中项目" not in page
    assert client.get(reverse("portal:keyitems_detail", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("portal:keyitems_detail", args=[draft.pk])).status_code == 404
    detail = client.get(reverse("portal:keyitems_detail", args=[road.pk])).content.decode()
    assert "施工图设计批复" in detail and "8,600.00 万元" in detail and "我要监督" in detail


def test_large_spending_summary(client, kp):
    with frozen(dt.date(2026, 12, 1)):
        for amount in ("3800000", "1200000"):
            services.submit_item(actor=kp["editor"],
                                 item=make_spending(kp, amount=amount, is_public=True))  # fmt: skip
        services.submit_item(actor=kp["editor"], item=make_spending(kp, amount="9000000"))
    page = client.get(reverse("portal:keyitems_spending")).content.decode()
    assert "500.00 万元" in page  # the two public ones; the unpublished one is not counted


def test_supervise_needs_sign_in_and_keeps_typed_text(client, kp, road):
    url = reverse("portal:keyitems_supervise", args=[road.pk])
    assert client.get(url).status_code == 302
    client.force_login(kp["citizen"])
    refused = client.post(url, {"text": "请看 <a href=x>这里</a> 的材料"})
    body = refused.content.decode()
    assert refused.status_code == 400 and "HTML" in body
    assert "请看 &lt;a href=x&gt;这里&lt;/a&gt; 的材料" in body
    done = client.post(
        url, {"text": "请公开第二标段的征地补偿标准和施工计划。"}, REMOTE_ADDR="198.51.100.9"
    )
    assert done.status_code == 302
    q = PublicQuestion.objects.get()
    assert q.client_address == "198.51.100.9" and q.author == kp["citizen"]
    questions.answer_question(
        actor=kp["own_checker"], question=q, answer="已于12月公开，见厅网站。"
    )
    detail = client.get(reverse("portal:keyitems_detail", args=[road.pk])).content.decode()
    assert "已于12月公开" in detail


def test_supervise_rate_limited_per_client(client, kp, road):
    cache.clear()
    client.force_login(kp["citizen"])
    url = reverse("portal:keyitems_supervise", args=[road.pk])
    for n in range(5):
        assert client.post(url, {"text": f"第{n}个监督意见，请答复。"}).status_code == 302
    sixth = client.post(url, {"text": "第六个监督意见的内容"})
    assert sixth.status_code == 400 and "过于频繁" in sixth.content.decode()
    assert "第六个监督意见的内容" in sixth.content.decode()
    assert PublicQuestion.objects.count() == 5
    # Another client (address) is not limited by the first.
    other = client.post(url, {"text": "来自另一地址的监督意见"}, REMOTE_ADDR="192.0.2.44")
    assert other.status_code == 302
