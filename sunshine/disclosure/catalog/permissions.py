"""Who may do what to an agency's 主动公开基本目录 (on the agency and its subtree)."""

from sunshine.kernel.accounts.roles import Role

R = Role

CATALOG_ACTIONS = {
    # Create, edit, delete items; link records; import from XLSX.
    "catalog.edit": [R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN],
    # Open a review, confirm or change items in it, complete it.
    "catalog.review": [R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN],
    "catalog.view_staff": [
        R.DRAFTER,
        R.REVIEWER,
        R.APPROVER,
        R.DISCLOSURE_OFFICER,
        R.AGENCY_ADMIN,
        R.SUPERVISOR,
        R.SYSADMIN,
    ],
}
