"""Public briefing pages: list (query count), detail with transcript, media and linked public
policies, the 相关发布会/访谈 panel on the record's page, the 新闻发布 column."""

from datetime import UTC, datetime

import pytest

from sunshine.kernel import clock
from sunshine.participation.briefings import services
from sunshine.testing.factories.briefings import briefing, public_record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_list_in_few_queries(client, officer, province, django_assert_max_num_queries):
    with clock.frozen(datetime(2026, 7, 1, tzinfo=UTC)):
        for i in range(5):
            briefing(
                officer, province["transport"], principal=province["transport"], title=f"发布会{i}"
            )
        briefing(
            officer, province["transport"], state="scheduled", kind="interview", title="访谈预告"
        )
    with django_assert_max_num_queries(8):
        response = client.get("/xwfbh/")
    html = response.content.decode()
    assert html.count("发布会") >= 5 and "访谈预告" in html and "李明（厅长）" in html
    assert "访谈预告" in client.get("/xwfbh/?kind=interview").content.decode()
    assert "发布会0" not in client.get("/xwfbh/?kind=interview").content.decode()


def test_detail_shows_transcript_media_and_public_policies_only_when_published(
    client, officer, province
):
    record = public_record(province["transport"])
    with clock.frozen(datetime(2026, 7, 1, tzinfo=UTC)):
        item = briefing(officer, province["transport"], principal=province["transport"])
        services.link_policies(actor=officer, briefing=item, records=[record.pk])
        upcoming = briefing(officer, province["transport"], state="held", title="已举行未发布")
        services.save_record(
            actor=officer, briefing=upcoming, transcript="内部草稿实录", media_links=[]
        )
    html = client.get(f"/xwfbh/{item.pk}/").content.decode()
    assert "上半年全省交通运输经济运行稳中有进" in html
    assert "https://video.example.gov.cn/fb/2026-06.mp4" in html
    assert record.title in html and f"/zcwj/{record.pk}/" in html
    assert "主要负责人" in html
    draft_html = client.get(f"/xwfbh/{upcoming.pk}/").content.decode()
    assert "内部草稿实录" not in draft_html and "正在整理" in draft_html
    record_page = client.get(f"/zcwj/{record.pk}/").content.decode()
    assert "相关发布会/访谈" in record_page and f"/xwfbh/{item.pk}/" in record_page
    assert client.get("/xwfbh/999999/").status_code == 404


def test_column_xwfb_on_home(client, officer, province):
    with clock.frozen(datetime(2026, 7, 1, tzinfo=UTC)):
        item = briefing(officer, province["transport"], principal=province["transport"])
    from sunshine.portal.columns import column_items

    class R:
        site = None

    assert any(i.title == item.title for i in column_items(R(), "xwfb", 8))
