"""Which deadline clocks an event has, and which responses stop them.

国办发〔2016〕80号: for a major emergency, authoritative information within 5 hours
(`opinion.major_first_response`) and a press conference within 24 hours
(`opinion.press_conference`); 国办发〔2016〕61号: for other hot issues a response within 48
hours (`opinion.hot_issue`) — events of level "other" are held to the same 48 h. The rules and
their lengths are registered by this module (rules.py); every clock counts in hours
from the event's `first_seen_at`, also after a change of level (the rule counts from the
event, not from the moment somebody re-classified it)."""

from django.utils.translation import gettext as _

from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.selectors import clocks_for
from sunshine.kernel.deadlines.services import start_clock, stop_clock

from .choices import OpinionLevel, ResponseKind

MAJOR_FIRST_RESPONSE = "opinion.major_first_response"
PRESS_CONFERENCE = "opinion.press_conference"
HOT_ISSUE = "opinion.hot_issue"
OPINION_RULES = (MAJOR_FIRST_RESPONSE, PRESS_CONFERENCE, HOT_ISSUE)
# 会商: the clock of one invited agency's part (on the CoordinationPart, at that agency).
COORDINATION_REPLY = "opinion.coordination_reply"

RULES_BY_LEVEL = {
    OpinionLevel.MAJOR_EMERGENCY: (MAJOR_FIRST_RESPONSE, PRESS_CONFERENCE),
    OpinionLevel.HOT_ISSUE: (HOT_ISSUE,),
    OpinionLevel.OTHER: (HOT_ISSUE,),
}

# A press conference also releases authoritative information; a plain 回应 answers a hot
# issue but is not the authoritative information a major emergency needs.
STOPPED_BY = {
    ResponseKind.AUTHORITATIVE_INFORMATION: (MAJOR_FIRST_RESPONSE, HOT_ISSUE),
    ResponseKind.PRESS_CONFERENCE: (MAJOR_FIRST_RESPONSE, PRESS_CONFERENCE, HOT_ISSUE),
    ResponseKind.RESPONSE: (HOT_ISSUE,),
}


def rules_for(level: str) -> tuple[str, ...]:
    return RULES_BY_LEVEL[OpinionLevel(level)]


def satisfied_rules(kinds) -> set[str]:
    """The rules already met by responses of these kinds."""
    return {rule for kind in kinds for rule in STOPPED_BY[ResponseKind(kind)]}


def open_clocks(event) -> list[Clock]:
    return [c for c in clocks_for(event) if c.state != Clock.State.STOPPED]


def sync_clocks(event, *, actor, response_kinds, outcome: str) -> dict:
    """Make the running clocks match the event's level: stop those its level does not have
    (`outcome` says why), start those it needs and no response met yet. Call inside the
    service's transaction; the kernel audits each start and stop."""
    wanted = set(rules_for(event.level)) - satisfied_rules(response_kinds)
    started, stopped = [], []
    running = {c.rule: c for c in open_clocks(event)}
    for rule, clock in running.items():
        if rule not in wanted:
            stop_clock(clock=clock, actor=actor, outcome=outcome, authorize=False)
            stopped.append(rule)
    if not event.is_closed:
        for rule in rules_for(event.level):
            if rule in wanted and rule not in running:
                start_clock(
                    obj=event,
                    rule=rule,
                    agency=event.responsible_agency,
                    start=event.first_seen_at,
                    actor=actor,
                )
                started.append(rule)
    return {"started": started, "stopped": stopped}


def stop_clocks_for_response(event, *, actor, kind: str, outcome: str) -> list[Clock]:
    """Stop the running clocks a response of `kind` meets."""
    stopped = []
    for clock in open_clocks(event):
        if clock.rule in STOPPED_BY[ResponseKind(kind)]:
            stopped.append(stop_clock(clock=clock, actor=actor, outcome=outcome, authorize=False))
    return stopped


def move_clocks(event, *, actor, to_agency) -> list[str]:
    """The responsible agency changed: its open clocks move with the event (the kernel's clock
    belongs to one agency, so each is stopped and started again at the new agency with the
    same start, hence the same due time)."""
    moved = []
    for clock in open_clocks(event):
        stop_clock(
            clock=clock,
            actor=actor,
            outcome=_("责任单位变更为%(agency)s") % {"agency": to_agency.name},
            authorize=False,
        )
        start_clock(
            obj=event, rule=clock.rule, agency=to_agency, start=clock.started_at, actor=actor
        )
        moved.append(clock.rule)
    return moved


def stop_all(event, *, actor, outcome: str) -> list[str]:
    stopped = []
    for clock in open_clocks(event):
        stop_clock(clock=clock, actor=actor, outcome=outcome, authorize=False)
        stopped.append(clock.rule)
    return stopped
