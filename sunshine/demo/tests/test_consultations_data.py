"""The demo loader (sunshine/demo/consultations_data.py): realistic, complete and idempotent."""

import pytest

from sunshine.demo import consultations_data as demo
from sunshine.demo import kernel_data
from sunshine.kernel.audit.services import verify_chain
from sunshine.participation.consultations.models import Consultation, ConsultationComment
from sunshine.participation.consultations.selectors import public_comments
from sunshine.participation.consultations.services import feedback_clock

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_with_the_same_counts():
    kernel_data.load()
    demo.load(stdout=None)
    counts = (Consultation.objects.count(), ConsultationComment.objects.count())
    demo.load(stdout=None)
    assert (Consultation.objects.count(), ConsultationComment.objects.count()) == counts
    open_one = Consultation.objects.get(title=demo.OPEN_TITLE)
    assert open_one.state == "open" and open_one.is_major_decision
    assert open_one.period_days >= 30
    assert open_one.clauses.count() == 16 and open_one.basis_links.count() == 1
    assert open_one.attachments.count() == 1
    assert public_comments(open_one).count() >= 20
    hidden = open_one.comments.get(state="hidden")
    assert hidden.hide_reason == demo.OFF_TOPIC_REASON
    closed = Consultation.objects.get(title=demo.CLOSED_TITLE)
    assert closed.state == "feedback_published"
    assert not closed.comments.filter(adoption="").exists()
    assert feedback_clock(closed).met_deadline is True
    assert verify_chain().ok
