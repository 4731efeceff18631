"""The step clocks of an application on the kernel deadline engine (rules.py names them)."""

from sunshine.kernel.deadlines.models import Clock
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.kernel.deadlines.services import (
    pause_clock,
    resume_clock,
    start_clock,
    stop_clock,
)

from .rules import TOTAL


def start(application, rule: str, *, actor=None, length: int | None = None) -> Clock:
    return start_clock(
        obj=application, rule=rule, agency=application.agency, actor=actor, length=length
    )


def start_total(application, *, actor=None) -> Clock:
    """承诺时限: the item's promised working days (the rule's default when none is set)."""
    return start(application, TOTAL, actor=actor, length=application.item.promised_days or None)


def stop(application, rule: str, *, actor, outcome: str) -> None:
    c = open_clock(application, rule)
    if c is not None:
        stop_clock(clock=c, actor=actor, outcome=outcome, authorize=False)


def pause(application, rules: list[str], *, actor, reason: str) -> None:
    for rule in rules:
        c = open_clock(application, rule)
        if c is not None and c.state == Clock.State.RUNNING:
            pause_clock(clock=c, actor=actor, reason=reason, authorize=False)


def resume(application, rules: list[str], *, actor) -> None:
    for rule in rules:
        c = open_clock(application, rule)
        if c is not None and c.state == Clock.State.PAUSED:
            resume_clock(clock=c, actor=actor, authorize=False)
