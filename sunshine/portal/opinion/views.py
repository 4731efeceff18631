"""回应关切 (/hygz/): the government's published responses to public-opinion events, with the
agency and the time, and one page per event with its responses. Thin: the public selectors
return only published responses and never the captured items, sentiment or internal clocks."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.participation.opinion.selectors import public_event, public_responses

from ..pagecache import anonymous_page_cache, render_context

PAGE_SIZE = 20
COLUMN = {
    "current_column": "xwfb",
    "column_name": gettext_lazy("回应关切"),
    "column_type": gettext_lazy("回应关切"),
}


def excerpt(text: str, length: int = 160) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


@anonymous_page_cache
def response_list(request):
    page = Paginator(public_responses(), PAGE_SIZE).get_page(request.GET.get("page"))
    for response in page.object_list:
        response.excerpt = excerpt(response.text)
    context = {**COLUMN, "article_title": _("回应关切"), "page": page}
    return render(request, "portal/opinion/list.html", render_context(request, context))


@anonymous_page_cache
def event_detail(request, pk):
    found = public_event(pk)
    if found is None:
        raise Http404(_("该回应不存在或尚未公开。"))
    event, responses = found
    for response in responses:
        response.paragraphs = [p.strip() for p in response.text.splitlines() if p.strip()]
    latest = timezone.localtime(responses[-1].responded_at)
    context = {
        **COLUMN,
        "event": event,
        "responses": responses,
        "article_title": event.title,
        "pub_date": f"{latest:%Y-%m-%d %H:%M}",
        "content_source": event.responsible_agency.name,
        "description": excerpt(responses[0].text, 120),
    }
    return render(request, "portal/opinion/detail.html", render_context(request, context))
