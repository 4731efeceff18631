"""重大行政决策: the public list and dossier of the decisions in published catalogs (决策事项目录),
and for staff (token) their list, detail and the workflow acts by name:
POST /decisions/{id}/transition {"action": "decide" | "publish" | "withdraw", ...}.

`decide` while a required statutory step is not done answers 409
{"detail": "...", "missing_steps": ["legality_review", ...]} (the common error shape plus the
steps, StepKind values in the Regulation's order); the head's override is the same call with
`override_reason`. Other refusals are the services' 422/403."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status

from sunshine.governance.decisions import selectors, transitions
from sunshine.governance.decisions.choices import DecisionState
from sunshine.governance.decisions.levels import level_label
from sunshine.governance.decisions.workflow import MissingSteps

from ..actions import StaffLookup
from ..auth import staff_token
from ..errors import NotFound
from ..links import portal_url
from ..pagination import id_param, limit_param, offset_param, page, year_param

router = Router(tags=["decisions"])


def _local(value):
    return timezone.localtime(value) if value else None


class DecisionFields(Schema):
    id: int
    title: str
    year: int | None
    agency_id: int
    agency_name: str
    lead_agency_name: str
    level: str
    level_label: str
    required_steps: list[str]
    planned_date: dt.date | None
    state: str
    state_label: str
    url: str


def _base(obj) -> dict:
    return {
        "id": obj.pk,
        "title": obj.title,
        "year": obj.catalog.year if obj.catalog_id else None,
        "agency_id": obj.agency_id,
        "agency_name": obj.agency.name,
        "lead_agency_name": obj.lead_agency.name,
        "level": obj.level,
        "level_label": level_label(obj.level),
        "required_steps": list(obj.required_steps),
        "planned_date": obj.planned_date,
        "state": obj.state,
        "state_label": str(obj.get_state_display()),
        "url": portal_url("decisions_detail", obj.pk),
    }


class DecisionOut(DecisionFields):
    @staticmethod
    def resolve_year(obj):
        return obj.catalog.year if obj.catalog_id else None

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_lead_agency_name(obj) -> str:
        return obj.lead_agency.name

    @staticmethod
    def resolve_level_label(obj) -> str:
        return level_label(obj.level)

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url("decisions_detail", obj.pk)


class DecisionPage(Schema):
    count: int
    items: list[DecisionOut]


class DecisionStepOut(Schema):
    kind: str
    label: str
    state: str
    state_label: str
    completed_at: dt.datetime | None
    # The step's public output: the experts' opinions, the risk report, the review opinion or
    # the minutes (its text), and what the 公众参与 step links.
    report: str
    risk_level: str
    conclusion: str
    consultation_id: int | None
    hearing_id: int | None
    meeting_name: str
    meeting_date: dt.date | None
    dissent: str


class DecisionTaskOut(Schema):
    id: int
    title: str
    agency_name: str
    due_date: dt.date | None
    percent: int
    status: str
    status_label: str
    evidence: str


class DecisionDetail(DecisionFields):
    summary: str
    steps: list[DecisionStepOut]
    missing_steps: list[str]
    decision_text: str
    decided_at: dt.datetime | None
    published_at: dt.datetime | None
    record_url: str
    interpretation: str
    interpretation_url: str
    tasks: list[DecisionTaskOut]
    progress: int | None
    evaluation_due: dt.date | None
    evaluation_report: str
    evaluated_at: dt.datetime | None


def _step(v, *, open_: bool) -> dict:
    """One step: its state always; its written output only when `open_`."""
    step = v.step
    return {
        "kind": step.kind,
        "label": v.label,
        "state": step.state,
        "state_label": str(step.get_state_display()),
        "completed_at": _local(step.completed_at),
        "report": step.report if open_ else "",
        "risk_level": step.risk_level if open_ else "",
        "conclusion": step.conclusion if open_ else "",
        "consultation_id": step.consultation_id,
        "hearing_id": step.hearing_id,
        "meeting_name": step.meeting_name,
        "meeting_date": step.meeting_date,
        "dissent": step.dissent if open_ else "",
    }


def _detail(decision, *, staff: bool) -> dict:
    """The dossier as JSON. The public sees the decision's text, the steps' outputs, 解读 and
    execution once it is published; staff see everything."""
    d = selectors.dossier(decision)
    shown = staff or decision.state == DecisionState.PUBLISHED
    # The steps' written outputs (opinions, reports, minutes) are internal until the decision
    # is published with them; the public sees each step's state and date before that.
    return {
        **_base(decision),
        "summary": decision.summary,
        "steps": [_step(v, open_=staff or (shown and v.done)) for v in d.steps],
        "missing_steps": d.missing,
        "decision_text": decision.decision_text if shown else "",
        "decided_at": _local(decision.decided_at),
        "published_at": _local(decision.published_at),
        "record_url": decision.record_url,
        "interpretation": decision.interpretation,
        "interpretation_url": decision.interpretation_url,
        "tasks": [
            {
                "id": t.pk,
                "title": t.title,
                "agency_name": t.agency.name,
                "due_date": t.due_date,
                "percent": t.percent,
                "status": t.status,
                "status_label": str(t.get_status_display()),
                "evidence": t.evidence,
            }
            for t in (d.tasks if shown else [])
        ],
        "progress": d.progress if shown else None,
        "evaluation_due": d.evaluation_clock.due_date if d.evaluation_clock else None,
        "evaluation_report": decision.evaluation_report,
        "evaluated_at": _local(decision.evaluated_at),
    }


# --- Public ----------------------------------------------------------------------------------


@router.get("", response=DecisionPage, summary="重大行政决策事项（已公布目录中的）")
def list_decisions(
    request,
    year: int | None = year_param("目录年度"),
    agency: int | None = id_param("决策机关"),
    state: str | None = Query(None, description="drafting, decided, published, withdrawn"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    items = selectors.public_decisions()
    if year is not None:
        items = items.filter(catalog__year=year)
    if agency is not None:
        items = items.filter(agency_id=agency)
    if state:
        items = items.filter(state=state)
    return page(items, limit, offset)


@router.get("/{int:decision_id}", response=DecisionDetail, summary="决策全过程（卷宗）")
def get_decision(request, decision_id: int):
    decision = selectors.decision_for_public(decision_id)
    if decision is None:
        raise NotFound(_("该决策事项不存在或尚未公布。"))
    return _detail(decision, staff=False)


# --- Staff -----------------------------------------------------------------------------------

_staff = StaffLookup(
    selectors.decision_for_staff, gettext_lazy("该决策事项不存在，或不在您的权限范围内。")
)


class DecisionTransitionIn(Schema):
    action: str
    decision_text: str = ""
    override_reason: str = ""
    record_url: str = ""
    interpretation: str = ""
    interpretation_url: str = ""
    comment: str = ""


class DecisionMissingStepsOut(Schema):
    """409: `decide` before the required steps are done."""

    detail: str
    missing_steps: list[str]


@router.get("/staff", auth=staff_token, response=DecisionPage, summary="决策事项（工作人员）")
def staff_list(
    request,
    state: str | None = Query(None, description="drafting, decided, published, withdrawn"),
    year: int | None = year_param("目录年度"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    return page(selectors.staff_decisions(request.auth, state=state, year=year), limit, offset)


@router.get(
    "/staff/{int:decision_id}", auth=staff_token, response=DecisionDetail, summary="决策卷宗"
)
def staff_detail(request, decision_id: int):
    return _detail(_staff(request, decision_id), staff=True)


@router.post(
    "/{int:decision_id}/transition",
    auth=staff_token,
    response={200: DecisionDetail, 409: DecisionMissingStepsOut},
    summary="办理：作出决定（可由行政首长说明理由后越过未完成程序）、公布、终止",
)
def apply_transition(request, decision_id: int, payload: DecisionTransitionIn):
    decision = _staff(request, decision_id)
    data = payload.dict()
    try:
        transitions.apply_transition(decision, data.pop("action"), actor=request.auth, data=data)
    except transitions.UnknownTransition as exc:
        raise NotFound(exc.message) from None
    except MissingSteps as exc:
        return Status(409, {"detail": exc.messages[0], "missing_steps": exc.missing_steps})
    return _detail(_staff(request, decision_id), staff=True)
