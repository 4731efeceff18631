"""Every write to consultations (征求意见) themselves: drafting, basis documents, the period
rule of 重大行政决策, publication, opening and closing (state changes through the kernel
workflow, which logs and audits them) and the feedback report (采纳情况说明) with its clock.
Comments are written by comment_services.py."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import can, require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.rules import get_rule
from sunshine.kernel.deadlines.services import start_clock, stop_clock
from sunshine.kernel.files.models import Attachment
from sunshine.kernel.files.selectors import attachments_for
from sunshine.kernel.files.services import delete_attachment, store_attachment
from sunshine.kernel.moderation.checks import contains_markup
from sunshine.kernel.notify.publish import announce
from sunshine.kernel.notify.services import notify
from sunshine.kernel.workflow.services import transition

from .choices import CommentState, ModerationMode
from .choices import ConsultationState as S
from .clauses import parse_clauses
from .indexing import index_consultation
from .models import Consultation, ConsultationBasisLink, ConsultationClause, ConsultationComment
from .rules import FEEDBACK as FEEDBACK_RULE
from .rules import PERIOD as PERIOD_RULE

EDITABLE = ("title", "summary", "draft_text", "explanation", "is_major_decision")
EDITABLE += ("moderation_mode", "start_date", "end_date", "contact")
TITLE_MAX, SUMMARY_MAX, CONTACT_MAX = 200, 500, 200


def min_period_days() -> int:
    """The shortest period of a 重大行政决策 (rules.md §5: 30 calendar days; configurable)."""
    return get_rule(PERIOD_RULE).length


def _snapshot(c: Consultation) -> dict:
    return {
        "title": c.title,
        "draft_chars": len(c.draft_text),
        "is_major_decision": c.is_major_decision,
        "moderation_mode": c.moderation_mode,
        "start_date": c.start_date.isoformat() if c.start_date else None,
        "end_date": c.end_date.isoformat() if c.end_date else None,
        "short_period_days": c.short_period_days,
        "state": str(c.state),
    }


def _lock(c: Consultation) -> None:
    c.refresh_from_db(from_queryset=Consultation.objects.select_for_update())


def _portal_url(c: Consultation, name: str = "consultation_detail") -> str:
    try:
        return reverse(f"portal:{name}", args=[c.pk])
    except NoReverseMatch:
        return ""


def _announce_open(c: Consultation) -> None:
    """征求意见 opened: its followers and the agency's hear of it (kernel/notify)."""
    announce(
        item=f"consultation.{c.pk}",
        version="open",
        title=c.title,
        summary=c.summary,
        url=_portal_url(c),
        topics=["column.zjyj", f"agency.{c.agency_id}"],
        facets={"column": "zjyj", "agency": c.agency_id},
    )


# --- Validation --------------------------------------------------------------------------


def _clean(values: dict) -> dict:
    errors: dict[str, list[str]] = {}
    out = dict(values)
    for name in ("title", "summary", "draft_text", "explanation", "contact"):
        out[name] = (out.get(name) or "").strip()
    limits = {"title": TITLE_MAX, "summary": SUMMARY_MAX, "contact": CONTACT_MAX}
    for name, limit in limits.items():
        if len(out[name]) > limit:
            errors.setdefault(name, []).append(_("最多%(max)d个字。") % {"max": limit})
    if not out["title"]:
        errors.setdefault("title", []).append(_("请填写标题。"))
    if not out["draft_text"]:
        errors.setdefault("draft_text", []).append(_("请填写征求意见稿正文。"))
    for name in ("title", "summary", "draft_text", "explanation", "contact"):
        if out[name] and contains_markup(out[name]):
            errors.setdefault(name, []).append(_("不能包含HTML标记或脚本代码。"))
    if out.get("moderation_mode") not in ModerationMode.values:
        errors.setdefault("moderation_mode", []).append(_("请选择审核方式。"))
    start, end = out.get("start_date"), out.get("end_date")
    if not isinstance(start, dt.date):
        errors.setdefault("start_date", []).append(_("请填写开始日期。"))
    if not isinstance(end, dt.date):
        errors.setdefault("end_date", []).append(_("请填写截止日期。"))
    elif isinstance(start, dt.date) and end < start:
        errors.setdefault("end_date", []).append(_("截止日期不能早于开始日期。"))
    out["is_major_decision"] = bool(out.get("is_major_decision"))
    if errors:
        raise ValidationError(errors)
    return out


