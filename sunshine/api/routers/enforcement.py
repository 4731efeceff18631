"""行政执法公示 (双公示): published 行政许可 and 行政处罚 decisions for anyone (natural persons
masked, as on the portal); staff with a token register decisions and move them through
法制审核, decision, 公示 and 撤回 with the same services as the workbench."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status

from sunshine.governance.enforcement import selectors, services
from sunshine.governance.enforcement.selectors import public_view
from sunshine.kernel.access.policy import agencies_for

from ..actions import StaffLookup
from ..auth import staff_token
from ..errors import NotFound
from ..links import portal_url
from ..pagination import id_param, limit_param, offset_param, page

router = Router(tags=["enforcement"])


class EnforcementPublicOut(Schema):
    id: int
    kind: str
    kind_label: str
    doc_number: str
    title: str
    party_name: str
    party_kind_label: str
    credit_code: str
    legal_rep: str
    basis: str
    content: str
    facts: str
    categories: list[str]
    fine_amount: Decimal | None
    confiscated_amount: Decimal | None
    license_number: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    decided_on: dt.date | None
    published_at: dt.datetime | None
    agency_id: int
    agency_name: str
    withdrawn: bool
    withdraw_reason: str
    url: str

    @staticmethod
    def resolve_id(obj) -> int:
        return obj.pk

    @staticmethod
    def resolve_categories(obj) -> list[str]:
        return [str(c) for c in obj.categories]

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.kind_label)

    @staticmethod
    def resolve_party_kind_label(obj) -> str:
        return str(obj.party_kind_label)

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url("enforcement_detail", obj.pk)


class EnforcementPage(Schema):
    count: int
    items: list[EnforcementPublicOut]


class EnforcementStaffOut(Schema):
    id: int
    agency_id: int
    kind: str
    state: str
    doc_number: str
    title: str
    power_code: str
    party_name: str
    party_kind: str
    credit_code: str
    legal_rep: str
    basis: str
    content: str
    facts: str
    penalty_categories: list[str]
    fine_amount: Decimal | None
    confiscated_amount: Decimal | None
    license_number: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    is_major: bool
    review_passed: bool
    decided_on: dt.date | None
    published_at: dt.datetime | None
    published_late: bool | None
    withdrawn_at: dt.datetime | None
    withdraw_reason: str


class EnforcementIn(Schema):
    kind: str
    doc_number: str = ""
    title: str = ""
    power_code: str = ""
    party_name: str = ""
    party_kind: str = ""
    credit_code: str = ""
    legal_rep: str = ""
    id_number: str = ""
    basis: str = ""
    content: str = ""
    facts: str = ""
    penalty_categories: list[str] = []
    fine_amount: Decimal | None = None
    confiscated_amount: Decimal | None = None
    license_number: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    is_major: bool = False


class EnforcementCreateIn(EnforcementIn):
    agency_id: int


class EnforcementTransitionIn(Schema):
    action: str  # request_review | review | decide | publish | withdraw
    note: str = ""
    outcome: str = ""  # review: approved | returned
    opinion: str = ""
    decided_on: dt.date | None = None
    revoked_on: dt.date | None = None
    reason: str = ""


@router.get("", response=EnforcementPage, summary="行政执法公示（已公示的执法决定）")
def list_decisions(
    request,
    q: str = Query("", max_length=100, description="文书号、决定名称、行政相对人或信用代码"),
    kind: str = Query("", max_length=10, description="license（行政许可）或 penalty（行政处罚）"),
    agency_id: int | None = id_param("决定机关（含下级机关）"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    """Published decisions, newest first; a natural person's name is masked."""
    rows = selectors.public_decisions(q=q, kind=kind, agency_id=agency_id)
    return page(rows, limit, offset, wrap=lambda part: [public_view(d) for d in part])


@router.get("/{int:decision_id}", response=EnforcementPublicOut, summary="执法决定公示")
def get_decision(request, decision_id: int):
    """One published decision; a withdrawn one keeps its number, title and the reason."""
    decision = selectors.public_decision(decision_id)
    if decision is None:
        raise NotFound(_("该执法决定不存在或尚未公示。"))
    return public_view(decision)


_staff = StaffLookup(
    selectors.decision_for_staff, gettext_lazy("该执法决定不存在，或不在您的权限范围内。")
)


@router.get(
    "/staff/{int:decision_id}",
    auth=staff_token,
    response=EnforcementStaffOut,
    summary="执法决定（工作人员）",
)
def get_staff_decision(request, decision_id: int):
    return _staff(request, decision_id)


@router.post(
    "/staff", auth=staff_token, response={201: EnforcementStaffOut}, summary="登记执法决定"
)
def create_decision(request, payload: EnforcementCreateIn):
    agency = (
        agencies_for(request.auth, "enforcement.view_staff").filter(pk=payload.agency_id).first()
    )
    if agency is None:
        raise ValidationError({"agency_id": [_("没有该机关，或不在您的权限范围内。")]})
    decision = services.register(
        actor=request.auth, agency=agency, **payload.dict(exclude={"agency_id"})
    )
    return Status(201, _staff(request, decision.pk))


def _transition(user, decision, p: EnforcementTransitionIn):
    match p.action:
        case "request_review":
            return services.request_review(actor=user, decision=decision, note=p.note)
        case "review":
            return services.review(
                actor=user, decision=decision, outcome=p.outcome, opinion=p.opinion
            )
        case "decide":
            return services.decide(actor=user, decision=decision, decided_on=p.decided_on)
        case "publish":
            return services.publish(actor=user, decision=decision)
        case "withdraw":
            return services.withdraw(
                actor=user, decision=decision, revoked_on=p.revoked_on, reason=p.reason
            )
    raise ValidationError({"action": [_("未知的操作。")]})


@router.post(
    "/staff/{int:decision_id}/transition",
    auth=staff_token,
    response=EnforcementStaffOut,
    summary="执法决定的流转（送审、审核、决定、公示、撤回）",
)
def transition_decision(request, decision_id: int, payload: EnforcementTransitionIn):
    return _staff.act(
        request, decision_id, lambda decision: _transition(request.auth, decision, payload)
    )
