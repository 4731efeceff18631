"""机关: the public agency tree."""

from django.http import Http404
from ninja import Router, Schema

from sunshine.kernel.orgs.selectors import public_agencies

from ..pagination import id_param

router = Router(tags=["agencies"])


class AgencyOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    kind_label: str
    parent_id: int | None
    depth: int
    region_code: str
    region_name: str
    credit_code: str
    doc_prefix: str
    org_code: str

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_region_code(obj) -> str:
        return obj.region.code

    @staticmethod
    def resolve_region_name(obj) -> str:
        return obj.region.name


@router.get("", response=list[AgencyOut], summary="机关列表（树序）")
def list_agencies(request, parent: int | None = id_param()):
    """All active agencies in tree order, or only the direct children of `parent`."""
    agencies = public_agencies()
    if parent is not None:
        agencies = agencies.filter(parent_id=parent)
    return list(agencies)


@router.get("/{int:agency_id}", response=AgencyOut, summary="机关详情")
def get_agency(request, agency_id: int):
    agency = public_agencies().filter(pk=agency_id).first()
    if agency is None:
        raise Http404
    return agency
