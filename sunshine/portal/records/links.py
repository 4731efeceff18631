"""Where a record lives on the portal."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

DETAIL_URL_NAME = "portal:records_detail"


def record_path(record_or_pk) -> str:
    """/zcwj/<id>/"""
    pk = getattr(record_or_pk, "pk", record_or_pk)
    return reverse(DETAIL_URL_NAME, args=[pk])


def path_template() -> str:
    """The detail path with "{}" for the id, to build thousands of links without reverse()."""
    marker = 987654321
    return reverse(DETAIL_URL_NAME, args=[marker]).replace(str(marker), "{}")


def first_published(record) -> dt.datetime | dt.date:
    """When the record first went public: its publication time, or — for a record imported
    with the date it was published on the agency's old site — that date."""
    if record.published_at is None:
        return record.date_published
    moment = timezone.localtime(record.published_at)
    if record.date_published and record.date_published < moment.date():
        return record.date_published
    return moment
