"""The 重要职权事项 demo: the road project proceeded after a returned cross-check, with stages,
milestones, spending, an expert opinion and an answered question; a second run adds nothing."""

import io

import pytest

from sunshine.demo import kernel_data, powers_data
from sunshine.demo import keyitems_data as demo
from sunshine.governance.keyitems.models import CrossCheck, KeyItem, PublicQuestion, StageReview

pytestmark = pytest.mark.django_db


def test_road_project_once():
    kernel_data.load()
    powers_data.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    road = KeyItem.objects.get(title=demo.ROAD)
    assert road.state == "in_progress" and road.published_at is not None
    rounds = list(CrossCheck.objects.filter(item=road).order_by("round"))
    assert [(c.round, c.state) for c in rounds] == [(1, "returned"), (2, "signed_off")]
    assert "可行性研究报告批复" in rounds[0].return_reasons
    assert road.stages.count() == 3 and road.milestones.count() == 4
    assert road.spendings.count() == 3
    assert [
        r.state for r in StageReview.objects.filter(group__item=road).order_by("stage__order")
    ] == [
        "done",
        "pending",
    ]
    answered = PublicQuestion.objects.get(item=road, state="answered")
    assert "13800138000" not in answered.public_text
    assert KeyItem.objects.get(title=demo.SPENDING).approvals.count() == 3
    assert KeyItem.objects.filter(title=demo.APPROVAL, power_item__isnull=False).exists()
    demo.load(stdout=io.StringIO())
    assert KeyItem.objects.count() == 3 and PublicQuestion.objects.count() == 2
