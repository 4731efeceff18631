"""What each government registers and from which amount, from configuration: the settings
give the province's defaults, a government's `KeyItemSetting` row overrides them for its own
agencies (各级政府自行确定):

    KEYITEMS_KINDS = ["project", "approval", "enforcement", "spending"]   # all four by default
    KEYITEMS_LARGE_SPENDING_THRESHOLD = 500000        # 元; a 大额资金使用 is at least this
    KEYITEMS_CROSSCHECK_SPENDING_OVER = 5000000       # 元; above it a cross-check is required
    KEYITEMS_CROSSCHECK_KINDS = []                    # kinds that are always cross-checked

A government is an agency of kind 人民政府: an agency's government is the nearest one on its
path (a department's is the government above it)."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from .choices import KeyItemKind

DEFAULT_THRESHOLD = Decimal("500000")  # 50万元


def _decimal(value) -> Decimal | None:
    if value in (None, ""):
        return None
    return Decimal(str(value))


@dataclass(frozen=True)
class Config:
    government_id: int | None
    kinds: tuple[str, ...]
    large_spending_threshold: Decimal
    crosscheck_spending_over: Decimal | None
    crosscheck_kinds: tuple[str, ...]
    crosscheck_agency_id: int | None


def government_of(agency):
    """The nearest 人民政府 at or above `agency` (None outside any government)."""
    from sunshine.kernel.orgs.models import Agency

    ids = [*agency.ancestors_ids(), agency.pk] if agency.pk else []
    rows = Agency.objects.filter(pk__in=ids, kind=Agency.Kind.GOVERNMENT).order_by("-depth")
    return rows.first()


def setting_defaults() -> Config:
    kinds = tuple(getattr(settings, "KEYITEMS_KINDS", None) or KeyItemKind.values)
    return Config(
        government_id=None,
        kinds=tuple(k for k in KeyItemKind.values if k in kinds),
        large_spending_threshold=_decimal(
            getattr(settings, "KEYITEMS_LARGE_SPENDING_THRESHOLD", None)
        )
        or DEFAULT_THRESHOLD,
        crosscheck_spending_over=_decimal(
            getattr(settings, "KEYITEMS_CROSSCHECK_SPENDING_OVER", None)
        ),
        crosscheck_kinds=tuple(getattr(settings, "KEYITEMS_CROSSCHECK_KINDS", None) or ()),
        crosscheck_agency_id=None,
    )


def config_for(agency) -> Config:
    """The configuration that applies to `agency`'s items."""
    from .models import KeyItemSetting

    base = setting_defaults()
    government = government_of(agency)
    if government is None:
        return base
    row = KeyItemSetting.objects.filter(government=government).first()
    if row is None:
        return Config(government.pk, base.kinds, base.large_spending_threshold,
                      base.crosscheck_spending_over, base.crosscheck_kinds, None)  # fmt: skip
    return Config(
        government_id=government.pk,
        kinds=tuple(k for k in KeyItemKind.values if k in row.kinds) if row.kinds else base.kinds,
        large_spending_threshold=row.large_spending_threshold or base.large_spending_threshold,
        crosscheck_spending_over=(
            row.crosscheck_spending_over
            if row.crosscheck_spending_over is not None
            else base.crosscheck_spending_over
        ),
        crosscheck_kinds=tuple(row.crosscheck_kinds) or base.crosscheck_kinds,
        crosscheck_agency_id=row.crosscheck_agency_id,
    )


def kind_choices_for(agency) -> list[tuple[str, str]]:
    kinds = config_for(agency).kinds
    return [(value, label) for value, label in KeyItemKind.choices if value in kinds]
