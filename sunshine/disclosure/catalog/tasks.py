"""Background tasks of the catalog (django-tasks), run daily (apps.py). Both are idempotent:
a second run the same day changes nothing and tells nobody twice."""

from django_tasks import task


@task()
def check_stale_items() -> dict:
    """Recompute every item's stale flag; tell the officers of newly stale items."""
    from .stale import check_all_catalogs

    return check_all_catalogs()


@task()
def open_due_reviews() -> dict:
    """Open the yearly review of every catalog whose review date has come."""
    from .review import open_due_reviews as open_reviews

    return open_reviews()
