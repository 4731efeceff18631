"""期限: the open deadline clocks the staff user may see ("clock.view": their agencies'
subtrees; supervisors everywhere), overdue first, then due soon, then the earliest due."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema

from sunshine.kernel.deadlines.selectors import clocks_for_user, with_time_left
from sunshine.kernel.orgs.models import Agency

from ..auth import staff_token
from ..errors import NotFound
from ..pagination import id_param, limit_param, offset_param, page

router = Router(tags=["clocks"], auth=staff_token)

MAX_LIMIT = 500


class ClockOut(Schema):
    id: int
    rule: str
    rule_label: str
    title: str
    object_type: str  # "<app_label>.<model>"
    object_id: int
    agency_id: int
    agency_name: str
    state: str
    state_label: str
    urgency: str
    urgency_label: str
    unit: str
    unit_label: str
    length: int
    total_length: int
    time_left: int | None  # in `unit`; negative once overdue; what was left when paused
    started_at: dt.datetime
    due_at: dt.datetime
    due_date: dt.date
    paused_at: dt.datetime | None
    provisional: bool

    # Times in Asia/Shanghai (+08:00) rather than UTC: what the staff see on their pages.
    @staticmethod
    def resolve_started_at(obj):
        return timezone.localtime(obj.started_at)

    @staticmethod
    def resolve_due_at(obj):
        return timezone.localtime(obj.due_at)

    @staticmethod
    def resolve_paused_at(obj):
        return timezone.localtime(obj.paused_at) if obj.paused_at else None

    @staticmethod
    def resolve_object_type(obj):
        return f"{obj.content_type.app_label}.{obj.content_type.model}"

    @staticmethod
    def resolve_agency_name(obj):
        return obj.agency.name

    @staticmethod
    def resolve_state_label(obj):
        return str(obj.get_state_display())

    @staticmethod
    def resolve_urgency_label(obj):
        return str(obj.get_urgency_display())

    @staticmethod
    def resolve_unit_label(obj):
        return str(obj.get_unit_display())

    @staticmethod
    def resolve_rule_label(obj):
        return str(obj.rule_label)

    @staticmethod
    def resolve_title(obj):
        return str(obj.title)


class ClockPage(Schema):
    count: int
    items: list[ClockOut]


@router.get("", response=ClockPage, summary="可见的未结束期限")
def list_clocks(
    request,
    agency: int | None = id_param("只看该机关及其下级机关"),
    limit: int = limit_param(100, MAX_LIMIT),
    offset: int = offset_param(),
):
    scope_agency = None
    if agency is not None:
        scope_agency = Agency.objects.filter(pk=agency).first()
        if scope_agency is None:
            raise NotFound(_("没有该机关。"))
    clocks = clocks_for_user(request.auth, agency=scope_agency)
    return page(clocks, limit, offset, with_time_left)
