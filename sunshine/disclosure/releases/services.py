"""Writes of released files (提供的信息) and their redactions (部分公开, 条例 Art. 37). Each
service checks "foi.handle" on the request and writes its audit event in one transaction.
A released file cannot be changed: its redactions and file are fixed once released.

The audit events never hold the redacted text (it is what must not be disclosed): only its
length, the number of occurrences and the ground."""

import hashlib
import math
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.files.filejobs import (
    claim_job,
    fail_job,
    finish_job,
    report_progress,
    start_file_job,
)
from sunshine.kernel.files.models import FileJob
from sunshine.kernel.files.sniff import check_upload
from sunshine.kernel.redaction import RedactionError

from . import engine
from .models import GROUNDS, Redaction, ReleasedFile

MAX_TEXT = 500
MIN_BOX_SIDE = 1.0  # points


def _lock(released_file: ReleasedFile) -> ReleasedFile:
    return (
        ReleasedFile.objects.select_for_update(of=("self",))
        .select_related("request__agency")
        .get(pk=released_file.pk)
    )


def _must_be_draft(released_file: ReleasedFile) -> None:
    if released_file.state != ReleasedFile.State.DRAFT:
        raise ValidationError(_("该文件已提供给申请人，不能再修改。"), code="released")


def _ground(ground: str) -> str:
    if ground not in GROUNDS:
        raise ValidationError({"ground": _("请选择不予公开的理由。")}, code="ground")
    return ground


@transaction.atomic
def upload_source(*, request, actor, uploaded_file, title: str = "") -> ReleasedFile:
    """Take a PDF or DOCX (decided by content) as the source of a file to provide."""
    require(actor, "foi.handle", request)
    if uploaded_file is None:
        raise ValidationError({"file": _("请选择要上传的文件。")}, code="required")
    try:
        sniffed = check_upload(uploaded_file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    if sniffed.kind not in ReleasedFile.Kind.values:
        raise ValidationError(
            {
                "file": _("只能上传 PDF 或 DOCX 文件（上传的是%(kind)s）。")
                % {"kind": sniffed.label}
            },
            code="unsupported_type",
        )
    uploaded_file.seek(0)
    data = uploaded_file.read()
    try:
        pages = engine.inspect(sniffed.kind, data)
    except RedactionError as exc:
        raise ValidationError({"file": str(exc)}, code="unredactable") from exc
    original = PurePath((uploaded_file.name or "").replace("\\", "/")).name[:255]
    title = (title or "").strip() or PurePath(original).stem or _("提供的信息")
    if len(title) > 200:
        raise ValidationError({"title": _("名称不能超过 200 个字。")}, code="max_length")
    item = ReleasedFile(
        request=request,
        title=title,
        original_name=original,
        kind=sniffed.kind,
        pages=pages,
        source_sha256=sniffed.sha256,
        created_at=clock.now(),
        created_by=actor,
    )
    item.source.save(f"source.{sniffed.kind}", ContentFile(data), save=False)
    item.save()
    record_event(
        action="foi.release.upload",
        actor=actor,
        obj=item,
        agency=request.agency,
        summary=_("上传待提供的文件：%(title)s") % {"title": title},
        data={"request": request.pk, "kind": item.kind, "pages": pages, "sha256": sniffed.sha256},
    )
    return item


@transaction.atomic
def discard_draft(*, released_file: ReleasedFile, actor) -> None:
    """Remove a file not yet provided (a wrong upload)."""
    item = _lock(released_file)
    require(actor, "foi.handle", item.request)
    _must_be_draft(item)
    record_event(
        action="foi.release.discard",
        actor=actor,
        obj=item,
        agency=item.request.agency,
        summary=_("删除未提供的文件：%(title)s") % {"title": item.title},
        data={"request": item.request_id, "sha256": item.source_sha256},
    )
    source = item.source
    item.delete()
    transaction.on_commit(lambda: source.storage.delete(source.name))


@transaction.atomic
def add_text_redaction(
    *, released_file: ReleasedFile, actor, text: str, ground: str, note: str = "", page=None
) -> Redaction:
    """Remove every occurrence of `text` (on one PDF page, or everywhere)."""
    item = _lock(released_file)
    require(actor, "foi.handle", item.request)
    _must_be_draft(item)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("请填写要删除的文字。")}, code="required")
    if len(text) > MAX_TEXT:
        raise ValidationError(
            {"text": _("一次最多删除 %(n)d 个字，请分段添加。") % {"n": MAX_TEXT}},
            code="max_length",
        )
    ground = _ground(ground)
    if item.kind != ReleasedFile.Kind.PDF:
        page = None
    if page is not None and not (item.pages and 1 <= page <= item.pages):
        raise ValidationError({"page": _("页码超出范围（共 %(n)d 页）。") % {"n": item.pages}})
    if item.redactions.filter(kind=Redaction.Kind.TEXT, text=text, page=page).exists():
        raise ValidationError({"text": _("这段文字已经添加过。")}, code="duplicate")
    try:
        count = engine.occurrences(item, text, page)
    except RedactionError as exc:
        raise ValidationError({"text": str(exc)}) from exc
    if not count:
        hint = (
            _("在文件中找不到这段文字。请从页面上复制原文；扫描件没有文字层，请用框选。")
            if item.kind == ReleasedFile.Kind.PDF
            else _("在文件中找不到这段文字，请从文档中复制原文（注意空格和标点）。")
        )
        raise ValidationError({"text": hint}, code="not_found")
    redaction = Redaction.objects.create(
        released_file=item,
        kind=Redaction.Kind.TEXT,
        page=page,
        text=text,
        ground=ground,
        note=(note or "").strip()[:300],
        created_at=clock.now(),
        created_by=actor,
    )
    record_event(
        action="foi.release.redact",
        actor=actor,
        obj=item,
        agency=item.request.agency,
        summary=_("添加删除内容（文字，%(n)d 处）") % {"n": count},
        data={
            "redaction": redaction.pk,
            "kind": "text",
            "length": len(text),
            "count": count,
            "page": page,
            "ground": ground,
        },
    )
    redaction.occurrences = count
    return redaction


