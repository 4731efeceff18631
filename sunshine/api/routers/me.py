"""The staff user behind the token."""

from ninja import Router, Schema

from ..auth import staff_token
from .agencies import AgencyOut

router = Router(tags=["me"], auth=staff_token)


class RoleOut(Schema):
    role: str
    role_label: str
    agency_id: int
    agency_name: str


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    agency: AgencyOut | None
    roles: list[RoleOut]


@router.get("", response=MeOut, summary="当前工作人员")
def me(request):
    user = request.auth
    grants = user.grants.select_related("agency").order_by("agency__path", "role")
    return {
        "id": user.pk,
        "email": user.email,
        "display_name": user.display_name,
        "agency": user.agency,
        "roles": [
            {
                "role": g.role,
                "role_label": str(g.get_role_display()),
                "agency_id": g.agency_id,
                "agency_name": g.agency.name,
            }
            for g in grants
        ],
    }
