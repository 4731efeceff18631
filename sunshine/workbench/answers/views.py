"""Staff pages of the 公开答复库 and of 条例 Art. 44: the publish page (masked preview the officer
edits, released files to include), withdrawal, the Art. 44 proposal and its draft record, and
the list of proposals waiting for a drafter. Thin: reads through the scoped foi selectors (what
a user may not see is a 404), writes through the answers services."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.disclosure.answers import selectors, services
from sunshine.disclosure.foi import selectors as foi_selectors
from sunshine.kernel.access.policy import agencies_for, can

from ..access import staff_required
from ..actions import run_action
from .forms import PublishForm, WithdrawForm


def _request(request, pk):
    item = foi_selectors.request_for_staff(request.user, pk)
    if item is None:
        raise Http404(_("该申请不存在，或不在您的权限范围内。"))
    return item


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def publish(request, pk):
    item = _request(request, pk)
    if not can(request.user, "foi_answers.publish", item):
        raise PermissionDenied(_("只有本机关公开办工作人员可以公开答复。"))
    preview = selectors.answer_preview(item)
    existing = selectors.answer_of(item)
    initial = {
        "title": existing.title if existing else preview["title"],
        "question": existing.question if existing else preview["question"],
        "answer": existing.answer if existing else preview["answer"],
        "files": [str(f.pk) for f in preview["files"]],
    }
    form = PublishForm(request.POST or None, initial=initial, released=preview["files"])
    refusal = ""
    try:
        services.check_publishable(item)
    except ValidationError as exc:
        refusal = " ".join(exc.messages)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            lambda: services.publish_answer(
                request=item,
                actor=request.user,
                title=data["title"],
                question=data["question"],
                answer=data["answer"],
                file_ids=data.get("files", []) if "files" in form.fields else None,
            ),
            form=form,
            success=_("已公开到公开答复库。"),
            redirect_to=reverse("workbench:foi_detail", args=[item.pk]),
        )
        if done:
            return done
    context = {"item": item, "form": form, "refusal": refusal, "existing": existing}
    status = 422 if request.method == "POST" else 200
    return render(request, "workbench/answers/publish.html", context, status=status)


@staff_required
@require_POST
def withdraw(request, pk):
    answer = selectors.answer_for_staff(request.user, pk, permission="foi_answers.withdraw")
    if answer is None:
        raise Http404(_("该公开答复不存在，或不在您的权限范围内。"))
    form = WithdrawForm(request.POST)
    form.is_valid()
    return run_action(
        request,
        lambda: services.withdraw_answer(
            answer=answer, actor=request.user, reason=form.cleaned_data.get("reason", "")
        ),
        success=_("已撤回该公开答复。"),
        redirect_to=reverse("workbench:foi_detail", args=[answer.request_id]),
    )


@staff_required
@require_POST
def propose(request, pk):
    item = _request(request, pk)
    return run_action(
        request,
        lambda: services.propose_proactive(request=item, actor=request.user),
        success=lambda proposal: (
            _("已创建主动公开草稿并关联相关申请。")
            if proposal.record_id
            else _("已提出纳入主动公开建议，等待本机关起草人员创建草稿。")
        ),
        redirect_to=reverse("workbench:foi_detail", args=[item.pk]),
    )


@never_cache
@staff_required
def proposals(request):
    agencies = agencies_for(request.user, "record.draft")
    items = list(selectors.open_proposals(agencies.values("pk")).prefetch_related("requests"))
    return render(request, "workbench/answers/proposals.html", {"items": items})


@staff_required
@require_POST
def draft(request, pk):
    proposal = selectors.proposal_for_staff(pk, agencies_for(request.user, "record.draft"))
    if proposal is None:
        raise Http404(_("该建议不存在，或不在您的权限范围内。"))
    return run_action(
        request,
        lambda: services.draft_for_proposal(proposal=proposal, actor=request.user),
        success=_("已创建主动公开草稿。"),
        redirect_to=lambda drafted: reverse("workbench:records_detail", args=[drafted.record_id]),
        refused_to=reverse("workbench:answers_proposals"),
    )
