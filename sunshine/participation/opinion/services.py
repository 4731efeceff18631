"""Every write to public-opinion events (政务舆情). Each act is one transaction that checks the
permission (on the responsible agency; the general office everywhere), changes the event,
starts or stops its clocks (clocks.py; the kernel audits each) and writes the audit event.

研判 and 会商 (the seed notice, 三: "建立健全政务舆情收集、会商、研判、回应和评估机制"):
`record_analysis` keeps the history of 研判; an event's first response needs one from the
level `settings.OPINION_ANALYSIS_REQUIRED_FROM` up (default 热点问题, so also 重大突发事件;
below it the response is recorded and audited as made without one). `open_coordination`,
`invite_agency`, `answer_part`, `conclude_coordination` and `publish_joint_response` are the
会商; the joint response is published by `record_response`, the one response service."""

import datetime as dt
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.accounts.roles import GLOBAL_ROLES
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.rules import get_rule
from sunshine.kernel.deadlines.services import start_clock, stop_clock
from sunshine.kernel.notify.services import notify

from . import clocks
from .choices import (
    LEVEL_RANK,
    CoordinationState,
    OpinionLevel,
    OpinionState,
    PartState,
    ResponseKind,
    Sentiment,
)
from .models import (
    CoordinationPart,
    OpinionAnalysis,
    OpinionCoordination,
    OpinionEvent,
    OpinionItem,
    OpinionResponse,
    ResponsibilityChange,
)
from .selectors import (
    agency_handlers,
    coordination_url,
    event_url,
    open_part_clock,
    part_url,
)
from .validation import (
    clean_analysis,
    clean_coordination,
    clean_evaluation,
    clean_event,
    clean_item,
    clean_long_text,
    clean_reason,
    clean_response,
)


def _snapshot(event: OpinionEvent) -> dict:
    return {
        "title": event.title,
        "level": str(event.level),
        "state": str(event.state),
        "involved_agency": event.involved_agency_id,
        "responsible_agency": event.responsible_agency_id,
        "first_seen_at": timezone.localtime(event.first_seen_at).isoformat(),
    }


def _lock(event: OpinionEvent) -> None:
    event.refresh_from_db(from_queryset=OpinionEvent.objects.select_for_update())


def _must_be_open(event: OpinionEvent) -> None:
    if event.is_closed:
        raise ValidationError(_("该舆情事件已办结，不能再办理。"))


def _response_kinds(event: OpinionEvent) -> list[str]:
    return list(event.responses.values_list("kind", flat=True))


def _tell_agency(event: OpinionEvent, *, subject: str) -> None:
    notify(
        event="opinion.assigned",
        recipients=agency_handlers(event.responsible_agency),
        subject=subject,
        body=_("舆情事件“%(title)s”（%(level)s）由贵单位负责回应，请按时限发布信息。")
        % {"title": event.title, "level": event.get_level_display()},
        obj=event,
        url=event_url(event),
    )


@transaction.atomic
def create_event(
    *,
    actor,
    involved_agency,
    title: str,
    source: str,
    first_seen_at: dt.datetime,
    level: str,
    summary: str = "",
    source_url: str = "",
) -> OpinionEvent:
    """Register an event; the 涉事 (involved) agency is first responsible (rules.md §8) and
    the clocks of its level start from `first_seen_at`."""
    require(actor, "opinion.create", involved_agency)
    cleaned = clean_event(
        {
            "title": title,
            "summary": summary,
            "source": source,
            "source_url": source_url,
            "level": level,
            "first_seen_at": first_seen_at,
        }
    )
    event = OpinionEvent.objects.create(
        involved_agency=involved_agency,
        responsible_agency=involved_agency,
        created_by=actor,
        created_at=clock.now(),
        **cleaned,
    )
    started = clocks.sync_clocks(event, actor=actor, response_kinds=[], outcome="")["started"]
    record_event(
        action="opinion.create",
        actor=actor,
        obj=event,
        summary=event.title,
        data={"clocks": started},
        after=_snapshot(event),
    )
    _tell_agency(event, subject=_("新的舆情事件：%(title)s") % {"title": event.title})
    return event


