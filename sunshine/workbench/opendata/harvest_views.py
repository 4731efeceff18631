"""Staff pages of 采集 (harvesting other catalogs into an agency's 数据资源目录): the sources of
one's agencies, a source (edit, run now, its runs), and a run's report. A run started here is a
background job (kernel FileJob); its page reloads itself until the run has ended."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sunshine.kernel.access.policy import agencies_for, can
from sunshine.opendata.datasets import harvest, harvest_selectors
from sunshine.opendata.datasets.harvest_choices import OUTCOMES

from ..access import may_anywhere, staff_required
from ..actions import run_action
from .harvest_forms import HarvestSourceForm

REFRESH_SECONDS = 2
FIELDS = (
    "name",
    "kind",
    "url",
    "organization",
    "schedule",
    "resource_mode",
    "publish",
    "topic",
    "industry",
    "license_id",
    "active",
)


def _require_view(user) -> None:
    if not may_anywhere(user, "dataset.view_staff"):
        raise PermissionDenied(_("您没有查看数据开放的权限。"))


def _source(request, pk):
    _require_view(request.user)
    source = harvest_selectors.staff_source(request.user, pk)
    if source is None:
        raise Http404(_("该采集来源不存在，或不在您的权限范围内。"))
    return source


def _source_url(source) -> str:
    return reverse("workbench:opendata_harvest_source", args=[source.pk])


def _run_url(run) -> str:
    return reverse("workbench:opendata_harvest_run", args=[run.source_id, run.pk])


def _editable_agencies(user):
    agencies = agencies_for(user, "dataset.edit").order_by("path")
    if not agencies.exists():
        raise PermissionDenied(_("您没有维护数据资源目录的权限。"))
    return agencies


@never_cache
@staff_required
def source_list(request):
    _require_view(request.user)
    sources = list(harvest_selectors.staff_sources(request.user))
    latest = harvest_selectors.last_runs(sources)
    context = {
        "rows": [(s, latest.get(s.pk)) for s in sources],
        "may_create": may_anywhere(request.user, "dataset.edit"),
    }
    return render(request, "workbench/opendata/harvest_list.html", context)


@never_cache
@staff_required
def source_create(request):
    _require_view(request.user)
    agencies = _editable_agencies(request.user)
    form = HarvestSourceForm(request.POST or None, request.FILES or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            lambda: harvest.create_source(
                agency=data["agency"],
                actor=request.user,
                upload=data.get("file"),
                **{k: data[k] or ("" if k not in ("publish", "active") else False) for k in FIELDS},
            ),
            form=form,
            success=_("已添加采集来源。可以立即采集。"),
            redirect_to=_source_url,
        )
        if done:
            return done
    return render(request, "workbench/opendata/harvest_form.html", {"form": form, "source": None})


@never_cache
@staff_required
def source_detail(request, pk):
    source = _source(request, pk)
    may_edit = can(request.user, "dataset.edit", source)
    form = None
    if may_edit:
        initial = {k: getattr(source, k) for k in FIELDS} | {"agency": source.agency}
        form = HarvestSourceForm(
            request.POST or None,
            request.FILES or None,
            initial=initial,
            agencies=_editable_agencies(request.user),
            editing=True,
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            done = run_action(
                request,
                lambda: harvest.update_source(
                    source=source,
                    actor=request.user,
                    upload=data.get("file"),
                    **{k: data[k] for k in FIELDS if k != "kind"},
                ),
                form=form,
                success=_("已保存。"),
                redirect_to=_source_url,
            )
            if done:
                return done
    elif request.method == "POST":
        raise PermissionDenied(_("您没有维护数据资源目录的权限。"))
    context = {
        "source": source,
        "form": form,
        "runs": harvest_selectors.runs_of(source),
        "may_edit": may_edit,
    }
    return render(request, "workbench/opendata/harvest_source.html", context)


@require_POST
@staff_required
def source_run(request, pk):
    source = _source(request, pk)
    return run_action(
        request,
        lambda: harvest.start_run(source=source, actor=request.user),
        success=_("已开始采集。"),
        redirect_to=_run_url,
    )


@never_cache
@staff_required
def run_detail(request, pk, run_pk):
    source = _source(request, pk)
    run = harvest_selectors.staff_run(request.user, source, run_pk)
    if run is None:
        raise Http404(_("该采集记录不存在。"))
    items = run.report.get("items", []) if run.report else []
    for item in items:
        item["outcome_label"] = OUTCOMES.get(item["outcome"], item["outcome"])
        item["url"] = (
            reverse("workbench:opendata_detail", args=[item["dataset_pk"]])
            if item.get("dataset_pk")
            else ""
        )
    context = {
        "source": source,
        "run": run,
        "items": items,
        "counts": [
            (OUTCOMES[k], getattr(run, k))
            for k in ("created", "updated", "unchanged", "withdrawn", "failed")
        ],
    }
    response = render(request, "workbench/opendata/harvest_run.html", context)
    if not run.finished:
        response["Refresh"] = str(REFRESH_SECONDS)
    return response
