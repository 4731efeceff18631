"""Who may do what to public-opinion events: staff of the responsible agency (and those above
it) handle the event; the general office (supervisor role, every agency) watches all events,
hands them to another agency, escalates and evaluates them. In a 会商 the invited agencies'
staff see and answer their own part only."""

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
    # 研判: record the level (changing it needs opinion.set_level too), trend, concerns and
    # the recommended 回应方式 / 口径.
    "opinion.analyse": [R.REVIEWER, R.APPROVER, R.DISCLOSURE_OFFICER, R.SUPERVISOR],
    # 会商: open one on an event, invite agencies, write the joint response (the responsible
    # agency, as 牵头部门; the general office, which 组织协调 — 国办发〔2016〕61号 一).
    "opinion.coordinate": [R.REVIEWER, R.APPROVER, R.DISCLOSURE_OFFICER, R.SUPERVISOR],
    # An invited agency's staff: see and answer their own agency's part (checked on the part,
    # whose agency is the invited one). No global role: the general office does not answer
    # for the agencies it invited.
    "opinion.coordination_answer": HANDLERS,
}