def fingerprint(*, source: str, url: str, text: str) -> str:
    return hashlib.sha256(f"{source}\n{url}\n{text}".encode()).hexdigest()


def _item_errors(rows: list[dict]) -> tuple[list[dict], list[str]]:
    cleaned, problems = [], []
    for number, row in enumerate(rows, start=1):
        try:
            cleaned.append(clean_item(row))
        except ValidationError as exc:
            line = row.get("line", number)
            for field, messages in exc.message_dict.items():
                problems.append(
                    _("第 %(n)s 条（%(field)s）：%(msg)s")
                    % {"n": line, "field": field, "msg": "；".join(messages)}
                )
    return cleaned, problems


def refresh_sentiment(event: OpinionEvent) -> OpinionEvent:
    """Recount the sentiment summary of the event's items (one aggregate query)."""
    summary = event.items.aggregate(
        total=Count("pk"),
        negative=Count("pk", filter=Q(sentiment_label=Sentiment.NEGATIVE)),
        neutral=Count("pk", filter=Q(sentiment_label=Sentiment.NEUTRAL)),
        positive=Count("pk", filter=Q(sentiment_label=Sentiment.POSITIVE)),
        mean=Avg("sentiment_score"),
    )
    event.item_count = summary["total"]
    event.negative_count = summary["negative"]
    event.neutral_count = summary["neutral"]
    event.positive_count = summary["positive"]
    event.sentiment_mean = summary["mean"]
    event.save(
        update_fields=[
            "item_count",
            "negative_count",
            "neutral_count",
            "positive_count",
            "sentiment_mean",
            "updated_at",
        ]
    )
    return event


@transaction.atomic
def capture_items(*, event: OpinionEvent, actor, items: list[dict]) -> dict:
    """Add captured posts/articles (text, source, url, author_label, captured_at) with the
    sentiment of the shipped model. All or nothing: any invalid row refuses the batch with
    every problem listed. Rows already captured for the event (same source, url and text)
    are skipped, so importing a file twice adds nothing."""
    require(actor, "opinion.capture", event)
    return _capture(event, actor, items)


@transaction.atomic
def capture_items_as_system(*, event: OpinionEvent, items: list[dict]) -> dict:
    """The same, by the system (`manage.py import_opinion_items` run by an operator)."""
    return _capture(event, None, items)


def _capture(event: OpinionEvent, actor, items: list[dict]) -> dict:
    from sunshine.participation.sentiment import label_for, score_texts

    _lock(event)
    cleaned, problems = _item_errors(items)
    if problems:
        raise ValidationError(problems)
    known = set(event.items.values_list("fingerprint", flat=True))
    fresh: dict[str, dict] = {}
    for row in cleaned:
        key = fingerprint(source=row["source"], url=row["url"], text=row["text"])
        if key not in known and key not in fresh:
            fresh[key] = row
    now = clock.now()
    scores = score_texts([row["text"] for row in fresh.values()]) if fresh else []
    OpinionItem.objects.bulk_create(
        OpinionItem(
            event=event,
            fingerprint=key,
            sentiment_score=float(score),
            sentiment_label=label_for(score),
            created_at=now,
            created_by=actor,
            **row,
        )
        for (key, row), score in zip(fresh.items(), scores, strict=True)
    )
    refresh_sentiment(event)
    result = {"created": len(fresh), "skipped": len(cleaned) - len(fresh)}
    record_event(
        action="opinion.capture",
        actor=actor,
        obj=event,
        summary=_("采集 %(n)s 条") % {"n": result["created"]},
        data={
            **result,
            "negative": event.negative_count,
            "neutral": event.neutral_count,
            "positive": event.positive_count,
        },
    )
    return result