def _apply_period_rule(c: Consultation, *, actor, reason: str) -> None:
    """重大行政决策: at least min_period_days() calendar days, unless an approver records why
    (重大行政决策程序暂行条例: 征求意见期限一般不少于30日). The approval holds for the number
    of days it was given for; a changed period needs a new one."""
    reason = (reason or "").strip()
    minimum = min_period_days()
    days = c.period_days
    if not c.is_major_decision or days >= minimum:
        c.short_period_reason, c.short_period_days, c.short_period_by = "", None, None
        return
    if reason:
        if not can(actor, "consultation.short_period", c):
            raise ValidationError(
                {"short_period_reason": _("只有签发人（审批人）可以批准缩短征求意见期限。")}
            )
        if contains_markup(reason):
            raise ValidationError({"short_period_reason": _("不能包含HTML标记或脚本代码。")})
        c.short_period_reason, c.short_period_days, c.short_period_by = reason, days, actor
        c._short_period_approved = True
        return
    if c.short_period_reason and c.short_period_days == days:
        return
    raise ValidationError(
        {
            "end_date": _(
                "重大行政决策的征求意见期限不少于%(min)d日（当前%(days)d日）。"
                "如确需缩短，须由签发人填写缩短理由。"
            )
            % {"min": minimum, "days": days}
        }
    )


def _audit_short_period(c: Consultation, actor) -> None:
    if getattr(c, "_short_period_approved", False):
        record_event(
            action="consultation.short_period",
            actor=actor,
            obj=c,
            summary=_("批准征求意见期限%(days)d日：%(reason)s")
            % {"days": c.short_period_days, "reason": c.short_period_reason[:100]},
            data={"days": c.short_period_days, "reason": c.short_period_reason},
        )
        c._short_period_approved = False


def _rebuild_clauses(c: Consultation) -> None:
    parsed = parse_clauses(c.draft_text, title=c.title)
    if not parsed:
        raise ValidationError({"draft_text": _("请填写征求意见稿正文。")})
    if ConsultationComment.objects.filter(consultation=c).exists():
        raise ValidationError(_("已有意见的征求意见稿不能再修改正文。"))
    ConsultationClause.objects.filter(consultation=c).delete()
    ConsultationClause.objects.bulk_create(
        ConsultationClause(
            consultation=c, position=p.position, label=p.label, chapter=p.chapter, text=p.text
        )
        for p in parsed
    )


# --- Drafting ----------------------------------------------------------------------------


@transaction.atomic
def create_consultation(
    *,
    agency,
    actor,
    title: str,
    draft_text: str,
    start_date: dt.date,
    end_date: dt.date,
    explanation: str = "",
    summary: str = "",
    is_major_decision: bool = False,
    moderation_mode: str = ModerationMode.POST,
    contact: str = "",
    short_period_reason: str = "",
) -> Consultation:
    """Draft a consultation of `agency`; the draft text is split into clauses."""
    probe = Consultation(agency=agency)
    require(actor, "consultation.draft", probe)
    values = _clean(
        {
            "title": title,
            "summary": summary,
            "draft_text": draft_text,
            "explanation": explanation,
            "is_major_decision": is_major_decision,
            "moderation_mode": moderation_mode,
            "start_date": start_date,
            "end_date": end_date,
            "contact": contact,
        }
    )
    c = Consultation(
        agency=agency, created_by=actor, created_at=clock.now(), state=S.DRAFT, **values
    )
    _apply_period_rule(c, actor=actor, reason=short_period_reason)
    c.save()
    _rebuild_clauses(c)
    record_event(
        action="consultation.create", actor=actor, obj=c, summary=c.title, after=_snapshot(c)
    )
    _audit_short_period(c, actor)
    return c