def _coordinate(value, field: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("请填写数字（单位：点）。")}, code="invalid") from None
    if not math.isfinite(number):
        raise ValidationError({field: _("请填写数字（单位：点）。")}, code="invalid")
    return number


@transaction.atomic
def add_box_redaction(
    *, released_file: ReleasedFile, actor, page, x0, y0, x1, y1, ground: str, note: str = ""
) -> Redaction:
    """Black out a rectangle of a PDF page (points, top-left origin, as on the page images)."""
    item = _lock(released_file)
    require(actor, "foi.handle", item.request)
    _must_be_draft(item)
    if item.kind != ReleasedFile.Kind.PDF:
        raise ValidationError(
            _("DOCX 文件没有版面，不能框选删除，请按文字删除。"), code="box_on_docx"
        )
    ground = _ground(ground)
    try:
        page = int(page)
    except (TypeError, ValueError):
        raise ValidationError({"page": _("请填写页码。")}, code="invalid") from None
    sizes = engine.page_sizes(item)
    if not 1 <= page <= len(sizes):
        raise ValidationError({"page": _("页码超出范围（共 %(n)d 页）。") % {"n": len(sizes)}})
    coords = {k: _coordinate(v, k) for k, v in (("x0", x0), ("y0", y0), ("x1", x1), ("y1", y1))}
    width, height = sizes[page - 1]
    left, right = sorted((coords["x0"], coords["x1"]))
    top, bottom = sorted((coords["y0"], coords["y1"]))
    left, right = max(0.0, left), min(width, right)
    top, bottom = max(0.0, top), min(height, bottom)
    if right - left < MIN_BOX_SIDE or bottom - top < MIN_BOX_SIDE:
        raise ValidationError(
            {
                "x1": _("区域不在页面内或太小（页面宽 %(w).0f、高 %(h).0f 点）。")
                % {"w": width, "h": height}
            },
            code="empty_box",
        )
    redaction = Redaction.objects.create(
        released_file=item,
        kind=Redaction.Kind.BOX,
        page=page,
        x0=round(left, 2),
        y0=round(top, 2),
        x1=round(right, 2),
        y1=round(bottom, 2),
        ground=ground,
        note=(note or "").strip()[:300],
        created_at=clock.now(),
        created_by=actor,
    )
    record_event(
        action="foi.release.redact",
        actor=actor,
        obj=item,
        agency=item.request.agency,
        summary=_("添加删除内容（第 %(page)d 页区域）") % {"page": page},
        data={
            "redaction": redaction.pk,
            "kind": "box",
            "page": page,
            "ground": ground,
            "box": [redaction.x0, redaction.y0, redaction.x1, redaction.y1],
        },
    )
    return redaction


