"""Staff pages of 征求意见: the list, creating and editing a consultation (draft text, period,
basis documents), the approver's reason for a short period, and publishing/opening/closing.
Comments, adoption, the feedback report and exports are in comment_views.py. Thin: reads
through the scoped selectors (what a user may not see is a 404), writes through the services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.kernel.access.policy import agencies_for, can
from sunshine.kernel.workflow.selectors import history
from sunshine.participation.consultations import selectors, services
from sunshine.participation.consultations.choices import ConsultationState as S

from ..access import staff_required
from ..actions import run_action
from .forms import ConsultationForm, LinkForm, ReasonForm, ShortPeriodForm, UploadForm
from .registry import may_view

PAGE_SIZE = 30
FIELDS = ("title", "summary", "draft_text", "explanation", "is_major_decision")
FIELDS += ("moderation_mode", "start_date", "end_date", "contact")


def _require_view(user) -> None:
    if not may_view(user):
        raise PermissionDenied(_("您没有查看征求意见的权限。"))


def consultation_or_404(request, pk):
    item = selectors.consultation_for_staff(request.user, pk)
    if item is None:
        raise Http404(_("该征求意见不存在，或不在您的权限范围内。"))
    return item


@never_cache
@staff_required
def consultation_list(request):
    _require_view(request.user)
    state = request.GET.get("state", "")
    state = state if state in S.values else ""
    q = request.GET.get("q", "").strip()
    items = selectors.staff_consultations(request.user, state=state or None, q=q or None)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "state": state,
        "q": q,
        "states": S.choices,
        "may_create": agencies_for(request.user, "consultation.draft").exists(),
    }
    return render(request, "workbench/consultations/list.html", context)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def create(request):
    agencies = agencies_for(request.user, "consultation.draft").order_by("path")
    if not agencies.exists():
        raise PermissionDenied(_("您没有起草征求意见的权限。"))
    form = ConsultationForm(
        request.POST or None,
        agencies=agencies,
        initial={"agency": request.user.agency_id},
    )
    if request.method == "POST" and form.is_valid():

        def save(**data):
            return services.create_consultation(actor=request.user, **data)

        done = run_action(
            request,
            lambda: save(**form.cleaned_data),
            form=form,
            success=_("已保存征求意见草稿。"),
            redirect_to=lambda item: reverse(
                "workbench:consultation_detail", kwargs={"pk": item.pk}
            ),
        )
        if done:
            return done
    return render(request, "workbench/consultations/form.html", {"form": form, "item": None})


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    item = consultation_or_404(request, pk)
    initial = {name: getattr(item, name) for name in FIELDS}
    initial["short_period_reason"] = item.short_period_reason
    form = ConsultationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():

        def save(**data):
            return services.update_consultation(consultation=item, actor=request.user, **data)

        done = run_action(
            request,
            lambda: save(**form.cleaned_data),
            form=form,
            success=_("已保存修改。"),
            redirect_to=reverse("workbench:consultation_detail", kwargs={"pk": item.pk}),
        )
        if done:
            return done
    return render(request, "workbench/consultations/form.html", {"form": form, "item": item})


@never_cache
@staff_required
def detail(request, pk):
    item = consultation_or_404(request, pk)
    user = request.user
    before_start = item.state in (S.DRAFT, S.SCHEDULED)
    may_draft = before_start and can(user, "consultation.draft", item)
    needs_reason = (
        before_start
        and item.is_major_decision
        and item.period_days < services.min_period_days()
        and item.short_period_days != item.period_days
    )
    counts = selectors.staff_comments(item).values_list("state", flat=True)
    tally = {value: 0 for value in ("pending", "visible", "hidden")}
    for state in counts:
        tally[state] += 1
    context = {
        "item": item,
        "clauses": list(item.clauses.all()),
        "basis_links": list(item.basis_links.all()),
        "files": list(item.attachments.all()),
        "tally": tally,
        "history": history(item),
        "may_draft": may_draft,
        "may_open": before_start and can(user, "consultation.open", item),
        "may_close": item.state == S.OPEN and can(user, "consultation.close", item),
        "needs_reason": needs_reason,
        "min_days": services.min_period_days(),
        "short_form": ShortPeriodForm()
        if needs_reason and can(user, "consultation.short_period", item)
        else None,
        "upload_form": UploadForm() if may_draft else None,
        "link_form": LinkForm() if may_draft else None,
        "feedback_clock": services.feedback_clock(item),
    }
    return render(request, "workbench/consultations/detail.html", context)


@staff_required
@require_POST
def act(request, pk, name):
    item = consultation_or_404(request, pk)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    acts = {
        "open": lambda: services.open_consultation(consultation=item, actor=request.user),
        "unschedule": lambda: services.unschedule_consultation(
            consultation=item, actor=request.user, reason=reason
        ),
        "close": lambda: services.close_consultation(consultation=item, actor=request.user),
    }
    if name not in acts:
        raise Http404
    return run_action(
        request,
        acts[name],
        success=lambda done: _("操作成功：%(state)s") % {"state": item.get_state_display()},
        redirect_to=reverse("workbench:consultation_detail", kwargs={"pk": item.pk}),
    )


@staff_required
@require_POST
def short_period(request, pk):
    item = consultation_or_404(request, pk)
    form = ShortPeriodForm(request.POST)
    return run_action(
        request,
        lambda: services.approve_short_period(
            consultation=item,
            actor=request.user,
            reason=form.data.get("short_period_reason", ""),
        ),
        success=_("已批准缩短征求意见期限，理由已记录。"),
        redirect_to=reverse("workbench:consultation_detail", kwargs={"pk": item.pk}),
    )


@staff_required
@require_POST
def attach(request, pk):
    item = consultation_or_404(request, pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
        return redirect("workbench:consultation_detail", pk=item.pk)
    return run_action(
        request,
        lambda: services.add_basis_file(
            consultation=item, actor=request.user, uploaded_file=form.cleaned_data["file"]
        ),
        success=lambda attachment: _("已上传：%(name)s") % {"name": attachment.original_name},
        redirect_to=reverse("workbench:consultation_detail", kwargs={"pk": item.pk}),
    )


@staff_required
@require_POST
def detach(request, pk, attachment_pk):
    item = consultation_or_404(request, pk)
    attachment = selectors.attachment_of(item, attachment_pk)
    if attachment is None:
        raise Http404(_("该附件不存在。"))
    return run_action(
        request,
        lambda: services.remove_basis_file(
            consultation=item, actor=request.user, attachment=attachment
        ),
        success=_("已删除附件。"),
        redirect_to=reverse("workbench:consultation_detail", kwargs={"pk": item.pk}),
    )


@never_cache
@staff_required
def attachment_file(request, pk, attachment_pk):
    attachment = selectors.attachment_of(consultation_or_404(request, pk), attachment_pk)
    if attachment is None:
        raise Http404(_("该附件不存在。"))
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.mime_type,
        as_attachment=True,
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_required
@require_POST
def add_link(request, pk):
    item = consultation_or_404(request, pk)
    return run_action(
        request,
        lambda: services.add_basis_link(
            consultation=item,
            actor=request.user,
            title=request.POST.get("title", ""),
            url=request.POST.get("url", ""),
        ),
        success=_("已添加起草依据。"),
        redirect_to=reverse("workbench:consultation_detail", kwargs={"pk": item.pk}),
    )


@staff_required
@require_POST
def remove_link(request, pk, link_pk):
    item = consultation_or_404(request, pk)
    link = next((x for x in item.basis_links.all() if x.pk == link_pk), None)
    if link is None:
        raise Http404
    return run_action(
        request,
        lambda: services.remove_basis_link(consultation=item, actor=request.user, link=link),
        success=_("已删除起草依据。"),
        redirect_to=reverse("workbench:consultation_detail", kwargs={"pk": item.pk}),
    )