@transaction.atomic
def record_response(
    *,
    event: OpinionEvent,
    actor,
    kind: str,
    channel: str,
    text: str,
    url: str = "",
    responded_at: dt.datetime | None = None,
    publish: bool = True,
) -> OpinionResponse:
    """Record a response (时间、渠道、内容) by the responsible agency and publish it on the
    portal. It stops the clocks its kind meets (clocks.STOPPED_BY); `on_time` says whether
    `responded_at` was before their due time (the kernel clock itself stops now)."""
    require(actor, "opinion.respond", event)
    _lock(event)
    _must_be_open(event)
    without_analysis = analysis_missing(event)
    if without_analysis and analysis_required(event):
        raise AnalysisRequired(event)
    cleaned = clean_response(
        {
            "kind": kind,
            "channel": channel,
            "text": text,
            "url": url,
            "responded_at": responded_at,
        },
        first_seen_at=event.first_seen_at,
    )
    response = OpinionResponse.objects.create(
        event=event,
        agency=event.responsible_agency,
        is_published=bool(publish),
        created_by=actor,
        created_at=clock.now(),
        **cleaned,
    )
    label = ResponseKind(response.kind).label
    stopped = clocks.stop_clocks_for_response(
        event,
        actor=actor,
        kind=response.kind,
        outcome=_("已发布%(kind)s（%(at)s）")
        % {"kind": label, "at": f"{timezone.localtime(response.responded_at):%Y-%m-%d %H:%M}"},
    )
    if stopped:
        response.on_time = all(response.responded_at <= c.due_at for c in stopped)
        response.save(update_fields=["on_time"])
    before = _snapshot(event)
    if event.state == OpinionState.OPEN:
        event.state = OpinionState.RESPONDING
        event.save(update_fields=["state", "updated_at"])
    record_event(
        action="opinion.respond",
        actor=actor,
        obj=event,
        summary=f"{label}：{response.text[:60]}",
        data={
            "response": response.pk,
            "kind": response.kind,
            "channel": response.channel,
            "responded_at": timezone.localtime(response.responded_at).isoformat(),
            "published": response.is_published,
            "clocks_stopped": [c.rule for c in stopped],
            "on_time": response.on_time,
            "without_analysis": without_analysis,
        },
        before=before,
        after=_snapshot(event),
    )
    return response


@transaction.atomic
def change_level(*, event: OpinionEvent, actor, level: str, reason: str) -> OpinionEvent:
    """Escalate (e.g. to a major emergency) or lower the level, with a reason: the clocks of
    the old level stop, those of the new one start from `first_seen_at` unless a response
    already met them."""
    require(actor, "opinion.set_level", event)
    _lock(event)
    _must_be_open(event)
    if level not in OpinionLevel.values:
        raise ValidationError({"level": [_("请选择舆情级别。")]})
    if level == event.level:
        raise ValidationError({"level": [_("舆情级别没有变化。")]})
    reason = clean_reason(reason, missing=_("请填写调整级别的理由。"))
    return _apply_level(event, actor=actor, level=level, reason=reason)


def _apply_level(event: OpinionEvent, *, actor, level: str, reason: str) -> OpinionEvent:
    """Set a new level (checked by the caller) with its clocks; audited as opinion.level."""
    before = _snapshot(event)
    old = event.get_level_display()
    event.level = level
    event.save(update_fields=["level", "updated_at"])
    changed = clocks.sync_clocks(
        event,
        actor=actor,
        response_kinds=_response_kinds(event),
        outcome=_("舆情级别由%(old)s调整为%(new)s")
        % {"old": old, "new": event.get_level_display()},
    )
    record_event(
        action="opinion.level",
        actor=actor,
        obj=event,
        summary=f"{old} → {event.get_level_display()}：{reason[:100]}",
        data={"reason": reason, **changed},
        before=before,
        after=_snapshot(event),
    )
    return event


@transaction.atomic
def change_responsible_agency(
    *, event: OpinionEvent, actor, agency, reason: str
) -> ResponsibilityChange:
    """The general office hands the event to another agency, with a reason (audited); the
    open clocks move with it, keeping their due time."""
    require(actor, "opinion.reassign", event)
    _lock(event)
    _must_be_open(event)
    if agency is None:
        raise ValidationError({"agency": [_("请选择责任单位。")]})
    if agency.pk == event.responsible_agency_id:
        raise ValidationError({"agency": [_("新的责任单位与当前责任单位相同。")]})
    if not getattr(agency, "is_active", True):
        raise ValidationError({"agency": [_("该单位已停用。")]})
    reason = clean_reason(reason, missing=_("请填写变更责任单位的理由。"))
    before = _snapshot(event)
    previous = event.responsible_agency
    change = ResponsibilityChange.objects.create(
        event=event,
        from_agency=previous,
        to_agency=agency,
        reason=reason,
        actor=actor,
        at=clock.now(),
    )
    event.responsible_agency = agency
    event.save(update_fields=["responsible_agency", "updated_at"])
    moved = clocks.move_clocks(event, actor=actor, to_agency=agency)
    record_event(
        action="opinion.reassign",
        actor=actor,
        obj=event,
        agency=agency,
        summary=f"{previous.name} → {agency.name}：{reason[:100]}",
        data={"from": previous.pk, "to": agency.pk, "reason": reason, "clocks": moved},
        before=before,
        after=_snapshot(event),
    )
    _tell_agency(event, subject=_("舆情事件转由贵单位负责：%(title)s") % {"title": event.title})
    return change


