"""factory-boy factories of the messages domain, for the tests (and the demo)."""

import datetime as dt
from zoneinfo import ZoneInfo

import factory

from sunshine.participation.messages.models import Message

BEIJING = ZoneInfo("Asia/Shanghai")


class MessageFactory(factory.django.DjangoModelFactory):
    """A message stored as it is, past the workflow: for tests of grouping, ranking and
    statistics that need exact times and states (`services.submit_message` makes real ones)."""

    class Meta:
        model = Message

    subject = "测试留言"
    body = "留言内容"
    submitted_at = dt.datetime(2026, 9, 1, 10, 0, tzinfo=BEIJING)
    state = "assigned"
    author_label = factory.Sequence(lambda n: f"U{n + 1:05d}")
