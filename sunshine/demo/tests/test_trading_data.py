"""The 公共资源交易 demo: six projects through the feed, a decided complaint on its project page
and one waiting on its 5-wd clock, a blacklist entry in force, the three open datasets
published; a second run adds nothing."""

import io

import pytest

from sunshine.demo import kernel_data
from sunshine.demo import trading_data as demo
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.opendata.datasets.models import Dataset
from sunshine.opendata.trading import selectors
from sunshine.opendata.trading.models import Announcement, Complaint, TradingProject

pytestmark = pytest.mark.django_db


def test_trading_demo_once():
    kernel_data.load()
    demo.load(stdout=io.StringIO())
    assert TradingProject.objects.count() == 6 and Announcement.objects.count() == 12
    assert set(TradingProject.objects.values_list("category", flat=True)) == {
        "engineering", "procurement", "land_mineral", "state_property",
    }  # fmt: skip
    road = TradingProject.objects.get(source_id="G324-YF-2026")
    assert [c.outcome for c in selectors.public_complaints(road)] == ["unfounded"]
    waiting = Complaint.objects.get(state="received")
    assert open_clock(waiting, "trading.works_complaint_accept").length == 3  # 工程建设: 3 wd
    assert [e.entity_name for e in selectors.in_force_blacklist()] == [demo.BLACKLISTED]
    sources = set(Dataset.objects.filter(state="published").values_list("source", flat=True))
    assert {"trading.projects", "trading.results", "trading.blacklist"} <= sources
    demo.load(stdout=io.StringIO())
    assert TradingProject.objects.count() == 6 and Complaint.objects.count() == 2
