"""Every write to public-opinion events (政务舆情). Each act is one transaction that checks the
permission (on the responsible agency; the general office everywhere), changes the event,
starts or stops its clocks (clocks.py; the kernel audits each) and writes the audit event."""

import datetime as dt
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.notify.services import notify

from . import clocks
from .choices import OpinionLevel, OpinionState, ResponseKind, Sentiment
from .models import OpinionEvent, OpinionItem, OpinionResponse, ResponsibilityChange
from .selectors import agency_handlers, event_url
from .validation import clean_evaluation, clean_event, clean_item, clean_reason, clean_response


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
