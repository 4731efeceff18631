"""Writes of 我为政府网站找错: a visitor reports an error on a page (anonymous allowed, contact
optional); staff of the site's agency confirm it (1 working day) and correct it or explain why
the page is right (5 working days), both on kernel deadline clocks started at submission."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.selectors import clocks_for
from sunshine.kernel.deadlines.services import start_clock, stop_clock

from .choices import (
    CONTACT_MAX,
    DESCRIPTION_MAX,
    OPEN_STATES,
    URL_MAX,
    ErrorKind,
    ReportState,
)
from .models import ErrorReport
from .rules import ACKNOWLEDGE, FIX

S = ReportState


def clean_page_url(page_url: str, allowed_host: str) -> str:
    """The reported page: an http(s) address on this site (or a path on it)."""
    page_url = (page_url or "").strip()
    if not page_url:
        raise ValidationError({"page_url": _("请填写出错页面的网址。")})
    if len(page_url) > URL_MAX:
        raise ValidationError({"page_url": _("网址过长（不超过 %(n)s 个字符）。") % {"n": URL_MAX}})
    if page_url.startswith("/") and not page_url.startswith("//"):
        return page_url
    parts = urlsplit(page_url)
    host = (parts.netloc or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        raise ValidationError({"page_url": _("请填写以 http:// 或 https:// 开头的网址。")})
    if allowed_host and host.split(":")[0] != allowed_host.lower().split(":")[0]:
        raise ValidationError(
            {"page_url": _("只能报告本网站的页面（%(host)s）。") % {"host": allowed_host}}
        )
    return page_url


@transaction.atomic
def submit_report(
    *,
    site_id: int | None,
    host: str,
    agency,
    page_url: str,
    kind: str,
    description: str,
    contact_name: str = "",
    contact: str = "",
    reporter=None,
    allowed_host: str = "",
) -> ErrorReport:
    errors = {}
    try:
        page_url = clean_page_url(page_url, allowed_host or host)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if kind not in ErrorKind.values:
        errors["kind"] = [_("请选择错误类型。")]
    description = (description or "").strip()
    if len(description) < 5:
        errors["description"] = [_("请描述错误的内容（至少 5 个字）。")]
    elif len(description) > DESCRIPTION_MAX:
        errors["description"] = [_("错误描述不超过 %(n)s 个字。") % {"n": DESCRIPTION_MAX}]
    contact = (contact or "").strip()
    if len(contact) > CONTACT_MAX:
        errors["contact"] = [_("联系方式不超过 %(n)s 个字符。") % {"n": CONTACT_MAX}]
    if agency is None:
        errors["__all__"] = [_("本网站尚未设置处理单位，暂不能受理纠错。")]
    if errors:
        raise ValidationError(errors)
    report = ErrorReport.objects.create(
        site_id=site_id,
        host=host[:120],
        agency=agency,
        page_url=page_url,
        kind=kind,
        description=description,
        contact_name=(contact_name or "").strip()[:40],
        contact=contact,
        reporter=reporter if getattr(reporter, "is_authenticated", False) else None,
        submitted_at=clock.now(),
    )
    start_clock(obj=report, rule=ACKNOWLEDGE, agency=agency, start=report.submitted_at)
    start_clock(obj=report, rule=FIX, agency=agency, start=report.submitted_at)
    record_event(
        action="errorreport.submit",
        actor=report.reporter,
        obj=report,
        summary=_("网站纠错：%(url)s") % {"url": page_url[:200]},
        data={"kind": kind, "anonymous": report.reporter is None},
    )
    return report


def _stop(report: ErrorReport, rule: str, actor, outcome: str) -> None:
    for c in clocks_for(report).filter(
        rule=rule, state__in=[Clock.State.RUNNING, Clock.State.PAUSED]
    ):
        stop_clock(clock=c, actor=actor, outcome=outcome, authorize=False)


def _locked(report: ErrorReport, actor) -> ErrorReport:
    require(actor, "errorreport.handle", report)
    report = ErrorReport.objects.select_for_update().get(pk=report.pk)
    return report


@transaction.atomic
def acknowledge(*, report: ErrorReport, actor, note: str = "") -> ErrorReport:
    """确认: the report was read and routed to whoever corrects the page."""
    report = _locked(report, actor)
    if report.state != S.SUBMITTED:
        raise ValidationError(_("该纠错已确认过。"))
    report.state, report.acknowledged_at, report.handled_by = S.ACKNOWLEDGED, clock.now(), actor
    if note.strip():
        report.note = note.strip()[:2000]
    report.save()
    _stop(report, ACKNOWLEDGE, actor, _("已确认"))
    record_event(action="errorreport.acknowledge", actor=actor, obj=report, summary=note[:300])
    return report


@transaction.atomic
def close(*, report: ErrorReport, actor, fixed: bool, note: str) -> ErrorReport:
    """已改正 (fixed=True) or 经核实无误 (fixed=False, the note says why)."""
    report = _locked(report, actor)
    if report.state not in OPEN_STATES:
        raise ValidationError(_("该纠错已办结。"))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("请填写处理说明（改正了什么，或为何无误）。")})
    now = clock.now()
    if report.state == S.SUBMITTED:
        report.acknowledged_at = now
        _stop(report, ACKNOWLEDGE, actor, _("已确认"))
    report.state = S.FIXED if fixed else S.REJECTED
    report.closed_at, report.handled_by, report.note = now, actor, note[:2000]
    report.save()
    _stop(report, FIX, actor, str(report.get_state_display()))
    record_event(
        action="errorreport.fix" if fixed else "errorreport.reject",
        actor=actor,
        obj=report,
        summary=note[:300],
    )
    return report
