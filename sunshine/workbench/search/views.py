"""检索同义词 (/workbench/search/synonyms/): the general office and the administrators add
groups of words that the site search treats as one (社会保险 社保), on top of the shipped
dictionary, which is listed read-only. In effect at the next search, on every site. Thin: the
kernel search services check the permission, validate and audit."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sunshine.kernel.search import selectors, services, synonyms

from ..access import may_anywhere, staff_required
from ..actions import run_action
from .forms import SynonymChangeForm, SynonymGroupForm

PAGE_SIZE = 50


def _require_manage(user) -> None:
    if not may_anywhere(user, services.MANAGE_SYNONYMS):
        raise PermissionDenied(_("您没有维护检索同义词的权限。"))


@never_cache
@staff_required
def synonym_list(request):
    _require_manage(request.user)
    form = SynonymGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: services.add_synonym_group(actor=request.user, **form.cleaned_data),
            form=form,
            success=lambda g: _("已添加同义词组“%(words)s”，搜索立即生效。") % {"words": g.words},
            redirect_to=reverse("workbench:search_synonyms"),
        )
        if done:
            return done
    groups = selectors.synonym_groups()
    context = {
        "form": form,
        "page": Paginator(groups, PAGE_SIZE).get_page(request.GET.get("page")),
        "shipped": synonyms.file_groups(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "workbench/search/synonyms.html", context, status=status)


@never_cache
@staff_required
def synonym_edit(request, pk):
    _require_manage(request.user)
    group = selectors.synonym_group(pk)
    if group is None:
        raise Http404(_("没有这个同义词组。"))
    initial = {"words": group.words, "note": group.note, "is_active": group.is_active}
    form = SynonymChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            lambda: services.change_synonym_group(
                group=group, actor=request.user, **form.cleaned_data
            ),  # fmt: skip
            form=form,
            success=lambda g: _("已保存同义词组“%(words)s”，搜索立即生效。") % {"words": g.words},
            redirect_to=reverse("workbench:search_synonyms"),
        )
        if done:
            return done
    status = 400 if request.method == "POST" else 200
    return render(
        request, "workbench/search/synonym_edit.html", {"form": form, "group": group},
        status=status,
    )  # fmt: skip
