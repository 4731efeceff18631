"""Interpretation coverage (解读率) per agency: of the published 主动公开 records marked
"needs interpretation", how many have a published interpretation. Records published under
a waiver (免于解读) count as needing and not interpreted, and are shown apart; an
interpretation published later (补充解读) makes a record interpreted. The year is the year
of publication (发布日期), as the yearly assessment counts (rules.md §12)."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q

from sunshine.disclosure.records.selectors import public_records
from sunshine.kernel.access.policy import scope
from sunshine.kernel.orgs.models import Agency

from .models import Interpretation, InterpretationWaiver
from .workflow import InterpretationState


@dataclass(frozen=True)
class CoverageRow:
    agency: Agency | None  # None: the total
    needing: int
    interpreted: int
    waived: int

    @property
    def missing(self) -> int:
        return self.needing - self.interpreted

    @property
    def rate(self) -> float | None:
        """Interpreted / needing, 0–1 (None when nothing needed an interpretation)."""
        return self.interpreted / self.needing if self.needing else None

    @property
    def percent(self) -> str:
        return "—" if self.rate is None else f"{self.rate * 100:.1f}%"


def _needing(*, agency=None, year: int | None = None, viewer=None):
    records = public_records(within=agency).filter(needs_interpretation=True)
    if year:
        records = records.filter(date_published__year=year)
    if viewer is not None:
        records = scope(viewer, "interpretation.view_staff", records)
    return records.order_by()


def interpretation_coverage(
    agency=None, year: int | None = None, *, viewer=None
) -> list[CoverageRow]:
    """One row per agency (公开主体) that has records needing interpretation, in tree order.
    `agency`: that agency and its subtree; `viewer`: only what this staff user may see
    ("interpretation.view_staff": their subtrees, supervisors everything)."""
    interpreted = Exists(
        Interpretation.objects.filter(record=OuterRef("pk"), state=InterpretationState.PUBLISHED)
    )
    waived = Exists(InterpretationWaiver.objects.filter(record=OuterRef("pk")))
    counts = (
        _needing(agency=agency, year=year, viewer=viewer)
        .annotate(is_interpreted=interpreted, is_waived=waived)
        .values("agency_id")
        .annotate(
            needing=Count("pk"),
            interpreted=Count("pk", filter=Q(is_interpreted=True)),
            waived=Count("pk", filter=Q(is_waived=True, is_interpreted=False)),
        )
    )
    by_agency = {row["agency_id"]: row for row in counts}
    agencies = Agency.objects.filter(pk__in=by_agency).order_by("path")
    return [
        CoverageRow(
            agency=a,
            needing=by_agency[a.pk]["needing"],
            interpreted=by_agency[a.pk]["interpreted"],
            waived=by_agency[a.pk]["waived"],
        )
        for a in agencies
    ]


def coverage_total(rows: list[CoverageRow]) -> CoverageRow:
    return CoverageRow(
        agency=None,
        needing=sum(r.needing for r in rows),
        interpreted=sum(r.interpreted for r in rows),
        waived=sum(r.waived for r in rows),
    )


def coverage_years(*, viewer=None) -> list[int]:
    """The years of publication that have records needing interpretation, newest first."""
    dates = _needing(viewer=viewer).dates("date_published", "year", order="DESC")
    return [d.year for d in dates]
