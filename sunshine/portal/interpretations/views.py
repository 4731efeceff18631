"""政策解读 on the portal: the list (/zcjd/), one interpretation (/zcjd/<id>/), its files and
the Atom feed. Thin: everything public comes from the interpretations selectors, which only
return published interpretations of public records."""

import re

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.disclosure.interpretations.choices import InterpretationKind
from sunshine.disclosure.interpretations.selectors import (
    interpretation_for_public,
    public_attachment,
    public_interpretations,
    public_interpretations_for_record,
)
from sunshine.kernel.files.models import IMAGE_KINDS
from sunshine.kernel.sites.scope import within_site

from ..pagecache import anonymous_page_cache, render_context
from .links import record_url

PAGE_SIZE = 20
COLUMN = {
    "current_column": "zcjd",
    "column_name": gettext_lazy("政策解读"),
    "column_type": gettext_lazy("政策解读"),
}
_AUDIO = re.compile(r"\.(mp3|m4a|aac|wav|ogg|oga)$", re.I)
_VIDEO = re.compile(r"\.(mp4|m4v|webm|ogv)$", re.I)


def summary(text: str, length: int = 120) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"


@anonymous_page_cache
def interpretation_list(request):
    kind = request.GET.get("kind", "")
    if kind not in InterpretationKind.values:
        kind = ""
    items = within_site(public_interpretations(kind=kind or None), request).defer("body")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    for item in page.object_list:
        item.record_url = record_url(item.record)
    context = {
        **COLUMN,
        "article_title": _("政策解读"),
        "page": page,
        "kind": kind,
        "kinds": InterpretationKind.choices,
    }
    return render(request, "portal/interpretations/list.html", render_context(request, context))


def _media(url: str) -> str:
    path = url.split("?", 1)[0]
    if _VIDEO.search(path):
        return "video"
    if _AUDIO.search(path):
        return "audio"
    return "link" if url else ""


@anonymous_page_cache
def interpretation_detail(request, pk):
    item = interpretation_for_public(pk)
    if item is None:
        raise Http404(_("该政策解读不存在或尚未发布。"))
    record = item.record
    attachments = list(item.attachments.all())
    others = [i for i in public_interpretations_for_record(record) if i.pk != item.pk]
    published = timezone.localtime(item.published_at)
    context = {
        **COLUMN,
        "item": item,
        "record": record,
        "record_url": record_url(record),
        "paragraphs": [p.strip() for p in item.body.splitlines() if p.strip()],
        "images": [a for a in attachments if a.kind in IMAGE_KINDS],
        "files": [a for a in attachments if a.kind not in IMAGE_KINDS],
        "media": _media(item.media_url),
        "others": others,
        "article_title": item.title,
        "pub_date": f"{published:%Y-%m-%d %H:%M}",
        "content_source": item.agency.name,
        "author": item.agency.name,
        "keywords": record.keywords or _("政策解读"),
        "description": summary(item.body) or item.title,
    }
    return render(request, "portal/interpretations/detail.html", render_context(request, context))


def interpretation_file(request, pk, attachment_pk):
    """A file of a public interpretation (images inline, documents as downloads)."""
    item = interpretation_for_public(pk)
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
