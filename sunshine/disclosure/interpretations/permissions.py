"""Who may do what to policy interpretations (on the drafting agency and its subtree:
谁起草、谁解读)."""

from sunshine.kernel.accounts.roles import Role

R = Role

INTERPRETATION_ACTIONS = {
    "interpretation.draft": [R.DRAFTER],  # create, edit, attach files
    "interpretation.ready": [R.REVIEWER, R.APPROVER],  # mark ready / send back
    "interpretation.publish": [R.APPROVER, R.DISCLOSURE_OFFICER],  # 补充解读 of a public record
    "interpretation.withdraw": [R.APPROVER],
    # Publish a record marked "needs interpretation" without one, with a reason (audited).
    "interpretation.override": [R.APPROVER],
    "interpretation.view_staff": [
        R.DRAFTER,
        R.REVIEWER,
        R.APPROVER,
        R.DISCLOSURE_OFFICER,
        R.AGENCY_ADMIN,
        R.SUPERVISOR,
        R.SYSADMIN,
    ],
}
