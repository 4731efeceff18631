"""Writes of 问责: open a case (立案, from a source or another lead), 调查核实, 处理决定 with its
outcomes, 结案, the agency's 情况说明, and the public 通报 of a closed 通报批评 case. Each act
checks its permission, writes its step (who, when, text) and its audit event in one
transaction, and refuses with a ValidationError naming the field."""

from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.accounts.masking import mask_personal_data
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.kernel.deadlines.services import start_clock, stop_clock
from sunshine.kernel.ratings.text import clean_text
from sunshine.kernel.workflow.services import transition

from .choices import (
    OPEN_STATES,
    PUBLISHABLE,
    TEXT_MAX,
    TITLE_MAX,
    CaseState,
    Outcome,
    SourceKind,
    StepKind,
)
from .models import AccountabilityCase, CaseOutcome, CaseStep
from .permissions import NOTIFY_ROLES
from .rules import HANDLE
from .sources import resolve

EVENT_OPENED = "accountability.opened"
EVENT_DECIDED = "accountability.decided"


def _text(value, field: str, label: str, *, required=True, limit=TEXT_MAX) -> str:
    return clean_text(value, field=field, label=label, max_length=limit, required=required)


def _step(case, kind: str, text: str, actor) -> CaseStep:
    return CaseStep.objects.create(case=case, kind=kind, text=text, actor=actor, at=clock.now())


def _snapshot(case: AccountabilityCase) -> dict:
    return {
        "agency": case.agency_id,
        "title": case.title,
        "state": case.state,
        "source_kind": case.source_kind,
        "source": f"{case.source_type_id}:{case.source_id}" if case.source_id else None,
    }


def _leaders(agency) -> list:
    from sunshine.kernel.accounts.models import User

    return list(
        User.objects.filter(
            grants__agency_id=agency.pk,
            grants__role__in=NOTIFY_ROLES,
            is_active=True,
            kind=User.Kind.STAFF,
        ).distinct()
    )


def open_cases_of(source_type, source_id):
    return AccountabilityCase.objects.filter(
        source_type=source_type, source_id=source_id, state__in=OPEN_STATES
    )


