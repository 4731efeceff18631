"""问责结果通报 on the portal: the closed 问责 cases whose outcomes include 通报批评 and that the
general office published, with the notice's text (personal data masked when published). The
public sees the agency, the matter, the outcomes and the notice — never the case's internal
record (the lead, the findings, the persons named, the agency's account)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.governance.accountability import selectors

COLUMN = {
    "current_column": "wztb",
    "column_name": gettext_lazy("问责通报"),
    "column_type": gettext_lazy("监督问责"),
}
PAGE_SIZE = 20


def notice_list(request):
    page = Paginator(selectors.public_cases(), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {**COLUMN, "article_title": _("问责结果通报"), "page": page}
    return render(request, "portal/accountability/list.html", context)


def notice_detail(request, pk):
    case = selectors.public_case(pk)
    if case is None:
        raise Http404(_("该通报不存在或尚未公开。"))
    context = {
        **COLUMN,
        "article_title": case.title,
        "case": case,
        "outcomes": selectors.outcome_labels(case),
    }
    return render(request, "portal/accountability/detail.html", context)
