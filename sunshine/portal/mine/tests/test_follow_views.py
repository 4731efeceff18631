"""The 关注 button on a record page: a visitor by e-mail (double opt-in, a refusal keeps the
address typed), a signed-in citizen in one click, then 取消关注."""

import re

import pytest

from sunshine.kernel.notify.models import Delivery, Subscription
from sunshine.testing.factories import CitizenFactory
from sunshine.testing.factories.records import record_in

pytestmark = pytest.mark.django_db


def _form(html: str) -> dict:
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    action = re.search(r'<form method="post" action="([^"]+)" class="follow__form"', html).group(1)
    return {"action": action, "token": token}


def test_a_visitor_follows_a_record_by_email_and_a_citizen_in_one_click(client):
    record = record_in("published", title="关于推进政务公开的通知")
    page = client.get(f"/zcwj/{record.pk}/")
    assert page.status_code == 200
    form = _form(page.content.decode())
    refused = client.post(form["action"], {"token": form["token"], "email": "不是邮箱@"})
    assert refused.status_code == 400
    assert 'value="不是邮箱@"' in refused.content.decode()  # what was typed is kept
    forged = client.post(form["action"], {"token": form["token"] + "x", "email": "a@b.cn"})
    assert forged.status_code == 400 and not Subscription.objects.exists()
    done = client.post(
        form["action"],
        {"token": form["token"], "email": "Reader@Example.com", "next": f"/zcwj/{record.pk}/"},
    )
    assert done.status_code == 302 and done["Location"] == f"/zcwj/{record.pk}/"
    sub = Subscription.objects.get()
    assert (sub.topic, sub.email, sub.confirmed) == (
        f"record.{record.pk}",
        "reader@example.com",
        False,
    )
    assert sub.label == "关于推进政务公开的通知"
    assert Delivery.objects.get().subject == "请确认订阅：关于推进政务公开的通知"

    citizen = CitizenFactory(email="wang@example.cn")
    client.force_login(citizen)
    form = _form(client.get(f"/zcwj/{record.pk}/").content.decode())
    client.post(form["action"], {"token": form["token"], "action": "follow"})
    mine = Subscription.objects.get(user=citizen)
    assert (mine.topic, mine.channel, mine.enabled) == (f"record.{record.pk}", "email", True)
    page = client.get(f"/zcwj/{record.pk}/").content.decode()
    assert "取消关注" in page
    client.post(form["action"], {"token": form["token"], "action": "unfollow"})
    mine.refresh_from_db()
    assert not mine.enabled


def test_the_button_is_on_the_consultation_dataset_and_column_pages(client):
    from sunshine.kernel.notify.follow import read_follow_token
    from sunshine.testing.factories import AgencyFactory, staff_with
    from sunshine.testing.factories.consultations import make_consultation
    from sunshine.testing.factories.opendata import make_dataset

    agency = AgencyFactory()
    consultation = make_consultation(agency)
    dataset = make_dataset(staff_with("agency_admin", agency), agency)
    for url, topic in (
        (f"/zjyj/{consultation.pk}/", f"consultation.{consultation.pk}"),
        (f"/sjkf/{dataset.name}/", f"dataset.{dataset.pk}"),
        ("/column/zcwj/", "column.zcwj"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert read_follow_token(_form(response.content.decode())["token"])[0] == topic
