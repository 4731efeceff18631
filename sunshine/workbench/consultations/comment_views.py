"""Staff pages of the comments of a consultation: the moderation queue (approve / hide with a
reason the author sees), grouping and adoption marking (one by one or a whole group), the
feedback report (采纳情况说明) with its clock, the staff analytics and the exports."""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.kernel.access.policy import can
from sunshine.kernel.files.models import FileJob
from sunshine.participation.consultations import comment_services, exports, selectors, services
from sunshine.participation.consultations.analytics import consultation_stats
from sunshine.participation.consultations.choices import Adoption, CommentState
from sunshine.participation.consultations.choices import ConsultationState as S

from ..access import staff_required
from ..actions import run_action
from .forms import AdoptionForm, FeedbackForm, GroupAdoptionForm
from .views import consultation_or_404

PAGE_SIZE = 50


def _comment_or_404(request, pk):
    comment = selectors.comment_for_staff(request.user, pk)
    if comment is None:
        raise Http404(_("该意见不存在，或不在您的权限范围内。"))
    return comment


def _back_url(comment_or_consultation, query: str = "") -> str:
    pk = getattr(comment_or_consultation, "consultation_id", None) or comment_or_consultation.pk
    return reverse("workbench:consultation_comments", args=[pk]) + query


@never_cache
@staff_required
def comments(request, pk):
    item = consultation_or_404(request, pk)
    state = request.GET.get("state", "")
    state = state if state in CommentState.values else ""
    group = request.GET.get("group")
    adoption = request.GET.get("adoption", "")
    adoption = adoption if adoption in Adoption.values else ""
    clause = selectors.clause_at(item, request.GET.get("clause"))
    qs = selectors.staff_comments(
        item, state=state or None, clause=clause, group=group, adoption=adoption or None
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    closed = item.state == S.CLOSED
    context = {
        "item": item,
        "page": page,
        "state": state,
        "group": group,
        "adoption": adoption,
        "clause": clause,
        "states": CommentState.choices,
        "adoptions": Adoption.choices,
        "groups": selectors.group_labels(item),
        "may_moderate": can(request.user, "consultation.moderate", item),
        "may_adopt": closed and can(request.user, "consultation.adopt", item),
        "group_form": GroupAdoptionForm(prefix="g"),
        "query": request.GET.urlencode(),
    }
    return render(request, "workbench/consultations/comments.html", context)


@staff_required
@require_POST
def approve(request, pk):
    comment = _comment_or_404(request, pk)
    return run_action(
        request,
        lambda: comment_services.approve_comment(comment=comment, actor=request.user),
        success=_("意见已公开。"),
        redirect_to=_back_url(comment, "?" + request.POST.get("next_query", "")),
    )


@staff_required
@require_POST
def hide(request, pk):
    comment = _comment_or_404(request, pk)
    return run_action(
        request,
        lambda: comment_services.hide_comment(
            comment=comment, actor=request.user, reason=request.POST.get("reason", "")
        ),
        success=_("意见已设为不公开，原因将告知提出人。"),
        redirect_to=_back_url(comment, "?" + request.POST.get("next_query", "")),
    )


@staff_required
@require_POST
def adopt(request, pk):
    comment = _comment_or_404(request, pk)
    form = AdoptionForm(request.POST)
    return run_action(
        request,
        lambda: comment_services.mark_adoption(
            comment=comment,
            actor=request.user,
            adoption=form.data.get("adoption", ""),
            reason=form.data.get("reason", ""),
        ),
        success=_("已标注采纳情况。"),
        redirect_to=_back_url(comment, "?" + request.POST.get("next_query", "")),
    )


@staff_required
@require_POST
def group(request, pk):
    item = consultation_or_404(request, pk)
    return run_action(
        request,
        lambda: comment_services.group_comments(
            consultation=item,
            actor=request.user,
            comment_ids=[int(i) for i in request.POST.getlist("comment") if i.isdigit()],
            label=request.POST.get("label", ""),
        ),
        success=lambda n: _("已归类%(n)d条意见。") % {"n": n},
        redirect_to=_back_url(item, "?" + request.POST.get("next_query", "")),
    )


@staff_required
@require_POST
def adopt_group(request, pk):
    item = consultation_or_404(request, pk)
    form = GroupAdoptionForm(request.POST, prefix="g")
    return run_action(
        request,
        lambda: comment_services.mark_group_adoption(
            consultation=item,
            actor=request.user,
            group_label=form.data.get("g-group_label", ""),
            adoption=form.data.get("g-adoption", ""),
            reason=form.data.get("g-reason", ""),
        ),
        success=lambda n: _("已批量标注%(n)d条意见。") % {"n": n},
        redirect_to=_back_url(item),
    )


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def feedback(request, pk):
    item = consultation_or_404(request, pk)
    form = FeedbackForm(request.POST or None, initial={"feedback_report": item.feedback_report})
    if request.method == "POST" and form.is_valid():
        publish = "publish" in request.POST

        def save(*, feedback_report):
            if publish:
                return services.publish_feedback_report(
                    consultation=item, actor=request.user, report=feedback_report
                )
            return services.save_feedback_report(
                consultation=item, actor=request.user, report=feedback_report
            )

        done = run_action(
            request,
            lambda: save(**form.cleaned_data),
            form=form,
            success=_("采纳情况说明已发布。") if publish else _("已保存采纳情况说明。"),
            redirect_to=reverse("workbench:consultation_feedback", kwargs={"pk": item.pk}),
        )
        if done:
            return done
    tally = {value: 0 for value in Adoption.values}
    unmarked = pending = 0
    for state, adoption in selectors.staff_comments(item).values_list("state", "adoption"):
        if state == CommentState.PENDING:
            pending += 1
        elif state == CommentState.VISIBLE:
            if adoption:
                tally[adoption] += 1
            else:
                unmarked += 1
    context = {
        "item": item,
        "form": form,
        "clock": services.feedback_clock(item),
        "tally": [(label, tally[value]) for value, label in Adoption.choices],
        "unmarked": unmarked,
        "pending": pending,
        "editable": item.state == S.CLOSED and can(request.user, "consultation.adopt", item),
        "may_publish": item.state == S.CLOSED
        and can(request.user, "consultation.publish_feedback", item),
    }
    return render(request, "workbench/consultations/feedback.html", context)


@never_cache
@staff_required
def analytics(request, pk):
    item = consultation_or_404(request, pk)
    stats = consultation_stats(item, public=False)
    return render(request, "workbench/consultations/analytics.html", {"item": item, "stats": stats})


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def export(request, pk, fmt):
    """A small export downloads at once; a large one is written by a background task, which a
    POST starts (a GET never creates work) and whose page offers the file."""
    item = consultation_or_404(request, pk)
    if fmt not in exports.FORMATS:
        raise Http404
    count = exports.comment_count(item)
    if count > exports.sync_rows() and request.method == "GET":
        context = {"item": item, "count": count, "fmt": fmt}
        return render(request, "workbench/consultations/export_large.html", context)
    result = exports.start_export(consultation=item, fmt=fmt, actor=request.user)
    if isinstance(result, FileJob):
        return redirect("workbench:filejob", pk=result.pk)
    ctype = {
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "csv": "text/csv; charset=utf-8",
    }[fmt]
    response = HttpResponse(result, content_type=ctype)
    name = exports.export_filename(item, fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
