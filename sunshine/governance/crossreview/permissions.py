"""Who may do what in 交叉互评 (kernel access policy, roles on the agency subtree).

- The general office runs a round (`crossreview.manage` on the round's organising agency): its
  督查 (supervisor, every agency) or the 公开办 of the organising government.
- Reviewers score (`crossreview.score` on the reviewing agency of the assignment): its 公开办,
  审核, 签发 or 单位管理员; when the assignment names one reviewer, only that person.
- A reviewed agency reads its own published result (`crossreview.view_result` on the reviewed
  agency): any of its staff. The supervisor's grant reaches every agency: the general office
  sees all results."""

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

CROSSREVIEW_ACTIONS = {
    # The menu entry and the list page (what each sees there is scoped by the actions below).
    "crossreview.view_staff": STAFF,
    "crossreview.manage": [R.SUPERVISOR, R.DISCLOSURE_OFFICER],
    "crossreview.score": [R.DISCLOSURE_OFFICER, R.REVIEWER, R.APPROVER, R.AGENCY_ADMIN],
    "crossreview.view_result": STAFF,
}
