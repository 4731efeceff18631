"""The one test-data layer (factory-boy), used by the tests and the demo's scenario scripts.

One module per domain: `kernel` (regions, agencies, users, role grants) is re-exported here, so
`from sunshine.testing.factories import AgencyFactory, staff_with` works; the domain modules
are imported by name (`from sunshine.testing.factories.records import record_in`) so that a
kernel test importing this package pulls in no domain.

A factory whose model has a service creates through that service (`_create`), so clocks,
workflow state, numbering and the audit trail are the ones production makes; the walk-to-state
helpers (`record_in`, `foi_request_in`, …) call the real transitions in order."""

from sunshine.testing.identity import make_credit_code, make_id_number

from .kernel import (
    PASSWORD,
    TEST_KIND,
    AgencyFactory,
    CitizenFactory,
    RatingFactory,
    RegionFactory,
    RoleGrantFactory,
    SupervisionOrderFactory,
    UserFactory,
    at,
    staff_with,
)

__all__ = [
    "PASSWORD",
    "TEST_KIND",
    "AgencyFactory",
    "CitizenFactory",
    "RegionFactory",
    "RatingFactory",
    "RoleGrantFactory",
    "SupervisionOrderFactory",
    "UserFactory",
    "at",
    "make_credit_code",
    "make_id_number",
    "staff_with",
]