@transaction.atomic
def close_event(
    *, event: OpinionEvent, actor, evaluation_score: int, evaluation_text: str
) -> OpinionEvent:
    """办结 with the 效果评估 (score 1–5 and the assessment, by whom and when). Clocks still
    running stop as they are (an unmet one stays recorded as missed)."""
    require(actor, "opinion.close", event)
    _lock(event)
    _must_be_open(event)
    score, text = clean_evaluation(evaluation_score, evaluation_text)
    before = _snapshot(event)
    stopped = clocks.stop_all(event, actor=actor, outcome=_("舆情事件办结"))
    for coordination in event.coordinations.filter(state=CoordinationState.OPEN):
        _lapse_pending(coordination, actor=actor, outcome=_("舆情事件办结，会商结束"))
    now = clock.now()
    event.state = OpinionState.CLOSED
    event.closed_at = now
    event.evaluation_score, event.evaluation_text = score, text
    event.evaluated_by, event.evaluated_at = actor, now
    event.save()
    record_event(
        action="opinion.close",
        actor=actor,
        obj=event,
        summary=_("效果评估：%(score)s") % {"score": event.get_evaluation_score_display()},
        data={"evaluation_score": score, "evaluation_text": text, "clocks_stopped": stopped},
        before=before,
        after=_snapshot(event),
    )
    return event


# --- 研判 ----------------------------------------------------------------------------------


class AnalysisRequired(ValidationError):
    """The event's first response was refused: no 研判 yet (the API answers 409)."""

    code = "analysis_required"

    def __init__(self, event):
        super().__init__(
            _(
                "该舆情事件（%(level)s）尚无研判记录：请先研判（级别、走势、主要关切、"
                "回应方式和口径），再发布首次回应。"
            )
            % {"level": event.get_level_display()},
            code=self.code,
        )


def analysis_threshold() -> str | None:
    """The lowest level whose first response needs a 研判 (`OPINION_ANALYSIS_REQUIRED_FROM`,
    default 热点问题); None (setting None or "") means never refused, only shown and audited."""
    value = getattr(settings, "OPINION_ANALYSIS_REQUIRED_FROM", OpinionLevel.HOT_ISSUE.value)
    return str(value) if value and str(value) in LEVEL_RANK else None


def analysis_required(event: OpinionEvent) -> bool:
    """Whether this event's first response is refused without a 研判 (by its current level).

    The seed notice (三) orders the mechanism 收集、会商、研判、回应; 国办发〔2016〕61号 一 asks
    for 研判 before the response. A major emergency still has its 5 h release (国办发〔2016〕80号):
    a 研判 takes a minute to record and confirms the level those clocks run on, so it is
    required for 热点问题 and above; for 其他 the response goes out and the page warns."""
    threshold = analysis_threshold()
    return threshold is not None and LEVEL_RANK[str(event.level)] >= LEVEL_RANK[threshold]


def analysis_missing(event: OpinionEvent) -> bool:
    """No response yet and no 研判: the next response would be a first one without one."""
    return not event.responses.exists() and not event.analyses.exists()


