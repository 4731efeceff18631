"""Who may do what in 政务公开考核 (kernel access policy, roles on the agency subtree).

- The general office sets the year's scheme and runs the computation (`scores.manage` on the
  scheme's organising government): its 督查 (supervisor, every agency) or the 公开办 of the
  organising government.
- Scores are read per agency (`scores.view_result` on the scored agency): any staff member of
  the agency (its own score and evidence only); the supervisor's grant reaches every agency."""

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

SCORES_ACTIONS = {
    "scores.view_staff": STAFF,
    "scores.manage": [R.SUPERVISOR, R.DISCLOSURE_OFFICER],
    "scores.view_result": STAFF,
}
