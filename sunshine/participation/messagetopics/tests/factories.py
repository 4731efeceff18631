"""Messages built directly (tests of grouping and statistics need exact times and states)."""

import datetime as dt

from sunshine.participation.messages.factories import BEIJING, MessageFactory

make_message = MessageFactory


def at(y, m, d, hh=10, mm=0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm, tzinfo=BEIJING)
