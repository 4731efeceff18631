"""The 重大行政决策 demo: a decided decision with its full dossier and execution progress, and
one still missing its 合法性审查 (deciding it is refused naming it); loading twice changes
nothing."""

import pytest

from sunshine.demo import decisions_data, kernel_data
from sunshine.governance.decisions import selectors, services
from sunshine.governance.decisions.models import Decision, ExecutionTask
from sunshine.governance.decisions.workflow import MissingSteps
from sunshine.kernel.accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_has_both_decisions_and_loads_once():
    kernel_data.load()
    decisions_data.load()
    decisions_data.load()
    assert Decision.objects.count() == 2 and ExecutionTask.objects.count() == 3
    done = Decision.objects.get(title=decisions_data.DONE_TITLE)
    dossier = selectors.dossier(done)
    assert done.state == "published" and dossier.missing == []
    assert dossier.consultation.state == "feedback_published"
    assert dossier.progress == round((100 + 60 + 10) / 3)
    assert dossier.evaluation_clock is not None and dossier.evaluation_clock.is_open
    assert selectors.decision_for_public(done.pk) is not None  # the catalog is public
    pending = Decision.objects.get(title=decisions_data.OPEN_TITLE)
    assert selectors.dossier(pending).missing == ["legality_review"]
    head = User.objects.get(email=decisions_data.HEAD)
    with pytest.raises(MissingSteps) as refused:
        services.decide(actor=head, decision=pending, decision_text="同意。")
    assert refused.value.missing_steps == ["legality_review"]
    assert pending.adjustments.get().reason == "根据省政府工作部署新增"
