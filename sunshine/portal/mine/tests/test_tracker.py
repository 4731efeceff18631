"""The citizen's tracker: four plain steps, the steps still to come, and every internal state of
each module mapped (a forgotten state would fall back to 办理中, so the test names it)."""

import pytest

from sunshine.disclosure.foi.choices import RequestState
from sunshine.participation.messages.workflow import MessageState
from sunshine.portal.foi.status import FOI_STATUS
from sunshine.portal.messages.status import MESSAGE_STATUS
from sunshine.portal.mine.tracker import HANDLING, PublicStatus, tracker, tracker_of
from sunshine.portal.servicehall.status import APPLICATION_STATUS
from sunshine.servicehall.applications.choices import ApplicationState

STAFF_WORDS = {"已派单", "错派退回", "派单", "审查", "决定", "送达", "申请", "受理", "补正"}


@pytest.mark.parametrize(
    ("states", "mapping"),
    [(MessageState, MESSAGE_STATUS), (RequestState, FOI_STATUS), (ApplicationState, APPLICATION_STATUS)],
)  # fmt: skip
def test_every_state_of_each_module_is_mapped_to_plain_words(states, mapping):
    assert set(mapping) == set(states.values)
    for state in states.values:
        t = tracker(mapping[state])
        words = {str(s.label) for s in t.steps} | {t.label}
        assert not words & STAFF_WORDS, (state, words)


def labels(t):
    return [(str(s.label), s.status) for s in t.steps]


def test_steps_done_current_and_to_come():
    t = tracker(PublicStatus(HANDLING))
    assert labels(t) == [
        ("已受理", "done"),
        ("办理中", "current"),
        ("已答复", "todo"),
        ("已办结", "todo"),
    ]
    assert t.label == "办理中" and not t.ended


def test_not_yet_accepted_reaches_no_step_and_says_why():
    t = tracker_of("application", "submitted")
    assert [s.status for s in t.steps] == ["todo"] * 4
    assert t.current is None and t.label == "已提交，等待受理"


def test_a_case_ended_another_way_has_no_steps_to_come():
    t = tracker_of("message", "rejected")
    assert labels(t) == [("不予受理", "current")]
    assert t.ended and t.label == "不予受理"


def test_a_pause_is_explained_beside_the_current_step():
    t = tracker_of("foi", "correction")
    assert t.current.label == "办理中"
    assert "补正" in str(t.note)
