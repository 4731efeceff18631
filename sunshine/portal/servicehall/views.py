"""办事服务 on the portal (/bsfw/): the hall with themes for persons and enterprises, search,
the 办事指南 of an item with its materials and templates, the online application form, and
the applicant's own applications (timeline, 补正, 好差评). Thin: reads through selectors,
writes through services."""

import re

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sunshine.kernel.accounts.forms import save_form
from sunshine.kernel.ratings.selectors import ratings_for
from sunshine.kernel.ratings.services import rate as rate_service
from sunshine.kernel.search.query import search
from sunshine.kernel.sites.scope import within_site
from sunshine.servicehall.applications import selectors as app_selectors
from sunshine.servicehall.applications import services as app_services
from sunshine.servicehall.catalog import selectors as catalog
from sunshine.servicehall.catalog.choices import Audience
from sunshine.servicehall.catalog.indexing import DOC_TYPE

from ..pagecache import anonymous_page_cache, render_context
from .forms import STEP_LABELS, ApplicationForm, ApplicationRatingForm, CorrectionForm

PAGE_SIZE = 20
COLUMN = {
    "current_column": "bsfw",
    "column_name": gettext_lazy("办事服务"),
    "column_type": gettext_lazy("办事服务"),
}
AUDIENCE_LABELS = {
    Audience.PERSON: gettext_lazy("个人办事"),
    Audience.ENTERPRISE: gettext_lazy("法人办事"),
}
AUDIENCE_URLS = {
    Audience.PERSON: "portal:service_persons",
    Audience.ENTERPRISE: "portal:service_enterprises",
}


def _themes(audience: str) -> list:
    return list(catalog.themes_with_counts(audience))


@anonymous_page_cache
def hall(request):
    items = within_site(catalog.public_items(), request)  # a city's site: its subtree's items
    latest = items.order_by("-published_at")[:10]
    context = {
        **COLUMN,
        "article_title": _("网上办事大厅"),
        "person_themes": _themes(Audience.PERSON),
        "enterprise_themes": _themes(Audience.ENTERPRISE),
        "latest": latest,
        "counts": items.aggregate(total=Count("pk"), online=Count("pk", filter=Q(online=True))),
    }
    return render(request, "portal/services/hall.html", render_context(request, context))


@anonymous_page_cache
def audience_items(request, audience: str, theme: str | None = None):
    themes = _themes(audience)
    current = next((t for t in themes if t.slug == theme), None)
    if theme and current is None:
        raise Http404(_("该主题不存在。"))
    items = within_site(catalog.browse_items(audience=audience, theme=theme), request)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    title = current.name if current else AUDIENCE_LABELS[audience]
    context = {
        **COLUMN,
        "article_title": str(title),
        "audience": audience,
        "audience_label": AUDIENCE_LABELS[audience],
        "audience_url": AUDIENCE_URLS[audience],
        "theme_url": AUDIENCE_URLS[audience] + "_theme",
        "themes": themes,
        "current": current,
        "page": page,
    }
    return render(request, "portal/services/items.html", render_context(request, context))


def item_search(request):
    q = (request.GET.get("q") or "").strip()[:100]
    results = None
    if q:
        try:
            page = max(1, int(request.GET.get("page", 1)))
        except ValueError:
            page = 1
        results = search(q, doc_types=[DOC_TYPE], page=page, per_page=PAGE_SIZE, facets=False)
    context = {**COLUMN, "article_title": _("事项搜索"), "q": q, "results": results}
    return render(request, "portal/services/search.html", context)


def _item_or_404(code: str):
    item = catalog.public_item(code)
    if item is None:
        raise Http404(_("该事项不存在或已撤回。"))
    return item


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


# A step already numbered in the catalogue ("1. 受理", "2、审查", "（3）办结") is shown in a
# numbered list: drop its own number so the page does not read "1. 1. 受理".
_STEP_NUMBER = re.compile(r"^(?:[（(]\s*\d{1,2}\s*[)）]|\d{1,2}\s*[.．、])\s*")


def _steps(text: str) -> list[str]:
    return [_STEP_NUMBER.sub("", line, count=1) or line for line in _lines(text)]


@anonymous_page_cache
def item_detail(request, code: str):
    item = _item_or_404(code)
    context = {
        **COLUMN,
        "item": item,
        "materials": list(item.materials.all()),
        "themes": list(item.themes.all()),
        "guide": {
            "basis": _lines(item.basis),
            "conditions": _lines(item.conditions),
            "procedure": _steps(item.procedure),
            "location": _lines(item.location),
            "fee_standard": _lines(item.fee_standard),
        },
        "article_title": item.name,
        "pub_date": f"{timezone.localtime(item.published_at):%Y-%m-%d %H:%M}",
        "content_source": item.agency.name,
        "author": item.agency.name,
        "keywords": item.name,
        "description": item.summary or item.name,
    }
    return render(request, "portal/services/item.html", render_context(request, context))


def _download(attachment, *, public: bool):
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.mime_type,
        as_attachment=True,
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response


