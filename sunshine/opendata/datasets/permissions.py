"""Who may do what in 数据开放 (on the agency and its subtree)."""

from sunshine.kernel.access.policy import OWNER
from sunshine.kernel.accounts.roles import Role

R = Role

STAFF = [
    R.DRAFTER,
    R.REVIEWER,
    R.APPROVER,
    R.DISCLOSURE_OFFICER,
    R.AGENCY_ADMIN,
    R.SUPERVISOR,
    R.SYSADMIN,
]

DATASET_ACTIONS = {
    # Create and edit catalog entries, their schema and resources.
    "dataset.edit": [R.DRAFTER, R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN],
    # Publish (a new version) or withdraw an entry.
    "dataset.publish": [R.APPROVER, R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN],
    # Review 有条件开放 applications; revoke grants.
    "dataset.review_access": [R.APPROVER, R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN],
    # Open and complete the yearly review of the agency's catalog.
    "dataset.catalog_review": [R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN],
    "dataset.view_staff": STAFF,
    # An application or grant: its applicant, and the staff who review them.
    "dataset.application_view": [
        OWNER,
        R.APPROVER,
        R.DISCLOSURE_OFFICER,
        R.AGENCY_ADMIN,
        R.SUPERVISOR,
        R.SYSADMIN,
    ],
}