@transaction.atomic
def record_analysis(
    *,
    event: OpinionEvent,
    actor,
    level: str,
    trend: str,
    concerns: str,
    method: str,
    talking_points: str = "",
    level_reason: str = "",
    coordination: OpinionCoordination | None = None,
) -> OpinionAnalysis:
    """A 研判 of the event. A level other than the event's changes the event's level with its
    clocks (needs opinion.set_level and a reason; audited as opinion.level too)."""
    require(actor, "opinion.analyse", event)
    _lock(event)
    _must_be_open(event)
    cleaned = clean_analysis(
        {
            "level": level,
            "trend": trend,
            "concerns": concerns,
            "method": method,
            "talking_points": talking_points,
            "level_reason": level_reason,
        }
    )
    if coordination is not None and coordination.event_id != event.pk:
        raise ValidationError({"coordination": [_("该会商不属于本舆情事件。")]})
    previous = event.level
    if cleaned["level"] != previous:
        require(actor, "opinion.set_level", event)
        if not cleaned["level_reason"]:
            raise ValidationError({"level_reason": [_("研判级别与当前级别不同，请填写调整理由。")]})
        _apply_level(
            event,
            actor=actor,
            level=cleaned["level"],
            reason=_("研判：%(reason)s") % {"reason": cleaned["level_reason"]},
        )
    else:
        cleaned["level_reason"] = ""
    analysis = OpinionAnalysis.objects.create(
        event=event,
        agency=event.responsible_agency,
        previous_level=previous,
        coordination=coordination,
        analysed_by=actor,
        analysed_at=clock.now(),
        **cleaned,
    )
    record_event(
        action="opinion.analyse",
        actor=actor,
        obj=event,
        summary=f"{analysis.get_level_display()} · {analysis.get_trend_display()} · "
        f"{analysis.get_method_display()}",
        data={
            "analysis": analysis.pk,
            "level": analysis.level,
            "previous_level": previous,
            "level_changed": analysis.level_changed,
            "trend": analysis.trend,
            "method": analysis.method,
            "concerns": analysis.concerns[:300],
            "talking_points": analysis.talking_points[:300],
            "coordination": coordination.pk if coordination else None,
        },
    )
    return analysis


# --- 会商 ----------------------------------------------------------------------------------


def _convenor(event: OpinionEvent, actor):
    """The 牵头单位: the responsible agency when the actor holds a role there (or above);
    otherwise the actor's own agency (the general office, through its global role)."""
    for grant in actor.grants.select_related("agency"):
        if grant.role in GLOBAL_ROLES:
            continue
        if event.responsible_agency.path.startswith(grant.agency.path):
            return event.responsible_agency
    return actor.agency or event.responsible_agency


def _lock_coordination(coordination: OpinionCoordination) -> None:
    coordination.refresh_from_db(from_queryset=OpinionCoordination.objects.select_for_update())


def _coordination_snapshot(coordination: OpinionCoordination) -> dict:
    return {
        "state": str(coordination.state),
        "hours": coordination.hours,
        "parts": {str(p.agency_id): str(p.state) for p in coordination.parts.all().order_by("pk")},
        "response": coordination.response_id,
    }


def _invite(coordination: OpinionCoordination, *, actor, agency, question: str):
    """Add one part, start its clock and tell the invited agency (inside the caller's
    transaction; the caller audits)."""
    errors = {}
    if agency is None:
        errors["agency"] = [_("请选择受邀单位。")]
    elif not getattr(agency, "is_active", True):
        errors["agency"] = [_("该单位已停用。")]
    elif agency.pk == coordination.convenor_agency_id:
        errors["agency"] = [_("牵头单位不必邀请自己。")]
    elif coordination.parts.filter(agency=agency).exists():
        errors["agency"] = [_("已邀请该单位参加本次会商。")]
    if errors:
        raise ValidationError(errors)
    question = clean_long_text("question", question, missing=_("请填写请该单位答复的问题。"))
    part = CoordinationPart.objects.create(
        coordination=coordination,
        agency=agency,
        question=question,
        invited_by=actor,
        invited_at=clock.now(),
    )
    start_clock(
        obj=part,
        rule=clocks.COORDINATION_REPLY,
        agency=agency,
        start=part.invited_at,
        actor=actor,
        length=coordination.hours,
    )
    event = coordination.event
    notify(
        event="opinion.coordination_invited",
        recipients=agency_handlers(agency),
        subject=_("舆情会商邀请：%(topic)s") % {"topic": coordination.topic},
        body=_(
            "%(convenor)s 就舆情事件“%(title)s”发起会商，请贵单位在 %(hours)s 小时内答复："
            "%(question)s"
        )
        % {
            "convenor": coordination.convenor_agency.name,
            "title": event.title,
            "hours": coordination.hours,
            "question": question[:200],
        },
        obj=part,
        url=part_url(part),
    )
    return part


