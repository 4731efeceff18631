"""Who sees the 电子监察 numbers: the general office's supervisors (every agency) and the staff
of an agency (its subtree only, through the policy's agency scope)."""

from sunshine.kernel.accounts.roles import Role as R

VIEW = "service_supervision.view"

ACTIONS = {
    VIEW: [
        R.DRAFTER,
        R.REVIEWER,
        R.APPROVER,
        R.DISCLOSURE_OFFICER,
        R.AGENCY_ADMIN,
        R.SUPERVISOR,
        R.SYSADMIN,
    ]
}
