import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_tasks_db.models import DBTaskResult

from sunshine.kernel import clock
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.audit.models import AuditEvent
from sunshine.kernel.audit.services import verify_chain
from sunshine.kernel.files import services
from sunshine.kernel.files.models import Attachment
from sunshine.kernel.files.selectors import attachment_text, attachments_for
from sunshine.kernel.files.tasks import extract_attachment_text
from sunshine.kernel.files.testing import make_docx, make_image, make_pdf, upload
from sunshine.kernel.jobs.testing import run_worker_batch
from sunshine.testing.factories import UserFactory, staff_with

pytestmark = pytest.mark.django_db

NOTICE = ["广东省人民政府办公厅关于推进阳光政务建设工作的通知", "各地级以上市人民政府："]


@pytest.fixture
def owner(province):
    """Any saved object with an `.agency` can own attachments; a staff user will do here."""
    return UserFactory(agency=province["office"])


def test_store_checks_saves_audits_and_queues_extraction(
    owner, media, django_capture_on_commit_callbacks
):
    actor = UserFactory(agency=owner.agency)
    with clock.frozen(clock.now().replace(year=2016, month=12, day=12)):
        with django_capture_on_commit_callbacks(execute=True):
            attachment = services.store_attachment(
                owner=owner, uploaded_file=upload("../../通知.docx", make_docx(NOTICE)), actor=actor
            )
    assert attachment.original_name == "通知.docx"
    assert attachment.file.name.startswith("attachments/2016/12/")
    assert attachment.file.name.endswith(".docx")
    assert (media / attachment.file.name).exists()
    assert (attachment.kind, attachment.agency, attachment.uploaded_by) == (
        "docx",
        owner.agency,
        actor,
    )
    assert attachment.extraction_status == "pending"
    event = AuditEvent.objects.get(action="attachment.store")
    assert (event.actor, event.agency, event.object_id) == (actor, owner.agency, str(attachment.pk))
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "sunshine.kernel.files.tasks.extract_attachment_text"
    assert queued.args_kwargs["args"] == [attachment.pk]
    # The task body, called directly, extracts once and is idempotent after that.
    assert extract_attachment_text.call(attachment.pk) == "done"
    assert extract_attachment_text.call(attachment.pk) == "done"
    attachment.refresh_from_db()
    assert attachment.text == "\n".join(NOTICE)
    assert list(attachments_for(owner)) == [attachment]
    assert attachment_text(owner) == "\n".join(NOTICE)
    assert verify_chain().ok


def test_a_failed_check_saves_nothing(owner, media):
    with pytest.raises(ValidationError, match="不符"):
        services.store_attachment(
            owner=owner, uploaded_file=upload("通知.pdf", make_docx(NOTICE)), actor=None
        )
    assert not Attachment.objects.exists()
    assert not AuditEvent.objects.filter(action="attachment.store").exists()
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_a_damaged_file_is_kept_with_a_clear_error(owner, media):
    pdf = make_pdf([["Hello"]], cjk=False)
    attachment = services.store_attachment(
        owner=owner, uploaded_file=upload("cut.pdf", pdf[:200]), actor=None, extract="now"
    )
    attachment.refresh_from_db()
    assert attachment.extraction_status == "failed"
    assert "PDF 文件已损坏" in attachment.extraction_error
    assert attachment.text == ""
    owner.refresh_from_db()  # the owner is untouched


def test_a_zip_that_is_not_a_real_docx_fails_extraction_only(owner, media):
    docx = make_docx(NOTICE)
    attachment = services.store_attachment(
        owner=owner, uploaded_file=upload("cut.docx", docx[: len(docx) // 2]), actor=None
    )
    services.extract_text(attachment)
    attachment.refresh_from_db()
    assert (attachment.extraction_status, attachment.kind) == ("failed", "docx")
    assert "DOCX 文件已损坏" in attachment.extraction_error


def test_missing_file_is_a_failure_not_a_crash(owner, media):
    attachment = services.store_attachment(
        owner=owner, uploaded_file=upload("a.txt", "政务公开".encode()), actor=None
    )
    attachment.file.storage.delete(attachment.file.name)
    services.extract_text(attachment)
    assert attachment.extraction_status == "failed"
    assert "无法读取" in attachment.extraction_error


def test_images_are_stored_without_text(owner, media):
    attachment = services.store_attachment(
        owner=owner, uploaded_file=upload("photo.png", make_image()), actor=None, extract="now"
    )
    assert (attachment.kind, attachment.mime_type) == ("png", "image/png")
    assert attachment.extraction_status == "no_text"


def test_permission_named_by_the_caller_is_checked_on_the_owner(owner, media):
    clerk = UserFactory(agency=owner.agency)
    with pytest.raises(PermissionDenied):
        services.store_attachment(
            owner=owner,
            uploaded_file=upload("a.txt", b"x"),
            actor=clerk,
            permission="agency.manage",
        )
    admin = staff_with(Role.AGENCY_ADMIN, owner.agency)
    stored = services.store_attachment(
        owner=owner, uploaded_file=upload("a.txt", b"x"), actor=admin, permission="agency.manage"
    )
    assert stored.uploaded_by == admin


def test_same_file_again_is_not_duplicated_and_positions_follow_upload_order(owner, media):
    first = services.store_attachment(owner=owner, uploaded_file=upload("a.txt", b"a"), actor=None)
    again = services.store_attachment(owner=owner, uploaded_file=upload("a.txt", b"a"), actor=None)
    second = services.store_attachment(owner=owner, uploaded_file=upload("b.txt", b"b"), actor=None)
    assert again == first
    assert [(a.pk, a.position) for a in attachments_for(owner)] == [(first.pk, 0), (second.pk, 1)]


def test_reorder_and_delete(owner, media, django_capture_on_commit_callbacks):
    a = services.store_attachment(owner=owner, uploaded_file=upload("a.txt", b"a"), actor=None)
    b = services.store_attachment(owner=owner, uploaded_file=upload("b.txt", b"b"), actor=None)
    services.reorder_attachments(owner=owner, order=[b.pk, a.pk], actor=None)
    assert list(attachments_for(owner)) == [b, a]
    assert AuditEvent.objects.filter(action="attachment.reorder").count() == 1
    path = media / a.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_attachment(attachment=a, actor=None)
    assert list(attachments_for(owner)) == [b]
    assert not path.exists()
    assert AuditEvent.objects.filter(action="attachment.delete").count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_worker_extracts_in_the_background(province, media):
    owner = UserFactory(agency=province["office"])
    attachment = services.store_attachment(
        owner=owner,
        uploaded_file=upload("n.pdf", make_pdf([["Open government"]], cjk=False)),
        actor=None,
    )
    assert run_worker_batch() == 1
    attachment.refresh_from_db()
    assert (attachment.extraction_status, attachment.text) == ("done", "Open government")
