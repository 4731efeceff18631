"""Staff pages of 新闻发布会与访谈: schedule, edit, speakers, linked policies, record held,
transcript and media, publish, files, and the 主要负责人 coverage page. Thin: scoped selectors
for reads (404 outside one's agencies), services for writes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sunshine.kernel import clock
from sunshine.kernel.access.policy import agencies_for, can, can_anywhere
from sunshine.participation.briefings import selectors, services
from sunshine.participation.briefings.choices import BriefingKind, BriefingState
from sunshine.participation.briefings.coverage import coverage_for_user

from ..access import staff_required
from ..actions import run_action
from .forms import BriefingForm, PoliciesForm, RecordForm, SpeakerFormSet, UploadForm, YearForm
from .registry import may_view

PAGE_SIZE = 30


def _require_view(user) -> None:
    if not may_view(user):
        raise PermissionDenied(_("您没有查看新闻发布会的权限。"))


def _briefing(request, pk):
    _require_view(request.user)
    item = selectors.briefing_for_staff(request.user, pk)
    if item is None:
        raise Http404(_("该发布会不存在，或不在您的权限范围内。"))
    return item


@never_cache
@staff_required
def briefing_list(request):
    _require_view(request.user)
    state = request.GET.get("state", "")
    state = state if state in BriefingState.values else ""
    kind = request.GET.get("kind", "")
    kind = kind if kind in BriefingKind.values else ""
    q = request.GET.get("q", "").strip()
    items = selectors.staff_briefings(
        request.user, state=state or None, kind=kind or None, q=q or None
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "state": state,
        "kind": kind,
        "q": q,
        "states": BriefingState.choices,
        "kinds": BriefingKind.choices,
        "may_create": can_anywhere(request.user, "briefing.manage"),
    }
    return render(request, "workbench/briefings/list.html", context)


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def create(request):
    agencies = agencies_for(request.user, "briefing.manage")
    if not agencies.exists():
        raise PermissionDenied(_("只有单位管理员和公开办人员可以安排发布会。"))
    initial = {"agency": request.user.agency_id, "kind": BriefingKind.PRESS_CONFERENCE}
    form = BriefingForm(request.POST or None, agencies=agencies, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: services.create_briefing(actor=request.user, **form.cleaned_data),
            form=form,
            success=_("已发布预告，请填写发布人。"),
            redirect_to=lambda item: reverse("workbench:briefings_detail", args=[item.pk]),
        )
        if done:
            return done
    return render(request, "workbench/briefings/form.html", {"form": form, "item": None})


@never_cache
@staff_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    item = _briefing(request, pk)
    initial = {f: getattr(item, f) for f in services.EDITABLE}
    form = BriefingForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: services.update_briefing(
                actor=request.user, briefing=item, **form.cleaned_data
            ),
            form=form,
            success=_("已保存修改。"),
            redirect_to=reverse("workbench:briefings_detail", args=[item.pk]),
        )
        if done:
            return done
    return render(request, "workbench/briefings/form.html", {"form": form, "item": item})


def _speaker_initial(item) -> list[dict]:
    return [
        {
            "name": s.name,
            "post": s.post,
            "agency": s.agency_id,
            "is_principal_leader": s.is_principal_leader,
        }
        for s in item.speaker_list
    ]


def _detail(request, item, **forms):
    manage = can(request.user, "briefing.manage", item)
    policies_text = "\n".join(item.policies.order_by("pk").values_list("index_number", flat=True))
    context = {
        "item": item,
        "manage": manage,
        "speaker_formset": forms.get("speaker_formset")
        or SpeakerFormSet(initial=_speaker_initial(item), prefix="s"),
        "policies_form": forms.get("policies_form")
        or PoliciesForm(initial={"policies": policies_text}),
        "linked": list(item.policies.order_by("pk")),
        "record_form": forms.get("record_form")
        or (
            RecordForm(initial=RecordForm.initial_for(item)) if item.state != "scheduled" else None
        ),
        "attachments": list(item.attachments.all()),
        "upload_form": UploadForm(),
    }
    return render(request, "workbench/briefings/detail.html", context)


@never_cache
@staff_required
def detail(request, pk):
    return _detail(request, _briefing(request, pk))


@staff_required
@require_POST
def speakers(request, pk):
    item = _briefing(request, pk)
    formset = SpeakerFormSet(request.POST, prefix="s")
    if formset.is_valid():
        rows = [f.cleaned_data for f in formset.forms if f.cleaned_data]
        done = run_action(
            request,
            lambda: services.set_speakers(actor=request.user, briefing=item, speakers=rows),
            success=_("已保存发布人。"),
            redirect_to=reverse("workbench:briefings_detail", args=[item.pk]),
            refused_to=None,
        )
        if done:
            return done
    return _detail(request, item, speaker_formset=formset)


@staff_required
@require_POST
def policies(request, pk):
    item = _briefing(request, pk)
    form = PoliciesForm(request.POST)
    if form.is_valid():
        done = run_action(
            request,
            lambda: services.link_policies(actor=request.user, briefing=item, records=form.refs()),
            form=form,
            denied_as_message=True,
            success=_("已保存相关政策文件。"),
            redirect_to=reverse("workbench:briefings_detail", args=[item.pk]),
        )
        if done:
            return done
    return _detail(request, item, policies_form=form)


@staff_required
@require_POST
def held(request, pk):
    item = _briefing(request, pk)
    return run_action(
        request,
        lambda: services.record_held(actor=request.user, briefing=item),
        success=_("已登记为已举行，请填写文字实录。"),
        redirect_to=reverse("workbench:briefings_detail", args=[item.pk]),
    )


@staff_required
@require_POST
def record(request, pk):
    item = _briefing(request, pk)
    form = RecordForm(request.POST)
    if form.is_valid():
        done = run_action(
            request,
            lambda: services.save_record(
                actor=request.user,
                briefing=item,
                transcript=form.cleaned_data["transcript"],
                media_links=form.media_links(),
            ),
            form=form,
            success=_("已保存文字实录和链接。"),
            redirect_to=reverse("workbench:briefings_detail", args=[item.pk]),
        )
        if done:
            return done
    return _detail(request, item, record_form=form)


@staff_required
@require_POST
def publish(request, pk):
    item = _briefing(request, pk)
    return run_action(
        request,
        lambda: services.publish_briefing(actor=request.user, briefing=item),
        success=_("已发布实录。"),
        redirect_to=reverse("workbench:briefings_detail", args=[item.pk]),
    )


@staff_required
@require_POST
def attach(request, pk):
    item = _briefing(request, pk)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
        return redirect("workbench:briefings_detail", pk=item.pk)
    return run_action(
        request,
        lambda: services.attach_file(
            actor=request.user, briefing=item, uploaded_file=form.cleaned_data["file"]
        ),
        success=lambda attachment: _("已上传：%(name)s") % {"name": attachment.original_name},
        redirect_to=reverse("workbench:briefings_detail", args=[item.pk]),
    )


@staff_required
@require_POST
def detach(request, pk, attachment_pk):
    item = _briefing(request, pk)
    attachment = next((a for a in item.attachments.all() if a.pk == attachment_pk), None)
    if attachment is None:
        raise Http404(_("该附件不存在。"))
    return run_action(
        request,
        lambda: services.remove_file(actor=request.user, briefing=item, attachment=attachment),
        success=_("已删除附件。"),
        redirect_to=reverse("workbench:briefings_detail", args=[item.pk]),
    )


@never_cache
@staff_required
def coverage_page(request):
    if not can_anywhere(request.user, "briefing.coverage"):
        raise PermissionDenied(_("您没有查看主要负责人宣讲情况的权限。"))
    this_year = clock.today().year
    form = YearForm(request.GET or None)
    year = form.cleaned_data["year"] if form.is_valid() else this_year
    rows = coverage_for_user(request.user, year)
    context = {
        "year": year,
        "years": list(range(this_year, this_year - 5, -1)),
        "rows": rows,
        "flagged": sum(1 for r in rows if r.flagged),
    }
    return render(request, "workbench/briefings/coverage.html", context)
