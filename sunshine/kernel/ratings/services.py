"""Writes of 好差评: rating, the default rating job, and the steps of a 差评整改 case.
Every write is one transaction with its audit event; refusals are ValidationError with a
Chinese message (or PermissionDenied from the policy)."""

import datetime as dt
import logging

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel import clock as time_source
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event

from .choices import BAD_LEVELS, CaseState, RatingLevel
from .models import Rating, RectificationCase
from .permissions import CASE_NOTIFY_ROLES
from .registry import rateable_for, rateables
from .text import COMMENT_MAX, NOTE_MAX, clean_text

logger = logging.getLogger(__name__)

RECTIFY_RULE = "rating.rectify"


def is_real_name(user) -> bool:
    """An account with a verified identity: a citizen with an ID number, an enterprise with
    its credit code (both given at registration "用于实名办理业务"), or a staff account."""
    if user is None:
        return False
    if getattr(user, "is_government_staff", False):
        return True
    return bool(getattr(user, "id_number", "") or getattr(user, "credit_code", ""))


def _level_label(level: str) -> str:
    return str(dict(RatingLevel.choices).get(level, level))


def _title(entry, obj) -> str:
    try:
        return str(entry.title(obj) or "")[:200]
    except Exception:  # a title is for display only
        logger.exception("rateable %s: title failed", entry.kind)
        return str(obj)[:200]


@transaction.atomic
def rate(
    *, obj, rater, level, comment: str = "", step: str = "", kind: str | None = None
) -> Rating:
    """Rate a finished item (or one step of it). Only the rater the module names, only once
    per (item, step), only after it is finished and within the rating period. A 差评 by a
    real-name rater opens a 差评整改 case with its clock; every 差评 calls `on_bad_rating`."""
    try:
        entry = rateable_for(obj, kind)
    except LookupError:
        raise ValidationError(_("该事项不接受评价。")) from None
    level = str(level or "")
    if level not in RatingLevel.values:
        raise ValidationError({"level": _("请选择评价等级。")})
    comment = clean_text(comment, field="comment", label=_("评价意见"), max_length=COMMENT_MAX)
    step = (step or "").strip()
    if step and step not in entry.steps:
        raise ValidationError({"step": _("该环节不能单独评价。")})
    expected = entry.rater(obj)
    if (
        rater is None
        or not getattr(rater, "is_authenticated", False)
        or expected is None
        or expected.pk != rater.pk
    ):
        raise ValidationError(_("只有该事项的申请人（留言人）本人可以评价。"))
    now = time_source.now()
    finished = entry.finished(obj, step)
    if finished is None or finished > now:
        raise ValidationError(_("事项办结后才能评价。"))
    content_type = ContentType.objects.get_for_model(obj)
    existing = Rating.objects.filter(content_type=content_type, object_id=obj.pk, step=step).first()
    if existing is not None:
        if existing.is_default:
            raise ValidationError(_("评价期限已过，系统已默认评价为“基本满意”。"))
        raise ValidationError(_("您已评价过，不能重复评价。"))
    if now > finished + dt.timedelta(days=entry.after_days):
        raise ValidationError(
            _("评价期限已过：请在办结后 %(n)s 日内评价。") % {"n": entry.after_days}
        )
    agency = entry.agency(obj)
    if agency is None:
        raise ValidationError(_("该事项尚未确定办理机关，暂不能评价。"))
    rating = Rating(
        content_type=content_type,
        object_id=obj.pk,
        kind=entry.kind,
        step=step,
        title=_title(entry, obj),
        agency=agency,
        rater=rater,
        level=level,
        comment=comment,
        is_default=False,
        is_real_name=is_real_name(rater),
        created_at=now,
    )
    try:
        with transaction.atomic():
            rating.save()
    except IntegrityError:
        raise ValidationError(_("您已评价过，不能重复评价。")) from None
    record_event(
        action="rating.rate",
        actor=rater,
        obj=rating,
        agency=agency,
        summary=f"{rating.title} · {_level_label(level)}"[:300],
        data={"kind": entry.kind, "object_id": obj.pk, "step": step, "level": level},
        after={"level": level, "comment": comment, "is_real_name": rating.is_real_name},
    )
    if level in BAD_LEVELS:
        if rating.is_real_name:
            open_case(rating=rating)
        if entry.on_bad_rating is not None:
            entry.on_bad_rating(rating)
    return rating


def _case_staff(agency) -> list:
    from sunshine.kernel.accounts.models import User

    return list(
        User.objects.filter(
            grants__agency_id=agency.pk,
            grants__role__in=CASE_NOTIFY_ROLES,
            is_active=True,
            kind=User.Kind.STAFF,
        ).distinct()
    )


