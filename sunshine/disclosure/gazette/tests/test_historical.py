"""Historical gazettes: a PDF built here (two born-digital articles with 文号 and one scanned
page drawn by Pillow) is uploaded, processed page by page (text layer / offline OCR), split
into articles by their titles, corrected by staff, published and found by the site search."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.disclosure.gazette import historical, services
from sunshine.disclosure.gazette.choices import ArticleSource, PageSource, Processing
from sunshine.disclosure.gazette.indexing import DOC_TYPE, reindex_documents
from sunshine.disclosure.gazette.selectors import article_for_public, public_articles
from sunshine.disclosure.gazette.tasks import process_historical_task
from sunshine.disclosure.gazette.testing import (
    TEXT_ARTICLES,
    historical_issue_pdf,
    text_pages_pdf,
)
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.search.query import search
from sunshine.testing.factories.gazette import make_issue

pytestmark = pytest.mark.usefixtures("media")  # stored files go to a temporary MEDIA_ROOT


def upload(name: str, data: bytes):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture
def old_issue(gazette_people):
    return make_issue(
        gazette_people, year=2003, number=5, historical=True, publication_date=dt.date(2003, 5, 20)
    )


def process(gazette_issue):
    result = process_historical_task.call(gazette_issue.pk, gazette_issue.source_attachment_id)
    gazette_issue.refresh_from_db()
    return result


def test_upload_process_and_split_with_ocr(
    gazette_people, old_issue, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        attachment = historical.upload_historical_pdf(
            issue=old_issue,
            actor=gazette_people["editor"],
            uploaded_file=upload("2003-05.pdf", historical_issue_pdf()),
        )
    assert attachment.kind == "pdf"
    old_issue.refresh_from_db()
    assert (old_issue.processing, old_issue.pages_total) == (Processing.PENDING, 4)
    assert DBTaskResult.objects.filter(task_path__endswith="process_historical_task").count() == 1
    # Publishing must wait for the processing.
    with pytest.raises(ValidationError, match="尚未处理完毕"):
        services.publish_issue(issue=old_issue, actor=gazette_people["office_approver"])

    result = process(old_issue)
    assert result == {"issue": old_issue.pk, "status": "done", "pages": 4, "articles": 3}
    assert (old_issue.processing, old_issue.pages_done) == (Processing.DONE, 4)
    pages = list(old_issue.pages.all())
    assert [p.source for p in pages] == [PageSource.BORN_DIGITAL] * 3 + [PageSource.OCR]
    assert "广东省交通厅关于加强公路养护工作的通知" in pages[3].text
    assert pages[3].confidence > 0.8

    articles = list(old_issue.articles.all())
    assert [a.title for a in articles[:2]] == [a.title for a in TEXT_ARTICLES]
    assert [a.doc_number for a in articles] == [
        "粤府〔2003〕12号",
        "粤府办〔2003〕45号",
        "粤交〔2003〕8号",
    ]
    assert [a.section for a in articles[:2]] == ["省政府文件", "省政府办公厅文件"]
    assert [(a.page_start, a.page_end) for a in articles] == [(2, 2), (3, 3), (4, 4)]
    assert [a.source for a in articles] == ["born_digital", "born_digital", "ocr"]
    assert articles[2].title == "广东省交通厅关于加强公路养护工作的通知"
    assert articles[2].ocr_confidence > 0.8 and articles[0].ocr_confidence is None
    assert "依法查处违法行为" in articles[0].body and "2003年5月10日" in articles[0].body
    assert "粤府〔2003〕12号" not in articles[0].body  # the 文号 is a field, not body text
    assert "广东省人民政府公报" not in articles[0].body  # running header dropped
    # A repeated task does nothing.
    assert process(old_issue)["status"] == "skipped"
    assert AuditEvent.objects.filter(action="gazette.split_proposed").count() == 1

    # Published: searchable; unpublished: gone from the search.
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_issue(issue=old_issue, actor=gazette_people["office_approver"])
    found = search("河道管理", doc_types=[DOC_TYPE])
    assert [h.object_id for h in found.hits] == [str(articles[0].pk)]
    assert found.hits[0].url == f"/gb/article/{articles[0].pk}/"
    assert search("粤交〔2003〕8号", doc_types=[DOC_TYPE]).hits[0].object_id == str(articles[2].pk)
    assert article_for_public(articles[2].pk) == articles[2]
    assert len(public_articles(old_issue)) == 3
    assert [d["object_id"] for d in reindex_documents()] == [a.pk for a in articles]
    with django_capture_on_commit_callbacks(execute=True):
        services.unpublish_issue(issue=old_issue, actor=gazette_people["editor"], comment="更正")
    assert search("河道管理", doc_types=[DOC_TYPE]).total == 0
    assert article_for_public(articles[2].pk) is None
    assert list(reindex_documents()) == []


@pytest.fixture
def processed(gazette_people, old_issue):
    historical.upload_historical_pdf(
        issue=old_issue,
        actor=gazette_people["editor"],
        uploaded_file=upload("a.pdf", text_pages_pdf()),
    )
    old_issue.refresh_from_db()
    process(old_issue)
    return list(old_issue.articles.all())


def test_corrections(gazette_people, old_issue, processed):
    first, second = processed
    editor = gazette_people["editor"]
    services.update_article(
        article=first, actor=editor, title="关于加强河道管理的通知", doc_number="粤府[2003]12号"
    )
    first.refresh_from_db()
    assert (first.title, first.doc_number) == ("关于加强河道管理的通知", "粤府〔2003〕12号")
    with pytest.raises(ValidationError):
        services.update_article(article=first, actor=editor, title=" ")

    historical.merge_with_next(article=first, actor=editor)
    first.refresh_from_db()
    assert list(old_issue.articles.all()) == [first]
    assert second.title in first.body.split("\n") and (first.page_start, first.page_end) == (2, 3)

    paragraphs = first.body.split("\n")
    at = paragraphs.index(second.title)
    again = historical.split_article(article=first, actor=editor, at_paragraph=at)
    assert again.title == second.title and again.order == 2
    first.refresh_from_db()
    assert second.title not in first.body

    mine = first.body.split("\n")
    historical.move_paragraphs(article=first, actor=editor, count=-2)
    first.refresh_from_db()
    again.refresh_from_db()
    assert first.body.split("\n") == mine[:-2] and again.body.split("\n")[:2] == mine[-2:]
    historical.move_paragraphs(article=first, actor=editor, count=2)
    first.refresh_from_db()
    assert first.body.split("\n") == mine
    with pytest.raises(ValidationError):
        historical.move_paragraphs(article=again, actor=editor, count=1)  # the last one

    added = historical.add_text_article(
        issue=old_issue, actor=editor, title="人事任免", body="任命张三为……", section="人事任免"
    )
    assert added.source == ArticleSource.MANUAL and added.order == 3
    with pytest.raises(PermissionDenied):
        historical.merge_with_next(article=first, actor=gazette_people["outsider"])
    kinds = set(
        AuditEvent.objects.filter(action__startswith="gazette.").values_list("action", flat=True)
    )
    assert {"gazette.merge_articles", "gazette.split_article", "gazette.move_paragraphs",
            "gazette.add_article", "gazette.update_article", "gazette.upload"} <= kinds  # fmt: skip


def test_reupload_replaces_and_reprocess(gazette_people, old_issue, processed):
    first_attachment = old_issue.source_attachment_id
    historical.upload_historical_pdf(
        issue=old_issue,
        actor=gazette_people["editor"],
        uploaded_file=upload("b.pdf", text_pages_pdf(TEXT_ARTICLES[:1])),
    )
    old_issue.refresh_from_db()
    assert old_issue.source_attachment_id != first_attachment
    assert not old_issue.articles.exists() and not old_issue.pages.exists()
    # The task queued for the replaced file does nothing.
    assert process_historical_task.call(old_issue.pk, first_attachment)["status"] == "skipped"
    process(old_issue)
    assert [a.title for a in old_issue.articles.all()] == [TEXT_ARTICLES[0].title]
    historical.reprocess(issue=old_issue, actor=gazette_people["editor"])
    old_issue.refresh_from_db()
    assert old_issue.processing == Processing.PENDING and not old_issue.articles.exists()


def test_bad_uploads_are_refused(gazette_people, old_issue):
    from sunshine.kernel.files.testing import make_docx

    for name, data, message in [
        ("x.pdf", b"%PDF-1.4\n garbage", "损坏"),
        ("x.docx", make_docx(["正文"]), "PDF"),
        ("x.pdf", b"MZ\x90\x00binary", "不支持"),
    ]:
        with pytest.raises(ValidationError, match=message):
            historical.upload_historical_pdf(
                issue=old_issue, actor=gazette_people["editor"], uploaded_file=upload(name, data)
            )
    old_issue.refresh_from_db()
    assert old_issue.source_attachment is None and not old_issue.attachments.exists()


def test_deleting_a_draft_removes_its_upload(gazette_people, old_issue, processed):
    from sunshine.kernel.files.models import Attachment

    services.delete_issue(issue=old_issue, actor=gazette_people["editor"])
    assert not Attachment.objects.exists()
    assert AuditEvent.objects.filter(action="attachment.delete").count() == 1
