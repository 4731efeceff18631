"""Reads of the 权力清单. Public reads return what is in force on a day (today by default):
an item's version whose effective dates cover the day. Staff reads are scoped to the user's
agencies by the kernel policy (`power.view_staff`)."""

import datetime as dt

from django.db.models import Prefetch, Q, QuerySet

from sunshine.kernel import clock
from sunshine.kernel.access.policy import scope

from .choices import PowerKind, PowerStatus
from .models import PowerItem, PowerItemVersion


def _in_force(on: dt.date) -> Q:
    return Q(effective_from__lte=on) & (Q(effective_to__isnull=True) | Q(effective_to__gt=on))


def versions_in_force(*, on: dt.date | None = None) -> QuerySet[PowerItemVersion]:
    """The version of every item in force on `on` (today), with item and agency."""
    on = on or clock.today()
    return (
        PowerItemVersion.objects.filter(_in_force(on))
        .select_related("item", "item__agency")
        .order_by("item__agency__path", "item__kind", "item__code")
    )


def public_list(
    *,
    q: str = "",
    kind: str = "",
    agency_id: int | None = None,
    on: dt.date | None = None,
) -> QuerySet[PowerItemVersion]:
    """The public list (权力清单 / 责任清单): items in force, searched by 事项名称, 编码,
    设定依据 or 实施主体 (every word must occur), filtered by kind and agency (its subtree)."""
    versions = versions_in_force(on=on)
    if kind in PowerKind.values:
        versions = versions.filter(item__kind=kind)
    if agency_id:
        from sunshine.kernel.orgs.models import Agency

        agency = Agency.objects.filter(pk=agency_id).first()
        if agency is None:
            return versions.none()
        versions = versions.filter(item__agency__path__startswith=agency.path)
    for word in (q or "").split()[:8]:
        versions = versions.filter(search_text__icontains=word[:50])
    return versions


def public_agencies_with_items(*, on: dt.date | None = None):
    """The agencies that have an item in force (for the agency filter)."""
    from sunshine.kernel.orgs.models import Agency

    ids = versions_in_force(on=on).values("item__agency_id")
    return Agency.objects.filter(pk__in=ids).order_by("path")


def kind_counts(versions: QuerySet[PowerItemVersion]) -> dict[str, int]:
    from django.db.models import Count

    rows = versions.order_by().values("item__kind").annotate(n=Count("id"))
    return {row["item__kind"]: row["n"] for row in rows}


def status_of(item: PowerItem, *, on: dt.date | None = None) -> str:
    on = on or clock.today()
    versions = list(item.versions.all())
    if not versions or min(v.effective_from for v in versions) > on:
        return PowerStatus.PENDING
    if any(
        v.effective_from <= on and (v.effective_to is None or v.effective_to > on) for v in versions
    ):
        return PowerStatus.IN_FORCE
    return PowerStatus.REPEALED


def version_on(item: PowerItem, *, on: dt.date | None = None) -> PowerItemVersion | None:
    """The version in force on `on`; else the latest (pending or repealed) for display."""
    on = on or clock.today()
    versions = sorted(item.versions.all(), key=lambda v: v.number)
    for v in versions:
        if v.effective_from <= on and (v.effective_to is None or v.effective_to > on):
            return v
    return versions[-1] if versions else None


def _with_versions(items: QuerySet[PowerItem]) -> QuerySet[PowerItem]:
    return items.select_related("agency").prefetch_related(
        Prefetch("versions", queryset=PowerItemVersion.objects.order_by("number"))
    )


def public_item(pk: int) -> PowerItem | None:
    """An item with all its versions, once its first version has taken effect."""
    return (
        _with_versions(PowerItem.objects.filter(pk=pk, versions__effective_from__lte=clock.today()))
        .distinct()
        .first()
    )


def items_for_staff(user, *, agency_id: int | None = None, q: str = "", kind: str = ""):
    items = scope(user, "power.view_staff", PowerItem.objects.all())
    if agency_id:
        items = items.filter(agency_id=agency_id)
    if kind in PowerKind.values:
        items = items.filter(kind=kind)
    for word in (q or "").split()[:8]:
        items = items.filter(versions__search_text__icontains=word[:50])
    return _with_versions(items.distinct()).order_by("agency__path", "code")


def item_for_staff(user, pk: int) -> PowerItem | None:
    return _with_versions(scope(user, "power.view_staff", PowerItem.objects.filter(pk=pk))).first()


def items_of(agency) -> QuerySet[PowerItem]:
    """Every item of the agency (for the export), with its versions."""
    return _with_versions(PowerItem.objects.filter(agency=agency)).order_by("code")


def inspection_items(agency, *, on: dt.date | None = None) -> list[PowerItemVersion]:
    """The agency's 行政检查 items in force (the spot checks' 随机抽查事项清单)."""
    return list(
        versions_in_force(on=on).filter(item__agency=agency, item__kind=PowerKind.INSPECTION)
    )


def inspection_item_for(agency, item_id: int, *, on: dt.date | None = None):
    """The 行政检查 item `item_id` of the agency in force on `on`, or None."""
    return (
        versions_in_force(on=on)
        .filter(item__agency=agency, item__kind=PowerKind.INSPECTION, item_id=item_id)
        .first()
    )
