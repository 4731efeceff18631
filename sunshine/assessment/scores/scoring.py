"""The arithmetic of a score, kept apart so it can be worked out by hand.

Per indicator (weight w, measured value v):
- 按比例得分 (proportional): points = w × r, where r = v for a rate (0..1) and v / 100 for a
  score (0..100);
- 达标得分 (target, target t in the same unit as v): points = w when v ≥ t, else w × v / t;
- 扣分制 (deduction, per item d, v = number of findings): points = max(0, w − d × v).
Points are rounded half-up to 2 decimals. An indicator with no value (nothing to measure) is
not applicable: total = Σ points / Σ applicable weights × 100, so an agency is neither
rewarded nor punished for what it had no occasion to do; with every indicator applicable the
total is simply Σ points. The weighted score (折算绩效分) is total × share / 100: what the
政务公开 part adds to the agency's whole performance assessment."""

from decimal import ROUND_HALF_UP, Decimal

from .choices import FormulaKind, ValueKind

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def q2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _normalised(value: Decimal, value_kind: str) -> Decimal:
    return value / HUNDRED if value_kind == ValueKind.SCORE else value


def points(
    *,
    kind: str,
    weight: Decimal,
    value: Decimal | None,
    value_kind: str,
    target: Decimal | None = None,
    per_item: Decimal | None = None,
) -> Decimal | None:
    if value is None:
        return None
    weight, value = Decimal(weight), Decimal(value)
    if kind == FormulaKind.DEDUCTION:
        return q2(max(Decimal(0), weight - Decimal(per_item or 0) * value))
    if kind == FormulaKind.TARGET and target:
        target = Decimal(target)
        return q2(weight if value >= target else weight * value / target)
    share = min(max(_normalised(value, value_kind), Decimal(0)), Decimal(1))
    return q2(weight * share)


def total(lines: list[tuple[Decimal, Decimal | None]]) -> tuple[Decimal, Decimal]:
    """(total over 100, applicable weight) from [(weight, points or None)]."""
    applicable = sum((Decimal(w) for w, p in lines if p is not None), Decimal(0))
    earned = sum((Decimal(p) for _, p in lines if p is not None), Decimal(0))
    if not applicable:
        return Decimal("0.00"), Decimal("0.00")
    if applicable == HUNDRED:
        return q2(earned), q2(applicable)
    return q2(earned / applicable * HUNDRED), q2(applicable)


def weighted(total_: Decimal, share: Decimal) -> Decimal:
    return q2(Decimal(total_) * Decimal(share) / HUNDRED)


def ranks(totals: list[tuple[int, Decimal]]) -> dict[int, int]:
    """Standard competition ranking (1, 1, 3) of [(key, total)], best first."""
    ordered = sorted(totals, key=lambda kv: -kv[1])
    result, previous, rank = {}, None, 0
    for n, (key, value) in enumerate(ordered, start=1):
        if value != previous:
            rank, previous = n, value
        result[key] = rank
    return result
