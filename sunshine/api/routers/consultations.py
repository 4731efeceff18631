"""征求意见: published consultations, their clauses and visible comments for anyone; for staff
(token), every comment including hidden ones, adoption marking, the feedback report and the
exports. Staff actions call the same services as the workbench."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status

from sunshine.kernel.files.filejobs import job_of
from sunshine.kernel.files.models import FileJob
from sunshine.participation.consultations import comment_services, exports, selectors, services
from sunshine.participation.consultations.choices import Adoption

from ..actions import StaffLookup
from ..auth import staff_token
from ..errors import NotFound
from ..links import portal_url
from ..pagination import limit_param, offset_param, page

router = Router(tags=["consultations"])


class ConsultationOut(Schema):
    id: int
    title: str
    summary: str
    agency_id: int
    agency_name: str
    state: str
    state_label: str
    is_major_decision: bool
    moderation_mode: str
    start_date: dt.date
    end_date: dt.date
    period_days: int
    visible_comments: int
    url: str

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_visible_comments(obj) -> int:
        return getattr(obj, "visible_comments", 0) or 0

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url("consultation_detail", obj.pk)


class ClauseOut(Schema):
    position: int
    label: str
    chapter: str
    text: str


class BasisOut(Schema):
    title: str
    url: str


class ConsultationDetail(ConsultationOut):
    explanation: str
    short_period_reason: str
    basis: list[BasisOut]
    feedback_report: str
    feedback_published_at: dt.datetime | None

    @staticmethod
    def resolve_basis(obj) -> list[dict]:
        links = [{"title": x.title, "url": x.url} for x in obj.basis_links.all()]
        files = [
            {"title": a.original_name, "url": portal_url("consultation_file", obj.pk, a.pk)}
            for a in obj.attachments.all()
        ]
        return links + files

    @staticmethod
    def resolve_feedback_report(obj) -> str:
        return obj.feedback_report if obj.state == "feedback_published" else ""

    @staticmethod
    def resolve_feedback_published_at(obj):
        at = obj.feedback_published_at
        return timezone.localtime(at) if at and obj.state == "feedback_published" else None


class CommentOut(Schema):
    id: int
    clause: int | None
    clause_label: str
    author: str
    body: str
    submitted_at: dt.datetime
    adoption: str
    adoption_reason: str

    @staticmethod
    def resolve_clause(obj):
        return obj.clause.position if obj.clause_id else None

    @staticmethod
    def resolve_clause_label(obj) -> str:
        return obj.clause.label if obj.clause_id else ""

    @staticmethod
    def resolve_author(obj) -> str:
        return obj.public_name

    @staticmethod
    def resolve_submitted_at(obj):
        return timezone.localtime(obj.submitted_at)

    @staticmethod
    def resolve_adoption(obj) -> str:
        return obj.adoption if obj.consultation.state == "feedback_published" else ""

    @staticmethod
    def resolve_adoption_reason(obj) -> str:
        return obj.adoption_reason if obj.consultation.state == "feedback_published" else ""


class StaffCommentOut(Schema):
    id: int
    clause: int | None
    author_id: int | None
    author_name: str
    is_anonymous: bool
    body: str
    state: str
    hide_reason: str
    group_label: str
    adoption: str
    adoption_reason: str
    submitted_at: dt.datetime

    @staticmethod
    def resolve_clause(obj):
        return obj.clause.position if obj.clause_id else None

    @staticmethod
    def resolve_submitted_at(obj):
        return timezone.localtime(obj.submitted_at)


class Page(Schema):
    count: int
    items: list[ConsultationOut]


class CommentPage(Schema):
    count: int
    items: list[CommentOut]


class StaffCommentPage(Schema):
    count: int
    items: list[StaffCommentOut]


class AdoptionIn(Schema):
    adoption: str
    reason: str = ""


class GroupAdoptionIn(AdoptionIn):
    group_label: str


class FeedbackIn(Schema):
    report: str


def _public(consultation_id: int):
    item = selectors.consultation_for_public(consultation_id)
    if item is None:
        raise NotFound(_("该征求意见不存在或尚未发布。"))
    return item


_staff = StaffLookup(
    selectors.consultation_for_staff, gettext_lazy("该征求意见不存在，或不在您的权限范围内。")
)


# --- Public ------------------------------------------------------------------------------


@router.get("", response=Page, summary="征求意见列表")
def list_consultations(
    request,
    status: str | None = Query(None, description="open, upcoming, closed, feedback"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    items = selectors.public_consultations(status=status or None)
    return page(items, limit, offset)


@router.get("/{int:consultation_id}", response=ConsultationDetail, summary="征求意见详情")
def get_consultation(request, consultation_id: int):
    item = _public(consultation_id)
    item.visible_comments = sum(selectors.visible_counts_by_clause(item).values())
    return item


@router.get("/{int:consultation_id}/clauses", response=list[ClauseOut], summary="征求意见稿条款")
def list_clauses(request, consultation_id: int):
    return list(_public(consultation_id).clauses.all())


@router.get("/{int:consultation_id}/comments", response=CommentPage, summary="公开的意见")
def list_comments(
    request,
    consultation_id: int,
    clause: int | None = Query(None, description="条款序号（position）"),
    limit: int = limit_param(50),
    offset: int = offset_param(),
):
    item = _public(consultation_id)
    target = selectors.clause_at(item, clause) if clause is not None else None
    if clause is not None and target is None:
        raise NotFound(_("没有该条款。"))
    comments = selectors.public_comments(item, clause=target).select_related("consultation")
    return page(comments, limit, offset)


# --- Staff -------------------------------------------------------------------------------


@router.get(
    "/{int:consultation_id}/staff/comments",
    auth=staff_token,
    response=StaffCommentPage,
    summary="全部意见（含待审核、不公开）",
)
def staff_comments(
    request,
    consultation_id: int,
    state: str | None = Query(None, description="pending, visible, hidden"),
    limit: int = limit_param(50),
    offset: int = offset_param(),
):
    item = _staff(request, consultation_id)
    comments = selectors.staff_comments(item, state=state or None)
    return page(comments, limit, offset)


@router.post(
    "/comments/{int:comment_id}/adoption",
    auth=staff_token,
    response=StaffCommentOut,
    summary="标注采纳情况",
)
def mark_adoption(request, comment_id: int, payload: AdoptionIn):
    comment = selectors.comment_for_staff(request.auth, comment_id)
    if comment is None:
        raise NotFound(_("该意见不存在，或不在您的权限范围内。"))
    return comment_services.mark_adoption(
        comment=comment, actor=request.auth, adoption=payload.adoption, reason=payload.reason
    )


@router.post(
    "/{int:consultation_id}/adoption",
    auth=staff_token,
    response=dict,
    summary="按归类批量标注采纳情况",
)
def mark_group_adoption(request, consultation_id: int, payload: GroupAdoptionIn):
    if payload.adoption not in Adoption.values:
        raise ValidationError({"adoption": [_("请选择采纳情况。")]})
    n = comment_services.mark_group_adoption(
        consultation=_staff(request, consultation_id),
        actor=request.auth,
        group_label=payload.group_label,
        adoption=payload.adoption,
        reason=payload.reason,
    )
    return {"updated": n}


@router.post(
    "/{int:consultation_id}/feedback",
    auth=staff_token,
    response=ConsultationDetail,
    summary="发布采纳情况说明",
)
def publish_feedback(request, consultation_id: int, payload: FeedbackIn):
    item = _staff(request, consultation_id)
    services.publish_feedback_report(consultation=item, actor=request.auth, report=payload.report)
    item.visible_comments = sum(selectors.visible_counts_by_clause(item).values())
    return item


# --- Exports (issue 12.3) -------------------------------------------------------------------
# A client of the API gets what a staff member gets in the workbench, through the same service
# (exports.start_export): a small export (up to CONSULTATION_EXPORT_SYNC_ROWS comments) is the
# file itself; a larger one is written by a background task — the answer is 202 with
# a job resource to poll (`url`) and, once done, `result_url`. A client behind a gateway with
# a 60-second timeout, or one that loses its connection, loses nothing: it polls again. Asking
# again while the job runs gives the same job (no second copy of the work). More than
# CONSULTATION_EXPORT_MAX_ROWS comments is refused (422).

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_TYPES = {"xlsx": XLSX_TYPE, "csv": "text/csv; charset=utf-8"}
_FILE_ANSWER = {
    "description": "文件（xlsx 或 csv）/ The file",
    "content": {
        XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}},
        "text/csv": {"schema": {"type": "string"}},
    },
}


class ExportJobOut(Schema):
    """A background export (a kernel FileJob): poll `url` until `state` is done or failed."""

    id: int
    title: str
    state: str
    state_label: str
    done: int
    total: int
    percent: int
    stage: str
    error: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    url: str
    result_url: str | None

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_url(obj) -> str:
        return f"/api/v1/consultations/export-jobs/{obj.pk}"

    @staticmethod
    def resolve_result_url(obj) -> str | None:
        if obj.state == FileJob.State.DONE and obj.result:
            return f"/api/v1/consultations/export-jobs/{obj.pk}/result"
        return None


class ExportNotReadyOut(Schema):
    detail: str


@router.get(
    "/{int:consultation_id}/export.{fmt}",
    auth=staff_token,
    response={202: ExportJobOut},
    openapi_extra={"responses": {"200": _FILE_ANSWER}},
    summary="导出全部意见（xlsx 或 csv；意见多时为后台任务）",
)
def export_comments(request, consultation_id: int, fmt: str):
    item = _staff(request, consultation_id)
    if fmt not in exports.FORMATS:
        raise NotFound(_("只支持 xlsx 和 csv。"))
    count = exports.comment_count(item)
    if count > exports.max_rows():
        raise ValidationError(
            _("该征求意见共有 %(n)s 条意见，超过单次导出上限 %(limit)s 条。")
            % {"n": count, "limit": exports.max_rows()},
            code="too_many_rows",
        )
    if count <= exports.sync_rows():
        # At most sync_rows() rows: small enough to send whole (with a Content-Length).
        content = b"".join(exports.comments_stream(item, fmt))
        response = HttpResponse(content, content_type=EXPORT_TYPES[fmt])
        name = exports.export_filename(item, fmt)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    running = (
        FileJob.objects.filter(
            kind=exports.JOB_KIND,
            created_by=request.auth,
            state__in=(FileJob.State.QUEUED, FileJob.State.RUNNING),
            params__consultation=item.pk,
            params__format=fmt,
        )
        .order_by("-pk")
        .first()
    )
    job = running or exports.start_export(consultation=item, fmt=fmt, actor=request.auth)
    return Status(202, job)


def _export_job(request, job_id: int) -> FileJob:
    job = job_of(request.auth, job_id, kind_prefix=exports.JOB_KIND)
    if job is None:
        raise NotFound(_("该导出任务不存在、已过期清理，或不是您发起的。"))
    return job


@router.get(
    "/export-jobs/{int:job_id}",
    auth=staff_token,
    response=ExportJobOut,
    summary="导出任务的进度",
)
def export_job(request, job_id: int):
    return _export_job(request, job_id)


@router.get(
    "/export-jobs/{int:job_id}/result",
    auth=staff_token,
    response={409: ExportNotReadyOut},
    openapi_extra={"responses": {"200": _FILE_ANSWER}},
    summary="下载导出任务生成的文件",
)
def export_job_result(request, job_id: int):
    job = _export_job(request, job_id)
    if not job.finished:
        return Status(
            409, {"detail": _("文件尚未生成，请稍后再试（已处理 %(p)s%%）。") % {"p": job.percent}}
        )
    if job.state != FileJob.State.DONE or not job.result:
        raise NotFound(job.error or _("该任务没有结果文件。"))
    ext = job.result_name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        job.result.open("rb"),
        as_attachment=True,
        filename=job.result_name,
        content_type=EXPORT_TYPES.get(ext, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
