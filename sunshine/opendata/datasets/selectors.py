"""Reads of 数据开放: the public catalog (published entries), its search with facets (used by
the portal and by the CKAN-compatible API), organizations (agencies with published entries),
the datastore, and the staff's scoped lists."""

import re
import shlex
import uuid as uuid_mod
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from sunshine.kernel import clock
from sunshine.kernel.access.policy import can, scope
from sunshine.kernel.orgs.models import Agency

from . import datastore, quality
from .choices import ApplicationStatus, DatasetState, OpenClass, Topic
from .models import (
    AccessApplication,
    AccessGrant,
    CatalogReview,
    Dataset,
    DatasetField,
    DatasetTag,
    DatasetVersion,
    Resource,
)


def org_slug(agency: Agency) -> str:
    """The agency's CKAN organization name: its 机构代码, lower-cased and URL-safe."""
    return re.sub(r"[^a-z0-9_-]+", "-", agency.org_code.lower()).strip("-") or f"org-{agency.pk}"


def published() -> QuerySet[Dataset]:
    return Dataset.objects.filter(state=DatasetState.PUBLISHED).select_related("agency")


def _uuid(value: str):
    try:
        return uuid_mod.UUID(str(value))
    except (ValueError, AttributeError, TypeError):
        return None


def public_dataset(name_or_id: str) -> Dataset | None:
    """A published entry by its name or id (uuid), with fields and resources."""
    qs = published().prefetch_related("fields", "resources")
    key = _uuid(name_or_id)
    if key is not None:
        return qs.filter(uuid=key).first()
    return qs.filter(name=str(name_or_id)[:100]).first()


def public_resource(resource_id: str) -> Resource | None:
    key = _uuid(resource_id)
    if key is None:
        return None
    return (
        Resource.objects.filter(uuid=key, dataset__state=DatasetState.PUBLISHED)
        .select_related("dataset", "dataset__agency", "attachment")
        .first()
    )


def schema_types(dataset: Dataset) -> dict:
    return dict(DatasetField.objects.filter(dataset=dataset).values_list("name", "type"))


def preview_rows(resource: Resource, n: int = 10) -> list[dict]:
    return datastore.search_rows(resource, types={}, limit=n).records


def datastore_search(resource: Resource, **params) -> datastore.DatastorePage:
    """CKAN's datastore_search over the resource's rows (params: datastore.search_rows)."""
    return datastore.search_rows(resource, types=schema_types(resource.dataset), **params)


def quality_of(dataset: Dataset) -> quality.Quality:
    return quality.assess(
        dataset, list(dataset.fields.all()), list(dataset.resources.all()), clock.today()
    )


def versions_of(dataset: Dataset) -> QuerySet[DatasetVersion]:
    return dataset.versions.all()


# --- Organizations, groups, tags --------------------------------------------------------


def organizations() -> list[tuple[Agency, int]]:
    """Agencies with published entries and their counts, by name."""
    counts = dict(
        published().values_list("agency_id").annotate(n=Count("pk")).values_list("agency_id", "n")
    )
    return [(a, counts[a.pk]) for a in Agency.objects.filter(pk__in=counts).order_by("name")]


def organization(name_or_id: str) -> tuple[Agency, int] | None:
    for agency, count in organizations():
        if name_or_id in (org_slug(agency), str(agency.pk)):
            return agency, count
    return None


def topic_counts() -> dict[str, int]:
    return dict(published().values_list("topic").annotate(n=Count("pk")).values_list("topic", "n"))


def tag_names(query: str = "") -> list[str]:
    tags = DatasetTag.objects.filter(dataset__state=DatasetState.PUBLISHED)
    if query:
        tags = tags.filter(name__icontains=query[:100])
    return sorted(set(tags.values_list("name", flat=True)))


# --- Search (portal and CKAN package_search) --------------------------------------------


class SearchQueryError(ValueError):
    """A q / fq / sort the search cannot read (CKAN's Search Query Error)."""


# CKAN field → how it filters; values are matched exactly.
FQ_FIELDS = {
    "organization",
    "owner_org",
    "groups",
    "tags",
    "res_format",
    "license_id",
    "name",
    "id",
    "open_class",
    "update_frequency",
    "industry",
}
SORTS = {
    "metadata_modified": "modified_at",
    "metadata_created": "created_at",
    "name": "name",
    "title_string": "title",
    "title": "title",
    "score": "modified_at",  # no relevance ranking: newest first, as CKAN ties break
    "views_total": "download_count",
    "views_recent": "download_count",
    "quality_score": "quality_score",
}
FACETS = ("organization", "groups", "tags", "res_format", "license_id", "open_class")


def _terms(text: str) -> list[str]:
    try:
        return shlex.split(text or "")
    except ValueError:
        raise SearchQueryError("unbalanced quotes") from None