@transaction.atomic
def open_case(
    *,
    actor,
    source_kind: str,
    title: str,
    facts: str,
    source_id=None,
    agency=None,
    responsible_persons: str = "",
    source_title: str = "",
) -> AccountabilityCase:
    """立案: a case against `agency` (default: the source's agency), from the source object
    `source_id` of `source_kind`, or from another lead (`SourceKind.OTHER`, described in
    `source_title`). A source may have one open case at a time; an overdue-clock source must
    be overdue now or have ended late. Starts the case's clock (rule accountability.handle)."""
    errors: dict = {}
    try:
        title = _text(title, "title", _("问责事项"), limit=TITLE_MAX)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        facts = _text(facts, "facts", _("问题线索"))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        responsible_persons = _text(
            responsible_persons, "responsible_persons", _("责任人员"), required=False, limit=2000
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    ref = None
    if source_kind not in SourceKind.values:
        errors["source_kind"] = _("线索来源无效。")
    elif source_kind == SourceKind.OTHER:
        try:
            source_title = _text(source_title, "source_title", _("线索来源"), limit=300)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    else:
        ref = resolve(source_kind, source_id)
        if ref is None:
            errors["source_id"] = _("没有找到该来源事项。")
        elif ref.problem:
            errors["source_id"] = ref.problem
    if errors:
        raise ValidationError(errors)
    agency = agency or (ref.agency if ref else None)
    if agency is None:
        raise ValidationError({"agency": _("请指定问责对象单位。")})
    require(actor, "accountability.open", SimpleNamespace(agency=agency))
    if ref is not None:
        # One open case per source; the row lock keeps two clicks from opening two.
        model = type(ref.obj)
        model._default_manager.select_for_update().filter(pk=ref.obj.pk).first()
        existing = open_cases_of(ref.content_type, ref.obj.pk).first()
        if existing is not None:
            raise ValidationError(
                {
                    "source_id": _("该事项已有办理中的问责案件：%(title)s。")
                    % {"title": existing.title}
                }
            )
    now = clock.now()
    case = AccountabilityCase.objects.create(
        agency=agency,
        title=title,
        facts=facts,
        responsible_persons=responsible_persons,
        source_kind=source_kind,
        source_type=ref.content_type if ref else None,
        source_id=ref.obj.pk if ref else None,
        source_title=ref.title if ref else source_title,
        source_url=ref.url if ref else "",
        opened_by=actor,
        opened_at=now,
    )
    _step(case, StepKind.FILING, facts, actor)
    # The clock is the handling office's (the general office's supervisors handle the case),
    # so its alerts go to them, not to the agency held to account.
    office = getattr(actor, "agency", None) or agency
    start_clock(obj=case, rule=HANDLE, agency=office, start=now, actor=actor)
    record_event(
        action="accountability.open",
        actor=actor,
        obj=case,
        summary=title[:300],
        data={"source_kind": source_kind, "source_title": case.source_title},
        after=_snapshot(case),
    )
    from sunshine.kernel.notify.services import notify

    notify(
        event=EVENT_OPENED,
        recipients=_leaders(agency),
        subject=_("问责立案：%(title)s") % {"title": title},
        body=_("%(agency)s：%(facts)s") % {"agency": agency.name, "facts": facts[:500]},
        obj=case,
        url=case.get_absolute_url(),
    )
    return case


@transaction.atomic
def investigate(*, actor, case: AccountabilityCase, findings: str):
    """调查核实: the findings (what happened, who was responsible, the agency's account)."""
    findings = _text(findings, "findings", _("调查核实情况"))
    log = transition(obj=case, name="investigate", actor=actor, comment=findings)
    _step(case, StepKind.INVESTIGATION, findings, actor)
    return log


def clean_outcomes(outcomes) -> list[str]:
    chosen = []
    for value in outcomes or []:
        value = str(value)
        if value not in Outcome.values:
            raise ValidationError({"outcomes": _("问责方式无效：%(v)s。") % {"v": value}})
        if value not in chosen:
            chosen.append(value)
    if not chosen:
        raise ValidationError({"outcomes": _("请选择问责方式。")})
    if Outcome.NONE in chosen and len(chosen) > 1:
        raise ValidationError({"outcomes": _("“不予问责”不能与其他问责方式同时选择。")})
    return sorted(chosen, key=Outcome.values.index)


@transaction.atomic
def decide(
    *,
    actor,
    case: AccountabilityCase,
    outcomes,
    text: str,
    responsible_persons: str | None = None,
):
    """处理决定: one or more 问责方式 (可以单独使用，也可以合并使用) and the decision's text."""
    errors: dict = {}
    try:
        chosen = clean_outcomes(outcomes)
    except ValidationError as exc:
        errors.update(exc.message_dict)
        chosen = []
    try:
        text = _text(text, "text", _("处理决定"))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    fields = {"decision_text": text, "decided_at": clock.now()}
    if responsible_persons is not None:
        try:
            fields["responsible_persons"] = _text(
                responsible_persons,
                "responsible_persons",
                _("责任人员"),
                required=False,
                limit=2000,
            )
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    log = transition(
        obj=case,
        name="decide",
        actor=actor,
        comment=text,
        data={"outcomes": chosen},
        set_fields=fields,
    )
    CaseOutcome.objects.bulk_create(CaseOutcome(case=case, kind=kind) for kind in chosen)
    _step(case, StepKind.DECISION, text, actor)
    from sunshine.kernel.notify.services import notify

    labels = "、".join(str(Outcome(k).label) for k in chosen)
    notify(
        event=EVENT_DECIDED,
        recipients=_leaders(case.agency),
        subject=_("问责处理决定：%(title)s") % {"title": case.title},
        body=_("问责方式：%(outcomes)s\n%(text)s") % {"outcomes": labels, "text": text[:500]},
        obj=case,
        url=case.get_absolute_url(),
    )
    return log


@transaction.atomic
def close(*, actor, case: AccountabilityCase, text: str):
    """结案: how the decision was carried out (整改落实情况); stops the case's clock."""
    text = _text(text, "text", _("结案情况"))
    log = transition(
        obj=case, name="close", actor=actor, comment=text, set_fields={"closed_at": clock.now()}
    )
    _step(case, StepKind.CLOSING, text, actor)
    running = open_clock(case, HANDLE)
    if running is not None:
        stop_clock(clock=running, actor=actor, outcome="closed", authorize=False)
    return log


@transaction.atomic
def add_statement(*, actor, case: AccountabilityCase, text: str) -> CaseStep:
    """情况说明: the agency concerned gives its account while the case is open (陈述和申辩)."""
    require(actor, "accountability.respond", case)
    text = _text(text, "text", _("情况说明"))
    state = (
        AccountabilityCase.objects.select_for_update()
        .filter(pk=case.pk)
        .values_list("state", flat=True)
        .first()
    )
    if state not in (CaseState.FILED, CaseState.INVESTIGATED):
        raise ValidationError(_("处理决定作出后不能再提交情况说明。"))
    step = _step(case, StepKind.STATEMENT, text, actor)
    record_event(action="accountability.statement", actor=actor, obj=case, summary=text[:300])
    return step


@transaction.atomic
def publish(*, actor, case: AccountabilityCase, summary: str) -> AccountabilityCase:
    """公开通报: a closed case whose outcomes include 通报批评 is published with `summary` (the
    notice's text, personal data masked: 手机号、身份证号 and the like never reach the portal)."""
    require(actor, "accountability.publish", case)
    case = AccountabilityCase.objects.select_for_update().get(pk=case.pk)
    summary = _text(summary, "summary", _("通报内容"), limit=5000)
    if case.state != CaseState.CLOSED:
        raise ValidationError(_("案件结案后才能公开通报。"))
    if not case.outcomes.filter(kind=PUBLISHABLE).exists():
        raise ValidationError(_("只有问责方式包括“通报批评”的案件可以公开通报。"))
    if case.is_published:
        raise ValidationError(_("该案件已公开通报。"))
    case.public_summary = mask_personal_data(summary)
    case.is_published = True
    case.published_at = clock.now()
    case.save(update_fields=["public_summary", "is_published", "published_at", "updated_at"])
    _step(case, StepKind.PUBLICATION, case.public_summary, actor)
    record_event(
        action="accountability.publish",
        actor=actor,
        obj=case,
        summary=case.public_summary[:300],
        after={"is_published": True},
    )
    return case
