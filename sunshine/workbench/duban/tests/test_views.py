"""The 督办 pages of the workbench with a signed-in client."""

import pytest
from django.urls import reverse

from sunshine.kernel.duban.models import SupervisionOrder
from sunshine.kernel.notify.models import Notification
from sunshine.testing.factories import TEST_KIND

pytestmark = pytest.mark.django_db


def new_url(supervised_item):
    return reverse("workbench:oversight_new") + f"?kind={TEST_KIND}&id={supervised_item.pk}"


def test_only_supervisors_issue(client, supervised_item, duban_people):
    client.force_login(duban_people["drafter"])
    assert client.get(new_url(supervised_item)).status_code == 403
    client.force_login(duban_people["supervisor"])
    assert client.get(reverse("workbench:oversight_new") + "?kind=nothing&id=1").status_code == 404
    assert (
        client.get(reverse("workbench:oversight_new") + f"?kind={TEST_KIND}&id=0").status_code
        == 404
    )
    page = client.get(new_url(supervised_item))
    assert page.status_code == 200 and f"事项 {supervised_item.name}" in page.content.decode()


def test_issue_respond_close_through_the_pages(
    client, supervised_item, duban_people, django_assert_max_num_queries
):
    client.force_login(duban_people["supervisor"])
    response = client.post(new_url(supervised_item), {"reason": "", "response_days": "3"})
    assert "请填写督办事由" in response.content.decode()
    response = client.post(
        new_url(supervised_item), {"reason": "请尽快答复", "response_days": "40"}
    )
    assert "不能超过 15" in response.content.decode()
    assert "请尽快答复" in response.content.decode()  # text kept
    response = client.post(new_url(supervised_item), {"reason": "请尽快答复", "response_days": "3"})
    order = SupervisionOrder.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "workbench:oversight_detail", args=[order.pk]
    )
    # the agency's staff find it in their inbox and in the 督办 list
    assert Notification.objects.filter(
        recipient=duban_people["drafter"], object_id=str(order.pk)
    ).exists()
    client.force_login(duban_people["drafter"])
    with django_assert_max_num_queries(12):
        listing = client.get(reverse("workbench:oversight_list") + "?box=mine")
    assert order.title in listing.content.decode()
    detail = client.get(reverse("workbench:oversight_detail", args=[order.pk])).content.decode()
    assert "反馈办理情况" in detail and "办结督办" not in detail
    act = reverse("workbench:oversight_act", args=[order.pk, "respond"])
    assert client.post(act, {"respond-text": ""}).status_code == 200
    assert client.post(act, {"respond-text": "已答复"}).status_code == 302
    order.refresh_from_db()
    assert order.state == "responded"
    # closing is for the supervisor
    close = reverse("workbench:oversight_act", args=[order.pk, "close"])
    assert client.post(close, {"close-verdict": "好"}).status_code == 403
    client.force_login(duban_people["supervisor"])
    assert client.post(close, {"close-verdict": "办理到位"}).status_code == 302
    order.refresh_from_db()
    assert order.state == "closed"
    # another agency does not see it
    client.force_login(duban_people["other"])
    assert client.get(reverse("workbench:oversight_detail", args=[order.pk])).status_code == 404
