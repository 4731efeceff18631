"""主要负责人带头宣讲政策，每年不少于 1 次 (seed notice, 粤府办 2016-12-12, part 三): per agency and
calendar year (Asia/Shanghai), the number of briefings held (held or published) where the
agency's own principal leader spoke. Agencies with none are flagged.

Which agencies the rule covers: the notice names governments at every level and the provincial
departments close to the economy and people's livelihood. The platform cannot tell "close to"
from the data, so it takes the active agencies whose kind is in
settings.BRIEFING_LEADER_AGENCY_KINDS (default: 人民政府 and 工作部门; 办公厅 and other bodies
are left out); a province narrows it there."""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Max, Q

from sunshine.kernel.access.policy import agencies_for
from sunshine.kernel.orgs.models import Agency

from .models import BriefingState

DEFAULT_KINDS = ("government", "department")
DONE = (BriefingState.HELD, BriefingState.PUBLISHED)
SHANGHAI = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class CoverageRow:
    agency: Agency
    count: int
    last_at: dt.datetime | None

    @property
    def flagged(self) -> bool:
        return self.count == 0


def covered_kinds() -> tuple[str, ...]:
    return tuple(getattr(settings, "BRIEFING_LEADER_AGENCY_KINDS", DEFAULT_KINDS))


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    return (
        dt.datetime(year, 1, 1, tzinfo=SHANGHAI),
        dt.datetime(year + 1, 1, 1, tzinfo=SHANGHAI),
    )


def coverage(year: int, *, agencies=None) -> list[CoverageRow]:
    """One query: every covered agency (of `agencies`, a queryset, default all) with its count
    of principal-leader briefings in `year`, agencies with none first."""
    start, end = year_bounds(year)
    qs = agencies if agencies is not None else Agency.objects.all()
    spoke = Q(
        briefing_speeches__is_principal_leader=True,
        briefing_speeches__briefing__state__in=DONE,
        briefing_speeches__briefing__scheduled_at__gte=start,
        briefing_speeches__briefing__scheduled_at__lt=end,
    )
    rows = (
        qs.filter(is_active=True, kind__in=covered_kinds())
        .annotate(
            n=Count("briefing_speeches__briefing", filter=spoke, distinct=True),
            last=Max("briefing_speeches__briefing__scheduled_at", filter=spoke),
        )
        .order_by("path")
    )
    result = [CoverageRow(a, a.n, a.last) for a in rows]
    return sorted(result, key=lambda r: (r.count > 0, r.agency.path))


def coverage_for_user(user, year: int) -> list[CoverageRow]:
    """The agencies the user may follow: own subtree; the general office's supervisors all."""
    return coverage(year, agencies=agencies_for(user, "briefing.coverage"))


def uncovered_agencies(year: int) -> list[Agency]:
    return [r.agency for r in coverage(year) if r.flagged]
