"""The pure parts of the workflow kernel: declaring, checking, listing. The service that
applies transitions to rows is tested through the records workflow
(sunshine/disclosure/records/tests/test_transitions.py), the first model to use it."""

import pytest
from django.core.exceptions import ValidationError

from sunshine.kernel.access import policy
from sunshine.kernel.workflow.definitions import (
    Transition,
    UnknownTransitionError,
    Workflow,
    get_workflow,
    workflow_of,
)
from sunshine.kernel.workflow.selectors import available_transitions
from sunshine.kernel.workflow.services import check_transition

STATES = [("open", "开放"), ("closed", "关闭"), ("archived", "归档")]


def too_short(obj, context):
    if len(obj.text) < 3:
        raise ValidationError("内容太短。")


def make(name="test.door", **kwargs):
    return Workflow(
        name,
        STATES,
        [
            Transition("close", "open", "closed", action="test.wf.public", label="关闭"),
            Transition(
                "reopen",
                "closed",
                "open",
                action="test.wf.public",
                requires_comment=True,
                guards=(too_short,),
            ),
            Transition("archive", ("open", "closed"), "archived", action="test.wf.staff_only"),
            Transition("note", ("open", "closed"), None, action="test.wf.public"),
        ],
        **kwargs,
    )


class Door:
    def __init__(self, state="open", text="hello"):
        self.state, self.text = state, text


Door.workflow = make("test.door.model")


@pytest.fixture
def actions():
    policy.register_actions({"test.wf.public": [policy.PUBLIC], "test.wf.staff_only": ["sysadmin"]})
    yield
    for name in ("test.wf.public", "test.wf.staff_only"):
        policy.unregister_action(name)


def test_declaration_is_checked():
    with pytest.raises(ValueError, match="not a state"):
        Workflow("test.bad", STATES, [Transition("x", "open", "nowhere", action="a")])
    with pytest.raises(ValueError, match="not a state"):
        Workflow("test.bad", STATES, [Transition("x", ("open", "ajar"), "closed", action="a")])
    with pytest.raises(ValueError, match="declared twice"):
        Workflow(
            "test.bad",
            STATES,
            [
                Transition("x", "open", "closed", action="a"),
                Transition("x", "closed", "open", action="a"),
            ],
        )
    with pytest.raises(ValueError, match="initial"):
        Workflow("test.bad", STATES, [], initial="ajar")


def test_states_transitions_and_registry():
    wf = make()
    assert wf.initial == "open" and wf.state_label("closed") == "关闭"
    assert [t.name for t in wf.transitions_from("open")] == ["close", "archive", "note"]
    assert [t.name for t in wf.transitions_from("archived")] == []
    assert wf.get("archive").sources == ("open", "closed")
    assert wf.get("note").target_from("closed") == "closed"  # None: the state stays
    assert wf.audit_action(wf.get("close")) == "test.door.close"
    assert get_workflow("test.door") is wf
    with pytest.raises(UnknownTransitionError):
        wf.get("slam")
    assert workflow_of(Door()) is Door.workflow
    with pytest.raises(TypeError):
        workflow_of(object())


def test_check_transition_names_the_problem():
    wf = Door.workflow
    door = Door(state="closed", text="hi")
    with pytest.raises(ValidationError, match="当前状态为“关闭”"):
        check_transition(door, wf.get("close"), wf=wf, state="closed", actor=None)
    with pytest.raises(ValidationError) as exc:
        check_transition(door, wf.get("reopen"), wf=wf, state="closed", actor=None)
    assert "comment" in exc.value.message_dict
    with pytest.raises(ValidationError, match="内容太短"):
        check_transition(door, wf.get("reopen"), wf=wf, state="closed", actor=None, comment="why")
    door.text = "long enough"
    check_transition(door, wf.get("reopen"), wf=wf, state="closed", actor=None, comment="why")


def test_added_guards_run_after_declared_ones():
    wf = make("test.door.guarded")
    seen = []

    def record_it(obj, context):
        seen.append((context.transition.name, context.from_state, context.data))
        raise ValidationError("尚未准备好。")

    wf.add_guard("close", record_it)
    wf.add_guard("close", record_it)  # once only
    assert wf.guards_for(wf.get("close")) == [record_it]
    with pytest.raises(ValidationError, match="尚未准备好"):
        check_transition(Door(), wf.get("close"), wf=wf, state="open", actor=None, data={"a": 1})
    assert seen == [("close", "open", {"a": 1})]


def test_available_transitions_filter_by_permission_and_show_blocks(actions):
    # Anonymous: the public actions only; the staff-only "archive" is left out.
    closed = Door(state="closed", text="hi")
    options = available_transitions(closed, None)
    assert [(o.name, o.allowed) for o in options] == [("reopen", False), ("note", True)]
    reopen = options[0]
    assert reopen.blocked_by == ["内容太短。"] and reopen.requires_comment
    assert [o.name for o in available_transitions(Door(), None)] == ["close", "note"]


def test_follow_ups_are_registered_once_per_transition():
    wf = make("test.door.followed")

    def follow(obj, log):
        pass

    wf.on_transition("close", follow)
    wf.on_transition("close", follow)  # once only
    assert wf.handlers_for(wf.get("close")) == [follow]
    assert wf.handlers_for(wf.get("reopen")) == []
    with pytest.raises(UnknownTransitionError):
        wf.on_transition("fly", follow)