@transaction.atomic
def open_coordination(
    *,
    event: OpinionEvent,
    actor,
    topic: str,
    invitations: list[dict],
    brief: str = "",
    hours: int | None = None,
) -> OpinionCoordination:
    """Open a 会商 on the event and invite agencies: each of `invitations` is
    {"agency": Agency, "question": str}; each part's clock (`opinion.coordination_reply`,
    `hours`, default the rule's length) starts now at the invited agency."""
    require(actor, "opinion.coordinate", event)
    _lock(event)
    _must_be_open(event)
    if hours in (None, ""):
        hours = get_rule(clocks.COORDINATION_REPLY).length
    cleaned = clean_coordination({"topic": topic, "brief": brief, "hours": hours})
    if not invitations:
        raise ValidationError({"invitations": [_("请至少邀请一个单位。")]})
    if event.coordinations.filter(state=CoordinationState.OPEN).exists():
        raise ValidationError(_("该舆情事件已有进行中的会商，请先形成统一口径。"))
    coordination = OpinionCoordination.objects.create(
        event=event,
        convenor_agency=_convenor(event, actor),
        opened_by=actor,
        opened_at=clock.now(),
        **cleaned,
    )
    for number, invitation in enumerate(invitations, start=1):
        try:
            _invite(
                coordination,
                actor=actor,
                agency=invitation.get("agency"),
                question=invitation.get("question", ""),
            )
        except ValidationError as exc:
            if len(invitations) == 1:
                raise
            raise ValidationError(
                {
                    "invitations": [
                        _("第 %(n)s 个受邀单位：%(msg)s")
                        % {"n": number, "msg": "；".join(exc.messages)}
                    ]
                }
            ) from exc
    record_event(
        action="opinion.coordination_open",
        actor=actor,
        obj=event,
        summary=coordination.topic,
        data={
            "coordination": coordination.pk,
            "convenor": coordination.convenor_agency_id,
            "hours": coordination.hours,
            "invited": [i["agency"].pk for i in invitations],
        },
        after=_coordination_snapshot(coordination),
    )
    return coordination


def _must_be_open_coordination(coordination: OpinionCoordination) -> None:
    _must_be_open(coordination.event)
    if not coordination.is_open:
        raise ValidationError(_("该会商已形成统一口径，不能再邀请或答复。"))


@transaction.atomic
def invite_agency(
    *, coordination: OpinionCoordination, actor, agency, question: str
) -> CoordinationPart:
    """Invite one more agency to an open 会商."""
    require(actor, "opinion.coordinate", coordination.event)
    _lock_coordination(coordination)
    _must_be_open_coordination(coordination)
    before = _coordination_snapshot(coordination)
    part = _invite(coordination, actor=actor, agency=agency, question=question)
    record_event(
        action="opinion.coordination_invite",
        actor=actor,
        obj=coordination.event,
        summary=f"{coordination.topic}：{agency.name}",
        data={"coordination": coordination.pk, "part": part.pk, "agency": agency.pk},
        before=before,
        after=_coordination_snapshot(coordination),
    )
    return part


