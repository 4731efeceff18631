"""条例 Art. 44: the prompt appears when FOI_ART44_MIN_APPLICANTS distinct applicants asked the
same agency for the same information within the window, not below; the proposal creates one
draft 主动公开 record linked to all the requests, once."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from sunshine.disclosure.records.models import DisclosureRecord
from sunshine.kernel.accounts.roles import Role
from sunshine.kernel.audit.models import AuditEvent
from sunshine.testing.factories import RoleGrantFactory, staff_with
from sunshine.testing.factories.foi import person, received

from .. import selectors, services
from ..models import ProactiveProposal

D = dt.date
pytestmark = pytest.mark.django_db

SAME = [
    "2025年全省农村公路建设补助资金分配明细",
    "请提供2025年全省农村公路建设补助资金的分配明细表",
    "2025年度全省农村公路建设补助资金分配情况（各县区明细）",
]
OTHER = "2024年度全省高速公路收费公路统计公报"


def _ask(agency, officer, n, description, day=None):
    return received(agency, officer, day or D(2026, 3, 2), person(n, description=description))


def test_two_applicants_are_below_the_default_threshold(transport, officer):
    first = _ask(transport, officer, 1, SAME[0])
    _ask(transport, officer, 2, SAME[1])
    _ask(transport, officer, 3, OTHER)
    cluster = selectors.art44_cluster(first)
    assert len(cluster.similar) == 1 and cluster.applicants == 2
    assert cluster.min_applicants == 3 and not cluster.reached
    with pytest.raises(ValidationError, match="不足 3 个"):
        services.propose_proactive(request=first, actor=officer)
    with override_settings(FOI_ART44_MIN_APPLICANTS=2):
        assert selectors.art44_cluster(first).reached


def test_the_same_applicant_twice_counts_once(transport, officer):
    first = _ask(transport, officer, 1, SAME[0])
    _ask(transport, officer, 1, SAME[1])  # same identity number
    _ask(transport, officer, 2, SAME[2])
    cluster = selectors.art44_cluster(first)
    assert len(cluster.similar) == 2 and cluster.applicants == 2 and not cluster.reached


def test_window_of_twelve_months(transport, officer):
    # Received 2026-03-02; the window runs 2025-03-02 .. 2027-03-02.
    first = _ask(transport, officer, 1, SAME[0])
    _ask(transport, officer, 2, SAME[1], day=D(2025, 3, 2))  # exactly 12 months before: in
    _ask(transport, officer, 3, SAME[2], day=D(2025, 3, 1))  # one day earlier: out
    cluster = selectors.art44_cluster(first)
    assert [r.received_on for r in cluster.similar] == [D(2025, 3, 2)]
    with override_settings(FOI_ART44_WINDOW_MONTHS=13):
        assert selectors.art44_cluster(first).applicants == 3


def test_proposal_creates_one_draft_linked_to_the_requests(transport, officer):
    RoleGrantFactory(user=officer, agency=transport, role=Role.DRAFTER)
    requests = [_ask(transport, officer, i + 1, text) for i, text in enumerate(SAME)]
    unrelated = _ask(transport, officer, 9, OTHER)
    cluster = selectors.art44_cluster(requests[0])
    assert cluster.reached and cluster.applicants == 3
    proposal = services.propose_proactive(request=requests[0], actor=officer)
    assert set(proposal.requests.all()) == set(requests)
    record = proposal.record
    assert record.state == "draft" and record.disclosure_mode == "proactive"
    assert record.title == SAME[0] and record.agency == transport
    # Idempotent: from any of the requests, the same proposal and no second draft.
    assert services.propose_proactive(request=requests[2], actor=officer).pk == proposal.pk
    assert services.propose_proactive(request=requests[0], actor=officer).pk == proposal.pk
    assert ProactiveProposal.objects.count() == 1 and DisclosureRecord.objects.count() == 1
    assert selectors.proposal_for(requests[1]) == proposal
    assert selectors.proposal_for(unrelated) is None
    assert AuditEvent.objects.filter(action="foi_answers.propose").count() == 1
    assert AuditEvent.objects.filter(action="foi_answers.draft").count() == 1


def test_an_officer_who_cannot_draft_leaves_it_to_a_drafter(province, transport, officer):
    requests = [_ask(transport, officer, i + 1, text) for i, text in enumerate(SAME)]
    proposal = services.propose_proactive(request=requests[1], actor=officer)
    assert proposal.record is None
    assert list(selectors.open_proposals([transport.pk])) == [proposal]
    stranger = staff_with(Role.DRAFTER, province["office"])
    with pytest.raises(PermissionDenied):
        services.draft_for_proposal(proposal=proposal, actor=stranger)
    drafter = staff_with(Role.DRAFTER, transport)
    done = services.draft_for_proposal(proposal=proposal, actor=drafter)
    assert done.record.created_by == drafter
    assert services.draft_for_proposal(proposal=proposal, actor=drafter).record == done.record
    assert DisclosureRecord.objects.count() == 1
    assert list(selectors.open_proposals([transport.pk])) == []


def test_only_the_agency_officer_may_propose(province, transport, officer):
    requests = [_ask(transport, officer, i + 1, text) for i, text in enumerate(SAME)]
    for user in (staff_with(Role.DISCLOSURE_OFFICER, province["office"]),
                 staff_with(Role.DRAFTER, transport)):  # fmt: skip
        with pytest.raises(PermissionDenied):
            services.propose_proactive(request=requests[0], actor=user)