@transaction.atomic
def open_case(*, rating: Rating) -> RectificationCase:
    """Open the 差评整改 case of a bad rating (called by `rate`; idempotent per rating)."""
    from sunshine.kernel.deadlines.services import start_clock
    from sunshine.kernel.notify.services import notify

    existing = RectificationCase.objects.filter(rating=rating).first()
    if existing is not None:
        return existing
    now = time_source.now()
    case = RectificationCase.objects.create(
        rating=rating,
        agency=rating.agency,
        kind=rating.kind,
        title=rating.title,
        state=CaseState.OPEN,
        opened_at=now,
    )
    case.clock = start_clock(obj=case, rule=RECTIFY_RULE, agency=rating.agency, start=now)
    case.save(update_fields=["clock"])
    record_event(
        action="rating.case_open",
        obj=case,
        agency=case.agency,
        summary=case.title[:300],
        data={"rating": rating.pk, "level": rating.level},
        after={"state": case.state},
    )
    due = timezone.localtime(case.clock.due_at)
    notify(
        event="rating.case_opened",
        recipients=_case_staff(case.agency),
        subject=_("差评整改：%(title)s") % {"title": case.title or rating.kind},
        body=_("收到一条实名差评（%(level)s），请回访评价人、核实情况，并于 %(due)s 前完成整改。")
        % {"level": _level_label(rating.level), "due": f"{due:%Y-%m-%d}"},
        obj=case,
        url=case.get_absolute_url(),
    )
    return case


def _lock(case: RectificationCase) -> None:
    case.refresh_from_db(from_queryset=RectificationCase.objects.select_for_update())


def _require_state(case: RectificationCase, states, message: str) -> None:
    if case.state not in [str(s) for s in states]:
        raise ValidationError(message)


def _stop(case: RectificationCase, actor, outcome: str) -> None:
    from sunshine.kernel.deadlines.models import Clock
    from sunshine.kernel.deadlines.services import stop_clock

    if case.clock_id is None:
        return
    clock = Clock.objects.get(pk=case.clock_id)
    if clock.state != Clock.State.STOPPED:
        stop_clock(clock=clock, actor=actor, outcome=outcome, authorize=False)


def _audit(case, actor, action, before, summary="", data=None):
    record_event(
        action=action,
        actor=actor,
        obj=case,
        agency=case.agency,
        summary=summary[:300],
        data=data or {},
        before={"state": before},
        after={"state": case.state},
    )


@transaction.atomic
def record_callback(
    *, case: RectificationCase, actor, reached: bool, note: str
) -> RectificationCase:
    """回访: a call to the rater, reached or not (each attempt is counted; a later attempt
    may be recorded until the case is verified)."""
    require(actor, "rating.case_callback", case)
    _lock(case)
    _require_state(
        case,
        [CaseState.OPEN, CaseState.CALLED_BACK],
        _("该差评已核实，不能再登记回访。"),
    )
    note = clean_text(note, field="note", label=_("回访记录"), max_length=NOTE_MAX, required=True)
    before = case.state
    case.callback_reached = bool(reached)
    case.callback_at = time_source.now()
    case.callback_by = actor
    case.callback_note = note
    case.callback_attempts += 1
    case.state = CaseState.CALLED_BACK
    case.save()
    _audit(
        case,
        actor,
        "rating.case_callback",
        before,
        summary=note,
        data={"reached": bool(reached), "attempt": case.callback_attempts},
    )
    return case


@transaction.atomic
def verify_case(*, case: RectificationCase, actor, founded: bool, note: str) -> RectificationCase:
    """核实: founded → rectify; not founded → the case is closed (the clock stops)."""
    require(actor, "rating.case_verify", case)
    _lock(case)
    _require_state(case, [CaseState.CALLED_BACK], _("请先完成回访，再核实情况。"))
    note = clean_text(note, field="note", label=_("核实情况"), max_length=NOTE_MAX, required=True)
    before, now = case.state, time_source.now()
    case.founded = bool(founded)
    case.verification_note = note
    case.verified_at, case.verified_by = now, actor
    if founded:
        case.state = CaseState.VERIFIED
    else:
        case.state = CaseState.CLOSED_UNFOUNDED
        case.closed_at = now
    case.save()
    if not founded:
        _stop(case, actor, "unfounded")
    _audit(case, actor, "rating.case_verify", before, summary=note, data={"founded": bool(founded)})
    return case


