"""The gazette's historical PDFs are held to the platform's bounded-extraction limits: too many
pages is refused at upload with a clear message, nothing kept."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.disclosure.gazette import historical
from sunshine.disclosure.gazette.pagetext import PageReadError, open_pdf
from sunshine.kernel.files.testing import make_pdf_pages
from sunshine.testing.factories.gazette import make_issue

pytestmark = pytest.mark.usefixtures("media")


def test_pdf_over_the_page_limit_is_refused(settings):
    settings.FILE_EXTRACT_LIMITS = {"max_pdf_pages": 50}
    assert len(open_pdf(make_pdf_pages(50)).pages) == 50
    with pytest.raises(PageReadError, match="文件过大：共 51 页，超过上限 50 页。"):
        open_pdf(make_pdf_pages(51))


@pytest.mark.django_db
def test_upload_over_the_page_limit_keeps_nothing(gazette_people, settings):
    settings.FILE_EXTRACT_LIMITS = {"max_pdf_pages": 20}
    issue = make_issue(
        gazette_people, year=2003, number=6, historical=True, publication_date=dt.date(2003, 6, 1)
    )
    upload = SimpleUploadedFile("2003-6.pdf", make_pdf_pages(21), content_type="application/pdf")
    with pytest.raises(ValidationError, match="共 21 页，超过上限 20 页"):
        historical.upload_historical_pdf(
            issue=issue, actor=gazette_people["editor"], uploaded_file=upload
        )
    issue.refresh_from_db()
    assert issue.source_attachment is None and not issue.attachments.exists()
