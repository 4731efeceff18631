"""One way for a workbench view to perform a domain act: `run_action`.

A view collects input and names the act; the domain service checks the permission, applies the
rules and raises a user-facing refusal — `ValidationError` (fields named) or `PermissionDenied`
(the reason). `run_action` calls the service and shows the outcome the same way on every page:

- success: `success` is added as a message (a string, or a function of the service's result)
  and the user is redirected to `redirect_to` (a URL, or a function of the result);
- refusal with a `form`: the reasons go onto the form (next to the fields the service names,
  the rest and a PermissionDenied on top — kernel.accounts.forms.attach_refusal) and
  `run_action` returns None, so the view re-renders the page with what was typed, with the
  status it uses for a refused form; with `denied_as_message=True` a PermissionDenied is an
  error message instead (forms inside a larger page, whose errors show only beside the form);
  `aliases` maps a service's field name to the form's (e.g. {"comment": "change_note"});
- refusal without a form (a button that POSTs): the reasons become error messages and the
  user is redirected to `refused_to` (default: `redirect_to`); with `refused_to=None` it
  returns None and the view renders the page itself;
- `denied_as_403=True`: a PermissionDenied is not a refusal to show on the page but Django's
  403 (pages whose view checked the permission already: a refusal there is not expected).

So a POST-only button is

    return run_action(request, lambda: services.publish(item=item, actor=request.user),
                      success=_("已发布。"), redirect_to=detail_url)

and a form is

    if request.method == "POST" and form.is_valid():
        done = run_action(request, lambda: services.save(**form.cleaned_data), form=form,
                          success=_("已保存。"), redirect_to=lambda item: url_of(item))
        if done:
            return done
    return render(...)

Errors that are not refusals (bugs) are not caught. The API has its own one place for the same
job: sunshine/api/errors.py turns the same exceptions into 422 / 403 JSON (and api/actions.py's
StaffLookup does the scoped lookup around an act). docs/shells.md has the whole design."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from sunshine.kernel.accounts.forms import attach_refusal, report_refusal

_SAME = object()


def _value(spec, result):
    return spec(result) if callable(spec) else spec


def run_action(
    request,
    call,
    *,
    redirect_to,
    success=None,
    refused_to=_SAME,
    form=None,
    denied_as_message=False,
    denied_as_403=False,
    aliases=None,
):
    """Run `call()` (a service call) and show its outcome; see the module docstring. Returns a
    redirect (always, on success), or None when the view is to render the page itself."""
    try:
        result = call()
    except (ValidationError, PermissionDenied) as exc:
        if denied_as_403 and isinstance(exc, PermissionDenied):
            raise
        if form is not None:
            if denied_as_message and isinstance(exc, PermissionDenied):
                report_refusal(request, exc)
            else:
                attach_refusal(form, exc, aliases)
            return None
        report_refusal(request, exc)
        target = redirect_to if refused_to is _SAME else refused_to
        if target is None or callable(target):
            return None
        return redirect(target)
    message = _value(success, result)
    if message:
        messages.success(request, message)
    return redirect(_value(redirect_to, result))


def run_import(request, form, call, *, success, redirect_to):
    """The same for an all-or-nothing table import (an XLSX upload): `call()` imports the
    form's file. A refusal that lists rows (kernel/files/tables.TableImportError) puts a summary
    on the form and hands the rows back for the page to list; another refusal goes beside the
    file field. Returns (a redirect or None, the row errors); on None the view renders its page.
    `call()` may return a background job (kernel FileJob) instead of a result: the user is sent
    to its progress page."""
    from sunshine.kernel.files.models import FileJob

    try:
        result = call()
    except ValidationError as exc:
        rows = getattr(exc, "row_errors", None)
        if rows is None:
            form.add_error("file", exc.messages)
            return None, []
        form.add_error(
            None,
            _("文件中有 %(n)s 处问题，未导入任何内容。请修改后重新上传。") % {"n": len(rows)},
        )
        return None, rows
    if isinstance(result, FileJob):
        return redirect("workbench:filejob", pk=result.pk), []
    messages.success(request, _value(success, result))
    return redirect(_value(redirect_to, result)), []
