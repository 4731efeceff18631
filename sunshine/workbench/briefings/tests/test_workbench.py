"""Staff briefing pages: schedule, speakers, policies, held, transcript, publish, files; the
coverage page per year and scope; other agencies refused."""

from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.kernel import clock
from sunshine.participation.briefings.models import Briefing
from sunshine.testing.factories import staff_with
from sunshine.testing.factories.briefings import briefing, public_record

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_schedule_to_publish_through_the_pages(client, officer, province):
    record = public_record(province["transport"])
    client.force_login(officer)
    with clock.frozen(datetime(2026, 6, 1, tzinfo=UTC)):
        response = client.post(
            "/workbench/briefings/new/",
            {
                "agency": province["transport"].pk,
                "kind": "policy_briefing",
                "title": "厅长解读《普通公路养护管理》",
                "scheduled_at": "2026-06-18T10:00",
                "place": "新闻发布厅",
                "online_url": "",
                "summary": "",
            },
        )
        item = Briefing.objects.get()
        assert response["Location"] == f"/workbench/briefings/{item.pk}/"
        form = {
            "s-TOTAL_FORMS": "2", "s-INITIAL_FORMS": "0", "s-MIN_NUM_FORMS": "0",
            "s-MAX_NUM_FORMS": "20",
            "s-0-name": "李明", "s-0-post": "厅长", "s-0-agency": province["transport"].pk,
            "s-0-is_principal_leader": "on",
            "s-1-name": "", "s-1-post": "", "s-1-agency": "",
        }  # fmt: skip
        client.post(f"/workbench/briefings/{item.pk}/speakers/", form)
        assert item.speakers.get().is_principal_leader
        response = client.post(
            f"/workbench/briefings/{item.pk}/policies/", {"policies": "不存在/2026-00001"}
        )
        assert "不存在或未主动公开" in response.content.decode()
        client.post(f"/workbench/briefings/{item.pk}/policies/", {"policies": record.index_number})
        assert list(item.policies.all()) == [record]
    with clock.frozen(datetime(2026, 6, 19, tzinfo=UTC)):
        client.post(f"/workbench/briefings/{item.pk}/held/")
        response = client.post(
            f"/workbench/briefings/{item.pk}/record/",
            {"transcript": "李明：……", "video": "ftp://bad", "audio": "", "photo": ""},
        )
        assert "http" in response.content.decode() and "ftp://bad" in response.content.decode()
        client.post(
            f"/workbench/briefings/{item.pk}/record/",
            {
                "transcript": "李明：各位好。",
                "video": "https://v.example.cn/a.mp4",
                "audio": "",
                "photo": "",
            },
        )
        upload = SimpleUploadedFile("发布稿.txt", "发布稿全文".encode(), content_type="text/plain")
        client.post(f"/workbench/briefings/{item.pk}/files/", {"file": upload})
        client.post(f"/workbench/briefings/{item.pk}/publish/")
    item.refresh_from_db()
    assert item.state == "published" and item.media_links == [
        {"kind": "video", "url": "https://v.example.cn/a.mp4"}
    ]
    assert item.attachments.count() == 1
    html = client.get(f"/xwfbh/{item.pk}/").content.decode()
    assert "发布稿.txt" in html and "李明：各位好。" in html


def test_other_agency_refused(client, officer, province):
    item = briefing(officer, province["transport"], state="scheduled")
    client.force_login(staff_with("disclosure_officer", province["county"]))
    assert client.get(f"/workbench/briefings/{item.pk}/").status_code == 404
    assert client.post(f"/workbench/briefings/{item.pk}/held/").status_code == 404


def test_coverage_page_by_year_and_scope(client, officer, province, django_assert_max_num_queries):
    with clock.frozen(datetime(2026, 12, 1, tzinfo=UTC)):
        briefing(officer, province["transport"], principal=province["transport"])
        briefing(
            officer, province["transport"], principal=province["city"],
            when=datetime(2025, 5, 1, tzinfo=UTC), title="2025年",
        )  # fmt: skip
        supervisor = staff_with("supervisor", province["office"])
        client.force_login(supervisor)
        with django_assert_max_num_queries(10):
            html = client.get("/workbench/briefings/coverage/").content.decode()
        assert "2026年有 3 个单位主要负责人尚未宣讲" in html
        assert province["county"].name in html
        assert f'data-agency="{province["office"].pk}"' not in html
        html = client.get("/workbench/briefings/coverage/?year=2025").content.decode()
        assert (
            f'data-agency="{province["city"].pk}"><td>{province["city"].name}</td><td class="num">1'
            in html
        )
        client.force_login(officer)
        html = client.get("/workbench/briefings/coverage/").content.decode()
        assert "已宣讲" in html and province["county"].name not in html
        client.force_login(staff_with("drafter", province["transport"]))
        assert client.get("/workbench/briefings/coverage/").status_code == 403
