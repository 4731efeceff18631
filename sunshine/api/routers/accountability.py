"""问责 (accountability cases), staff only (token): the list of the cases the caller may see
(the general office's supervisors: every agency's; an agency's staff: their own), one case with
its steps and outcomes, the statistics per agency for a period, opening a case from a source
(POST "" with source_kind + source_id, or "other" with source_title) and the acts by name:
POST /{id}/transition {"action": "investigate" | "decide" | "close" | "statement" | "publish"}.
Refusals are the services' 422 (fields named) and 403, in the common error shape."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status

from sunshine.governance.accountability import selectors, services
from sunshine.governance.accountability.choices import CaseState, Outcome, SourceKind
from sunshine.kernel.orgs.models import Agency

from ..actions import StaffLookup
from ..auth import staff_token
from ..errors import NotFound
from ..pagination import MAX_ID, id_param, limit_param, offset_param, page

router = Router(tags=["accountability"], auth=staff_token)


def _local(value):
    return timezone.localtime(value) if value else None


class AccountabilityCaseFields(Schema):
    id: int
    title: str
    agency_id: int
    agency_name: str
    source_kind: str
    source_label: str
    source_title: str
    state: str
    state_label: str
    outcomes: list[str]
    opened_at: dt.datetime
    closed_at: dt.datetime | None
    is_published: bool


def _base(case) -> dict:
    return {
        "id": case.pk,
        "title": case.title,
        "agency_id": case.agency_id,
        "agency_name": case.agency.name,
        "source_kind": case.source_kind,
        "source_label": str(case.get_source_kind_display()),
        "source_title": case.source_title,
        "state": case.state,
        "state_label": str(case.get_state_display()),
        "outcomes": [o.kind for o in case.outcomes.all()],
        "opened_at": _local(case.opened_at),
        "closed_at": _local(case.closed_at),
        "is_published": case.is_published,
    }


class AccountabilityCaseOut(AccountabilityCaseFields):
    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_source_label(obj) -> str:
        return str(obj.get_source_kind_display())

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_outcomes(obj) -> list[str]:
        return [o.kind for o in obj.outcomes.all()]

    @staticmethod
    def resolve_opened_at(obj):
        return _local(obj.opened_at)

    @staticmethod
    def resolve_closed_at(obj):
        return _local(obj.closed_at)


class AccountabilityCasePage(Schema):
    count: int
    items: list[AccountabilityCaseOut]


class AccountabilityStepOut(Schema):
    kind: str
    label: str
    text: str
    actor: str
    at: dt.datetime


class AccountabilityCaseDetail(AccountabilityCaseFields):
    facts: str
    responsible_persons: str
    source_url: str
    decision_text: str
    decided_at: dt.datetime | None
    public_summary: str
    published_at: dt.datetime | None
    due_date: dt.date | None
    steps: list[AccountabilityStepOut]


def _detail(case) -> dict:
    running = selectors.case_clock(case)
    return {
        **_base(case),
        "facts": case.facts,
        "responsible_persons": case.responsible_persons,
        "source_url": case.source_url,
        "decision_text": case.decision_text,
        "decided_at": _local(case.decided_at),
        "public_summary": case.public_summary,
        "published_at": _local(case.published_at),
        "due_date": running.due_date if running is not None else None,
        "steps": [
            {
                "kind": s.kind,
                "label": str(s.get_kind_display()),
                "text": s.text,
                "actor": str(s.actor),
                "at": _local(s.at),
            }
            for s in selectors.case_steps(case)
        ],
    }


_staff = StaffLookup(
    selectors.case_for_staff, gettext_lazy("该问责案件不存在，或不在您的权限范围内。")
)


@router.get("", response=AccountabilityCasePage, summary="问责案件")
def list_cases(
    request,
    state: str | None = Query(None, description="open, " + ", ".join(CaseState.values)),
    agency: int | None = id_param("问责对象单位"),
    source: str | None = Query(None, description=", ".join(SourceKind.values)),
    outcome: str | None = Query(None, description=", ".join(Outcome.values)),
    q: str | None = Query(None, max_length=100),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    filters = selectors.CaseFilters(
        state=state or "",
        agency_id=agency,
        source_kind=source or "",
        outcome=outcome or "",
        q=q or "",
    )
    return page(selectors.staff_cases(request.auth, filters), limit, offset)


class AccountabilityCountsOut(Schema):
    agency_id: int | None
    agency_name: str
    total: int
    states: dict[str, int]
    sources: dict[str, int]
    outcomes: dict[str, int]


class AccountabilityStatisticsOut(Schema):
    since: dt.date | None
    until: dt.date | None
    rows: list[AccountabilityCountsOut]
    totals: AccountabilityCountsOut


SINCE = Query(None, description="立案日期自（含）")
UNTIL = Query(None, description="立案日期至（含）")


@router.get("/statistics", response=AccountabilityStatisticsOut, summary="问责统计（按单位）")
def statistics(
    request,
    since: dt.date | None = SINCE,
    until: dt.date | None = UNTIL,
    agency: int | None = id_param("问责对象单位"),
):
    stats = selectors.statistics(request.auth, since=since, until=until, agency_id=agency)
    return {
        "since": stats.since,
        "until": stats.until,
        "rows": [vars(r) for r in stats.rows],
        "totals": vars(stats.totals),
    }


@router.get("/{int:case_id}", response=AccountabilityCaseDetail, summary="问责案件（含办理环节）")
def get_case(request, case_id: int):
    return _detail(_staff(request, case_id))


class AccountabilityOpenIn(Schema):
    source_kind: str
    source_id: int | None = None
    agency_id: int | None = None
    title: str = ""
    facts: str = ""
    responsible_persons: str = ""
    source_title: str = ""


@router.post(
    "",
    response={201: AccountabilityCaseDetail},
    summary="立案（从超期、差评、督办、投诉或其他线索）",
)
def open_case(request, payload: AccountabilityOpenIn):
    agency = None
    if payload.agency_id is not None:
        if not 1 <= payload.agency_id <= MAX_ID:
            raise NotFound(_("没有这个单位。"))
        agency = Agency.objects.filter(pk=payload.agency_id).first()
        if agency is None:
            raise NotFound(_("没有这个单位。"))
    case = services.open_case(
        actor=request.auth,
        source_kind=payload.source_kind,
        source_id=payload.source_id,
        agency=agency,
        title=payload.title,
        facts=payload.facts,
        responsible_persons=payload.responsible_persons,
        source_title=payload.source_title,
    )
    return Status(201, _detail(_staff(request, case.pk)))


class AccountabilityTransitionIn(Schema):
    action: str
    findings: str = ""
    text: str = ""
    outcomes: list[str] = []
    responsible_persons: str | None = None
    summary: str = ""


ACTIONS = ("investigate", "decide", "close", "statement", "publish")


@router.post(
    "/{int:case_id}/transition",
    response=AccountabilityCaseDetail,
    summary="办理：调查核实、处理决定、结案、情况说明、公开通报",
)
def apply_transition(request, case_id: int, payload: AccountabilityTransitionIn):
    case = _staff(request, case_id)
    actor, name = request.auth, payload.action
    if name not in ACTIONS:
        raise NotFound(_("没有这个办理环节：%(name)s。") % {"name": name})
    if name == "investigate":
        services.investigate(actor=actor, case=case, findings=payload.findings)
    elif name == "decide":
        services.decide(
            actor=actor,
            case=case,
            outcomes=payload.outcomes,
            text=payload.text,
            responsible_persons=payload.responsible_persons,
        )
    elif name == "close":
        services.close(actor=actor, case=case, text=payload.text)
    elif name == "statement":
        services.add_statement(actor=actor, case=case, text=payload.text)
    else:
        services.publish(actor=actor, case=case, summary=payload.summary)
    return _detail(_staff(request, case_id))
