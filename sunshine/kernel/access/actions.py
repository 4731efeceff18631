"""The kernel's own actions. Domain modules register theirs the same way."""

from sunshine.kernel.accounts.roles import Role

from .policy import OWNER, PUBLIC, register_actions

ALL_STAFF = list(Role)
R = Role

KERNEL_ACTIONS = {
    "portal.view": [PUBLIC],
    "agency.view": ALL_STAFF,
    "agency.manage": [R.AGENCY_ADMIN, R.SYSADMIN],
    "user.manage": [R.AGENCY_ADMIN, R.SYSADMIN],
    "role.grant": [R.AGENCY_ADMIN, R.SYSADMIN],
    "role.grant_global": [R.SYSADMIN],
    "audit.view": [R.AGENCY_ADMIN, R.SUPERVISOR, R.SYSADMIN],
    "calendar.edit": [R.SYSADMIN],
    "clock.view": ALL_STAFF,
    "clock.pause": [R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN],
    "clock.extend": [R.APPROVER, R.DISCLOSURE_OFFICER],
    "clock.stop": [R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN],
    "supervision.view": [R.SUPERVISOR, R.SYSADMIN],
    "account.own_data": [OWNER],
    "notification.read": [OWNER],
}


def register() -> None:
    register_actions(KERNEL_ACTIONS)
