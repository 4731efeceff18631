"""没有找到？试试… : what the search page offers when a query found nothing, and the count of
each portal search (for 热门搜索). The suggestions themselves come from the search kernel
(query.py, suggest.py); this module only makes links of them."""

from django.urls import reverse

from sunshine.kernel.search.selectors import popular_queries
from sunshine.kernel.search.services import record_query

POPULAR_SHOWN = 8


def count_search(params: dict, results) -> None:
    """Count a search typed by a visitor (its first page only: paging is not searching again)."""
    if params["q"] and params["page"] == 1:
        record_query(params["q"], found=results.total > 0)


def zero_result_context(params: dict, results, query_string) -> dict:
    """Links for the page of a query that found nothing: corrected queries (did you mean),
    the popular searches, and the message form (留言) to ask a person. `query_string(params,
    **changes)` makes a search link that keeps the page's other parameters."""
    if results.total or not params["q"]:
        return {}
    typed = params["q"].lower()
    corrections = [{"q": q, "url": query_string(params, q=q)} for q in results.corrections]
    popular = [
        {"q": q, "url": query_string({}, q=q)}
        for q in popular_queries(POPULAR_SHOWN + 1)
        if q != typed
    ][:POPULAR_SHOWN]
    return {
        "zero_corrections": corrections,
        "zero_popular": popular,
        "zero_message_url": reverse("portal:messages_write"),
    }
