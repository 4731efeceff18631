"""Reads of 主动公开基本目录.

Public reads (`public_*`) show the active items of catalogs of active agencies, and of the
records linked to an item only those that are public (published 主动公开, as the records
selectors decide): a draft, 依申请公开 or withdrawn record linked to an item never reaches
the portal or the public API. Staff reads are scoped by "catalog.view_staff" in the query."""

from collections import OrderedDict
from dataclasses import dataclass

from django.db.models import Count, Min, OuterRef, Prefetch, Q, QuerySet, Subquery

from sunshine.disclosure.records.selectors import public_records, staff_records
from sunshine.kernel.access.policy import agencies_for, scope
from sunshine.kernel.orgs.models import Agency

from .choices import ReviewState
from .models import Catalog, CatalogItem, CatalogReview, ItemReview
from .review import open_review_of, undecided_items  # noqa: F401  (re-exported)
from .timelimits import TimeLimit

PUBLIC_RECORD_FIELDS = ("pk", "title", "doc_number", "index_number", "date_published")


# --- Public ------------------------------------------------------------------------------


def public_catalogs() -> QuerySet[Catalog]:
    """Catalogs with at least one active item, of active agencies, in agency-tree order,
    with `item_count`."""
    return (
        Catalog.objects.filter(agency__is_active=True)
        .annotate(item_count=Count("items", filter=Q(items__active=True)))
        .filter(item_count__gt=0)
        .select_related("agency")
        .order_by("agency__path")
    )


def recently_updated_catalogs(limit: int) -> list[Catalog]:
    return list(public_catalogs().order_by("-updated_at", "-pk")[:limit])


def public_catalog(agency_id) -> Catalog | None:
    try:
        agency_id = int(agency_id)
    except (TypeError, ValueError):
        return None
    return public_catalogs().filter(agency_id=agency_id).first()


def _public_records_prefetch() -> Prefetch:
    records = (
        public_records()
        .select_related(None)
        .only(*PUBLIC_RECORD_FIELDS)
        .order_by("-date_published", "-pk")
    )
    return Prefetch("records", queryset=records, to_attr="public_records")


def public_items(catalog: Catalog) -> list[CatalogItem]:
    """The active items in order, each with `public_records` (newest first)."""
    return list(
        catalog.items.filter(active=True)
        .order_by("sort_order", "pk")
        .prefetch_related(_public_records_prefetch())
    )


def public_item_rows(catalog: Catalog) -> QuerySet[CatalogItem]:
    """The active items in order without their records: the rows of the public download,
    to be iterated (`.iterator()`) rather than held."""
    return catalog.items.filter(active=True).order_by("sort_order", "pk")


def grouped_by_category(items: list[CatalogItem]) -> list[tuple[str, list[CatalogItem]]]:
    """[(一级事项, its items)], the groups in the order of their first item."""
    groups: OrderedDict[str, list[CatalogItem]] = OrderedDict()
    for item in items:
        groups.setdefault(item.category, []).append(item)
    return list(groups.items())


def time_limit_rule(item: CatalogItem) -> TimeLimit:
    return TimeLimit.from_fields(item)


# --- Staff -------------------------------------------------------------------------------


@dataclass
class AgencyCatalog:
    agency: Agency
    catalog: Catalog | None


def catalog_overview(user) -> list[AgencyCatalog]:
    """The agencies whose catalogs the user may see (tree order), each with its catalog
    (None when it has none yet) annotated with `item_count`, `stale_count` and
    `open_review_count`. Two queries."""
    agencies = list(agencies_for(user, "catalog.view_staff").filter(is_active=True))
    catalogs = {
        c.agency_id: c
        for c in Catalog.objects.filter(agency__in=[a.pk for a in agencies]).annotate(
            item_count=Count("items", filter=Q(items__active=True), distinct=True),
            stale_count=Count(
                "items", filter=Q(items__active=True, items__stale=True), distinct=True
            ),
            open_review_count=Count(
                "reviews", filter=Q(reviews__state=ReviewState.OPEN), distinct=True
            ),
        )
    }
    return [AgencyCatalog(a, catalogs.get(a.pk)) for a in agencies]


def staff_agency(user, agency_id) -> Agency | None:
    try:
        agency_id = int(agency_id)
    except (TypeError, ValueError):
        return None
    return agencies_for(user, "catalog.view_staff").filter(pk=agency_id).first()


def catalog_of(agency) -> Catalog | None:
    """The agency's catalog with `active_count`, `stale_count` and, when a review is open,
    `open_review_title` / `open_review_due` (one query)."""
    open_review = CatalogReview.objects.filter(catalog=OuterRef("pk"), state=ReviewState.OPEN)
    return (
        Catalog.objects.select_related("agency")
        .filter(agency=agency)
        .annotate(
            active_count=Count("items", filter=Q(items__active=True)),
            stale_count=Count("items", filter=Q(items__active=True, items__stale=True)),
            open_review_title=Subquery(open_review.values("title")[:1]),
            open_review_due=Subquery(open_review.values("due_date")[:1]),
        )
        .first()
    )


