"""Reads: the public sees only published 主动公开 records (proved with random records in
random states), staff see their agencies' subtree, lists cost a fixed number of queries."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sunshine.disclosure.records import selectors, services
from sunshine.disclosure.records.choices import DocKind, Topic
from sunshine.kernel import clock
from sunshine.testing.factories.records import advance, draft, record_in

D = dt.date
pytestmark = pytest.mark.django_db

TARGETS = [
    "draft",
    "submitted",
    "reviewed",
    "signed_off",
    "scheduled",
    "published",
    "withdrawn",
    "filed",
]
PUBLIC_TARGETS = {"scheduled", "published", "withdrawn"}  # need 主动公开

record_specs = st.fixed_dictionaries(
    {
        "mode": st.sampled_from(["proactive", "on_request", "withheld"]),
        "target": st.sampled_from(TARGETS),
        "after": st.sampled_from(["", "revise", "repeal", "expire"]),
        "normative": st.booleans(),
        "topic": st.sampled_from(Topic.values),
        "kind": st.sampled_from(DocKind.values),
        "related_to_previous": st.booleans(),
    }
)


def build(people, spec, previous):
    extra = {}
    if spec["mode"] != "proactive":
        extra = {"withheld_reason": "依法不予主动公开", "withheld_ground": "internal"}
    record = draft(
        people,
        disclosure_mode=spec["mode"],
        normative=spec["normative"],
        topic=spec["topic"],
        kind=spec["kind"],
        related=[previous] if previous is not None and spec["related_to_previous"] else [],
        **extra,
    )
    target = spec["target"]
    if spec["mode"] == "proactive" and target == "filed":
        target = "published"
    if spec["mode"] != "proactive" and target in PUBLIC_TARGETS:
        advance(record, people, "signed_off")
        with pytest.raises(ValidationError):  # the workflow refuses, whatever the caller wants
            services.publish(record=record, actor=people["approver"])
        target = "filed"
    advance(record, people, target)
    if record.state in ("published", "filed") and spec["after"]:
        if spec["after"] == "revise" and record.state == "published":
            services.revise(record=record, actor=people["approver"], change_note="修订", body="新")
        elif spec["after"] == "repeal":
            services.repeal(record=record, actor=people["approver"], comment="废止")
        elif spec["after"] == "expire":
            services.expire(record=record, actor=people["approver"])
    return record


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=st.lists(record_specs, min_size=1, max_size=5))
def test_public_selectors_return_exactly_the_published_proactive_records(people, specs):
    savepoint = transaction.savepoint()
    try:
        with clock.frozen(D(2026, 10, 9)):
            records, previous = [], None
            for spec in specs:
                previous = build(people, spec, previous)
                records.append(previous)
        expected = {
            r.pk for r in records if r.state == "published" and r.disclosure_mode == "proactive"
        }
        assert {r.pk for r in selectors.public_records()} == expected
        for record in records:
            visible = selectors.record_for_public(record.pk) is not None
            assert visible == (record.pk in expected)
            assert selectors.search_payload(record)["is_public"] == visible
            assert {r.pk for r in selectors.public_related(record)} <= expected
            if not visible:
                assert not selectors.public_revision_history(record).exists()
        for topic in {s["topic"] for s in specs}:
            assert {r.pk for r in selectors.public_records(topic=topic)} <= expected
    finally:
        transaction.savepoint_rollback(savepoint)


def test_staff_see_their_subtree(people, province):
    ours = draft(people)
    theirs = draft(people, agency=people["other_agency"], actor=people["other_drafter"])
    assert list(selectors.staff_records(people["drafter"])) == [ours]
    assert list(selectors.staff_records(people["other_drafter"])) == [theirs]
    assert set(selectors.staff_records(people["supervisor"])) == {ours, theirs}
    assert selectors.record_for_staff(people["other_drafter"], ours.pk) is None
    assert selectors.record_for_staff(people["reviewer"], ours.pk) == ours
    assert list(selectors.staff_records(people["drafter"], q=ours.index_number)) == [ours]
    assert list(selectors.staff_records(people["supervisor"], state="submitted")) == []


def test_public_filters(people):
    with clock.frozen(D(2026, 10, 9)):
        a = record_in("published", people, topic="finance", normative=True)
        b = record_in(
            "published", people, topic="health", kind="opinion", date_written=D(2025, 6, 3)
        )
    assert list(selectors.public_records(topic="finance")) == [a]
    assert list(selectors.public_records(kind="opinion")) == [b]
    assert list(selectors.public_records(year=2025)) == [b]
    assert list(selectors.public_records(normative=True)) == [a]
    assert set(selectors.public_records(within=people["agency"])) == {a, b}
    assert list(selectors.public_records(agency=people["other_agency"])) == []


def test_public_list_costs_one_query(people, django_assert_num_queries):
    for n in range(3):
        record_in("published", people, title=f"文件{n}")
    with django_assert_num_queries(1):
        rows = [(r.title, r.agency.name, r.issuer.name) for r in selectors.public_records()]
    assert len(rows) == 3