@transaction.atomic
def remove_redaction(*, redaction: Redaction, actor) -> None:
    item = _lock(redaction.released_file)
    require(actor, "foi.handle", item.request)
    _must_be_draft(item)
    record_event(
        action="foi.release.unredact",
        actor=actor,
        obj=item,
        agency=item.request.agency,
        summary=_("撤销删除内容"),
        data={"redaction": redaction.pk, "kind": redaction.kind, "ground": redaction.ground},
    )
    Redaction.objects.filter(pk=redaction.pk, released_file=item).delete()


@transaction.atomic
def build_preview(*, released_file: ReleasedFile, actor) -> bytes:
    """The file exactly as it would be released, without releasing it."""
    item = _lock(released_file)
    require(actor, "foi.view_staff", item.request)
    try:
        data = engine.produce(item)
    except RedactionError as exc:
        raise ValidationError(str(exc)) from exc
    _record_preview(item, actor)
    return data


def _record_preview(item: ReleasedFile, actor) -> None:
    record_event(
        action="foi.release.preview",
        actor=actor,
        obj=item,
        agency=item.request.agency,
        summary=_("预览待提供的文件"),
        data={"request": item.request_id, "redactions": item.redactions.count()},
    )


@transaction.atomic
def release_file(*, released_file: ReleasedFile, actor) -> ReleasedFile:
    """Produce the released file (flattened PDF / cleaned DOCX), store it with its SHA-256 and
    fix the file: from now on the applicant can download it and nobody can change it."""
    item = _lock(released_file)
    require(actor, "foi.handle", item.request)
    _must_be_draft(item)
    try:
        data = engine.produce(item)
    except RedactionError as exc:
        raise ValidationError(str(exc)) from exc
    return _store_release(item, data, actor)


def _store_release(item: ReleasedFile, data: bytes, actor) -> ReleasedFile:
    """Store the produced bytes on the locked draft `item` and fix it (inside a transaction)."""
    digest = hashlib.sha256(data).hexdigest()
    item.released.save(f"released.{item.kind}", ContentFile(data), save=False)
    item.sha256 = digest
    item.size = len(data)
    item.state = ReleasedFile.State.RELEASED
    item.released_at = clock.now()
    item.released_by = actor
    item.save(update_fields=["released", "sha256", "size", "state", "released_at", "released_by"])
    grounds = sorted({r.ground for r in item.redactions.all()})
    record_event(
        action="foi.release.release",
        actor=actor,
        obj=item,
        agency=item.request.agency,
        summary=_("提供文件：%(title)s") % {"title": item.title},
        before={"state": ReleasedFile.State.DRAFT},
        after={"state": item.state, "sha256": digest},
        data={
            "request": item.request_id,
            "sha256": digest,
            "size": len(data),
            "redactions": item.redactions.count(),
            "grounds": grounds,
        },
    )
    return item


# A long file is produced by a background job (a kernel FileJob), not inside the request: a
# 500-page PDF takes tens of seconds, and the request would hold the row lock all that time.
DEFAULT_INLINE_MAX_PAGES = 40
DEFAULT_INLINE_MAX_BYTES = 8 * 1024 * 1024
JOB_RELEASE, JOB_PREVIEW = "foi.release", "foi.release.preview"


