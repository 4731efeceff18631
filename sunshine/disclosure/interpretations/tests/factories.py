"""Interpretations for tests, made through the services (audit trail and workflow are real)."""

from django.test import TestCase

from sunshine.disclosure.interpretations import services
from sunshine.disclosure.records import services as record_services
from sunshine.disclosure.records.tests.factories import advance, draft
from sunshine.kernel.files.testing import make_image, upload


def interpretation(people, record, *, ready=False, **fields):
    values = {
        "kind": "text",
        "title": "一图读懂：" + record.title[:40],
        "body": "一、出台背景\n为推进阳光政务建设……\n二、主要内容\n……",
    }
    values.update(fields)
    actor = values.pop("actor", people["drafter"])
    item = services.create_interpretation(record=record, actor=actor, **values)
    if values["kind"] == "graphic":
        services.attach_file(
            interpretation=item, actor=actor, uploaded_file=upload("图解.png", make_image())
        )
    if ready:
        services.mark_ready(interpretation=item, actor=people["reviewer"])
    return item


def publish(record, actor, **kwargs):
    """Publish a record and run what happens after its transaction commits (the follow-up that
    publishes the ready interpretations runs inside it once kernel/workflow has on_transition;
    until then right after commit)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        record_services.publish(record=record, actor=actor, **kwargs)
    record.refresh_from_db()
    return record


def published_pair(people, *, needs=True, kind="text", **fields):
    """A published record with one published interpretation (made the real way)."""
    record = advance(draft(people, needs_interpretation=needs, **fields), people, "signed_off")
    item = interpretation(people, record, kind=kind, ready=True)
    publish(record, people["approver"])
    item.refresh_from_db()
    return record, item
