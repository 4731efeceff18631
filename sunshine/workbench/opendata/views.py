"""Staff pages of 数据开放: the agencies' 数据资源目录 (list, new entry, metadata, 字段说明,
resources, publish / withdraw), the review queue of 有条件开放 applications (on their clocks),
the grants (revoke), and the yearly catalog reviews. Thin: scoped selectors for reads (404
outside one's agencies), services for writes (run_action)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sunshine.kernel.access.policy import agencies_for, can
from sunshine.kernel.deadlines.selectors import open_clock
from sunshine.opendata.datasets import selectors, services, sources
from sunshine.opendata.datasets.choices import ApplicationStatus, DatasetState
from sunshine.opendata.datasets.rules import ACCESS_REVIEW, CATALOG_REVIEW

from ..access import may_anywhere, staff_required
from ..actions import run_action
from .forms import (
    ApproveForm,
    DatasetForm,
    GeneratedDatasetForm,
    NewDatasetForm,
    NoteForm,
    ReasonForm,
    ResourceForm,
    ReviewForm,
    SchemaForm,
)

PAGE_SIZE = 30


def _require_view(user) -> None:
    if not may_anywhere(user, "dataset.view_staff"):
        raise PermissionDenied(_("您没有查看数据开放的权限。"))


def _dataset(request, pk):
    _require_view(request.user)
    dataset = selectors.staff_dataset(request.user, pk)
    if dataset is None:
        raise Http404(_("该数据资源不存在，或不在您的权限范围内。"))
    return dataset


def _detail_url(dataset) -> str:
    return reverse("workbench:opendata_detail", args=[dataset.pk])


@never_cache
@staff_required
def dataset_list(request):
    _require_view(request.user)
    q = request.GET.get("q", "").strip()[:100]
    state = request.GET.get("state", "")
    datasets = selectors.staff_datasets(request.user, q=q, state=state)
    page = Paginator(datasets, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "q": q,
        "state": state,
        "states": DatasetState.choices,
        "may_create": may_anywhere(request.user, "dataset.edit"),
        "may_generate": bool(sources.choices()) and may_anywhere(request.user, "dataset.edit"),
        "may_review": may_anywhere(request.user, "dataset.review_access"),
    }
    return render(request, "workbench/opendata/list.html", context)


def _metadata(data: dict) -> dict:
    return {k: v for k, v in data.items() if k not in ("agency", "name")}


@never_cache
@staff_required
def dataset_create(request):
    _require_view(request.user)
    agencies = agencies_for(request.user, "dataset.edit").order_by("path")
    if not agencies.exists():
        raise PermissionDenied(_("您没有维护数据资源目录的权限。"))
    form = NewDatasetForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            lambda: services.create_dataset(
                agency=data["agency"], actor=request.user, name=data["name"], **_metadata(data)
            ),
            form=form,
            success=_("已创建数据资源。请填写字段说明并上传数据文件。"),
            redirect_to=_detail_url,
        )
        if done:
            return done
    return render(request, "workbench/opendata/form.html", {"form": form, "dataset": None})


@never_cache
@staff_required
def dataset_generate(request):
    """A new entry generated from the platform's own public data (e.g. 双公示)."""
    _require_view(request.user)
    agencies = agencies_for(request.user, "dataset.edit").order_by("path")
    if not agencies.exists():
        raise PermissionDenied(_("您没有维护数据资源目录的权限。"))
    form = GeneratedDatasetForm(request.POST or None, agencies=agencies, sources=sources.choices())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_action(
            request,
            lambda: services.create_generated_dataset(
                agency=data["agency"],
                actor=request.user,
                source=data["source"],
                name=data["name"],
                title=data["title"],
            ),
            form=form,
            success=lambda d: (
                _("已生成数据资源，共 %(n)s 行。请核对后发布。")
                % {"n": max([r.row_count for r in d.resources.all()] or [0])}
            ),
            redirect_to=_detail_url,
        )
        if done:
            return done
    return render(request, "workbench/opendata/generate.html", {"form": form})


@require_POST
@staff_required
def dataset_refresh(request, pk):
    dataset = _dataset(request, pk)

    def refresh():
        return services.refresh_generated(dataset=dataset, actor=request.user)

    return run_action(
        request,
        refresh,
        success=lambda changed: _("数据已更新。") if changed else _("来源数据没有变化。"),
        redirect_to=_detail_url(dataset),
    )


