"""数据开放 on the portal: the catalog search with facets (/sjkf/: 机关, 主题, 格式, 开放属性),
a dataset page (metadata, 字段说明, the first rows, downloads, API examples, quality score with
its formula, versions), downloads, the Atom feed of new datasets, and for signed-in users the
有条件开放 application and their grants with the API key they draw."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sunshine.kernel.accounts.forms import save_form
from sunshine.opendata.datasets import datapackage as data_package
from sunshine.opendata.datasets import selectors, services
from sunshine.opendata.datasets.choices import (
    FORMAT_MEDIA_TYPES,
    OpenClass,
    Topic,
)
from sunshine.opendata.datasets.quality import FORMULA

from ..feeds import AtomEntry, AtomFeed, atom_response, excerpt, tag_uri
from ..pagecache import anonymous_page_cache, render_context
from .forms import ApplicationForm

PAGE_SIZE = 20
FEED_SIZE = 50
COLUMN = {
    "current_column": "zwgk",
    "column_name": gettext_lazy("数据开放"),
    "column_type": gettext_lazy("政务公开"),
}
FILTERS = ("organization", "groups", "res_format", "open_class", "tags")
SORTS = {
    "": "metadata_modified desc",
    "new": "metadata_created desc",
    "downloads": "views_total desc",
    "quality": "quality_score desc",
    "name": "title_string asc",
}


@anonymous_page_cache
def dataset_list(request):
    q = request.GET.get("q", "").strip()[:100]
    filters = {key: request.GET.get(key, "").strip()[:100] for key in FILTERS}
    sort = request.GET.get("sort", "")
    try:
        page = max(1, int(request.GET.get("page") or 1))
    except ValueError:
        page = 1
    try:
        found = selectors.search(
            q=q.replace(":", " "),
            filters={k: v for k, v in filters.items() if v},
            sort=SORTS.get(sort, SORTS[""]),
            rows=PAGE_SIZE,
            start=(page - 1) * PAGE_SIZE,
            facet_fields=("organization", "groups", "res_format", "open_class"),
        )
    except selectors.SearchQueryError:
        raise Http404(_("无法识别的查询条件。")) from None
    pages = max(1, -(-found.count // PAGE_SIZE))
    kept = {k: v for k, v in {"q": q, **filters, "sort": sort}.items() if v}

    def link(**changes):
        params = {**kept, **changes}
        return "?" + urlencode({k: v for k, v in params.items() if v})

    facets = []
    labels = {
        "organization": _("提供机关"),
        "groups": _("主题"),
        "res_format": _("格式"),
        "open_class": _("开放属性"),
    }
    for name, items in found.facets.items():
        facets.append(
            {
                "name": name,
                "label": labels[name],
                "items": [
                    {
                        "value": value,
                        "label": label,
                        "count": count,
                        "active": filters.get(name) == value,
                        "url": link(
                            **{name: "" if filters.get(name) == value else value, "page": ""}
                        ),
                    }
                    for value, label, count in items
                ],
            }
        )
    context = {
        **COLUMN,
        "q": q,
        "filters": filters,
        "sort": sort,
        "sorts": [
            ("", _("最近更新")),
            ("new", _("最新发布")),
            ("downloads", _("下载最多")),
            ("quality", _("质量评分")),
            ("name", _("名称")),
        ],
        "found": found,
        "facets": facets,
        "page": page,
        "pages": pages,
        "prev_url": link(page=page - 1) if page > 1 else "",
        "next_url": link(page=page + 1) if page < pages else "",
        "article_title": _("数据开放"),
        "keywords": _("数据开放,政府数据资源目录,公共数据,开放数据,CKAN,DCAT"),
        "description": _(
            "各机关的政府数据资源目录，可按机关、主题、格式和开放属性查找、下载和调用。"
        ),
    }
    return render(request, "portal/opendata/list.html", render_context(request, context))


def _dataset(name):
    dataset = selectors.public_dataset(name)
    if dataset is None:
        raise Http404(_("该数据资源不存在或已撤回。"))
    return dataset


def _may_use(request, dataset) -> bool:
    if dataset.open_class == OpenClass.UNCONDITIONAL:
        return True
    if dataset.open_class == OpenClass.CONDITIONAL:
        return selectors.grant_of_user(request.user, dataset) is not None
    return False


def dataset_detail(request, name):
    dataset = _dataset(name)
    resources = list(dataset.resources.all())
    may_use = _may_use(request, dataset)
    tabular = next((r for r in resources if r.datastore_active), None)
    fields = list(dataset.fields.all())
    preview = selectors.preview_rows(tabular, 10) if tabular and may_use else []
    quality = selectors.quality_of(dataset)
    api = request.build_absolute_uri("/api/3/action/")
    context = {
        **COLUMN,
        "dataset": dataset,
        "resources": resources,
        "fields": fields,
        "tabular": tabular,
        "preview": [[row.get(f.name) for f in fields] for row in preview],
        "may_use": may_use,
        "quality": quality,
        "formula": FORMULA,
        "quality_parts": [
            (_("完整性"), round(quality.completeness * 100)),
            (_("及时性"), round(quality.timeliness * 100)),
            (_("开放性"), round(quality.openness * 100)),
        ],
        "versions": list(selectors.versions_of(dataset)[:20]),
        "grant": selectors.grant_of_user(request.user, dataset),
        "pending": selectors.pending_application(request.user, dataset),
        "api_show": f"{api}package_show?id={dataset.name}",
        "datapackage_url": reverse("portal:opendata_datapackage", args=[dataset.name])
        if data_package.has_package(dataset, resources)
        else "",
        "api_datastore": f"{api}datastore_search?resource_id={tabular.uuid}&limit=5"
        if tabular
        else "",
        "topic_label": dict(Topic.choices).get(dataset.topic),
        "article_title": dataset.title,
        "content_source": dataset.agency.name,
        "author": dataset.agency.name,
        "pub_date": dataset.published_at.date().isoformat() if dataset.published_at else "",
        "keywords": ",".join(dataset.tags),
        "description": dataset.notes[:120],
    }
    return render(request, "portal/opendata/detail.html", context)


def datapackage(request, name):
    """The dataset's Frictionless Data Package (datapackage.json): schema, license, file URLs."""
    dataset = _dataset(name)
    resources = list(dataset.resources.all())
    if not data_package.has_package(dataset, resources):
        raise Http404(_("该数据资源没有可下载的数据文件。"))
    package = data_package.build(
        dataset,
        list(dataset.fields.all()),
        resources,
        url_of=lambda r: request.build_absolute_uri(
            reverse("portal:opendata_download", args=[dataset.name, r.uuid])
        ),
        homepage=request.build_absolute_uri(reverse("portal:opendata_detail", args=[name])),
    )
    response = JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def resource_page(request, name, rid):
    dataset = _dataset(name)
    if not any(str(r.uuid) == str(rid) for r in dataset.resources.all()):
        raise Http404(_("该数据文件不存在。"))
    return redirect(reverse("portal:opendata_detail", args=[name]) + f"#r-{rid}")


