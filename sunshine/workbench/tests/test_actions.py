"""run_action: how every workbench view shows a domain act's outcome."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from sunshine.workbench.actions import run_action


class NoteForm(forms.Form):
    title = forms.CharField()
    change_note = forms.CharField()


def _request():
    request = RequestFactory().post("/workbench/x/")
    request._messages = CookieStorage(request)
    return request


def _messages(request):
    return [(m.level_tag, m.message) for m in get_messages(request)]


def _raise(exc):
    def call():
        raise exc

    return call


def test_success_adds_the_message_and_redirects_with_the_result():
    request = _request()
    response = run_action(
        request,
        lambda: 42,
        success=lambda n: f"已保存 {n} 项。",
        redirect_to=lambda n: f"/workbench/items/{n}/",
    )
    assert (response.status_code, response["Location"]) == (302, "/workbench/items/42/")
    assert _messages(request) == [("success", "已保存 42 项。")]


def test_a_button_s_refusal_becomes_messages_and_goes_to_refused_to():
    request = _request()
    refusal = ValidationError({"comment": ["请填写理由。"], "on": ["请填写有效的日期。"]})
    response = run_action(
        request, _raise(refusal), success="不应出现", redirect_to="/ok/", refused_to="/back/"
    )
    assert response["Location"] == "/back/"
    assert _messages(request) == [("error", "请填写理由。"), ("error", "请填写有效的日期。")]

    request = _request()
    response = run_action(request, _raise(PermissionDenied("您无权办理。")), redirect_to="/ok/")
    assert response["Location"] == "/ok/"  # refused_to defaults to redirect_to
    assert _messages(request) == [("error", "您无权办理。")]

    request = _request()
    assert run_action(request, _raise(refusal), redirect_to="/ok/", refused_to=None) is None


def test_a_form_keeps_the_input_and_gets_the_reasons_beside_its_fields():
    form = NoteForm({"title": "原标题", "change_note": "x"})
    assert form.is_valid()
    refusal = ValidationError({"comment": ["请填写修订说明。"], "related": ["找不到。"]})
    request = _request()
    done = run_action(
        request,
        _raise(refusal),
        form=form,
        aliases={"comment": "change_note"},
        success="不应出现",
        redirect_to="/ok/",
    )
    assert done is None and _messages(request) == []
    assert form.errors == {"change_note": ["请填写修订说明。"], "__all__": ["找不到。"]}
    assert form["title"].value() == "原标题"


def test_permission_refusal_on_a_form_on_top_as_a_message_or_a_403():
    form = NoteForm({"title": "t", "change_note": "n"})
    form.is_valid()
    request = _request()
    assert (
        run_action(request, _raise(PermissionDenied("无权。")), form=form, redirect_to="/") is None
    )
    assert form.non_field_errors() == ["无权。"]

    form = NoteForm({"title": "t", "change_note": "n"})
    form.is_valid()
    request = _request()
    run_action(
        request,
        _raise(PermissionDenied("无权。")),
        form=form,
        denied_as_message=True,
        redirect_to="/",
    )
    assert form.errors == {} and _messages(request) == [("error", "无权。")]

    with pytest.raises(PermissionDenied):
        run_action(
            _request(), _raise(PermissionDenied("无权。")), redirect_to="/", denied_as_403=True
        )


def test_other_errors_are_not_refusals():
    with pytest.raises(KeyError):
        run_action(_request(), _raise(KeyError("bug")), redirect_to="/")
