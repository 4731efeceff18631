"""Who may edit and publish service items (on the implementing agency and its subtree)."""

from sunshine.kernel.access.policy import PUBLIC
from sunshine.kernel.accounts.roles import Role as R

STAFF = [R.DRAFTER, R.REVIEWER, R.APPROVER, R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN]

CATALOG_ACTIONS = {
    "service_item.view": [PUBLIC],  # published items; selectors filter the rest
    "service_item.edit": [R.DRAFTER, R.REVIEWER, R.APPROVER, R.AGENCY_ADMIN],
    "service_item.publish": [R.APPROVER, R.AGENCY_ADMIN],
    "service_item.view_staff": [*STAFF, R.SUPERVISOR, R.SYSADMIN],
    "service_theme.manage": [R.SYSADMIN],
}
