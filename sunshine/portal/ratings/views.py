"""好差评公示 on the portal (/hcp/): the satisfaction of each agency for a year and the
published outcomes of 差评整改 (/hcp/<id>/). Only aggregate numbers and published outcomes;
never who rated. Texts are masked (personal data) before they are shown."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sunshine.kernel import clock
from sunshine.kernel.accounts.masking import mask_personal_data
from sunshine.kernel.ratings.choices import LEVEL_ORDER, RatingLevel
from sunshine.kernel.ratings.registry import kind_label
from sunshine.kernel.ratings.selectors import (
    published_case,
    published_cases,
    satisfaction_by_agency,
    satisfaction_summary,
)

from ..pagecache import anonymous_page_cache, render_context

PAGE_SIZE = 20
FIRST_YEAR = 2019
COLUMN = {
    "current_column": "bsfw",
    "column_name": gettext_lazy("好差评公示"),
    "column_type": gettext_lazy("办事服务"),
}


def _year(request) -> int:
    this_year = clock.today().year
    try:
        year = int(request.GET.get("year", this_year))
    except (TypeError, ValueError):
        return this_year
    return year if FIRST_YEAR <= year <= this_year else this_year


def _present(case):
    case.kind_label = kind_label(case.kind)
    case.public_title = mask_personal_data(case.title or case.kind_label)
    case.public_comment = mask_personal_data(case.rating.comment or "")
    return case


@anonymous_page_cache
def hcp(request):
    import datetime as dt

    year = _year(request)
    since, until = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rows = satisfaction_by_agency(since=since, until=until)
    for row in rows:
        row["levels"] = [row["counts"][level] for level in LEVEL_ORDER]
    total = satisfaction_summary(since=since, until=until)
    page = Paginator(published_cases(), PAGE_SIZE).get_page(request.GET.get("page"))
    for case in page.object_list:
        _present(case)
    this_year = clock.today().year
    context = {
        **COLUMN,
        "article_title": _("好差评公示"),
        "year": year,
        "years": list(range(this_year, FIRST_YEAR - 1, -1)),
        "rows": rows,
        "total": total,
        "total_levels": [total["counts"][level] for level in LEVEL_ORDER],
        "level_labels": [RatingLevel(level).label for level in LEVEL_ORDER],
        "page": page,
    }
    return render(request, "portal/ratings/hcp.html", render_context(request, context))


@anonymous_page_cache
def hcp_case(request, pk):
    case = published_case(pk)
    if case is None:
        raise Http404(_("该整改结果不存在或尚未公示。"))
    _present(case)
    context = {
        **COLUMN,
        "article_title": case.public_title,
        "pub_date": f"{case.published_at:%Y-%m-%d}",
        "case": case,
    }
    return render(request, "portal/ratings/case.html", render_context(request, context))
