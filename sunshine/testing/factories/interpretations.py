"""Interpretations for tests, made through the services (audit trail and workflow are real)."""

import factory
from django.test import TestCase

from sunshine.disclosure.interpretations import services
from sunshine.disclosure.interpretations.models import Interpretation
from sunshine.disclosure.records import services as record_services
from sunshine.kernel.files.testing import make_image, upload

from .kernel import staff_with
from .records import RecordFactory, record_in


class InterpretationFactory(factory.django.DjangoModelFactory):
    """A 政策解读 of `record`, created by `actor` (default: a new drafter of the record's
    agency) through `services.create_interpretation`."""

    class Meta:
        model = Interpretation

    record = factory.SubFactory(RecordFactory)
    actor = factory.LazyAttribute(lambda o: staff_with("drafter", o.record.agency))
    kind = "text"
    title = factory.LazyAttribute(lambda o: "一图读懂：" + o.record.title[:40])
    body = "一、出台背景\n为推进阳光政务建设……\n二、主要内容\n……"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.create_interpretation(**kwargs)


def interpretation(people, record, *, ready=False, **fields):
    """An interpretation of `record` by people["drafter"]; a graphic one gets its image, a
    `ready` one is marked ready by people["reviewer"]."""
    fields.setdefault("actor", people["drafter"])
    item = InterpretationFactory(record=record, **fields)
    actor = fields["actor"]
    if item.kind == "graphic":
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
    record = record_in("signed_off", people, needs_interpretation=needs, **fields)
    item = interpretation(people, record, kind=kind, ready=True)
    publish(record, people["approver"])
    item.refresh_from_db()
    return record, item
