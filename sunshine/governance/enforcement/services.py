"""Writes of 行政执法公示 (actions): each checks the permission, applies the rule and writes its
audit event in the same transaction; a refusal is a ValidationError naming the field or a
PermissionDenied.

Flow: register (登记中) → for a 重大执法决定, 法制审核 (法制审核中; approved or returned with
the opinion) → decide (the decision's date; the 7-working-day clock `enforcement.publish` starts
from it; refused for a 重大执法决定 without an approved review) → publish (公示; the clock stops
and says whether it was on time; the public list, search and feed show it) → withdraw when the
decision is changed, revoked, confirmed unlawful or void (行政处罚法 Art. 48: within three days,
with the reason, which stays public)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.kernel.deadlines.services import start_clock, stop_clock
from sunshine.kernel.files.services import store_attachment
from sunshine.kernel.moderation.checks import contains_markup

from . import indexing
from .choices import DecisionState, RecordStage, ReviewOutcome
from .models import CaseRecord, EnforcementDecision, LegalReview
from .validation import FIELDS, TEXT_MAX, clean_content

S = DecisionState
PUBLISH, WITHDRAW, REVIEW = (
    "enforcement.publish",
    "enforcement.withdraw",
    "enforcement.legal_review",
)


def _snapshot(d: EnforcementDecision) -> dict:
    return {
        name: (str(v) if v is not None and not isinstance(v, (bool, list, str)) else v)
        for name in FIELDS
        for v in [getattr(d, name)]
        if name != "id_number"  # an ID number does not go into the audit trail
    } | {"state": d.state}


def _locked(decision: EnforcementDecision) -> EnforcementDecision:
    return EnforcementDecision.objects.select_for_update().get(pk=decision.pk)


def _require_state(decision, *states, message) -> None:
    if decision.state not in states:
        raise ValidationError(message)


def _opinion(value, name="opinion", *, required=False) -> str:
    text = str(value or "").strip()
    if required and not text:
        raise ValidationError({name: [_("此项必填。")]})
    if len(text) > TEXT_MAX:
        raise ValidationError({name: [_("不能超过%(n)s个字。") % {"n": TEXT_MAX}]})
    if contains_markup(text):
        raise ValidationError({name: [_("不能包含网页代码（HTML）。")]})
    return text


def _check_unique(agency, kind, doc_number, *, exclude=None) -> None:
    same = EnforcementDecision.objects.filter(agency=agency, kind=kind, doc_number=doc_number)
    if exclude is not None:
        same = same.exclude(pk=exclude.pk)
    if same.exists():
        raise ValidationError({"doc_number": [_("本机关已登记过该文书号的同类决定。")]})


@transaction.atomic
def register(*, actor, agency, **data) -> EnforcementDecision:
    """登记 a decision (its content; not yet decided or published)."""
    require(actor, "enforcement.edit", agency)
    content = clean_content(data, agency=agency)
    _check_unique(agency, content["kind"], content["doc_number"])
    now = clock.now()
    decision = EnforcementDecision.objects.create(
        agency=agency,
        created_by=actor if getattr(actor, "pk", None) else None,
        created_at=now,
        updated_at=now,
        **content,
    )
    record_event(
        action="enforcement.register",
        actor=actor,
        obj=decision,
        summary=_("登记执法决定：%(n)s") % {"n": decision.doc_number},
        after=_snapshot(decision),
    )
    return decision


@transaction.atomic
def edit(*, actor, decision: EnforcementDecision, **data) -> EnforcementDecision:
    """Change the content while it is being registered (a decided one is changed by revoking
    and registering the new decision)."""
    require(actor, "enforcement.edit", decision)
    decision = _locked(decision)
    _require_state(decision, S.DRAFT, message=_("只有登记中的执法决定可以修改。"))
    content = clean_content(data, agency=decision.agency)
    _check_unique(decision.agency, content["kind"], content["doc_number"], exclude=decision)
    before = _snapshot(decision)
    for name, value in content.items():
        setattr(decision, name, value)
    # A changed decision needs a new review of what is now proposed.
    decision.review_passed = decision.review_passed and before == _snapshot(decision)
    decision.updated_at = clock.now()
    decision.save()
    record_event(
        action="enforcement.edit",
        actor=actor,
        obj=decision,
        summary=_("修改执法决定：%(n)s") % {"n": decision.doc_number},
        before=before,
        after=_snapshot(decision),
    )
    return decision


@transaction.atomic
def request_review(*, actor, decision: EnforcementDecision, note: str = "") -> LegalReview:
    """Send a 重大执法决定 to 法制审核; the legal office's clock starts."""
    require(actor, "enforcement.edit", decision)
    decision = _locked(decision)
    _require_state(decision, S.DRAFT, message=_("只有登记中的执法决定可以送法制审核。"))
    if not decision.is_major:
        raise ValidationError(_("该决定不是重大执法决定，无须法制审核。"))
    if decision.review_passed:
        raise ValidationError(_("该决定已通过法制审核。"))
    review = LegalReview.objects.create(
        decision=decision, requested_by=actor, requested_at=clock.now(), note=_opinion(note, "note")
    )
    decision.state = S.REVIEW
    decision.updated_at = review.requested_at
    decision.save(update_fields=["state", "updated_at"])
    start_clock(obj=decision, rule=REVIEW, actor=actor, start=review.requested_at)
    record_event(
        action="enforcement.request_review",
        actor=actor,
        obj=decision,
        summary=_("送法制审核：%(n)s") % {"n": decision.doc_number},
    )
    return review


