"""政策文件 on the portal: the list (/zcwj/), one record (/zcwj/<id>/) and its attachments.
Thin: everything comes from the records selectors, which only return published 主动公开
records; anything else is a 404, whatever the URL."""

from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.disclosure.records.selectors import (
    public_records,
    public_related,
    public_revision_history,
    record_for_public,
)
from sunshine.kernel.files.selectors import attachments_for
from sunshine.kernel.sites.scope import within_site

from ..feeds import excerpt
from ..pagecache import anonymous_page_cache, render_context
from .filters import RecordFilterForm
from .panels import panels_for

PAGE_SIZE = 20
COLUMN = {
    "current_column": "zcwj",
    "column_name": gettext_lazy("政策文件"),
    "column_type": gettext_lazy("政策文件"),
}


@anonymous_page_cache
def record_list(request):
    form = RecordFilterForm(request.GET)
    records = within_site(public_records(**form.selector_kwargs()), request)
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        **COLUMN,
        "article_title": _("政策文件"),
        "description": _("%(site)s发布的政策文件") % {"site": request.site.name},
        "form": form,
        "page": page,
        "filter_query": form.query_string(),
        "filtered": bool(form.query_string()),
    }
    return render(request, "portal/records/list.html", render_context(request, context))


def _validity_text(record) -> str:
    label = record.get_validity_display()
    if record.validity_date and record.validity != "valid":
        return _("%(label)s（%(date)s起）") % {"label": label, "date": f"{record.validity_date}"}
    return str(label)


@anonymous_page_cache
def record_detail(request, pk):
    record = record_for_public(pk)
    if record is None:
        raise Http404(_("该政府信息不存在或未公开。"))
    published = record.published_at and timezone.localtime(record.published_at)
    history = list(public_revision_history(record))
    context = {
        **COLUMN,
        "record": record,
        "version": record.current_version,
        "validity_text": _validity_text(record),
        "paragraphs": [p.strip() for p in record.body.splitlines() if p.strip()],
        "attachments": list(attachments_for(record)),
        "related": list(public_related(record)),
        "history": history if len(history) > 1 else [],
        "panels": panels_for(record),
        "article_title": record.title,
        "pub_date": f"{record.date_published:%Y-%m-%d}",
        "published": published,
        "content_source": record.issuer.name,
        "author": record.agency.name,
        "keywords": record.keywords or record.get_topic_display(),
        "description": excerpt(record.body, 120) or record.title,
    }
    return render(request, "portal/records/detail.html", render_context(request, context))


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded> (RFC 6266
    and RFC 5987): browsers use the UTF-8 name, old clients a readable ASCII one."""
    kind = "inline" if inline else "attachment"
    stem, dot, ext = filename.rpartition(".")
    fallback = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_"
        for c in (stem if dot else filename)
    )
    fallback = (fallback.strip("_ ") or "attachment") + ("." + ext if dot and ext.isascii() else "")
    if filename == fallback:
        return f'{kind}; filename="{fallback}"'
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def record_file(request, pk, attachment_pk):
    """An attachment of a public record, under its original name; 404 for anything else."""
    record = record_for_public(pk)
    if record is None:
        raise Http404(_("该附件不存在。"))
    attachment = attachments_for(record).filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404(_("该附件不存在。"))
    try:
        handle = attachment.file.open("rb")
    except OSError:
        raise Http404(_("该附件文件暂时无法读取。")) from None
    response = FileResponse(handle, content_type=attachment.mime_type)
    response["Content-Disposition"] = content_disposition(attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    # Public, but short-lived: a withdrawn record's files must stop being served soon.
    response["Cache-Control"] = "public, max-age=300"
    return response
