"""The gazette on the portal: index by year, an issue's contents, its PDF, historical articles,
the Atom feed, the 政务公开 column, the sitemap and the record page's panel."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import RequestFactory

from sunshine.disclosure.gazette import historical, services
from sunshine.disclosure.gazette.tasks import generate_pdf_task
from sunshine.portal.columns import column_items
from sunshine.testing.factories.gazette import make_issue, public_record

pytestmark = pytest.mark.usefixtures("media")  # stored files go to a temporary MEDIA_ROOT

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def published(gazette_people, gazette_records, gazette_issue):
    for record in gazette_records:
        services.add_record(issue=gazette_issue, record=record, actor=gazette_people["editor"])
    services.publish_issue(issue=gazette_issue, actor=gazette_people["office_approver"])
    return gazette_issue


@pytest.fixture
def old_issue(gazette_people):
    gazette_issue = make_issue(
        gazette_people,
        year=2003,
        number=5,
        total_number=321,
        publication_date=dt.date(2003, 5, 20),
        historical=True,
    )
    historical.add_text_article(
        issue=gazette_issue,
        actor=gazette_people["editor"],
        title="广东省交通厅关于加强公路养护工作的通知",
        doc_number="粤交〔2003〕8号",
        body="各地级以上市交通局：\n为提高公路养护水平，现通知如下。",
        section="部门文件",
        page_start=4,
        page_end=5,
    )
    article = gazette_issue.articles.get()
    article.source, article.ocr_confidence = "ocr", 0.93  # as the OCR made it
    article.save()
    services.publish_issue(issue=gazette_issue, actor=gazette_people["office_approver"])
    return gazette_issue


def test_index_by_year(client, gazette_people, published, old_issue, django_assert_max_num_queries):
    make_issue(gazette_people, number=2)  # a draft: never public
    with django_assert_max_num_queries(6):
        page = client.get("/gb/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "广东省人民政府公报" in html and "第1期" in html and "第2期" not in html
    assert 'href="/gb/2003/"' in html and 'href="/gb/2026/1/"' in html
    assert '<meta name="ColumnName" content="政府公报">' in html
    old = client.get("/gb/2003/").content.decode()
    assert "第5期" in old and "总第321期" in old and "历史公报" in old
    assert client.get("/gb/1999/").status_code == 404
    # The number of queries does not grow with the number of issues.
    record = published.articles.first().record
    for number in range(3, 9):
        more = make_issue(gazette_people, number=number)
        services.add_record(issue=more, record=record, actor=gazette_people["editor"])
        services.publish_issue(issue=more, actor=gazette_people["office_approver"])
    cache.clear()
    with django_assert_max_num_queries(6):
        assert "第8期" in client.get("/gb/2026/").content.decode()


def test_issue_page(
    client, gazette_people, gazette_records, published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        page = client.get("/gb/2026/1/")
    html = page.content.decode()
    assert page.status_code == 200
    assert '<h1 id="gz-title">2026年第1期</h1>' in html
    assert "省政府办公厅文件" in html and "粤府办〔2026〕1号" in html
    assert f'href="/zcwj/{gazette_records[0].pk}/"' in html
    assert 'name="ArticleTitle" content="广东省人民政府公报 2026年第1期"' in html
    assert "正在生成" in html and "/gb/2026/1/pdf/" not in html
    assert client.get("/gb/2026/1/pdf/").status_code == 404
    generate_pdf_task.call(published.pk)
    cache.clear()
    assert 'href="/gb/2026/1/pdf/"' in client.get("/gb/2026/1/").content.decode()
    pdf = client.get("/gb/2026/1/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    # More articles, same number of queries.
    for i in range(3):
        services.unpublish_issue(issue=published, actor=gazette_people["editor"], comment="增补")
        record = public_record(gazette_people, f"广东省人民政府办公厅关于第{i}项工作的通知")
        services.add_record(issue=published, record=record, actor=gazette_people["editor"])
        services.publish_issue(issue=published, actor=gazette_people["office_approver"])
    cache.clear()
    with django_assert_max_num_queries(8):
        assert "关于第2项工作的通知" in client.get("/gb/2026/1/").content.decode()
    assert client.get("/gb/2026/9/").status_code == 404


def test_historical_article_and_original_pdf(client, gazette_people, old_issue):
    article = old_issue.articles.get()
    html = client.get("/gb/2003/5/").content.decode()
    assert f'href="/gb/article/{article.pk}/"' in html and "第4–5页" in html
    page = client.get(f"/gb/article/{article.pk}/")
    text = page.content.decode()
    assert page.status_code == 200 and "粤交〔2003〕8号" in text
    assert "识别置信度约 93%" in text and "为提高公路养护水平" in text
    # The original upload is the issue's PDF.
    from sunshine.kernel.files.services import store_attachment

    original = store_attachment(
        owner=old_issue,
        uploaded_file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="orig.pdf"),
        actor=gazette_people["editor"],
        extract="no",
    )
    old_issue.source_attachment = original
    old_issue.historical = True
    old_issue.save()
    response = client.get("/gb/2003/5/pdf/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    services.unpublish_issue(issue=old_issue, actor=gazette_people["editor"], comment="更正")
    cache.clear()
    assert client.get(f"/gb/article/{article.pk}/").status_code == 404
    assert client.get("/gb/2003/5/pdf/").status_code == 404


def test_feed(client, published, old_issue):
    response = client.get("/gb/feed.atom")
    assert response["Content-Type"].startswith("application/xml")
    feed = ET.fromstring(response.content)
    assert feed.find(f"{ATOM}title").text == "广东省人民政府公报"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/gb/feed.atom"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [
        "广东省人民政府公报 2026年第1期",
        "广东省人民政府公报 2003年第5期（总第321期）",
    ]
    first = entries[0]
    assert first.find(f"{ATOM}id").text == "tag:www.gd.gov.cn,2026-11-10:gb/2026/1"
    assert first.find(f"{ATOM}link").get("href") == "http://testserver/gb/2026/1/"
    assert "推进阳光政务建设工作的通知" in first.find(f"{ATOM}summary").text
    assert first.find(f"{ATOM}updated").text.endswith("+08:00")


def test_column_sitemap_and_record_panel(client, gazette_records, published, old_issue):
    request = RequestFactory().get("/")
    request.site = None
    items = column_items(request, "zwgk", 8)
    titles = [i.title for i in items]
    assert "广东省人民政府公报 2026年第1期" in titles
    assert titles.index("广东省人民政府公报 2026年第1期") < titles.index(
        "广东省人民政府公报 2003年第5期（总第321期）"
    )
    sitemap = client.get("/sitemap.xml").content.decode()
    article = old_issue.articles.get()
    for path in ("/gb/", "/gb/2026/", "/gb/2026/1/", "/gb/2003/5/", f"/gb/article/{article.pk}/"):
        assert f"http://testserver{path}</loc>" in sitemap
    record_page = client.get(f"/zcwj/{gazette_records[0].pk}/").content.decode()
    assert "刊登于政府公报" in record_page and 'href="/gb/2026/1/"' in record_page
