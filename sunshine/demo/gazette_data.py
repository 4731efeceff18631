"""Demo data of the government gazette (after the records' demo data): the office's gazette
editor, two issues of this year compiled from published records of the provincial government
and its office (published, PDFs typeset), and the 2003 issue No. 5 as a historical issue
uploaded as a PDF (two born-digital articles and a scanned page), processed (OCR included)
and published. Idempotent: an issue that exists is left alone. Run by `load_demo`."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from sunshine.disclosure.gazette import historical, services
from sunshine.disclosure.gazette.choices import Processing
from sunshine.disclosure.gazette.historical import process_issue
from sunshine.disclosure.gazette.models import GazetteIssue
from sunshine.disclosure.gazette.pdf import generate_issue_pdf
from sunshine.disclosure.gazette.testing import historical_issue_pdf
from sunshine.disclosure.records.selectors import public_records
from sunshine.kernel import clock
from sunshine.kernel.accounts.models import User
from sunshine.kernel.orgs.models import Agency

from .kernel_data import ensure_staff

OFFICE = "广东省人民政府办公厅"
EDITOR = ("gazette@demo.gd.gov.cn", "郑公报")


def _editor(office: Agency) -> User:
    email, name = EDITOR
    return ensure_staff(email, name, office, ("disclosure_officer", "approver"))


def _compiled(editor, office, year: int, number: int, records, day: dt.date) -> str:
    if GazetteIssue.objects.filter(year=year, number=number).exists():
        return "exists"
    issue = services.create_issue(
        actor=editor, agency=office, year=year, number=number, publication_date=day,
        total_number=1000 + number,
    )  # fmt: skip
    for record in records:
        services.add_record(issue=issue, record=record, actor=editor)
    services.publish_issue(issue=issue, actor=editor, comment="演示数据")
    generate_issue_pdf(issue)
    return "created"


def _historical(editor, office) -> str:
    if GazetteIssue.objects.filter(year=2003, number=5).exists():
        return "exists"
    issue = services.create_issue(
        actor=editor, agency=office, year=2003, number=5, total_number=321,
        publication_date=dt.date(2003, 5, 20), historical=True,
    )  # fmt: skip
    upload = SimpleUploadedFile("2003-05.pdf", historical_issue_pdf(), "application/pdf")
    historical.upload_historical_pdf(issue=issue, actor=editor, uploaded_file=upload)
    issue.refresh_from_db()
    process_issue(issue.pk, issue.source_attachment_id)
    issue.refresh_from_db()
    if issue.processing == Processing.DONE:
        services.publish_issue(issue=issue, actor=editor, comment="演示数据（历史公报）")
    return "created"


def load(stdout=None) -> dict:
    office = Agency.objects.filter(name=OFFICE).first()
    if office is None:
        return {}
    editor = _editor(office)
    records = list(
        public_records(within=office.parent or office)
        .filter(issuer__kind__in=["government", "office"])
        .exclude(doc_number="")[:11]
    )
    year = clock.today().year
    result = {
        "issue_1": _compiled(editor, office, year, 1, records[:6], dt.date(year, 1, 15)),
        "issue_2": _compiled(editor, office, year, 2, records[6:11], dt.date(year, 1, 31)),
        "historical": _historical(editor, office),
    }
    if stdout is not None:
        stdout.write(f"gazette: {result}")
    return result
