"""Who may do what with citizen messages. The general office (办公厅) staff hold the supervisor
role: they dispatch "not sure which" and returned messages and issue 督办."""

from sunshine.kernel.access.policy import OWNER, PUBLIC
from sunshine.kernel.accounts.roles import Role as R

HANDLERS = [R.DRAFTER, R.REVIEWER, R.APPROVER, R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN]
ALL_STAFF = [*HANDLERS, R.SUPERVISOR, R.SYSADMIN]

ACTIONS = {
    "message.submit": [PUBLIC],  # the service also requires a signed-in, active account
    "message.view_public": [PUBLIC],
    "message.view_own": [OWNER],
    "message.view_staff": ALL_STAFF,
    "message.assign": [R.SUPERVISOR, R.SYSADMIN, R.AGENCY_ADMIN],
    "message.reject": [R.SUPERVISOR, R.SYSADMIN],
    "message.transfer": [R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN, R.SUPERVISOR, R.SYSADMIN],
    "message.return": HANDLERS,
    "message.reply": HANDLERS,
    "message.extend": [R.APPROVER, R.DISCLOSURE_OFFICER],  # the kernel's clock.extend roles
    "message.publish": [R.APPROVER, R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN, R.SUPERVISOR],
    "message.close": [R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN, R.SUPERVISOR, R.SYSADMIN],
    "message.reopen": [R.SUPERVISOR, R.SYSADMIN],
    "message.supervise": [R.SUPERVISOR, R.SYSADMIN],
}
