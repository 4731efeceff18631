"""Reads of the service catalog. Public selectors return only published items."""

from django.db.models import Prefetch, Q, QuerySet

from sunshine.kernel.access.policy import scope

from .choices import Audience
from .choices import ItemState as S
from .models import ServiceItem, ServiceMaterial, ServiceTheme


def public_items() -> QuerySet[ServiceItem]:
    return ServiceItem.objects.filter(state=S.PUBLISHED).select_related("agency")


def themes(audience: str | None = None) -> QuerySet[ServiceTheme]:
    qs = ServiceTheme.objects.all()
    if audience:
        qs = qs.filter(audience=audience)
    return qs


def themes_with_counts(audience: str):
    from django.db.models import Count

    return (
        themes(audience)
        .annotate(n=Count("items", filter=Q(items__state=S.PUBLISHED)))
        .order_by("position", "id")
    )


def browse_items(
    *, audience: str | None = None, theme: str | None = None, agency_id: int | None = None
) -> QuerySet[ServiceItem]:
    qs = public_items()
    if audience == Audience.PERSON:
        qs = qs.filter(for_persons=True)
    elif audience == Audience.ENTERPRISE:
        qs = qs.filter(for_enterprises=True)
    if theme:
        qs = qs.filter(themes__slug=theme)
    if agency_id:
        qs = qs.filter(agency_id=agency_id)
    return qs.distinct().order_by("agency__path", "name")


def public_item(code: str) -> ServiceItem | None:
    return (
        public_items()
        .prefetch_related(
            Prefetch("materials", queryset=ServiceMaterial.objects.prefetch_related("attachments")),
            "themes",
        )
        .filter(code=code)
        .first()
    )


def staff_items(user, *, state: str | None = None, q: str = "") -> QuerySet[ServiceItem]:
    qs = scope(user, "service_item.view_staff", ServiceItem.objects.select_related("agency"))
    if state:
        qs = qs.filter(state=state)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__icontains=q))
    return qs.order_by("agency__path", "code")


def staff_item(user, pk: int) -> ServiceItem | None:
    return (
        staff_items(user)
        .prefetch_related(
            Prefetch("materials", queryset=ServiceMaterial.objects.prefetch_related("attachments")),
            "themes",
        )
        .filter(pk=pk)
        .first()
    )


def template_attachment(*, material_id: int, attachment_id: int):
    """A template file of a published item's material (public download), or None."""
    material = (
        ServiceMaterial.objects.select_related("item")
        .filter(pk=material_id, item__state=S.PUBLISHED)
        .first()
    )
    if material is None:
        return None
    return material.attachments.filter(pk=attachment_id).first()
