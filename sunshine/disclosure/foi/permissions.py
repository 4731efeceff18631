"""Who may do what with applications for government information (on the receiving agency and
its subtree). The disclosure office (公开办) handles; the approver approves an extension
(条例 Art. 33: approved by the head of the disclosure office); the applicant sees their own."""

from sunshine.kernel.access.policy import OWNER, PUBLIC
from sunshine.kernel.accounts.roles import Role

R = Role

FOI_ACTIONS = {
    "foi.guide": [PUBLIC],
    "foi.view_own": [OWNER],
    # register, 补正, third party, fees, reply, delivery
    "foi.handle": [R.DISCLOSURE_OFFICER],
    "foi.approve_extension": [R.APPROVER],
    "foi.record_case": [R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN],
    "foi.view_staff": [
        R.DISCLOSURE_OFFICER,
        R.APPROVER,
        R.AGENCY_ADMIN,
        R.SUPERVISOR,
        R.SYSADMIN,
    ],
    "foi.annual_tables": [
        R.DISCLOSURE_OFFICER,
        R.APPROVER,
        R.AGENCY_ADMIN,
        R.SUPERVISOR,
        R.SYSADMIN,
    ],
}