@transaction.atomic
def update_consultation(
    *, consultation: Consultation, actor, short_period_reason: str = "", **changes
) -> Consultation:
    """Edit a consultation before its period starts (draft or scheduled)."""
    c = consultation
    require(actor, "consultation.draft", c)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    _lock(c)
    if c.state not in (S.DRAFT, S.SCHEDULED):
        raise ValidationError(_("征求意见开始后不能再修改。"))
    before = _snapshot(c)
    values = _clean({**{n: getattr(c, n) for n in EDITABLE}, **changes})
    text_changed = values["draft_text"] != c.draft_text or values["title"] != c.title
    for name, value in values.items():
        setattr(c, name, value)
    _apply_period_rule(c, actor=actor, reason=short_period_reason)
    if c.state == S.SCHEDULED and c.start_date < clock.today():
        raise ValidationError({"start_date": _("开始日期不能早于今天。")})
    c.save()
    if text_changed:
        _rebuild_clauses(c)
    if c.state == S.SCHEDULED:
        index_consultation(c)
    record_event(
        action="consultation.update",
        actor=actor,
        obj=c,
        summary=c.title,
        data={"fields": sorted(changes)},
        before=before,
        after=_snapshot(c),
    )
    _audit_short_period(c, actor)
    return c


@transaction.atomic
def approve_short_period(*, consultation: Consultation, actor, reason: str) -> Consultation:
    """The approver's reason for a major decision's period shorter than the rule (audited)."""
    c = consultation
    require(actor, "consultation.short_period", c)
    _lock(c)
    if c.state not in (S.DRAFT, S.SCHEDULED):
        raise ValidationError(_("征求意见开始后不能再修改。"))
    if not (reason or "").strip():
        raise ValidationError({"short_period_reason": _("请填写缩短征求意见期限的理由。")})
    _apply_period_rule(c, actor=actor, reason=reason)
    c.save()
    _audit_short_period(c, actor)
    return c


@transaction.atomic
def add_basis_file(*, consultation: Consultation, actor, uploaded_file) -> Attachment:
    """A basis document (起草依据、参考材料) as a file; type and size checked by content."""
    require(actor, "consultation.draft", consultation)
    return store_attachment(owner=consultation, uploaded_file=uploaded_file, actor=actor)


@transaction.atomic
def remove_basis_file(*, consultation: Consultation, actor, attachment: Attachment) -> None:
    require(actor, "consultation.draft", consultation)
    if not attachments_for(consultation).filter(pk=attachment.pk).exists():
        raise ValidationError(_("该附件不属于这项征求意见。"))
    delete_attachment(attachment=attachment, actor=actor)


@transaction.atomic
def add_basis_link(
    *, consultation: Consultation, actor, title: str = "", url: str = "", record=None
) -> ConsultationBasisLink:
    """A basis document as a link: a public record of the platform (`record`, title and link
    taken from it) or a page elsewhere (`title` and an http(s) `url`)."""
    require(actor, "consultation.draft", consultation)
    title, url = (title or "").strip(), (url or "").strip()
    if record is not None:
        if not getattr(record, "is_public", False):
            raise ValidationError({"record": _("只能引用已公开的政府信息。")})
        title = title or record.title
        try:
            url = reverse("portal:records_detail", args=[record.pk])
        except NoReverseMatch:
            url = url or ""
    errors = {}
    if not title:
        errors["title"] = _("请填写依据文件名称。")
    elif len(title) > 300 or contains_markup(title):
        errors["title"] = _("名称最多300个字，且不能包含HTML标记。")
    if record is None and not url.startswith(("http://", "https://", "/")):
        errors["url"] = _("请填写以 http:// 或 https:// 开头的链接。")
    if len(url) > 500:
        errors["url"] = _("链接最多500个字符。")
    if errors:
        raise ValidationError(errors)
    last = consultation.basis_links.order_by("-position").first()
    link = ConsultationBasisLink.objects.create(
        consultation=consultation,
        position=(last.position + 1) if last else 0,
        title=title,
        url=url,
        record=record,
    )
    record_event(
        action="consultation.add_basis_link",
        actor=actor,
        obj=consultation,
        summary=title,
        data={"url": url, "record": record.pk if record is not None else None},
    )
    return link


