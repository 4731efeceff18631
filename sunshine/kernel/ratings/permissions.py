"""Who may do what with ratings and 差评整改 cases (registered in apps.py).

Rating itself is not a role action: only the rater the owning module names may rate
(services.rate checks it). Agency staff handle the cases of their agency subtree; the general
office's supervisors see and may handle every agency's."""

from sunshine.kernel.accounts.roles import Role

STAFF = [
    Role.DRAFTER,
    Role.REVIEWER,
    Role.APPROVER,
    Role.DISCLOSURE_OFFICER,
    Role.AGENCY_ADMIN,
    Role.SUPERVISOR,
]

ACTIONS = {
    # see ratings, cases and the satisfaction summary of the agency subtree
    "rating.view_staff": STAFF,
    # call the rater back (回访), record the rectification (整改措施)
    "rating.case_callback": STAFF,
    "rating.case_rectify": STAFF,
    # decide whether the complaint is founded (核实)
    "rating.case_verify": [
        Role.REVIEWER,
        Role.APPROVER,
        Role.DISCLOSURE_OFFICER,
        Role.AGENCY_ADMIN,
        Role.SUPERVISOR,
    ],
    # publish the outcome (公示)
    "rating.case_publish": [
        Role.APPROVER,
        Role.DISCLOSURE_OFFICER,
        Role.AGENCY_ADMIN,
        Role.SUPERVISOR,
    ],
}

# Recipients of "a case was opened": staff of the rated agency who may call back.
CASE_NOTIFY_ROLES = [str(r) for r in STAFF if r != Role.SUPERVISOR]
