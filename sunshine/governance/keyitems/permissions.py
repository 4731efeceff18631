"""Who may do what with key items (declared in the feature manifest). An agency's staff keep
their own register (keyitem.edit on the item's agency and its subtree); the general office's
supervisors assign cross-checks, keep the expert library and groups, and escalate questions;
the checking unit's reviewers, approvers and admins decide a cross-check (keyitem.crosscheck on
the checking unit — never a global role, and crosscheck.py refuses one's own unit)."""

from sunshine.kernel.accounts.roles import Role

R = Role
AGENCY_STAFF = [R.DRAFTER, R.REVIEWER, R.APPROVER, R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN]

KEYITEM_ACTIONS = {
    "keyitem.view_staff": [*AGENCY_STAFF, R.SUPERVISOR, R.SYSADMIN],
    "keyitem.edit": AGENCY_STAFF,
    "keyitem.answer": [R.REVIEWER, R.APPROVER, R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN],
    "keyitem.crosscheck": [R.REVIEWER, R.APPROVER, R.AGENCY_ADMIN],
    "keyitem.assign_crosscheck": [R.SUPERVISOR],
    "keyitem.experts": [R.SUPERVISOR],
    "keyitem.escalate": [R.SUPERVISOR],
    "keyitem.configure": [R.SUPERVISOR, R.SYSADMIN],
}
