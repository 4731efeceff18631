"""Messages built directly (tests of grouping and statistics need exact times and states).
The factories are the domain's own (sunshine/participation/messages/factories.py and
messagetopics/factories.py), re-exported here."""

import datetime as dt

from sunshine.participation.messages.factories import BEIJING, MessageFactory
from sunshine.participation.messagetopics.factories import MessageGroupFactory

make_message = MessageFactory

__all__ = ["BEIJING", "MessageFactory", "MessageGroupFactory", "at", "make_message"]


def at(y, m, d, hh=10, mm=0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=BEIJING)