def _field_filter(name: str, value: str) -> Q:
    if name in ("organization", "owner_org"):
        agencies = [a.pk for a, _n in organizations() if value in (org_slug(a), str(a.pk))]
        return Q(agency_id__in=agencies)
    if name == "groups":
        return Q(topic=value)
    if name == "tags":
        return Q(pk__in=DatasetTag.objects.filter(name=value).values("dataset_id"))
    if name == "res_format":
        return Q(formats__contains=f" {value.upper()} ")
    if name == "id":
        key = _uuid(value)
        return Q(uuid=key) if key else Q(pk__in=[])
    if name == "open_class":
        return Q(open_class=value)
    return Q(**{name: value})


def _apply_terms(qs: QuerySet, terms: list[str], *, free_text: bool) -> QuerySet:
    for term in terms:
        if term.upper() in ("AND", "&&") or term in ("*:*", "*"):
            continue
        negate = term.startswith("-")
        term = term.lstrip("+-")
        if ":" in term:
            name, value = term.split(":", 1)
            value = value.strip('"')
            if name not in FQ_FIELDS:
                if name == "text" and free_text:
                    qs = qs.filter(search_text__contains=value.lower())
                    continue
                raise SearchQueryError(f"unknown field: {name}")
            condition = _field_filter(name, value)
            qs = qs.exclude(condition) if negate else qs.filter(condition)
        elif free_text:
            condition = Q(search_text__contains=term.lower()[:100])
            qs = qs.exclude(condition) if negate else qs.filter(condition)
        else:
            raise SearchQueryError(f"fq needs field:value terms, got {term!r}")
    return qs


def _order(sort: str) -> list[str]:
    order = []
    for part in (sort or "").split(","):
        bits = part.split()
        if not bits:
            continue
        name = bits[0]
        direction = bits[1].lower() if len(bits) > 1 else "asc"
        if name not in SORTS or direction not in ("asc", "desc"):
            raise SearchQueryError(f"cannot sort by {part.strip()!r}")
        order.append(("-" if direction == "desc" else "") + SORTS[name])
    return (order or ["-modified_at"]) + ["pk"]


@dataclass
class SearchResult:
    count: int
    results: list[Dataset]
    facets: dict[str, list[tuple[str, str, int]]] = field(default_factory=dict)


# The facets read from the entry's own columns, in one pass over the matches.
FACET_COLUMNS = {
    "organization": "agency_id",
    "owner_org": "agency_id",
    "groups": "topic",
    "open_class": "open_class",
    "license_id": "license_id",
    "res_format": "formats",
}


def _facets(qs: QuerySet, names: tuple[str, ...], limit: int) -> tuple[int, dict]:
    """(number of matches, {facet: [(value, display name, count)] by count}). The column
    facets come from one read of the matches' columns (counted here, which also gives the
    total); tags from one grouped query. Each scan of the matches costs the `q` filter once."""
    unknown = [n for n in names if n not in FACET_COLUMNS and n != "tags"]
    if unknown:
        raise SearchQueryError(f"cannot facet on {unknown[0]!r}")
    columns = sorted({FACET_COLUMNS[n] for n in names if n in FACET_COLUMNS})
    rows = list(qs.values_list("pk", *columns))
    counters = {column: Counter() for column in columns}
    for row in rows:
        for column, value in zip(columns, row[1:], strict=True):
            if column == "formats":
                counters[column].update(value.split())
            else:
                counters[column][value] += 1
    out = {}
    for name in names:
        if name == "tags":
            tag_rows = (
                DatasetTag.objects.filter(dataset__in=qs.values("pk"))
                .values_list("name")
                .annotate(n=Count("pk"))
                .order_by("-n", "name")[:limit]
                .values_list("name", "n")
            )
            items = [(t, t, n) for t, n in tag_rows]
        else:
            counts = counters[FACET_COLUMNS[name]]
            if name in ("organization", "owner_org"):
                agencies = Agency.objects.filter(pk__in=list(counts))
                items = [(org_slug(a), a.name, counts[a.pk]) for a in agencies]
            else:
                labels = {
                    "groups": dict(Topic.choices),
                    "open_class": dict(OpenClass.choices),
                }.get(name, {})
                items = [(v, str(labels.get(v, v)), n) for v, n in counts.items()]
        items.sort(key=lambda item: (-item[2], item[0]))
        out[name] = items[:limit]
    return len(rows), out


def search(
    *,
    q: str = "",
    fq: str = "",
    filters: dict | None = None,
    sort: str = "",
    rows: int = 10,
    start: int = 0,
    facet_fields: tuple[str, ...] = (),
    facet_limit: int = 50,
) -> SearchResult:
    """Published entries matching q (words in the title, summary, tags, agency, field names;
    `field:value` terms filter), fq (`field:value` terms) and `filters` ({field: value}),
    sorted, one page, with the requested facets over all matches."""
    qs = published()
    qs = _apply_terms(qs, _terms(q), free_text=True)
    qs = _apply_terms(qs, _terms(fq), free_text=False)
    for name, value in (filters or {}).items():
        if value:
            if name not in FQ_FIELDS:
                raise SearchQueryError(f"unknown field: {name}")
            qs = qs.filter(_field_filter(name, value))
    order = _order(sort)
    if facet_fields:
        count, facets = _facets(qs, tuple(facet_fields), facet_limit)
    else:
        count, facets = qs.count(), {}
    page = list(qs.order_by(*order)[start : start + rows]) if rows and count else []
    return SearchResult(count=count, results=page, facets=facets)


