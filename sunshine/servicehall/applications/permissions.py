"""Who may handle applications (on the handling agency and its subtree) and what the applicant
(OWNER) may do with their own."""

from sunshine.kernel.access.policy import OWNER
from sunshine.kernel.accounts.roles import Role as R

HANDLERS = [R.DRAFTER, R.REVIEWER, R.APPROVER, R.AGENCY_ADMIN]

APPLICATION_ACTIONS = {
    # 受理 / 不予受理 / 补正告知
    "service_application.accept": HANDLERS,
    "service_application.review": [R.REVIEWER, R.APPROVER, R.AGENCY_ADMIN],
    "service_application.decide": [R.APPROVER, R.AGENCY_ADMIN],
    # 办结, 送达, attaching the decision document
    "service_application.handle": HANDLERS,
    "service_application.assign": [R.REVIEWER, R.APPROVER, R.AGENCY_ADMIN],
    "service_application.view_staff": [
        *HANDLERS,
        R.DISCLOSURE_OFFICER,
        R.SUPERVISOR,
        R.SYSADMIN,
    ],
    # The applicant: see their own 办件, hand in 补正 materials.
    "service_application.view": [OWNER, *HANDLERS, R.DISCLOSURE_OFFICER, R.SUPERVISOR, R.SYSADMIN],
    "service_application.resubmit": [OWNER],
}
