"""权力清单和责任清单: the items in force for anyone (search and filters, one item with every
version); staff with a token create, revise (a new version from a date) and repeal, through
the same services as the workbench."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status

from sunshine.governance.powers import selectors, services
from sunshine.kernel.access.policy import agencies_for

from ..actions import StaffLookup
from ..auth import staff_token
from ..errors import NotFound
from ..links import portal_url
from ..pagination import id_param, limit_param, offset_param, page

router = Router(tags=["powers"])


class PowerVersionOut(Schema):
    number: int
    name: str
    basis: str
    subject: str
    process: str
    responsibility: str
    accountability: str
    service_code: str
    effective_from: dt.date
    effective_to: dt.date | None
    note: str


class PowerListItem(Schema):
    id: int
    code: str
    kind: str
    kind_label: str
    agency_id: int
    agency_name: str
    version: int
    name: str
    basis: str
    subject: str
    responsibility: str
    accountability: str
    service_code: str
    effective_from: dt.date
    url: str

    @staticmethod
    def resolve_id(obj) -> int:
        return obj.item_id

    @staticmethod
    def resolve_code(obj) -> str:
        return obj.item.code

    @staticmethod
    def resolve_kind(obj) -> str:
        return obj.item.kind

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.item.get_kind_display())

    @staticmethod
    def resolve_agency_id(obj) -> int:
        return obj.item.agency_id

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.item.agency.name

    @staticmethod
    def resolve_version(obj) -> int:
        return obj.number

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url("powers_detail", obj.item_id)


class PowerPage(Schema):
    count: int
    items: list[PowerListItem]


class PowerItemOut(Schema):
    id: int
    code: str
    kind: str
    kind_label: str
    agency_id: int
    agency_name: str
    status: str
    versions: list[PowerVersionOut]
    url: str

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_agency_name(obj) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_status(obj) -> str:
        return str(selectors.status_of(obj).value)

    @staticmethod
    def resolve_versions(obj) -> list:
        return list(obj.versions.all())

    @staticmethod
    def resolve_url(obj) -> str:
        return portal_url("powers_detail", obj.pk)


class PowerContentIn(Schema):
    name: str = ""
    basis: str = ""
    subject: str = ""
    process: str = ""
    responsibility: str = ""
    accountability: str = ""
    service_code: str = ""
    effective_from: dt.date | None = None


class PowerCreateIn(PowerContentIn):
    agency_id: int
    code: str
    kind: str


class PowerReviseIn(Schema):
    kind: str | None = None
    name: str | None = None
    basis: str | None = None
    subject: str | None = None
    process: str | None = None
    responsibility: str | None = None
    accountability: str | None = None
    service_code: str | None = None
    effective_from: dt.date | None = None
    note: str = ""


class PowerRepealIn(Schema):
    on: dt.date | None = None
    note: str = ""


@router.get("", response=PowerPage, summary="权力清单（现行有效事项）")
def list_powers(
    request,
    q: str = Query("", max_length=100, description="事项名称、编码、设定依据或实施主体"),
    kind: str = Query("", max_length=20, description="licensing, penalty, inspection, …"),
    agency_id: int | None = id_param("机关（含下级机关）"),
    limit: int = limit_param(20),
    offset: int = offset_param(),
):
    """The items in force today, in agency-tree order, each as its current version (the
    责任清单 columns included)."""
    return page(selectors.public_list(q=q, kind=kind, agency_id=agency_id), limit, offset)


@router.get("/{int:item_id}", response=PowerItemOut, summary="权力事项及其版本")
def get_power(request, item_id: int):
    item = selectors.public_item(item_id)
    if item is None:
        raise NotFound(_("该权力事项不存在或尚未生效。"))
    return item


_staff = StaffLookup(
    selectors.item_for_staff, gettext_lazy("该权力事项不存在，或不在您的权限范围内。")
)


@router.post("", auth=staff_token, response={201: PowerItemOut}, summary="新增权力事项")
def create_power(request, payload: PowerCreateIn):
    agency = agencies_for(request.auth, "power.view_staff").filter(pk=payload.agency_id).first()
    if agency is None:
        raise ValidationError({"agency_id": [_("没有该机关，或不在您的权限范围内。")]})
    item = services.create_item(
        actor=request.auth, agency=agency, **payload.dict(exclude={"agency_id"})
    )
    return Status(201, _staff(request, item.pk))


@router.post(
    "/{int:item_id}/revise", auth=staff_token, response=PowerItemOut, summary="调整（新增版本）"
)
def revise_power(request, item_id: int, payload: PowerReviseIn):
    values = {k: v for k, v in payload.dict().items() if v is not None}
    return _staff.act(
        request,
        item_id,
        lambda item: services.revise_item(actor=request.auth, item=item, **values),
    )


@router.post("/{int:item_id}/repeal", auth=staff_token, response=PowerItemOut, summary="废止")
def repeal_power(request, item_id: int, payload: PowerRepealIn):
    return _staff.act(
        request,
        item_id,
        lambda item: services.repeal_item(
            actor=request.auth, item=item, on=payload.on, note=payload.note
        ),
    )
