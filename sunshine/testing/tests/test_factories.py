"""The test-data layer: every domain factory creates through its service (the audit event, the
workflow state and the numbering are production's), and the walk-to-state helpers reach each
state through the real transitions."""

import pytest

from sunshine.kernel import clock
from sunshine.kernel.audit.models import AuditEvent
from sunshine.testing.factories import (
    TEST_KIND,
    CitizenFactory,
    RatingFactory,
    SupervisionOrderFactory,
    at,
    staff_with,
)

pytestmark = pytest.mark.django_db


def audited(action: str, obj) -> bool:
    return AuditEvent.objects.filter(action=action, object_id=str(obj.pk)).exists()


def test_record_factory_drafts_through_the_service(province):
    from sunshine.testing.factories.records import RecordFactory

    record = RecordFactory(agency=province["transport"], title="测试文件")
    assert record.state == "draft" and record.index_number and record.title == "测试文件"
    assert audited("record.create", record)


@pytest.mark.parametrize(
    ("state", "mode"),
    [
        ("draft", None),
        ("submitted", None),
        ("reviewed", None),
        ("signed_off", None),
        ("scheduled", None),
        ("published", None),
        ("withdrawn", None),
        ("filed", "on_request"),
        ("filed", "withheld"),
    ],
)
def test_record_in_walks_to_each_state(people, state, mode):
    from sunshine.testing.factories.records import record_in

    record = record_in(state, people, mode=mode, title=f"{state}文件")
    record.refresh_from_db()
    assert record.state == state and record.title == f"{state}文件"
    assert record.disclosure_mode == (mode or "proactive")
    if mode not in (None, "proactive"):
        assert record.withheld_reason and record.withheld_ground


def test_record_in_without_people_makes_its_own_staff(db):
    from sunshine.testing.factories.records import record_in

    record = record_in("published")
    assert record.state == "published" and record.agency_id


def test_domain_factories_create_through_their_services(people, province):
    from sunshine.testing.factories.briefings import BriefingFactory
    from sunshine.testing.factories.catalog import CatalogItemFactory
    from sunshine.testing.factories.consultations import CommentFactory, ConsultationFactory
    from sunshine.testing.factories.foi import InfoRequestFactory
    from sunshine.testing.factories.gazette import GazetteIssueFactory
    from sunshine.testing.factories.interpretations import InterpretationFactory
    from sunshine.testing.factories.meetings import MeetingFactory
    from sunshine.testing.factories.messages import SubmittedMessageFactory
    from sunshine.testing.factories.opinion import OpinionEventFactory, OpinionResponseFactory
    from sunshine.testing.factories.records import record_in
    from sunshine.testing.factories.servicehall import ServiceItemFactory

    transport = province["transport"]
    made = {
        "interpretation.create": InterpretationFactory(record=record_in("submitted", people)),
        "catalog.item_create": CatalogItemFactory(),
        "gazette.create": GazetteIssueFactory(agency=province["office"]),
        "foi.receive": InfoRequestFactory(agency=transport),
        "consultation.create": ConsultationFactory(agency=transport),
        "meeting.create": MeetingFactory(agency=transport),
        "message.submit": SubmittedMessageFactory(agency=transport),
        "opinion.create": OpinionEventFactory(involved_agency=transport),
        "briefing.create": BriefingFactory(agency=transport),
        "service_item.create": ServiceItemFactory(agency=transport),
    }
    for action, obj in made.items():
        assert audited(action, obj), action
    event = made["opinion.create"]
    response = OpinionResponseFactory(event=event)
    assert response.event_id == event.pk
    consultation = ConsultationFactory(agency=transport)
    from sunshine.participation.consultations import services

    services.open_consultation(consultation=consultation, actor=consultation.created_by)
    comment = CommentFactory(consultation=consultation)
    assert comment.consultation_id == consultation.pk and comment.author.kind == "citizen"


def test_a_comment_on_a_draft_consultation_is_refused_as_in_production(province):
    from django.core.exceptions import ValidationError

    from sunshine.testing.factories.consultations import CommentFactory, ConsultationFactory

    draft = ConsultationFactory(agency=province["transport"])
    with pytest.raises(ValidationError):
        CommentFactory(consultation=draft)


@pytest.mark.parametrize("state", ["submitted", "accepted", "reviewing", "decided", "completed"])
def test_application_in_walks_to_each_state(application_hall, state):
    from sunshine.testing.factories.applications import application_in

    app = application_in(state, application_hall["item"], application_hall)
    assert app.state == state
    assert audited("service_application.submit", app)


def test_advance_application_refuses_a_state_off_its_path(application_hall):
    from sunshine.testing.factories.applications import advance_application, apply

    with pytest.raises(ValueError, match="rejected"):
        advance_application(apply(application_hall["item"]), application_hall, "rejected")


def test_rating_and_supervision_order_factories_go_through_the_kernel(
    rateables, supervisable, supervised_item, duban_people
):
    rater = CitizenFactory()
    item = rateables.make(rater=rater, finished_at=at(2026, 9, 28))
    with clock.frozen(at(2026, 9, 29)):
        rating = RatingFactory(obj=item, rater=rater, level="very_dissatisfied", comment="太慢")
    assert rating.level == "very_dissatisfied" and rateables.bad_calls  # the 差评 follow-up ran
    order = SupervisionOrderFactory(
        target=supervised_item, actor=duban_people["supervisor"], kind=TEST_KIND
    )
    assert audited("oversight.issue", order)
    outsider = staff_with("drafter", supervisable)
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises((PermissionDenied, ValidationError)):
        SupervisionOrderFactory(target=supervised_item, actor=outsider, kind=TEST_KIND)
