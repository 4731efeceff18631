"""Who may do what to the government gazette. Checked on the issue's `agency` (the agency that
edits the gazette, normally the province's general office) and its subtree."""

from sunshine.kernel.accounts.roles import Role

R = Role

GAZETTE_ACTIONS = {
    # create issues, add/reorder/remove articles, upload and correct historical issues
    "gazette.edit": [R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN],
    "gazette.publish": [R.APPROVER, R.DISCLOSURE_OFFICER],  # publish / unpublish an issue
    "gazette.view_staff": [
        R.DRAFTER,
        R.REVIEWER,
        R.APPROVER,
        R.DISCLOSURE_OFFICER,
        R.AGENCY_ADMIN,
        R.SUPERVISOR,
        R.SYSADMIN,
    ],
}