@transaction.atomic
def review(*, actor, decision: EnforcementDecision, outcome: str, opinion: str) -> LegalReview:
    """The legal office approves, or returns with its opinion. Nobody reviews what they sent."""
    require(actor, "enforcement.legal_review", decision)
    decision = _locked(decision)
    _require_state(decision, S.REVIEW, message=_("该决定不在法制审核中。"))
    if outcome not in ReviewOutcome.values:
        raise ValidationError({"outcome": [_("请选择审核结果。")]})
    text = _opinion(opinion, required=outcome == ReviewOutcome.RETURNED)
    pending = decision.reviews.filter(outcome="").order_by("-pk").first()
    if pending.requested_by_id == getattr(actor, "pk", None):
        raise ValidationError(_("送审人不能审核自己送审的决定，请由法制审核人员审核。"))
    pending.outcome, pending.opinion = outcome, text
    pending.reviewed_by, pending.reviewed_at = actor, clock.now()
    pending.save()
    decision.state = S.DRAFT
    decision.review_passed = outcome == ReviewOutcome.APPROVED
    decision.updated_at = pending.reviewed_at
    decision.save(update_fields=["state", "review_passed", "updated_at"])
    running = open_clock(decision, REVIEW)
    if running is not None:
        stop_clock(
            clock=running, actor=actor, outcome=ReviewOutcome(outcome).label, authorize=False
        )
    record_event(
        action="enforcement.review",
        actor=actor,
        obj=decision,
        summary=_("法制审核：%(o)s") % {"o": ReviewOutcome(outcome).label},
        data={"outcome": outcome, "opinion": text[:300]},
    )
    return pending


def _as_date(value, name) -> dt.date:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value or ""))
    except ValueError:
        raise ValidationError({name: [_("日期格式应为 YYYY-MM-DD。")]}) from None


@transaction.atomic
def decide(*, actor, decision: EnforcementDecision, decided_on) -> EnforcementDecision:
    """Record that the decision was made on `decided_on` (not in the future); the 7-wd
    publication clock starts from that day (counted from the day after)."""
    require(actor, "enforcement.edit", decision)
    decision = _locked(decision)
    _require_state(decision, S.DRAFT, message=_("只有登记中的执法决定可以作出决定。"))
    day = _as_date(decided_on, "decided_on")
    if day > clock.today():
        raise ValidationError({"decided_on": [_("决定日期不能晚于今天。")]})
    if decision.is_major and not decision.review_passed:
        # 行政处罚法 Art. 58: 未经法制审核或者审核未通过的，不得作出决定.
        raise ValidationError(_("重大执法决定未经法制审核或审核未通过，不得作出决定。"))
    decision.decided_on, decision.state = day, S.DECIDED
    decision.updated_at = clock.now()
    decision.save(update_fields=["decided_on", "state", "updated_at"])
    start_clock(obj=decision, rule=PUBLISH, actor=actor, start=day)
    record_event(
        action="enforcement.decide",
        actor=actor,
        obj=decision,
        summary=_("作出决定：%(n)s（%(d)s）") % {"n": decision.doc_number, "d": day.isoformat()},
    )
    return decision


