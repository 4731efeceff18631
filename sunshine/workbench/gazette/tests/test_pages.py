"""The gazette's staff pages: issues, creating one, picking public records, ordering,
publishing, the PDF, and uploading and correcting an old issue."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.disclosure.gazette import services
from sunshine.disclosure.gazette.models import GazetteIssue
from sunshine.disclosure.gazette.tasks import generate_pdf_task, process_historical_task
from sunshine.disclosure.gazette.testing import TEXT_ARTICLES, text_pages_pdf
from sunshine.testing.factories.gazette import make_issue

pytestmark = pytest.mark.usefixtures("media")  # stored files go to a temporary MEDIA_ROOT

WB = "/workbench/gazette/"


@pytest.fixture
def editor(client, gazette_people):
    client.force_login(gazette_people["editor"])
    return client


def test_list_scope_and_queries(
    client, gazette_people, gazette_issue, django_assert_max_num_queries
):
    client.force_login(gazette_people["outsider"])
    assert gazette_issue.pk and "2026年第1期" not in client.get(WB).content.decode()
    assert client.get(f"{WB}{gazette_issue.pk}/").status_code == 404
    client.force_login(gazette_people["editor"])
    with django_assert_max_num_queries(10):
        page = client.get(WB)
    assert "2026年第1期" in page.content.decode() and "新建一期" in page.content.decode()
    for number in range(2, 8):
        make_issue(gazette_people, number=number)
    with django_assert_max_num_queries(10):
        assert "2026年第7期" in client.get(WB).content.decode()
    client.force_login(gazette_people["office_drafter"])  # may look, not create
    assert "新建一期" not in client.get(WB).content.decode()
    assert client.get(f"{WB}new/").status_code == 403


def test_compile_and_publish(
    editor, client, gazette_people, gazette_records, django_assert_max_num_queries
):
    response = editor.post(
        f"{WB}new/",
        {
            "agency": gazette_people["province"]["office"].pk,
            "year": 2026,
            "number": 9,
            "total_number": "",
            "publication_date": "2026-11-20",
            "cover_note": "",
        },
    )
    gazette_issue = GazetteIssue.objects.get(year=2026, number=9)
    assert response.status_code == 302 and response.url == f"{WB}{gazette_issue.pk}/"
    again = editor.post(
        f"{WB}new/",
        {"agency": gazette_people["province"]["office"].pk, "year": 2026, "number": 9,
         "publication_date": "2026-11-20"},
    )  # fmt: skip
    assert "2026年第9期已存在" in again.content.decode()

    found = editor.get(f"{WB}{gazette_issue.pk}/", {"q": "粤府办〔2026〕2号"}).content.decode()
    assert gazette_records[1].title in found and gazette_records[0].title not in found
    for record in gazette_records:
        editor.post(f"{WB}{gazette_issue.pk}/records/", {"record": record.pk, "q": "x"})
    first, second = gazette_issue.articles.all()
    assert [first.record_id, second.record_id] == [gazette_records[0].pk, gazette_records[1].pk]
    editor.post(f"{WB}{gazette_issue.pk}/articles/{second.pk}/move/", {"direction": "up"})
    assert list(gazette_issue.articles.values_list("pk", flat=True)) == [second.pk, first.pk]
    editor.post(f"{WB}{gazette_issue.pk}/articles/{first.pk}/section/", {"section": "部门文件"})
    first.refresh_from_db()
    assert first.section == "部门文件"
    for i in range(3):
        from sunshine.testing.factories.gazette import public_record

        more = public_record(gazette_people, f"广东省人民政府办公厅关于第{i}项工作的通知")
        services.add_record(issue=gazette_issue, record=more, actor=gazette_people["editor"])
    with django_assert_max_num_queries(20):
        page = editor.get(f"{WB}{gazette_issue.pk}/").content.decode()
    assert "发布本期" in page and "关于第2项工作的通知" in page

    client.force_login(gazette_people["office_approver"])
    response = client.post(f"{WB}{gazette_issue.pk}/do/publish/", {"comment": "按期出版"})
    gazette_issue.refresh_from_db()
    assert response.status_code == 302 and gazette_issue.state == "published"
    assert client.get(f"{WB}{gazette_issue.pk}/pdf/").status_code == 404
    generate_pdf_task.call(gazette_issue.pk)
    pdf = client.get(f"{WB}{gazette_issue.pk}/pdf/")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    # Unpublishing needs a reason; the message says so.
    page = client.post(f"{WB}{gazette_issue.pk}/do/unpublish/", {"comment": ""}, follow=True)
    assert "请填写意见或理由" in page.content.decode()


def test_upload_and_correct_an_old_issue(editor, gazette_people):
    response = editor.post(
        f"{WB}new/",
        {
            "agency": gazette_people["province"]["office"].pk,
            "year": 2003,
            "number": 5,
            "publication_date": "2003-05-20",
            "historical": "on",
        },
    )
    gazette_issue = GazetteIssue.objects.get(year=2003, number=5)
    assert response.url == f"{WB}{gazette_issue.pk}/upload/"
    bad = editor.post(
        f"{WB}{gazette_issue.pk}/upload/", {"file": SimpleUploadedFile("a.txt", "纯文本".encode())}
    )
    assert "请上传 PDF" in bad.content.decode()
    upload = SimpleUploadedFile("2003-05.pdf", text_pages_pdf(), content_type="application/pdf")
    assert editor.post(f"{WB}{gazette_issue.pk}/upload/", {"file": upload}).status_code == 302
    gazette_issue.refresh_from_db()
    page = editor.get(f"{WB}{gazette_issue.pk}/").content.decode()
    assert "排队中" in page and "尚未处理完毕" in page
    process_historical_task.call(gazette_issue.pk, gazette_issue.source_attachment_id)
    page = editor.get(f"{WB}{gazette_issue.pk}/").content.decode()
    assert all(a.title in page for a in TEXT_ARTICLES) and "已完成" in page
    assert "依法查处违法行为" in editor.get(f"{WB}{gazette_issue.pk}/pages/").content.decode()

    first, second = gazette_issue.articles.all()
    url = f"{WB}{gazette_issue.pk}/articles/{first.pk}/"
    form = editor.get(url).content.decode()
    assert "拆为两篇" in form and "水行政主管部门" in form
    editor.post(
        url,
        {"title": "关于加强河道管理工作的通知", "doc_number": "粤府(2003)12号",
         "section": "省政府文件", "page_start": 2, "page_end": 2, "body": first.body},
    )  # fmt: skip
    first.refresh_from_db()
    assert (first.title, first.doc_number) == ("关于加强河道管理工作的通知", "粤府〔2003〕12号")
    editor.post(f"{url}merge/")
    assert gazette_issue.articles.count() == 1
    paragraphs = gazette_issue.articles.get().body.split("\n")
    at = paragraphs.index(second.title) + 1  # 1-based on the page
    editor.post(f"{url}split/", {"paragraph": at, "title": ""})
    assert [a.title for a in gazette_issue.articles.all()] == [first.title, second.title]
    editor.post(f"{url}shift/", {"count": 1, "direction": "out"})
    moved = gazette_issue.articles.last()
    assert moved.body.split("\n")[0] == paragraphs[at - 2]
    new = editor.post(
        f"{WB}{gazette_issue.pk}/articles/new/",
        {"title": "人事任免", "body": "任命……", "section": ""},
    )
    assert new.status_code == 302 and gazette_issue.articles.count() == 3
    client_page = editor.get(f"{WB}{gazette_issue.pk}/pdf/")
    assert client_page.status_code == 200  # the uploaded original


def test_dashboard_queue(editor, gazette_people, gazette_records):
    gazette_issue = make_issue(gazette_people, number=3, publication_date=dt.date(2026, 11, 30))
    services.add_record(
        issue=gazette_issue, record=gazette_records[0], actor=gazette_people["editor"]
    )
    page = editor.get("/workbench/").content.decode()
    assert "政府公报 2026年第3期" in page and f"{WB}{gazette_issue.pk}/" in page
    assert 'href="/workbench/gazette/"' in page  # the menu entry
