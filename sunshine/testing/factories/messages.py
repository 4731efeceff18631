"""Factories and helpers for the citizen-message tests."""

import datetime as dt

import factory
from django.utils import timezone

from sunshine.kernel import clock
from sunshine.participation.messages import services
from sunshine.participation.messages.models import Message

from .kernel import CitizenFactory


def at(y, m, d, h=10, mi=0):
    return timezone.make_aware(dt.datetime(y, m, d, h, mi))


class SubmittedMessageFactory(factory.django.DjangoModelFactory):
    """A 留言 submitted by `author` (default: a new citizen) through
    `services.submit_message` (assignment and the reply clock are real). For a message stored
    as it is at an exact time and state, see messagetopics.make_message."""

    class Meta:
        model = Message

    author = factory.SubFactory(CitizenFactory)
    subject = "火车站出租车拒载"
    body = "A市火车站出租车拒载、绕路、不打表现象严重，请交通部门加强管理。"
    agency = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.submit_message(**kwargs)


def submit(author=None, *, agency=None, subject="火车站出租车拒载", body=None, **kw):
    if author is not None:
        kw["author"] = author
    if body:
        kw["body"] = body
    return SubmittedMessageFactory(agency=agency, subject=subject, **kw)


def now():
    return clock.now()


def answered(people, *, reply="张三丰您好：已处理。", publish=True, **kw):
    """A message of people["citizen"] to people["transport"] (see `submit`) answered by
    people["drafter"]; published with the reply unless `publish` is false. The default body
    carries personal data (name, phone), which the public pages must mask."""
    kw.setdefault("body", "我叫张三丰，电话13812345678，火车站出租车拒载。")
    message = submit(people["citizen"], agency=people["transport"], **kw)
    services.reply_to_message(message=message, actor=people["drafter"], body=reply, publish=publish)
    return message
