"""国办函〔2020〕109号 tiers at their boundaries."""

import pytest
from django.core.exceptions import ValidationError

from sunshine.disclosure.foi import fees


@pytest.mark.parametrize(
    ("n", "rate"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400)],
)
def test_by_count_rate_of_the_nth_application(n, rate):
    assert fees.fee_by_count(n) == rate


def test_month_total_is_progressive():
    assert fees.month_total_by_count(10) == 0
    assert fees.month_total_by_count(30) == 20 * 100
    assert fees.month_total_by_count(41) == 20 * 100 + 10 * 200 + 300


@pytest.mark.parametrize(
    ("pages", "amount"),
    [
        (0, 0),
        (30, 0),
        (31, 10),
        (100, 700),
        (101, 720),
        (200, 700 + 2000),
        (201, 2700 + 40),
        (250, 2700 + 50 * 40),
    ],
)
def test_by_volume(pages, amount):
    assert fees.fee_by_volume(pages) == amount


def test_estimate_validation_names_the_fields():
    with pytest.raises(ValidationError) as exc:
        fees.estimate(items_this_month="0", pages="abc")
    assert set(exc.value.message_dict) == {"items_this_month", "pages"}
    assert fees.estimate(items_this_month="31", pages="101").as_dict()["by_count"] == 200
