"""网站集群 in the workbench: the sites a user may manage (superusers and the general office
every site, a city's 单位管理员 the city's site), each site's identity and columns (which appear
on its home page and in what order), and 推送到子站: a published policy of one site shown in a
column of other sites, with the record of what was pushed where."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sunshine.disclosure.records.selectors import public_records
from sunshine.kernel.sites import selectors, services
from sunshine.kernel.sites.models import SharedItem
from sunshine.kernel.sites.permissions import (
    manageable_sites,
    may_manage_site,
    may_push_from,
)
from sunshine.kernel.sites.resolver import identity_of
from sunshine.kernel.sites.scope import within_site

from ..access import staff_required
from ..actions import run_action
from .forms import ColumnFormSet, PushForm, SiteIdentityForm

PUSH_CHOICES = 50  # the newest records offered for pushing
PUSH_ITEM_TYPE = "record"


def _site(request, pk, check=may_manage_site):
    site = get_object_or_404(selectors.cluster_sites(), pk=pk)
    if not check(request.user, site):
        raise PermissionDenied(_("您没有权限管理“%(site)s”。") % {"site": site.name})
    return site


@never_cache
@staff_required
def site_list(request):
    sites = manageable_sites(request.user, selectors.cluster_sites())
    rows = [(s, may_push_from(request.user, s)) for s in sites]
    return render(request, "workbench/sites/list.html", {"rows": rows})


def _column_initial(site) -> list[dict]:
    return [
        {
            "slug": c.slug,
            "name": c.name,
            "sort": c.sort,
            "on_home": c.on_home,
            "home_sort": c.home_sort,
        }
        for c in site.columns.order_by("sort", "pk")
    ]


def _edit_page(request, site, form=None, formset=None, status=200):
    context = {
        "site": site,
        "form": form or SiteIdentityForm(instance=site),
        "formset": formset or ColumnFormSet(initial=_column_initial(site), prefix="col"),
        "may_push": may_push_from(request.user, site),
        "shared": selectors.pushes_to(site),
    }
    return render(request, "workbench/sites/edit.html", context, status=status)


@never_cache
@staff_required
def site_edit(request, pk):
    site = _site(request, pk)
    if request.method != "POST":
        return _edit_page(request, site)
    form = SiteIdentityForm(request.POST, instance=selectors.cluster_sites().get(pk=site.pk))
    if form.is_valid():
        changes = {f: form.cleaned_data[f] for f in SiteIdentityForm.Meta.fields}
        done = run_action(
            request,
            lambda: services.update_site(actor=request.user, site=site, **changes),
            form=form,
            success=_("已保存“%(site)s”的网站信息。") % {"site": changes["name"]},
            redirect_to=reverse("workbench:sites_edit", args=[site.pk]),
        )
        if done:
            return done
    return _edit_page(request, site, form=form, status=400)


@require_POST
@never_cache
@staff_required
def site_columns(request, pk):
    site = _site(request, pk)
    formset = ColumnFormSet(request.POST, prefix="col")
    if formset.is_valid():
        rows = [f.cleaned_data for f in formset.forms if f.cleaned_data]
        done = run_action(
            request,
            lambda: services.set_columns(actor=request.user, site=site, columns=rows),
            success=_("已保存栏目设置：首页显示 %(n)s 个栏目。")
            % {"n": sum(1 for r in rows if r["on_home"])},
            redirect_to=reverse("workbench:sites_edit", args=[site.pk]),
            refused_to=None,
        )
        if done:
            return done
    return _edit_page(request, site, formset=formset, status=400)


def _push_form(request, site, data=None):
    records = (
        within_site(public_records(), identity_of(site))
        .select_related("agency")
        .values_list("pk", "title", "agency__name", "date_published")[:PUSH_CHOICES]
    )
    targets = selectors.cluster_sites().exclude(pk=site.pk)
    columns = [(c.slug, c.name) for c in site.columns.order_by("sort", "pk")]
    form = PushForm(data, records=list(records), sites=targets, columns=columns)
    if data is None:
        form.initial["column"] = "zcwj"
    return form


@never_cache
@staff_required
def site_push(request, pk):
    site = _site(request, pk, check=may_push_from)
    form = _push_form(request, site, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        record = public_records().filter(pk=form.cleaned_data["record"]).first()
        if record is None:
            form.add_error("record", _("该政策文件已不再公开，不能推送。"))
        else:
            targets = list(form.cleaned_data["sites"])
            done = run_action(
                request,
                lambda: services.push_item(
                    actor=request.user,
                    from_site=site,
                    to_sites=targets,
                    column_slug=form.cleaned_data["column"],
                    item_type=PUSH_ITEM_TYPE,
                    item_id=record.pk,
                    title=record.title,
                    url=reverse("portal:records_detail", args=[record.pk]),
                    date=record.date_published,
                    source_agency=record.agency,
                ),
                form=form,
                success=lambda created: (
                    _("已将“%(title)s”推送到 %(sites)s。")
                    % {"title": record.title, "sites": "、".join(s.site.name for s in created)}
                    if created
                    else _("“%(title)s”已在所选子站的该栏目中，未重复推送。")
                    % {"title": record.title}
                ),
                redirect_to=reverse("workbench:sites_push", args=[site.pk]),
            )
            if done:
                return done
    context = {
        "site": site,
        "form": form,
        "pushes": selectors.pushes_from(site),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "workbench/sites/push.html", context, status=status)


@require_POST
@never_cache
@staff_required
def shared_withdraw(request, pk):
    shared = get_object_or_404(SharedItem.objects.select_related("site", "from_site"), pk=pk)
    back = reverse("workbench:sites_push", args=[shared.from_site_id or shared.site_id])
    title, site_name = shared.title, shared.site.name
    return run_action(
        request,
        lambda: services.withdraw_item(actor=request.user, shared=shared),
        success=_("已从“%(site)s”撤回“%(title)s”。") % {"site": site_name, "title": title},
        redirect_to=back,
    )