@never_cache
@staff_required
def dataset_edit(request, pk):
    dataset = _dataset(request, pk)
    initial = {
        field: getattr(dataset, field)
        for field in DatasetForm.base_fields
        if field not in ("tags",)
    }
    initial["tags"] = "，".join(dataset.tags)
    form = DatasetForm(request.POST or None, initial=initial)
    form.fields["name"].disabled = True
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: services.update_dataset(
                dataset=dataset, actor=request.user, **_metadata(form.cleaned_data)
            ),
            form=form,
            success=_("已保存。"),
            redirect_to=_detail_url,
        )
        if done:
            return done
    return render(request, "workbench/opendata/form.html", {"form": form, "dataset": dataset})


@never_cache
@staff_required
def dataset_detail(request, pk):
    dataset = _dataset(request, pk)
    fields = list(dataset.fields.all())
    schema_text = "\n".join(
        "|".join([f.name, f.title, f.type, f.unit, f.description]) for f in fields
    )
    context = {
        "dataset": dataset,
        "fields": fields,
        "resources": list(dataset.resources.all()),
        "versions": list(selectors.versions_of(dataset)[:20]),
        "quality": selectors.quality_of(dataset),
        "schema_form": SchemaForm(initial={"schema": schema_text}),
        "resource_form": ResourceForm(),
        "publish_form": NoteForm(),
        "withdraw_form": ReasonForm(),
        "may_edit": can(request.user, "dataset.edit", dataset),
        "may_publish": can(request.user, "dataset.publish", dataset),
        "source_label": dict(sources.choices()).get(dataset.source, dataset.source),
    }
    return render(request, "workbench/opendata/detail.html", context)


@require_POST
@staff_required
def dataset_schema(request, pk):
    dataset = _dataset(request, pk)
    form = SchemaForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("schema", []):
            messages.error(request, error)
        return redirect(_detail_url(dataset))
    return run_action(
        request,
        lambda: services.set_schema(
            dataset=dataset, actor=request.user, fields=form.cleaned_data["schema"]
        ),
        success=_("已保存字段说明。"),
        redirect_to=_detail_url(dataset),
    )


@require_POST
@staff_required
def resource_add(request, pk):
    dataset = _dataset(request, pk)
    form = ResourceForm(request.POST, request.FILES)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}：{error}" if label else error)
        return redirect(_detail_url(dataset))
    data = form.cleaned_data
    upload = data.get("file")
    return run_action(
        request,
        lambda: services.add_resource(
            dataset=dataset,
            actor=request.user,
            name=data["name"],
            format=data["format"],
            content=upload.read() if upload else None,
            filename=upload.name if upload else "",
            url=data.get("url") or "",
            description=data.get("description") or "",
        ),
        success=lambda r: _("已添加“%(name)s”，%(n)s 行。") % {"name": r.name, "n": r.row_count},
        redirect_to=_detail_url(dataset),
    )


@require_POST
@staff_required
def resource_delete(request, pk, resource_pk):
    dataset = _dataset(request, pk)
    resource = selectors.staff_resource(request.user, dataset, resource_pk)
    if resource is None:
        raise Http404
    return run_action(
        request,
        lambda: services.delete_resource(resource=resource, actor=request.user),
        success=_("已删除数据文件。"),
        redirect_to=_detail_url(dataset),
    )