def open_review_for(agency) -> CatalogReview | None:
    """The agency's open review, with its catalog."""
    return (
        CatalogReview.objects.filter(catalog__agency=agency, state=ReviewState.OPEN)
        .select_related("catalog", "catalog__agency")
        .first()
    )


def review_items(review: CatalogReview) -> QuerySet[CatalogItem]:
    """The catalog's active items in order, each with its decision in the review (None when
    not yet decided): `decision`, `decided_at`, `decided_by` (one query)."""
    decision = ItemReview.objects.filter(review=review, item=OuterRef("pk"))
    return (
        review.catalog.items.filter(active=True)
        .annotate(
            decision=Subquery(decision.values("decision")[:1]),
            decided_at=Subquery(decision.values("at")[:1]),
            decided_by=Subquery(decision.values("actor__display_name")[:1]),
        )
        .order_by("sort_order", "pk")
    )


def staff_items(
    catalog: Catalog, *, q: str | None = None, stale: bool = False, inactive: bool = False
) -> QuerySet[CatalogItem]:
    """The items of a catalog the caller has already been allowed to see, in order, with
    `link_count`."""
    qs = catalog.items.all()
    if not inactive:
        qs = qs.filter(active=True)
    if stale:
        qs = qs.filter(stale=True)
    if q:
        q = q.strip()
        qs = qs.filter(
            Q(category__icontains=q) | Q(subcategory__icontains=q) | Q(content__icontains=q)
        )
    return qs.annotate(link_count=Count("links")).order_by("sort_order", "pk")


def item_for_staff(user, pk) -> CatalogItem | None:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    return (
        scope(
            user,
            "catalog.view_staff",
            CatalogItem.objects.all(),
            agency_field="catalog__agency",
        )
        .select_related("catalog", "catalog__agency")
        .filter(pk=pk)
        .first()
    )


def linked_records(item: CatalogItem):
    """Every record linked to the item (any state), for staff, newest link first."""
    return (
        item.links.select_related("record", "linked_by")
        .defer("record__body", "record__withheld_reason")
        .order_by("-linked_at", "-pk")
    )


def linkable_records(user, item: CatalogItem, q: str = "", limit: int = 20):
    """The catalog agency's own records the user may see whose title (or 文号, 索引号)
    matches `q`, not linked to the item yet."""
    q = (q or "").strip()
    if not q:
        return []
    records = staff_records(user, q=q).filter(agency_id=item.catalog.agency_id)
    records = records.exclude(pk__in=item.links.values("record_id"))
    return list(records[:limit])


def stale_items_for(user, limit: int | None = None, *, agency_ids=None) -> QuerySet[CatalogItem]:
    """Stale active items of the catalogs the user may edit (optionally of these agencies
    only), the longest overdue first."""
    qs = scope(
        user,
        "catalog.edit",
        CatalogItem.objects.filter(stale=True, active=True),
        agency_field="catalog__agency",
    )
    if agency_ids is not None:
        qs = qs.filter(catalog__agency_id__in=agency_ids)
    qs = qs.select_related("catalog__agency").order_by("stale_due", "pk")
    return qs[:limit] if limit else qs


def stale_summary_for(user) -> list[dict]:
    """Per catalog the user may edit that has stale items: agency_id, agency_name, count and
    the earliest due date (one query), the longest overdue first."""
    qs = scope(
        user,
        "catalog.edit",
        CatalogItem.objects.filter(stale=True, active=True),
        agency_field="catalog__agency",
    )
    rows = (
        qs.values("catalog__agency_id", "catalog__agency__name", "catalog__agency__short_name")
        .annotate(count=Count("pk"), first_due=Min("stale_due"))
        .order_by("first_due", "catalog__agency_id")
    )
    return [
        {
            "agency_id": r["catalog__agency_id"],
            "agency_name": r["catalog__agency__short_name"] or r["catalog__agency__name"],
            "count": r["count"],
            "first_due": r["first_due"],
        }
        for r in rows
    ]


def open_reviews_for(user, limit: int | None = None) -> QuerySet[CatalogReview]:
    qs = scope(
        user,
        "catalog.review",
        CatalogReview.objects.filter(state=ReviewState.OPEN),
        agency_field="catalog__agency",
    )
    qs = qs.select_related("catalog__agency").order_by("due_date", "pk")
    return qs[:limit] if limit else qs


def past_reviews(catalog: Catalog, limit: int = 10) -> list[CatalogReview]:
    return list(
        catalog.reviews.filter(state=ReviewState.COMPLETED)
        .select_related("completed_by")
        .order_by("-completed_at")[:limit]
    )


def item_review_history(item: CatalogItem) -> list[ItemReview]:
    return list(item.reviews.select_related("review", "actor").order_by("-at")[:10])
