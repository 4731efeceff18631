"""Who may do what to major decisions (on the deciding government or department and its
subtree; the legal office reviews on its own agency)."""

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

DECISION_ACTIONS = {
    "decision.view_staff": STAFF,
    # 决策承办单位: catalog entries, the steps' records, execution tasks, the evaluation.
    "decision.manage": [R.DRAFTER, R.APPROVER, R.AGENCY_ADMIN],
    # The decision itself (集体讨论决定 Art. 30: the head of the government decides).
    "decision.decide": [R.APPROVER],
    # Deciding although a required step is missing: the head's reason, audited.
    "decision.override": [R.APPROVER],
    "decision.publish": [R.APPROVER, R.DISCLOSURE_OFFICER],
    # 合法性审查 (Art. 25): staff of the legal office the review was sent to.
    "decision.legal_review": [R.REVIEWER, R.APPROVER],
}
