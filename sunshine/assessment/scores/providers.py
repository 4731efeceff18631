"""The indicator providers of 政务公开考核: where each indicator's number comes from.

A provider measures one thing for one agency over one period — an on-time rate from the
kernel clocks, catalog coverage, interpretation coverage, satisfaction, cross-review results,
self-check findings — and returns a `Measure`: the value and the evidence (every item behind
the number, each with an id, a label and the URL of its page). Providers that read another
domain are registered by a shell at start-up (`sunshine/workbench/scores/registry.py`), since
the domains do not import each other; this module only keeps the registry. A module built
later (e.g. the website self-check) registers its own provider the same way, and its
indicator appears in the scheme editor once registered.

An indicator whose provider is not registered (or that has nothing to measure for an agency:
no clock closed in the year, no catalog item) is not applicable: its weight is left out and
the agency's total is scaled to 100 over the applicable weights (scoring.py)."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from sunshine.kernel.registry import Registry

from .choices import ValueKind

# Evidence kept per indicator and agency (the count of all items is kept too).
EVIDENCE_LIMIT = 500


@dataclass(frozen=True)
class Period:
    year: int
    start: dt.date
    end: dt.date  # inclusive

    @classmethod
    def of_year(cls, year: int, until: dt.date | None = None) -> "Period":
        end = dt.date(year, 12, 31)
        if until is not None and until < end:
            end = until
        return cls(year, dt.date(year, 1, 1), end)


@dataclass(frozen=True)
class Evidence:
    id: str
    label: str
    url: str = ""
    flag: str = (
        ""  # why the item counts against the agency ("逾期", "未解读", …); "" when it counts for it
    )

    def as_dict(self) -> dict:
        return {"id": self.id, "label": self.label[:200], "url": self.url, "flag": self.flag}


@dataclass
class Measure:
    """`value`: a rate 0..1, a score 0..100 or a count (the provider's `value_kind`); None
    when there is nothing to measure. `numerator` / `denominator` say how a rate was formed."""

    value: Decimal | None
    evidence: list[Evidence] = field(default_factory=list)
    numerator: int | None = None
    denominator: int | None = None
    note: str = ""


@dataclass(frozen=True)
class Provider:
    key: str
    label: str
    value_kind: str  # choices.ValueKind
    definition: str  # shown with the indicator: how the number is formed
    measure: Callable[..., Measure]  # measure(agency, period) -> Measure
    group: str = ""


PROVIDERS: Registry[Provider] = Registry("score indicator provider", in_order_added=True)


def register_provider(provider: Provider) -> Provider:
    if provider.value_kind not in ValueKind.values:
        raise ValueError(f"provider {provider.key!r}: unknown value kind {provider.value_kind!r}")
    return PROVIDERS.add(provider.key, provider)


def provider(key: str) -> Provider | None:
    return PROVIDERS.find(key)


def choices() -> list[tuple[str, str]]:
    return [(p.key, p.label) for p in PROVIDERS.all()]


def rate(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001"))
