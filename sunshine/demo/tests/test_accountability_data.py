"""The 问责 demo: one case from the overdue demo message's clock (in progress, with the
department's 情况说明), one from a 差评整改 case closed with 约谈; a second run adds nothing."""

import io

import pytest

from sunshine.demo import accountability_data as demo
from sunshine.demo import kernel_data
from sunshine.demo.messages_data import load_workflow_examples
from sunshine.governance.accountability.models import AccountabilityCase
from sunshine.kernel.ratings.models import RectificationCase

pytestmark = pytest.mark.django_db


def test_two_cases_once():
    kernel_data.load()
    load_workflow_examples(stdout=io.StringIO())
    assert RectificationCase.objects.exists()
    out = io.StringIO()
    demo.load(stdout=out)
    assert "skipped" not in out.getvalue()
    running = AccountabilityCase.objects.get(title=demo.OVERDUE_TITLE)
    assert running.source_kind == "overdue_clock" and running.state == "investigated"
    assert [s.kind for s in running.steps.order_by("at", "id")] == [
        "filing",
        "statement",
        "investigation",
    ]
    closed = AccountabilityCase.objects.get(title=demo.BAD_RATING_TITLE)
    assert closed.source_kind == "rectification" and closed.state == "closed"
    assert [o.kind for o in closed.outcomes.all()] == ["interview"]
    demo.load(stdout=io.StringIO())
    assert AccountabilityCase.objects.count() == 2
