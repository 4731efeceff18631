"""The list endpoints' paging, once: `?limit=&offset=` bounded (a value beyond the bounds is a 422
in the common error shape, not a database error), and the `{"count", "items"}` page.

    @router.get("", response=BriefingPage)
    def list_briefings(request, limit: int = limit_param(20), offset: int = offset_param()):
        return page(selectors.public_briefings(), limit, offset)

Ids and years given in the query string are bounded the same way (`id_param`, `year_param`): a
number the database cannot hold is a 422 too."""

from ninja import Query

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000  # deeper than any list; a client that needs more filters the list
MAX_ID = 2**63 - 1  # BigAutoField


def limit_param(default: int, maximum: int = MAX_LIMIT):
    return Query(default, ge=1, le=maximum, description=f"每页条数（1–{maximum}）")


def offset_param():
    return Query(0, ge=0, le=MAX_OFFSET, description=f"跳过的条数（0–{MAX_OFFSET}）")


def page(items, limit: int, offset: int, wrap=list) -> dict:
    """`{"count": all items, "items": wrap(the slice)}`; `items` a queryset or a list."""
    count = len(items) if isinstance(items, list) else items.count()
    return {"count": count, "items": wrap(items[offset : offset + limit])}


def id_param(description: str = ""):
    """An optional object id in the query string."""
    return Query(None, ge=1, le=MAX_ID, description=description or None)


def year_param(description: str = ""):
    return Query(None, ge=1900, le=2100, description=description or None)
