"""Background work of the gazette: typesetting an issue's PDF and processing an uploaded
historical issue. Both idempotent (run again, same result) and retried."""

from django_tasks import task

from sunshine.kernel.jobs.retry import retrying

from .models import GazetteIssue


@task()
@retrying(max_attempts=3, backoff_seconds=60.0)
def generate_pdf_task(issue_id: int) -> dict:
    from .pdf import generate_issue_pdf

    issue = GazetteIssue.objects.select_related("agency").filter(pk=issue_id).first()
    if issue is None or issue.historical:
        return {"issue": issue_id, "pages": 0}
    generate_issue_pdf(issue)
    return {"issue": issue_id, "pages": issue.pdf_pages, "file": issue.pdf.name}


@task()
@retrying(max_attempts=3, backoff_seconds=60.0)
def process_historical_task(issue_id: int, attachment_id: int) -> dict:
    from .historical import process_issue

    return process_issue(issue_id, attachment_id)
