"""办事服务: published service items and their guides (anyone), the applicant's own
applications (signed-in session), and the staff queue and step actions (staff token), which
call the same services as the workbench."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from sunshine.kernel.search.query import search
from sunshine.servicehall.applications import selectors as app_selectors
from sunshine.servicehall.applications import services as app_services
from sunshine.servicehall.applications.choices import ApplicationState
from sunshine.servicehall.catalog import selectors as catalog
from sunshine.servicehall.catalog.indexing import DOC_TYPE

from ..auth import signed_in, staff_token
from ..errors import NotFound
from ..links import portal_url
from ..pagination import MAX_LIMIT, id_param, limit_param, offset_param, page

router = Router(tags=["services"])


def _local(value):
    return timezone.localtime(value) if value else None


class MaterialOut(Schema):
    id: int
    name: str
    required: bool
    copies: int
    description: str
    templates: list[dict]


class ItemOut(Schema):
    code: str
    name: str
    agency_id: int
    agency_name: str
    promised_days: int | None
    statutory_days: int | None
    online: bool
    offline: bool
    for_persons: bool
    for_enterprises: bool
    url: str

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url("service_item_detail", obj.code)


class ItemDetail(ItemOut):
    summary: str
    basis: str
    conditions: str
    location: str
    handling_unit: str
    fee_standard: str
    is_free: bool
    office_hours: str
    phone: str
    procedure: str
    themes: list[str]
    materials: list[MaterialOut]

    @staticmethod
    def resolve_themes(obj) -> list[str]:
        return [t.name for t in obj.themes.all()]

    @staticmethod
    def resolve_materials(obj) -> list[dict]:
        return [
            {
                "id": m.pk,
                "name": m.name,
                "required": m.required,
                "copies": m.copies,
                "description": m.description,
                "templates": [
                    {
                        "name": a.original_name,
                        "size": a.size,
                        "url": portal_url("service_template", obj.code, m.pk, a.pk),
                    }
                    for a in m.attachments.all()
                ],
            }
            for m in obj.materials.all()
        ]


class ItemPage(Schema):
    count: int
    items: list[ItemOut]


@router.get("/items", response=ItemPage, summary="办事事项列表")
def list_items(
    request,
    audience: str | None = Query(None, description="person 个人 / enterprise 法人"),
    theme: str | None = Query(None, description="主题代码，如 shengyu"),
    agency: int | None = id_param(),
    q: str | None = Query(None, description="关键词（事项名称和办事指南全文）"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    if q:
        ids = [
            int(h.object_id)
            for h in search(q, doc_types=[DOC_TYPE], per_page=MAX_LIMIT, facets=False).hits
        ]
        items = catalog.public_items().filter(pk__in=ids)
        ordered = sorted(items, key=lambda i: ids.index(i.pk))
        return page(ordered, limit, offset)
    items = catalog.browse_items(audience=audience, theme=theme, agency_id=agency)
    return page(items, limit, offset)


@router.get("/items/{code}", response=ItemDetail, summary="办事指南")
def get_item(request, code: str):
    item = catalog.public_item(code)
    if item is None:
        raise NotFound(_("该事项不存在或已撤回。"))
    return item


class StepOut(Schema):
    key: str
    label: str
    at: dt.datetime | None
    actor: str
    comment: str


class ServiceApplicationOut(Schema):
    id: int
    number: str
    item_code: str
    item_name: str
    agency_name: str
    applicant_name: str
    state: str
    state_label: str
    submitted_at: dt.datetime
    completed_at: dt.datetime | None
    correction_count: int
    correction_items: list[str]

    @staticmethod
    def resolve_item_code(obj) -> str:
        return obj.item.code

    @staticmethod
    def resolve_item_name(obj) -> str:
        return obj.item.name

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_state_label(obj) -> str:
        return str(obj.get_state_display())

    @staticmethod
    def resolve_submitted_at(obj):
        return _local(obj.submitted_at)

    @staticmethod
    def resolve_completed_at(obj):
        return _local(obj.completed_at)


class ApplicationDetail(ServiceApplicationOut):
    timeline: list[StepOut]

    @staticmethod
    def resolve_timeline(obj) -> list[dict]:
        return [
            {"key": s.key, "label": s.label, "at": _local(s.at), "actor": s.actor,
             "comment": s.comment}
            for s in app_selectors.timeline(obj)
        ]  # fmt: skip


class StaffApplicationOut(ServiceApplicationOut):
    step_urgency: str | None = None
    step_due_at: dt.datetime | None = None
    assignee_id: int | None = None


class ApplicationPage(Schema):
    count: int
    items: list[ServiceApplicationOut]


class StaffApplicationPage(Schema):
    count: int
    items: list[StaffApplicationOut]


@router.get("/my/applications", response=ApplicationPage, auth=signed_in, summary="我的办件")
def my_applications(request, limit: int = limit_param(20), offset: int = offset_param()):
    apps = app_selectors.my_applications(request.user)
    return page(apps, limit, offset)


@router.get(
    "/my/applications/{number}",
    response=ApplicationDetail,
    auth=signed_in,
    summary="我的办件详情",
)
def my_application(request, number: str):
    application = app_selectors.my_application(request.user, number)
    if application is None:
        raise NotFound(_("该办件不存在。"))
    return application


@router.get("/applications", response=StaffApplicationPage, auth=staff_token, summary="办件队列")
def staff_queue(
    request,
    state: str | None = Query(None, description="submitted, accepted, correction, …"),
    urgency: str | None = Query(None, description="overdue / due_soon / on_time"),
    limit: int = limit_param(30),
    offset: int = offset_param(),
):
    if state and state not in ApplicationState.values:
        state = None
    apps = app_selectors.staff_queue(request.user, state=state, urgency=urgency)
    return page(apps, limit, offset, app_selectors.with_step_urgency)


class StepIn(Schema):
    comment: str = ""
    missing: list[str] = []
    decision: str = ""
    delivery_method: str = "online"


@router.post(
    "/applications/{int:application_id}/steps/{name}",
    response=ApplicationDetail,
    auth=staff_token,
    summary="办理一个环节（受理、不予受理、补正、审查、决定、办结、送达）",
)
def do_step(request, application_id: int, name: str, payload: StepIn):
    application = app_selectors.staff_application(request.user, application_id)
    act = app_services.STEP_SERVICES.get(name)
    if application is None or act is None:
        raise NotFound(_("该办件不存在，或不在您的权限范围内。"))
    kwargs = {"application": application, "actor": request.user}
    if name == "reject":
        kwargs["reason"] = payload.comment
    elif name == "request_correction":
        kwargs.update(missing=payload.missing, comment=payload.comment)
    elif name == "review":
        kwargs["opinion"] = payload.comment
    elif name == "decide":
        kwargs.update(decision=payload.decision, text=payload.comment)
    elif name == "complete":
        kwargs.update(delivery_method=payload.delivery_method, comment=payload.comment)
    else:
        kwargs["comment"] = payload.comment
    act(**kwargs)
    application.refresh_from_db()
    return application
