"""The permission matrix: every kernel role × every kernel action, on an object in the granting
agency, in its subtree, outside it, and with no agency. The expected table is written out by
hand so that a change to the policy shows up here as a deliberate edit."""

import pytest
from django.contrib.auth.models import AnonymousUser

from sunshine.kernel.access.policy import agencies_for, can, registered_actions
from sunshine.kernel.orgs.models import Agency
from sunshine.testing.factories import CitizenFactory, staff_with

pytestmark = pytest.mark.django_db

ROLES = [
    "drafter",
    "reviewer",
    "approver",
    "disclosure_officer",
    "agency_admin",
    "supervisor",
    "sysadmin",
]
D, RV, AP, DO, AA, SU, SA = ROLES

# action -> roles that may do it (subtree roles on own+child only; supervisor/sysadmin anywhere)
EXPECTED = {
    "agency.view": set(ROLES),
    "agency.manage": {AA, SA},
    "user.manage": {AA, SA},
    "role.grant": {AA, SA},
    "role.grant_global": {SA},
    "audit.view": {AA, SU, SA},
    "calendar.edit": {SA},
    "clock.view": set(ROLES),
    "clock.pause": {DO, AA},
    "clock.extend": {AP, DO},
    "clock.stop": {DO, AA},
    "supervision.view": {SU, SA},
}
GLOBAL = {SU, SA}


@pytest.fixture
def targets(province):
    return {
        "own": province["city"],
        "child": province["county"],
        "other": province["transport"],
        "none": None,
    }


@pytest.mark.parametrize("role", ROLES)
def test_role_by_action_by_place(role, province, targets):
    user = staff_with(role, province["city"])
    for action, roles in EXPECTED.items():
        for place, target in targets.items():
            if role not in roles:
                expected = False
            elif role in GLOBAL:
                expected = True
            else:
                expected = place in ("own", "child")
            assert can(user, action, target) is expected, (role, action, place)


def test_every_registered_kernel_action_is_in_the_matrix():
    kernel = {
        a
        for a in registered_actions()
        if a.split(".")[0]
        in {"agency", "user", "role", "audit", "calendar", "clock", "supervision"}
    }
    assert kernel == set(EXPECTED)


@pytest.mark.parametrize("role", ROLES)
def test_list_scope_matches_can(role, province):
    user = staff_with(role, province["city"])
    for action in EXPECTED:
        listed = set(agencies_for(user, action))
        allowed = {a for a in Agency.objects.all() if can(user, action, a)}
        assert listed == allowed, (role, action)


def test_default_deny():
    citizen = CitizenFactory()
    anonymous = AnonymousUser()
    for action in EXPECTED:
        assert not can(citizen, action, None)
        assert not can(anonymous, action, None)
    assert can(anonymous, "portal.view") and can(citizen, "portal.view")
    assert not can(citizen, "no.such.action")


def test_inactive_staff_can_do_nothing(province):
    user = staff_with(SA, province["root"])
    user.is_active = False
    assert not can(user, "agency.view", province["root"])


@pytest.mark.parametrize("role", ROLES)
def test_can_anywhere_agrees_with_the_agency_list(role, province, django_assert_num_queries):
    from sunshine.kernel.access.policy import can_anywhere

    user = staff_with(role, province["city"])
    for action in EXPECTED:
        expected = agencies_for(user, action).exists()
        with django_assert_num_queries(0):
            assert can_anywhere(user, action) is expected, (role, action)
