"""Who may do what with the annual report on disclosure work (on the agency and its subtree).
The disclosure office (公开办) drafts and publishes it; publishing also makes a published record
of the agency (records: "record.publish") and links it in the catalog ("catalog.edit"), both of
which the disclosure office holds."""

from sunshine.kernel.accounts.roles import Role

R = Role

ANNUALREPORT_ACTIONS = {
    "annualreport.view": [
        R.DISCLOSURE_OFFICER,
        R.APPROVER,
        R.AGENCY_ADMIN,
        R.SUPERVISOR,
        R.SYSADMIN,
    ],
    "annualreport.edit": [R.DISCLOSURE_OFFICER],
    "annualreport.publish": [R.DISCLOSURE_OFFICER],
}
