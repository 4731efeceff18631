"""Who may do what with 问责 cases. The general office's supervisors (督查, every agency) open
cases, investigate, decide, close and publish them; the staff of the agency concerned see the
cases of their agency subtree, and its leaders (签发, 单位管理员) may file the agency's own
account (情况说明) while the case is open."""

from sunshine.kernel.accounts.roles import Role

R = Role
AGENCY_STAFF = [R.DRAFTER, R.REVIEWER, R.APPROVER, R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN]

ACCOUNTABILITY_ACTIONS = {
    "accountability.view": [*AGENCY_STAFF, R.SUPERVISOR, R.SYSADMIN],
    "accountability.open": [R.SUPERVISOR],
    "accountability.handle": [R.SUPERVISOR],  # 调查核实, 处理决定, 结案
    "accountability.publish": [R.SUPERVISOR],
    "accountability.respond": [R.APPROVER, R.AGENCY_ADMIN],  # 情况说明
}

NOTIFY_ROLES = [str(R.APPROVER), str(R.AGENCY_ADMIN)]
