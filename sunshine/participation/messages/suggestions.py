"""The classifier's proposal for a new message: its first-level category and an Agency row.

`suggest_agency(category)` (classifier.py) names a department ("交通运输局"); here that name is
mapped onto the agency tree: an active agency whose name or short name ends with the
department's name (or its provincial form, 局 → 厅) in the region of the receiving office,
else anywhere under it; when nothing matches, the receiving office (the general office that
dispatches "not sure which" messages) is the suggestion."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from sunshine.kernel.orgs.models import Agency

from .classifier import DEFAULT_AGENCY, ModelError, predict_category, suggest_agency

# A department name and the other names it goes by at other levels of government.
_VARIANTS = {
    "卫生健康委员会": ("卫生健康委员会", "卫生健康委", "卫健委", "卫生健康局"),
    "人力资源和社会保障局": ("人力资源和社会保障局", "人力资源和社会保障厅", "人社局", "人社厅"),
    "住房和城乡建设局": ("住房和城乡建设局", "住房和城乡建设厅", "住建局", "住建厅"),
}


@dataclass(frozen=True)
class Suggestion:
    category: str
    probability: float | None
    department: str
    agency: Agency | None


def receiving_office() -> Agency | None:
    """The agency that receives "not sure which" messages: settings.MESSAGES_RECEIVING_AGENCY
    (a name) or the top-most general office (办公厅) of the tree."""
    name = getattr(settings, "MESSAGES_RECEIVING_AGENCY", "")
    qs = Agency.objects.filter(is_active=True)
    if name:
        found = qs.filter(Q(name=name) | Q(short_name=name)).first()
        if found is not None:
            return found
    return qs.filter(kind=Agency.Kind.OFFICE).order_by("depth", "path").first()


def _variants(department: str) -> tuple[str, ...]:
    if department in _VARIANTS:
        return _VARIANTS[department]
    names = [department]
    if department.endswith("局"):
        names.append(department[:-1] + "厅")
    return tuple(names)


def agency_for_department(department: str, *, office: Agency | None = None) -> Agency | None:
    """The agency that handles `department`'s matters, near the receiving office."""
    office = office if office is not None else receiving_office()
    if not department or department == DEFAULT_AGENCY:
        return office
    condition = Q()
    for name in _variants(department):
        condition |= Q(name__endswith=name) | Q(short_name__endswith=name)
    candidates = list(
        Agency.objects.filter(condition, is_active=True).order_by("depth", "path")[:20]
    )
    if office is not None:
        same_region = [a for a in candidates if a.region_id == office.region_id]
        if same_region:
            return same_region[0]
    return candidates[0] if candidates else office


def suggest(subject: str, body: str) -> Suggestion:
    """Category + agency for a text. A missing model gives an empty category and the
    receiving office (the message is then routed by hand)."""
    office = receiving_office()
    try:
        category, probability = predict_category(subject or "", body or "")
    except ModelError:
        return Suggestion("", None, DEFAULT_AGENCY, office)
    department = suggest_agency(category)
    return Suggestion(
        category, probability, department, agency_for_department(department, office=office)
    )
