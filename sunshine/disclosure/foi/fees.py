"""信息处理费 — 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号), the one place its tiers
live (the guide page, the fee estimator, the staff fee notice and the tests all read them here).

Art. 3: fees are charged either by count (按件计收) or by volume (按量计收), both progressive on
the excess (超额累进); the agency picks one per application, never both.

Art. 4 (按件计收), per applicant, per calendar month (一个自然月内累计申请):
  (一) 10 件以下（含10件）: free;
  (二) 11—30 件（含30件）的部分: 100 元/件;
  (三) 31 件以上的部分: in bands of 10 (以10件为一档), each band 100 元/件 more than the one
       before (31–40: 200 元/件, 41–50: 300 元/件, …).
Art. 5 (按量计收), per application (paper, e-mail, copies of electronic data):
  (一) 30 页以下（含30页）: free;
  (二) 31—100 页（含100页）的部分: 10 元/页;
  (三) 101—200 页（含200页）的部分: 20 元/页;
  (四) 200 页以上的部分: 40 元/页.
(The notice's text as republished by agencies, e.g. 中国政府网 2020-12-01; rules.md §3.)
Art. 7: the applicant is told the amount and pays within 20 wd (rule foi.payment, clock paused).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import FeeMethod

FREE_ITEMS = 10  # Art. 4 (一)
SECOND_TIER_LAST_ITEM = 30  # Art. 4 (二)
SECOND_TIER_RATE = 100  # 元/件
BAND_SIZE = 10  # Art. 4 (三): 以10件为一档
BAND_STEP = 100  # 每增加一档，收费标准提高100元/件

# Art. 5: (first page, last page or None, 元/页)
VOLUME_TIERS: tuple[tuple[int, int | None, int], ...] = (
    (1, 30, 0),
    (31, 100, 10),
    (101, 200, 20),
    (201, None, 40),
)

MAX_ITEMS = 10_000  # beyond any real month; keeps the arithmetic and the API sane
MAX_PAGES = 1_000_000

LEGAL_BASIS = gettext_lazy("《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）")


def rate_for_item(n: int) -> int:
    """What the n-th application of one applicant in one calendar month costs (元)."""
    if n < 1:
        raise ValueError("the first application of a month is number 1")
    if n <= FREE_ITEMS:
        return 0
    if n <= SECOND_TIER_LAST_ITEM:
        return SECOND_TIER_RATE
    band = (n - SECOND_TIER_LAST_ITEM - 1) // BAND_SIZE + 1  # 31–40 → 1, 41–50 → 2, …
    return SECOND_TIER_RATE + band * BAND_STEP


def fee_by_count(items_this_month: int) -> int:
    """按件计收 for this application, the `items_this_month`-th of the month (this one included)."""
    return rate_for_item(items_this_month)


def month_total_by_count(items: int) -> int:
    """What `items` applications in one month cost together (progressive, for the guide)."""
    return sum(rate_for_item(n) for n in range(1, items + 1))


def fee_by_volume(pages: int) -> int:
    """按量计收 for one application of `pages` pages (progressive on the excess)."""
    if pages < 0:
        raise ValueError("pages cannot be negative")
    total = 0
    for first, last, rate in VOLUME_TIERS:
        if pages < first:
            break
        top = pages if last is None else min(pages, last)
        total += (top - first + 1) * rate
    return total


@dataclass(frozen=True)
class FeeEstimate:
    items_this_month: int
    pages: int
    by_count: int
    by_volume: int

    def as_dict(self) -> dict:
        return {
            "items_this_month": self.items_this_month,
            "pages": self.pages,
            "by_count": self.by_count,
            "by_volume": self.by_volume,
            "currency": "CNY",
        }


def _whole(value, name: str, low: int, high: int, errors: dict) -> int | None:
    label = {"items_this_month": _("本月第几件申请"), "pages": _("页数")}[name]
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        errors[name] = [_("%(label)s应为整数。") % {"label": label}]
        return None
    if number < low or number > high:
        errors[name] = [
            _("%(label)s应在 %(low)s 到 %(high)s 之间。")
            % {"label": label, "low": low, "high": high}
        ]
        return None
    return number


def check_estimate_input(items_this_month, pages) -> tuple[int, int]:
    """Validate the estimator's input (ValidationError by field, in the active language)."""
    errors: dict[str, list[str]] = {}
    items = _whole(items_this_month, "items_this_month", 1, MAX_ITEMS, errors)
    page_count = _whole(pages, "pages", 0, MAX_PAGES, errors)
    if errors:
        raise ValidationError(errors)
    return items, page_count


def estimate(*, items_this_month, pages) -> FeeEstimate:
    items, page_count = check_estimate_input(items_this_month, pages)
    return FeeEstimate(items, page_count, fee_by_count(items), fee_by_volume(page_count))


def fee_for(method: str, *, items_this_month: int = 1, pages: int = 0) -> int:
    if method == FeeMethod.BY_COUNT:
        return fee_by_count(items_this_month)
    if method == FeeMethod.BY_VOLUME:
        return fee_by_volume(pages)
    raise ValueError(f"unknown fee method {method!r}")


def count_tiers(bands: int = 3) -> list[dict]:
    """Rows for the guide page: (from, to, 元/件)."""
    rows = [
        {"first": 1, "last": FREE_ITEMS, "rate": 0},
        {"first": FREE_ITEMS + 1, "last": SECOND_TIER_LAST_ITEM, "rate": SECOND_TIER_RATE},
    ]
    for band in range(1, bands + 1):
        first = SECOND_TIER_LAST_ITEM + (band - 1) * BAND_SIZE + 1
        rows.append({"first": first, "last": first + BAND_SIZE - 1, "rate": rate_for_item(first)})
    return rows


def volume_tiers() -> list[dict]:
    return [{"first": f, "last": last, "rate": r} for f, last, r in VOLUME_TIERS]
