"""The 公开答复库 on the portal: list (search box, agency filter), detail, released file, Atom feed,
site search, sitemap; a withdrawn answer leaves all of them; the application form points to a
matching answer and keeps what was typed; the consent on the applicant's own page."""

import datetime as dt
from xml.etree import ElementTree

import pytest
from django.core.cache import cache

from sunshine.disclosure.answers import services
from sunshine.disclosure.foi.models import InfoRequest
from sunshine.testing.factories import CitizenFactory, make_id_number
from sunshine.testing.factories.answers import NAME, PHONE, released_file, replied
from sunshine.testing.factories.foi import online_form

D = dt.date
pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def published(transport, officer):
    request = replied(transport, officer)
    released_file(request, officer=officer)
    return services.publish_answer(request=request, actor=officer)


def test_list_detail_file_feed_search_and_sitemap(client, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        page = client.get("/ysqgk/gkdf/").content.decode()
    assert published.title in page and "广东省交通运输厅" in page and NAME not in page
    page = client.get("/ysqgk/gkdf/?q=农村公路").content.decode()
    assert f"/ysqgk/gkdf/{published.pk}/" in page and "<mark>" in page
    page = client.get("/ysqgk/gkdf/?q=高速公路统计公报").content.decode()
    assert f"/ysqgk/gkdf/{published.pk}/" not in page and "暂无符合条件的公开答复" in page
    page = client.get(f"/ysqgk/gkdf/?agency={published.agency_id}").content.decode()
    assert f"/ysqgk/gkdf/{published.pk}/" in page

    detail = client.get(f"/ysqgk/gkdf/{published.pk}/").content.decode()
    assert "予以公开" in detail and NAME not in detail and PHONE not in detail
    item = published.answer_files.get()
    response = client.get(f"/ysqgk/gkdf/{published.pk}/files/{item.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4 released copy")

    feed = client.get("/ysqgk/gkdf/feed.atom")
    assert feed["Content-Type"].startswith("application/xml")
    root = ElementTree.fromstring(feed.content)
    titles = [e.find(f"{ATOM}title").text for e in root.iter(f"{ATOM}entry")]
    assert titles == [published.title]

    search = client.get("/search/?q=农村公路&type=foi_answer").content.decode()
    assert f"/ysqgk/gkdf/{published.pk}/" in search and "公开答复" in search
    assert f"/ysqgk/gkdf/{published.pk}/" in client.get("/sitemap.xml").content.decode()


def test_a_file_whose_released_copy_changed_is_not_served(client, published):
    item = published.answer_files.get()
    type(item.released_file).objects.filter(pk=item.released_file_id).update(sha256="0" * 64)
    assert client.get(f"/ysqgk/gkdf/{published.pk}/files/{item.pk}/").status_code == 404


def test_withdrawn_leaves_list_detail_feed_search_and_sitemap(client, published, officer):
    item = published.answer_files.get()
    services.withdraw_answer(answer=published, actor=officer, reason="申请人撤回同意")
    cache.clear()  # the anonymous page cache keeps a list for a minute
    assert published.title not in client.get("/ysqgk/gkdf/").content.decode()
    assert client.get(f"/ysqgk/gkdf/{published.pk}/").status_code == 404
    assert client.get(f"/ysqgk/gkdf/{published.pk}/files/{item.pk}/").status_code == 404
    root = ElementTree.fromstring(client.get("/ysqgk/gkdf/feed.atom").content)
    assert list(root.iter(f"{ATOM}entry")) == []
    search = client.get("/search/?q=农村公路").content.decode()
    assert f"/ysqgk/gkdf/{published.pk}/" not in search
    assert f"/ysqgk/gkdf/{published.pk}/" not in client.get("/sitemap.xml").content.decode()


def _form(**overrides):
    values = {
        "description": "请提供2025年全省农村公路建设补助资金的分配明细表",
        "publish_consent": "on",
    }
    return online_form(**{**values, **overrides})


def test_the_form_points_to_a_matching_answer_and_keeps_the_text(client, published, transport):
    citizen = CitizenFactory(display_name="赵一鸣", id_number=make_id_number(7))
    client.force_login(citizen)
    url = f"/ysqgk/{transport.pk}/apply/"
    form = client.get(url).content.decode()
    assert "同意在去除个人信息后公开本申请的答复及提供的信息" in form
    assert (
        'name="publish_consent"' in form
        and "checked" not in form.split('name="publish_consent"')[1][:40]
    )
    response = client.post(url, _form())
    page = response.content.decode()
    assert (
        response.status_code == 200 and not InfoRequest.objects.filter(applicant=citizen).exists()
    )
    assert "已有公开答复，可直接查看" in page and "仍要提交" in page
    assert f"/ysqgk/gkdf/{published.pk}/" in page
    assert "请提供2025年全省农村公路建设补助资金的分配明细表" in page and "zhao@example.com" in page
    confirm = page.split('name="confirm_submit" value="')[1].split('"')[0]
    # A changed description is checked again (the confirmation was for the other text).
    changed = _form(description="2025年度全省农村公路建设补助资金分配情况（各县区明细）",
                    confirm_submit=confirm)  # fmt: skip
    assert "已有公开答复" in client.post(url, changed).content.decode()
    response = client.post(url, _form(confirm_submit=confirm))
    created = InfoRequest.objects.get(applicant=citizen)
    assert response.status_code == 302 and created.publish_consent is True
    mine = client.get(f"/ysqgk/my/{created.pk}/").content.decode()
    assert "同意在去除个人信息后公开答复及提供的信息" in mine


def test_no_matching_answer_submits_at_once(client, published, transport):
    citizen = CitizenFactory(display_name="赵一鸣", id_number=make_id_number(7))
    client.force_login(citizen)
    data = _form(description="2024年度全省高速公路收费公路统计公报", publish_consent="")
    response = client.post(f"/ysqgk/{transport.pk}/apply/", data)
    created = InfoRequest.objects.get(applicant=citizen)
    assert response.status_code == 302 and created.publish_consent is False
    mine = client.get(f"/ysqgk/my/{created.pk}/").content.decode()
    assert "不同意公开" in mine
