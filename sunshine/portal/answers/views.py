"""公开答复库 on the portal (/ysqgk/gkdf/): the list with a search box and an agency filter, the
detail page with the released files, and the file download. Thin: reads through the answers
selectors, which never return a withdrawn answer."""

import math
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.disclosure.answers import selectors

from ..pagecache import anonymous_page_cache, render_context

PER_PAGE = 20
MAX_PAGE = 500
COLUMN = {
    "current_column": "ysqgk",
    "column_name": gettext_lazy("公开答复库"),
    "column_type": gettext_lazy("依申请公开"),
}


@dataclass
class Page:
    number: int
    total: int
    per_page: int

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages


def _positive(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 1 else None


@anonymous_page_cache
def answer_list(request):
    agencies = selectors.answering_agencies()
    q = " ".join(str(request.GET.get("q", "")).split())[:100]
    agency = _positive(request.GET.get("agency"))
    if agency not in {pk for pk, _name in agencies}:
        agency = None
    number = min(_positive(request.GET.get("page")) or 1, MAX_PAGE)
    found = selectors.find_answers(
        q=q, agency_id=agency, offset=(number - 1) * PER_PAGE, limit=PER_PAGE
    )
    page = Page(number=number, total=found.total, per_page=PER_PAGE)
    items = [(a, found.snippets.get(a.pk)) for a in found.items]
    query = urlencode([(k, v) for k, v in (("q", q), ("agency", agency or "")) if v])
    context = {
        **COLUMN,
        "article_title": _("公开答复库"),
        "items": items,
        "page": page,
        "q": q,
        "agency": agency,
        "agencies": agencies,
        "query": query,
    }
    return render(request, "portal/answers/list.html", render_context(request, context))


def _answer(pk):
    answer = selectors.public_answer(pk)
    if answer is None:
        raise Http404(_("该公开答复不存在或已撤回。"))
    return answer


def answer_detail(request, pk):
    # Not page-cached: a withdrawn answer must leave at once.
    answer = _answer(pk)
    context = {
        **COLUMN,
        "article_title": answer.title,
        "content_source": answer.agency.name,
        "answer": answer,
        "files": list(answer.answer_files.all()),
        "question": [p.strip() for p in answer.question.splitlines() if p.strip()],
        "reply": [p.strip() for p in answer.answer.splitlines() if p.strip()],
    }
    return render(request, "portal/answers/detail.html", render_context(request, context))


def answer_file(request, pk, file_pk):
    answer = _answer(pk)
    item = selectors.public_file(answer, file_pk)
    if item is None:
        raise Http404(_("该文件不存在或已不再公开。"))
    released = item.released_file
    name = f"{item.title}.{released.kind}"
    response = FileResponse(released.released.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
