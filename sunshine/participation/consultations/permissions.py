"""Who may do what to consultations (on the consulting agency and its subtree)."""

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

CONSULTATION_ACTIONS = {
    "consultation.view_staff": STAFF,  # staff pages, all comments incl. hidden, exports
    "consultation.draft": [R.DRAFTER, R.APPROVER],  # create, edit the draft, basis documents
    "consultation.open": [R.APPROVER, R.DISCLOSURE_OFFICER],  # publish / open / unschedule
    # 重大决策 comment period shorter than decision.comment_period: the approver's reason.
    "consultation.short_period": [R.APPROVER],
    "consultation.close": [R.APPROVER, R.DISCLOSURE_OFFICER],
    "consultation.moderate": [R.DRAFTER, R.REVIEWER, R.APPROVER, R.DISCLOSURE_OFFICER],
    "consultation.adopt": [R.DRAFTER, R.REVIEWER, R.APPROVER],  # group, 采纳 / 不采纳
    "consultation.publish_feedback": [R.APPROVER, R.DISCLOSURE_OFFICER],
}
