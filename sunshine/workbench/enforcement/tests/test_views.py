"""行政执法公示 in the workbench: register (a refused form keeps what was typed), 法制审核 of a
重大执法决定, decide, publish, withdraw and a 执法全过程记录 with a file, through the pages; the
timeliness page; scope."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sunshine.governance.enforcement.models import EnforcementDecision
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.files.models import Attachment
from sunshine.testing.factories.enforcement import penalty_data
from sunshine.testing.factories.kernel import staff_with

pytestmark = pytest.mark.django_db


def _form(gov, **over):
    data = penalty_data("粤交罚〔2026〕31号", n=31) | {"agency": gov["market"].pk, "is_major": "on"}
    data["penalty_categories"] = ["fine", "revoke_license"]
    return data | over


def _act(client, d, act, **data):
    return client.post(reverse("workbench:enforcement_act", args=[d.pk, act]), data)


def test_a_major_penalty_from_registration_to_withdrawal(client, gov, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    reviewer = staff_with(Role.REVIEWER, gov["market"], display_name="法制科")
    client.force_login(gov["editor"])
    url = reverse("workbench:enforcement_create")
    bad = client.post(url, _form(gov, credit_code="91440100MA59XXXXX1"))
    html = bad.content.decode()
    assert bad.status_code == 200 and "统一社会信用代码" in html
    assert "当事人未取得道路运输经营许可" in html  # what was typed is still there
    response = client.post(url, _form(gov))
    d = EnforcementDecision.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "workbench:enforcement_detail", args=[d.pk]
    )
    page = client.get(response.url).content.decode()
    assert "送法制审核" in page and "记录决定日期" not in page  # no decision before the review
    assert _act(client, d, "request_review", note="拟吊销").status_code == 302
    client.force_login(reviewer)
    refused = _act(client, d, "review", outcome="returned", opinion="")
    assert refused.status_code == 422 and "此项必填" in refused.content.decode()
    assert _act(client, d, "review", outcome="approved", opinion="同意").status_code == 302
    client.force_login(gov["editor"])
    today = dt.date.today().isoformat()
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    refused = _act(client, d, "decide", decided_on=future)
    assert refused.status_code == 422 and "不能晚于今天" in refused.content.decode()
    assert f'value="{future}"' in refused.content.decode()
    assert _act(client, d, "decide", decided_on=today).status_code == 302
    upload = SimpleUploadedFile("送达回证.txt", "送达回证：当事人已签收。".encode(), "text/plain")
    assert (
        _act(client, d, "record", stage="service", text="直接送达", files=upload).status_code == 302
    )
    assert Attachment.objects.filter(original_name="送达回证.txt").exists()
    assert _act(client, d, "publish").status_code == 302
    d.refresh_from_db()
    assert d.state == "published" and d.published_late is False
    assert client.get(reverse("portal:enforcement_detail", args=[d.pk])).status_code == 200
    assert (
        _act(client, d, "withdraw", revoked_on=today, reason="经行政复议被撤销").status_code == 302
    )
    d.refresh_from_db()
    assert d.state == "withdrawn"
    timeliness = client.get(reverse("workbench:enforcement_timeliness")).content.decode()
    assert "广东省市场监督管理局" in timeliness and "100.0%" in timeliness


def test_other_agencies_and_readers(client, gov):
    from sunshine.governance.enforcement import services

    d = services.register(actor=gov["editor"], agency=gov["market"], **penalty_data(n=40))
    client.force_login(gov["env_editor"])
    assert client.get(reverse("workbench:enforcement_detail", args=[d.pk])).status_code == 404
    assert _act(client, d, "publish").status_code == 404
    client.force_login(gov["viewer"])  # a drafter: sees and decides, may not publish
    page = client.get(reverse("workbench:enforcement_detail", args=[d.pk])).content.decode()
    assert "记录决定日期" in page
    listing = client.get(reverse("workbench:enforcement_list"), {"q": "擅自"}).content.decode()
    assert d.doc_number in listing