@transaction.atomic
def record_rectification(*, case: RectificationCase, actor, note: str) -> RectificationCase:
    """整改: what was done; stops the `rating.rectify` clock (on time or not)."""
    require(actor, "rating.case_rectify", case)
    _lock(case)
    _require_state(case, [CaseState.VERIFIED], _("只有经核实属实的差评才需要登记整改。"))
    note = clean_text(note, field="note", label=_("整改措施"), max_length=NOTE_MAX, required=True)
    before = case.state
    case.rectification_note = note
    case.rectified_at, case.rectified_by = time_source.now(), actor
    case.state = CaseState.RECTIFIED
    case.save()
    _stop(case, actor, "rectified")
    _audit(case, actor, "rating.case_rectify", before, summary=note)
    return case


@transaction.atomic
def publish_case_outcome(*, case: RectificationCase, actor, text: str) -> RectificationCase:
    """公示: the public outcome text (personal data masked) goes on the 好差评公示 page."""
    from sunshine.kernel.accounts.masking import mask_personal_data

    require(actor, "rating.case_publish", case)
    _lock(case)
    _require_state(case, [CaseState.RECTIFIED], _("整改完成后才能公示结果。"))
    text = clean_text(text, field="text", label=_("公示内容"), max_length=NOTE_MAX, required=True)
    before, now = case.state, time_source.now()
    case.outcome_text = mask_personal_data(text)
    case.published_at, case.published_by = now, actor
    case.closed_at = now
    case.state = CaseState.PUBLISHED
    case.save()
    _audit(case, actor, "rating.case_publish", before, summary=case.outcome_text)
    return case


CASE_STEPS = {
    "callback": record_callback,
    "verify": verify_case,
    "rectify": record_rectification,
    "publish": publish_case_outcome,
}


def apply_default_ratings(*, at: dt.datetime | None = None) -> int:
    """Give 基本满意 (is_default, no rater) to every finished item of each kind that nobody
    rated within its period. Idempotent: rated items are left out and the unique constraint
    makes a concurrent second run add nothing. One audit event per kind and agency."""
    at = at or time_source.now()
    created = 0
    for entry in rateables():
        if entry.pending is None:
            continue
        created += _default_kind(entry, at)
    return created


def _default_kind(entry, at: dt.datetime, batch: int = 500) -> int:
    cutoff = at - dt.timedelta(days=entry.after_days)
    model = entry.model_class
    content_type = ContentType.objects.get_for_model(model)
    rated = Rating.objects.filter(content_type=content_type, step="").values("object_id")
    candidates = entry.pending(cutoff).exclude(pk__in=rated).order_by("pk")
    if _has_agency_fk(model):
        # agency(obj) is usually obj.agency: fetched with the chunk, not once per object.
        # (pending() may select_related what title(obj) needs.)
        candidates = candidates.select_related("agency")
    created = 0
    last_pk = None
    while True:
        chunk_qs = candidates if last_pk is None else candidates.filter(pk__gt=last_pk)
        chunk = list(chunk_qs[:batch])
        if not chunk:
            break
        last_pk = chunk[-1].pk
        created += _default_chunk(entry, content_type, chunk, at)
    return created


def _has_agency_fk(model) -> bool:
    try:
        field = model._meta.get_field("agency")
    except Exception:
        return False
    return bool(getattr(field, "many_to_one", False))


@transaction.atomic
def _default_chunk(entry, content_type, objs: list, at: dt.datetime) -> int:
    by_agency: dict[int, list[Rating]] = {}
    for obj in objs:
        agency = entry.agency(obj)
        if agency is None:
            continue
        rating = Rating(
            content_type=content_type,
            object_id=obj.pk,
            kind=entry.kind,
            step="",
            title=_title(entry, obj),
            agency=agency,
            rater=None,
            level=RatingLevel.BASIC,
            comment="",
            is_default=True,
            is_real_name=False,
            created_at=at,
        )
        by_agency.setdefault(agency.pk, []).append(rating)
    rows = [r for group in by_agency.values() for r in group]
    if not rows:
        return 0
    ids = [r.object_id for r in rows]
    before = set(
        Rating.objects.filter(content_type=content_type, object_id__in=ids, step="").values_list(
            "object_id", flat=True
        )
    )
    rows = [r for r in rows if r.object_id not in before]
    Rating.objects.bulk_create(rows, ignore_conflicts=True)
    for group in by_agency.values():
        group = [r for r in group if r.object_id not in before]
        if not group:
            continue
        record_event(
            action="rating.default",
            agency=group[0].agency,
            summary=_("%(n)s 件逾期未评价，默认基本满意") % {"n": len(group)},
            data={"kind": entry.kind, "object_ids": [r.object_id for r in group][:1000]},
        )
    return len(rows)
