"""问责结果通报 on the portal: only closed 通报批评 cases published by the general office, with
the masked notice and never the internal record."""

import pytest
from django.urls import reverse

from sunshine.governance.accountability import services
from sunshine.testing.factories.accountability import case_in, make_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def acc(province):
    return make_people(province)


def test_published_notice_only(client, acc):
    published = case_in(
        "closed",
        acc,
        outcomes=("circulated_criticism", "interview"),
        facts="内部线索：经办人李四",
        responsible_persons="李四",
    )
    services.publish(
        actor=acc.supervisor,
        case=published,
        summary="经查，该厅未按期答复网民留言（联系电话13812345678），予以通报批评。",
    )
    unpublished = case_in("closed", acc, outcomes=("circulated_criticism",))
    interview = case_in("closed", acc, outcomes=("interview",))
    page = client.get(reverse("portal:accountability_list")).content.decode()
    assert reverse("portal:accountability_detail", args=[published.pk]) in page
    for hidden in (unpublished, interview):
        assert reverse("portal:accountability_detail", args=[hidden.pk]) not in page
        url = reverse("portal:accountability_detail", args=[hidden.pk])
        assert client.get(url).status_code == 404
    detail = client.get(reverse("portal:accountability_detail", args=[published.pk]))
    html = detail.content.decode()
    assert "予以通报批评" in html and "约谈、通报批评" in html and "广东省交通运输厅" in html
    for secret in ("13812345678", "李四", "内部线索"):
        assert secret not in html
    assert client.get("/wztb/abc/").status_code == 404


def test_empty_list(client, db):
    assert "暂无问责结果通报" in client.get(reverse("portal:accountability_list")).content.decode()
