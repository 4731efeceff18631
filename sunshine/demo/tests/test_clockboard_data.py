"""The 期限看板 demo: a year of history for the demo agencies, the daily summary built, a board
with every rule's on-time rate; a second run adds nothing."""

import io

import pytest

from sunshine.assessment.clockboard import board
from sunshine.demo import clockboard_data
from sunshine.kernel.deadlines.models import Clock, ClockDailyFact

pytestmark = pytest.mark.django_db


def test_demo_gives_the_board_a_year(province):
    out = io.StringIO()
    clockboard_data.load(stdout=out)
    count = Clock.objects.filter(outcome=clockboard_data.OUTCOME).count()
    assert count == 5 * len(clockboard_data.RULES) * clockboard_data.PER_MONTH * 12
    assert ClockDailyFact.objects.exists()
    b = board.board()
    assert {r.rule for r in b.rows} == set(clockboard_data.RULES)
    rate = b.total.on_time_rate
    assert 0.6 < rate < 0.99
    assert b.total.median_wd is not None and b.total.p90_wd >= b.total.median_wd
    assert "期限看板" in out.getvalue()
    clockboard_data.load(stdout=out)
    assert Clock.objects.filter(outcome=clockboard_data.OUTCOME).count() == count