@transaction.atomic
def publish(*, actor, decision: EnforcementDecision) -> EnforcementDecision:
    """公示: the public list, search and feed show it; the clock says whether on time."""
    require(actor, "enforcement.publish", decision)
    decision = _locked(decision)
    _require_state(decision, S.DECIDED, message=_("只有已作出决定、尚未公示的执法决定可以公示。"))
    decision.state, decision.published_at = S.PUBLISHED, clock.now()
    running = open_clock(decision, PUBLISH)
    if running is not None:
        stopped = stop_clock(clock=running, actor=actor, outcome=_("已公示"), authorize=False)
        decision.published_late = not stopped.met_deadline
    decision.updated_at = decision.published_at
    decision.save()
    indexing.index_decision(decision)
    record_event(
        action="enforcement.publish",
        actor=actor,
        obj=decision,
        summary=_("公示执法决定：%(n)s") % {"n": decision.doc_number},
        data={"late": bool(decision.published_late)},
    )
    return decision


@transaction.atomic
def withdraw(*, actor, decision: EnforcementDecision, revoked_on, reason: str):
    """撤回 a published decision that was changed, revoked, confirmed unlawful or void; the
    reason stays public (行政处罚法 Art. 48 para. 2). The 3-day clock from `revoked_on` is
    started and stopped at once, so the record says whether it was withdrawn in time."""
    require(actor, "enforcement.publish", decision)
    decision = _locked(decision)
    _require_state(decision, S.PUBLISHED, message=_("只有已公示的执法决定可以撤回。"))
    text = _opinion(reason, "reason", required=True)
    day = _as_date(revoked_on, "revoked_on")
    if day > clock.today():
        raise ValidationError({"revoked_on": [_("变更或撤销日期不能晚于今天。")]})
    if decision.decided_on and day < decision.decided_on:
        raise ValidationError({"revoked_on": [_("变更或撤销日期不能早于决定日期。")]})
    decision.state, decision.withdrawn_at = S.WITHDRAWN, clock.now()
    decision.revoked_on, decision.withdraw_reason = day, text
    decision.updated_at = decision.withdrawn_at
    decision.save()
    started = start_clock(obj=decision, rule=WITHDRAW, actor=actor, start=day)
    stopped = stop_clock(clock=started, actor=actor, outcome=_("已撤回"), authorize=False)
    indexing.remove_decision(decision)
    record_event(
        action="enforcement.withdraw",
        actor=actor,
        obj=decision,
        summary=_("撤回执法决定：%(n)s") % {"n": decision.doc_number},
        data={"revoked_on": day.isoformat(), "late": not stopped.met_deadline},
    )
    return decision


@transaction.atomic
def add_record(*, actor, decision: EnforcementDecision, stage: str, text: str, files=()):
    """执法全过程记录: a stage's record with its files (photos, scans, recordings' transcripts)."""
    require(actor, "enforcement.edit", decision)
    if stage not in RecordStage.values:
        raise ValidationError({"stage": [_("请选择记录环节。")]})
    body = _opinion(text, "text", required=True)
    record = CaseRecord.objects.create(
        decision=decision, stage=stage, text=body, recorded_by=actor, recorded_at=clock.now()
    )
    for upload in files:
        store_attachment(owner=record, uploaded_file=upload, actor=actor, extract="no")
    record_event(
        action="enforcement.record",
        actor=actor,
        obj=decision,
        summary=_("执法全过程记录：%(s)s") % {"s": RecordStage(stage).label},
        data={"files": len(files)},
    )
    return record
