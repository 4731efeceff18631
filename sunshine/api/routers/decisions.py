"""重大行政决策: the public list and dossier of the decisions in published catalogs (决策事项目录),
the published catalogs with their adjustments, and for staff (token) their list, detail, a new
catalog entry, the statutory steps' records (POST /decisions/{id}/steps/{kind}; the 公众参与
candidates to link at GET /decisions/staff/{id}/participation-candidates), execution tasks and
progress, the 决策后评估, and the workflow acts by name:
POST /decisions/{id}/transition {"action": "decide" | "publish" | "withdraw", ...}.

`decide` while a required statutory step is not done answers 409
{"detail": "...", "missing_steps": ["legality_review", ...]} (the common error shape plus the
steps, StepKind values in the Regulation's order); the head's override is the same call with
`override_reason`. Other refusals are the services' 422/403."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status

from sunshine.governance.decisions import execution, selectors, services, steps, transitions
from sunshine.governance.decisions.choices import DecisionState, StepKind, StepState
from sunshine.governance.decisions.levels import level_label
from sunshine.governance.decisions.workflow import MissingSteps
from sunshine.kernel.access.policy import agencies_for
from sunshine.kernel.orgs.selectors import agency_choices

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
    head_against_majority: bool
    head_reason: str


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
        "head_against_majority": step.head_against_majority,
        "head_reason": step.head_reason if open_ else "",
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


# --- 决策事项目录 (public) ------------------------------------------------------------------------


class DecisionCatalogOut(Schema):
    agency_id: int
    agency_name: str
    year: int
    published_at: dt.datetime | None
    url: str
    xlsx_url: str


def _catalog(c) -> dict:
    return {
        "agency_id": c.agency_id,
        "agency_name": c.agency.name,
        "year": c.year,
        "published_at": _local(c.published_at),
        "url": portal_url("decisions_catalog", c.agency_id, c.year),
        "xlsx_url": portal_url("decisions_catalog_xlsx", c.agency_id, c.year),
    }


class DecisionCatalogPage(Schema):
    count: int
    items: list[DecisionCatalogOut]


class DecisionAdjustmentOut(Schema):
    at: dt.datetime
    kind: str
    kind_label: str
    decision_id: int
    decision_title: str
    reason: str
    changes: dict


class DecisionCatalogDetail(DecisionCatalogOut):
    entries: list[DecisionOut]
    adjustments: list[DecisionAdjustmentOut]


@router.get("/catalogs", response=DecisionCatalogPage, summary="已公布的决策事项目录")
def list_catalogs(
    request,
    year: int | None = year_param("年度"),
    agency: int | None = id_param("决策机关"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    items = selectors.public_catalogs()
    if year is not None:
        items = items.filter(year=year)
    if agency is not None:
        items = items.filter(agency_id=agency)
    return page(items, limit, offset, wrap=lambda part: [_catalog(c) for c in part])


@router.get(
    "/catalogs/{int:agency_id}/{int:year}",
    response=DecisionCatalogDetail,
    summary="决策事项目录（事项及调整情况）",
)
def get_catalog(request, agency_id: int, year: int):
    found = selectors.public_catalog(agency_id, year)
    if found is None:
        raise NotFound(_("该决策事项目录不存在或尚未公布。"))
    return {
        **_catalog(found),
        "entries": list(selectors.catalog_entries(found)),
        "adjustments": [
            {
                "at": _local(a.at),
                "kind": a.kind,
                "kind_label": str(a.get_kind_display()),
                "decision_id": a.decision_id,
                "decision_title": a.decision.title,
                "reason": a.reason,
                "changes": a.changes,
            }
            for a in selectors.catalog_adjustments(found)
        ],
    }


# --- Staff writes ----------------------------------------------------------------------------


def _any_agency(agency_id: int | None, field: str):
    """An agency named by id in a body (a legal office, an executing unit: any agency)."""
    if agency_id is None:
        return None
    found = agency_choices().filter(pk=agency_id).first()
    if found is None:
        raise ValidationError({field: _("没有这个机关。")})
    return found


class DecisionCreateIn(Schema):
    agency_id: int = Field(description="决策机关（须在调用者的承办权限内）")
    lead_agency_id: int = Field(description="决策承办单位")
    title: str
    level: str = Field(description="决策层级代码（DECISION_LEVELS），如 executive")
    summary: str = ""
    planned_date: dt.date | None = None
    year: int | None = Field(None, ge=2000, le=2100, description="目录年度，默认计划完成年度")
    reason: str = Field("", description="目录已公布时新增事项的理由")


@router.post(
    "", auth=staff_token, response={201: DecisionDetail}, summary="新增决策事项（列入目录）"
)
def create_decision(request, payload: DecisionCreateIn):
    data = payload.dict()
    agency = agencies_for(request.auth, "decision.manage").filter(pk=data.pop("agency_id")).first()
    if agency is None:
        raise NotFound(_("该机关不存在，或不在您的权限范围内。"))
    lead = _any_agency(data.pop("lead_agency_id"), "lead_agency_id")
    decision = services.create_decision(actor=request.auth, agency=agency, lead_agency=lead, **data)
    return Status(201, _detail(_staff(request, decision.pk), staff=True))


class DecisionCandidateOut(Schema):
    kind: str = Field(description="consultation（征求意见）或 hearing（听证会、座谈会、咨询协商）")
    id: int
    title: str
    when: str
    counts: bool = Field(description="能否作为公众参与程序")
    problems: list[str] = Field(description="不能作为公众参与程序的原因")


@router.get(
    "/staff/{int:decision_id}/participation-candidates",
    auth=staff_token,
    response=list[DecisionCandidateOut],
    summary="可关联为公众参与程序的征求意见和听证会、座谈会、咨询协商会",
)
def participation_candidates(request, decision_id: int):
    return [
        {
            "kind": c.kind,
            "id": c.pk,
            "title": c.title,
            "when": c.when,
            "counts": c.counts,
            "problems": list(c.problems),
        }
        for c in steps.participation_candidates(_staff(request, decision_id))
    ]


class DecisionStepIn(Schema):
    """The fields of the step named in the path; the others are ignored.
    public_participation: consultation_id or hearing_id. expert_review: experts, report.
    risk_assessment: risk_level, report. legality_review: legal_office_id (send it), or, by the
    legal office while it is in review, conclusion and report. collective_decision:
    meeting_name, meeting_date, attendees, report, head_spoke_last, dissent,
    head_against_majority and head_reason (Art. 30 para. 2)."""

    consultation_id: int | None = Field(None, ge=1)
    hearing_id: int | None = Field(None, ge=1)
    experts: str = ""
    risk_level: str = Field("", description="low, medium, high")
    legal_office_id: int | None = Field(None, ge=1)
    conclusion: str = Field(
        "", description="lawful, lawful_with_changes, unlawful, returned（退回补充材料）"
    )
    meeting_name: str = ""
    meeting_date: dt.date | None = None
    attendees: str = ""
    head_spoke_last: bool = False
    dissent: str = ""
    head_against_majority: bool = False
    head_reason: str = ""
    report: str = ""


def _record_step(actor, decision, kind: str, d: dict):
    if kind == StepKind.PARTICIPATION:
        return steps.record_participation(
            actor=actor,
            decision=decision,
            consultation_id=d["consultation_id"],
            hearing_id=d["hearing_id"],
        )
    if kind == StepKind.EXPERTS:
        return steps.record_expert_review(
            actor=actor, decision=decision, experts=d["experts"], report=d["report"]
        )
    if kind == StepKind.RISK:
        return steps.record_risk_assessment(
            actor=actor, decision=decision, risk_level=d["risk_level"], report=d["report"]
        )
    if kind == StepKind.LEGALITY:
        current = next((s for s in decision.steps.all() if s.kind == kind), None)
        if current is not None and current.state == StepState.IN_REVIEW:
            return steps.record_legality_opinion(
                actor=actor, decision=decision, conclusion=d["conclusion"], report=d["report"]
            )
        office = _any_agency(d["legal_office_id"], "legal_office_id")
        return steps.request_legality_review(actor=actor, decision=decision, legal_office=office)
    return steps.record_collective_discussion(
        actor=actor,
        decision=decision,
        meeting_name=d["meeting_name"],
        meeting_date=d["meeting_date"],
        attendees=d["attendees"],
        report=d["report"],
        head_spoke_last=d["head_spoke_last"],
        dissent=d["dissent"],
        head_against_majority=d["head_against_majority"],
        head_reason=d["head_reason"],
    )


@router.post(
    "/{int:decision_id}/steps/{kind}",
    auth=staff_token,
    response=DecisionDetail,
    summary="记录法定程序（公众参与、专家论证、风险评估、合法性审查、集体讨论决定）",
)
def record_step(request, decision_id: int, kind: str, payload: DecisionStepIn):
    if kind not in StepKind.values:
        raise NotFound(_("没有这个法定程序：%(kind)s。") % {"kind": kind})
    data = payload.dict()
    _staff.act(request, decision_id, lambda d: _record_step(request.auth, d, kind, data))
    return _detail(_staff(request, decision_id), staff=True)


class DecisionTaskIn(Schema):
    title: str
    agency_id: int = Field(ge=1, description="执行单位")
    due_date: dt.date | None = None


@router.post(
    "/{int:decision_id}/tasks",
    auth=staff_token,
    response={201: DecisionDetail},
    summary="安排执行任务（决定作出后）",
)
def add_task(request, decision_id: int, payload: DecisionTaskIn):
    data = payload.dict()
    agency = _any_agency(data.pop("agency_id"), "agency_id")
    _staff.act(
        request,
        decision_id,
        lambda d: execution.add_task(actor=request.auth, decision=d, agency=agency, **data),
    )
    return Status(201, _detail(_staff(request, decision_id), staff=True))


class DecisionProgressIn(Schema):
    percent: int = Field(ge=0, le=100)
    status: str = Field(description="not_started, in_progress, blocked, done（100% 时）")
    note: str
    evidence: str = ""


@router.post(
    "/tasks/{int:task_id}/progress",
    auth=staff_token,
    response=DecisionDetail,
    summary="报告执行进展",
)
def report_progress(request, task_id: int, payload: DecisionProgressIn):
    task = selectors.task_for_staff(request.auth, task_id)
    if task is None:
        raise NotFound(_("该执行任务不存在，或不在您的权限范围内。"))
    execution.report_progress(actor=request.auth, task=task, **payload.dict())
    return _detail(_staff(request, task.decision_id), staff=True)


class DecisionEvaluationIn(Schema):
    report: str


@router.post(
    "/{int:decision_id}/evaluation",
    auth=staff_token,
    response=DecisionDetail,
    summary="记录决策后评估报告（公布后）",
)
def record_evaluation(request, decision_id: int, payload: DecisionEvaluationIn):
    return _detail(
        _staff.act(
            request,
            decision_id,
            lambda d: execution.record_evaluation(
                actor=request.auth, decision=d, report=payload.report
            ),
        ),
        staff=True,
    )
