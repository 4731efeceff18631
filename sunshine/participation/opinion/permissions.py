"""Who may do what to public-opinion events: staff of the responsible agency (and those above
it) handle the event; the general office (supervisor role, every agency) watches all events,
hands them to another agency, escalates and evaluates them."""

from sunshine.kernel.accounts.roles import Role

R = Role
HANDLERS = [R.DRAFTER, R.REVIEWER, R.APPROVER, R.DISCLOSURE_OFFICER]

OPINION_ACTIONS = {
    "opinion.view_staff": [*HANDLERS, R.AGENCY_ADMIN, R.SUPERVISOR, R.SYSADMIN],
    # Register an event (on the involved agency) and capture items about it.
    "opinion.create": [*HANDLERS, R.SUPERVISOR],
    "opinion.capture": [*HANDLERS, R.SUPERVISOR],
    # Record a response published by the agency (权威信息, 发布会, 回应).
    "opinion.respond": [R.REVIEWER, R.APPROVER, R.DISCLOSURE_OFFICER],
    # Change the level (escalate to a major emergency, or back), with a reason.
    "opinion.set_level": [R.REVIEWER, R.APPROVER, R.SUPERVISOR],
    # Hand the event to another responsible agency (the general office).
    "opinion.reassign": [R.SUPERVISOR],
    # Close with the 效果评估.
    "opinion.close": [R.APPROVER, R.SUPERVISOR],
}
