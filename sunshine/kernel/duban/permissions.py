"""Who may do what with 督办 (registered in apps.py): the general office's supervisors (and the
system administrator) issue and close; the addressed agency's staff see and respond."""

from sunshine.kernel.accounts.roles import Role

AGENCY_STAFF = [
    Role.DRAFTER,
    Role.REVIEWER,
    Role.APPROVER,
    Role.DISCLOSURE_OFFICER,
    Role.AGENCY_ADMIN,
]

ACTIONS = {
    "oversight.issue": [Role.SUPERVISOR, Role.SYSADMIN],
    "oversight.close": [Role.SUPERVISOR, Role.SYSADMIN],
    "oversight.view": [*AGENCY_STAFF, Role.SUPERVISOR, Role.SYSADMIN],
    "oversight.respond": AGENCY_STAFF,
}

NOTIFY_ROLES = [str(r) for r in AGENCY_STAFF]
