"""The demo loader of citizen messages: the shipped taidi2020 subset imported and grouped;
a second run adds nothing."""

import io

import pytest

from sunshine.demo import messages_data
from sunshine.participation.messages.models import Message, MessageReply
from sunshine.participation.messagetopics.models import MessageGroup

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
