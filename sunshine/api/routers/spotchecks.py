"""双随机、一公开: the drawn plans for anyone, each with its published draw (announced number,
canonical inputs, digest, seed, the drawn targets and inspectors) and, once published, the
result per target.

Staff with a token do what the workbench does, through the same services: create a plan,
fill the two libraries (an XLSX upload, all or nothing: 422 with every row error; a large file
becomes a background job, 202), or add one target / inspector, draw, enter a result per drawn
target, publish (公示). A refusal is 422 with the fields named; an act the plan's state does not
allow (drawing twice, a result after publication) is 409 {"detail"}."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, File, Query, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError

from sunshine.governance.spotchecks import libraries, selectors, services
from sunshine.governance.spotchecks.choices import Outcome
from sunshine.kernel.access.policy import agencies_for
from sunshine.kernel.files.models import FileJob

from ..actions import StaffLookup
from ..auth import staff_token
from ..errors import NotFound
from ..links import portal_url
from ..pagination import id_param, limit_param, offset_param, page

router = Router(tags=["spotchecks"])


class SpotCheckSummary(Schema):
    id: int
    title: str
    agency_id: int
    agency_name: str
    check_item_id: int
    check_item_name: str
    state: str
    drawn_at: dt.datetime | None
    published_at: dt.datetime | None
    url: str

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url("spotchecks_detail", obj.pk)


class SpotCheckPage(Schema):
    count: int
    items: list[SpotCheckSummary]


class DrawnInspector(Schema):
    id: int
    name: str
    badge: str


class DrawnTarget(Schema):
    id: int
    name: str
    code: str
    inspectors: list[DrawnInspector]
    outcome: str | None
    outcome_label: str | None
    note: str | None


class SpotCheckOut(SpotCheckSummary):
    ratio: str | None
    count: int | None
    inspectors_per_target: int
    announced_number: str
    inputs: str
    inputs_digest: str
    seed_hex: str
    python_version: str
    targets: list[DrawnTarget]

    @staticmethod
    def resolve_ratio(obj):
        return str(obj.ratio) if obj.ratio is not None else None

    @staticmethod
    def resolve_targets(obj) -> list[dict]:
        # The public sees results once published; staff (staff_view) as they are entered.
        shown = getattr(obj, "staff_view", False) or obj.state == "published"
        out = []
        for row in selectors.drawn_rows(obj, with_results=shown):
            result = row["result"]
            out.append(
                {
                    "id": row["target"].pk,
                    "name": row["target"].name,
                    "code": row["target"].code,
                    "inspectors": [
                        {"id": i.pk, "name": i.name, "badge": i.badge} for i in row["inspectors"]
                    ],
                    "outcome": result.outcome if result else None,
                    "outcome_label": str(result.get_outcome_display()) if result else None,
                    "note": result.note if result else None,
                }
            )
        return out


@router.get("", response=SpotCheckPage, summary="双随机抽查计划（已抽取）")
def list_spotchecks(
    request,
    agency_id: int | None = id_param("机关"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    return page(selectors.public_plans(agency_id=agency_id), limit, offset)


@router.get("/{int:plan_id}", response=SpotCheckOut, summary="抽查计划、抽取过程和结果公示")
def get_spotcheck(request, plan_id: int):
    plan = selectors.public_plan(plan_id)
    if plan is None:
        raise NotFound(_("该抽查计划不存在或尚未抽取。"))
    return plan


class Conflict(Schema):
    """409: the plan's state does not allow the act."""

    detail: str


def _plan_for_staff(user, pk):
    plan = selectors.plan_for_staff(user, pk)
    if plan is not None:
        plan.staff_view = True
    return plan


_staff = StaffLookup(_plan_for_staff, gettext_lazy("该抽查计划不存在，或不在您的权限范围内。"))


def _act(request, plan_id: int, perform):
    """Run the act on the caller's plan; a refusal because of the plan's state is a 409."""
    try:
        return _staff.act(request, plan_id, perform)
    except ValidationError as exc:
        if getattr(exc, "code", None) == services.STATE:
            raise HttpError(409, exc.messages[0]) from None
        raise


