"""Staff pages of 政策解读: the agency's interpretations, a record's interpretations (with the
approver's waiver), writing and editing a draft, its files, and the workflow buttons. Thin:
reads through the scoped selectors (what a user may not see is a 404), writes through the
services, whose permission checks and messages are shown on the page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.disclosure.interpretations import selectors, services
from sunshine.disclosure.interpretations.choices import InterpretationKind
from sunshine.disclosure.interpretations.workflow import InterpretationState
from sunshine.disclosure.records.selectors import record_for_staff
from sunshine.kernel.access.policy import can
from sunshine.kernel.files.models import IMAGE_KINDS

from ..access import staff_required
from ..actions import run_action
from .forms import CommentForm, InterpretationForm, OverrideForm, UploadForm
from .registry import may_view

PAGE_SIZE = 30
ACTS = {
    "mark_ready": services.mark_ready,
    "send_back": services.send_back,
    "publish": services.publish_interpretation,
    "withdraw": services.withdraw_interpretation,
}


def _require_view(user) -> None:
    if not may_view(user):
        raise PermissionDenied(_("您没有查看政策解读的权限。"))


def _interpretation(request, pk):
    item = selectors.interpretation_for_staff(request.user, pk)
    if item is None:
        raise Http404(_("该政策解读不存在，或不在您的权限范围内。"))
    return item


def _record(request, record_pk):
    record = record_for_staff(request.user, record_pk)
    if record is None or not can(request.user, "interpretation.view_staff", record):
        raise Http404(_("该文件不存在，或不在您的权限范围内。"))
    return record


@never_cache
@staff_required
def interpretation_list(request):
    _require_view(request.user)
    state = request.GET.get("state", "")
    state = state if state in InterpretationState.values else ""
    kind = request.GET.get("kind", "")
    kind = kind if kind in InterpretationKind.values else ""
    q = request.GET.get("q", "").strip()
    items = selectors.staff_interpretations(
        request.user, state=state or None, kind=kind or None, q=q or None
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "state": state,
        "kind": kind,
        "q": q,
        "states": InterpretationState.choices,
        "kinds": InterpretationKind.choices,
    }
    return render(request, "workbench/interpretations/list.html", context)


@never_cache
@staff_required
def pending(request):
    _require_view(request.user)
    records = selectors.records_needing_interpretation(
        request.user, action="interpretation.view_staff"
    )
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workbench/interpretations/pending.html", {"page": page})


@never_cache
@staff_required
def record_page(request, record_pk):
    record = _record(request, record_pk)
    requirement = selectors.interpretation_requirement(record)
    may_override = (
        requirement.needed
        and not requirement.satisfied
        and not record.is_public
        and can(request.user, "interpretation.override", record)
    )
    context = {
        "record": record,
        "requirement": requirement,
        "interpretations": selectors.interpretations_of_record(record),
        "may_draft": can(request.user, "interpretation.draft", record),
        "override_form": OverrideForm() if may_override else None,
    }
    return render(request, "workbench/interpretations/record.html", context)


@staff_required
@require_POST
def override(request, record_pk):
    record = _record(request, record_pk)
    form = OverrideForm(request.POST)
    back = reverse("workbench:interpretations_record", kwargs={"record_pk": record.pk})
    if not form.is_valid():
        messages.error(request, _("请填写免于解读的理由。"))
        return redirect(back)
    return run_action(
        request,
        lambda: services.override_interpretation_requirement(
            record=record, actor=request.user, reason=form.cleaned_data["reason"]
        ),
        success=_("已决定免于解读，理由已记录。"),
        redirect_to=back,
    )


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def create(request, record_pk):
    record = _record(request, record_pk)
    if not can(request.user, "interpretation.draft", record):
        raise PermissionDenied(_("只有起草机关的起草人员可以撰写该文件的解读（谁起草、谁解读）。"))
    form = InterpretationForm(request.POST or None, initial={"kind": InterpretationKind.TEXT})
    if request.method == "POST" and form.is_valid():

        def save(**data):
            return services.create_interpretation(record=record, actor=request.user, **data)

        done = run_action(
            request,
            lambda: save(**form.cleaned_data),
            form=form,
            success=_("已保存解读草稿。"),
            redirect_to=lambda item: reverse(
                "workbench:interpretations_detail", kwargs={"pk": item.pk}
            ),
        )
        if done:
            return done
    context = {"form": form, "record": record, "item": None}
    return render(request, "workbench/interpretations/form.html", context)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    item = _interpretation(request, pk)
    initial = {f: getattr(item, f) for f in ("kind", "title", "body", "media_url")}
    form = InterpretationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():

        def save(**data):
            return services.update_interpretation(interpretation=item, actor=request.user, **data)

        done = run_action(
            request,
            lambda: save(**form.cleaned_data),
            form=form,
            success=_("已保存修改。"),
            redirect_to=reverse("workbench:interpretations_detail", kwargs={"pk": item.pk}),
        )
        if done:
            return done
    context = {"form": form, "record": item.record, "item": item}
    return render(request, "workbench/interpretations/form.html", context)


@never_cache
@staff_required
def detail(request, pk):
    item = _interpretation(request, pk)
    attachments = list(item.attachments.all())
    editable = item.state == InterpretationState.DRAFT and can(
        request.user, "interpretation.draft", item
    )
    context = {
        "item": item,
        "record": item.record,
        "paragraphs": [p for p in item.body.splitlines() if p.strip()],
        "images": [a for a in attachments if a.kind in IMAGE_KINDS],
        "files": [a for a in attachments if a.kind not in IMAGE_KINDS],
        "actions": selectors.interpretation_actions(item, request.user),
        "history": selectors.interpretation_history(item),
        "editable": editable,
        "upload_form": UploadForm() if editable else None,
        "comment_form": CommentForm(),
    }
    return render(request, "workbench/interpretations/detail.html", context)


@staff_required
@require_POST
def act(request, pk, name):
    item = _interpretation(request, pk)
    service = ACTS.get(name)
    if service is None:
        raise Http404
    form = CommentForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    return run_action(
        request,
        lambda: service(interpretation=item, actor=request.user, comment=comment),
        success=lambda done: _("操作成功：%(state)s") % {"state": item.get_state_display()},
        redirect_to=reverse("workbench:interpretations_detail", kwargs={"pk": item.pk}),
    )


@staff_required
@require_POST
def attach(request, pk):
    item = _interpretation(request, pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
        return redirect("workbench:interpretations_detail", pk=item.pk)
    return run_action(
        request,
        lambda: services.attach_file(
            interpretation=item, actor=request.user, uploaded_file=form.cleaned_data["file"]
        ),
        success=lambda attachment: _("已上传：%(name)s") % {"name": attachment.original_name},
        redirect_to=reverse("workbench:interpretations_detail", kwargs={"pk": item.pk}),
    )


def _attachment(item, attachment_pk):
    found = next((a for a in item.attachments.all() if a.pk == attachment_pk), None)
    if found is None:
        raise Http404(_("该附件不存在。"))
    return found


@staff_required
@require_POST
def detach(request, pk, attachment_pk):
    item = _interpretation(request, pk)
    attachment = _attachment(item, attachment_pk)
    return run_action(
        request,
        lambda: services.remove_file(
            interpretation=item, actor=request.user, attachment=attachment
        ),
        success=_("已删除附件。"),
        redirect_to=reverse("workbench:interpretations_detail", kwargs={"pk": item.pk}),
    )


@never_cache
@staff_required
def attachment_file(request, pk, attachment_pk):
    """A file of an interpretation the staff user may see (drafts included)."""
    attachment = _attachment(_interpretation(request, pk), attachment_pk)
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.mime_type,
        as_attachment=attachment.kind not in IMAGE_KINDS,
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