def template_download(request, code, material_pk, attachment_pk):
    attachment = catalog.template_attachment(material_id=material_pk, attachment_id=attachment_pk)
    if attachment is None or attachment.owner.item.code != code:
        raise Http404(_("该文件不存在。"))
    return _download(attachment, public=True)


@login_required
def apply(request, code: str):
    item = _item_or_404(code)
    materials = list(item.materials.all())
    if request.method == "POST":
        form = ApplicationForm(request.POST, request.FILES, materials=materials)
        if form.is_valid():
            data = form.cleaned_data

            def save(**_ignored):
                return app_services.submit_application(
                    item=item,
                    applicant=request.user,
                    applicant_kind=data["applicant_kind"],
                    applicant_name=data["applicant_name"],
                    contact_phone=data["contact_phone"],
                    form_data={"description": data.get("description", "")},
                    files=form.files_given(),
                )

            application = save_form(form, save)
            if application is not None:
                from django.contrib import messages

                messages.success(
                    request,
                    _("申请已提交，办件编号 %(number)s。") % {"number": application.number},
                )
                return redirect("portal:service_my_application", application.number)
    else:
        user = request.user
        enterprise = getattr(user, "kind", "") == "enterprise"
        form = ApplicationForm(
            materials=materials,
            initial={
                "applicant_kind": "enterprise" if enterprise else "person",
                "applicant_name": (user.enterprise_name if enterprise else user.display_name),
                "contact_phone": getattr(user, "mobile", ""),
            },
        )
    context = {**COLUMN, "item": item, "form": form, "article_title": _("在线申请")}
    return render(request, "portal/services/apply.html", context)


@login_required
def my_applications(request):
    apps = app_selectors.my_applications(request.user)
    page = Paginator(apps, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {**COLUMN, "article_title": _("我的办件"), "page": page}
    return render(request, "portal/services/my_list.html", context)


def _mine_or_404(request, number: str):
    application = app_selectors.my_application(request.user, number)
    if application is None:
        raise Http404(_("该办件不存在。"))
    return application


def _open_rating_steps(application, ratings) -> list[str]:
    """The whole application and each finished step, minus what was rated already."""
    from sunshine.servicehall.applications.registration import RATED_STEPS, step_finished_at

    rated = {r.step for r in ratings}
    candidates = [""] + [s for s in RATED_STEPS if step_finished_at(application, s)]
    return [s for s in candidates if s not in rated]


def _detail_context(request, application, *, correction_form=None, rating_form=None) -> dict:
    finished = application.finished_at is not None
    ratings = list(ratings_for(application)) if finished else []
    rating = next((r for r in ratings if not r.step), None)
    steps = _open_rating_steps(application, ratings) if finished else []
    return {
        **COLUMN,
        "article_title": _("办件详情"),
        "application": application,
        "timeline": app_selectors.timeline(application),
        "clocks": app_selectors.step_clocks(application),
        "materials": list(application.submitted_materials.all()),
        "correction_form": correction_form
        or (CorrectionForm() if application.state == "correction" else None),
        "rating": rating,
        "step_ratings": [(STEP_LABELS.get(r.step, r.step), r) for r in ratings if r.step],
        "rating_form": rating_form or (ApplicationRatingForm(steps=steps) if steps else None),
    }


@login_required
def my_application(request, number: str):
    application = _mine_or_404(request, number)
    return render(request, "portal/services/my_detail.html", _detail_context(request, application))


@login_required
@require_POST
def resubmit(request, number: str):
    application = _mine_or_404(request, number)
    form = CorrectionForm(request.POST, request.FILES)
    if form.is_valid():
        done = save_form(
            form,
            lambda **data: app_services.resubmit_application(
                application=application,
                actor=request.user,
                note=data.get("note", ""),
                files=form.files_given(),
            ),
        )
        if done is not None:
            from django.contrib import messages

            messages.success(request, _("补正材料已提交。"))
            return redirect("portal:service_my_application", application.number)
    context = _detail_context(request, application, correction_form=form)
    return render(request, "portal/services/my_detail.html", context, status=400)


@login_required
@require_POST
def rate(request, number: str):
    application = _mine_or_404(request, number)
    form = ApplicationRatingForm(
        request.POST, steps=_open_rating_steps(application, list(ratings_for(application)))
    )
    if form.is_valid():
        done = save_form(
            form,
            lambda **data: rate_service(obj=application, rater=request.user, **data),
        )
        if done is not None:
            from django.contrib import messages

            messages.success(request, _("感谢您的评价。"))
            return redirect("portal:service_my_application", application.number)
    context = _detail_context(request, application, rating_form=form)
    return render(request, "portal/services/my_detail.html", context, status=400)


@login_required
def my_file(request, number: str, attachment_pk: int):
    application = _mine_or_404(request, number)
    material = next(
        (m for m in application.submitted_materials.all() if m.attachment_id == attachment_pk),
        None,
    )
    if material is None:
        raise Http404(_("该文件不存在。"))
    return _download(material.attachment, public=False)
