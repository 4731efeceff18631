"""政策文件 ↔ 解读 both ways: the record page's 相关解读 box and the 解读 page's link back."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from sunshine.disclosure.interpretations import services
from sunshine.testing.factories.interpretations import interpretation, published_pair

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_record_page_links_its_published_interpretations(client, people):
    record, item = published_pair(people)
    draft = interpretation(people, record, title="尚未发布的解读草稿")
    html = client.get(reverse("portal:records_detail", args=[record.pk])).content.decode()
    url = reverse("portal:interpretations_detail", args=[item.pk])
    assert "相关解读" in html
    assert html.count(f'href="{url}"') == 2  # the box near the title and the panel
    assert item.title in html and draft.title not in html
    back = client.get(url).content.decode()
    assert reverse("portal:records_detail", args=[record.pk]) in back


def test_a_withdrawn_interpretation_leaves_the_box(client, people):
    record, item = published_pair(people)
    services.withdraw_interpretation(interpretation=item, actor=people["approver"], comment="有误")
    html = client.get(reverse("portal:records_detail", args=[record.pk])).content.decode()
    assert "相关解读" not in html and item.title not in html
