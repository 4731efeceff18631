"""网民留言 on the portal: the public list (/hdjl/ly/) and detail of published messages
(masked text only), the write form (login), the category suggestion (JSON, for the form's
script; the form also works without it), and the author's own messages with the rating form."""

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sunshine.kernel.access.ratelimit import over_limit
from sunshine.kernel.accounts.forms import attach_errors
from sunshine.kernel.ratings.forms import RatingForm
from sunshine.kernel.ratings.selectors import ratings_for
from sunshine.kernel.sites.scope import within_site
from sunshine.participation.messages import selectors, services
from sunshine.participation.messages.choices import BODY_MAX, SUBJECT_MAX
from sunshine.participation.messages.suggestions import suggest
from sunshine.participation.messages.workflow import MessageState

from ..pagecache import anonymous_page_cache, render_context
from .forms import MessageForm

PAGE_SIZE = 20
SUGGEST_PER_MINUTE = 30
COLUMN = {
    "current_column": "hdjl",
    "column_name": gettext_lazy("网民留言"),
    "column_type": gettext_lazy("互动交流"),
}
PUBLIC_STATE_CHOICES = [
    (MessageState.REPLIED, gettext_lazy("已答复")),
    (MessageState.CLOSED, gettext_lazy("已办结")),
    (MessageState.ARCHIVED, gettext_lazy("历史留言")),
]


def summary(text: str, length: int = 120) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@anonymous_page_cache
def message_list(request):
    categories = selectors.public_categories()
    agencies = selectors.public_agencies()
    category = request.GET.get("category", "")
    state = request.GET.get("state", "")
    filters = selectors.PublicFilters(
        q=request.GET.get("q", "").strip()[:50],
        category=category if category in categories else "",
        agency=_int(request.GET.get("agency")),
        state=state if state in dict(PUBLIC_STATE_CHOICES) else "",
    )
    page = Paginator(within_site(selectors.public_messages(filters), request), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        **COLUMN,
        "article_title": _("网民留言"),
        "page": page,
        "filters": filters,
        "categories": categories,
        "agencies": agencies,
        "states": PUBLIC_STATE_CHOICES,
        "query": query.urlencode(),
    }
    return render(request, "portal/messages/list.html", render_context(request, context))


@anonymous_page_cache
def message_detail(request, pk):
    message = selectors.public_message(pk)
    if message is None:
        raise Http404(_("该留言不存在或尚未公开。"))
    replies = message.published_replies
    context = {
        **COLUMN,
        "message": message,
        "reply": replies[-1] if replies else None,
        "paragraphs": [p.strip() for p in message.public_body.splitlines() if p.strip()],
        "article_title": message.public_subject,
        "pub_date": f"{timezone.localtime(message.published_at or message.submitted_at):%Y-%m-%d %H:%M}",
        "content_source": getattr(message.agency, "name", "") or _("网民留言"),
        "keywords": message.category or _("网民留言"),
        "description": summary(message.public_body) or message.public_subject,
    }
    return render(request, "portal/messages/detail.html", render_context(request, context))


def _suggestion_for(subject: str, body: str):
    if len((subject or "") + (body or "")) < 6:
        return None
    return suggest(subject[:SUBJECT_MAX], body[:BODY_MAX])


@login_required
def message_write(request):
    form = MessageForm(request.POST or None, request.FILES or None)
    suggestion = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("action") == "suggest":
            suggestion = _suggestion_for(data["subject"], data["body"])
        else:
            try:
                message = services.submit_message(
                    author=request.user,
                    subject=data["subject"],
                    body=data["body"],
                    agency=data["agency"],
                    is_public=data["is_public"],
                    attachments=data["attachments"],
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            else:
                flash.success(
                    request,
                    _("留言已提交（编号 %(pk)s）。答复后我们会通知您。") % {"pk": message.pk},
                )
                return redirect("portal:messages_mine")
    context = {
        **COLUMN,
        "article_title": _("我要留言"),
        "form": form,
        "suggestion": suggestion,
        "subject_max": SUBJECT_MAX,
        "body_max": BODY_MAX,
    }
    return render(request, "portal/messages/write.html", context)


def rate_limited(request, per_minute: int = SUGGEST_PER_MINUTE) -> bool:
    # Per visitor (behind our trusted proxies), not per proxy: kernel.access.client.
    return over_limit(request, "messages.suggest", limit=per_minute, window=60)


@require_POST
def message_suggest(request):
    """{"category", "probability", "agency": {"id", "name"} | null} for the typed text."""
    if rate_limited(request):
        return JsonResponse({"error": _("请求过于频繁，请稍后再试。")}, status=429)
    subject = request.POST.get("subject", "")
    body = request.POST.get("body", "")
    proposal = _suggestion_for(subject, body)
    if proposal is None:
        return JsonResponse({"category": "", "probability": None, "agency": None})
    agency = proposal.agency
    return JsonResponse(
        {
            "category": proposal.category,
            "probability": round(proposal.probability or 0, 3),
            "agency": {"id": agency.pk, "name": agency.name} if agency else None,
        }
    )


@login_required
def my_messages(request):
    page = Paginator(selectors.my_messages(request.user), 10).get_page(request.GET.get("page"))
    for message in page.object_list:
        message.my_ratings = list(ratings_for(message))
        message.can_rate = message.state == MessageState.REPLIED and not any(
            r.step == services.rating_step(message) for r in message.my_ratings
        )
    context = {
        **COLUMN,
        "article_title": _("我的留言"),
        "page": page,
        "rating_form": RatingForm(),
    }
    return render(request, "portal/messages/mine.html", context)


@login_required
@require_POST
def message_rate(request, pk):
    message = selectors.my_message(request.user, pk)
    if message is None:
        raise Http404(_("该留言不存在。"))
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            services.rate_reply(
                message=message,
                rater=request.user,
                level=form.cleaned_data["level"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            message.refresh_from_db()
            if message.state == MessageState.ASSIGNED:
                flash.info(request, _("感谢评价。您对答复不满意，留言已退回承办单位重新办理。"))
            else:
                flash.success(request, _("感谢您的评价，留言已办结。"))
            return redirect(reverse("portal:messages_mine") + f"#m{message.pk}")
    context = {
        **COLUMN,
        "article_title": _("评价答复"),
        "message": message,
        "rating_form": form,
    }
    return render(request, "portal/messages/rate.html", context, status=400)