@transaction.atomic
def remove_basis_link(*, consultation: Consultation, actor, link: ConsultationBasisLink) -> None:
    require(actor, "consultation.draft", consultation)
    if link.consultation_id != consultation.pk:
        raise ValidationError(_("该依据不属于这项征求意见。"))
    record_event(
        action="consultation.remove_basis_link",
        actor=actor,
        obj=consultation,
        summary=link.title,
        data={"url": link.url},
    )
    link.delete()


# --- Publication, opening, closing --------------------------------------------------------


@transaction.atomic
def open_consultation(*, consultation: Consultation, actor) -> Consultation:
    """Publish the draft: open at once when the period has started (a start date in the past
    moves to today, and the period rule is checked again), otherwise scheduled to open on its
    start date by the periodic job."""
    c = consultation
    require(actor, "consultation.open", c)
    _lock(c)
    today = clock.today()
    if c.end_date < today:
        raise ValidationError({"end_date": _("截止日期已过，请先修改征求意见期限。")})
    before_start = c.start_date
    if c.start_date < today:
        c.start_date = today
    _apply_period_rule(c, actor=actor, reason="")
    now = clock.now()
    fields = {"start_date": c.start_date, "published_at": c.published_at or now}
    data = {"start_date": c.start_date.isoformat(), "end_date": c.end_date.isoformat()}
    if before_start != c.start_date:
        data["start_date_moved_from"] = before_start.isoformat()
    if c.start_date > today:
        transition(obj=c, name="schedule", actor=actor, data=data, set_fields=fields)
    else:
        fields["opened_at"] = now
        transition(obj=c, name="open", actor=actor, data=data, set_fields=fields)
        _announce_open(c)
    index_consultation(c)
    return c


@transaction.atomic
def unschedule_consultation(*, consultation: Consultation, actor, reason: str) -> Consultation:
    """Take a published consultation whose period has not started back to draft."""
    transition(obj=consultation, name="unschedule", actor=actor, comment=reason)
    index_consultation(consultation)
    return consultation


def _period_over(c: Consultation, today: dt.date) -> bool:
    return c.end_date < today


@transaction.atomic
def close_consultation(*, consultation: Consultation, actor=None) -> Consultation:
    """Close an open consultation whose period has ended (the periodic job, or staff by hand
    after the end date) and start the feedback clock (consultation.feedback)."""
    c = consultation
    if actor is not None:
        require(actor, "consultation.close", c)
    _lock(c)
    if c.state == S.OPEN and not _period_over(c, clock.today()):
        raise ValidationError(
            _("征求意见期限至%(end)s，期满后才能结束。") % {"end": f"{c.end_date:%Y-%m-%d}"}
        )
    now = clock.now()
    transition(
        obj=c,
        name="close",
        actor=actor,
        authorize=False,
        set_fields={"closed_at": now},
        data={"comments": c.comments.count()},
    )
    start_clock(obj=c, rule=FEEDBACK_RULE, agency=c.agency, start=now, actor=actor)
    return c


def sync_consultation_states(*, at: dt.datetime | None = None) -> dict:
    """The periodic job: open scheduled consultations whose period has started, close open ones
    whose period has ended. Idempotent; each consultation in its own transaction."""
    today = timezone.localdate(at) if at is not None else clock.today()
    opened = closed = 0
    due_open = Consultation.objects.filter(state=S.SCHEDULED, start_date__lte=today)
    for pk in due_open.values_list("pk", flat=True):
        with transaction.atomic():
            c = Consultation.objects.select_for_update().get(pk=pk)
            if c.state != S.SCHEDULED or c.start_date > today:
                continue
            transition(
                obj=c,
                name="open",
                actor=None,
                authorize=False,
                set_fields={"opened_at": clock.now()},
            )
            _announce_open(c)
            opened += 1
    due_close = Consultation.objects.filter(state=S.OPEN, end_date__lt=today)
    for pk in due_close.values_list("pk", flat=True):
        with transaction.atomic():
            c = Consultation.objects.select_for_update().get(pk=pk)
            if c.state != S.OPEN or c.end_date >= today:
                continue
            close_consultation(consultation=c, actor=None)
            closed += 1
    return {"opened": opened, "closed": closed}


