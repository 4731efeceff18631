"""Factories and helpers for the citizen-message tests."""

import datetime as dt

from django.utils import timezone

from sunshine.kernel import clock
from sunshine.participation.messages import services
from sunshine.testing.factories import CitizenFactory


def at(y, m, d, h=10, mi=0):
    return timezone.make_aware(dt.datetime(y, m, d, h, mi))


def submit(author=None, *, agency=None, subject="火车站出租车拒载", body=None, **kw):
    author = author or CitizenFactory()
    body = body or "A市火车站出租车拒载、绕路、不打表现象严重，请交通部门加强管理。"
    return services.submit_message(author=author, subject=subject, body=body, agency=agency, **kw)


def now():
    return clock.now()
