"""重要职权事项: the items agencies publish (progress with stages, milestones and spending; the
approval chain of a large spending; the answered questions) and the 大额资金使用 summary for
anyone; staff with a token register an item, submit it, read the general office's dashboard,
assign a cross-check (the office), decide it (sign off / return with reasons), record the
expert group (members from the library without a declared conflict, a stage opinion asked and
recorded, the final assessment; the office), and read and answer the public's questions, through
the same services as the workbench."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema, Status

from sunshine.governance.keyitems import crosscheck, selectors, services
from sunshine.governance.keyitems.choices import CrossCheckState, KeyItemKind

from ..actions import StaffLookup
from ..auth import staff_token
from ..errors import NotFound
from ..links import portal_url
from ..pagination import id_param, limit_param, offset_param, page

router = Router(tags=["keyitems"])


class KeyItemSummary(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    agency_id: int
    agency_name: str
    state: str
    budget: Decimal | None
    amount: Decimal | None
    published_at: dt.datetime | None
    url: str

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url("keyitems_detail", obj.pk)


class KeyItemPage(Schema):
    count: int
    items: list[KeyItemSummary]


class StageOut(Schema):
    name: str
    state: str
    planned_start: dt.date | None
    planned_end: dt.date | None
    actual_start: dt.date | None
    actual_end: dt.date | None


class MilestoneOut(Schema):
    name: str
    planned_on: dt.date
    actual_on: dt.date | None


class SpendingOut(Schema):
    spent_on: dt.date
    amount: Decimal
    purpose: str


class ApprovalOut(Schema):
    order: int
    role: str
    decided_on: dt.date
    opinion: str


class QuestionOut(Schema):
    asked_at: dt.datetime
    text: str
    answer: str
    answered_at: dt.datetime | None


class KeyItemOut(KeyItemSummary):
    summary: str
    basis: str
    purpose: str
    power_item_name: str
    service_code: str
    planned_start: dt.date | None
    planned_end: dt.date | None
    spent: Decimal
    stages: list[StageOut]
    milestones: list[MilestoneOut]
    spendings: list[SpendingOut]
    approvals: list[ApprovalOut]
    questions: list[QuestionOut]
    open_questions: int

    @staticmethod
    def resolve_spent(obj) -> Decimal:
        return selectors.progress(obj)["spent"]

    @staticmethod
    def resolve_stages(obj):
        return list(obj.stages.all())

    @staticmethod
    def resolve_milestones(obj):
        return list(obj.milestones.all())

    @staticmethod
    def resolve_spendings(obj):
        return list(obj.spendings.all())

    @staticmethod
    def resolve_approvals(obj):
        return list(obj.approvals.all())

    @staticmethod
    def resolve_questions(obj):
        return [
            {"asked_at": q.asked_at, "text": q.public_text, "answer": q.public_answer,
             "answered_at": q.answered_at}
            for q in selectors.answered_questions(obj)
        ]  # fmt: skip

    @staticmethod
    def resolve_open_questions(obj) -> int:
        return selectors.open_question_count(obj)


class SpendingSummaryRow(Schema):
    agency_id: int
    agency: str
    count: int
    total: Decimal


@router.get("", response=KeyItemPage, summary="公开的重要职权事项")
def list_keyitems(
    request,
    kind: str = "",
    agency_id: int | None = id_param("机关"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    kind = kind if kind in KeyItemKind.values else ""
    return page(selectors.public_items(kind=kind, agency_id=agency_id), limit, offset)


@router.get("/spending-summary", response=list[SpendingSummaryRow], summary="大额资金使用汇总")
def spending_summary(request):
    return selectors.large_spending_summary()


class CheckOut(Schema):
    id: int
    round: int
    agency_id: int | None
    state: str
    findings: str
    return_reasons: str
    decided_at: dt.datetime | None


class ReviewOut(Schema):
    id: int
    stage: str
    state: str
    conclusion: str
    opinion: str
    due_at: dt.datetime | None
    given_at: dt.datetime | None


class StaffStageOut(StageOut):
    id: int


class ExpertMemberOut(Schema):
    expert_id: int
    name: str
    specialty: str
    is_leader: bool


class ExpertGroupOut(Schema):
    formed_at: dt.datetime
    members: list[ExpertMemberOut]
    final_conclusion: str
    final_assessment: str
    assessed_at: dt.datetime | None


class StaffItemOut(Schema):
    id: int
    kind: str
    title: str
    agency_id: int
    state: str
    stages: list[StaffStageOut]
    crosschecks: list[CheckOut]
    reviews: list[ReviewOut]
    expert_group: ExpertGroupOut | None

    @staticmethod
    def resolve_stages(obj):
        return list(obj.stages.all())

    @staticmethod
    def resolve_expert_group(obj):
        group = selectors.expert_group(obj)
        if group is None:
            return None
        members = [
            {"expert_id": m.expert_id, "name": m.expert.name, "specialty": m.expert.specialty,
             "is_leader": m.is_leader}
            for m in group.members.all()
        ]  # fmt: skip
        return {"formed_at": group.formed_at, "members": members,
                "final_conclusion": group.final_conclusion,
                "final_assessment": group.final_assessment, "assessed_at": group.assessed_at}  # fmt: skip

    @staticmethod
    def resolve_crosschecks(obj):
        return list(obj.crosschecks.all())

    @staticmethod
    def resolve_reviews(obj):
        return [
            {"id": r.pk, "stage": r.stage.name, "state": r.state, "conclusion": r.conclusion,
             "opinion": r.opinion, "due_at": getattr(r, "clock_due_at", None),
             "given_at": r.given_at}
            for r in selectors.reviews_of(obj)
        ]  # fmt: skip


class DashboardRow(Schema):
    id: int
    kind: str
    title: str
    agency_id: int
    state: str
    check_pending: bool
    check_unassigned: bool
    check_overdue: bool
    opinion_overdue: bool
    questions_open: int
    question_overdue: bool


@router.get("/dashboard", auth=staff_token, response=list[DashboardRow],
            summary="监管总览（办公厅）")  # fmt: skip
def dashboard(request, kind: str = "", page: int = 1):
    """One page (100 items) of the general office's overview, with each item's state."""
    kind = kind if kind in KeyItemKind.values else ""
    return selectors.dashboard(request.auth, kind=kind, page=page)["rows"]


@router.get("/{int:item_id}", response=KeyItemOut, summary="公开的事项：进展、资金、公众监督")
def get_keyitem(request, item_id: int):
    item = selectors.public_item(item_id)
    if item is None:
        raise NotFound(_("该事项不存在或未公开。"))
    return item


_staff = StaffLookup(selectors.item_for_staff, gettext_lazy("该事项不存在，或不在您的权限范围内。"))


@router.post("/{int:item_id}/submit", auth=staff_token, response=StaffItemOut, summary="提交事项")
def submit_keyitem(request, item_id: int):
    return _staff.act(
        request, item_id, lambda item: services.submit_item(actor=request.auth, item=item)
    )


class SignOffIn(Schema):
    findings: str


class ReturnIn(Schema):
    findings: str = ""
    reasons: str


def _pending(item):
    check = item.crosschecks.filter(state=CrossCheckState.PENDING).first()
    if check is None:
        raise NotFound(_("该事项没有审核中的交叉审核。"))
    return check


@router.post("/{int:item_id}/crosscheck/sign-off", auth=staff_token, response=StaffItemOut,
             summary="交叉审核通过")  # fmt: skip
def sign_off(request, item_id: int, body: SignOffIn):
    return _staff.act(request, item_id, lambda item: crosscheck.sign_off(
        actor=request.auth, check=_pending(item), findings=body.findings))  # fmt: skip


@router.post("/{int:item_id}/crosscheck/return", auth=staff_token, response=StaffItemOut,
             summary="交叉审核退回（须写明理由）")  # fmt: skip
def return_check(request, item_id: int, body: ReturnIn):
    return _staff.act(request, item_id, lambda item: crosscheck.return_check(
        actor=request.auth, check=_pending(item), findings=body.findings, reasons=body.reasons))  # fmt: skip


# --- register, assign, questions (staff) ----------------------------------------------------------


class RegisterIn(Schema):
    agency_id: int
    kind: str
    title: str
    summary: str = ""
    responsible: str = ""
    basis: str = ""
    budget: str | None = None
    planned_start: str | None = None
    planned_end: str | None = None
    amount: str | None = None
    purpose: str = ""
    power_item_id: int | None = None
    service_code: str = ""
    is_public: bool = False


def _agency(agency_id: int | None, field: str):
    """The agency by id, or a 422 naming the field."""
    from django.core.exceptions import ValidationError

    from sunshine.kernel.orgs.models import Agency

    found = (
        Agency.objects.filter(pk=agency_id, is_active=True).first()
        if agency_id and 0 < agency_id < 2**63
        else None
    )
    if found is None:
        raise ValidationError({field: [_("机关不存在。")]})
    return found


@router.post("", auth=staff_token, response={201: StaffItemOut}, summary="登记重要职权事项")
def register_keyitem(request, body: RegisterIn):
    data = body.dict()
    agency = _agency(data.pop("agency_id"), "agency_id")
    item = services.register_item(actor=request.auth, agency=agency, **data)
    return Status(201, item)


class KeyItemCheckAssignIn(Schema):
    agency_id: int
    reason: str = ""


@router.post("/{int:item_id}/crosscheck/assign", auth=staff_token, response=StaffItemOut,
             summary="指派交叉审核单位（办公厅）")  # fmt: skip
def assign_check(request, item_id: int, body: KeyItemCheckAssignIn):
    agency = _agency(body.agency_id, "agency")
    return _staff.act(request, item_id, lambda item: crosscheck.assign_crosscheck(
        actor=request.auth, item=item, agency=agency, reason=body.reason))  # fmt: skip


class StaffQuestionOut(Schema):
    id: int
    item_id: int
    item_title: str
    agency_id: int
    state: str
    text: str
    asked_at: dt.datetime
    due_at: dt.datetime | None
    answer: str
    answered_at: dt.datetime | None

    @staticmethod
    def resolve_item_title(obj) -> str:
        return obj.item.title

    @staticmethod
    def resolve_agency_id(obj) -> int:
        return obj.item.agency_id

    @staticmethod
    def resolve_due_at(obj):
        return getattr(obj, "clock_due_at", None)


@router.get("/questions", auth=staff_token, response=list[StaffQuestionOut],
            summary="公众监督意见（本机关），答复期限最近的在前")  # fmt: skip
def staff_questions(request, state: str = "", limit: int = limit_param(50)):
    return list(selectors.questions_for_staff(request.auth, state=state)[: max(1, min(limit, 200))])


class AnswerIn(Schema):
    answer: str


_question = StaffLookup(
    selectors.question_for_staff, gettext_lazy("该监督意见不存在，或不在您的权限范围内。")
)


@router.post("/questions/{int:question_id}/answer", auth=staff_token,
             response=StaffQuestionOut, summary="答复公众监督意见（答复公开）")  # fmt: skip
def answer_question(request, question_id: int, body: AnswerIn):
    from sunshine.governance.keyitems import questions

    return _question.act(request, question_id, lambda q: questions.answer_question(
        actor=request.auth, question=q, answer=body.answer))  # fmt: skip


class ExpertCandidateOut(Schema):
    id: int
    name: str
    specialty: str
    title: str
    employer: str


@router.get("/{int:item_id}/experts/candidates", auth=staff_token,
            response=list[ExpertCandidateOut],
            summary="可加入专家组的专家（已申报利害关系的回避）")  # fmt: skip
def expert_candidates(request, item_id: int):
    return list(selectors.experts_for(_staff(request, item_id)))


class ExpertMemberIn(Schema):
    expert_id: int
    is_leader: bool = False


@router.post("/{int:item_id}/experts/members", auth=staff_token, response=StaffItemOut,
             summary="专家组增加成员（首次即组建专家组；办公厅）")  # fmt: skip
def add_expert_member(request, item_id: int, body: ExpertMemberIn):
    from sunshine.governance.keyitems import experts

    def perform(item):
        found = selectors.expert(body.expert_id)
        if found is None:
            raise NotFound(_("专家库中没有这位专家。"))
        with transaction.atomic():  # no empty group is left by a refused member
            group = experts.form_group(actor=request.auth, item=item)
            experts.add_member(actor=request.auth, group=group, expert=found,
                               is_leader=body.is_leader)  # fmt: skip

    return _staff.act(request, item_id, perform)


class StageReviewIn(Schema):
    stage_id: int


@router.post("/{int:item_id}/experts/reviews", auth=staff_token, response=StaffItemOut,
             summary="就某一阶段征求专家组意见（办公厅）")  # fmt: skip
def request_stage_review(request, item_id: int, body: StageReviewIn):
    from sunshine.governance.keyitems import experts

    def perform(item):
        group = selectors.expert_group(item)
        if group is None:
            raise ValidationError(_("该事项还没有组建专家组。"))
        stage = item.stages.filter(pk=body.stage_id).first()
        if stage is None:
            raise NotFound(_("该事项没有这个阶段。"))
        experts.request_opinion(actor=request.auth, group=group, stage=stage)

    return _staff.act(request, item_id, perform)


class FinalAssessmentIn(Schema):
    conclusion: str
    assessment: str


@router.post("/{int:item_id}/experts/final", auth=staff_token, response=StaffItemOut,
             summary="专家组最终评估（办公厅）")  # fmt: skip
def final_assessment(request, item_id: int, body: FinalAssessmentIn):
    from sunshine.governance.keyitems import experts

    def perform(item):
        group = selectors.expert_group(item)
        if group is None:
            raise ValidationError(_("该事项还没有组建专家组。"))
        experts.final_assessment(actor=request.auth, group=group, conclusion=body.conclusion,
                                 assessment=body.assessment)  # fmt: skip

    return _staff.act(request, item_id, perform)


class KeyItemOpinionIn(Schema):
    conclusion: str
    opinion: str


@router.post("/{int:item_id}/experts/reviews/{int:review_id}/opinion", auth=staff_token,
             response=StaffItemOut, summary="记录专家组阶段意见（办公厅）")  # fmt: skip
def record_opinion(request, item_id: int, review_id: int, body: KeyItemOpinionIn):
    from sunshine.governance.keyitems import experts

    def perform(item):
        review = next((r for r in selectors.reviews_of(item) if r.pk == review_id), None)
        if review is None:
            raise NotFound(_("该阶段意见不存在。"))
        experts.record_opinion(actor=request.auth, review=review, conclusion=body.conclusion,
                               opinion=body.opinion)  # fmt: skip

    return _staff.act(request, item_id, perform)
