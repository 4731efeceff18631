"""Background text extraction (enqueued by store_attachment once its transaction commits)."""

from django_tasks import task

from .models import Attachment
from .services import extract_text


@task()
def extract_attachment_text(attachment_id: int) -> str:
    """Idempotent: an attachment already extracted (or deleted meanwhile) is left alone."""
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None:
        return "gone"
    if attachment.extraction_status != Attachment.Extraction.PENDING:
        return attachment.extraction_status
    return extract_text(attachment).extraction_status


@task()
def purge_file_jobs() -> dict:
    """Periodic (kernel jobs manifest): file jobs that ended more than FILE_JOBS_KEEP_DAYS days
    ago go, with their result files."""
    from .filejobs import purge_old_jobs

    return purge_old_jobs()