def produced_in_background(released_file: ReleasedFile) -> bool:
    """True when the file is long enough that preview and release run as a background job
    (settings RELEASE_INLINE_MAX_PAGES, RELEASE_INLINE_MAX_BYTES)."""
    max_pages = int(getattr(settings, "RELEASE_INLINE_MAX_PAGES", DEFAULT_INLINE_MAX_PAGES))
    max_bytes = int(getattr(settings, "RELEASE_INLINE_MAX_BYTES", DEFAULT_INLINE_MAX_BYTES))
    size = released_file.source.size if released_file.source else 0
    return (released_file.pages or 0) > max_pages or size > max_bytes


def redaction_fingerprint(released_file: ReleasedFile) -> str:
    """A digest of the file's redactions: a job checks that they did not change meanwhile."""
    rows = sorted(
        (r.kind, r.page or 0, r.text, r.x0 or 0, r.y0 or 0, r.x1 or 0, r.y1 or 0, r.ground)
        for r in released_file.redactions.all()
    )
    return hashlib.sha256(repr(rows).encode()).hexdigest()


@transaction.atomic
def start_production(*, released_file: ReleasedFile, actor, preview: bool) -> FileJob:
    """Queue the preview or the release of a long file; the job's page shows its progress
    and, for a preview, offers the file."""
    from .tasks import produce_released_file

    item = _lock(released_file)
    require(actor, "foi.view_staff" if preview else "foi.handle", item.request)
    if not preview:
        _must_be_draft(item)
    title = _("预览：%(title)s") if preview else _("提供文件：%(title)s")
    return start_file_job(
        kind=JOB_PREVIEW if preview else JOB_RELEASE,
        title=title % {"title": item.title},
        actor=actor,
        agency=item.request.agency,
        task=produce_released_file,
        params={
            "released_file": item.pk,
            "request": item.request_id,
            "fingerprint": redaction_fingerprint(item),
        },
        total=item.pages or 0,
    )


def run_production_job(job_id: int) -> str:
    """The task of start_production: produce the bytes without holding the row lock, then,
    in a short transaction, check that the draft and its redactions did not change and
    store (release) or return (preview) the file. Idempotent: an ended job is left alone."""
    job = claim_job(job_id)
    if job is None:
        return "ended"
    item = (
        ReleasedFile.objects.select_related("request__agency")
        .filter(pk=job.params.get("released_file"))
        .first()
    )
    if item is None:
        fail_job(job_id, error=_("该文件已删除。"))
        return "failed"
    report_progress(job_id, stage=_("正在生成文件"))
    try:
        data = engine.produce(item)
    except RedactionError as exc:
        fail_job(job_id, error=str(exc))
        return "failed"
    preview = job.kind == JOB_PREVIEW
    try:
        with transaction.atomic():
            item = _lock(item)
            require(job.created_by, "foi.view_staff" if preview else "foi.handle", item.request)
            if not preview:
                _must_be_draft(item)
            if redaction_fingerprint(item) != job.params.get("fingerprint"):
                raise ValidationError(
                    _("生成期间删除标注有变化，请重新预览后再提供。"), code="changed"
                )
            if preview:
                _record_preview(item, job.created_by)
            else:
                _store_release(item, data, job.created_by)
    except (ValidationError, PermissionDenied) as exc:
        fail_job(job_id, error=" ".join(getattr(exc, "messages", [str(exc)])))
        return "failed"
    report = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    if preview:
        name = f"{item.title}{_('（预览）')}.{item.kind}"
        finish_job(job_id, report=report, result=(name, data))
    else:
        finish_job(job_id, report=report)
    return "done"


def uploaded(name: str, data: bytes) -> SimpleUploadedFile:
    """An uploaded file from bytes (for the API, commands and tests)."""
    return SimpleUploadedFile(name, data)


__all__ = [
    "add_box_redaction",
    "add_text_redaction",
    "build_preview",
    "discard_draft",
    "produced_in_background",
    "release_file",
    "remove_redaction",
    "run_production_job",
    "start_production",
    "upload_source",
    "uploaded",
]
