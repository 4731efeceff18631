"""Who may see statistics and review groups. Statistics of an agency: its staff; across
agencies: the general office (supervisor) and sysadmin. Merging / splitting groups and the
on-demand regroup: the general office, which dispatches messages anyway."""

from sunshine.kernel.access.policy import PUBLIC
from sunshine.kernel.accounts.roles import Role as R

STAFF = [R.DRAFTER, R.REVIEWER, R.APPROVER, R.DISCLOSURE_OFFICER, R.AGENCY_ADMIN]

ACTIONS = {
    "message_topics.view_public": [PUBLIC],
    "message_topics.view_stats": [*STAFF, R.SUPERVISOR, R.SYSADMIN],
    "message_topics.view_groups": [*STAFF, R.SUPERVISOR, R.SYSADMIN],
    "message_topics.review": [R.SUPERVISOR, R.SYSADMIN],
    "message_topics.regroup": [R.SUPERVISOR, R.SYSADMIN],
}