def download(request, name, rid):
    resource = selectors.public_resource(str(rid))
    if resource is None or resource.dataset.name != name or resource.attachment is None:
        raise Http404(_("该数据文件不存在。"))
    dataset = resource.dataset
    if dataset.open_class == OpenClass.CONDITIONAL:
        key = request.headers.get("Authorization") or request.headers.get("X-CKAN-API-Key") or ""
        allowed = (key and services.use_key(key, dataset) is not None) or (
            selectors.grant_of_user(request.user, dataset) is not None
        )
        if not allowed:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied(_("有条件开放数据，请先申请使用。"))
    services.record_download(resource)
    response = FileResponse(
        resource.attachment.file.open("rb"),
        as_attachment=True,
        filename=resource.filename,
        content_type=FORMAT_MEDIA_TYPES.get(resource.format, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@anonymous_page_cache
def dataset_feed(request):
    site = request.site
    host = site.host or request.get_host()
    list_url = request.build_absolute_uri(reverse("portal:opendata_list"))
    entries = [
        AtomEntry(
            id=tag_uri(host, d.published_at, f"sjkf/{d.uuid}"),
            title=d.title,
            link=request.build_absolute_uri(reverse("portal:opendata_detail", args=[d.name])),
            published=d.published_at,
            updated=max(d.modified_at, d.published_at),
            summary=excerpt(d.notes, 160),
            author=d.agency.name,
            categories=[str(d.get_open_class_display()), str(d.get_topic_display())],
        )
        for d in selectors.newest(FEED_SIZE)
    ]
    feed = AtomFeed(
        id=list_url,
        title=_("%(site)s · 数据开放") % {"site": site.name},
        subtitle=_("新发布的政府数据资源"),
        alternate=list_url,
        self_link=request.build_absolute_uri(request.path),
        author=site.sponsor or site.name,
        entries=entries,
    )
    return atom_response(feed)


def apply(request, name):
    dataset = _dataset(name)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if dataset.open_class != OpenClass.CONDITIONAL:
        raise Http404(_("该数据无需申请。"))
    pending = selectors.pending_application(request.user, dataset)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and pending is None and form.is_valid():

        def save(**data):
            return services.submit_application(dataset=dataset, applicant=request.user, **data)

        if save_form(form, save) is not None:
            messages.success(request, _("申请已提交，提供机关将在规定时限内审核，结果会通知您。"))
            return redirect("portal:opendata_my")
    context = {
        **COLUMN,
        "dataset": dataset,
        "form": form,
        "pending": pending,
        "article_title": _("申请使用：%(title)s") % {"title": dataset.title},
    }
    return render(request, "portal/opendata/apply.html", context)


def _my_page(request, new_key=None):
    context = {
        **COLUMN,
        "applications": list(selectors.applications_of(request.user)[:100]),
        "article_title": _("我的数据申请"),
        "new_key": new_key,
    }
    response = render(request, "portal/opendata/my.html", context)
    response["Cache-Control"] = "no-store"
    return response


def my_data(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _my_page(request)


@require_POST
def grant_key(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("portal:opendata_my"))
    grant = selectors.grant_for_owner(request.user, pk)
    if grant is None:
        raise Http404
    try:
        key = services.issue_key(grant=grant, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("portal:opendata_my")
    # Shown once, in this answer (not cached); only its hash is kept.
    return _my_page(request, new_key={"grant": grant.pk, "key": key})


@require_POST
def withdraw(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("portal:opendata_my"))
    application = selectors.application_for_owner(request.user, pk)
    if application is None:
        raise Http404
    try:
        services.withdraw_application(application=application, actor=request.user)
        messages.success(request, _("申请已撤回。"))
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect("portal:opendata_my")
