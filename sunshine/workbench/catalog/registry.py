"""What the catalog feature adds to the workbench: two kinds of work in
"my queue" (我的待办): stale catalog items (过期未公开) and open catalog reviews."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sunshine.disclosure.catalog.selectors import (
    open_reviews_for,
    stale_items_for,
    stale_summary_for,
)

from ..access import may_anywhere
from ..queues import QueueItem, register_queue_provider


def may_view(user) -> bool:
    return may_anywhere(user, "catalog.view_staff")


# Up to this many stale items of one catalog are listed one by one; more become one entry.
LIST_STALE_ITEMS = 3


def catalog_work(user, limit: int) -> list[QueueItem]:
    work = [
        QueueItem(
            title=r.title,
            url=reverse("workbench:catalog_review", args=[r.catalog.agency_id]),
            due=r.due_date,
            label=_("目录审核"),
        )
        for r in open_reviews_for(user, limit)
    ]
    summary = stale_summary_for(user)
    listed = {row["agency_id"] for row in summary if row["count"] <= LIST_STALE_ITEMS}
    for row in summary:
        if row["agency_id"] not in listed:
            url = reverse("workbench:catalog_agency", args=[row["agency_id"]])
            work.append(
                QueueItem(
                    title=_("%(agency)s：%(n)s 个目录事项过期未公开")
                    % {"agency": row["agency_name"], "n": row["count"]},
                    url=f"{url}?stale=1",
                    due=row["first_due"],
                    label=_("目录过期未公开"),
                )
            )
    if listed:
        for item in stale_items_for(user, limit, agency_ids=listed):
            agency = item.catalog.agency
            work.append(
                QueueItem(
                    title=f"{agency.short_name or agency.name}：{item}",
                    url=reverse("workbench:catalog_item", args=[item.pk]),
                    due=item.stale_due,
                    label=_("目录过期未公开"),
                )
            )
    return work


def register() -> None:
    register_queue_provider("catalog", catalog_work)