@router.get(
    "/staff", auth=staff_token, response=SpotCheckPage, summary="抽查计划（工作人员，含待抽取）"
)
def staff_list(
    request,
    state: str | None = Query(None, description="draft, drawn, published"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    return page(selectors.plans_for_staff(request.auth, state=state or ""), limit, offset)


@router.get(
    "/staff/{int:plan_id}", auth=staff_token, response=SpotCheckOut, summary="抽查计划（工作人员）"
)
def staff_detail(request, plan_id: int):
    return _staff(request, plan_id)


class PlanIn(Schema):
    agency_id: int
    title: str
    check_item_id: int = Field(description="本机关权力清单中现行有效的行政检查事项（id）")
    ratio: Decimal | None = Field(None, description="抽查比例（%），与 count 二者填一项")
    count: int | None = Field(None, description="抽查数量（户）")
    inspectors_per_target: int = 2
    announced_number: str = Field("", description="预先公布的数字；留空由系统随机生成")


def _agency(request, agency_id: int):
    agency = agencies_for(request.auth, "spotcheck.view_staff").filter(pk=agency_id).first()
    if agency is None:
        raise NotFound(_("该机关不存在，或不在您的权限范围内。"))
    return agency


@router.post("", auth=staff_token, response={201: SpotCheckOut}, summary="制定抽查计划")
def create_spotcheck(request, payload: PlanIn):
    data = payload.dict()
    agency = _agency(request, data.pop("agency_id"))
    plan = services.create_plan(actor=request.auth, agency=agency, **data)
    return Status(201, _staff(request, plan.pk))


class LibraryImportOut(Schema):
    created: int
    updated: int
    unchanged: int
    removed: int


class ImportJobOut(Schema):
    """202: a large file is imported by a background job (its page in the workbench)."""

    job_id: int
    state: str
    total: int
    url: str


@router.post(
    "/libraries/{int:agency_id}/{kind}/import",
    auth=staff_token,
    response={200: LibraryImportOut, 202: ImportJobOut},
    summary="导入名录库（XLSX，全部导入或全部不导入）",
    description=(
        "kind：targets（检查对象名录库）或 inspectors（执法检查人员名录库）。文件即名录库："
        "同一统一社会信用代码 / 执法证号的条目更新，文件中没有的条目移出名录库。"
        "有问题的行全部列在 422 的 errors 中，不导入任何内容；超过 2,000 行的文件在后台导入（202）。"
    ),
)
def import_library(request, agency_id: int, kind: str, file: File[UploadedFile]):
    if kind not in libraries.IMPORTS:
        raise NotFound(_("没有这个名录库：%(kind)s。") % {"kind": kind[:40]})
    agency = _agency(request, agency_id)
    try:
        result = libraries.start_import(
            agency=agency, actor=request.auth, kind=kind, uploaded_file=file
        )
    except ValidationError as exc:
        # The file's problems (every row error, "第 n 行“列”：…") under the field `file`.
        raise ValidationError({"file": exc.messages}) from None
    if isinstance(result, FileJob):
        url = reverse("workbench:filejob", args=[result.pk])
        return Status(202, {"job_id": result.pk, "state": result.state,
                            "total": result.total, "url": url})  # fmt: skip
    return libraries.report_of(result)


class TargetIn(Schema):
    code: str = Field(description="统一社会信用代码")
    name: str
    category: str = ""
    address: str = ""
    unit: str = Field("", description="所属监管单位")


class TargetOut(TargetIn):
    id: int


class InspectorIn(Schema):
    badge: str = Field(description="执法证号")
    name: str
    unit: str = Field("", description="所在单位")
    conflicts: list[str] = Field([], description="申报回避的检查对象（统一社会信用代码）")


class InspectorOut(InspectorIn):
    id: int


@router.post(
    "/libraries/{int:agency_id}/targets",
    auth=staff_token,
    response=TargetOut,
    summary="检查对象名录库：新增或修改一个检查对象",
)
def add_target(request, agency_id: int, payload: TargetIn):
    agency = _agency(request, agency_id)
    return libraries.add_target(agency=agency, actor=request.auth, **payload.dict())


@router.post(
    "/libraries/{int:agency_id}/inspectors",
    auth=staff_token,
    response=InspectorOut,
    summary="执法检查人员名录库：新增或修改一名检查人员",
)
def add_inspector(request, agency_id: int, payload: InspectorIn):
    agency = _agency(request, agency_id)
    data = payload.dict()
    data["conflicts"] = "、".join(str(c) for c in data["conflicts"])
    return libraries.add_inspector(agency=agency, actor=request.auth, **data)


@router.post(
    "/{int:plan_id}/draw",
    auth=staff_token,
    response={200: SpotCheckOut, 409: Conflict},
    summary="随机抽取",
)
def draw_spotcheck(request, plan_id: int):
    return _act(request, plan_id, lambda plan: services.draw_plan(actor=request.auth, plan=plan))


class ResultIn(Schema):
    target_id: int = Field(description="抽取结果中的检查对象（id）")
    outcome: str = Field(description=", ".join(Outcome.values))
    note: str = Field("", description="处理情况（发现问题的必填）")
    checked_on: dt.date | None = Field(None, description="检查日期，默认今天")


@router.post(
    "/{int:plan_id}/results",
    auth=staff_token,
    response={200: SpotCheckOut, 409: Conflict},
    summary="录入（或在公示前更正）一户的检查结果",
)
def enter_result(request, plan_id: int, payload: ResultIn):
    return _act(
        request,
        plan_id,
        lambda plan: services.enter_result(actor=request.auth, plan=plan, **payload.dict()),
    )


@router.post(
    "/{int:plan_id}/publish",
    auth=staff_token,
    response={200: SpotCheckOut, 409: Conflict},
    summary="公示检查结果",
)
def publish_spotcheck(request, plan_id: int):
    return _act(
        request, plan_id, lambda plan: services.publish_results(actor=request.auth, plan=plan)
    )