def with_details(datasets: list[Dataset]) -> list[Dataset]:
    """Prefetch the fields, resources and tags of a page of entries (package dicts)."""
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(datasets, "fields", "resources")
    return datasets


def newest(limit: int = 30) -> list[Dataset]:
    return list(published().order_by("-published_at", "-pk")[:limit])


def catalog_page(*, page: int, per_page: int) -> tuple[list[Dataset], int]:
    """One page of the DCAT catalog (by publication, oldest first: pages stay stable)."""
    qs = published().order_by("published_at", "pk")
    total = qs.count()
    items = list(qs[(page - 1) * per_page : page * per_page])
    return with_details(items), total


def last_modified():
    latest = published().order_by("-modified_at").values_list("modified_at", flat=True).first()
    return latest


# --- Applications and grants -------------------------------------------------------------


def applications_of(user) -> QuerySet[AccessApplication]:
    return AccessApplication.objects.filter(owner=user).select_related("dataset", "grant")


def grant_of_user(user, dataset: Dataset) -> AccessGrant | None:
    """The user's grant on `dataset` valid today."""
    if user is None or not user.is_authenticated:
        return None
    return (
        AccessGrant.objects.filter(
            owner=user, dataset=dataset, revoked_at__isnull=True, expires_on__gte=clock.today()
        )
        .order_by("-granted_at")
        .first()
    )


def pending_application(user, dataset: Dataset) -> AccessApplication | None:
    if user is None or not user.is_authenticated:
        return None
    return AccessApplication.objects.filter(
        owner=user, dataset=dataset, status=ApplicationStatus.SUBMITTED
    ).first()


# --- Staff ---------------------------------------------------------------------------------


def staff_datasets(user, *, q: str = "", state: str = "") -> QuerySet[Dataset]:
    qs = scope(user, "dataset.view_staff", Dataset.objects.select_related("agency"))
    if state in DatasetState.values:
        qs = qs.filter(state=state)
    for word in q.lower().split()[:8]:
        qs = qs.filter(search_text__contains=word[:50])
    return qs.order_by("-modified_at", "pk")


def staff_dataset(user, pk: int) -> Dataset | None:
    dataset = (
        Dataset.objects.select_related("agency")
        .prefetch_related("fields", "resources")
        .filter(pk=pk)
        .first()
    )
    if dataset is None or not can(user, "dataset.view_staff", dataset):
        return None
    return dataset


def staff_resource(user, dataset: Dataset, resource_pk: int) -> Resource | None:
    resource = Resource.objects.filter(pk=resource_pk, dataset=dataset).first()
    if resource is None or not can(user, "dataset.view_staff", dataset):
        return None
    return resource


def review_queue(user, *, status: str = ApplicationStatus.SUBMITTED):
    from sunshine.kernel.deadlines.selectors import live_urgency, with_open_clock

    from .rules import ACCESS_REVIEW

    qs = scope(user, "dataset.review_access", AccessApplication.objects.all())
    if status in ApplicationStatus.values:
        qs = qs.filter(status=status)
    qs = with_open_clock(qs.select_related("dataset", "owner"), ACCESS_REVIEW, prefix="review")
    return live_urgency(list(qs.order_by("submitted_at", "pk")[:200]), prefix="review")


def staff_application(user, pk: int) -> AccessApplication | None:
    application = (
        AccessApplication.objects.select_related("dataset", "owner", "agency").filter(pk=pk).first()
    )
    if application is None or not can(user, "dataset.application_view", application):
        return None
    return application


def staff_grants(user) -> QuerySet[AccessGrant]:
    return scope(
        user, "dataset.review_access", AccessGrant.objects.select_related("dataset", "owner")
    ).order_by("-granted_at")


def staff_grant(user, pk: int) -> AccessGrant | None:
    grant = AccessGrant.objects.select_related("dataset", "owner").filter(pk=pk).first()
    if grant is None or not can(user, "dataset.review_access", grant):
        return None
    return grant


def catalog_reviews(user) -> QuerySet[CatalogReview]:
    return scope(user, "dataset.view_staff", CatalogReview.objects.select_related("agency"))


def staff_review(user, pk: int) -> CatalogReview | None:
    review = CatalogReview.objects.select_related("agency").filter(pk=pk).first()
    if review is None or not can(user, "dataset.view_staff", review):
        return None
    return review


def grant_for_owner(user, pk: int) -> AccessGrant | None:
    return AccessGrant.objects.filter(pk=pk, owner=user).select_related("dataset").first()


def application_for_owner(user, pk: int) -> AccessApplication | None:
    return AccessApplication.objects.filter(pk=pk, owner=user).first()
