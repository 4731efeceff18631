"""新闻发布会与访谈 on the portal: the list (/xwfbh/), one briefing with its speakers, transcript,
media links, linked policies and files. Thin: reads through the briefings selectors; the
transcript, media and files show only once published."""

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.kernel.files.models import IMAGE_KINDS
from sunshine.kernel.sites.scope import within_site
from sunshine.participation.briefings.choices import BriefingKind
from sunshine.participation.briefings.selectors import (
    briefing_for_public,
    is_published,
    public_attachment,
    public_briefings,
    public_policies,
)

from ..pagecache import anonymous_page_cache, render_context
from .links import record_url

PAGE_SIZE = 20
COLUMN = {
    "current_column": "xwfb",
    "column_name": gettext_lazy("新闻发布"),
    "column_type": gettext_lazy("新闻发布"),
}


def summary(text: str, length: int = 120) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


@anonymous_page_cache
def briefing_list(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in BriefingKind.values else ""
    items = within_site(public_briefings(kind=kind or None), request)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        **COLUMN,
        "article_title": _("新闻发布会与访谈"),
        "page": page,
        "kind": kind,
        "kinds": BriefingKind.choices,
    }
    return render(request, "portal/briefings/list.html", render_context(request, context))


@anonymous_page_cache
def briefing_detail(request, pk):
    item = briefing_for_public(pk)
    if item is None:
        raise Http404(_("该发布会或访谈不存在。"))
    published = is_published(item)
    policies = list(public_policies(item))
    for record in policies:
        record.public_url = record_url(record)
    attachments = list(item.attachments.all()) if published else []
    when = timezone.localtime(item.scheduled_at)
    context = {
        **COLUMN,
        "item": item,
        "published": published,
        "paragraphs": [p.strip() for p in item.transcript.splitlines() if p.strip()]
        if published
        else [],
        "media": item.media_links if published else [],
        "policies": policies,
        "images": [a for a in attachments if a.kind in IMAGE_KINDS],
        "files": [a for a in attachments if a.kind not in IMAGE_KINDS],
        "article_title": item.title,
        "pub_date": f"{when:%Y-%m-%d %H:%M}",
        "content_source": item.agency.name,
        "author": item.agency.name,
        "description": summary(item.summary or (item.transcript if published else ""))
        or item.title,
    }
    return render(request, "portal/briefings/detail.html", render_context(request, context))


def briefing_file(request, pk, attachment_pk):
    item = briefing_for_public(pk)
    attachment = public_attachment(item, attachment_pk) if item is not None else None
    if attachment is None:
        raise Http404(_("该附件不存在。"))
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.mime_type,
        as_attachment=attachment.kind not in IMAGE_KINDS,
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=300"
    return response