# --- Feedback report (采纳情况说明) --------------------------------------------------------


def feedback_clock(c: Consultation) -> Clock | None:
    from sunshine.kernel.deadlines.selectors import clocks_for

    return clocks_for(c).filter(rule=FEEDBACK_RULE).order_by("-started_at").first()


def _clean_report(report: str) -> str:
    report = (report or "").strip()
    if not report:
        raise ValidationError({"feedback_report": _("请填写采纳情况说明。")})
    if len(report) > 20000:
        raise ValidationError({"feedback_report": _("采纳情况说明最多20000个字。")})
    if contains_markup(report):
        raise ValidationError({"feedback_report": _("不能包含HTML标记或脚本代码。")})
    return report


@transaction.atomic
def save_feedback_report(*, consultation: Consultation, actor, report: str) -> Consultation:
    """Write (or rewrite) the 采纳情况说明 before it is published."""
    c = consultation
    require(actor, "consultation.adopt", c)
    _lock(c)
    if c.state != S.CLOSED:
        raise ValidationError(_("征求意见结束后、反馈发布前才能编写采纳情况说明。"))
    c.feedback_report = _clean_report(report)
    c.save(update_fields=["feedback_report", "updated_at"])
    record_event(
        action="consultation.save_feedback",
        actor=actor,
        obj=c,
        data={"chars": len(c.feedback_report)},
    )
    return c


@transaction.atomic
def publish_feedback_report(
    *, consultation: Consultation, actor, report: str | None = None
) -> Consultation:
    """Publish the 采纳情况说明 with the adoption of every public comment; stops the feedback
    clock. Refused while comments wait for moderation or a public comment has no adoption."""
    c = consultation
    require(actor, "consultation.publish_feedback", c)
    _lock(c)
    if c.state != S.CLOSED:
        raise ValidationError(_("只有已结束的征求意见可以发布采纳情况说明。"))
    text = _clean_report(c.feedback_report if report is None else report)
    comments = ConsultationComment.objects.filter(consultation=c)
    pending = comments.filter(state=CommentState.PENDING).count()
    unmarked = comments.filter(state=CommentState.VISIBLE, adoption="").count()
    problems = []
    if pending:
        problems.append(_("还有%(n)d条意见待审核。") % {"n": pending})
    if unmarked:
        problems.append(_("还有%(n)d条公开的意见未标注采纳情况。") % {"n": unmarked})
    if problems:
        raise ValidationError(problems)
    now = clock.now()
    transition(
        obj=c,
        name="publish_feedback",
        actor=actor,
        set_fields={"feedback_report": text, "feedback_published_at": now},
    )
    announce(
        item=f"consultation.{c.pk}",
        version="results",
        title=_("《%(title)s》采纳情况说明") % {"title": c.title},
        url=_portal_url(c, "consultation_results"),
        topics=[f"agency.{c.agency_id}"],
    )
    index_consultation(c)
    running = feedback_clock(c)
    if running is not None and running.is_open:
        stop_clock(clock=running, actor=actor, authorize=False, outcome=_("采纳情况说明已发布"))
    authors = {x.author for x in comments.select_related("author") if x.author is not None}
    notify(
        event="consultation.feedback_published",
        recipients=authors,
        subject=_("《%(title)s》的采纳情况说明已发布") % {"title": c.title[:80]},
        body=_("您对《%(title)s》提出的意见已有采纳情况反馈，请查看。") % {"title": c.title},
        obj=c,
        url=_portal_url(c, "consultation_results"),
    )
    return c
