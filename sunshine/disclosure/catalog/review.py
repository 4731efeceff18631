"""The periodic review of a catalog (目录年度审核; rules.md §2: catalogs are reviewed
periodically, default yearly).

When a catalog's `next_review_due` arrives, the daily task opens a review (an officer may also
open one early). The review runs on the deadline clock "catalog.review" (20 wd by default), so
it shows on the deadline dashboard, and the agency's disclosure officers are told. In it the
agency confirms each active item unchanged or changes it (an edit, a new item or a
deactivation while the review is open counts as "changed"); when every active item has a
decision the review is completed: `reviewed_at` is set, the next review is due one interval
later (settings.CATALOG_REVIEW_INTERVAL_MONTHS, default 12) and the clock stops. Every act is
audited."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from sunshine.kernel import clock
from sunshine.kernel.access.policy import require
from sunshine.kernel.audit.services import record_event
from sunshine.kernel.deadlines.selectors import clocks_for
from sunshine.kernel.deadlines.services import OPEN_STATES, start_clock, stop_clock

from .choices import Decision, ReviewState
from .models import Catalog, CatalogItem, CatalogReview, ItemReview
from .notices import tell_officers, workbench_url
from .timelimits import add_months

RULE = "catalog.review"
DEFAULT_INTERVAL_MONTHS = 12


def interval_months() -> int:
    return int(getattr(settings, "CATALOG_REVIEW_INTERVAL_MONTHS", DEFAULT_INTERVAL_MONTHS))


def next_review_date(today: dt.date) -> dt.date:
    return add_months(today, interval_months())


def open_review_of(catalog: Catalog) -> CatalogReview | None:
    return CatalogReview.objects.filter(catalog=catalog, state=ReviewState.OPEN).first()


def _decide(*, review: CatalogReview, item: CatalogItem, decision: str, actor, note: str):
    ItemReview.objects.update_or_create(
        review=review,
        item=item,
        defaults={"decision": decision, "note": note[:300], "actor": actor, "at": clock.now()},
    )


# --- Opening -----------------------------------------------------------------------------


@transaction.atomic
def open_review(*, catalog: Catalog, actor=None) -> CatalogReview:
    """Open a review of the catalog (actor None: the daily task, when it is due). Idempotent:
    an open review is returned as it is."""
    if actor is not None:
        require(actor, "catalog.review", catalog)
    Catalog.objects.select_for_update().filter(pk=catalog.pk).order_by("pk").first()
    existing = open_review_of(catalog)
    if existing is not None:
        return existing
    now = clock.now()
    title = _("%(catalog)s %(year)s年度审核") % {"catalog": catalog, "year": clock.today().year}
    try:
        with transaction.atomic():
            review = CatalogReview.objects.create(
                catalog=catalog, title=title[:200], opened_at=now, opened_by=actor
            )
    except IntegrityError:  # opened concurrently by another process
        return open_review_of(catalog)
    deadline = start_clock(obj=review, rule=RULE, agency=catalog.agency, actor=actor)
    review.due_date = deadline.due_date
    review.save(update_fields=["due_date"])
    record_event(
        action="catalog.review_open",
        actor=actor,
        obj=review,
        agency=catalog.agency,
        summary=review.title,
        data={"catalog": catalog.pk, "due_date": review.due_date},
    )
    tell_officers(
        agency=catalog.agency,
        event="catalog.review_opened",
        subject=_("请审核%(catalog)s") % {"catalog": catalog},
        body=_(
            "主动公开基本目录已到审核时间，请在 %(due)s 前逐项确认或修改目录事项，然后完成审核。"
        )
        % {"due": f"{review.due_date:%Y-%m-%d}"},
        obj=review,
        url=workbench_url("catalog_review", catalog.agency_id),
    )
    return review


def open_due_reviews() -> dict:
    """The daily task: open a review of every catalog whose review date has come. Each catalog
    in its own transaction; idempotent."""
    today = clock.today()
    due = Catalog.objects.filter(next_review_due__lte=today).exclude(
        reviews__state=ReviewState.OPEN
    )
    opened = []
    for catalog in due.select_related("agency"):
        open_review(catalog=catalog)
        opened.append(catalog.pk)
    return {"opened": len(opened), "catalogs": opened}


# --- Decisions ---------------------------------------------------------------------------


def note_change(*, item: CatalogItem, actor, note: str = "") -> None:
    """A change to an item while its catalog's review is open is the item's decision
    ("changed"). Called by the editing services, which checked "catalog.edit"."""
    review = open_review_of(item.catalog)
    if review is None:
        return
    _decide(review=review, item=item, decision=Decision.CHANGED, actor=actor, note=note)
    record_event(
        action="catalog.review_change",
        actor=actor,
        obj=item,
        agency=item.catalog.agency,
        summary=str(item)[:300],
        data={"review": review.pk, "note": note[:300]},
    )


@transaction.atomic
def confirm_item(*, item: CatalogItem, actor, note: str = "") -> ItemReview:
    """The agency confirms, in the open review, that the item stays as it is."""
    require(actor, "catalog.review", item)
    review = open_review_of(item.catalog)
    if review is None:
        raise ValidationError(_("目录当前没有进行中的审核。"))
    if not item.active:
        raise ValidationError(_("已停用的事项无需审核。"))
    _decide(review=review, item=item, decision=Decision.CONFIRMED, actor=actor, note=note)
    record_event(
        action="catalog.review_confirm",
        actor=actor,
        obj=item,
        agency=item.catalog.agency,
        summary=str(item)[:300],
        data={"review": review.pk, "note": note[:300]},
    )
    return ItemReview.objects.get(review=review, item=item)


def undecided_items(review: CatalogReview):
    """Active items of the catalog without a decision in this review."""
    decided = ItemReview.objects.filter(review=review).values("item_id")
    return review.catalog.items.filter(active=True).exclude(pk__in=decided)


@transaction.atomic
def complete_review(*, review: CatalogReview, actor) -> CatalogReview:
    """Close the review once every active item is confirmed or changed."""
    catalog = review.catalog
    require(actor, "catalog.review", catalog)
    review = CatalogReview.objects.select_for_update().get(pk=review.pk)
    if review.state != ReviewState.OPEN:
        raise ValidationError(_("该审核已经完成。"))
    pending = undecided_items(review).count()
    if pending:
        raise ValidationError(
            _("还有 %(n)s 个事项未确认或修改，请逐项审核后再完成。") % {"n": pending}
        )
    now = clock.now()
    review.state, review.completed_at, review.completed_by = ReviewState.COMPLETED, now, actor
    review.save(update_fields=["state", "completed_at", "completed_by"])
    before = {"reviewed_at": catalog.reviewed_at, "next_review_due": catalog.next_review_due}
    catalog.reviewed_at, catalog.next_review_due = now, next_review_date(clock.today())
    catalog.save(update_fields=["reviewed_at", "next_review_due"])
    for deadline in clocks_for(review).filter(rule=RULE, state__in=OPEN_STATES):
        stop_clock(clock=deadline, actor=actor, outcome=_("审核完成"), authorize=False)
    counts = dict.fromkeys(Decision.values, 0)
    for decision in review.decisions.values_list("decision", flat=True):
        counts[decision] += 1
    record_event(
        action="catalog.review_complete",
        actor=actor,
        obj=review,
        agency=catalog.agency,
        summary=review.title,
        data={"catalog": catalog.pk, **counts},
        before=before,
        after={"reviewed_at": catalog.reviewed_at, "next_review_due": catalog.next_review_due},
    )
    from .stale import refresh_items  # the review moves the stale check's starting point

    refresh_items(list(catalog.items.filter(active=True)))
    return review
