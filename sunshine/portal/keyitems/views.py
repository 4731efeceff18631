"""公众监督 of 重要职权事项 on the portal: the items the agencies publish (/zyzq/: 重大项目
progress with stages, milestones and spending; 大额资金使用 with its approval chain), one item
with the answered questions, the 大额资金使用 summary, and 我要监督 (a signed-in citizen's
question; rate-limited per client; a refused form keeps the typed text)."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from sunshine.governance.keyitems import questions, selectors
from sunshine.governance.keyitems.choices import QUESTION_MAX, KeyItemKind
from sunshine.governance.keyitems.validation import yuan
from sunshine.kernel.access.client import client_address
from sunshine.kernel.access.ratelimit import over_limit
from sunshine.kernel.accounts.forms import attach_refusal

from ..pagecache import anonymous_page_cache, render_context
from .forms import SuperviseForm

PAGE_SIZE = 20
QUESTIONS_PER_HOUR = 5  # per client (kernel.access.client): an office behind one address fits
COLUMN = {
    "current_column": "zwgk",
    "column_name": gettext_lazy("重要职权事项监督"),
    "column_type": gettext_lazy("政务公开"),
}


@anonymous_page_cache
def item_list(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in KeyItemKind.values else ""
    items = selectors.with_progress(selectors.public_items(kind=kind))
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    for item in page.object_list:
        item.spent_text = yuan(item.spent)
    context = {
        **COLUMN,
        "page": page,
        "kind": kind,
        "kinds": KeyItemKind.choices,
        "article_title": _("重要职权事项监督"),
        "description": _(
            "重大项目、重大审批许可、重要行政执法事项和大额资金使用的进展与公众监督。"
        ),
    }
    return render(request, "portal/keyitems/list.html", render_context(request, context))


def _public(pk):
    item = selectors.public_item(pk)
    if item is None:
        raise Http404(_("该事项不存在或未公开。"))
    return item


def _context(request, item, form) -> dict:
    return {
        **COLUMN,
        "item": item,
        "progress": selectors.progress(item),
        "answered": selectors.answered_questions(item),
        "open_count": selectors.open_question_count(item),
        "mine": selectors.my_questions(request.user, item),
        "form": form,
        "question_max": QUESTION_MAX,
        "article_title": item.title,
        "content_source": item.agency.name,
        "author": item.agency.name,
        "pub_date": f"{item.published_at:%Y-%m-%d}",
        "description": item.summary[:120] or item.title,
    }


@anonymous_page_cache
def item_detail(request, pk):
    item = _public(pk)
    context = _context(request, item, SuperviseForm())
    return render(request, "portal/keyitems/detail.html", render_context(request, context))


@login_required
@require_http_methods(["GET", "POST"])
def supervise(request, pk):
    """我要监督 on one item. Refusals (too many, too short, markup, sensitive words, staff)
    show the form again with the text as typed (status 400)."""
    item = _public(pk)
    form = SuperviseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if over_limit(request, "keyitems.question", limit=QUESTIONS_PER_HOUR, window=3600):
            form.is_valid()  # keep the typed text
            form.add_error(None, _("提交过于频繁，请一小时后再试。"))
        elif form.is_valid():
            try:
                questions.ask_question(
                    author=request.user,
                    item=item,
                    text=form.cleaned_data["text"],
                    client_address=client_address(request),
                )
            except (ValidationError, PermissionDenied) as exc:
                attach_refusal(form, exc)
            else:
                flash.success(
                    request, _("监督意见已提交，承办单位将在5个工作日内答复，答复将在本页公开。")
                )
                return redirect(reverse("portal:keyitems_detail", args=[item.pk]) + "#mine")
    context = _context(request, item, form) | {"article_title": _("我要监督")}
    return render(request, "portal/keyitems/supervise.html", context, status=status)


@anonymous_page_cache
def spending_summary(request):
    rows = selectors.large_spending_summary()
    context = {
        **COLUMN,
        "rows": rows,
        "items": selectors.public_items(kind=KeyItemKind.SPENDING)[:100],
        "article_title": _("大额资金使用情况"),
        "description": _("各机关公开的大额资金使用事项、金额与审批情况。"),
    }
    return render(request, "portal/keyitems/spending.html", render_context(request, context))
