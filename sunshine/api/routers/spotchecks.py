"""双随机、一公开: the drawn plans for anyone, each with its published draw (announced number,
canonical inputs, digest, seed, the drawn targets and inspectors) and, once published, the
result per target; staff with a token draw a plan and publish its results, through the same
services as the workbench."""

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Router, Schema

from sunshine.governance.spotchecks import selectors, services

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
        published = obj.state == "published"
        out = []
        for row in selectors.drawn_rows(obj, with_results=published):
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


_staff = StaffLookup(
    selectors.plan_for_staff, gettext_lazy("该抽查计划不存在，或不在您的权限范围内。")
)


@router.post("/{int:plan_id}/draw", auth=staff_token, response=SpotCheckOut, summary="随机抽取")
def draw_spotcheck(request, plan_id: int):
    return _staff.act(
        request, plan_id, lambda plan: services.draw_plan(actor=request.auth, plan=plan)
    )


@router.post(
    "/{int:plan_id}/publish", auth=staff_token, response=SpotCheckOut, summary="公示检查结果"
)
def publish_spotcheck(request, plan_id: int):
    return _staff.act(
        request, plan_id, lambda plan: services.publish_results(actor=request.auth, plan=plan)
    )