@require_POST
@staff_required
def dataset_publish(request, pk):
    dataset = _dataset(request, pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    return run_action(
        request,
        lambda: services.publish_dataset(dataset=dataset, actor=request.user, note=note),
        success=lambda v: _("已发布第 %(n)s 版。") % {"n": v.number},
        redirect_to=_detail_url(dataset),
    )


@require_POST
@staff_required
def dataset_withdraw(request, pk):
    dataset = _dataset(request, pk)
    reason = request.POST.get("reason", "")
    return run_action(
        request,
        lambda: services.withdraw_dataset(dataset=dataset, actor=request.user, reason=reason),
        success=_("已撤回。"),
        redirect_to=_detail_url(dataset),
    )


# --- 有条件开放 review queue and grants ----------------------------------------------------


def _require_review(user) -> None:
    if not may_anywhere(user, "dataset.review_access"):
        raise PermissionDenied(_("您没有审核数据使用申请的权限。"))


@never_cache
@staff_required
def application_list(request):
    _require_review(request.user)
    status = request.GET.get("status", ApplicationStatus.SUBMITTED)
    context = {
        "applications": selectors.review_queue(request.user, status=status),
        "status": status,
        "statuses": ApplicationStatus.choices,
    }
    return render(request, "workbench/opendata/applications.html", context)


@never_cache
@staff_required
def application_detail(request, pk):
    _require_review(request.user)
    application = selectors.staff_application(request.user, pk)
    if application is None:
        raise Http404(_("该申请不存在，或不在您的权限范围内。"))
    approve_form = ApproveForm(request.POST if request.POST.get("decision") == "approve" else None)
    reject_form = ReasonForm(request.POST if request.POST.get("decision") == "reject" else None)
    url = reverse("workbench:opendata_application", args=[application.pk])
    if request.method == "POST" and approve_form.is_bound and approve_form.is_valid():
        data = approve_form.cleaned_data
        done = run_action(
            request,
            lambda: services.approve_application(
                application=application,
                actor=request.user,
                terms=data["terms"],
                expires_on=data["expires_on"],
            ),
            form=approve_form,
            success=_("已同意，授权已生成；申请人可在“我的数据申请”中生成 API 密钥。"),
            redirect_to=url,
        )
        if done:
            return done
    if request.method == "POST" and reject_form.is_bound and reject_form.is_valid():
        done = run_action(
            request,
            lambda: services.reject_application(
                application=application,
                actor=request.user,
                reason=reject_form.cleaned_data["reason"],
            ),
            form=reject_form,
            success=_("已作出不予同意的决定。"),
            redirect_to=url,
        )
        if done:
            return done
    context = {
        "application": application,
        "clock": open_clock(application, ACCESS_REVIEW),
        "approve_form": approve_form,
        "reject_form": reject_form,
    }
    return render(request, "workbench/opendata/application.html", context)


@never_cache
@staff_required
def grant_list(request):
    _require_review(request.user)
    page = Paginator(selectors.staff_grants(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "workbench/opendata/grants.html", {"page": page})


@require_POST
@staff_required
def grant_revoke(request, pk):
    _require_review(request.user)
    grant = selectors.staff_grant(request.user, pk)
    if grant is None:
        raise Http404
    return run_action(
        request,
        lambda: services.revoke_grant(
            grant=grant, actor=request.user, reason=request.POST.get("reason", "")
        ),
        success=_("已撤销授权，其 API 密钥立即失效。"),
        redirect_to=reverse("workbench:opendata_grants"),
    )


# --- Yearly catalog review ------------------------------------------------------------------


@never_cache
@staff_required
def review_list(request):
    _require_view(request.user)
    agencies = agencies_for(request.user, "dataset.catalog_review").order_by("path")
    if request.method == "POST":
        agency = agencies.filter(pk=request.POST.get("agency") or 0).first()
        if agency is None:
            raise Http404
        return run_action(
            request,
            lambda: services.open_catalog_review(agency=agency, actor=request.user),
            success=_("已开始本年度审核。"),
            redirect_to=lambda review: reverse("workbench:opendata_review", args=[review.pk]),
        )
    context = {"reviews": list(selectors.catalog_reviews(request.user)[:100]), "agencies": agencies}
    return render(request, "workbench/opendata/reviews.html", context)


@never_cache
@staff_required
def review_detail(request, pk):
    _require_view(request.user)
    review = selectors.staff_review(request.user, pk)
    if review is None:
        raise Http404
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: services.complete_catalog_review(
                review=review, actor=request.user, note=form.cleaned_data["note"]
            ),
            form=form,
            success=_("审核已完成。"),
            redirect_to=reverse("workbench:opendata_review", args=[review.pk]),
        )
        if done:
            return done
    context = {
        "review": review,
        "form": form,
        "clock": open_clock(review, CATALOG_REVIEW),
        "datasets": selectors.staff_datasets(request.user).filter(agency=review.agency),
    }
    return render(request, "workbench/opendata/review.html", context)