@transaction.atomic
def answer_part(*, part: CoordinationPart, actor, answer: str) -> CoordinationPart:
    """The invited agency answers its part (once; its clock stops, on time or late). The
    convenor is told."""
    require(actor, "opinion.coordination_answer", part)
    part.refresh_from_db(from_queryset=CoordinationPart.objects.select_for_update())
    coordination = part.coordination
    _must_be_open_coordination(coordination)
    if part.state != PartState.PENDING:
        raise ValidationError(_("本单位已答复，不能重复答复。"))
    part.answer = clean_long_text("answer", answer, missing=_("请填写答复意见。"))
    part.state = PartState.ANSWERED
    part.answered_by, part.answered_at = actor, clock.now()
    part.save(update_fields=["answer", "state", "answered_by", "answered_at"])
    running = open_part_clock(part)
    met = None
    if running is not None:
        met = stop_clock(
            clock=running, actor=actor, outcome=_("已答复"), authorize=False
        ).met_deadline
    record_event(
        action="opinion.coordination_answer",
        actor=actor,
        obj=coordination.event,
        agency=part.agency,
        summary=f"{coordination.topic}：{part.agency.name}",
        data={
            "coordination": coordination.pk,
            "part": part.pk,
            "agency": part.agency_id,
            "answer": part.answer[:300],
            "on_time": met,
        },
    )
    notify(
        event="opinion.coordination_answered",
        recipients=[coordination.opened_by],
        subject=_("会商答复：%(agency)s — %(topic)s")
        % {"agency": part.agency.name, "topic": coordination.topic},
        body=part.answer[:500],
        obj=coordination,
        url=coordination_url(coordination),
    )
    return part


def _lapse_pending(coordination: OpinionCoordination, *, actor, outcome: str) -> list[int]:
    """Pending parts end unanswered; their clocks stop (recorded missed when past due)."""
    lapsed = []
    for part in coordination.parts.filter(state=PartState.PENDING).select_for_update():
        running = open_part_clock(part)
        if running is not None:
            stop_clock(clock=running, actor=actor, outcome=outcome, authorize=False)
        part.state = PartState.LAPSED
        part.save(update_fields=["state"])
        lapsed.append(part.agency_id)
    return lapsed


@transaction.atomic
def conclude_coordination(
    *, coordination: OpinionCoordination, actor, joint_response: str
) -> OpinionCoordination:
    """The convenor writes the joint response (联合回应 / 统一口径). Parts still pending end
    unanswered (named in the audit). It may be rewritten until it is published."""
    require(actor, "opinion.coordinate", coordination.event)
    _lock_coordination(coordination)
    _must_be_open(coordination.event)
    if coordination.state == CoordinationState.PUBLISHED:
        raise ValidationError(_("联合回应已发布，不能再修改。"))
    text = clean_long_text(
        "joint_response", joint_response, missing=_("请填写联合回应（统一口径）。")
    )
    before = _coordination_snapshot(coordination)
    lapsed = _lapse_pending(coordination, actor=actor, outcome=_("会商已形成统一口径，未答复"))
    coordination.joint_response = text
    coordination.state = CoordinationState.CONCLUDED
    coordination.concluded_by, coordination.concluded_at = actor, clock.now()
    coordination.save(update_fields=["joint_response", "state", "concluded_by", "concluded_at"])
    record_event(
        action="opinion.coordination_conclude",
        actor=actor,
        obj=coordination.event,
        summary=coordination.topic,
        data={
            "coordination": coordination.pk,
            "joint_response": text[:300],
            "unanswered": lapsed,
        },
        before=before,
        after=_coordination_snapshot(coordination),
    )
    return coordination


@transaction.atomic
def publish_joint_response(
    *,
    coordination: OpinionCoordination,
    actor,
    kind: str,
    channel: str,
    url: str = "",
    responded_at: dt.datetime | None = None,
) -> OpinionResponse:
    """The joint response becomes the event's response: recorded and published on the portal
    by `record_response` (its permission, 研判 rule, clocks and audit), then linked here."""
    require(actor, "opinion.coordinate", coordination.event)
    _lock_coordination(coordination)
    if coordination.state != CoordinationState.CONCLUDED:
        raise ValidationError(
            _("请先形成统一口径。") if coordination.is_open else _("该联合回应已发布。")
        )
    response = record_response(
        event=coordination.event,
        actor=actor,
        kind=kind,
        channel=channel,
        text=coordination.joint_response,
        url=url,
        responded_at=responded_at,
        publish=True,
    )
    coordination.response = response
    coordination.state = CoordinationState.PUBLISHED
    coordination.save(update_fields=["response", "state"])
    record_event(
        action="opinion.coordination_publish",
        actor=actor,
        obj=coordination.event,
        summary=coordination.topic,
        data={"coordination": coordination.pk, "response": response.pk},
    )
    return response
