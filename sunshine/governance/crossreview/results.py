"""The arithmetic of 交叉互评, pure functions on Decimals (no database), so a test can check
it by hand.

- A sheet's weighted total (0–100) = Σ score ÷ max score × weight over the indicators.
- A reviewed agency's indicator average = the mean of its submitted sheets' scores for that
  indicator; its points = average ÷ max score × weight.
- The agency's total = the mean of its sheets' totals (= Σ of the unrounded points).
- Rank: by total, highest first; equal totals share a rank and the next rank is skipped
  (1, 1, 3).
Everything stored is rounded half up to 2 decimal places at the end, never in between."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    """Rounded half up to 2 places (the stored precision)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Weighting:
    """What the arithmetic needs of an indicator."""

    id: int
    weight: Decimal
    max_score: Decimal


def sheet_total(indicators: list[Weighting], scores: dict[int, Decimal]) -> Decimal:
    """The unrounded weighted total of one sheet (every indicator scored)."""
    return sum((scores[i.id] / i.max_score * i.weight for i in indicators), start=Decimal(0))


@dataclass
class AgencyOutcome:
    agency_id: int
    total: Decimal  # rounded
    reviewer_count: int
    averages: dict[int, Decimal] = field(default_factory=dict)  # indicator id → rounded mean
    points: dict[int, Decimal] = field(default_factory=dict)  # indicator id → rounded points
    rank: int = 0


def agency_outcome(
    agency_id: int, indicators: list[Weighting], sheets: list[dict[int, Decimal]]
) -> AgencyOutcome:
    """The result of one reviewed agency from its submitted sheets (each {indicator id: score})."""
    n = Decimal(len(sheets))
    outcome = AgencyOutcome(agency_id=agency_id, total=Decimal(0), reviewer_count=len(sheets))
    total = Decimal(0)
    for i in indicators:
        mean = sum((s[i.id] for s in sheets), start=Decimal(0)) / n
        points = mean / i.max_score * i.weight
        total += points
        outcome.averages[i.id] = money(mean)
        outcome.points[i.id] = money(points)
    outcome.total = money(total)
    return outcome


def rank(outcomes: list[AgencyOutcome]) -> list[AgencyOutcome]:
    """Sort by total (highest first, then agency id) and set competition ranks (1, 1, 3)."""
    ordered = sorted(outcomes, key=lambda o: (-o.total, o.agency_id))
    previous = None
    for position, outcome in enumerate(ordered, start=1):
        if previous is not None and outcome.total == previous.total:
            outcome.rank = previous.rank
        else:
            outcome.rank = position
        previous = outcome
    return ordered


def plain(value: Decimal) -> str:
    """A number as people write it: 10, 7.5, 0.25 (no trailing zeros, never 1E+1)."""
    return f"{value.normalize():f}"
