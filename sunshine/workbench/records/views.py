"""政府信息 in the workbench: the agency's records, drafting and editing, the record page with
its workflow, scheduling, revision and attachments. Thin: reads through the records selectors,
every write through the records services (or kernel/files for an upload), whose errors are
shown next to the fields they name."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sunshine.disclosure.records import services
from sunshine.disclosure.records.selectors import record_for_staff, staff_records
from sunshine.disclosure.records.transitions import UnknownTransition, apply_transition
from sunshine.kernel.access.policy import can
from sunshine.kernel.files.selectors import attachments_for
from sunshine.kernel.files.services import store_attachment

from ..access import staff_required
from ..actions import run_action
from .forms import (
    AttachmentForm,
    RecordCreateForm,
    RecordFieldsForm,
    RecordListFilter,
    ReviseForm,
)
from .pages import detail_context, disclosure_clocks
from .registry import may_draft

PAGE_SIZE = 25


def _record_or_404(request, pk):
    record = record_for_staff(request.user, pk)
    if record is None:
        raise Http404(_("没有这条政府信息，或您无权查看。"))
    return record


def _detail_url(record) -> str:
    return reverse("workbench:records_detail", args=[record.pk])


@never_cache
@staff_required
def record_list(request):
    filters = RecordListFilter(request.GET)
    records = staff_records(
        request.user,
        state=filters.value("state") or None,
        disclosure_mode=filters.value("mode") or None,
        q=filters.value("q") or None,
    )
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    clocks = disclosure_clocks(rows)
    for record in rows:
        record.disclosure_clock = clocks.get(record.pk)
    query = urlencode([(n, filters.value(n)) for n in ("q", "state", "mode") if filters.value(n)])
    context = {
        "filters": filters,
        "page": page,
        "rows": rows,
        "query": query,
        "may_draft": may_draft(request.user),
    }
    return render(request, "workbench/records/list.html", context)


@never_cache
@staff_required
def record_create(request):
    if not may_draft(request.user):
        raise PermissionDenied(_("您没有起草政府信息的权限。"))
    form = RecordCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: services.create_draft(
                actor=request.user, agency=form.cleaned_data["agency"], **form.values()
            ),
            form=form,
            denied_as_403=True,
            success=lambda record: (
                _("草稿已保存，索引号 %(index)s。") % {"index": record.index_number}
            ),
            redirect_to=_detail_url,
        )
        if done:
            return done
    context = {"form": form, "title": _("起草政府信息")}
    return render(request, "workbench/records/form.html", context)


@never_cache
@staff_required
def record_edit(request, pk):
    record = _record_or_404(request, pk)
    if not can(request.user, "record.draft", record):
        raise PermissionDenied(_("您没有修改这条政府信息的权限。"))
    if record.state != "draft":
        messages.error(request, _("只有草稿可以修改；已发布的政府信息请使用“修订”。"))
        return redirect(_detail_url(record))
    initial = RecordFieldsForm.initial_for(record)
    form = RecordFieldsForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: services.update_draft(record=record, actor=request.user, **form.values()),
            form=form,
            denied_as_403=True,
            success=_("草稿已保存。"),
            redirect_to=_detail_url(record),
        )
        if done:
            return done
    context = {"form": form, "record": record, "title": _("修改草稿")}
    return render(request, "workbench/records/form.html", context)


@never_cache
@staff_required
def record_revise(request, pk):
    record = _record_or_404(request, pk)
    if not can(request.user, "record.revise", record):
        raise PermissionDenied(_("您没有修订这条政府信息的权限。"))
    if record.state != "published":
        messages.error(request, _("只有已发布的政府信息可以修订。"))
        return redirect(_detail_url(record))
    initial = RecordFieldsForm.initial_for(record)
    form = ReviseForm(request.POST or None, initial=initial, user=request.user, record=record)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: services.revise(
                record=record,
                actor=request.user,
                change_note=form.cleaned_data["change_note"],
                **form.changes(),
            ),
            form=form,
            denied_as_403=True,
            aliases={"comment": "change_note"},
            success=lambda revised: (
                _("已发布第 %(n)s 版。") % {"n": revised.current_version.number}
            ),
            redirect_to=_detail_url(record),
        )
        if done:
            return done
    context = {"form": form, "record": record, "title": _("修订已发布的政府信息")}
    return render(request, "workbench/records/form.html", context)


@never_cache
@staff_required
def record_detail(request, pk):
    record = _record_or_404(request, pk)
    context = detail_context(request, record, attach_form=AttachmentForm())
    return render(request, "workbench/records/detail.html", context)


@require_POST
@staff_required
def record_act(request, pk, name):
    """One workflow button: submit, review, sign_off, reject, publish, schedule, ..."""
    record = _record_or_404(request, pk)
    try:
        label = apply_transition(record, name, actor=request.user, data=request.POST)
    except UnknownTransition:
        raise Http404 from None
    except ValidationError as exc:
        context = detail_context(
            request,
            record,
            attach_form=AttachmentForm(),
            action_errors={name: exc.messages},
            action_values={name: request.POST},
        )
        return render(request, "workbench/records/detail.html", context, status=400)
    messages.success(request, _("已完成：%(action)s。") % {"action": label})
    return redirect(_detail_url(record))


@require_POST
@staff_required
def record_attach(request, pk):
    record = _record_or_404(request, pk)
    if record.state != "draft":
        messages.error(request, _("只能给草稿添加附件。"))
        return redirect(_detail_url(record))
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachment = store_attachment(
                owner=record,
                uploaded_file=form.cleaned_data["file"],
                actor=request.user,
                permission="record.draft",
            )
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            messages.success(
                request, _("已上传附件：%(name)s。") % {"name": attachment.original_name}
            )
            return redirect(_detail_url(record) + "#attachments")
    context = detail_context(request, record, attach_form=form)
    return render(request, "workbench/records/detail.html", context, status=400)


@staff_required
def record_file(request, pk, attachment_pk):
    """An attachment of a record the user may see (any state), under its original name."""
    record = _record_or_404(request, pk)
    attachment = attachments_for(record).filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404(_("该附件不存在。"))
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.mime_type,
        as_attachment=True,
        filename=attachment.original_name,  # RFC 5987 filename* for non-ASCII names
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
