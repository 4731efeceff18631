"""Attachment actions: store (checked by content, audited, text extracted in the background),
extract text (also synchronously), reorder, delete.

The kernel knows no domain, so it does not know who may attach a file to a record or to an
FOI request: the calling domain service either checks its own act first and passes
`permission=None`, or names the action to check on the owner (`permission="record.edit"`;
`require(actor, permission, owner)` then uses `owner.agency`)."""

import logging
import os
import unicodedata

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.db import transaction
from django.db.models import Max, Model
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.orgs.models import Agency

from .extract import ExtractionError, TooLargeError, clean_text, extract_raw_text
from .models import IMAGE_KINDS, Attachment
from .sniff import check_upload

logger = logging.getLogger(__name__)

# Extracted text kept per attachment (about 1,000 pages); the file itself is always complete.
MAX_TEXT_CHARS = 2_000_000


def _snapshot(attachment: Attachment) -> dict:
    return {
        "owner": f"{attachment.content_type.app_label}.{attachment.content_type.model}"
        f":{attachment.object_id}",
        "name": attachment.original_name,
        "kind": attachment.kind,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "position": attachment.position,
    }


def _clean_name(name: str, fallback: str) -> str:
    """The user's file name without folders or control characters, at most 255 characters
    (keeping the extension)."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip().strip(".")
    if not base:
        return fallback
    if len(base) > 255:
        stem, dot, ext = base.rpartition(".")
        base = (stem[: 254 - len(ext)] + dot + ext) if dot and len(ext) < 20 else base[:255]
    return base


def _owner_key(owner: Model) -> tuple[ContentType, int]:
    if owner is None or owner.pk is None:
        raise ValueError("store_attachment needs a saved owner object")
    return ContentType.objects.get_for_model(owner), owner.pk


def _enqueue_extraction(attachment_id: int) -> None:
    from .tasks import extract_attachment_text

    extract_attachment_text.enqueue(attachment_id)


@transaction.atomic
def store_attachment(
    *,
    owner: Model,
    uploaded_file,
    actor,
    permission: str | None = None,
    name: str | None = None,
    extract: str = "background",
) -> Attachment:
    """Attach a file to `owner`. The file's type and size are checked first
    (ValidationError, nothing saved); then it is stored under attachments/YYYY/MM/, audited,
    and its text extracted: "background" (a task enqueued on commit), "now" (in this call) or
    "no". Extraction problems are recorded on the attachment and never raised.

    Storing the same content under the same name on the same owner again returns the existing
    attachment (re-running an import does not duplicate)."""
    if permission:
        require(actor, permission, owner)
    content_type, object_id = _owner_key(owner)
    upload = uploaded_file if isinstance(uploaded_file, File) else File(uploaded_file)
    sniffed = check_upload(upload)
    original_name = _clean_name(name or upload.name or "", _("附件") + sniffed.extension)
    same = Attachment.objects.filter(
        content_type=content_type,
        object_id=object_id,
        sha256=sniffed.sha256,
        original_name=original_name,
    ).first()
    if same is not None:
        return same
    last = Attachment.objects.filter(content_type=content_type, object_id=object_id).aggregate(
        last=Max("position")
    )["last"]
    agency = getattr(owner, "agency", None)
    attachment = Attachment(
        content_type=content_type,
        object_id=object_id,
        position=0 if last is None else last + 1,
        agency=agency if isinstance(agency, Agency) else None,
        original_name=original_name,
        kind=sniffed.kind,
        mime_type=sniffed.mime_type,
        size=sniffed.size,
        sha256=sniffed.sha256,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
        uploaded_at=clock.now(),
    )
    upload.seek(0)
    attachment.file.save("upload" + sniffed.extension, upload, save=False)
    try:
        attachment.save()
        record_event(
            action="attachment.store",
            actor=actor,
            obj=attachment,
            agency=attachment.agency,
            summary=original_name,
            data={"kind": sniffed.kind, "size": sniffed.size},
            after=_snapshot(attachment),
        )
    except BaseException:
        attachment.file.storage.delete(attachment.file.name)  # no orphan file on disk
        raise
    if extract == "now":
        extract_text(attachment)
    elif extract == "background":
        pk = attachment.pk
        transaction.on_commit(lambda: _enqueue_extraction(pk), robust=True)
    return attachment


def extract_text(attachment: Attachment) -> Attachment:
    """Read the stored file and keep its text for search. Synchronous and idempotent; a damaged
    file gets status "failed" and a clear message, an image "no_text" (no OCR yet), a file
    past a limit of bounded extraction (a decompression bomb) "too_large" with the limit named.
    Never raises for a bad file. Derived data only, so not audited."""
    Status = Attachment.Extraction
    text, error = "", ""
    try:
        with attachment.file.open("rb") as fh:
            data = fh.read()
        text = clean_text(attachment.kind, extract_raw_text(attachment.kind, data))
        status = Status.DONE if text.strip() else Status.NO_TEXT
    except TooLargeError as exc:
        logger.warning("attachment %s: text not extracted, too large: %s", attachment.pk, exc)
        status, error = Status.TOO_LARGE, (exc.limit_text + "。") if exc.limit_text else str(exc)
    except ExtractionError as exc:
        status, error = Status.FAILED, str(exc)
    except OSError as exc:
        logger.warning("attachment %s: file unreadable: %r", attachment.pk, exc)
        status, error = Status.FAILED, _("附件文件无法读取（文件丢失或存储不可用）。")
    except Exception as exc:  # a bug or a library's surprise must not lose the record
        logger.exception("attachment %s: text extraction crashed", attachment.pk)
        status, error = Status.FAILED, _("提取文字时出错：%(detail)s") % {"detail": repr(exc)[:200]}
    if attachment.kind in IMAGE_KINDS and status == Status.NO_TEXT:
        error = _("图片暂不提取文字（尚未启用文字识别）。")
    attachment.text = text[:MAX_TEXT_CHARS]
    attachment.extraction_status = status
    attachment.extraction_error = error[:500]
    attachment.extracted_at = clock.now()
    attachment.save(update_fields=["text", "extraction_status", "extraction_error", "extracted_at"])
    return attachment


@transaction.atomic
def reorder_attachments(
    *, owner: Model, order: list[int], actor, permission: str | None = None
) -> list[Attachment]:
    """Put the owner's attachments in the order of `order` (attachment ids); ids not listed
    keep their relative order after the listed ones."""
    if permission:
        require(actor, permission, owner)
    content_type, object_id = _owner_key(owner)
    current = list(
        Attachment.objects.select_for_update()
        .filter(content_type=content_type, object_id=object_id)
        .order_by("position", "pk")
    )
    rank = {pk: i for i, pk in enumerate(order)}
    ordered = sorted(current, key=lambda a: (rank.get(a.pk, len(rank)), a.position, a.pk))
    before = [a.pk for a in current]
    for position, attachment in enumerate(ordered):
        if attachment.position != position:
            attachment.position = position
            attachment.save(update_fields=["position"])
    after = [a.pk for a in ordered]
    if before != after:
        record_event(
            action="attachment.reorder",
            actor=actor,
            obj=owner,
            data={"order": after},
            before=before,
            after=after,
        )
    return ordered


@transaction.atomic
def delete_attachment(*, attachment: Attachment, actor, permission: str | None = None) -> None:
    """Remove an attachment; the file goes once the transaction has committed."""
    if permission:
        require(actor, permission, attachment.owner)
    record_event(
        action="attachment.delete",
        actor=actor,
        obj=attachment,
        agency=attachment.agency,
        summary=attachment.original_name,
        before=_snapshot(attachment),
    )
    storage, name = attachment.file.storage, attachment.file.name
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name), robust=True)
