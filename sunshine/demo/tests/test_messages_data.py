"""The demo loader of citizen messages: the workflow examples in every state, then the shipped
taidi2020 subset imported and grouped; a second run adds nothing."""

import io

import pytest

from sunshine.demo import messages_data
from sunshine.demo.messages_data import load_workflow_examples
from sunshine.kernel.duban.models import SupervisionOrder
from sunshine.participation.messages import selectors
from sunshine.participation.messages.models import Message, MessageReply
from sunshine.participation.messagetopics.models import MessageGroup
from sunshine.testing.factories import AgencyFactory, CitizenFactory, staff_with

pytestmark = pytest.mark.django_db


def test_demo_loader_twice_adds_nothing(province):
    out = io.StringIO()
    messages_data.load(stdout=out)
    counts = (Message.objects.count(), MessageReply.objects.count())
    groups = MessageGroup.objects.count()
    assert counts[0] >= 1900 and counts[1] >= 1400
    assert groups > 20
    messages_data.load(stdout=out)
    assert (Message.objects.count(), MessageReply.objects.count()) == counts
    assert MessageGroup.objects.count() == groups


@pytest.fixture
def demo_people(province):
    """The demo agencies and accounts the examples use (as in sunshine/demo/kernel_data.py)."""
    root, transport = province["root"], province["transport"]
    gz = AgencyFactory(
        name="广州市交通运输局", parent=province["city"], region=province["city"].region
    )
    AgencyFactory(name="广东省教育厅", parent=root, region=root.region)
    CitizenFactory(email="citizen@demo.example.com")
    CitizenFactory(email="company@demo.example.com")
    staff_with("drafter", transport, email="drafter@demo.gd.gov.cn")
    staff_with("disclosure_officer", transport, email="officer@demo.gd.gov.cn")
    staff_with("supervisor", province["office"], email="supervisor@demo.gd.gov.cn")
    staff_with("drafter", gz, email="gz.drafter@demo.gd.gov.cn")


def test_workflow_examples_are_idempotent_and_cover_the_states(demo_people):
    out = io.StringIO()
    load_workflow_examples(stdout=out)
    count = Message.objects.count()
    assert count == 11
    states = set(Message.objects.values_list("state", flat=True))
    assert states == {"submitted", "assigned", "returned", "closed", "rejected"}
    assigned = selectors.with_reply_clock(Message.objects.filter(state="assigned"))
    urgencies = {m.reply_urgency for m in selectors.with_reply_urgency(assigned)}
    assert {"overdue", "due_soon", "on_time"} <= urgencies
    assert Message.objects.filter(reopen_count=1, state="assigned").exists()
    assert Message.objects.filter(is_published=True).exists()
    assert SupervisionOrder.objects.filter(kind="message").count() == 1
    load_workflow_examples(stdout=out)
    assert Message.objects.count() == count
    assert SupervisionOrder.objects.filter(kind="message").count() == 1
