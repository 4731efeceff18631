"""Who may do what to government-information records (on the agency and its subtree)."""

from sunshine.kernel.accounts.roles import Role

R = Role

RECORD_ACTIONS = {
    "record.draft": [R.DRAFTER],  # create and edit drafts
    "record.submit": [R.DRAFTER],
    "record.review": [R.REVIEWER],
    "record.reject": [R.REVIEWER, R.APPROVER, R.DISCLOSURE_OFFICER],  # send back with reasons
    "record.sign": [R.APPROVER],
    "record.publish": [R.APPROVER, R.DISCLOSURE_OFFICER],  # publish, schedule, file
    "record.revise": [R.APPROVER, R.DISCLOSURE_OFFICER],  # a new published version
    "record.withdraw": [R.APPROVER],
    "record.repeal": [R.APPROVER],  # 废止 and 失效
    "record.view_staff": [
        R.DRAFTER,
        R.REVIEWER,
        R.APPROVER,
        R.DISCLOSURE_OFFICER,
        R.AGENCY_ADMIN,
        R.SUPERVISOR,
        R.SYSADMIN,
    ],
}
