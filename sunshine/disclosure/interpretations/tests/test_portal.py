"""The public pages: 政策解读 list, detail (§10 meta tags, link to the record), files, the
column on the home page. Only published interpretations of public records ever appear."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from sunshine.disclosure.interpretations import services
from sunshine.disclosure.records import services as record_services
from sunshine.testing.factories.interpretations import interpretation, published_pair
from sunshine.testing.factories.records import record_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
LIST = "/zcjd/"


def meta(html: str, name: str) -> str:
    found = re.search(rf'<meta name="{name}" content="([^"]*)"', html)
    return found.group(1) if found else None


def hidden_everywhere(people):
    """Interpretations in every non-public situation, with the titles they carry."""
    pending = record_in("signed_off", people, needs_interpretation=True)
    interpretation(people, pending, title="草稿解读")
    interpretation(people, pending, title="待发布解读", ready=True)
    _gone, withdrawn = published_pair(people)
    services.withdraw_interpretation(
        interpretation=withdrawn, actor=people["approver"], comment="错"
    )
    record_of_withdrawn, item = published_pair(people)
    record_services.withdraw(record=record_of_withdrawn, actor=people["approver"], comment="撤回")
    return [withdrawn, item]


def test_public_never_shows_drafts_ready_or_withdrawn(client, people):
    hidden_items = hidden_everywhere(people)
    _record, shown = published_pair(people)
    html = client.get(LIST).content.decode()
    assert shown.title in html
    assert "草稿解读" not in html and "待发布解读" not in html
    assert html.count('class="tag"') == 1
    for item in hidden_items:
        assert client.get(f"/zcjd/{item.pk}/").status_code == 404
    feed = client.get("/zcjd/feed.atom").content.decode()
    assert feed.count("<entry>") == 1
    home = client.get("/").content.decode()
    assert shown.title in home and "待发布解读" not in home


def test_detail_page_meta_tags_and_link_to_the_record(client, people):
    record, item = published_pair(people, keywords="阳光政务 政务公开")
    response = client.get(f"/zcjd/{item.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert meta(html, "ColumnName") == "政策解读"
    assert meta(html, "ColumnType") == "政策解读"
    assert meta(html, "ArticleTitle") == item.title
    assert meta(html, "PubDate").startswith(f"{item.published_at.astimezone():%Y-%m-%d}")
    assert meta(html, "ContentSource") == "广东省人民政府办公厅"
    assert meta(html, "Author") == "广东省人民政府办公厅"
    assert meta(html, "Keywords") == "阳光政务 政务公开"
    assert meta(html, "Description").startswith("一、出台背景")
    assert meta(html, "Url") == f"http://testserver/zcjd/{item.pk}/"
    assert record.title in html and record.index_number in html
    try:
        record_link = reverse("portal:records_detail", args=[record.pk])
    except Exception:  # the records pages are not mounted yet
        record_link = None
    if record_link:
        assert f'href="{record_link}"' in html
    assert 'aria-current="page">政策解读' in html  # the column is highlighted


def test_graphic_images_and_files_are_served_for_public_ones_only(client, people):
    _record, item = published_pair(people, kind="graphic")
    image = item.attachments.get()
    html = client.get(f"/zcjd/{item.pk}/").content.decode()
    url = f"/zcjd/{item.pk}/files/{image.pk}/"
    assert f'src="{url}"' in html and f'alt="{item.title}"' in html
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(f"/zcjd/{item.pk}/files/999999/").status_code == 404
    # A draft's file is not reachable through a public interpretation's address.
    pending = record_in("signed_off", people)
    other = interpretation(people, pending, kind="graphic")
    assert client.get(f"/zcjd/{item.pk}/files/{other.attachments.get().pk}/").status_code == 404
    assert client.get(f"/zcjd/{other.pk}/files/{other.attachments.get().pk}/").status_code == 404


def test_media_is_embedded_when_it_is_a_file(client, people):
    _record, item = published_pair(people, kind="text")
    record = record_in("signed_off", people, needs_interpretation=True)
    video = interpretation(
        people, record, kind="media", media_url="https://v.gd.gov.cn/jd/2026/01.mp4", ready=True
    )
    from sunshine.testing.factories.interpretations import publish

    publish(record, people["approver"])
    html = client.get(f"/zcjd/{video.pk}/").content.decode()
    assert '<video controls preload="metadata" src="https://v.gd.gov.cn/jd/2026/01.mp4">' in html
    assert "<video" not in client.get(f"/zcjd/{item.pk}/").content.decode()


def test_kind_filter_and_pagination(client, people):
    published_pair(people, kind="text")
    _r, graphic = published_pair(people, kind="graphic")
    html = client.get(LIST + "?kind=graphic").content.decode()
    assert html.count('class="tag"') == 1 and graphic.title in html
    assert client.get(LIST + "?kind=nonsense").status_code == 200
    assert client.get(LIST + "?page=99").status_code == 200


@pytest.mark.parametrize("rows", [1, 6])
def test_list_query_count_does_not_grow(client, people, rows, django_assert_max_num_queries):
    for _ in range(rows):
        published_pair(people)
    cache.clear()
    with django_assert_max_num_queries(4):
        response = client.get(LIST)
    assert response.content.decode().count('class="tag"') == rows


def test_detail_query_count(client, people, django_assert_max_num_queries):
    record, item = published_pair(people, kind="graphic")
    interpretation(people, record, ready=True)  # ready after publication: not public
    cache.clear()
    with django_assert_max_num_queries(5):
        assert client.get(f"/zcjd/{item.pk}/").status_code == 200


def test_anonymous_pages_are_cached_but_leave_with_the_record(client, people):
    record, item = published_pair(people)
    assert client.get(f"/zcjd/{item.pk}/").status_code == 200
    record_services.withdraw(record=record, actor=people["approver"], comment="撤回")
    cache.clear()  # the page cache lives CACHE_SECONDS; after that the page is gone
    assert client.get(f"/zcjd/{item.pk}/").status_code == 404
