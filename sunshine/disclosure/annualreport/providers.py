"""Figures of the annual report that other domains record: 行政许可 and 行政处罚 decisions
(governance.enforcement), the power list (governance.powers), later others. The domains do not
import each other, so a shell fills this registry at start-up with functions that read the
other domain's selectors (sunshine/workbench/annualreport/registry.py); this module only keeps
it, as opendata/datasets/sources.py does for generated datasets.

A `FigureProvider` gives the number of one row of table 二 (`row`: licensing, penalty,
coercion, fees) for an agency and a year — `within` True counts the agency's subtree (a
government's roll-up). Several providers of one row add up (行政事业性收费 has the FOI
information-processing fees of this domain and may get others). A row nobody provides is
entered by staff and marked so. A `FactProvider` offers sentences staff may insert into the
drafted sections (一, 五, 六)."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from sunshine.kernel.registry import Registry

# The rows of table 二 whose figures can come from providers (the others are the records').
PROVIDED_ROWS = ("licensing", "penalty", "coercion", "fees")


@dataclass(frozen=True)
class FigureProvider:
    key: str
    row: str  # one of PROVIDED_ROWS
    label: str  # where the figure comes from, shown next to it (e.g. 行政执法公示)
    value: Callable[..., int | Decimal]  # value(agency, year, within=False); fees in 元


@dataclass(frozen=True)
class FactProvider:
    key: str
    label: str
    facts: Callable[..., list[str]]  # facts(agency, year, within=False) -> sentences


FIGURES: Registry[FigureProvider] = Registry("annual report figure", in_order_added=True)
FACTS: Registry[FactProvider] = Registry("annual report fact", in_order_added=True)


def register_figure(provider: FigureProvider) -> FigureProvider:
    if provider.row not in PROVIDED_ROWS:
        raise ValueError(f"unknown row {provider.row!r} of table 二")
    if provider.key in FIGURES:
        FIGURES.remove(provider.key)
    return FIGURES.add(provider.key, provider)


def register_facts(provider: FactProvider) -> FactProvider:
    if provider.key in FACTS:
        FACTS.remove(provider.key)
    return FACTS.add(provider.key, provider)


def figures_for(row: str) -> list[FigureProvider]:
    return [p for p in FIGURES.all() if p.row == row]
