"""Every write to the public's comments on a consultation: submission (signed-in citizens and
enterprises only, checked by the kernel moderation checks), moderation (pre- or
post-moderation per consultation, hidden comments with a reason their author sees), grouping
and adoption (采纳 / 部分采纳 / 不采纳 with reasons, one by one or a whole group)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.moderation.checks import check_text

from .choices import Adoption, CommentState, ModerationMode
from .choices import ConsultationState as S
from .models import Consultation, ConsultationClause, ConsultationComment

BODY_MAX = 2000
REASON_MAX = 300
GROUP_MAX = 100
MODERATION_KIND = "consultation_comment"


def _public_name(author) -> str:
    """How a named comment is signed: the enterprise's name, or the citizen's surname with
    the rest masked (张**), or 网友."""
    if author.kind == author.Kind.ENTERPRISE and author.enterprise_name:
        return author.enterprise_name[:100]
    name = (author.display_name or "").strip()
    return f"{name[0]}{'*' * min(max(len(name) - 1, 1), 3)}" if name else _("网友")


def _lock(comment: ConsultationComment) -> None:
    comment.refresh_from_db(from_queryset=ConsultationComment.objects.select_for_update())


# --- Submission --------------------------------------------------------------------------


@transaction.atomic
def submit_comment(
    *,
    consultation: Consultation,
    author,
    body: str,
    clause: ConsultationClause | None = None,
    is_anonymous: bool = False,
) -> ConsultationComment:
    """A comment on the whole draft (`clause` None) or on one clause. Refused (with the reasons
    in Chinese, the text left with the author) when it is empty, too long, holds markup,
    sensitive words or looks like spam. Pre-moderated consultations keep it pending."""
    if author is None or not author.is_authenticated:
        raise PermissionDenied(_("请先登录后再提交意见。"))
    if author.kind not in (author.Kind.CITIZEN, author.Kind.ENTERPRISE):
        raise PermissionDenied(_("只有公众和企业用户可以提交意见，工作人员请使用工作台。"))
    if not author.is_active:
        raise PermissionDenied(_("账户已停用。"))
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    today = clock.today()
    if consultation.state != S.OPEN or not (
        consultation.start_date <= today <= consultation.end_date
    ):
        raise ValidationError(_("该征求意见不在征求期内，不能提交意见。"))
    if clause is not None and clause.consultation_id != consultation.pk:
        raise ValidationError({"clause": _("所选条款不属于该征求意见稿。")})
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("请填写意见内容。")})
    result = check_text(body, author=author, kind=MODERATION_KIND, max_length=BODY_MAX)
    if not result.ok:
        raise ValidationError({"body": result.reasons})
    pre = consultation.moderation_mode == ModerationMode.PRE
    comment = ConsultationComment.objects.create(
        consultation=consultation,
        clause=clause,
        author=author,
        author_name=_public_name(author),
        is_anonymous=bool(is_anonymous),
        body=body,
        state=CommentState.PENDING if pre else CommentState.VISIBLE,
        moderation=result.as_dict(),
        submitted_at=clock.now(),
    )
    record_event(
        action="consultation_comment.submit",
        actor=author,
        obj=comment,
        agency=consultation.agency,
        summary=body[:60],
        data={
            "consultation": consultation.pk,
            "clause": clause.pk if clause is not None else None,
            "state": comment.state,
            "anonymous": comment.is_anonymous,
        },
    )
    return comment


# --- Moderation --------------------------------------------------------------------------


@transaction.atomic
def approve_comment(*, comment: ConsultationComment, actor) -> ConsultationComment:
    """Publish a pending comment (pre-moderation) or put a hidden one back."""
    require(actor, "consultation.moderate", comment)
    _lock(comment)
    if comment.state == CommentState.VISIBLE:
        return comment
    before = comment.state
    comment.state, comment.hide_reason = CommentState.VISIBLE, ""
    comment.moderated_by, comment.moderated_at = actor, clock.now()
    comment.save(update_fields=["state", "hide_reason", "moderated_by", "moderated_at"])
    record_event(
        action="consultation_comment.approve",
        actor=actor,
        obj=comment,
        before={"state": before},
        after={"state": comment.state},
    )
    return comment


@transaction.atomic
def hide_comment(*, comment: ConsultationComment, actor, reason: str) -> ConsultationComment:
    """Keep a comment off the public page; the reason is shown to its author only. A hidden
    comment is still part of the record (exports, statistics of all comments)."""
    require(actor, "consultation.moderate", comment)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("请填写不予公开的原因（将告知提出人）。")})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": _("原因最多%(max)d个字。") % {"max": REASON_MAX}})
    _lock(comment)
    before = comment.state
    comment.state, comment.hide_reason = CommentState.HIDDEN, reason
    comment.moderated_by, comment.moderated_at = actor, clock.now()
    if comment.adoption:
        comment.adoption, comment.adoption_reason = "", ""
    comment.save(
        update_fields=[
            "state",
            "hide_reason",
            "moderated_by",
            "moderated_at",
            "adoption",
            "adoption_reason",
        ]
    )
    record_event(
        action="consultation_comment.hide",
        actor=actor,
        obj=comment,
        summary=reason,
        before={"state": before},
        after={"state": comment.state, "reason": reason},
    )
    return comment


# --- Grouping and adoption (after closing) ----------------------------------------------


def _must_be_closed(consultation: Consultation) -> None:
    state = Consultation.objects.filter(pk=consultation.pk).values_list("state", flat=True)
    if state.first() != S.CLOSED:
        raise ValidationError(_("征求意见结束后、采纳情况说明发布前，才能归类和标注采纳情况。"))


@transaction.atomic
def group_comments(*, consultation: Consultation, actor, comment_ids: list[int], label: str) -> int:
    """Put comments under one label (同类意见), e.g. "关于收费标准"; an empty label ungroups.
    Returns the number of comments changed."""
    require(actor, "consultation.adopt", consultation)
    _must_be_closed(consultation)
    label = (label or "").strip()
    if len(label) > GROUP_MAX:
        raise ValidationError({"label": _("归类名称最多%(max)d个字。") % {"max": GROUP_MAX}})
    ids = sorted({int(i) for i in comment_ids})
    if not ids:
        raise ValidationError(_("请至少选择一条意见。"))
    qs = ConsultationComment.objects.filter(consultation=consultation, pk__in=ids)
    if qs.count() != len(ids):
        raise ValidationError(_("所选意见不属于该征求意见。"))
    changed = qs.update(group_label=label)
    record_event(
        action="consultation_comment.group",
        actor=actor,
        obj=consultation,
        summary=label,
        data={"comments": ids, "label": label},
    )
    return changed


def _clean_adoption(adoption: str, reason: str) -> str:
    if adoption not in Adoption.values:
        raise ValidationError({"adoption": _("请选择采纳情况。")})
    reason = (reason or "").strip()
    if adoption != Adoption.ADOPTED and not reason:
        raise ValidationError({"adoption_reason": _("部分采纳或不采纳的，请说明理由。")})
    if len(reason) > BODY_MAX:
        raise ValidationError({"adoption_reason": _("理由最多%(max)d个字。") % {"max": BODY_MAX}})
    return reason


@transaction.atomic
def mark_adoption(
    *, comment: ConsultationComment, actor, adoption: str, reason: str = ""
) -> ConsultationComment:
    """采纳 / 部分采纳 / 不采纳 one public comment, with the reason (required unless adopted)."""
    require(actor, "consultation.adopt", comment)
    _must_be_closed(comment.consultation)
    reason = _clean_adoption(adoption, reason)
    _lock(comment)
    if comment.state != CommentState.VISIBLE:
        raise ValidationError(_("只有公开的意见需要标注采纳情况。"))
    before = {"adoption": comment.adoption, "reason": comment.adoption_reason}
    comment.adoption, comment.adoption_reason = adoption, reason
    comment.adoption_by, comment.adoption_at = actor, clock.now()
    comment.save(update_fields=["adoption", "adoption_reason", "adoption_by", "adoption_at"])
    record_event(
        action="consultation_comment.adopt",
        actor=actor,
        obj=comment,
        before=before,
        after={"adoption": adoption, "reason": reason},
    )
    return comment


@transaction.atomic
def mark_group_adoption(
    *, consultation: Consultation, actor, group_label: str, adoption: str, reason: str = ""
) -> int:
    """The same adoption and reason for every public comment of a group (批量标注)."""
    require(actor, "consultation.adopt", consultation)
    _must_be_closed(consultation)
    reason = _clean_adoption(adoption, reason)
    group_label = (group_label or "").strip()
    if not group_label:
        raise ValidationError({"group_label": _("请选择意见归类。")})
    qs = ConsultationComment.objects.select_for_update().filter(
        consultation=consultation, group_label=group_label, state=CommentState.VISIBLE
    )
    ids = list(qs.values_list("pk", flat=True))
    if not ids:
        raise ValidationError({"group_label": _("该归类下没有公开的意见。")})
    changed = ConsultationComment.objects.filter(pk__in=ids).update(
        adoption=adoption, adoption_reason=reason, adoption_by=actor, adoption_at=clock.now()
    )
    record_event(
        action="consultation_comment.adopt_group",
        actor=actor,
        obj=consultation,
        summary=f"{group_label}: {adoption}",
        data={"group": group_label, "comments": ids, "adoption": adoption, "reason": reason},
    )
    return changed
