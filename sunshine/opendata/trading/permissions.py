"""Who may do what in 公共资源交易 (kernel access policy; granted on an agency, its subtree)."""

from sunshine.kernel.accounts.roles import Role as R

TRADING_ACTIONS = {
    # Import a platform's feed, manage the feed sources.
    "trading.import": [R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN, R.SYSADMIN],
    # Review and decide complaints (投诉) against projects the agency supervises.
    "trading.complaint": [R.REVIEWER, R.APPROVER, R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN],
    # Register, publish and revoke 黑名单 records.
    "trading.blacklist": [R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN],
    "trading.view_staff": [
        R.DRAFTER,
        R.REVIEWER,
        R.APPROVER,
        R.DISCLOSURE_OFFICER,
        R.AGENCY_ADMIN,
        R.SUPERVISOR,
        R.SYSADMIN,
    ],
}
